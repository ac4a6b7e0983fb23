"""100 random shipments, every renderer, an independent decoder: the barcodes always scan.

Each shipment (long Indonesian addresses, COD, insurance) is rendered for
58 mm and 80 mm paper as native ESC/POS (the printer's own GS k / GS ( k)
and as full raster (GS v 0); the bytes are printed by the virtual printer's
interpreter to an image. The PDF label goes through reportlab and pdfium.
zxing-cpp decodes each image: CODE128 and QR must both equal the booked
waybill number, every time.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from outlet_pos.domain.waybill_document import Copy, OutletLine, build_waybill
from outlet_pos.printing.escpos_render import render_escpos
from outlet_pos.printing.pdf import pdf_bytes
from outlet_pos.printing.profiles import get_profile
from outlet_pos.printing.virtual.interpreter import render_escpos as print_on_paper
from tests.shipment_factory import book_random

N = 100


@pytest.fixture
def shipments(app, clerk):
    waybills = book_random(app, clerk, N, seed=11)
    o = app.outlet
    line = OutletLine(o.number, o.terminal, o.name, o.timezone)
    records = [app.shipments.show(clerk, w) for w in waybills]
    assert sum(r.cod_amount > 0 for r in records) > 10
    assert sum(r.insured for r in records) > 10
    assert max(len(r.recipient.address.street) for r in records) > 150
    return records, line


def decoded(img) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in zxingcpp.read_barcodes(img):
        out.setdefault(r.format.name, []).append(r.text)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("profile_name", ["generic-58", "generic-80"])
@pytest.mark.parametrize("raster", [False, True], ids=["native", "raster"])
def test_thermal_barcodes_decode_to_the_waybill(shipments, profile_name, raster):
    records, line = shipments
    profile = get_profile(profile_name)
    for i, r in enumerate(records):
        copy = (Copy.LABEL, Copy.RECEIPT, Copy.OUTLET)[i % 3]
        data = render_escpos(build_waybill(r, line, copy, reprint=i % 2), profile, raster)
        paper = print_on_paper(data, width_dots=profile.width_dots)
        assert decoded(paper) == {"Code128": [r.waybill], "QRCode": [r.waybill]}, r.waybill


@pytest.mark.slow
def test_pdf_label_barcodes_decode_to_the_waybill(shipments):
    records, line = shipments
    for r in records:
        pdf = pdfium.PdfDocument(pdf_bytes([build_waybill(r, line, Copy.LABEL)], "label"))
        found: dict[str, list[str]] = {}
        for page in pdf:
            for fmt, texts in decoded(page.render(scale=200 / 72).to_pil()).items():
                found.setdefault(fmt, []).extend(texts)
        assert found == {"Code128": [r.waybill], "QRCode": [r.waybill]}, r.waybill
