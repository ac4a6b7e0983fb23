"""The server's ingest path on SQLite and PostgreSQL: one batch applies what it can and says
why it refused the rest, each event at most once, with a fixed set of statements whatever
the batch size, and the unzip and parse off the event loop (issues 19 and 20)."""

from __future__ import annotations

import asyncio
import copy
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select

from outlet_pos.central import upload as central_upload
from outlet_pos.central.db import make_engine, utc_now
from outlet_pos.central.enrollment import DeviceRow, add_outlet, provision
from outlet_pos.central.ingest import Ingest
from outlet_pos.central.models import Event, Shipment, TrackingEvent
from outlet_pos.central.secrets_file import load_or_create
from outlet_pos.domain.waybill import make_waybill
from outlet_pos.services.events import shipment_voided
from tests.central_server import CentralServer
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll, pending_bodies

MANAGER = ("manajer", "rahasia-manajer")


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = request.getfixturevalue("pg_url_factory")("ingest") \
        if request.param == "postgres" else f"sqlite:///{tmp_path / 'central.db'}"
    eng = make_engine(url)
    yield eng
    eng.dispose()


def _device(engine: Engine, app: Any) -> DeviceRow:
    add_outlet(engine, utc_now, app.outlet.number, "Outlet Uji")
    dev = provision(engine, utc_now, app.outlet.number, app.outlet.terminal)
    return DeviceRow(dev["device_id"], app.outlet.number, app.outlet.terminal, "active")


def _created(app: Any, n: int) -> list[dict[str, Any]]:
    """``n`` shipment.created events as the outlet sends them: one booked for real, the
    rest copies with their own shipment id and waybill number."""
    book_random(app, app.auth.login(*MANAGER), 1)
    ((event_id, (kind, body)),) = pending_bodies(app).items()
    base = {"id": event_id, "kind": kind, "created_at": body["booked_at"], "body": body}
    out = [base]
    for i in range(1, n):
        e = copy.deepcopy(base)
        e["id"] = str(uuid.uuid4())
        e["body"]["shipment_id"] = str(uuid.uuid4())
        e["body"]["waybill"] = make_waybill(app.outlet.number, app.outlet.terminal, 50_000 + i)
        out.append(e)
    return out


def _count(engine: Engine, model: Any) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_batch_applies_what_it_can_rejects_the_rest_with_reasons_and_repeats_as_duplicates(
        app, engine, tmp_path):
    dev = _device(engine, app)
    ingest = Ingest(engine, load_or_create(tmp_path / "central.secrets"), utc_now)
    events = _created(app, 6)
    taken = copy.deepcopy(events[1])  # another shipment with a waybill already in the batch
    taken["id"] = str(uuid.uuid4())
    taken["body"]["shipment_id"] = str(uuid.uuid4())
    nul = copy.deepcopy(events[2])
    nul["id"] = str(uuid.uuid4())
    nul["body"]["service"] = "RE\x00G"
    void = {"id": str(uuid.uuid4()), "kind": "shipment.voided",
            "created_at": events[3]["created_at"],
            "body": shipment_voided(events[3]["body"]["shipment_id"],
                                    events[3]["body"]["waybill"], "salah timbang",
                                    "manajer", events[3]["created_at"])}
    batch = [*events, taken, nul, void]

    first = ingest.apply(dev, batch, None)
    assert [r["result"] for r in first] == ["applied"] * 6 + ["rejected", "rejected",
                                                                "applied"]
    assert "already belongs to another shipment" in first[6]["reason"]
    assert "NUL" in first[7]["reason"]
    assert _count(engine, Shipment) == 6 and _count(engine, Event) == 7
    assert _count(engine, TrackingEvent) == 7  # six BOOKED, one VOIDED
    with engine.connect() as c:
        status = dict(c.execute(select(Shipment.id, Shipment.status)).all())
        voided_at = c.execute(select(Shipment.voided_at).where(
            Shipment.id == events[3]["body"]["shipment_id"])).scalar_one()
    assert status.pop(events[3]["body"]["shipment_id"]) == "void"
    assert set(status.values()) == {"booked"} and voided_at == events[3]["created_at"]

    again = ingest.apply(dev, batch, None)  # the client did not hear the answer: resends
    assert [r["result"] for r in again] == ["duplicate"] * 6 + ["rejected", "rejected",
                                                                  "duplicate"]
    changed = copy.deepcopy(events[0])
    changed["body"]["service"] = "YES"
    assert ingest.apply(dev, [changed], None)[0] == {
        "id": changed["id"], "result": "rejected",
        "reason": "idempotency key already used with a different body"}
    assert _count(engine, Shipment) == 6 and _count(engine, Event) == 7


def test_the_statements_of_a_batch_are_the_same_for_any_batch_size(app, engine, tmp_path):
    """Look-ups bind a whole list as one parameter and inserts take every row at once, so
    a batch of 40 runs the same few statement texts as a batch of 4 (compiled once)."""
    dev = _device(engine, app)
    ingest = Ingest(engine, load_or_create(tmp_path / "central.secrets"), utc_now)
    events = _created(app, 45)
    ingest.apply(dev, events[:1], {"seq": 5, "hash": "5" * 64})  # the month's key is made
    seen: list[tuple[str, bool]] = []

    def record(_c: Any, _cur: Any, statement: str, _p: Any, _ctx: Any, many: bool) -> None:
        seen.append((statement, many))

    event.listen(engine, "before_cursor_execute", record)
    try:
        ingest.apply(dev, events[1:5], {"seq": 7, "hash": "7" * 64,
                                        "earlier": {"seq": 5, "hash": "5" * 64}})
        small = list(seen)
        seen.clear()
        ingest.apply(dev, events[5:], {"seq": 9, "hash": "9" * 64,
                                       "earlier": {"seq": 7, "hash": "7" * 64}})
        large = list(seen)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert small == large
    assert len(large) <= 14, large  # begin, look-ups, key, inserts, audit, commit
    assert _count(engine, Shipment) == 45


def test_upload_unzips_and_parses_in_a_worker_thread_not_on_the_event_loop(
        app, tmp_path, monkeypatch):
    on_loop: list[bool] = []
    inflate = central_upload.inflate

    def watched(*args: Any, **kwargs: Any) -> bytes:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return inflate(*args, **kwargs)

    monkeypatch.setattr(central_upload, "inflate", watched)
    srv = CentralServer(tmp_path / "central").start()
    try:
        enroll(app, srv, app.auth.login(*MANAGER))
        book_random(app, app.auth.login(*MANAGER), 3)
        assert app.sync.sync_once().applied == 3
    finally:
        srv.close()
    assert on_loop and not any(on_loop)
