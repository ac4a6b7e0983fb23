"""Render the daily report of a generated day to PNG pages in docs/images (for the README).

Books a day of shipments through the real services in a temporary outlet (several
clerks, services and payment methods, a few voids, a closing with a cash difference),
writes the PDF with ``ReportService.daily_pdf`` and turns each page into a PNG with
poppler's ``pdftoppm``: ``python tools/report_image.py [--shipments N] [--lang id|en]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.busy_day import Clock, book_day  # noqa: E402
from outlet_pos.bootstrap import init_outlet  # noqa: E402
from outlet_pos.config import Settings  # noqa: E402
from outlet_pos.i18n import set_language  # noqa: E402


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
        clock = Clock()
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
