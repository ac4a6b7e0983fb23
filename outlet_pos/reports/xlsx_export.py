"""A period's figures and shipments as an Excel workbook for the outlet's accountant.

Four sheets: *Summary* (one line per day, ISO week or month of the period, then the
total: the figures ``outlet-pos report`` prints), *Shipments* (one line per shipment in
the outlet's local time, with the destination's name, the payment reference and the void
details), *Voids*, and *By group* (service, payment method, clerk). Customers' names,
phones and addresses are not in it at all: an accountant needs none of them, and a void
reason has any phone number typed into it masked. Money is whole rupiah in number cells
(shown ``#,##0``), so sums and pivot tables work; dates are date cells.

The workbook is built in openpyxl's write-only mode: a month of a busy outlet is ~60,000
lines, which a normal workbook would hold in memory as cell objects. Every text cell is
forced to be text: openpyxl takes a string starting with ``=`` for a formula, and a
clerk's user id or a reason must never run in the accountant's spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..domain.day_figures import DayFigures, GroupTotal, PeriodReport
from ..domain.report_rows import ExportRow
from ..domain.words import payment_name, status_name
from ..i18n import N_, tr
from .csv_export import mask_free_text

MONEY = "#,##0"
KG = "#,##0.0"
DATE = "yyyy-mm-dd"
STAMP = "yyyy-mm-dd hh:mm"
_BOLD = Font(bold=True)

SUMMARY_HEADERS = (N_("Period"), N_("From"), N_("To"), N_("Shipments"), N_("Voided"),
                   N_("Pieces"), N_("Weight (kg)"), N_("Revenue (Rp)"), N_("Cash (Rp)"),
                   N_("Non-cash (Rp)"), N_("COD (Rp)"))
SHIPMENT_HEADERS = (N_("Waybill"), N_("Date"), N_("Time"), N_("Clerk"), N_("Service"),
                    N_("District code"), N_("Destination"), N_("Weight (kg)"),
                    N_("Chargeable (kg)"), N_("Pieces"), N_("COD (Rp)"), N_("Total (Rp)"),
                    N_("Payment"), N_("Payment reference"), N_("Status"), N_("Void reason"),
                    N_("Asked by"), N_("Authorised by"), N_("Voided at"), N_("Synced"))
VOID_HEADERS = (N_("Waybill"), N_("Date"), N_("Time"), N_("Total (Rp)"), N_("Void reason"),
                N_("Asked by"), N_("Authorised by"), N_("Voided at"))
GROUP_HEADERS = (N_("Name"), N_("Shipments"), N_("Revenue (Rp)"))


def write_period_xlsx(report: PeriodReport, rows: Iterable[ExportRow], out: BinaryIO, *,
                      title: str, generated_at: datetime, tz: tzinfo,
                      lang: str | None = None) -> int:
    """Write the workbook to ``out``; return the number of shipment lines. ``rows`` are
    the period's shipments (voided ones too); ``tz`` the outlet's zone."""
    book = Workbook(write_only=True)
    summary = book.create_sheet(tr("Summary", lang))
    shipments = book.create_sheet(tr("Shipments", lang))
    voids = book.create_sheet(tr("Voids", lang))
    groups = book.create_sheet(tr("By group", lang))
    _summary(summary, report, title, generated_at, lang)
    _header(shipments, SHIPMENT_HEADERS, lang, widths=(19, 11, 7, 12, 8, 11, 34, 10, 10, 7,
                                                       12, 12, 14, 18, 9, 30, 12, 12, 17, 8))
    _header(voids, VOID_HEADERS, lang, widths=(19, 11, 7, 12, 34, 12, 12, 17))
    n = 0
    for row in rows:
        shipments.append(_shipment(shipments, row, tz, lang))
        if row.summary.status == "void":
            voids.append(_void(voids, row, tz))
        n += 1
    _groups(groups, report.total, lang)
    book.save(out)
    return n


def _summary(ws: WriteOnlyWorksheet, report: PeriodReport, title: str,
             generated_at: datetime, lang: str | None) -> None:
    for w, col in zip((12, 12, 12, 11, 9, 9, 12, 16, 16, 16, 16), "ABCDEFGHIJK", strict=True):
        ws.column_dimensions[col].width = w  # type: ignore[attr-defined]  # stubs lack it
    ws.append([_text(ws, title, bold=True)])
    ws.append([_text(ws, tr("Period {start} to {end}", lang, start=report.start.isoformat(),
                            end=report.end.isoformat()))])
    ws.append([_text(ws, tr("Generated {at}", lang,
                            at=generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()))])
    ws.append([])
    ws.append([_text(ws, tr(h, lang), bold=True) for h in SUMMARY_HEADERS])
    for b in report.buckets:
        ws.append(_figures_line(ws, b.label, b.start, b.end, b.figures))
    ws.append(_figures_line(ws, tr("Total", lang), report.start, report.end, report.total,
                            bold=True))


def _figures_line(ws: WriteOnlyWorksheet, label: str, start: Any, end: Any, f: DayFigures,
                  bold: bool = False) -> list[Cell]:
    return [_text(ws, label, bold=bold), _cell(ws, start, DATE), _cell(ws, end, DATE),
            _cell(ws, f.shipments), _cell(ws, f.voided), _cell(ws, f.pieces),
            _cell(ws, round(f.weight_g / 1000, 1), KG), _cell(ws, f.revenue, MONEY),
            _cell(ws, f.cash_total, MONEY), _cell(ws, f.revenue - f.cash_total, MONEY),
            _cell(ws, f.cod_total, MONEY)]


def _shipment(ws: WriteOnlyWorksheet, row: ExportRow, tz: tzinfo,
              lang: str | None) -> list[Cell]:
    s = row.summary
    at = s.booked_at.astimezone(tz)
    return [_text(ws, s.waybill), _cell(ws, at.date(), DATE), _text(ws, at.strftime("%H:%M")),
            _text(ws, s.clerk), _text(ws, s.service), _text(ws, s.dest_district),
            _text(ws, row.district_name or ""), _cell(ws, s.weight_g / 1000, "0.000"),
            _cell(ws, s.chargeable_kg), _cell(ws, s.pieces), _cell(ws, s.cod_amount, MONEY),
            _cell(ws, s.total, MONEY), _text(ws, payment_name(s.payment_method, lang)),
            _text(ws, row.payment_ref or ""), _text(ws, status_name(s.status, lang)),
            *_void_cells(ws, row, tz), _text(ws, tr("yes", lang) if s.synced else
                                            tr("no", lang))]


def _void(ws: WriteOnlyWorksheet, row: ExportRow, tz: tzinfo) -> list[Cell]:
    s = row.summary
    at = s.booked_at.astimezone(tz)
    return [_text(ws, s.waybill), _cell(ws, at.date(), DATE), _text(ws, at.strftime("%H:%M")),
            _cell(ws, s.total, MONEY), *_void_cells(ws, row, tz)]


def _void_cells(ws: WriteOnlyWorksheet, row: ExportRow, tz: tzinfo) -> list[Cell]:
    v = row.void
    if v is None:
        return [_text(ws, "") for _ in range(3)] + [_cell(ws, None)]
    at = v.at.astimezone(tz).replace(tzinfo=None) if v.at is not None else None
    return [_text(ws, mask_free_text(v.reason) if v.reason else ""),
            _text(ws, v.requested_by or ""), _text(ws, v.authorised_by or ""),
            _cell(ws, at, STAMP)]


def _groups(ws: WriteOnlyWorksheet, f: DayFigures, lang: str | None) -> None:
    for col, w in zip("ABC", (24, 11, 16), strict=True):
        ws.column_dimensions[col].width = w  # type: ignore[attr-defined]  # stubs lack it
    tables: Sequence[tuple[str, tuple[GroupTotal, ...], bool]] = (
        (tr("By service", lang), f.by_service, False),
        (tr("By payment method", lang), f.by_payment, True),
        (tr("By clerk", lang), f.by_clerk, False))
    for title, rows, named in tables:
        ws.append([_text(ws, title, bold=True)])
        ws.append([_text(ws, tr(h, lang), bold=True) for h in GROUP_HEADERS])
        for g in rows:
            ws.append([_text(ws, payment_name(g.name, lang) if named else g.name),
                       _cell(ws, g.count), _cell(ws, g.revenue, MONEY)])
        ws.append([])


def _header(ws: WriteOnlyWorksheet, headers: Sequence[str], lang: str | None,
            widths: Sequence[int]) -> None:
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w  # type: ignore[attr-defined]  # stubs lack it
    ws.freeze_panes = "A2"
    ws.append([_text(ws, tr(h, lang), bold=True) for h in headers])


def _text(ws: WriteOnlyWorksheet, value: str, *, bold: bool = False) -> Cell:
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if bold:
        cell.font = _BOLD
    return cell


def _cell(ws: WriteOnlyWorksheet, value: Any, number_format: str | None = None
          ) -> Cell:
    cell = WriteOnlyCell(ws, value=value)
    if number_format:
        cell.number_format = number_format
    return cell
