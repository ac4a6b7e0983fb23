"""Bounded growth of the central database (issue 20), on SQLite and PostgreSQL: one audit
head per device whatever the number of uploads, with the rewrite and rollback alerts kept;
``retention prune`` deletes old events and tracking rows, and an event created before the
horizon is refused, so a very late re-send of a pruned event is never applied twice."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select

from outlet_pos.central import cli, horizon, retention
from outlet_pos.central.db import make_engine, utc_now
from outlet_pos.central.enrollment import DeviceRow, add_outlet, provision
from outlet_pos.central.ingest import Ingest
from outlet_pos.central.models import AuditHead, Device, Event, Shipment, TrackingEvent
from outlet_pos.central.secrets_file import load_or_create
from outlet_pos.domain.waybill import make_waybill
from tests.conftest import MANAGER, Clock
from tests.shipment_factory import book_random
from tests.sync_fixtures import pending_bodies

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = request.getfixturevalue("pg_url_factory")("growth") \
        if request.param == "postgres" else f"sqlite:///{tmp_path / 'central.db'}"
    eng = make_engine(url)
    yield eng
    eng.dispose()


def _device(engine: Engine, outlet: int, terminal: int) -> DeviceRow:
    add_outlet(engine, utc_now, outlet, "Outlet Uji")
    dev = provision(engine, utc_now, outlet, terminal)
    return DeviceRow(dev["device_id"], outlet, terminal, "active")


def _count(engine: Engine, model: Any, *where: Any) -> int:
    with engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(model).where(*where))
                   .scalar_one())


def _head(seq: int, digest: str, earlier: tuple[int, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"seq": seq, "hash": digest * 64}
    if earlier:
        out["earlier"] = {"seq": earlier[0], "hash": earlier[1] * 64}
    return out


def _alert(engine: Engine, dev: DeviceRow) -> str | None:
    with engine.connect() as c:
        return c.execute(select(Device.audit_alert).where(Device.id == dev.id)).scalar()


def test_audit_heads_keep_one_row_per_device_and_still_see_a_rewrite_and_a_rollback(
        engine, tmp_path):
    ingest = Ingest(engine, load_or_create(tmp_path / "central.secrets"), utc_now)
    one, two = _device(engine, 42, 1), _device(engine, 43, 1)
    for seq in range(1, 31):  # thirty uploads, each acknowledging the one before
        ingest.apply(one, [], _head(seq, "a", (seq - 1, "a") if seq > 1 else None))
    ingest.apply(two, [], _head(5, "b"))
    with engine.connect() as c:
        rows = c.execute(select(AuditHead.device_id, AuditHead.seq)).all()
    assert sorted(rows) == sorted([(one.id, 30), (two.id, 5)])  # not 31 rows
    assert _alert(engine, one) is None and _alert(engine, two) is None
    # the acknowledged link now reads otherwise at the outlet: its log was rewritten
    ingest.apply(one, [], _head(31, "c", (30, "d")))
    assert "REWRITTEN: audit row 30" in (_alert(engine, one) or "")
    # behind the highest link seen: a restored older backup
    ingest.apply(two, [], _head(3, "b"))
    assert "ROLLED BACK" in (_alert(engine, two) or "")
    with engine.connect() as c:  # the highest link is kept, not the rolled-back one
        assert c.execute(select(AuditHead.seq).where(AuditHead.device_id == two.id)
                         ).scalar() == 5
    # grown again past the highest link with another hash there: named as well
    ingest.apply(two, [], _head(5, "e"))
    assert "audit row 5" in (_alert(engine, two) or "")
    assert _count(engine, AuditHead) == 2


def _events(app: Any, n: int, created_at: list[str]) -> list[dict[str, Any]]:
    """``n`` shipment.created events as the outlet sends them (one booked for real, the rest
    copies with their own ids and waybills), created at the given times."""
    book_random(app, app.auth.login(*MANAGER), 1)
    ((event_id, (kind, body)),) = pending_bodies(app).items()
    out = []
    for i in range(n):
        e = {"id": event_id if i == 0 else str(uuid.uuid4()), "kind": kind,
             "created_at": created_at[i], "body": copy.deepcopy(body)}
        if i:
            e["body"]["shipment_id"] = str(uuid.uuid4())
            e["body"]["waybill"] = make_waybill(app.outlet.number, app.outlet.terminal,
                                                60_000 + i)
        out.append(e)
    return out


def _results(ingest: Ingest, dev: DeviceRow, events: list[dict[str, Any]]) -> list[str]:
    return [r["result"] for r in ingest.apply(dev, events, None)]


def test_prune_deletes_old_events_and_tracking_and_a_late_resend_is_refused_not_applied(
        app, engine, tmp_path):
    clock = Clock(NOW)
    ingest = Ingest(engine, load_or_create(tmp_path / "central.secrets"), clock)
    dev = _device(engine, app.outlet.number, app.outlet.terminal)
    old, recent, never_sent = _events(app, 3, ["2026-03-05T01:00:00.000000+00:00",
                                               "2026-11-30T01:00:00.000000+00:00",
                                               "2026-05-31T23:59:59.999999+00:00"])
    assert _results(ingest, dev, [old, recent]) == ["applied", "applied"]
    with engine.begin() as c:
        c.execute(insert(TrackingEvent.__table__).values(
            waybill=old["body"]["waybill"], status="DELIVERED", at="2025-11-30T10:00:00+00:00"))
    tracking_before = _count(engine, TrackingEvent)

    first = retention.prune(engine, clock, 6, 12)
    assert (first.horizon, first.deleted_before, first.events) == ("2026-06-01", None, 0)
    assert first.tracking_before == "2025-12-01" and first.tracking == 1
    assert _count(engine, TrackingEvent) == tracking_before - 1
    clock.advance(seconds=horizon.TTL.total_seconds() + 1)  # the server reads the horizon
    # its record is still kept: a re-send is a duplicate; one never sent is refused
    assert _results(ingest, dev, [old]) == ["duplicate"]
    (refused,) = ingest.apply(dev, [never_sent], None)
    assert refused["result"] == "rejected" and "created before 2026-06-01" in refused["reason"]

    clock.advance(hours=2)  # the horizon has stood: the next run deletes under it
    second = retention.prune(engine, clock, 6, 12)
    assert (second.deleted_before, second.events) == ("2026-06-01", 1)
    assert _count(engine, Event) == 1
    shipments = _count(engine, Shipment)
    (late,) = ingest.apply(dev, [old], None)  # a very late re-send of the pruned event
    assert late["result"] == "rejected" and "nothing of it was applied" in late["reason"]
    assert _results(ingest, dev, [recent]) == ["duplicate"]
    assert _count(engine, Shipment) == shipments and _count(engine, Event) == 1

    again = retention.prune(engine, clock, 9, 12)  # a longer period later: never back
    assert (again.horizon, again.events, again.tracking) == ("2026-06-01", 0, 0)
    with pytest.raises(ValueError, match="between 3 and 1200"):
        retention.prune(engine, clock, 2, 12)


def test_a_server_that_read_the_horizon_before_a_prune_reads_it_again_in_time(engine):
    clock = Clock(NOW)
    copy_ = horizon.Horizon()
    with engine.begin() as c:
        assert copy_.before(c, clock()) is None
    retention.prune(engine, clock, 6, 12)
    with engine.begin() as c:
        assert copy_.before(c, clock()) is None  # its copy, for TTL at most
        clock.advance(seconds=horizon.TTL.total_seconds())
        assert copy_.before(c, clock()) == "2026-06-01"
        assert horizon.settled(c, clock()) is None  # nothing deleted under it before SETTLE
        assert horizon.TTL * 10 < horizon.SETTLE
        clock.advance(seconds=horizon.SETTLE.total_seconds())
        assert horizon.settled(c, clock()) == "2026-06-01"


def test_retention_prune_from_the_command_line(tmp_path, capsys, monkeypatch):
    db = f"sqlite:///{tmp_path / 'central.db'}"
    monkeypatch.delenv(retention.EVENT_MONTHS_ENV, raising=False)
    assert cli.main(["retention", "prune", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "events: refused when created before " in out and "none deleted yet" in out
    assert "tracking: 0 rows deleted" in out
    assert cli.main(["retention", "prune", "--db", db, "--event-months", "1"]) == 2
    assert "between 3 and 1200" in capsys.readouterr().err
    monkeypatch.setenv(retention.EVENT_MONTHS_ENV, "x")
    assert cli.main(["retention", "prune", "--db", db]) == 2
