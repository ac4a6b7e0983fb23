"""The enrolment service on its own: the role check comes before any exchange, a failed
exchange keeps nothing, a good one keeps the credential, adopts the terminal and is
audited. The exchange is a recording fake of the port (the real one, over HTTP, is
covered by test_enrollment_checks.py against a loopback server)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from outlet_pos.domain.errors import AppError
from outlet_pos.domain.records import DeviceCredential
from outlet_pos.domain.roles import NotAllowed
from outlet_pos.domain.stored_settings import SYNC_REVOKED_DEVICE
from outlet_pos.services.enrolment import Enrolled, EnrolmentService
from tests.conftest import CLERK, MANAGER


def _cred(device: str) -> DeviceCredential:
    return DeviceCredential(server="https://pusat.example.co.id", device_id=device,
                            seed=bytes(32), tariff_public_key="kunci")


@dataclass
class FakeExchange:
    answers: list[Enrolled | Exception]
    calls: list[dict[str, Any]] = field(default_factory=list)

    def _next(self, **told: Any) -> Enrolled:
        self.calls.append(told)
        got = self.answers.pop(0)
        if isinstance(got, Exception):
            raise got
        return got

    def by_code(self, **told: Any) -> Enrolled:
        return self._next(**told)

    def by_file(self, path: Path, *, outlet: int) -> Enrolled:
        return self._next(path=path, outlet=outlet)


def _service(app, exchange: FakeExchange) -> EnrolmentService:
    return EnrolmentService(app.db.uow, app.clock, exchange, terminal=app.outlet.terminal,
                            origin_district=app.outlet.origin_district)


def _enrolled_rows(app) -> list[dict[str, Any]]:
    with app.db.uow() as uow:
        return uow.audit.entries(action="device_enrolled")


def test_a_clerk_is_refused_before_anything_is_asked(app) -> None:
    exchange = FakeExchange([Enrolled(_cred("d-1"), 3)])
    service = _service(app, exchange)
    for call in (lambda s: service.online(s, server="https://x.example", code="42-AB"),
                 lambda s: service.offline(s, Path("prov.json"))):
        with pytest.raises(NotAllowed):
            call(app.auth.login(*CLERK))
    assert exchange.calls == [] and app.preferences.enrolled_server() is None


def test_a_failed_exchange_keeps_nothing(app) -> None:
    service = _service(app, FakeExchange([AppError("server offline")]))
    with pytest.raises(AppError):
        service.online(app.auth.login(*MANAGER), server="https://x.example", code="42-AB")
    assert app.preferences.enrolled_server() is None and _enrolled_rows(app) == []


def test_a_good_exchange_is_kept_adopts_the_terminal_and_is_audited(app) -> None:
    with app.db.uow(write=True) as uow:  # as a revoked PC stands before it enrols again
        SYNC_REVOKED_DEVICE.write(uow.meta, "d-old")
        uow.commit()
    exchange = FakeExchange([Enrolled(_cred("d-1"), 5, ("d-0",)), Enrolled(_cred("d-2"))])
    service = _service(app, exchange)
    boss = app.auth.login(*MANAGER)
    got = service.online(boss, server="https://pusat.example.co.id", code="42-AB")
    assert got.device_id == "d-1" and got.replaced == ("d-0",)
    assert exchange.calls[0] == {
        "server": "https://pusat.example.co.id", "code": "42-AB", "terminal": 3,
        "origin_district": app.outlet.origin_district, "outlet": 42, "replaces": None,
        "ca_pem": None, "ca_path": None}
    assert service.terminal() == 5
    assert app.preferences.enrolled_server() == ("https://pusat.example.co.id", "d-1")
    with app.db.uow() as uow:
        assert uow.meta.get(SYNC_REVOKED_DEVICE.key) == ""  # a new credential is not a revoked one
    service.offline(boss, Path("prov.json"))  # no terminal in the file: ours stays
    assert exchange.calls[1] == {"path": Path("prov.json"), "outlet": 42}
    assert service.terminal() == 5
    rows = _enrolled_rows(app)
    assert [(r["actor"], r["subject"]) for r in rows] == [("manajer", "d-1"),
                                                          ("manajer", "d-2")]
    assert rows[0]["details"] == {"how": "code", "terminal_was": "3", "terminal": 5}
    assert rows[1]["details"] == {"how": "provisioning_file"}


def test_enrolling_again_hands_the_held_credential_to_the_exchange(app) -> None:
    exchange = FakeExchange([Enrolled(_cred("d-1"), 3), Enrolled(_cred("d-2"), 3)])
    service = _service(app, exchange)
    boss = app.auth.login(*MANAGER)
    service.online(boss, server="https://pusat.example.co.id", code="42-AB")
    service.online(boss, server="https://pusat.example.co.id", code="42-CD")
    held = exchange.calls[1]["replaces"]
    assert held is not None and held.device_id == "d-1"
