"""Exactly-once through a hostile network: the fault proxy between client and server.

Each round the proxy is either down (refused) or injects a random fault into
about half the requests (resets before and after the server committed,
stalls, truncated answers, 500/503). The client retries round after round;
at the end the server must hold exactly the outlet's events, once each.
"""

from __future__ import annotations

import random

from sqlalchemy import func, select

from outlet_pos.central.models import DayClosing, Event
from outlet_pos.sync.client import SyncClient
from outlet_pos.sync.worker import SyncWorker
from tests.fault_proxy import FaultProxy, random_faults
from tests.shipment_factory import book_random
from tests.sync_fixtures import pending_bodies, server_shipments

ROUNDS_MAX = 400


def test_random_faults_over_many_rounds_lose_nothing_and_double_nothing(enrolled, central):
    boss = enrolled.auth.login("manajer", "rahasia-manajer")
    rng = random.Random(20261125)
    proxy = FaultProxy(central.port, random_faults(rng, 0.5), stall_s=1.5).start()
    worker = SyncWorker(
        enrolled.db.uow, enrolled.db.clock, batch_size=8,
        make_client=lambda cred: SyncClient(proxy.url, device_id=cred.device_id,
                                            seed=cred.seed, timeout=(1.0, 1.0)))
    waybills: list[str] = []
    sent: dict[str, tuple[str, dict]] = {}
    rounds = errors = 0
    try:
        for cycle in range(6):  # a day of bookings, with the network failing in between
            new = book_random(enrolled, boss, 40, seed=cycle)
            waybills += new
            for number in new[:2]:
                enrolled.shipments.void(boss, number, "pelanggan batal kirim")
            if cycle == 5:
                enrolled.closing.close_day(boss, counted_cash=0)
            sent.update(pending_bodies(enrolled))
            while rounds < ROUNDS_MAX:
                rounds += 1
                if rng.random() < 0.1:
                    proxy.pause()
                report = worker.sync_once(reference=rng.random() < 0.2)
                if proxy._listener is None:
                    proxy.start()
                errors += report.error is not None
                if report.error is None and worker.status().queue_depth == 0:
                    break
    finally:
        proxy.stop()
    faults = sum(n for k, n in proxy.counts.items() if k != "pass")
    print(f"\n{rounds} rounds, {faults} faults injected {dict(proxy.counts)}, "
          f"{errors} failed passes")
    assert worker.status().queue_depth == 0, f"not drained after {rounds} rounds"
    assert faults >= 40 and errors >= 20  # the network really was hostile

    got = {s["waybill"]: s for s in server_shipments(central)}
    assert sorted(got) == sorted(waybills)  # nothing lost, nothing extra
    for kind, body in sent.values():
        if kind == "shipment.created":
            on_server = {k: v for k, v in got[body["waybill"]].items()
                         if k not in ("status", "voided_at")}
            assert on_server == body
    voided = {w for i in range(0, len(waybills), 40) for w in waybills[i:i + 2]}
    assert {w for w, s in got.items() if s["status"] == "void"} == voided
    with central.engine.connect() as c:
        events = c.execute(select(func.count()).select_from(Event)).scalar()
        closings = c.execute(select(func.count()).select_from(DayClosing)).scalar()
    assert events == len(sent) and closings == 1  # each event once
    with enrolled.db.uow() as uow:
        assert uow.sync.outbox_stats().parked == 0
