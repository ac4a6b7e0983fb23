"""The stored tariff row (``reference_data`` of kind ``tariff``), read as it is.

Only reading lives here: whether the server really signed the row is checked by
``services.tariffs.VerifiedTariffs`` with the wire protocol's verifier, and the
bundled tariff used before the first download comes from reference data; bootstrap
wires them together.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from sqlalchemy import select

from ..domain.stored_settings import SYNC_TARIFF_KEY
from .hotpath import compile_named, cursor
from .models import Meta, ReferenceData

_ref, _meta = ReferenceData.__table__, Meta.__table__
_VERSION = compile_named(select(_ref.c.version).where(_ref.c.kind == "tariff"),
                         literal=True)


class StoredTariffRow:
    """``services.tariffs.StoredTariff`` over the unit of work's connection.

    ``uow`` is the ``SqlUnitOfWork`` open now (typed loosely: storage does not import the
    services' ports; the service passes the unit of work it was given).
    """

    def version(self, uow: Any) -> str | None:
        """Only the version: no body is unpacked (each booking asks, so the statement is
        compiled once and run on the unit of work's cursor: storage/hotpath.py)."""
        row = cursor(uow.conn).execute(_VERSION).fetchone()
        return str(row[0]) if row else None

    def signed(self, uow: Any) -> tuple[str, dict[str, Any], str | None, str | None] | None:
        row = uow.conn.execute(select(_ref.c.version, _ref.c.body, _ref.c.signature)
                               .where(_ref.c.kind == "tariff")).first()
        if row is None:
            return None
        key: str | None = uow.conn.execute(
            select(_meta.c.value).where(_meta.c.key == SYNC_TARIFF_KEY.key)).scalar()
        return row.version, json.loads(gzip.decompress(row.body)), row.signature, key
