"""Exactly-once through a hostile network: fault proxy, server restarts, a wrong PC clock.

- **Random faults**: the fault proxy (tests/fault_proxy.py) sits between client and
  the real central server. For ``sizes.net_rounds`` sync passes (30 quick, 500
  soak) the counter keeps booking and voiding while the proxy is down (connection
  refused) or injects a random fault into about half the requests: resets before
  and after the server committed, stalls beyond the client's timeout, truncated
  answers, 500/503. Then the network heals; the server must hold exactly the
  outlet's events, once each, with the bodies the outlet wrote.
- **Server restarts** mid-drain: the server is stopped and started again while a
  pass is sending batches (``sizes.restarts`` times).
- **Clock skew**: the PC's clock hours or days off the server's. The design
  (docs/architecture.md, sync/client.py): the server tells its time, the client signs with
  it while the PC is off and reports the skew; sync keeps working.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from outlet_pos.central.models import DayClosing, Event
from outlet_pos.sync.client import SyncClient
from outlet_pos.sync.worker import SyncWorker
from tests.central_server import CentralServer
from tests.fault_proxy import FAULTS, FaultProxy
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll, pending_bodies, server_shipments

HEAL_PASSES = 50


def _server_events(srv: CentralServer) -> tuple[int, int]:
    with srv.engine.connect() as c:
        events = c.execute(select(func.count()).select_from(Event)).scalar()
        closings = c.execute(select(func.count()).select_from(DayClosing)).scalar()
    return events, closings


def _exactly_once(srv: CentralServer, app, waybills: list[str], sent: dict, figures) -> dict:
    """The server holds every shipment and event of the outlet once, with its body."""
    listed = server_shipments(srv)
    got = {s["waybill"]: s for s in listed}
    doubled = [w for w, n in Counter(s["waybill"] for s in listed).items() if n > 1]
    events, _ = _server_events(srv)
    figures.losses = len(set(waybills) - set(got))
    figures.duplicates = len(doubled) + max(0, events - len(sent))
    assert not doubled
    assert sorted(got) == sorted(waybills)  # nothing lost, nothing extra
    for kind, body in sent.values():
        if kind == "shipment.created":
            on_server = {k: v for k, v in got[body["waybill"]].items()
                         if k not in ("status", "voided_at")}
            assert on_server == body
    assert events == len(sent)  # each event once
    with app.db.uow() as uow:
        stats = uow.queue.stats()
    assert stats.pending == 0 and stats.parked == 0
    return got


def test_random_faults_over_many_rounds_lose_nothing_and_double_nothing(enrolled, central,
                                                                        sizes, figures):
    figures.describe("random network faults on every sync pass (refused, resets before and "
                     "after commit, stalls past the timeout, truncation, 500/503) while "
                     "booking; then heal: each event at the server once")
    boss = enrolled.auth.login("manajer", "rahasia-manajer")
    rng = random.Random(20261125)
    hostile = [True]
    proxy = FaultProxy(central.port, lambda: rng.choice(FAULTS) if hostile[0] and
                       rng.random() < 0.5 else None, stall_s=1.5).start()
    worker = SyncWorker(
        enrolled.db.uow, enrolled.db.clock, batch_size=8,
        make_client=lambda cred: SyncClient(proxy.url, device_id=cred.device_id,
                                            seed=cred.seed, timeout=(1.0, 1.0)))
    waybills: list[str] = []
    sent: dict[str, tuple[str, dict]] = {}
    errors = 0
    try:
        for r in range(sizes.net_rounds):  # a day of bookings, the network failing throughout
            new = book_random(enrolled, boss, rng.randint(0, 8), seed=r)
            waybills += new
            if new and rng.random() < 0.2:
                enrolled.shipments.void(boss, new[0], "pelanggan batal kirim")
            sent.update(pending_bodies(enrolled))  # every event, before it first goes
            if rng.random() < 0.1:
                proxy.pause()  # connection refused for this pass
            report = worker.sync_once(reference=rng.random() < 0.2)
            if proxy._listener is None:
                proxy.start()
            errors += report.error is not None
        enrolled.closing.close_day(boss, counted_cash=0, note="uji jaringan, kas tidak dihitung")
        sent.update(pending_bodies(enrolled))
        hostile[0] = False  # the network heals
        for _ in range(HEAL_PASSES):
            report = worker.sync_once(reference=False)
            if report.error is None and worker.status().queue_depth == 0:
                break
    finally:
        proxy.stop()
    faults = sum(n for k, n in proxy.counts.items() if k != "pass")
    figures.runs = sizes.net_rounds
    figures.faults = faults
    figures.detail = {"failed passes": errors, "shipments": len(waybills),
                      **{k: n for k, n in sorted(proxy.counts.items())}}
    print(f"\n{sizes.net_rounds} rounds, {faults} faults injected {dict(proxy.counts)}, "
          f"{errors} failed passes")
    assert worker.status().queue_depth == 0, "not drained after the network healed"
    assert faults >= sizes.net_rounds // 2 and errors >= sizes.net_rounds // 4  # hostile
    got = _exactly_once(central, enrolled, waybills, sent, figures)
    voided = {w for w, s in got.items() if s["status"] == "void"}
    with enrolled.db.uow() as uow:
        assert voided == {w for w in waybills if uow.shipments.get(w).status == "void"}
    assert _server_events(central)[1] == 1  # the day closing, once


@pytest.fixture
def server(tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    yield srv
    srv.close()


def test_server_restarts_mid_drain_lose_nothing(app, manager, server, sizes, figures):
    figures.describe("the central server is stopped and started again while a sync pass is "
                     "sending batches; then each event at the server once")
    enroll(app, server, manager)
    rng = random.Random(7)
    # Batches of 2: a pass of 40 shipments is 20 requests, longer than uvicorn's 0.1 s
    # shutdown tick, so a stop lands inside the pass even on a fast, idle machine (with
    # batches of 5 all three quick-mode passes once finished before the stop took hold).
    worker = SyncWorker(app.db.uow, app.db.clock, batch_size=2,
                        make_client=lambda cred: SyncClient(server.url, device_id=cred.device_id,
                                                            seed=cred.seed, timeout=(1.0, 2.0)))
    waybills: list[str] = []
    sent: dict[str, tuple[str, dict]] = {}
    interrupted = 0
    for r in range(sizes.restarts):
        waybills += book_random(app, manager, 40, seed=100 + r)
        sent.update(pending_bodies(app))
        before = _server_events(server)[0]
        reports: list = []
        t = threading.Thread(target=lambda: reports.append(worker.sync_once(reference=False)))
        t.start()
        deadline = time.monotonic() + 10
        while _server_events(server)[0] == before and time.monotonic() < deadline:
            time.sleep(0.005)  # the pass is under way: batches are arriving
        time.sleep(rng.uniform(0, 0.05))
        server.stop()
        time.sleep(rng.uniform(0, 0.3))
        server.start()
        t.join(30)
        assert not t.is_alive()
        interrupted += reports[0].error is not None or reports[0].remaining > 0
        figures.runs += 1
        figures.faults += 1
    for _ in range(HEAL_PASSES):
        report = worker.sync_once(reference=False)
        if report.error is None and worker.status().queue_depth == 0:
            break
    figures.detail = {"passes cut by the restart": interrupted, "shipments": len(waybills)}
    assert interrupted >= 1  # the restarts really hit passes in flight
    _exactly_once(server, app, waybills, sent, figures)


@pytest.mark.parametrize("skew_h", [-24 * 30, -26, -3, 3, 26, 24 * 30])
def test_a_wrong_pc_clock_still_syncs_and_reports_the_skew(app, manager, server, skew_h,
                                                           figures):
    figures.describe("the PC's clock is hours or days off the server's: sync corrects "
                     "for it, reports the skew, and delivers each event once")
    enroll(app, server, manager)
    worker = SyncWorker(app.db.uow, app.db.clock, batch_size=10,
                        make_client=lambda cred: SyncClient(
                            server.url, device_id=cred.device_id, seed=cred.seed,
                            clock=lambda: time.time() + skew_h * 3600))
    waybills = book_random(app, manager, 25, seed=abs(skew_h))
    sent = pending_bodies(app)
    report = worker.sync_once(reference=True)
    assert report.error is None, report.error.message
    assert report.applied == 25
    skew = worker.status().clock_skew_s
    assert skew is not None and abs(skew - skew_h * 3600) < 60  # shown to the technician
    figures.runs, figures.faults = 1, 1
    _exactly_once(server, app, waybills, sent, figures)
