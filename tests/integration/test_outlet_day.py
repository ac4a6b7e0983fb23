"""One outlet, several counters: three terminals of one outlet against a real loopback
central server (SQLite and PostgreSQL); the manager's whole-outlet day on terminal 1 is its
own live figures plus each other terminal's as of its last upload, with how fresh each is.
The server answers for the asking device's outlet only, with figures only, from the
(outlet, business_date) index."""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from outlet_pos.bootstrap import App, init_outlet, open_app
from outlet_pos.central.models import (
    CashMovement,
    DayClosing,
    Device,
    Shipment,
    TerminalHealthRow,
)
from outlet_pos.central.outlet_day import FIGURES
from outlet_pos.cli import common
from outlet_pos.cli.main import main as cli_main
from outlet_pos.config import Settings
from outlet_pos.domain.day_figures import DayFigures
from outlet_pos.domain.money import format_rupiah
from outlet_pos.domain.roles import NotAllowed
from outlet_pos.protocol import wire
from outlet_pos.protocol.outlet_day import PATH, OutletDay
from outlet_pos.services.outlet_day import KEPT
from outlet_pos.sync.errors import TRANSIENT, SyncError
from tests.central_server import CentralServer
from tests.conftest import CLERK, MANAGER, Clock
from tests.reliability.pii import TOKENS, canary_order
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll


def _terminal(tmp_path: Path, clock: Clock, outlet: int, terminal: int) -> App:
    a = init_outlet(Settings(tmp_path / f"pc{outlet}-{terminal}", keystore="file"),
                    outlet_number=outlet, terminal=terminal, manager=MANAGER[0],
                    password=MANAGER[1], outlet_name="Outlet Uji", clock=clock)
    a.auth.add_user(a.auth.login(*MANAGER), CLERK[0], "clerk", CLERK[1])
    return a


@pytest.fixture
def now_clock() -> Clock:
    # The server stamps with the real clock: the terminals' runs on it too, so "how long
    # ago" compares like with like.
    return Clock(datetime.now(UTC))


@pytest.fixture
def outlet(tmp_path, central, now_clock) -> Iterator[list[App]]:
    apps = [_terminal(tmp_path, now_clock, 42, t) for t in (1, 2, 3)]
    for a in apps:
        enroll(a, central, a.auth.login(*MANAGER))
    yield apps
    for a in apps:
        a.close()


def _minutes_left_today(app: App, clock: Clock) -> int:
    """Whole minutes before the outlet's business date changes (at most a day's)."""
    now, day = clock(), app.today()
    return next(m for m in range(0, 24 * 60 + 1)
                if app.outlet.business_date(now + timedelta(minutes=m + 1)) != day)


def _server_rows(srv: CentralServer, table, terminal: int) -> list:
    t = table.__table__
    with srv.engine.connect() as c:
        return c.execute(select(t).where(t.c.outlet == 42, t.c.terminal == terminal)).all()


def _last_batch(srv: CentralServer, terminal: int) -> str:
    """When the server noted the terminal's last batch: its health report's time, which the
    server writes a moment later (``fleet.FLUSH_EVERY``)."""
    h, d = TerminalHealthRow.__table__, Device.__table__
    deadline = time.monotonic() + 15
    while True:
        with srv.engine.connect() as c:
            at = c.execute(select(h.c.received_at).join_from(h, d, h.c.device_id == d.c.id)
                           .where(d.c.outlet == 42, d.c.terminal == terminal)).scalar()
        if at is not None or time.monotonic() > deadline:
            assert at is not None, "the server kept no health report of the batch"
            return at
        time.sleep(0.05)


def _cli(monkeypatch, capsys, stdin: str, *argv: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    monkeypatch.setattr(common, "STDIN", common.Stdin())  # it keeps the stdin it first read
    capsys.readouterr()
    code = cli_main(list(argv))
    return code, capsys.readouterr().out


def _own(app: App) -> DayFigures:
    return app.reports.review(app.auth.login(*MANAGER)).figures


def test_the_managers_outlet_day_is_own_live_figures_plus_the_synced_terminals(
        outlet, central, example_order, monkeypatch, capsys):
    t1, t2, t3 = outlet
    # Terminal 3 talks to the server once (its hourly reference pass), then goes offline.
    assert t3.sync.sync_once().error is None
    for a, n in ((t1, 3), (t2, 4), (t3, 2)):
        book_random(a, a.auth.login(*CLERK), n, seed=a.outlet.terminal)
    boss2 = t2.auth.login(*MANAGER)
    t2.booking.book(boss2, canary_order(example_order))  # personal data that must not show
    void = book_random(t2, boss2, 1, seed=9)[0]
    t2.shipments.void(boss2, void, "salah timbang, diulang")
    t2.cash.record(boss2, "float", 200_000)
    t2.closing.close_day(boss2, counted_cash=0, note="kas belum dihitung pada uji ini")
    assert t1.sync.sync_once().error is None and t2.sync.sync_once().error is None
    late = book_random(t1, t1.auth.login(*CLERK), 2, seed=11)  # after its sync: only local
    assert late
    batch = _last_batch(central, 2)

    view = t1.outlet_day.view(t1.auth.login(*MANAGER))
    assert view.live and view.problem is None and view.fetched_at is not None
    parts = {p.terminal: p for p in view.terminals}
    assert sorted(parts) == [1, 2, 3]

    own, f1 = parts[1], _own(t1)
    assert own.this_terminal and own.known and own.shipments == f1.shipments == 5
    assert (own.revenue, own.cod_total, own.cash_sales) == (f1.revenue, f1.cod_total,
                                                             f1.cash_total)

    other, f2 = parts[2], _own(t2)
    assert not other.this_terminal and other.known
    assert (other.shipments, other.voided, other.revenue, other.cod_total, other.cash_sales) \
        == (f2.shipments, f2.voided, f2.revenue, f2.cod_total, f2.cash_total) == \
        (5, 1, f2.revenue, f2.cod_total, f2.cash_total)
    assert {g.name: (g.count, g.revenue) for g in other.by_payment} == \
        {g.name: (g.count, g.revenue) for g in f2.by_payment}
    assert other.cash_float == 200_000 and other.closed and other.closing_sequence == 1
    received = [r.received_at for r in _server_rows(central, Shipment, 2)] + \
        [r.received_at for r in _server_rows(central, DayClosing, 2)] + \
        [r.received_at for r in _server_rows(central, CashMovement, 2)]
    assert batch >= max(received)  # its last batch: the health report it carried
    assert other.data_until == datetime.fromisoformat(batch)

    offline = parts[3]  # no batch: its one pass had nothing to send
    assert not offline.known and offline.shipments == 0 and offline.data_until is None
    with central.engine.connect() as c:
        seen = c.execute(select(Device.__table__.c.last_seen).where(
            Device.__table__.c.terminal == 3)).scalar_one()
    assert offline.last_seen == datetime.fromisoformat(seen)  # its one talk, before it booked

    total = view.total
    assert total.shipments == own.shipments + other.shipments == 10
    assert total.revenue == f1.revenue + f2.revenue
    assert total.cod_total == f1.cod_total + f2.cod_total
    assert total.cash_sales == f1.cash_total + f2.cash_total
    assert total.voided == 1 and total.terminals == 3 and total.terminals_closed == 1
    by_method = {g.name: g.revenue for g in total.by_payment}
    assert sum(by_method.values()) == total.revenue

    # The command line calls the same service: the same figures, as JSON and as text.
    boss = f"{MANAGER[1]}\n"
    code, out = _cli(monkeypatch, capsys, boss, "outlet-day", "--data-dir",
                     str(t1.settings.data_dir), "--user", MANAGER[0], "--password-stdin", "--json")
    got = json.loads(out)
    assert code == 0 and got["live"] and got["total"]["shipments"] == total.shipments
    assert [(p["terminal"], p["known"], p["revenue"]) for p in got["terminals"]] == \
        [(p.terminal, p.known, p.revenue) for p in view.terminals]
    code, out = _cli(monkeypatch, capsys, boss, "outlet-day", "--data-dir",
                     str(t1.settings.data_dir), "--user", MANAGER[0], "--password-stdin",
                     "--offline")
    assert code == 0 and "Terminal 1 (terminal ini): 5 kiriman (0 batal)" in out
    assert "Terminal 3: –; belum ada data tanggal ini; terakhir terhubung " in out
    assert f"Seluruh outlet: 10 kiriman (1 batal), pendapatan {format_rupiah(total.revenue)}" \
        in out
    assert not [t for t in TOKENS if t.lower() in out.lower()]


def test_offline_the_last_answer_is_shown_with_its_time_and_kept_across_a_restart(
        outlet, central, now_clock):
    t1, t2, _t3 = outlet
    book_random(t2, t2.auth.login(*CLERK), 3, seed=2)
    assert t2.sync.sync_once().error is None
    first = t1.outlet_day.view(t1.auth.login(*MANAGER))
    assert first.live
    fetched = first.fetched_at
    central.stop()  # the network is gone
    # 40 minutes later, on the same business day: after 23:20 WIB 40 minutes of the real
    # clock (this module's) would ask for the next day, whose figures nobody has yet
    now_clock.advance(minutes=min(40, _minutes_left_today(t1, now_clock)))
    book_random(t1, t1.auth.login(*CLERK), 2, seed=5)

    stale = t1.outlet_day.view(t1.auth.login(*MANAGER))
    assert not stale.live and stale.problem and stale.fetched_at == fetched
    parts = {p.terminal: p for p in stale.terminals}
    assert parts[2].shipments == 3 and parts[2].known  # as last fetched
    assert parts[1].shipments == 2  # its own, live from its database
    assert stale.total.shipments == 5

    t1.close()
    outlet[0] = again = open_app(t1.settings, now_clock)  # the fixture closes it
    kept = again.outlet_day.view(again.auth.login(*MANAGER))
    assert not kept.live and kept.fetched_at == fetched
    assert {p.terminal: p.shipments for p in kept.terminals} == {1: 2, 2: 3, 3: 0}
    with again.db.uow() as uow:  # only figures were kept: no user name
        body = json.dumps(uow.reference.get(KEPT).body)
    assert "manajer" not in body and "kasir" not in body and '"terminal": 2' in body


def test_the_answer_is_the_asking_devices_outlet_only_and_figures_only(
        outlet, central, now_clock, tmp_path, example_order):
    t1, t2, _ = outlet
    stranger = _terminal(tmp_path, now_clock, 43, 1)
    try:
        enroll(stranger, central, stranger.auth.login(*MANAGER))
        book_random(stranger, stranger.auth.login(*CLERK), 4, seed=4)
        assert stranger.sync.sync_once().error is None
        t2.booking.book(t2.auth.login(*MANAGER), canary_order(example_order))
        waybills = book_random(t2, t2.auth.login(*CLERK), 2, seed=6)
        assert t2.sync.sync_once().error is None
        day = t1.today().isoformat()
        client = t1.worker.client()
        for query in ({"date": day}, {"date": day, "outlet": 43},
                      {"outlet": 43, "date": day, "terminal": 1}):
            r = client._send("GET", wire.API + PATH, query=query)
            assert r.status_code == 200, r.text
            got = OutletDay.model_validate(r.json())
            assert got.outlet == 42 and [t.terminal for t in got.terminals] == [1, 2, 3]
            assert sum(t.shipments for t in got.terminals) == 3  # outlet 43's 4 not there
            text = r.text
            assert not [w for w in waybills if w in text]
            assert not [t for t in TOKENS if t.lower() in text.lower()]
            assert "manajer" not in text and "kasir" not in text
        # outlet 43's own device sees its own outlet, not 42's
        mine = stranger.worker.client().outlet_day(stranger.today())
        assert mine.outlet == 43 and [t.shipments for t in mine.terminals] == [4]
        for bad in ("2026-02-30", "20261125", "x"):
            assert client._send("GET", wire.API + PATH, query={"date": bad}).status_code == 422
        assert client._send("GET", wire.API + PATH).status_code == 422  # no date
        unsigned = client._send("GET", wire.API + PATH, query={"date": day}, signed=False)
        assert unsigned.status_code == 401
    finally:
        stranger.close()


def test_the_figures_are_one_statement_on_the_outlet_date_index(central):
    engine = central.engine
    compiled = FIGURES.compile(dialect=engine.dialect)
    values = compiled.construct_params({"outlet": 42, "day": "2026-11-25"})
    sql = str(compiled)
    with engine.connect() as c:
        if engine.dialect.name == "sqlite":
            args = tuple(values[k] for k in compiled.positiontup or ())
            plan = " ".join(str(r[-1]) for r in c.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + sql, args))
        else:
            c.exec_driver_sql("SET enable_seqscan = off")  # an empty table: no cheaper scan
            plan = " ".join(r[0] for r in c.exec_driver_sql("EXPLAIN " + sql, values))
    assert "ix_central_shipments_outlet_date" in plan, plan
    assert "GROUP BY" in sql and "terminal" in sql.split("GROUP BY")[1]


class _Server:
    """The server's port with a given answer: what the service makes of each freshness."""

    def __init__(self, answer: OutletDay | None) -> None:
        self.answer = answer

    def outlet_day(self, day):
        if self.answer is None:
            raise SyncError(TRANSIENT, "no connection to the server (ConnectionError)")
        return self.answer


def test_a_batch_since_the_day_began_makes_a_terminals_zeros_figures(app, clock):
    from outlet_pos.services.outlet_day import OutletDayService

    now = clock()  # 09:00 WIB
    day = app.today()

    def terminal(n: int, batch: datetime | None) -> dict:
        return {"terminal": n, "shipments": 0, "voided": 0, "revenue": 0, "cod_total": 0,
                "closed": False, "last_batch_at": batch.isoformat() if batch else None,
                "last_seen_at": now.isoformat()}

    answer = OutletDay.model_validate({
        "outlet": 42, "business_date": day.isoformat(), "server_time": now.isoformat(),
        "terminals": [terminal(1, now - timedelta(hours=1)),  # 08:00 WIB: today
                      terminal(2, now - timedelta(hours=10)),  # 23:00 WIB yesterday
                      terminal(4, None)]})
    service = OutletDayService(app.db.uow, clock, app.outlet, _Server(answer))
    view = service.view(app.auth.login(*MANAGER), day)
    known = {p.terminal: p.known for p in view.terminals}
    assert known == {1: True, 2: False, 3: True, 4: False}
    assert {p.terminal: p.data_until for p in view.terminals if not p.this_terminal} == {
        1: now - timedelta(hours=1), 2: now - timedelta(hours=10), 4: None}
    assert view.live and view.total.terminals == 4

    clock.advance(minutes=5)
    offline = OutletDayService(app.db.uow, clock, app.outlet, _Server(None)).view(
        app.auth.login(*MANAGER), day)
    assert not offline.live and offline.fetched_at == now and "no connection" in offline.problem
    assert [p.terminal for p in offline.terminals] == [1, 2, 3, 4]
    with pytest.raises(NotAllowed):
        service.view(app.auth.login(*CLERK), day)
