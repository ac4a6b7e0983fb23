"""The manager's day: the daily report of 2,000 shipments, and one day's list among
1,000,000 stored shipments (targets from the manager issue: < 1 s and < 50 ms).

- report: a day of 2,000 shipments booked through the services (benchmarks/busy_day.py,
  built once into benchmarks/.work/report); ``ReportService.review`` (list, filters,
  figures) and ``ReportService.daily_pdf`` (list, figures, tables, two charts, fonts,
  file). Baseline: the same PDF for an empty day, i.e. reportlab's fixed cost.
- list day: ``ShipmentService.list_day`` in the 1,000,000-shipment outlet of the lookup
  benchmark, for its day of 2,000 real shipments and for a filler day (~3,000 rows).
  Baseline: the bare sqlite3 query of the same rows and columns (no sync state, no
  objects).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from outlet_pos.bootstrap import init_outlet, open_app
from outlet_pos.config import Settings
from outlet_pos.domain.day_figures import DayFigures
from outlet_pos.reports.pdf_report import render_daily_pdf

from .bench_lookup import million_outlet
from .busy_day import OPENING, Clock, book_day
from .common import WORK, summary

DAY_SIZE = 2000
MANAGER = ("manajer", "rahasia-manajer")


def _report_outlet() -> Path:
    data_dir = WORK / "report"
    db = data_dir / "outlet.db"
    if db.exists():
        with sqlite3.connect(db) as c:
            n = c.execute("select count(*) from shipments").fetchone()[0]
        if n >= DAY_SIZE:
            return data_dir
    import shutil

    shutil.rmtree(data_dir, ignore_errors=True)
    clock = Clock()
    app = init_outlet(Settings(data_dir, keystore="file"), outlet_number=1201, terminal=1,
                      manager=MANAGER[0], password=MANAGER[1], outlet_name="Bandung Dago",
                      clock=clock)
    try:
        t = time.perf_counter()
        booked = book_day(app, clock, DAY_SIZE, random.Random(25), close=False)
        print(f"  booked a day of {booked:,} shipments in {time.perf_counter() - t:.0f} s")
    finally:
        app.close()
    return data_dir


def _timed(fn, rounds: int) -> dict[str, float]:
    fn()  # warm-up: page cache, fonts, statements
    samples = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return summary(samples)


def bench_report() -> dict[str, object]:
    app = open_app(Settings(_report_outlet(), keystore="file"), clock=Clock())
    day = OPENING.date()
    try:
        boss = app.auth.login(*MANAGER)
        review = app.reports.review(boss, day)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "laporan.pdf"
            r = _timed(lambda: app.reports.review(boss, day), 20)
            pdf = _timed(lambda: app.reports.daily_pdf(boss, out, day), 10)
            size = out.stat().st_size
            empty = DayFigures.from_rows(day, [])
            base = _timed(lambda: render_daily_pdf(empty, out, outlet_label="Bandung Dago",
                                                   generated_at=OPENING),
                          10)
    finally:
        app.close()
    n = review.figures.shipments + review.figures.voided
    print(f"  day of {n:,} shipments ({review.figures.voided} void)")
    print(f"  review (list, figures)        median {r['median_ms']:.1f} ms  "
          f"p99 {r['p99_ms']:.1f} ms")
    print(f"  daily report PDF ({size // 1024} kB)      median {pdf['median_ms']:.1f} ms  "
          f"p99 {pdf['p99_ms']:.1f} ms   (target < 1000 ms)")
    print(f"  baseline: empty-day PDF       median {base['median_ms']:.1f} ms")
    return {"shipments": n, "review": r, "pdf": pdf, "pdf_bytes": size,
            "baseline_empty_pdf": base, "target_ms": 1000}


def _raw_list(db: Path, day: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        return len(c.execute(
            "select s.waybill, s.booked_at, u.username, s.service, s.dest_district, "
            "s.weight_g, s.chargeable_kg, s.pieces, s.cod_amount, s.total, "
            "s.payment_method, s.status from shipments s join users u on u.id = s.clerk_id "
            "where s.business_date = ? order by s.booked_at", (day,)).fetchall())


def bench_list_day() -> dict[str, object]:
    data_dir = million_outlet()
    db = data_dir / "outlet.db"
    with sqlite3.connect(db) as c:
        real_day = c.execute("select business_date from shipments where tariff_version != "
                             "'bench' limit 1").fetchone()[0]
        stored = c.execute("select count(*) from shipments").fetchone()[0]
    filler_day = "2025-06-14"  # filler dates share month and day residues mod 4
    app = open_app(Settings(data_dir, keystore="file"))
    results: dict[str, object] = {"stored": stored, "target_ms": 50}
    try:
        boss = app.auth.login("manajer", "bench-manajer")
        for label, day in (("real", real_day), ("filler", filler_day)):
            on = date.fromisoformat(day)
            rows = len(app.shipments.list_day(boss, on))
            svc = _timed(lambda on=on: app.shipments.list_day(boss, on), 30)
            raw = _timed(lambda day=day: _raw_list(db, day), 30)
            results[label] = {"day": day, "rows": rows, "service": svc, "raw_sqlite": raw}
            print(f"  list_day {day} ({rows:,} of {stored:,} rows)  median "
                  f"{svc['median_ms']:.1f} ms  p99 {svc['p99_ms']:.1f} ms   "
                  f"(bare sqlite3 {raw['median_ms']:.1f} ms; target < 50 ms)")
    finally:
        app.close()
    return results


def run() -> dict[str, object]:
    return {"report": bench_report(), "list_day": bench_list_day()}
