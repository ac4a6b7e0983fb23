"""The day's CSV export: masked by default, in full on request, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from outlet_pos.domain.party import mask_name, mask_phone
from outlet_pos.domain.records import ShipmentSummary
from outlet_pos.domain.report_rows import ExportRow
from outlet_pos.reports.csv_export import COLUMNS, write_day_csv

AT = datetime(2026, 11, 25, 2, 15, tzinfo=UTC)


def summary(n: int = 1, **kw: object) -> ShipmentSummary:
    values = dict(waybill=f"{n:016d}", booked_at=AT, clerk="kasir1", service="REG",
                  dest_district="Coblong", weight_g=1_250, chargeable_kg=2, pieces=1,
                  cod_amount=0, total=18_000, payment_method="cash", status="booked",
                  synced=True)
    return ShipmentSummary(**{**values, **kw})


def export(n: int = 1, summary_kw: dict | None = None, **kw: object) -> ExportRow:
    personal = dict(sender_name="Budi Santoso", sender_phone="+6281234567890",
                    recipient_name="Siti Nurhaliza Rahayu", recipient_phone="+6285712345678",
                    recipient_address="Jl. Dago No. 12 RT 04 RW 11, Dago, Coblong, Kota Bandung")
    return ExportRow(summary(n, **(summary_kw or {})), **{**personal, **kw})


def write(rows: list[ExportRow], **kw: object) -> list[dict[str, str]]:
    buf = io.StringIO(newline="")
    assert write_day_csv(rows, buf, **kw) == len(rows)
    buf.seek(0)
    reader = csv.DictReader(buf)
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_header_has_stable_english_keys():
    assert COLUMNS == (
        "waybill", "booked_at", "date", "time", "clerk", "service", "dest_district",
        "dest_district_name", "weight_g", "chargeable_kg", "pieces", "cod_amount", "total",
        "payment_method", "payment_ref", "status", "void_reason", "void_requested_by",
        "void_authorised_by", "voided_at", "synced", "sender_name", "sender_phone",
        "recipient_name", "recipient_phone", "recipient_address")
    buf = io.StringIO()
    write_day_csv([], buf)
    assert buf.getvalue() == ",".join(COLUMNS) + "\r\n"


def test_masked_is_the_default():
    (line,) = write([export()])
    assert line["sender_name"] == "B*** S***"
    assert line["recipient_name"] == "S*** N*** R***"
    assert line["sender_phone"] == "+62812*****890" == mask_phone("+6281234567890")
    assert line["recipient_phone"] == "+62857*****678"
    assert line["recipient_address"] == "***"
    assert line["dest_district"] == "Coblong"  # where it goes is still there
    text = io.StringIO()
    write_day_csv([export()], text)
    for secret in ("Budi", "Santoso", "Nurhaliza", "1234567", "Dago No. 12"):
        assert secret not in text.getvalue()


def test_unmasked_writes_everything_in_full():
    (line,) = write([export()], masked=False)
    assert line["sender_name"] == "Budi Santoso"
    assert line["sender_phone"] == "+6281234567890"  # no apostrophe: it is a phone number
    assert line["recipient_phone"] == "+6285712345678"
    assert line["recipient_address"] == \
        "Jl. Dago No. 12 RT 04 RW 11, Dago, Coblong, Kota Bandung"


def test_round_trip_through_dictreader():
    rows = [export(1), export(2, {"status": "void", "synced": False, "cod_amount": 150_000,
                                  "payment_method": "qris", "service": "YES"})]
    lines = write(rows, masked=False)
    for row, line in zip(rows, lines, strict=True):
        s = row.summary
        assert line["waybill"] == s.waybill
        assert datetime.fromisoformat(line["booked_at"]) == s.booked_at
        for key in ("weight_g", "chargeable_kg", "pieces", "cod_amount", "total"):
            assert int(line[key]) == getattr(s, key)
        for key in ("clerk", "service", "dest_district", "payment_method", "status"):
            assert line[key] == getattr(s, key)
        assert line["synced"] == ("true" if s.synced else "false")
        assert line["recipient_name"] == row.recipient_name


def test_values_destroyed_by_retention_are_empty_cells():
    gone = export(sender_name=None, sender_phone=None, recipient_name=None,
                  recipient_phone=None, recipient_address=None)
    for masked in (True, False):
        (line,) = write([gone], masked=masked)
        assert [line[c] for c in COLUMNS[-5:]] == [""] * 5
        assert line["total"] == "18000"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(start):
    evil = start + "HYPERLINK(\"http://x\",\"y\")"
    row = export(sender_name=evil, recipient_address=evil, summary_kw={"clerk": evil})
    (line,) = write([row], masked=False)
    assert line["sender_name"] == line["recipient_address"] == line["clerk"] == "'" + evil


def test_a_masked_formula_is_guarded_too():
    (line,) = write([export(sender_name="=cmd|' /C calc'!A0")])
    assert line["sender_name"] == "'=*** /*** c***"  # a mask keeps first characters


@pytest.mark.parametrize("phone", ["+1+cmd|' /C calc'!A0", "=1+2", "-2+3", "@SUM(A1)",
                                   "+62 812", "+62812\t"])
def test_only_a_real_phone_number_escapes_the_guard(phone):
    (line,) = write([export(sender_phone=phone)], masked=False)
    assert line["sender_phone"] == "'" + phone


def test_safe_text_and_numbers_are_untouched():
    row = export(sender_name="Ani - Toko Maju", summary_kw={"dest_district": "Coblong"})
    (line,) = write([row], masked=False)
    assert line["sender_name"] == "Ani - Toko Maju"
    assert line["cod_amount"] == "0"


def test_a_rows_repr_holds_no_personal_data():
    text = repr(export())
    assert "Budi" not in text and "628123" not in text and "Dago No" not in text
    assert "0000000000000001" in text


@pytest.mark.parametrize(("name", "masked"), [
    ("Budi Santoso", "B*** S***"),
    ("  I Gede   Putu ", "I*** G*** P***"),
    ("A. Yani", "A*** Y***"),
    ("Ni Luh Wahyuningsih", "N*** L*** W***"),
    ("", ""),
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_mask_name_does_not_tell_the_length():
    assert mask_name("Al") == mask_name("Ahmad")[:1] + "***" == "A***"


def test_times_are_the_outlets_clock():
    from zoneinfo import ZoneInfo

    buf = io.StringIO(newline="")
    write_day_csv([export()], buf, tz=ZoneInfo("Asia/Makassar"))  # WITA: UTC+8
    (line,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert (line["date"], line["time"]) == ("2026-11-25", "10:15")
    assert line["booked_at"] == "2026-11-25T10:15:00+08:00"


def test_a_void_has_its_reason_who_asked_and_who_authorised():
    from outlet_pos.domain.report_rows import VoidInfo

    void = VoidInfo(reason="pelanggan 0812 3456 7890 batal kirim", requested_by="kasir2",
                    authorised_by="manajer", at=AT)
    row = export(summary_kw={"status": "void", "payment_method": "qris"}, void=void,
                 payment_ref="QR-778899", district_name="Coblong, Kota Bandung")
    (masked,) = write([row])
    assert masked["void_reason"] == "pelanggan +62812*****890 batal kirim"
    assert (masked["void_requested_by"], masked["void_authorised_by"]) == ("kasir2", "manajer")
    assert (masked["payment_ref"], masked["dest_district_name"]) == \
        ("QR-778899", "Coblong, Kota Bandung")
    (full,) = write([row], masked=False)
    assert full["void_reason"] == "pelanggan 0812 3456 7890 batal kirim"
    assert "void" not in repr(row).replace("status='void'", "")  # no reason in a repr


def test_free_text_keeps_waybills_and_weights():
    from outlet_pos.reports.csv_export import mask_free_text

    for text in ("resi 0042031234567890 ganda", "salah berat 2 kg, 10000 gram"):
        assert mask_free_text(text) == text
    assert mask_free_text("HP +62 812-3456-7890.") == "HP +62812*****890."
