"""A stateful model of the outbox and sync (hypothesis.stateful): exactly once at the server.

Rules, in any order hypothesis finds: book shipments, void one, close the day (the
next morning comes), reopen a closed day and close it again, go offline (the fault
proxy refuses connections), the server fails (5xx, resets before or after it
committed, truncated or stalled answers), the server comes back, restart the app
(close, open_app on the same data directory), sync now. The model keeps what must
exist: every shipment booked, every void, every closing and reopening.

Invariants after every step: the outbox holds exactly the model's events, never
a duplicate, none parked; the server holds only events the outlet created, each
at most once, and every event the outlet marked sent is at the server. At the end
of each run the network heals and a sync drains the queue: the server then holds
exactly the outlet's events, once each, with every void applied.

The real central server (tests/central_server.py) on SQLite behind the fault
proxy of tests/fault_proxy.py. Quick mode: ``RUNS`` runs × ``STEPS`` steps.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from outlet_pos.bootstrap import init_outlet, open_app
from outlet_pos.central.models import DayClosing, Event
from outlet_pos.central.models import Shipment as CentralShipment
from outlet_pos.config import Settings
from outlet_pos.domain.errors import ValidationError
from tests.central_server import CentralServer
from tests.conftest import ROOT, Clock
from tests.fault_proxy import FAULTS, FaultProxy
from tests.reliability import pii

RUNS = int(os.environ.get("OUTLET_POS_STATEFUL_RUNS", 200 if pii.soak() else 15))
STEPS = 40 if pii.soak() else 20
MANAGER = ("manajer", "rahasia-manajer")
ORDER = json.loads((ROOT / "examples" / "shipment.json").read_text())
FIGURES: Counter[str] = Counter()


class OutboxAndSync(RuleBasedStateMachine):
    server: CentralServer
    proxy: FaultProxy
    outlets = iter(range(1000, 99_999))

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="stateful-"))
        self.settings = Settings(self.dir / "data", keystore="file")
        self.clock = Clock()
        self.number = next(self.outlets)
        self.app = init_outlet(self.settings, outlet_number=self.number, terminal=1,
                               manager=MANAGER[0], password=MANAGER[1], clock=self.clock)
        self.boss = self.app.auth.login(*MANAGER)
        self.online, self.fault, self.rng = True, None, random.Random(0)
        self.proxy.choose = self._choose
        code = self.server.add_outlet(self.number)
        self.app.enrolment.online(self.boss, server=self.proxy.url, code=code)
        with self.app.db.uow() as uow:
            self.device = uow.device.get().device_id
        # The model: what must exist.
        self.booked: list[str] = []
        self.voided: set[str] = set()
        self.day_of: dict[str, date] = {}  # waybill → its business day
        self.today = self.app.booking.business_date()
        self.closed: set[date] = set()
        self.reopened: list[date] = []  # closed once, reopened, not closed again yet
        self.closings = self.reopens = 0
        FIGURES["runs"] += 1

    # ------------------------------------------------------------ the network
    def _choose(self) -> str | None:
        if self.fault is None:
            return None
        kind, rate = self.fault
        return kind if self.rng.random() < rate else None

    @property
    def healthy(self) -> bool:
        return self.online and self.fault is None

    @rule()
    def go_offline(self) -> None:
        if self.online:
            self.proxy.pause()
            self.online = False
            FIGURES["offline"] += 1
        self._attempt()

    @rule(kind=st.sampled_from(FAULTS), rate=st.sampled_from([0.5, 1.0]),
          seed=st.integers(0, 2**16))
    def server_fails(self, kind: str, rate: float, seed: int) -> None:
        self.fault, self.rng = (kind, rate), random.Random(seed)
        FIGURES["server fails"] += 1
        self._attempt()

    def _attempt(self) -> None:
        """The background worker tries at once, into the failure."""
        report = self.app.sync.sync_once(reference=True)  # traffic even with an empty queue
        FIGURES["syncs"] += 1
        FIGURES["failed syncs"] += report.error is not None

    @rule()
    def server_back(self) -> None:
        if not self.online:
            self.proxy.start()
            self.online = True
        self.fault = None

    # ------------------------------------------------------------ the counter
    @rule(n=st.integers(1, 3), grams=st.integers(100, 30_000))
    def book(self, n: int, grams: int) -> None:
        order = json.loads(json.dumps(ORDER))
        order["parcel"].pop("weight_kg", None)
        order["parcel"]["weight_g"] = grams
        order["payment"] = {"method": "cash"}  # the exact amount
        for b in self.app.booking.book_many(self.boss, [order] * n):
            self.booked.append(b.waybill)
            self.day_of[b.waybill] = self.today
        FIGURES["booked"] += n

    def _not_void(self, closed: bool) -> list[str]:
        return [w for w in self.booked
                if w not in self.voided and (self.day_of[w] in self.closed) == closed]

    @precondition(lambda self: self._not_void(closed=False))
    @rule(pick=st.integers(0, 10**6))
    def void(self, pick: int) -> None:
        open_ones = self._not_void(closed=False)
        waybill = open_ones[pick % len(open_ones)]
        self.app.shipments.void(self.boss, waybill, "pelanggan batal kirim")
        self.voided.add(waybill)
        FIGURES["voided"] += 1

    @precondition(lambda self: self._not_void(closed=True))
    @rule()
    def a_void_of_a_closed_day_is_refused(self) -> None:
        try:
            self.app.shipments.void(self.boss, self._not_void(closed=True)[0],
                                    "terlambat dibatalkan")
        except ValidationError as e:
            assert e.fields == ["waybill"]
        else:
            raise AssertionError("a shipment of a closed day was voided")

    @rule()
    def close_day(self) -> None:
        cash = self.app.closing.totals(self.boss).cash_expected
        assert self.app.closing.close_day(self.boss, cash).business_date == self.today
        self.closings += 1
        self.closed.add(self.today)  # the day is locked
        self.clock.advance(days=1)  # the next morning
        self.today = self.app.booking.business_date()
        FIGURES["closings"] += 1

    @precondition(lambda self: self.closed)
    @rule(pick=st.integers(0, 10**6))
    def reopen_day(self, pick: int) -> None:
        day = sorted(self.closed)[pick % len(self.closed)]
        self.app.closing.reopen(self.boss, day, "hitung ulang kas")
        self.closed.remove(day)
        self.reopened.append(day)
        self.reopens += 1
        FIGURES["reopenings"] += 1

    @precondition(lambda self: self.reopened)
    @rule()
    def close_a_reopened_day_again(self) -> None:
        day = self.reopened.pop()
        cash = self.app.closing.totals(self.boss, day).cash_expected
        self.app.closing.close_day(self.boss, cash, day)
        self.closed.add(day)
        self.closings += 1
        FIGURES["closings"] += 1

    @rule()
    def restart(self) -> None:
        self.app.close()
        self.app = open_app(self.settings, self.clock)
        self.boss = self.app.auth.login(*MANAGER)
        FIGURES["restarts"] += 1

    @rule()
    def sync_now(self) -> None:
        healthy = self.healthy
        report = self.app.sync.sync_once(reference=False)
        FIGURES["syncs"] += 1
        FIGURES["failed syncs"] += report.error is not None
        if healthy:
            assert report.error is None, report.error
            assert self.app.sync.status().queue_depth == 0

    # ------------------------------------------------------------ invariants
    def _expected(self) -> Counter[str]:
        return Counter({"shipment.created": len(self.booked), "shipment.voided": len(self.voided),
                        "day.closed": self.closings, "day.reopened": self.reopens})

    def _local(self) -> tuple[Counter[str], set[str], set[str], int]:
        with self.app.db.uow() as uow:
            rows = uow.conn.exec_driver_sql(
                "select event_id, kind, status from outbox").fetchall()
        kinds = Counter(r[1] for r in rows)
        ids = {r[0] for r in rows}
        sent = {r[0] for r in rows if r[2] == "sent"}
        assert len(ids) == len(rows), "the outbox holds a duplicate"
        return kinds, ids, sent, sum(1 for r in rows if r[2] == "parked")

    def _server(self) -> dict[str, str]:
        with self.server.engine.connect() as c:
            return dict(c.execute(select(Event.event_id, Event.kind)
                                  .where(Event.device_id == self.device)).all())

    @invariant()
    def nothing_lost_nothing_doubled(self) -> None:
        kinds, ids, sent, parked = self._local()
        assert kinds == self._expected(), (kinds, self._expected())
        assert parked == 0
        with self.app.db.uow() as uow:  # one outbox event per change, never two
            dup = uow.conn.exec_driver_sql(
                "select count(*) from (select kind, aggregate_id from outbox "
                "group by kind, aggregate_id having count(*) > 1)").scalar()
        assert dup == 0
        at_server = self._server()
        assert set(at_server) <= ids, "the server holds an event the outlet never made"
        assert sent <= set(at_server), "an event marked sent is not at the server"
        with self.server.engine.connect() as c:
            waybills = [w for (w,) in c.execute(select(CentralShipment.waybill).where(
                CentralShipment.outlet == self.number))]
        assert len(waybills) == len(set(waybills)) and set(waybills) <= set(self.booked)

    def teardown(self) -> None:
        try:
            self.server_back()
            report = None
            for _ in range(5):  # a stalled answer may still be in flight: a few passes
                report = self.app.sync.sync_once(reference=False)
                if report.error is None and self.app.sync.status().queue_depth == 0:
                    break
                time.sleep(0.2)
            assert report is not None and report.error is None, report
            _, ids, sent, _ = self._local()
            at_server = self._server()
            assert set(at_server) == ids == sent  # exactly once, every one
            assert Counter(at_server.values()) == self._expected()
            with self.server.engine.connect() as c:
                rows = dict(c.execute(select(CentralShipment.waybill, CentralShipment.status)
                                      .where(CentralShipment.outlet == self.number)).all())
                closings = c.execute(select(func.count()).select_from(DayClosing).where(
                    DayClosing.outlet == self.number)).scalar()
            assert sorted(rows) == sorted(self.booked)
            assert {w for w, s in rows.items() if s == "void"} == self.voided
            assert closings == self.closings
            FIGURES["events checked"] += len(ids)
        finally:
            self.app.close()
            shutil.rmtree(self.dir, ignore_errors=True)


def test_outbox_and_sync_are_exactly_once_under_any_sequence(tmp_path, figures):
    figures.describe(f"a stateful hypothesis model: {RUNS} runs of up to {STEPS} steps (book, "
                     "void, close day, offline, server faults, server back, restart, sync "
                     "now); exactly once at the server")
    server = CentralServer(tmp_path / "central").start()
    proxy = FaultProxy(server.port, lambda: None, stall_s=0.3).start()
    OutboxAndSync.server, OutboxAndSync.proxy = server, proxy
    FIGURES.clear()
    start = time.monotonic()
    try:
        run_state_machine_as_test(OutboxAndSync, settings=settings(
            max_examples=RUNS, stateful_step_count=STEPS, deadline=None,
            suppress_health_check=list(HealthCheck)))
    finally:
        proxy.stop()
        server.close()
    faults = sum(n for k, n in proxy.counts.items() if k != "pass")
    print(f"\n{dict(FIGURES)}; proxy: {dict(proxy.counts)} ({faults} faults); "
          f"{time.monotonic() - start:.1f} s")
    figures.runs = FIGURES["runs"]
    figures.faults = faults + FIGURES["restarts"]
    figures.detail = {k: v for k, v in FIGURES.items() if k != "runs"}
    assert FIGURES["runs"] >= RUNS and faults > 0 and FIGURES["events checked"] > 0
