"""The day's shifts on the Z report's paper: the "Shifts" section of ``build_z_report``,
one entry per shift (its clerk and hours, float, cash takings, counted, difference) and
the shifts added up, and a warning when a shift is still open at the closing.
"""

from __future__ import annotations

from datetime import tzinfo

from ..i18n import tr
from .money import format_rupiah
from .shifts import ShiftsTotal
from .waybill_document import PAPER_LANGUAGE, Block, Pair, Rule, Text

P = PAPER_LANGUAGE


def shift_blocks(total: ShiftsTotal | None, tz: tzinfo) -> list[Block]:
    """Nothing for a day without shifts (a terminal that keeps none prints as before)."""
    if total is None or not total.lines:
        return []
    b: list[Block] = [Rule(), Text(tr("Shifts", P), bold=True)]
    for s in total.lines:
        end = f"{s.closed_at.astimezone(tz):%H:%M}" if s.closed_at else "…"
        b += [Text(f"{s.opened_at.astimezone(tz):%H:%M}-{end} {s.clerk}", bold=True),
              Pair("  " + tr("Opening float", P), format_rupiah(s.opening_float)),
              Pair("  " + tr("Cash takings", P), format_rupiah(s.cash_takings)),
              Pair("  " + tr("Cash counted", P),
                   format_rupiah(s.counted) if s.counted is not None else "—"),
              Pair("  " + tr("Difference", P),
                   format_rupiah(s.difference) if s.difference is not None else "—")]
    b += [Pair(tr("Shifts' cash takings", P), format_rupiah(total.cash_takings)),
          Pair(tr("Shifts' difference", P), format_rupiah(total.difference), bold=True)]
    if total.still_open:
        b.append(Text(tr("A shift is still open: it was not counted", P), bold=True,
                      align="center", inverse=True))
    return b
