"""The waybill document and its layout: what is printed, and that nothing is ever cut."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outlet_pos.domain.address import Address
from outlet_pos.domain.party import Party
from outlet_pos.domain.shipment import ShipmentRecord
from outlet_pos.domain.waybill_document import (
    QR,
    Barcode,
    Copy,
    OutletLine,
    Text,
    build_test_page,
    build_waybill,
    format_kg,
    local_time,
)
from outlet_pos.printing.layout import Line, layout, pair_lines, wrap
from outlet_pos.printing.profiles import all_profiles, get_profile

WAYBILL = "0004203000000010"
LONG_STREET = ("Jalan Perumahan Griya Permai Indah Sejahtera Blok RT 004 RW 011 Kavling 27 "
               "Komplek Ruko Simpang Lorong Pesantren Kampung Baru Lama Utama Raya Nomor 1234 "
               "Gang Mawar Melati Semuanya Indah Pancasila Lima Sila")


def _party(name: str, phone: str, street: str = "Jl. Asia Afrika No. 8") -> Party:
    return Party(name, phone, Address(street, "Senayan", "Kebayoran Baru",
                                      "Kota Administrasi Jakarta Selatan",
                                      "Daerah Khusus Ibukota Jakarta", "12190",
                                      "31.71.07.1003", "31.71.07"))


def record(**kw) -> ShipmentRecord:
    base = ShipmentRecord(
        id="x", waybill=WAYBILL, booked_at=datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
        business_date=date(2026, 11, 25), clerk="kasir1", service="REG",
        origin_district="32.73.02", dest_district="31.71.07", weight_g=1310,
        volumetric_g=1000, chargeable_kg=2, pieces=1, declared_value=500000, insured=True,
        cod_amount=150000, total=35000,
        lines=(("freight", "Ongkos kirim", 24000), ("insurance", "Asuransi", 6000),
               ("cod_fee", "Biaya COD", 5000)),
        eta_date=date(2026, 11, 27), payment_method="cash", tendered=50000, payment_ref=None,
        status="booked", void_reason=None,
        sender=_party("Siti Nurhaliza", "+6281223456789"),
        recipient=_party("Budi Santoso", "+6281398765432", LONG_STREET),
        description="Pakaian", dims_cm=(30, 20, 10), packing="none", tariff_version="t1")
    return replace(base, **kw)


OUTLET = OutletLine(42, 3, "Outlet Uji", ZoneInfo("Asia/Jakarta"))


def texts(doc) -> str:
    return "\n".join(b.text for b in doc.blocks if isinstance(b, Text))


def test_label_has_everything_a_hub_and_recipient_need():
    doc = build_waybill(record(), OUTLET, Copy.LABEL)
    t = texts(doc)
    assert [b.data for b in doc.blocks if isinstance(b, Barcode | QR)] == [WAYBILL, WAYBILL]
    for expected in ("0004 2030 0000 0010", "REG", "32-73-02 > 31-71-07", "25-11-2026 09:00 WIB",
                     "Siti Nurhaliza", "+6281398765432", "COD - BAYAR DI TEMPAT", "Rp 150.000",
                     "Outlet 00042 Outlet Uji", "Petugas: kasir1", LONG_STREET[:40]):
        assert expected in t
    assert "REPRINT" not in t and "CETAK ULANG" not in t


def test_cod_amount_is_prominent():
    cod = [b for b in build_waybill(record(), OUTLET).blocks
           if isinstance(b, Text) and b.text == "Rp 150.000"]
    assert cod and cod[0].wide and cod[0].tall and cod[0].bold
    assert "COD" not in texts(build_waybill(record(cod_amount=0), OUTLET))


def test_receipt_masks_the_recipient_phone_only():
    t = texts(build_waybill(record(), OUTLET, Copy.RECEIPT))
    assert "+6281398765432" not in t and "+62813*****432" in t
    assert "+6281223456789" in t  # the sender holds the receipt: their own number


def test_reprints_are_marked_and_void_has_no_barcode():
    # the words the Indonesian screen uses ("Dicetak lagi, bertanda CETAK ULANG 2", "batal")
    reprinted = texts(build_waybill(record(), OUTLET, Copy.LABEL, reprint=2))
    assert "CETAK ULANG 2" in reprinted and "REPRINT" not in reprinted
    void = build_waybill(record(status="void", void_reason="salah alamat"), OUTLET)
    assert "BATAL" in texts(void) and "VOID" not in texts(void)
    assert not [b for b in void.blocks if isinstance(b, Barcode | QR)]


def test_shredded_personal_data_prints_a_note_not_a_crash():
    t = texts(build_waybill(record(sender=None, recipient=None, description=None), OUTLET))
    assert t.count("sudah dihapus") == 2


@pytest.mark.parametrize(("tz", "abbr"), [("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"),
                                          ("Asia/Jayapura", "WIT")])
def test_time_is_printed_in_the_outlet_zone(tz, abbr):
    assert local_time(datetime(2026, 11, 25, 2, 0, tzinfo=UTC), ZoneInfo(tz)).endswith(abbr)


def test_kilograms_use_the_indonesian_decimal_comma():
    assert [format_kg(g) for g in (1310, 1000, 250, 1005)] == \
        ["1,31 kg", "1 kg", "0,25 kg", "1,005 kg"]


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_layout_never_cuts_and_never_overflows(columns):
    doc = build_waybill(record(recipient=_party("N" * 100, "+6281398765432", LONG_STREET)),
                        OUTLET)
    lines = [i for i in layout(doc, columns) if isinstance(i, Line)]
    for line in lines:
        assert len(line.text) <= (columns // 2 if line.wide else columns)
    printed = "".join(ln.text.replace(" ", "") for ln in lines)
    assert LONG_STREET.replace(" ", "") in printed
    assert "N" * 100 in printed


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=1, max_value=64))
def test_wrap_keeps_every_visible_character(text, width):
    out = wrap(text, width)
    assert all(len(x) <= width for x in out)
    visible = "".join(ch for ch in text if not ch.isspace() and ch.isprintable())
    assert "".join(ch for ch in "".join(out) if not ch.isspace()) == visible


def test_pairs_keep_label_and_value():
    assert pair_lines("Total", "Rp 35.000", 32) == ["Total" + " " * 18 + "Rp 35.000"]
    long = pair_lines("Ongkos kirim 2 kg × 12.000 dari Bandung", "Rp 24.000", 32)
    assert all(len(x) <= 32 for x in long) and long[-1].endswith("Rp 24.000")


def test_profiles_are_complete_and_sane():
    profiles = all_profiles()
    assert {"generic-58", "generic-80", "epson-tm-t82", "epson-tm-t88", "xprinter-58",
            "xprinter-80", "zjiang-58", "zjiang-80"} <= set(profiles)
    for p in profiles.values():
        assert p.width_dots // p.columns_a >= 12  # font A is 12 dots wide
        "x".encode(p.encoding)
        assert p.module_dots * (123 + 20) <= p.width_dots  # barcode + quiet zones fits
    assert get_profile("generic-58").width_dots == 384
    assert get_profile("generic-80").width_dots == 576


def test_test_page_has_barcode_qr_and_code_page_line():
    doc = build_test_page(OUTLET, "net:127.0.0.1:9100", "generic-80")
    assert [type(b) for b in doc.blocks if isinstance(b, Barcode | QR)] == [Barcode, QR]
    assert "ÀÉÜ" in texts(doc)
