"""Fixtures shared by the sync tests: a real central server and an enrolled outlet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from outlet_pos.bootstrap import App
from outlet_pos.central.reference import shipments
from tests.central_server import CentralServer


@pytest.fixture(params=["sqlite", "postgres"])
def central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentralServer]:
    """The server on SQLite, and again on a real PostgreSQL (skipped, saying why, without)."""
    url = request.getfixturevalue("pg_url_factory")("central") \
        if request.param == "postgres" else None
    srv = CentralServer(tmp_path / "central", url).start()
    yield srv
    srv.close()


def enroll(app: App, srv: CentralServer, manager_session, ca: str | None = None) -> None:
    code = srv.add_outlet(app.outlet.number)
    app.enrolment.online(manager_session, server=srv.url, code=code,
                         ca_pem=Path(ca).read_text() if ca else None, ca_path=ca)


@pytest.fixture
def enrolled(app: App, central: CentralServer) -> App:
    enroll(app, central, app.auth.login("manajer", "rahasia-manajer"))
    return app


def server_shipments(srv: CentralServer, outlet: int | None = None) -> list[dict]:
    return shipments(srv.engine, srv.secrets, outlet, personal=True)


def pending_bodies(app: App) -> dict[str, dict]:
    """Every pending outbox event of the outlet, decrypted: {event id: (kind, body)}."""
    with app.db.uow() as uow:
        return {i.event_id: (i.kind, i.body) for i in uow.queue.batch(1_000_000)}
