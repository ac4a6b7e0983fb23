"""Draining a backlog into the central server on loopback, beside a naive client.

The outlet books ``BENCH_SYNC_EVENTS`` shipments (default 10,000) with no server
(a day or more offline), then the sync worker drains them in batches of 500
into ``outlet-pos-central serve`` running as its own process on 127.0.0.1 with
SQLite. The naive client is the same worker sending one shipment per request
(what a client without batching would do), measured over 1,000 events.
Targets from the sync issue: ≥ 2,000 events/s and ≥ 20× the naive client.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from outlet_pos.bootstrap import init_outlet
from outlet_pos.cli.demo_central import central_server
from outlet_pos.config import Settings
from outlet_pos.sync.enroll import enroll_online

from .common import fresh_dir

N = int(os.environ.get("BENCH_SYNC_EVENTS", "10000"))
NAIVE = 1000
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-manajer-1"


def _outlet(d: Path, number: int, url: str):
    from outlet_pos.central.db import make_engine, utc_now
    from outlet_pos.central.enrollment import add_outlet

    app = init_outlet(Settings(d / f"outlet{number}", keystore="file"), outlet_number=number,
                      terminal=1, manager="manajer", password=PASSWORD)
    boss = app.auth.login("manajer", PASSWORD)
    engine = make_engine(f"sqlite:///{d / 'central' / 'central.db'}")
    code = add_outlet(engine, utc_now, number, f"Outlet {number}")
    engine.dispose()
    enroll_online(app.db.uow, app.db.clock, boss, server=url, code=code, terminal=1,
                  origin_district=app.outlet.origin_district, ca_pem=None, ca_path=None)
    return app, boss


def _backlog(app, boss, n: int) -> None:
    order = json.loads((ROOT / "examples" / "shipment.json").read_text())
    for i in range(n):
        order["sender"]["name"] = f"Pengirim {i}"
        order["parcel"]["weight"] = 0.5 + (i % 40) / 10
        app.booking.book(boss, order)


def _drain(app, batch: int) -> tuple[int, float]:
    app.sync.batch_size = batch
    start = time.perf_counter()
    report = app.sync.drain()
    elapsed = time.perf_counter() - start
    assert report.remaining == 0 and report.error is None, report
    return report.applied, elapsed


def run() -> dict:
    d = fresh_dir("sync")
    with central_server(d / "central") as url:
        app, boss = _outlet(d, 1, url)
        t = time.perf_counter()
        _backlog(app, boss, N)
        print(f"  booked {N} offline in {time.perf_counter() - t:.1f} s")
        sent, secs = _drain(app, 500)
        batched = sent / secs
        print(f"  batched drain: {sent} events in {secs:.2f} s = {batched:,.0f} events/s")
        app.close()

        app, boss = _outlet(d, 2, url)
        _backlog(app, boss, NAIVE)
        sent_n, secs_n = _drain(app, 1)
        naive = sent_n / secs_n
        app.close()
    print(f"  naive (1 per request): {sent_n} events in {secs_n:.2f} s = {naive:,.0f} events/s")
    print(f"  batched / naive = {batched / naive:.1f}x   (targets: >= 2,000 events/s, >= 20x)")
    return {"events": sent, "batched_events_per_s": round(batched),
            "naive_events_per_s": round(naive), "ratio": round(batched / naive, 1),
            "batched_seconds": round(secs, 2)}
