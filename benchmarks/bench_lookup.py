"""Phone look-up among 1,000,000 stored shipments (target from the core issue: < 5 ms).

The database is built once and kept in benchmarks/.work/lookup (delete it to
rebuild). 2,000 shipments are booked through the service with real
encryption; the other 998,000 are filler rows inserted directly, with random
blind-index values and random bytes of realistic length in the ciphertext
columns, so the table and its indexes have the size and shape of a real
outlet's after years of use. Look-ups hit the real shipments.

Two figures: the service call (normalise, blind index, query, decrypt,
audit row committed durably) and the query alone (repository, read-only).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
import uuid
from pathlib import Path

from outlet_pos.bootstrap import init_outlet, open_app
from outlet_pos.config import Settings
from outlet_pos.domain.party import normalize_phone
from outlet_pos.domain.waybill import make_waybill

from .common import WORK, summary

TOTAL = int(os.environ.get("BENCH_LOOKUP_ROWS", "1000000"))
REAL = 2000
ROOT = Path(__file__).resolve().parents[1]


def _phones(n: int) -> list[str]:
    rnd = random.Random(5)
    return [f"08{rnd.choice('1235789')}{rnd.randrange(10**8, 10**9)}" for _ in range(n)]


def build(data_dir: Path) -> None:
    app = init_outlet(Settings(data_dir, keystore="file"), outlet_number=1, terminal=1,
                      manager="manajer", password="bench-manajer")
    try:
        clerk = app.auth.login("manajer", "bench-manajer")
        order = json.loads((ROOT / "examples" / "shipment.json").read_text())
        phones = _phones(REAL // 4)
        batch = []
        for i in range(REAL):
            o = json.loads(json.dumps(order))
            o["recipient"]["phone"] = phones[i % len(phones)]
            o["sender"]["phone"] = phones[(i * 7 + 3) % len(phones)]
            batch.append(o)
        app.booking.book_many(clerk, batch)
        with app.db.uow() as uow:
            key_id = uow.conn.exec_driver_sql("select key_id from shipments limit 1").scalar()
    finally:
        app.close()
    conn = sqlite3.connect(data_dir / "outlet.db", isolation_level=None)
    conn.execute("pragma synchronous=off")
    rnd = random.Random(11)
    cols = ("id, waybill, outlet, terminal, sequence, booked_at, business_date, clerk_id, "
            "service, origin_district, dest_district, weight_g, volumetric_g, chargeable_kg, "
            "length_cm, width_cm, height_cm, pieces, packing, declared_value, insured, "
            "cod_amount, total, quote_json, tariff_version, eta_date, payment_method, status, "
            "key_id, sender_name_ct, sender_phone_ct, sender_address_ct, recipient_name_ct, "
            "recipient_phone_ct, recipient_address_ct, description_ct, sender_phone_idx, "
            "recipient_phone_idx")
    marks = ",".join("?" * len(cols.split(",")))
    sql = f"insert into shipments ({cols}) values ({marks})"

    def rows(start: int, count: int):
        for seq in range(start, start + count):
            day = 1 + seq % 28
            yield (str(uuid.UUID(int=rnd.getrandbits(128))), make_waybill(1, 2, seq), 1, 2, seq,
                   f"2025-{1 + seq % 12:02d}-{day:02d}T03:00:00.000000+00:00",
                   f"2025-{1 + seq % 12:02d}-{day:02d}", 1, "REG", "32.73.02", "31.74.07",
                   1310, 1000, 1, 30, 20, 10, 1, "none", 0, 0, 0, 18000, "[]", "bench",
                   "2025-12-31", "cash", "booked", key_id,
                   os.urandom(45), os.urandom(43), os.urandom(260), os.urandom(45),
                   os.urandom(43), os.urandom(260), os.urandom(50), os.urandom(16),
                   os.urandom(16))

    filler, step = TOTAL - REAL, 50_000
    for start in range(1, filler + 1, step):
        conn.execute("begin")
        conn.executemany(sql, rows(start, min(step, filler - start + 1)))
        conn.execute("commit")
        print(f"  filler {min(start + step - 1, filler):,}/{filler:,}", flush=True)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.execute("insert into meta(key, value) values ('bench_rows', ?)", (str(TOTAL),))
    conn.close()


def million_outlet() -> Path:
    """The data directory of the 1,000,000-shipment outlet, built on first use."""
    data_dir = WORK / "lookup"
    db = data_dir / "outlet.db"
    ready = False
    if db.exists():
        with sqlite3.connect(db) as c:
            row = c.execute("select value from meta where key='bench_rows'").fetchone()
            ready = row is not None and int(row[0]) == TOTAL
    if not ready:
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)
        t = time.perf_counter()
        build(data_dir)
        print(f"  built {TOTAL:,} shipments in {time.perf_counter() - t:.0f} s")
    return data_dir


def run() -> dict[str, object]:
    data_dir = million_outlet()
    app = open_app(Settings(data_dir, keystore="file"))
    try:
        clerk = app.auth.login("manajer", "bench-manajer")
        phones = _phones(REAL // 4)
        rnd = random.Random(3)
        picks = [rnd.choice(phones) for _ in range(300)]
        service, query, found = [], [], 0
        for p in picks[:20]:
            app.shipments.find_customer(clerk, p)  # warm-up: page cache, statements
        for p in picks:
            t = time.perf_counter()
            found += bool(app.shipments.find_customer(clerk, p))
            service.append(time.perf_counter() - t)
        for p in picks:
            e164 = normalize_phone(p)
            t = time.perf_counter()
            with app.db.uow() as uow:
                uow.shipments.find_by_phone(e164, 10)
            query.append(time.perf_counter() - t)
        with app.db.uow() as uow:
            stored = uow.conn.exec_driver_sql("select count(*) from shipments").scalar()
    finally:
        app.close()
    s, q = summary(service), summary(query)
    print(f"  shipments stored: {stored:,}; look-ups with a match: {found}/{len(picks)}")
    print(f"  find_customer (service, audited) median {s['median_ms']:.3f} ms  "
          f"p99 {s['p99_ms']:.3f} ms")
    print(f"  query + decrypt only            median {q['median_ms']:.3f} ms  "
          f"p99 {q['p99_ms']:.3f} ms   (target < 5 ms)")
    return {"stored": stored, "service": s, "query": q, "target_ms": 5}
