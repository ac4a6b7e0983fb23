"""Fleet health on the server (issue 20): each device's report kept in one row, the fleet's
problems listed, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, create_engine, event, func, inspect, select, update

from outlet_pos import __version__
from outlet_pos.bootstrap import doctor_for
from outlet_pos.central import cli, fleet, migrations
from outlet_pos.central import upload as central_upload
from outlet_pos.central.app import create_app
from outlet_pos.central.db import iso, make_engine, utc_now
from outlet_pos.central.enrollment import add_outlet, provision, revoke
from outlet_pos.central.fleet import HealthRecorder, fleet_status, record
from outlet_pos.central.models import Device, Event, TerminalHealthRow
from outlet_pos.central.schemas import AuditHead, OutboxEvent
from outlet_pos.central.secrets_file import load_or_create
from outlet_pos.domain.doctor_facts import ServerFacts
from outlet_pos.protocol import wire
from outlet_pos.protocol.health import HealthReport
from tests.central_server import CentralServer
from tests.reliability.pii import pii_in_text
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll, pending_bodies

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = request.getfixturevalue("pg_url_factory")("fleet") \
        if request.param == "postgres" else f"sqlite:///{tmp_path / 'central.db'}"
    eng = make_engine(url)
    yield eng
    eng.dispose()


@pytest.fixture(autouse=True)
def _written_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports reach the table as they are taken, not ``FLUSH_EVERY`` later (tested apart)."""
    monkeypatch.setattr(fleet, "FLUSH_EVERY", timedelta(0))


def _clock() -> datetime:
    return NOW


def _terminal(engine: Engine, outlet: int, terminal: int, *, seen: datetime | None,
              timezone: str = "Asia/Jakarta") -> str:
    add_outlet(engine, _clock, outlet, f"Outlet {outlet}", timezone=timezone)
    device_id = str(provision(engine, _clock, outlet, terminal)["device_id"])
    if seen is not None:
        with engine.begin() as c:
            c.execute(update(Device.__table__).where(Device.__table__.c.id == device_id)
                      .values(last_seen=iso(seen)))
    return device_id


def _report(**kw: Any) -> HealthReport:
    return HealthReport.model_validate({"app_version": "0.2.0", "queue_depth": 0, **kw})


def _rows(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(TerminalHealthRow)).scalar_one())


def test_each_problem_is_named_and_a_healthy_terminal_is_not_listed(engine):
    well = _terminal(engine, 1201, 1, seen=NOW - timedelta(minutes=5))
    parked = _terminal(engine, 1201, 2, seen=NOW - timedelta(minutes=5))
    doctor = _terminal(engine, 1202, 1, seen=NOW - timedelta(hours=1))
    faulty = _terminal(engine, 1203, 1, seen=NOW - timedelta(hours=2), timezone="Asia/Makassar")
    silent = _terminal(engine, 1204, 1, seen=NOW - timedelta(hours=25))
    never = _terminal(engine, 1205, 1, seen=None)
    record(engine, well, _report(queue_depth=3, oldest_queued_s=40), NOW)
    record(engine, parked, _report(parked=2), NOW)
    record(engine, doctor, _report(doctor_failing=["backup", "printer"],
                                   doctor_at=2_300_000_000), NOW)  # 2042: a 64-bit column
    record(engine, faulty, _report(faults=["printer.paper_out"]), NOW)
    record(engine, silent, _report(), NOW - timedelta(hours=25))

    listed = {t.device_id: t for t in fleet_status(engine, NOW)}

    assert well not in listed
    assert listed[parked].problems == ("parked",) and listed[parked].parked == 2
    assert listed[doctor].problems == ("doctor",)
    assert listed[doctor].doctor_failing == ("backup", "printer")
    assert listed[faulty].problems == ("faults",)
    assert listed[faulty].faults == ("printer.paper_out",)
    assert listed[faulty].timezone == "Asia/Makassar"
    assert listed[silent].problems == ("silent",)
    assert listed[never].problems == ("silent",) and listed[never].last_seen is None
    assert listed[never].app_version is None
    assert [(t.outlet, t.terminal) for t in listed.values()] == [
        ("1201", "2"), ("1202", "1"), ("1203", "1"), ("1204", "1"), ("1205", "1")]
    everyone = fleet_status(engine, NOW, only_problems=False)
    mine = next(t for t in everyone if t.device_id == well)
    assert (mine.queue_depth, mine.oldest_queued_s, mine.problems) == (3, 40, ())
    assert mine.last_seen == NOW and mine.app_version == "0.2.0"
    assert fleet_status(engine, NOW, silent_after=timedelta(hours=26)) != listed
    for kw in ({}, {"silent_after": timedelta(hours=1, minutes=30)},
               {"silent_after": timedelta(hours=26)}, {"min_version": "0.2.1"},
               {"min_version": "0.1"}):  # the database's pick is the loop's judgement
        assert fleet_status(engine, NOW, **kw) == [
            t for t in fleet_status(engine, NOW, only_problems=False, **kw) if t.problems]


def test_versions_compare_as_numbers_and_an_unknown_version_is_old(engine):
    nine = _terminal(engine, 1301, 1, seen=NOW)
    ten = _terminal(engine, 1301, 2, seen=NOW)
    unknown = _terminal(engine, 1301, 3, seen=NOW)  # an old terminal: batches, no report
    record(engine, nine, _report(app_version="1.9.3"), NOW)
    record(engine, ten, _report(app_version="1.10.0"), NOW)

    old = {t.device_id: t.problems for t in fleet_status(engine, NOW, min_version="1.10")}

    assert old == {nine: ("old_version",), unknown: ("old_version",)}
    assert [t.device_id for t in fleet_status(engine, NOW, min_version="1.9")] == [unknown]
    assert fleet_status(engine, NOW) == []  # no version asked for: none is old


def test_one_row_per_device_overwritten_and_revoked_devices_are_not_listed(engine):
    dev = _terminal(engine, 1401, 1, seen=NOW)
    for n in range(5):
        record(engine, dev, _report(queue_depth=n, parked=n), NOW + timedelta(seconds=n))
    assert _rows(engine) == 1
    (t,) = fleet_status(engine, NOW + timedelta(seconds=5))
    assert (t.queue_depth, t.parked, t.reported_at) == (4, 4, NOW + timedelta(seconds=4))
    revoke(engine, _clock, dev)
    assert fleet_status(engine, NOW) == []


def test_the_recorder_drops_a_bad_report_and_writes_a_changed_one_at_once(engine, caplog):
    dev = _terminal(engine, 1501, 1, seen=NOW)
    recorder = HealthRecorder(engine, _clock)
    recorder.note(dev, {"app_version": "0.2.0", "queue_depth": -1})
    recorder.note(dev, {"app_version": "Budi Santoso 0812", "queue_depth": 1})
    recorder.note(dev, None)
    assert _rows(engine) == 0
    assert "health report dropped (health.queue_depth: greater_than_equal)" in caplog.text
    assert "Budi" not in caplog.text and "0812" not in caplog.text

    recorder.note(dev, {"app_version": "0.2.0", "queue_depth": 7})
    recorder.note(dev, {"app_version": "0.2.0", "queue_depth": 6})  # only the depth: later
    (t,) = fleet_status(engine, NOW, only_problems=False)
    assert t.queue_depth == 7
    recorder.note(dev, {"app_version": "0.2.0", "queue_depth": 5, "parked": 1})
    (t,) = fleet_status(engine, NOW)
    assert (t.queue_depth, t.parked, t.problems) == (5, 1, ("parked",))



def test_reports_taken_are_written_together_a_moment_later_in_one_statement(engine):
    devices = [_terminal(engine, 1550 + n // 3, n % 3 + 1, seen=NOW) for n in range(30)]
    recorder = HealthRecorder(engine, _clock, flush_every=timedelta(hours=1))
    inserts: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: inserts.append(sql) if "INTO terminal_health" in sql
                 else None)
    for n, dev in enumerate(devices):
        recorder.note(dev, {"app_version": "0.2.0", "queue_depth": n})
    assert _rows(engine) == 0  # taken, not yet written
    assert recorder.flush() == 30 and _rows(engine) == 30
    if engine.dialect.name == "postgresql":
        assert len(inserts) == 1  # all 30 in one statement
    assert recorder.flush() == 0

    soon = HealthRecorder(engine, _clock, flush_every=timedelta(milliseconds=50))
    soon.note(devices[0], {"app_version": "0.2.0", "queue_depth": 99})
    deadline = time.monotonic() + 10
    while fleet_status(engine, NOW, only_problems=False)[0].queue_depth != 99:
        assert time.monotonic() < deadline, "the timer never wrote the report"
        time.sleep(0.02)


def _events(app: Any) -> list[dict[str, Any]]:
    book_random(app, app.auth.login("manajer", "rahasia-manajer"), 2)
    return [{"id": eid, "kind": kind, "created_at": body["booked_at"], "body": body}
            for eid, (kind, body) in pending_bodies(app).items()]


def _post(client: TestClient, dev: dict[str, Any], batch: dict[str, Any]) -> Any:
    body = wire.encode_batch(batch)
    headers = wire.sign_headers(wire.unb64(dev["device_key"]), dev["device_id"], "POST",
                                f"{wire.API}/events", body, int(NOW.timestamp()))
    return client.post(f"{wire.API}/events", content=body, headers={
        **headers, "Content-Type": "application/json", "Content-Encoding": "gzip"})


def test_a_batch_without_or_with_a_bad_report_is_applied_and_no_report_kept(
        app, engine, tmp_path, caplog):
    add_outlet(engine, _clock, app.outlet.number, "Outlet Uji")
    dev = provision(engine, _clock, app.outlet.number, app.outlet.terminal)
    sent: set[str] = set()
    with TestClient(create_app(engine, load_or_create(tmp_path / "s"), _clock)) as client:
        for health in (
                None,  # a terminal older than reports
                {"app_version": "0.2.0", "queue_depth": 2, "faults": ["Jl. Merdeka 17"]},
                {"app_version": "0.2.0", "queue_depth": "two"},
                {"app_version": "0.2.0", "queue_depth": 2, "doctor_failing": ["x"] * 21}):
            events = [e for e in _events(app) if e["id"] not in sent]
            sent.update(e["id"] for e in events)
            r = _post(client, dev, {"events": events, "audit_head": None, "health": health})
            assert r.status_code == 200, r.text
            assert [x["result"] for x in r.json()["results"]] == ["applied", "applied"]
    with engine.connect() as c:
        assert c.execute(select(func.count()).select_from(Event)).scalar_one() == 8
    assert _rows(engine) == 0
    assert caplog.text.count("health report dropped") == 3 and "Merdeka" not in caplog.text
    (t,) = fleet_status(engine, NOW, only_problems=False)
    assert t.app_version is None and t.last_seen == NOW  # seen by its batches all the same


def test_a_batch_s_report_is_kept_for_its_device(app, engine, tmp_path):
    add_outlet(engine, _clock, app.outlet.number, "Outlet Uji")
    dev = provision(engine, _clock, app.outlet.number, app.outlet.terminal)
    health = {"app_version": "0.2.0", "queue_depth": 2, "oldest_queued_s": 90, "parked": 1,
              "doctor_at": 1_764_640_000, "doctor_failing": ["backup"],
              "faults": ["printer.paper_out"], "from_a_newer_terminal": 1}
    with TestClient(create_app(engine, load_or_create(tmp_path / "s"), _clock)) as client:
        r = _post(client, dev, {"events": _events(app), "audit_head": None, "health": health})
    assert r.status_code == 200, r.text
    (t,) = fleet_status(engine, NOW)
    assert (t.device_id, t.outlet, t.terminal) == (
        dev["device_id"], str(app.outlet.number), str(app.outlet.terminal))
    assert (t.queue_depth, t.oldest_queued_s, t.parked, t.doctor_failing, t.faults) == (
        2, 90, 1, ("backup",), ("printer.paper_out",))
    assert t.problems == ("parked", "doctor", "faults") and t.reported_at == NOW


# ------------------------------------------------------------------ from the terminal

def test_a_terminal_reports_its_health_with_its_batches(app, central, clock):
    boss = app.auth.login("manajer", "rahasia-manajer")
    enroll(app, central, boss)
    # doctor as the technician runs it: no printer is set up, so its check fails
    doctor_for(app.settings, clock, free_bytes=lambda _p: 50 * 1024**3,
               server=lambda *_a: ServerFacts(ok=True, skew_s=0)).run()
    book_random(app, boss, 5)
    with app.db.uow() as uow:
        waiting = uow.queue.stats().pending
    app.worker.batch_size = 2  # several batches: the first reports a backlog, the last none

    report = app.sync.sync_once()

    assert report.error is None and report.applied == waiting >= 5
    (t,) = fleet_status(central.engine, utc_now(), only_problems=False)
    assert (t.outlet, t.terminal) == (str(app.outlet.number), str(app.outlet.terminal))
    assert t.app_version == __version__ and t.queue_depth == 0 and t.parked == 0
    assert t.oldest_queued_s is not None and t.oldest_queued_s >= 0
    assert "printer" in t.doctor_failing and "database" not in t.doctor_failing
    assert "doctor" in t.problems and "silent" not in t.problems
    with central.engine.connect() as c:
        row = c.execute(select(TerminalHealthRow.__table__)).one()
    assert pii_in_text(str(tuple(row))) == []


def test_an_older_server_that_refuses_the_report_gets_every_event_in_one_more_request(
        app, tmp_path, monkeypatch):
    bodies: list[bool] = []  # per batch the server parsed: did it carry a report?

    class OldBatch(BaseModel):  # Batch before fleet health: no such field, extras refused
        model_config = ConfigDict(extra="forbid")
        audit_head: AuditHead | None = None
        events: list[OutboxEvent] = Field(max_length=wire.MAX_BATCH)
        health: ClassVar[None] = None  # not a field: what today's route reads of it

    parse = central_upload.parse_batch  # parses with the module's Batch: OldBatch below

    def recording(raw: bytes) -> Any:
        bodies.append(b'"health"' in raw)
        return parse(raw)

    monkeypatch.setattr(central_upload, "Batch", OldBatch)
    monkeypatch.setattr(central_upload, "parse_batch", recording)
    srv = CentralServer(tmp_path / "old").start()
    try:
        boss = app.auth.login("manajer", "rahasia-manajer")
        enroll(app, srv, boss)
        book_random(app, boss, 4)
        first = app.sync.sync_once()
        assert bodies == [True, False]  # refused once with its report, then sent without
        book_random(app, boss, 2)
        second = app.sync.sync_once()
        assert bodies == [True, False, False]  # and no later batch carries one
        assert first.error is None and second.error is None
        assert first.parked == second.parked == 0
        with app.db.uow() as uow:
            stats = uow.queue.stats()
        assert (stats.pending, stats.parked) == (0, 0)
        assert _rows(srv.engine) == 0
    finally:
        srv.close()


# ------------------------------------------------------------------ the schema step

@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_c0003_adds_the_table_to_a_c0002_database_as_the_model_has_it(
        backend, tmp_path, request):
    url = request.getfixturevalue("pg_url_factory")("c0003") \
        if backend == "postgres" else f"sqlite:///{tmp_path / 'old.db'}"
    bare = create_engine(url)
    if backend == "sqlite":  # the write lock the server's engine takes for schema work
        event.listen(bare, "begin", lambda c: c.exec_driver_sql("BEGIN IMMEDIATE"))
    migrations.upgrade(bare, "c0002")
    assert not inspect(bare).has_table("terminal_health")
    bare.dispose()

    eng = make_engine(url)  # what every server start does: upgrades to the head
    try:
        cols = {c["name"]: (str(c["type"]), c["nullable"])
                for c in inspect(eng).get_columns("terminal_health")}
        fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}") if backend == "sqlite" \
            else make_engine(request.getfixturevalue("pg_url_factory")("fresh"))
        made = {c["name"]: (str(c["type"]), c["nullable"])
                for c in inspect(fresh).get_columns("terminal_health")}
        fresh.dispose()
        assert cols == made  # the step and create_all agree
        assert inspect(eng).get_pk_constraint("terminal_health")["constrained_columns"] == [
            "device_id"]
        dev = _terminal(eng, 1601, 1, seen=NOW)
        record(eng, dev, _report(parked=1), NOW)
        assert [t.problems for t in fleet_status(eng, NOW)] == [("parked",)]
    finally:
        eng.dispose()


# ------------------------------------------------------------------ the command

def test_fleet_status_prints_a_table_in_local_time_or_json_and_exits_0(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    eng = make_engine(url)
    recent = utc_now() - timedelta(minutes=5)
    wib = _terminal(eng, 1701, 1, seen=recent)
    wita = _terminal(eng, 1702, 2, seen=recent, timezone="Asia/Makassar")
    _terminal(eng, 1703, 1, seen=utc_now() - timedelta(hours=30))
    healthy = _terminal(eng, 1704, 1, seen=recent)
    record(eng, wib, _report(parked=3, queue_depth=9, oldest_queued_s=7200), recent)
    record(eng, wita, _report(doctor_failing=["backup"], faults=["printer.cover_open"],
                              app_version="0.1.9"), recent)
    record(eng, healthy, _report(app_version="0.2.0"), recent)
    eng.dispose()

    assert cli.main(["fleet", "status", "--db", url]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["outlet", "terminal", "last", "seen", "version", "queue",
                                "problems"]
    by_outlet = {line.split()[0]: line for line in lines[1:4]}
    assert set(by_outlet) == {"1701", "1702", "1703"}  # the healthy 1704 is not listed
    assert "WIB" in by_outlet["1701"] and "9 (2 h)" in by_outlet["1701"]
    assert by_outlet["1701"].endswith("parked 3")
    local = recent.astimezone(ZoneInfo("Asia/Makassar")).strftime("%Y-%m-%d %H:%M WITA")
    assert local in by_outlet["1702"]
    assert by_outlet["1702"].endswith("doctor: backup; faults: printer.cover_open")
    assert by_outlet["1703"].endswith("silent > 24 h")
    assert "3 terminals with a problem" in out

    assert cli.main(["fleet", "status", "--db", url, "--json", "--min-version", "0.2",
                     "--silent-hours", "48"]) == 0
    got = {t["outlet"]: t for t in json.loads(capsys.readouterr().out)}
    assert set(got) == {"1701", "1702", "1703"}
    assert got["1702"]["problems"] == ["doctor", "old_version", "faults"]
    assert got["1703"]["problems"] == ["old_version"]  # 30 h is not silent at 48
    assert got["1701"]["parked"] == 3 and got["1701"]["oldest_queued_s"] == 7200
    assert got["1702"]["last_seen"] == recent.isoformat()

    assert cli.main(["fleet", "status", "--db", url, "--all", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4
    assert cli.main(["fleet", "status", "--db", url, "--min-version", "Budi; drop"]) == 2
    assert "--min-version must be a version" in capsys.readouterr().err


def test_reports_taken_are_written_when_the_server_stops(app, engine, tmp_path, monkeypatch):
    monkeypatch.setattr(fleet, "FLUSH_EVERY", timedelta(hours=1))
    add_outlet(engine, _clock, app.outlet.number, "Outlet Uji")
    dev = provision(engine, _clock, app.outlet.number, app.outlet.terminal)
    with TestClient(create_app(engine, load_or_create(tmp_path / "s"), _clock)) as client:
        r = _post(client, dev, {"events": _events(app), "audit_head": None,
                                "health": {"app_version": "0.2.0", "queue_depth": 0}})
        assert r.status_code == 200 and _rows(engine) == 0  # taken, to be written later
    assert _rows(engine) == 1
