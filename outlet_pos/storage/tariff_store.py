"""The tariff in force: the last signed table the server sent, else the bundled sample.

The table is parsed (and its signature checked again) once per version; each
booking only reads the version number.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import select

from ..domain.tariff import TariffTable
from ..refdata.tariffs import load_sample_tariff
from ..sync import wire
from .crypto import TamperedData
from .models import Meta, ReferenceData
from .uow import SqlUnitOfWork

log = logging.getLogger(__name__)
_ref, _meta = ReferenceData.__table__, Meta.__table__


class StoredTariffs:
    """TariffSource over the ``reference_data`` row of kind ``tariff``."""

    def __init__(self, uow: Callable[..., SqlUnitOfWork]) -> None:
        self._uow = uow
        self._lock = threading.Lock()
        self._cached: tuple[str, TariffTable] | None = None

    def current(self) -> TariffTable:
        with self._uow() as uow:
            version = uow.conn.execute(select(_ref.c.version)
                                       .where(_ref.c.kind == "tariff")).scalar()
            if version is None:
                return load_sample_tariff()
            with self._lock:
                if self._cached and self._cached[0] == version:
                    return self._cached[1]
            got = uow.sync.reference("tariff")
            key = uow.conn.execute(select(_meta.c.value)
                                   .where(_meta.c.key == "sync_tariff_key")).scalar()
        assert got is not None
        _, body, signature = got
        if not key or not signature or not wire.tariff_is_signed(key, body, signature):
            log.error("stored tariff %s fails its signature check", version)
            raise TamperedData("the stored tariff fails its signature check; run "
                               "'outlet-pos tariffs update'")
        table = TariffTable.from_dict(body)
        with self._lock:
            self._cached = (version, table)
        return table
