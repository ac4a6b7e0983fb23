"""Booking latency through the service, beside a bare SQLite insert+commit.

Both run on the same disk (benchmarks/.work), with the same durability: the bare
connection runs the app's own pragmas (``storage.db.PRAGMAS``: WAL, ``synchronous=FULL``,
busy timeout, foreign keys, secure delete), both check the journal mode and the
synchronous level they got, and both write in ``BEGIN IMMEDIATE``. The bare baseline
inserts one row of the size of a booked shipment (about 1 kB) and commits; the booking does
everything a clerk's F9 does: validate, price, allocate the number, encrypt
ten fields, write shipment + outbox event + audit link, commit.
Target from the core issue: booking ≤ 1.5 × the bare commit.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from outlet_pos.bootstrap import init_outlet
from outlet_pos.config import Settings
from outlet_pos.storage.db import PRAGMAS
from outlet_pos.storage.uow import SqlUnitOfWork

from .common import fresh_dir, summary

N = int(os.environ.get("BENCH_BOOKINGS", "500"))
WARMUP = 30
ROOT = Path(__file__).resolve().parents[1]


def bare_sqlite(path: Path, n: int) -> list[float]:
    c = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:  # the app's: the same durability on both sides
        c.execute(pragma)
    assert c.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert c.execute("pragma synchronous").fetchone()[0] == 2  # FULL
    c.execute("create table t(id integer primary key, a blob, b text)")
    payload = os.urandom(1024)
    times = []
    for i in range(n + WARMUP):
        t = time.perf_counter()
        c.execute("begin immediate")
        c.execute("insert into t(a, b) values (?, ?)", (payload, str(i)))
        c.execute("commit")
        if i >= WARMUP:
            times.append(time.perf_counter() - t)
    c.close()
    return times


def bookings(data_dir: Path, n: int) -> tuple[list[float], list[float], list[float],
                                             list[float]]:
    """Booking times from JSON and validated; for the validated ones also the commit call
    alone and the booking thread's CPU time (on a shared machine a contended fsync swamps
    the wall-clock figures; these two say what the code itself costs)."""
    app = init_outlet(Settings(data_dir, keystore="file"), outlet_number=1, terminal=1,
                      manager="manajer", password="bench-manajer")
    commits: list[float] = []
    real_commit = SqlUnitOfWork.commit

    def timed_commit(uow: SqlUnitOfWork) -> None:
        t = time.perf_counter()
        real_commit(uow)
        commits.append(time.perf_counter() - t)

    try:
        with app.db.uow() as uow:  # the app's connection: the same durability as the bare one
            driver = uow.conn.connection.driver_connection
            assert driver.execute("pragma journal_mode").fetchone()[0] == "wal"
            assert driver.execute("pragma synchronous").fetchone()[0] == 2  # FULL
        clerk = app.auth.login("manajer", "bench-manajer")
        order = json.loads((ROOT / "examples" / "shipment.json").read_text())
        validated = app.booking.validate(order)
        full, prevalidated, cpu = [], [], []
        for i in range(n + WARMUP):
            t = time.perf_counter()
            app.booking.book(clerk, order)
            if i >= WARMUP:
                full.append(time.perf_counter() - t)
        SqlUnitOfWork.commit = timed_commit  # type: ignore[method-assign]
        for i in range(n + WARMUP):
            c, t = time.thread_time(), time.perf_counter()
            app.booking.book(clerk, validated)
            if i >= WARMUP:
                prevalidated.append(time.perf_counter() - t)
                cpu.append(time.thread_time() - c)
        return full, prevalidated, commits[WARMUP:], cpu
    finally:
        SqlUnitOfWork.commit = real_commit  # type: ignore[method-assign]
        app.close()


def run() -> dict[str, object]:
    work = fresh_dir("booking")
    bare = summary(bare_sqlite(work / "bare.db", N))
    full_s, pre_s, commit_s, cpu_s = bookings(work / "outlet", N)
    full, pre = summary(full_s), summary(pre_s)
    commit, cpu = summary(commit_s), summary(cpu_s)
    result = {
        "bare_insert_commit": bare,
        "book_from_json": full,
        "book_validated_order": pre,
        "validated_commit_call": commit,
        "validated_cpu": cpu,
        "ratio_median_from_json": round(full["median_ms"] / bare["median_ms"], 2),
        "ratio_median_validated": round(pre["median_ms"] / bare["median_ms"], 2),
        "target_ratio": 1.5,
    }
    for name, s in (("bare SQLite insert+commit", bare), ("book (from JSON)", full),
                    ("book (validated order)", pre), ("  of which the commit call", commit),
                    ("  its thread's CPU time", cpu)):
        print(f"  {name:28} median {s['median_ms']:7.3f} ms   p99 {s['p99_ms']:7.3f} ms")
    print(f"  ratio (median) from JSON {result['ratio_median_from_json']}x, "
          f"validated {result['ratio_median_validated']}x (target <= 1.5x)")
    return result
