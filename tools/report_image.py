"""Render the daily report of a generated day to PNG pages in docs/images (for the README).

Books a day of shipments through the real services in a temporary outlet (several
clerks, services and payment methods, a few voids, a closing with a cash difference),
writes the PDF with ``ReportService.daily_pdf`` and turns each page into a PNG with
poppler's ``pdftoppm``: ``python tools/report_image.py [--shipments N] [--lang id|en]``.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from outlet_pos.bootstrap import init_outlet  # noqa: E402
from outlet_pos.config import Settings  # noqa: E402
from outlet_pos.domain.errors import ValidationError  # noqa: E402
from outlet_pos.i18n import set_language  # noqa: E402

DESTINATIONS = (("40115", "Citarum"), ("40135", "Dago"), ("12160", "Melawai"),
                ("80227", "Sanur Kaja"), ("60271", "Embong Kaliasin"))


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)  # 07:30 WIB

    def __call__(self) -> datetime:
        return self.now


def book_day(app, clock: _Clock, n: int, rng: random.Random) -> None:
    boss = app.auth.login("manajer", "rahasia-manajer")
    clerks = []
    for name in ("kasir1", "kasir2", "kasir3"):
        app.auth.add_user(boss, name, "clerk", f"rahasia-{name}")
        clerks.append(app.auth.login(name, f"rahasia-{name}"))
    base = json.loads((ROOT / "examples" / "shipment.json").read_text())
    booked: list[str] = []
    # Counter traffic peaks mid-morning and late afternoon.
    hours = [rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6, 7, 7, 8, 8, 9, 10)) for _ in range(n)]
    for h in sorted(hours):
        clock.now = datetime(2026, 11, 25, 0, 30, tzinfo=UTC) + timedelta(
            hours=h, minutes=rng.randint(0, 59))
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
    expected = app.closing.totals(boss).cash_expected
    app.closing.close_day(boss, counted_cash=expected - 2_000, note="kurang Rp 2.000")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--shipments", type=int, default=400)
    p.add_argument("--lang", default="id", choices=("id", "en"))
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = p.parse_args(argv)
    if not shutil.which("pdftoppm"):
        print("pdftoppm not found: run tools/ensure_poppler.sh", file=sys.stderr)
        return 1
    set_language(args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        clock = _Clock()
        app = init_outlet(Settings(Path(tmp) / "data", keystore="file"), outlet_number=1201,
                          terminal=1, manager="manajer", password="rahasia-manajer",
                          outlet_name="Bandung Dago", clock=clock)
        try:
            book_day(app, clock, args.shipments, random.Random(25))
            pdf = Path(tmp) / "report.pdf"
            app.reports.daily_pdf(app.auth.login("manajer", "rahasia-manajer"), pdf)
        finally:
            app.close()
        args.out.mkdir(parents=True, exist_ok=True)
        prefix = args.out / f"report-daily-{args.lang}"
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(prefix)], check=True)
    for page in sorted(args.out.glob(f"report-daily-{args.lang}-*.png")):
        print(page.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
