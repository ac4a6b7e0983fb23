"""Draining a backlog into the central server on loopback, and what the server's CPU pays.

For each database (SQLite, and PostgreSQL when its binaries are installed: see
``tools/ensure_postgres.sh``) an outlet books ``BENCH_SYNC_EVENTS`` shipments (default
10,000) with no server (a day or more offline), then the sync worker drains them in
batches of 300 into ``outlet-pos-central serve`` running as its own process on
127.0.0.1. Then ``BENCH_SYNC_SINGLE`` (default 300) more go one per request: a normal
day, one upload per booking (and what a client without batching would do).

The server's CPU is its process's user + system time from ``/proc/<pid>/stat`` (all its
threads), read before and after each drain: CPU per event for the backlog, CPU per
request for the one-event uploads. A first batch of ``WARM`` events goes unmeasured: the
server builds its validators on first use (seconds of CPU once per process). The client
runs in this process, so the server's figure does not include it.

Targets: ≥ 2,000 events/s and ≥ 20× the one-per-request client (sync issue); server CPU
per event a third lower than 0.19 ms (SQLite) and 0.33 ms (PostgreSQL) (issue 19); a
one-event upload ≤ 2 ms of server CPU (issue 20).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from outlet_pos.bootstrap import init_outlet
from outlet_pos.cli.demo_central import wait_until_served
from outlet_pos.config import Settings

from .common import fresh_dir

N = int(os.environ.get("BENCH_SYNC_EVENTS", "10000"))
SINGLE = int(os.environ.get("BENCH_SYNC_SINGLE", "300"))
BATCH = 300
WARM = 20  # sent first, not measured: the server builds its validators on first use
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-manajer-1"
TICK = os.sysconf("SC_CLK_TCK")


def server_cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14, 15)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def central_process(workdir: Path, db_url: str) -> Iterator[tuple[str, int]]:
    """``outlet-pos-central serve`` on ``db_url`` in a child process: (its URL, its pid)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (workdir / "central.log").open("ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "outlet_pos.central.cli", "serve", "--db", db_url,
         "--secrets", str(workdir / "central.secrets"), "--port", str(port)],
        stdout=log, stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        # a loaded machine: building the models takes a while
        wait_until_served(url, proc, 120, workdir / "central.log")
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _outlet(d: Path, number: int, url: str, db_url: str) -> tuple[Any, Any]:
    from outlet_pos.central.db import make_engine, utc_now
    from outlet_pos.central.enrollment import add_outlet

    app = init_outlet(Settings(d / f"outlet{number}", keystore="file"), outlet_number=number,
                      terminal=1, manager="manajer", password=PASSWORD)
    boss = app.auth.login("manajer", PASSWORD)
    engine = make_engine(db_url)
    code = add_outlet(engine, utc_now, number, f"Outlet {number}")
    engine.dispose()
    app.enrolment.online(boss, server=url, code=code)
    return app, boss


def _backlog(app: Any, boss: Any, n: int) -> None:
    order = json.loads((ROOT / "examples" / "shipment.json").read_text())
    for i in range(n):
        order["sender"]["name"] = f"Pengirim {i}"
        order["parcel"]["weight"] = 0.5 + (i % 40) / 10
        app.booking.book(boss, order)


def _drain(app: Any, batch: int, pid: int) -> tuple[int, float, float]:
    """(events applied, seconds, server CPU seconds) of draining the outbox."""
    app.worker.batch_size = batch
    cpu, start = server_cpu_s(pid), time.perf_counter()
    report = app.worker.drain()
    elapsed, used = time.perf_counter() - start, server_cpu_s(pid) - cpu
    assert report.remaining == 0 and report.error is None, report
    return report.applied, elapsed, used


def _one_backend(d: Path, name: str, db_url: str) -> dict[str, Any]:
    with central_process(d / "central", db_url) as (url, pid):
        app, boss = _outlet(d, 1, url, db_url)
        _backlog(app, boss, WARM)
        _drain(app, BATCH, pid)
        t = time.perf_counter()
        _backlog(app, boss, N)
        print(f"  [{name}] booked {N} offline in {time.perf_counter() - t:.1f} s")
        sent, secs, cpu = _drain(app, BATCH, pid)
        print(f"  [{name}] backlog in batches of {BATCH}: {sent} events in {secs:.2f} s = "
              f"{sent / secs:,.0f} events/s; server CPU {cpu * 1000 / sent:.3f} ms/event")
        _backlog(app, boss, SINGLE)
        sent1, secs1, cpu1 = _drain(app, 1, pid)
        app.close()
    print(f"  [{name}] one event per request: {sent1} in {secs1:.2f} s = "
          f"{sent1 / secs1:,.0f} events/s; server CPU {cpu1 * 1000 / sent1:.2f} ms/request")
    return {"events": sent, "batch": BATCH, "batched_events_per_s": round(sent / secs),
            "batched_seconds": round(secs, 2),
            "server_cpu_ms_per_event": round(cpu * 1000 / sent, 3),
            "single_requests": sent1, "single_events_per_s": round(sent1 / secs1, 1),
            "server_cpu_ms_per_request": round(cpu1 * 1000 / sent1, 3),
            "ratio": round((sent / secs) / (sent1 / secs1), 1)}


def run() -> dict[str, Any]:
    d = fresh_dir("sync")
    out: dict[str, Any] = {"sqlite": _one_backend(
        d / "sqlite", "SQLite", f"sqlite:///{d / 'sqlite' / 'central' / 'central.db'}")}
    from tests.pg_server import PgUnavailable, start_postgres

    try:
        pg = start_postgres(d / "pg")
    except PgUnavailable as e:
        print(f"  [PostgreSQL] skipped: {e.reason}")
    else:
        try:
            out["postgres"] = _one_backend(d / "postgres", "PostgreSQL", pg.url)
        finally:
            pg.stop()
    s = out["sqlite"]
    print(f"  batched / one per request (SQLite) = {s['ratio']:.1f}x   (targets: >= 2,000 "
          "events/s, >= 20x; server CPU <= 0.13 ms/event SQLite, <= 0.22 PostgreSQL; "
          "<= 2 ms per one-event request)")
    return out
