"""The virtual printer's ESC/POS interpreter and the PDF renderer, on their own."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.waybill_document import Copy, build_waybill
from outlet_pos.printing.escpos_render import _escpos, code128_data
from outlet_pos.printing.pdf import pdf_bytes
from outlet_pos.printing.virtual.interpreter import render_escpos
from tests.unit.test_waybill_document import LONG_STREET, OUTLET, _party, record

NUMBER = "0000110100000017"


def _decoded(img):
    return {(r.format.name, r.text) for r in zxingcpp.read_barcodes(img)}


def test_python_escpos_code128_set_c_and_native_qr_print_what_was_sent():
    p = _escpos().Dummy()
    p.barcode(code128_data(NUMBER), "CODE128", function_type="B", pos="OFF", width=2)
    p.qr(NUMBER, ec=1, size=6, native=True)
    assert b"\x1dkI\n{C" in p.output  # 8 symbol values in code set C, not 16 characters
    assert _decoded(render_escpos(p.output, 384)) == {("Code128", NUMBER), ("QRCode", NUMBER)}


def test_raster_lands_at_the_right_dots():
    # GS v 0: 2 bytes per row (16 dots), 3 rows; the first row's left byte all black.
    data = b"\x1dv0\x00\x02\x00\x03\x00" + b"\xff\x00" + b"\x00\x00" * 2
    img = render_escpos(data, 384)
    assert img.getpixel((0, 0)) == 0 and img.getpixel((7, 0)) == 0
    assert img.getpixel((8, 0)) != 0 and img.getpixel((0, 1)) != 0


def test_code_page_text_is_printed():
    blank = render_escpos(b"\x1b@\x1bt\x10\n", 384)
    text = render_escpos(b"\x1b@\x1bt\x10" + "é".encode("cp1252") + b"\n", 384)
    assert text.tobytes() != blank.tobytes()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_garbage_never_crashes_the_interpreter(data):
    render_escpos(data, 384)


def test_pdf_never_cuts_a_long_address_and_escapes_markup():
    rec = record(recipient=_party("Tom & Jerry <Ltd> " + "Wijayakusuma " * 6,
                                  "+6281398765432", LONG_STREET))
    for page in ("label", "a6", "a4"):
        pdf = pdfium.PdfDocument(pdf_bytes([build_waybill(rec, OUTLET, Copy.LABEL)], page))
        text = "".join(p.get_textpage().get_text_range() for p in pdf)
        flat = "".join(text.split())
        assert "".join(LONG_STREET.split()) in flat
        assert "Tom&Jerry<Ltd>" in flat
        found = set()
        for p in pdf:
            found |= _decoded(p.render(scale=200 / 72).to_pil())
        assert found == {("Code128", rec.waybill), ("QRCode", rec.waybill)}
    with pytest.raises(ValidationError):
        pdf_bytes([], "letter")


def test_void_pdf_has_no_barcode():
    doc = build_waybill(record(status="void", void_reason="salah"), OUTLET)
    pdf = pdfium.PdfDocument(pdf_bytes([doc], "label"))
    assert not _decoded(pdf[0].render(scale=200 / 72).to_pil())
    assert "BATAL" in pdf[0].get_textpage().get_text_range()
