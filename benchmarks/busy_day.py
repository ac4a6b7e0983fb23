"""A generated business day booked through the real services: clerks, services, cash and
QRIS, COD, a few voids, traffic peaking mid-morning and late afternoon.

Used by the report benchmark and by tools/report_image.py (the README's report pages).
"""

from __future__ import annotations

import copy
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from outlet_pos.domain.errors import ValidationError

ROOT = Path(__file__).resolve().parents[1]
OPENING = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)  # 07:30 WIB

DESTINATIONS = (("40115", "Citarum"), ("40135", "Dago"), ("12160", "Melawai"),
                ("80227", "Sanur Kaja"), ("60271", "Embong Kaliasin"))


class Clock:
    def __init__(self) -> None:
        self.now = OPENING  # 07:30 WIB

    def __call__(self) -> datetime:
        return self.now


def book_day(app, clock: Clock, n: int, rng: random.Random, close: bool = True) -> int:
    """Book ``n`` shipments on the clock's day (a few more drawn, since some services do
    not reach some villages), void one in forty and close the day; returns the count."""
    boss = app.auth.login("manajer", "rahasia-manajer")
    clerks = []
    for name in ("kasir1", "kasir2", "kasir3"):
        app.auth.add_user(boss, name, "clerk", f"rahasia-{name}")
        clerks.append(app.auth.login(name, f"rahasia-{name}"))
    base = json.loads((ROOT / "examples" / "shipment.json").read_text())
    booked: list[str] = []
    # Counter traffic peaks mid-morning and late afternoon.
    hours = [rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6, 7, 7, 8, 8, 9, 10))
             for _ in range(n + n // 5)]
    for h in sorted(hours):
        if len(booked) == n:
            break
        clock.now = OPENING + timedelta(hours=h, minutes=rng.randint(0, 59))
        order = copy.deepcopy(base)
        code, village = rng.choice(DESTINATIONS)
        order["recipient"]["address"].update(postal_code=code, village=village)
        order["recipient"]["address"].pop("district", None)
        order["parcel"]["weight_g"] = rng.randint(200, 12_000)
        order["parcel"]["cod_amount"] = rng.choice((0, 0, 0, rng.randint(5, 300) * 1_000))
        order["service"] = rng.choice(("REG", "REG", "OKE", "YES"))
        order["payment"] = rng.choice(({"method": "cash"}, {"method": "cash"},
                                       {"method": "qris", "reference": "QR0001"}))
        try:
            booked.append(app.booking.book(rng.choice(clerks), order).waybill)
        except ValidationError:
            continue
    for w in rng.sample(booked, max(1, len(booked) // 40)):
        app.shipments.void(boss, w, "salah input berat", requested_by="kasir1")
    if close:
        expected = app.closing.totals(boss).cash_expected
        app.closing.close_day(boss, counted_cash=expected - 2_000, note="kurang Rp 2.000")
    return len(booked)
