"""The manager's daily report as an A4 PDF: summary, closing, two charts and three tables.

Figures only: the report holds no sender or recipient data, just counts, rupiah and the
staff user names of clerks and the closing manager. Text is set in the bundled DejaVu
fonts the waybill PDFs use (``printing.fonts``: reports use printing, never the reverse),
which cover Indonesian and whatever script a service or outlet name is in. Every heading
goes through ``tr``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from ..domain.day_figures import DayFigures, GroupTotal, count_text, kg_text
from ..domain.money import format_rupiah
from ..domain.report_rows import ClosingInfo
from ..domain.words import payment_name
from ..i18n import LANGUAGES, get_language, tr
from ..printing.fonts import BOLD, REGULAR, register_fonts

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
BAR_COLOUR = colors.HexColor("#1f5f99")
GRID_COLOUR = colors.HexColor("#c8c8c8")
HEAD_FILL = colors.HexColor("#e6edf5")


def render_daily_pdf(figures: DayFigures, out: str | os.PathLike[str] | BinaryIO, *,
                     outlet_label: str, closing: ClosingInfo | None = None,
                     generated_at: datetime, lang: str | None = None) -> None:
    """Write the report for ``figures`` to ``out``: a path, or a binary file open for writing.

    A path is written beside itself first and then moved in, so a reader never sees
    half a report. ``lang`` is ``id`` or ``en``; by default the chosen language.
    """
    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    register_fonts()
    if isinstance(out, str | os.PathLike):
        from .private_file import write_private_binary  # the one checked writer (0600)

        write_private_binary(Path(out), lambda f: _build(f, figures, outlet_label, closing,
                                                         generated_at, lang))
    else:
        _build(out, figures, outlet_label, closing, generated_at, lang)


def _build(out: BinaryIO, f: DayFigures, outlet_label: str, closing: ClosingInfo | None,
           generated_at: datetime, lang: str) -> None:
    title = tr("Daily report {day}", lang, day=f.day.isoformat())
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + 8 * mm, bottomMargin=MARGIN + 4 * mm,
                            title=f"{title} — {outlet_label}", author="Outlet POS",
                            # else every page declares Helvetica, which is not embedded
                            initialFontName=REGULAR)
    stamp = tr("Generated {at}", lang, at=generated_at.strftime("%Y-%m-%d %H:%M %Z").strip())
    canvas = _numbered_canvas(outlet_label, f.day.isoformat(), stamp, lang)
    doc.build(_story(f, closing, title, lang), canvasmaker=canvas)


def _story(f: DayFigures, closing: ClosingInfo | None, title: str, lang: str) -> list[Flowable]:
    h1 = ParagraphStyle("h1", fontName=BOLD, fontSize=16, leading=20, spaceAfter=4 * mm)
    story: list[Flowable] = [Paragraph(escape(title), h1),
                             _heading(tr("Summary", lang)), _summary(f, lang)]
    if closing is not None:
        story += [_heading(tr("Closing", lang)), *_closing(closing, lang)]
    story += [_heading(tr("Shipments per hour", lang)), _hours_chart(f, lang)]
    story.append(_heading(tr("Revenue by service", lang)))
    if f.by_service:
        story.append(_service_chart(f, lang))
    else:
        story.append(Paragraph(escape(tr("No shipments on this day.", lang)), _body()))
    for heading, column, groups, name in (
            (tr("By service", lang), tr("Service", lang), f.by_service, str),
            (tr("By payment method", lang), tr("Payment method", lang), f.by_payment,
             lambda m: _method(m, lang)),
            (tr("By clerk", lang), tr("Clerk", lang), f.by_clerk, str)):
        story += [_heading(heading), _groups(column, groups, name, f, lang)]
    return story


def _body() -> ParagraphStyle:
    return ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12)


def _heading(text: str) -> Paragraph:
    style = ParagraphStyle("h2", fontName=BOLD, fontSize=12, leading=15, spaceBefore=5 * mm,
                           spaceAfter=2 * mm, keepWithNext=1)
    return Paragraph(escape(text), style)


def _method(method: str, lang: str) -> str:
    return payment_name(method, lang)  # the words of the screens and the paper


def _table(rows: list[list[Any]], widths: Sequence[float], *, header: bool,
           right_from: int = 1) -> Table:
    t = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
             ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("ALIGN", (right_from, 0), (-1, -1), "RIGHT"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID_COLOUR),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style += [("FONTNAME", (0, 0), (-1, 0), BOLD), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]
    t.setStyle(TableStyle(style))
    return t


def _summary(f: DayFigures, lang: str) -> Table:
    rows = [[tr("Shipments", lang), count_text(f.shipments, lang)],
            [tr("Voided", lang), count_text(f.voided, lang)],
            [tr("Revenue", lang), format_rupiah(f.revenue)],
            [tr("Paid in cash", lang), format_rupiah(f.cash_total)],
            [tr("Cash on delivery to collect", lang), format_rupiah(f.cod_total)],
            [tr("Pieces", lang), count_text(f.pieces, lang)],
            [tr("Total weight", lang), kg_text(f.weight_g, lang)]]
    t = _table(rows, (WIDTH * 0.45, WIDTH * 0.25), header=False)
    t.setStyle(TableStyle([("FONTNAME", (1, 2), (1, 2), BOLD)]))  # the revenue stands out
    return t


def _closing(c: ClosingInfo, lang: str) -> list[Flowable]:
    rows: list[list[Any]] = [
        [tr("Closing number", lang), count_text(c.sequence, lang)],
        [tr("Opening float", lang), format_rupiah(c.float)],
        [tr("Cash sales", lang), format_rupiah(c.cash_sales)],
        [tr("Cash in", lang), format_rupiah(c.cash_in)],
        [tr("Cash out", lang), format_rupiah(c.cash_out)],
        [tr("Cash expected", lang), format_rupiah(c.cash_expected)],
        [tr("Cash counted", lang), format_rupiah(c.cash_counted)],
        [tr("Difference", lang), format_rupiah(c.difference)],
        [tr("Closed by", lang), c.closed_by],
        [tr("Closed at", lang), c.closed_at.strftime("%Y-%m-%d %H:%M %Z").strip()]]
    out: list[Flowable] = [_table(rows, (WIDTH * 0.45, WIDTH * 0.25), header=False)]
    if c.note:
        # Below the figures, full width, so a long note wraps instead of running off.
        note = ParagraphStyle("note", parent=_body(), spaceBefore=2 * mm, leftIndent=6)
        out.append(Paragraph(f"{escape(tr('Note', lang))}: {escape(c.note)}", note))
    if c.denominations:
        out += [_heading(tr("Notes and coins counted", lang)), _table(
            [[tr("Note or coin", lang), tr("Count", lang), tr("Amount", lang)]]
            + [[format_rupiah(face), str(n), format_rupiah(face * n)]
               for face, n in sorted(c.denominations.items(), reverse=True)],
            (WIDTH * 0.3, WIDTH * 0.15, WIDTH * 0.3), header=True)]
    if c.movements:
        kinds = {"float": tr("Float", lang), "in": tr("Cash in", lang),
                 "out": tr("Cash out", lang)}
        out += [_heading(tr("Cash movements", lang)), _table(
            [[tr("Time", lang), tr("Kind", lang), tr("Amount", lang), tr("By", lang),
              tr("Reason", lang)]]
            + [[f"{m.at:%H:%M}", kinds[m.kind], format_rupiah(m.amount), m.by,
                Paragraph(escape(m.reason or "—"), _body())] for m in c.movements],
            (WIDTH * 0.1, WIDTH * 0.14, WIDTH * 0.2, WIDTH * 0.16, WIDTH * 0.4), header=True)]
    if c.voids:
        out += [_heading(tr("Voided shipments", lang)), _table(
            [[tr("Waybill", lang), tr("Amount", lang)]]
            + [[w, format_rupiah(t)] for w, t in c.voids],
            (WIDTH * 0.45, WIDTH * 0.25), header=True)]
    from .shift_pdf import z_shift_section  # it builds on this module's tables

    return out + z_shift_section(c.shifts, lang)


def _groups(column: str, groups: Sequence[GroupTotal], name: Callable[[str], str],
            f: DayFigures, lang: str) -> Table:
    rows: list[list[Any]] = [[column, tr("Shipments", lang), tr("Revenue", lang)]]
    rows += [[name(g.name), count_text(g.count, lang), format_rupiah(g.revenue)] for g in groups]
    rows.append([tr("Total", lang), count_text(f.shipments, lang), format_rupiah(f.revenue)])
    t = _table(rows, (WIDTH * 0.45, WIDTH * 0.2, WIDTH * 0.35), header=True)
    t.setStyle(TableStyle([("FONTNAME", (0, -1), (-1, -1), BOLD),
                           ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]))
    return t


def _nice_step(top: int, ticks: int = 5) -> int:
    """A whole step of 1, 2 or 5 × 10^k giving about ``ticks`` ticks up to ``top``."""
    raw = max(1, math.ceil(top / ticks))
    power = 10 ** (len(str(raw)) - 1)
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _axis_titles(d: Drawing, x_title: str, y_title: str, plot: tuple[float, float, float,
                 float]) -> None:
    x, y, w, h = plot
    d.add(String(x + w / 2, 4, x_title, fontName=REGULAR, fontSize=8, textAnchor="middle"))
    g = Group(String(0, 0, y_title, fontName=REGULAR, fontSize=8, textAnchor="middle"))
    g.transform = (0, 1, -1, 0, 10, y + h / 2)  # turned 90°, reading upwards
    d.add(g)


def _hours_chart(f: DayFigures, lang: str) -> Drawing:
    d = Drawing(WIDTH, 62 * mm, initialFontName=REGULAR)
    c = VerticalBarChart()
    # reportlab's stubs type a chart's box as int; it takes points (floats)
    c.x, c.y, c.width, c.height = 38, 30, WIDTH - 48, 62 * mm - 40  # type: ignore[assignment]
    c.data = [list(f.per_hour)]
    c.bars[0].fillColor = c.bars[0].strokeColor = BAR_COLOUR
    c.barSpacing, c.groupSpacing = 0, 3
    c.categoryAxis.categoryNames = [f"{h:02d}" for h in range(24)]
    step = _nice_step(max(f.per_hour))
    c.valueAxis.valueMin, c.valueAxis.valueStep = 0, step
    c.valueAxis.valueMax = max(step, math.ceil(max(f.per_hour) / step) * step)
    c.valueAxis.labelTextFormat = lambda v: count_text(int(v), lang)
    c.valueAxis.visibleGrid, c.valueAxis.gridStrokeColor = 1, GRID_COLOUR
    for labels in (c.categoryAxis.labels, c.valueAxis.labels):
        labels.fontName, labels.fontSize = REGULAR, 7
    d.add(c)
    _axis_titles(d, tr("Hour of booking (outlet time)", lang), tr("Shipments", lang),
                 (c.x, c.y, c.width, c.height))
    return d


def _service_chart(f: DayFigures, lang: str) -> Drawing:
    pairs = f.revenue_by_service
    height = 40 + 16 * len(pairs) + 20
    d = Drawing(WIDTH, height, initialFontName=REGULAR)
    c = HorizontalBarChart()
    label_room = min(40 * mm, 12 + max(len(name) for name, _ in pairs) * 5.5)
    # as above: the stubs say int, the chart takes points
    c.x, c.y, c.width, c.height = (18 + label_room, 36, WIDTH - label_room - 50,  # type: ignore[assignment]
                                   height - 46)
    c.data = [[revenue for _, revenue in pairs]]
    c.bars[0].fillColor = c.bars[0].strokeColor = BAR_COLOUR
    c.categoryAxis.categoryNames = [name for name, _ in pairs]
    c.categoryAxis.reverseDirection = 1  # highest revenue on top, as in the table
    top = max(1, *(revenue for _, revenue in pairs))
    step = _nice_step(top, 4)
    c.valueAxis.valueMin, c.valueAxis.valueStep = 0, step
    # Headroom, so the amount printed after the longest bar stays inside the chart.
    c.valueAxis.valueMax = math.ceil(top * 6 / 5 / step) * step
    c.valueAxis.labelTextFormat = lambda v: format_rupiah(int(v))
    c.valueAxis.visibleGrid, c.valueAxis.gridStrokeColor = 1, GRID_COLOUR
    c.barLabelFormat = lambda v: format_rupiah(int(v))
    c.barLabels.boxAnchor, c.barLabels.dx = "w", 3
    c.barLabels.fontName, c.barLabels.fontSize = REGULAR, 7
    for labels in (c.categoryAxis.labels, c.valueAxis.labels):
        labels.fontName, labels.fontSize = REGULAR, 7
    d.add(c)
    _axis_titles(d, tr("Revenue (Rp)", lang), tr("Service", lang),
                 (c.x, c.y, c.width, c.height))
    return d


def _numbered_canvas(outlet_label: str, day: str, stamp: str,
                     lang: str) -> Callable[..., Canvas]:
    """A canvas class that puts the header and "page n of m" on each page.

    The total is only known at the end, so pages are kept and decorated on ``save``.
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # keeps the page for save() to finish
            self._saved.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own, not in stubs

        def save(self) -> None:
            for n, state in enumerate(self._saved, 1):
                self.__dict__.update(state)
                self._decorate(n, len(self._saved))
                super().showPage()
            super().save()

        def _decorate(self, n: int, pages: int) -> None:
            w, h = A4
            self.setFont(BOLD, 10)
            self.drawString(MARGIN, h - MARGIN, outlet_label)
            self.drawRightString(w - MARGIN, h - MARGIN, day)
            self.setStrokeColor(GRID_COLOUR)
            self.line(MARGIN, h - MARGIN - 2 * mm, w - MARGIN, h - MARGIN - 2 * mm)
            self.setFont(REGULAR, 8)
            self.drawString(MARGIN, MARGIN - 2 * mm, stamp)
            self.drawRightString(w - MARGIN, MARGIN - 2 * mm,
                                 tr("Page {page} of {pages}", lang, page=n, pages=pages))

    return NumberedCanvas
