"""The tariff in force: the last signed table the server sent, checked again, else the
bundled one.

The check lives here, not in storage: storage only hands over the stored row
(``StoredTariff``), the signature check is the wire protocol's (``TariffVerifier``) and
the bundled table is reference data (``fallback``); bootstrap wires all three. The table
is parsed and checked once per version; each booking then reads only the version number,
inside its own transaction when it passes its unit of work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from ..domain.errors import AppError
from ..domain.tariff import TariffTable
from ..i18n import Msg
from .ports import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

#: (version, body, signature, the server's tariff public key) as stored.
SignedTariff = tuple[str, dict[str, Any], str | None, str | None]
#: (public key, body, signature) → True when the server signed exactly this body.
TariffVerifier = Callable[[str, dict[str, Any], str], bool]


class TariffTampered(AppError):
    """The stored tariff does not carry the server's signature: it was edited at rest."""

    default_remedy = Msg("run 'outlet-pos tariffs update' to fetch the signed tariff again")

    def __init__(self) -> None:
        super().__init__(Msg("the stored tariff fails its signature check"))


class StoredTariff(Protocol):
    """The tariff row the sync worker stored, read in the caller's transaction."""

    def version(self, uow: UnitOfWork) -> str | None: ...
    def signed(self, uow: UnitOfWork) -> SignedTariff | None: ...


class VerifiedTariffs:
    """``TariffSource``: the stored tariff once its signature holds, else the bundled one."""

    def __init__(self, uow: UnitOfWorkFactory, stored: StoredTariff, verify: TariffVerifier,
                 fallback: Callable[[], TariffTable]) -> None:
        self._uow = uow
        self._stored = stored
        self._verify = verify
        self._fallback = fallback
        self._lock = threading.Lock()  # the GUI thread and the sync worker both quote
        self._cached: tuple[str, TariffTable] | None = None

    def current(self, uow: UnitOfWork | None = None) -> TariffTable:
        """The table in force, read in ``uow`` when given (else in a transaction of its own)."""
        if uow is None:
            with self._uow() as own:
                return self._current(own)
        return self._current(uow)

    def _current(self, uow: UnitOfWork) -> TariffTable:
        version = self._stored.version(uow)
        if version is None:
            return self._fallback()
        with self._lock:
            if self._cached and self._cached[0] == version:
                return self._cached[1]
        got = self._stored.signed(uow)
        if got is None:  # cannot happen in one transaction; a caller's bug otherwise
            raise RuntimeError("the stored tariff row vanished while it was read")
        version, body, signature, key = got
        if not key or not signature or not self._verify(key, body, signature):
            log.error("stored tariff %s fails its signature check", version)
            raise TariffTampered()
        table = TariffTable.from_dict(body)
        with self._lock:
            self._cached = (version, table)
        return table
