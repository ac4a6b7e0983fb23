"""Measure what the central database grows by per booking, table by table (docs/central-data.md).

A real outlet (the three orders of tests/fixtures/schemas/orders.json, the second voided,
the day closed) gives the event bodies; ``--outlets`` outlets each upload a day of
``--per-day`` bookings as copies of them (their own ids and waybills, 1 % voided, one
closing), in batches of 300 with an audit head, through the server's ``Ingest``. Then
``VACUUM ANALYZE`` and ``pg_total_relation_size`` (heap, TOAST and indexes) per table,
divided by the bookings. On a throw-away PostgreSQL (tests/pg_server.py) unless ``--url``.

Usage: ``.venv/bin/python tools/measure_central_growth.py [--outlets 100] [--per-day 300]
[--json]``
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ORDERS = ROOT / "tests" / "fixtures" / "schemas" / "orders.json"
START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
TABLES = ("shipments", "events", "tracking", "day_closings", "audit_heads", "nonces",
          "devices", "data_keys")


def templates(data: Path) -> dict[str, Any]:
    """The bodies a real outlet sends: three bookings, a void, a closing."""
    from outlet_pos.bootstrap import init_outlet
    from outlet_pos.config import Settings

    ticks = iter(range(10**6))
    app = init_outlet(Settings(data, keystore="file"), outlet_number=101, terminal=1,
                      manager="manajer", password="rahasia-manajer",
                      outlet_name="Outlet Ukur", timezone="WIB",
                      clock=lambda: START + timedelta(seconds=next(ticks)))
    try:
        boss = app.auth.login("manajer", "rahasia-manajer")
        booked = [app.booking.book(boss, o) for o in json.loads(ORDERS.read_text())]
        app.shipments.void(boss, booked[1].waybill, "Alamat penerima keliru")
        app.closing.close_day(boss, sum(b.total for i, b in enumerate(booked) if i != 1))
        with app.db.uow() as uow:
            items = uow.queue.batch(100)
    finally:
        app.close()
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for i in items:
        by_kind.setdefault(i.kind, []).append({"kind": i.kind, "created_at": i.created_at,
                                               "body": i.body})
    return by_kind


def day_of(outlet: int, n: int, t: dict[str, Any]) -> list[dict[str, Any]]:
    from outlet_pos.domain.waybill import make_waybill

    out = []
    for i in range(n):
        e = copy.deepcopy(t["shipment.created"][i % len(t["shipment.created"])])
        b = e["body"]
        b.update(outlet=outlet, terminal=1, shipment_id=str(uuid.uuid4()),
                 waybill=make_waybill(outlet, 1, i + 1))
        out.append({"id": str(uuid.uuid4()), **e})
        if i % 100 == 99:  # 1 % voided
            v = copy.deepcopy(t["shipment.voided"][0])
            v["body"]["shipment_id"] = b["shipment_id"]
            out.append({"id": str(uuid.uuid4()), **v})
    c = copy.deepcopy(t["day.closed"][0])
    c["body"].update(outlet=outlet, terminal=1)
    out.append({"id": str(uuid.uuid4()), **c})
    return out


def sizes(engine: Any) -> dict[str, dict[str, int]]:
    from sqlalchemy import text

    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("VACUUM ANALYZE")
        rows = c.execute(text(
            "SELECT relname, pg_total_relation_size(oid), pg_relation_size(oid), "
            "pg_indexes_size(oid) FROM pg_class WHERE relkind = 'r' AND relname = ANY(:t)"),
            {"t": list(TABLES)})
        out = {r[0]: {"total": r[1], "heap": r[2], "indexes": r[3]} for r in rows}
        for name in out:
            out[name]["rows"] = c.execute(text(f"SELECT count(*) FROM {name}")).scalar()
    return out


def measure(url: str, outlets: int, per_day: int) -> dict[str, Any]:
    from outlet_pos.central.db import make_engine, utc_now
    from outlet_pos.central.enrollment import DeviceRow, add_outlet, provision
    from outlet_pos.central.ingest import Ingest
    from outlet_pos.central.secrets_file import load_or_create

    with tempfile.TemporaryDirectory(prefix="central-growth-") as tmp:
        t = templates(Path(tmp) / "outlet")
        engine = make_engine(url)
        ingest = Ingest(engine, load_or_create(Path(tmp) / "central.secrets"), utc_now)
        before = sizes(engine)
        started, bookings = time.perf_counter(), 0
        for k in range(outlets):
            number = 1000 + k
            add_outlet(engine, utc_now, number, f"Outlet {number}")
            dev = DeviceRow(provision(engine, utc_now, number, 1)["device_id"], number, 1,
                            "active")
            events = day_of(number, per_day, t)
            for i in range(0, len(events), 300):
                head = {"seq": 10 * (i + 1), "hash": f"{k % 256:02x}" * 32}
                results = ingest.apply(dev, events[i:i + 300], head)
                bad = [r for r in results if r["result"] != "applied"]
                if bad:
                    raise SystemExit(f"refused: {bad[:3]}")
            bookings += per_day
        spent = time.perf_counter() - started
        after = sizes(engine)
        engine.dispose()
    per = {name: (after[name]["total"] - before.get(name, {"total": 0})["total"]) / bookings
           for name in after}
    return {"outlets": outlets, "per_day": per_day, "bookings": bookings,
            "seconds": round(spent, 1), "tables": after,
            "bytes_per_booking": {k: round(v, 1) for k, v in sorted(per.items())},
            "total_per_booking": round(sum(per.values()), 1)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--url", help="a PostgreSQL URL (default: a throw-away server)")
    p.add_argument("--outlets", type=int, default=100)
    p.add_argument("--per-day", type=int, default=300)
    p.add_argument("--json", action="store_true")
    a = p.parse_args(argv)
    server = None
    url = a.url
    if url is None:
        from tests.pg_server import start_postgres

        server = start_postgres(Path(tempfile.mkdtemp(prefix="pg-growth-")))
        url = server.new_database("growth")
    try:
        result = measure(url, a.outlets, a.per_day)
    finally:
        if server is not None:
            server.stop()
    if a.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{result['bookings']} bookings of {a.outlets} outlets in {result['seconds']} s")
    for name, b in result["bytes_per_booking"].items():
        t = result["tables"][name]
        print(f"  {name:13} {b:8.1f} B/booking  (rows {t['rows']}, heap {t['heap']}, "
              f"indexes {t['indexes']}, total {t['total']})")
    print(f"  {'all':13} {result['total_per_booking']:8.1f} B/booking")
    return 0


if __name__ == "__main__":
    sys.exit(main())
