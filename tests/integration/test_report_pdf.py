"""The daily report PDF, read back with poppler: the totals are on it as printed, the
pages render, and the charts draw something.

poppler's ``pdftotext`` and ``pdftoppm`` are independent of reportlab; they come from
Debian's poppler-utils, which ``tools/ensure_poppler.sh`` installs. Without them the
tests that need them are skipped, saying so.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageChops

from outlet_pos.domain.day_figures import DayFigures
from outlet_pos.domain.money import format_rupiah
from outlet_pos.domain.records import ShipmentSummary
from outlet_pos.domain.report_rows import ClosingInfo
from outlet_pos.i18n import tr
from outlet_pos.reports.pdf_report import BAR_COLOUR, render_daily_pdf

DAY = date(2026, 11, 25)
WIB = ZoneInfo("Asia/Jakarta")
GENERATED = datetime(2026, 11, 25, 21, 5, tzinfo=WIB)
POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="pdftotext/pdftoppm not installed: run tools/ensure_poppler.sh "
                        "(Debian package poppler-utils)")


def day_rows(n: int = 2_000, seed: int = 7) -> list[ShipmentSummary]:
    rng = random.Random(seed)
    opening = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)  # 07:30 WIB
    return [ShipmentSummary(
        waybill=f"{1201_01_000000 + i:016d}",
        booked_at=opening + timedelta(minutes=rng.randint(0, 13 * 60)),
        clerk=rng.choice(("kasir1", "kasir2", "kasir3", "manajer")),
        service=rng.choice(("REG", "YES", "OKE", "JTR", "SPS")),
        dest_district=rng.choice(("Coblong", "Kebayoran Baru", "Denpasar Selatan")),
        weight_g=rng.randint(100, 30_000), chargeable_kg=rng.randint(1, 30),
        pieces=rng.randint(1, 3), cod_amount=rng.choice((0, 0, 0, rng.randint(1, 900) * 1_000)),
        total=rng.randint(9, 400) * 1_000,
        payment_method=rng.choice(("cash", "cash", "qris", "transfer", "card")),
        status="void" if rng.random() < 0.04 else "booked", synced=rng.random() < 0.9)
        for i in range(n)]


@pytest.fixture(scope="module")
def figures() -> DayFigures:
    return DayFigures.from_rows(DAY, day_rows())


@pytest.fixture(scope="module")
def report(figures: DayFigures, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "laporan-2026-11-25.pdf"
    render_daily_pdf(figures, path, outlet_label="Outlet 1201 Bandung Dago",
                     generated_at=GENERATED, lang="id")
    return path


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=30).stdout


def test_the_synthetic_day_has_what_the_report_must_show(figures: DayFigures):
    assert figures.voided > 0 and figures.shipments > 1_000
    assert len(figures.by_service) == 5 and len(figures.by_clerk) == 4
    assert len(figures.by_payment) == 4


@needs_poppler
def test_totals_are_printed_as_formatted(report: Path, figures: DayFigures):
    text = pdf_text(report)
    assert format_rupiah(figures.revenue) in text  # Rp 123.456.000
    assert f"{figures.shipments:,}".replace(",", ".") in text  # 1.916, not 1916 or 1,916
    assert format_rupiah(figures.cash_total) in text
    for group in figures.by_service + figures.by_clerk:
        assert group.name in text and format_rupiah(group.revenue) in text
    assert "Outlet 1201 Bandung Dago" in text and "2026-11-25" in text
    assert tr("Shipments per hour", "id") in text
    assert tr("Page {page} of {pages}", "id", page=1, pages=2) in text


@needs_poppler
def test_english_report_and_closing(figures: DayFigures, tmp_path: Path):
    closing = ClosingInfo(sequence=7, cash_expected=figures.cash_total,
                          cash_counted=figures.cash_total - 5_000, difference=-5_000,
                          note="Kurang Rp 5.000 & sudah dicatat <kasir2>", closed_by="manajer",
                          closed_at=GENERATED)
    path = tmp_path / "report.pdf"
    render_daily_pdf(figures, path, outlet_label="Outlet 1201", closing=closing,
                     generated_at=GENERATED, lang="en")
    text = pdf_text(path)
    assert "Shipments per hour" in text and "Revenue by service" in text
    assert "Hour of booking" in text and "Revenue (Rp)" in text  # the axes say what they are
    assert f"{figures.shipments:,}" in text  # English groups with commas
    assert "-Rp 5.000" in text and "Kurang Rp 5.000 & sudah dicatat <kasir2>" in text
    assert "Generated 2026-11-25 21:05 WIB" in text
    assert not list(tmp_path.glob("*.part"))


@needs_poppler
def test_first_page_renders_with_the_chart_drawn(report: Path, tmp_path: Path):
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(report),
                    str(tmp_path / "page")], check=True, capture_output=True, timeout=30)
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as im:
        rgb = im.convert("RGB")
    assert abs(rgb.width - 210 / 25.4 * 60) <= 2  # A4 portrait at 60 dpi
    assert abs(rgb.height - 297 / 25.4 * 60) <= 2
    # Pixels of the bars' colour: one channel mask each, multiplied together.
    target = [round(c * 255) for c in BAR_COLOUR.rgb()]
    masks = [band.point(lambda v, t=t: 255 if abs(v - t) < 40 else 0)
             for band, t in zip(rgb.split(), target, strict=True)]
    bars = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
    left, top, right, _ = bars.getbbox() or (0, 0, 0, 0)
    # The hour chart's bars: many pixels, spread across most of the text width, in the
    # lower part of the page (under the summary table).
    assert bars.histogram()[255] > 500
    assert right - left > rgb.width / 2
    assert top > rgb.height / 4


def test_an_empty_day_written_to_a_binary_file():
    buf = io.BytesIO()
    render_daily_pdf(DayFigures.from_rows(DAY, []), buf, outlet_label="Outlet 1",
                     generated_at=GENERATED, lang="id")
    assert buf.getvalue().startswith(b"%PDF-") and buf.getvalue().rstrip().endswith(b"%%EOF")


def test_the_font_is_embedded(report: Path):
    data = report.read_bytes()
    assert b"/FontFile2" in data  # TrueType embedded, not a base-14 font
    assert b"/Helvetica" not in data


def test_an_unknown_language_is_refused_before_any_file_is_made(tmp_path: Path):
    with pytest.raises(ValueError, match="language"):
        render_daily_pdf(DayFigures.from_rows(DAY, []), tmp_path / "r.pdf", outlet_label="x",
                         generated_at=GENERATED, lang="fr")
    assert not list(tmp_path.iterdir())
