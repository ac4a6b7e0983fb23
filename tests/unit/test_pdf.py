"""The PDF renderer on its own: pages, scannable symbols, and no text ever cut or overlapped.

Every page is rasterised by pdfium at 300 dpi and decoded by zxing-cpp, an
implementation independent of reportlab; the text is read back from the PDF's
own text layer, so "nothing is cut" means the words are really on the page.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest
import zxingcpp

from outlet_pos.bootstrap import _write_pdf
from outlet_pos.domain.address import Address
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.party import Party
from outlet_pos.domain.shipment import ShipmentRecord
from outlet_pos.domain.waybill_document import (
    TEST_NUMBER,
    Copy,
    Cut,
    Document,
    OutletLine,
    Pair,
    Text,
    build_test_page,
    build_waybill,
)
from outlet_pos.i18n import catalog
from outlet_pos.printing.pdf import PAGE_SIZES, pdf_bytes
from tests.unit.test_waybill_document import record

MM = 72 / 25.4  # PDF points per millimetre
PAGE_MM = {"label": (100, 150), "a6": (105, 148), "a4": (210, 297)}
OUTLET = OutletLine(42, 3, "Outlet Uji Cabang Kebayoran", ZoneInfo("Asia/Jakarta"))
WAYBILL = "0004203000000010"
VOID_WAYBILL = "0004203000000028"

STREET = ("Jalan Perumahan Griya Permai Indah Sejahtera Blok C-17 RT 004 RW 011 Kavling 27 "
          "Komplek Ruko Simpang Lorong Pesantren Kampung Baru Lama Utama Raya Nomor 1234 "
          "Gang Mawar Melati Semuanya Indah Pancasila")
VILLAGE = "Sukamaju Baru Tengah Kidul Wetan Lor Kulon Cibeunying Kaler"
CITY = "Kota Administrasi Jakarta Selatan Raya Metropolitan Nusantara"
LONG_NAME = ("Raden Ajeng Siti Nurhaliza Kartika Dewi Purnamasari Wijayakusuma "
             "Hadiningrat Soerjosoemarno Putriani")
ODD_NAME = "Tom & Jerry <Ltd>"


def _address(street: str, village: str = "Senayan", city: str = "Kota Bandung") -> Address:
    return Address(street, village, "Kebayoran Baru", city, "Daerah Khusus Ibukota Jakarta",
                   "12190", "31.71.07.1003", "31.71.07")


def _record(waybill: str = WAYBILL, **kw: object) -> ShipmentRecord:
    """The unit tests' standard record, with this file's long and odd parties."""
    parties = dict(
        sender=Party(ODD_NAME, "+6281223456789", _address("Jl. Asia Afrika No. 8")),
        recipient=Party(LONG_NAME, "+6281398765432", _address(STREET, VILLAGE, CITY)))
    return record(waybill=waybill, **{**parties, **kw})


def _flat(text: str) -> str:
    return "".join(text.split())


def _pages(data: bytes) -> list[pdfium.PdfPage]:
    return list(pdfium.PdfDocument(data))


def _text(pages: list[pdfium.PdfPage]) -> str:
    return "\n".join(p.get_textpage().get_text_range() for p in pages)


def _decoded(pages: list[pdfium.PdfPage]) -> list[tuple[str, str]]:
    """Every symbol zxing-cpp finds on the pages printed at 300 dpi."""
    found: list[tuple[str, str]] = []
    for p in pages:
        found += [(r.format.name, r.text)
                  for r in zxingcpp.read_barcodes(p.render(scale=300 / 72).to_pil())]
    return sorted(found)


def _boxes(page: pdfium.PdfPage) -> Iterator[tuple[str, tuple[float, float, float, float]]]:
    tp = page.get_textpage()
    for i in range(tp.count_chars()):
        ch = tp.get_text_range(i, 1)
        if ch and not ch.isspace():
            yield ch, tp.get_charbox(i)


def _assert_inside_and_apart(page: pdfium.PdfPage) -> None:
    """Every glyph lies on the paper and no two glyphs overlap (nothing cut, nothing on top)."""
    width, height = page.get_size()
    boxes = sorted((box for _ch, box in _boxes(page)), key=lambda b: b[0])
    for left, bottom, right, top in boxes:
        assert 0 <= left <= right <= width and 0 <= bottom <= top <= height
    # Sweep along x: a glyph can only overlap glyphs that start before it ends. Ink boxes
    # of neighbours in one word touch a little (``/R``), so overlaps under 1 pt are kerning.
    for i, (l1, b1, r1, t1) in enumerate(boxes):
        for l2, b2, r2, t2 in boxes[i + 1:]:
            if l2 >= r1 - 1:
                break
            assert min(t1, t2) - max(b1, b2) <= 1, ((l1, b1, r1, t1), (l2, b2, r2, t2))


def test_the_records_are_as_long_as_the_brief_says():
    assert len(STREET) == 200 and len(LONG_NAME) == 100


@pytest.mark.parametrize("page", PAGE_SIZES)
def test_waybill_scans_and_keeps_every_word(page):
    pages = _pages(pdf_bytes([build_waybill(_record(), OUTLET, Copy.LABEL, reprint=1)], page))
    w, h = PAGE_MM[page]
    assert 1 <= len(pages) <= 2
    for p in pages:
        pw, ph = p.get_size()
        assert abs(pw / MM - w) <= 0.5 and abs(ph / MM - h) <= 0.5
        _assert_inside_and_apart(p)
    assert _decoded(pages) == [("Code128", WAYBILL), ("QRCode", WAYBILL)]
    text = _text(pages)
    flat = _flat(text)
    for whole in (STREET, LONG_NAME, VILLAGE, CITY, ODD_NAME, "COD - BAYAR DI TEMPAT",
                  "Rp 150.000", "Asuransi", "0004 2030 0000 0010", "Outlet Uji Cabang"):
        assert _flat(whole) in flat, whole
    # Wrapped lines together hold every word of the address, in order.
    words = text.split()
    start = words.index("Jalan")
    assert " ".join(words[start:start + len(STREET.split())]) == STREET


def test_label_copy_fits_one_label_page_and_its_size_is_exact():
    pages = _pages(pdf_bytes([build_waybill(_record(), OUTLET, Copy.LABEL)], "label"))
    assert len(pages) == 1
    assert pages[0].get_size() == pytest.approx((100 * MM, 150 * MM), abs=0.5 * MM)


@pytest.mark.parametrize("page", PAGE_SIZES)
def test_void_waybill_has_a_banner_and_nothing_to_scan(page):
    rec = _record(VOID_WAYBILL, status="void", void_reason="Salah alamat")
    pages = _pages(pdf_bytes([build_waybill(rec, OUTLET, Copy.OUTLET)], page))
    assert _decoded(pages) == []
    assert "BATAL" in _text(pages) and "VOID" not in _text(pages) and "Salah alamat" in _text(pages)


@pytest.mark.parametrize("page", PAGE_SIZES)
def test_test_page_symbols_decode_to_the_test_number(page):
    doc = build_test_page(OUTLET, "tcp://192.0.2.7:9100", "generic-80",
                          datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    pages = _pages(pdf_bytes([doc], page))
    assert len(pages) == 1
    assert _decoded(pages) == [("Code128", TEST_NUMBER), ("QRCode", TEST_NUMBER)]
    assert "ÀÉÜ àéü ñ £ ½" in _text(pages)


def test_each_document_starts_a_page_and_the_title_names_only_keys():
    docs = [build_waybill(_record(cod_amount=0), OUTLET, c) for c in Copy]
    pdf = pdfium.PdfDocument(pdf_bytes(docs, "a4"))
    assert len(pdf) == 3
    assert [_decoded([p]) for p in pdf] == [[("Code128", WAYBILL), ("QRCode", WAYBILL)]] * 3
    meta = pdf.get_metadata_dict()
    assert meta["Title"] == ", ".join(d.key for d in docs)
    assert not any(name in value for value in meta.values()
                   for name in ("Tom", "Raden", "Jalan", "+62"))


@pytest.mark.parametrize("page", PAGE_SIZES)
def test_unbreakable_words_long_values_and_any_script_stay_on_the_paper(page):
    doc = Document("odd", (
        Text("Jl.Mawar/RT.004/RW.011/Kel.Sukamaju/" * 8),
        Text("X" * 300, bold=True, wide=True, tall=True, inverse=True, align="center"),
        Pair("Ref.", "QRIS-" + "7" * 150),
        Pair("Label yang sangat panjang sekali " * 4, "Rp 1.250.000", bold=True),
        Text("Ωμέγα Жук Łódź Nguyễn 中文 عربى 😀 \ud800 \x1b@"),
    ))
    pages = _pages(pdf_bytes([doc], page))
    for p in pages:
        _assert_inside_and_apart(p)
    flat = _flat(_text(pages))
    for whole in ("Jl.Mawar/RT.004/RW.011/Kel.Sukamaju/" * 8, "X" * 300, "QRIS-" + "7" * 150,
                  "Label yang sangat panjang sekali " * 4, "Rp 1.250.000", "Ωμέγα Жук Łódź Nguyễn"):
        assert _flat(whole) in flat


def test_a_document_longer_than_a_page_continues_and_a_cut_starts_a_new_page():
    lines = tuple(Text(f"Baris nomor {i}") for i in range(200))
    pages = _pages(pdf_bytes([Document("long", (*lines, Cut(), Text("setelah potong")))],
                             "label"))
    assert len(pages) >= 3
    assert [line.strip() for line in _text(pages).splitlines()] == [
        *(f"Baris nomor {i}" for i in range(200)), "setelah potong"]
    assert pages[-1].get_textpage().get_text_range().strip() == "setelah potong"


def test_unknown_page_is_a_translated_validation_error():
    with pytest.raises(ValidationError):
        pdf_bytes([], "letter")
    assert "must be label, a6 or a4" in catalog("id")


def test_the_wired_pdf_writer_writes_the_file_whole_and_private(tmp_path: Path):
    out = tmp_path / "resi.pdf"
    _write_pdf([build_waybill(_record(), OUTLET)], out, "a6")  # what PrintService is given
    assert out.read_bytes().startswith(b"%PDF") and [p.name for p in tmp_path.iterdir()] == [
        "resi.pdf"]
    assert out.stat().st_mode & 0o777 == 0o600


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
