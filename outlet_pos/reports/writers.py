"""The report files, behind the reports service's ``ReportFiles`` port (bootstrap wires it).

The service builds the figures and rows (``domain.day_figures``, ``domain.report_rows``)
and decides who may export what; these lay them out as a PDF, a CSV or a workbook.
reportlab and openpyxl load with the first file of their kind, not with the counter window.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import BinaryIO, TextIO

from ..domain.day_figures import DayFigures, PeriodReport
from ..domain.report_rows import ClosingInfo, ExportRow
from .csv_export import write_day_csv


class ReportWriters:
    """``services.reports.ReportFiles``: the writers in this package."""

    def daily_pdf(self, figures: DayFigures, out: Path, *, outlet_label: str,
                  closing: ClosingInfo | None, generated_at: datetime) -> None:
        """The daily report at ``out``, through the checked private writer (0600)."""
        from .pdf_report import render_daily_pdf

        render_daily_pdf(figures, out, outlet_label=outlet_label, closing=closing,
                         generated_at=generated_at)

    def day_csv(self, rows: Sequence[ExportRow], out: TextIO, *, masked: bool,
                tz: tzinfo) -> int:
        return write_day_csv(rows, out, masked=masked, tz=tz)

    def period_xlsx(self, report: PeriodReport, rows: Sequence[ExportRow], out: BinaryIO, *,
                    title: str, generated_at: datetime, tz: tzinfo) -> int:
        from .xlsx_export import write_period_xlsx

        return write_period_xlsx(report, rows, out, title=title, generated_at=generated_at,
                                 tz=tz)
