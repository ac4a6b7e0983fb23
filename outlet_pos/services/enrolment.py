"""Enrolment: giving this terminal its device credential, role-checked and audited.

Who may enrol (``Action.ENROLL_DEVICE``), what is kept (the credential, the
terminal the server or the file gave, a device that is no longer revoked) and
the audit row are decided here. The exchange itself (an enrolment code over
HTTPS, or an offline provisioning file) sits behind ``EnrolmentExchange``:
``sync.enroll`` implements it. The exchange refuses another outlet's code or
file before anything here changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ..domain.enrolment import Enrolled
from ..domain.records import DeviceCredential
from ..domain.roles import Action
from ..domain.stored_settings import OUTLET_NUMBER, SYNC_REVOKED_DEVICE, TERMINAL
from .auth import UserSession
from .ports import Clock, UnitOfWorkFactory
from .refusals import require


class EnrolmentExchange(Protocol):
    def by_code(self, *, server: str, code: str, terminal: int, origin_district: str,
                outlet: int, replaces: DeviceCredential | None, ca_pem: str | None,
                ca_path: str | None) -> Enrolled: ...

    def by_file(self, path: Path, *, outlet: int) -> Enrolled: ...


class EnrolmentService:
    """``online``/``offline`` may block on the network or the disk: run them off the GUI
    thread. ``terminal`` and ``origin_district`` are this outlet's (``OutletInfo``)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, exchange: EnrolmentExchange, *,
                 terminal: int, origin_district: str) -> None:
        self._uow, self._clock, self._exchange = uow, clock, exchange
        self._terminal, self._origin = terminal, origin_district

    def online(self, session: UserSession, *, server: str, code: str,
               ca_pem: str | None = None, ca_path: str | None = None) -> Enrolled:
        """Exchange ``code`` for a device id bound to a key made here (it never leaves).

        Enrolling again, the PC signs the new key with its old one: the server then keeps
        its terminal. The answer's terminal is adopted: it may differ when another PC held
        the one asked for."""
        require(self._uow, session, Action.ENROLL_DEVICE)
        mine, old = self._mine()
        got = self._exchange.by_code(server=server, code=code, terminal=self._terminal,
                                     origin_district=self._origin, outlet=mine, replaces=old,
                                     ca_pem=ca_pem, ca_path=ca_path)
        self._store(got, session, "code")
        return got

    def offline(self, session: UserSession, path: Path) -> Enrolled:
        """Like ``online``, from a file the server made; the file's terminal is adopted."""
        require(self._uow, session, Action.ENROLL_DEVICE)
        got = self._exchange.by_file(path, outlet=self._mine()[0])
        self._store(got, session, "provisioning_file")
        return got

    def terminal(self) -> int:
        """The terminal as the last enrolment left it (the server's), else this outlet's."""
        with self._uow() as uow:
            stored = uow.meta.get(TERMINAL.key)  # as stored: a damaged value is ignored
        return int(stored) if stored and stored.isdecimal() else self._terminal

    def _mine(self) -> tuple[int, DeviceCredential | None]:
        with self._uow() as uow:
            return OUTLET_NUMBER.read(uow.meta) or 0, uow.device.get()

    def _store(self, got: Enrolled, session: UserSession, how: str) -> None:
        """Keep the credential; with a terminal, the one given (the series the PC numbers
        its waybills in from now on). A new credential is not a revoked one."""
        cred = got.credential
        with self._uow(write=True) as uow:
            uow.device.set(cred, self._clock())
            SYNC_REVOKED_DEVICE.clear(uow.meta)
            details: dict[str, Any] = {"how": how}
            old = uow.meta.get(TERMINAL.key)
            if got.terminal is not None and old != str(got.terminal):
                TERMINAL.write(uow.meta, got.terminal)
                details.update(terminal_was=old, terminal=got.terminal)
            uow.audit.append(session.username, "device_enrolled", cred.device_id, details)
            uow.commit()
