"""A shift's X report as an A4 PDF: the drawer's figures of one clerk's shift, so far or
final, in the daily report's fonts, tables and page header (``pdf_report``).

Figures and staff user names only: no customer data, and the clerk's note (typed text)
only on this paper, which is written 0600 like every report.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, TableStyle

from ..domain.day_figures import count_text
from ..domain.money import format_rupiah
from ..domain.shifts import ShiftFigures, ShiftsTotal
from ..domain.words import payment_name
from ..i18n import LANGUAGES, get_language, tr
from ..printing.fonts import BOLD, REGULAR, register_fonts
from .pdf_report import MARGIN, WIDTH, _body, _heading, _numbered_canvas, _table


def render_x_pdf(figures: ShiftFigures, out: str | os.PathLike[str] | BinaryIO, *,
                 outlet_label: str, generated_at: datetime, lang: str | None = None) -> None:
    """Write the X report of ``figures`` to ``out`` (a path, written 0600 beside itself
    and moved in, or a binary file open for writing)."""
    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    register_fonts()
    if isinstance(out, str | os.PathLike):
        from .private_file import write_private_binary

        write_private_binary(Path(out), lambda f: _build(f, figures, outlet_label,
                                                         generated_at, lang))
    else:
        _build(out, figures, outlet_label, generated_at, lang)


def _build(out: BinaryIO, f: ShiftFigures, outlet_label: str, generated_at: datetime,
           lang: str) -> None:
    tz = generated_at.tzinfo
    title = tr("X report: shift of {clerk}", lang, clerk=f.shift.clerk)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + 8 * mm, bottomMargin=MARGIN + 4 * mm,
                            title=f"{title} — {outlet_label}", author="Outlet POS",
                            initialFontName=REGULAR)
    stamp = tr("Generated {at}", lang, at=generated_at.strftime("%Y-%m-%d %H:%M %Z").strip())
    canvas = _numbered_canvas(outlet_label, f.shift.business_date.isoformat(), stamp, lang)
    doc.build(_story(f, title, lang, tz), canvasmaker=canvas)


def _time(at: datetime | None, tz: Any) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if at else "—"


def _story(f: ShiftFigures, title: str, lang: str, tz: Any) -> list[Flowable]:
    s = f.shift
    h1 = ParagraphStyle("h1", fontName=BOLD, fontSize=16, leading=20, spaceAfter=4 * mm)
    story: list[Flowable] = [Paragraph(escape(title), h1)]
    if s.is_open:
        story.append(Paragraph(escape(tr("Shift still open: figures so far, not counted",
                                         lang)), _body()))
    who = [[tr("Clerk", lang), s.clerk],
           [tr("Opened at", lang), _time(s.opened_at, tz)],
           [tr("Closed at", lang), _time(s.closed_at, tz) if s.closed_at
            else tr("still open ({at})", lang, at=_time(f.until, tz))]]
    if s.closed_by and s.closed_by != s.clerk:
        who.append([tr("Closed by", lang), s.closed_by])
    if f.handed_to_clerk:
        who.append([tr("Handed over to", lang), f.handed_to_clerk])
    story += [_heading(tr("Shift", lang)), _table(who, (WIDTH * 0.45, WIDTH * 0.35),
                                                  header=False)]
    sales = [[tr("Shipments", lang), count_text(f.shipments, lang)],
             [tr("Voided", lang), count_text(f.voided, lang)],
             [tr("Revenue", lang), format_rupiah(f.revenue)]]
    sales += [[f"{payment_name(m.method, lang)} ({count_text(m.count, lang)})",
               format_rupiah(m.revenue)] for m in f.by_method]
    story += [_heading(tr("Sales", lang)), _table(sales, (WIDTH * 0.45, WIDTH * 0.25),
                                                  header=False)]
    cash: list[list[Any]] = [
        [tr("Opening float", lang), format_rupiah(s.opening_float)],
        [tr("Cash takings", lang), format_rupiah(f.cash_takings)],
        [tr("Cash in", lang), format_rupiah(f.cash_in)],
        [tr("Cash out", lang), format_rupiah(f.cash_out)],
        [tr("Refunds", lang), format_rupiah(f.refunds)],
        [tr("Cash expected", lang), format_rupiah(f.expected)]]
    if f.counted is not None:
        cash += [[tr("Cash counted", lang), format_rupiah(f.counted)],
                 [tr("Difference", lang), format_rupiah(f.difference or 0)]]
    t = _table(cash, (WIDTH * 0.45, WIDTH * 0.25), header=False)
    t.setStyle(TableStyle([("FONTNAME", (0, -1), (-1, -1), BOLD)]))  # the bottom line
    story += [_heading(tr("Drawer cash", lang)), t]
    if s.note:
        note = ParagraphStyle("note", parent=_body(), spaceBefore=2 * mm, leftIndent=6)
        story.append(Paragraph(f"{escape(tr('Note', lang))}: {escape(s.note)}", note))
    if s.counted:
        story += [_heading(tr("Notes and coins counted", lang)), _table(
            [[tr("Note or coin", lang), tr("Count", lang), tr("Amount", lang)]]
            + [[format_rupiah(face), str(n), format_rupiah(face * n)]
               for face, n in sorted(s.counted.items(), reverse=True)],
            (WIDTH * 0.3, WIDTH * 0.15, WIDTH * 0.3), header=True)]
    story += [_heading(tr("Signatures", lang)), _table(
        [[tr("Clerk", lang), tr("Manager", lang)], ["\n\n\n", "\n\n\n"]],
        (WIDTH * 0.45, WIDTH * 0.45), header=True, right_from=2)]
    return story


def z_shift_section(total: ShiftsTotal | None, lang: str) -> list[Flowable]:
    """The daily report's closing gets the day's shifts: each one's float, cash takings,
    counted and difference, and their sum; nothing for a day without shifts."""
    if total is None or not total.lines:
        return []
    rows: list[list[Any]] = [[tr("Clerk", lang), tr("Time", lang), tr("Opening float", lang),
                              tr("Cash takings", lang), tr("Cash counted", lang),
                              tr("Difference", lang)]]
    for s in total.lines:
        end = f"{s.closed_at:%H:%M}" if s.closed_at else "…"
        rows.append([s.clerk, f"{s.opened_at:%H:%M}–{end}", format_rupiah(s.opening_float),
                     format_rupiah(s.cash_takings),
                     format_rupiah(s.counted) if s.counted is not None else "—",
                     format_rupiah(s.difference) if s.difference is not None else "—"])
    rows.append([tr("Total", lang), "", "", format_rupiah(total.cash_takings), "",
                 format_rupiah(total.difference)])
    t = _table(rows, (WIDTH * 0.18, WIDTH * 0.14, WIDTH * 0.17, WIDTH * 0.17, WIDTH * 0.17,
                      WIDTH * 0.17), header=True, right_from=2)
    t.setStyle(TableStyle([("FONTNAME", (0, -1), (-1, -1), BOLD)]))
    out: list[Flowable] = [_heading(tr("Shifts", lang)), t]
    if total.still_open:
        out.append(Paragraph(escape(tr("A shift is still open: it was not counted", lang)),
                             _body()))
    return out
