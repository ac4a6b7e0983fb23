"""The Z report (end-of-day closing) as a receipt-printer document.

``build_z_report`` turns a day's closing into the same blocks as a waybill
(text, pairs, rules, cut), so every renderer prints it for the printer's own
columns: totals by payment method, cash expected against counted, the
difference, the closing number, who closed and when, the count per note and
coin, and a line for the manager's signature. Figures and staff user names
only: no customer data. The words are the screen's own (the catalogue's
Indonesian for "Cash expected", "Difference"…), in the outlet's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..i18n import tr
from .money import format_rupiah
from .shift_paper import shift_blocks
from .shifts import ShiftsTotal
from .waybill_document import (
    PAPER_LANGUAGE,
    REPRINT_MARK,
    Block,
    Cut,
    Document,
    Feed,
    OutletLine,
    Pair,
    Rule,
    Text,
    local_time,
)
from .words import payment_name


@dataclass(frozen=True)
class MethodTotal:
    method: str  # cash | qris | transfer | card…
    count: int
    revenue: int


@dataclass(frozen=True)
class CashLine:
    """A movement of the drawer's cash outside sales."""

    kind: str  # float | in | out
    amount: int
    at: datetime
    by: str
    reason: str | None = None


@dataclass(frozen=True)
class VoidLine:
    waybill: str
    total: int


@dataclass(frozen=True)
class ZReport:
    """What the paper shows of one closing (rupiah as int)."""

    sequence: int
    business_date: date
    closed_by: str
    closed_at: datetime
    shipments: int
    voided: int
    revenue: int
    cash_expected: int
    cash_counted: int
    note: str | None = None
    denominations: dict[int, int] = field(default_factory=dict)
    by_method: tuple[MethodTotal, ...] = ()
    reopened: bool = False  # a later reopening set this closing aside
    cash_sales: int = 0
    float: int = 0
    cash_in: int = 0
    cash_out: int = 0
    movements: tuple[CashLine, ...] = ()
    voids: tuple[VoidLine, ...] = ()
    shifts: ShiftsTotal | None = None  # the day's shifts, when the terminal keeps them

    @property
    def difference(self) -> int:
        return self.cash_counted - self.cash_expected


def z_report_key(z: ZReport) -> str:
    return f"z-report-{z.business_date.isoformat()}-{z.sequence}"


P = PAPER_LANGUAGE
_KIND = {"float": lambda lang: tr("Float", lang), "in": lambda lang: tr("Cash in", lang),
         "out": lambda lang: tr("Cash out", lang)}


def build_z_report(z: ZReport, outlet: OutletLine, reprint: int = 0) -> Document:
    """The blocks of the Z report; ``reprint`` > 0 marks it as a copy (CETAK ULANG n)."""
    b: list[Block] = [
        Text(outlet.courier, bold=True, wide=True, tall=True, align="center"),
        Text(tr("Z report: closing of the day", P), bold=True, align="center", inverse=True),
    ]
    if reprint:
        b.append(Text(f"{REPRINT_MARK} {reprint}", bold=True, align="center", inverse=True))
    if z.reopened:
        b.append(Text(tr("Reopened afterwards: not the day's final figures", P), bold=True,
                      align="center"))
    b += [Rule(),
          Pair(tr("Outlet", P), f"{outlet.number:05d}-{outlet.terminal:02d}"),
          Text(outlet.name),
          Pair(tr("Business date", P), z.business_date.strftime("%d-%m-%Y")),
          Pair(tr("Closing number", P), str(z.sequence), bold=True),
          Pair(tr("Closed by", P), z.closed_by),
          Pair(tr("Closed at", P), local_time(z.closed_at, outlet.timezone)),
          Rule(),
          Pair(tr("Shipments", P), str(z.shipments)),
          Pair(tr("Voided", P), str(z.voided)),
          Pair(tr("Revenue", P), format_rupiah(z.revenue), bold=True)]
    if z.by_method:
        b.append(Text(tr("By payment method", P), bold=True))
        b += [Pair(f"{payment_name(m.method, PAPER_LANGUAGE)} ({m.count})",
                   format_rupiah(m.revenue)) for m in z.by_method]
    if z.voids:
        b.append(Text(tr("Voided shipments", P), bold=True))
        b += [Pair(v.waybill, format_rupiah(v.total)) for v in z.voids]
    b += [Rule(),
          Pair(tr("Opening float", P), format_rupiah(z.float)),
          Pair(tr("Cash sales", P), format_rupiah(z.cash_sales)),
          Pair(tr("Cash in", P), format_rupiah(z.cash_in)),
          Pair(tr("Cash out", P), format_rupiah(z.cash_out))]
    if z.movements:
        b.append(Text(tr("Cash movements", P), bold=True))
        for m in z.movements:
            sign = "-" if m.kind == "out" else "+"
            b.append(Pair(f"{m.at.astimezone(outlet.timezone):%H:%M} {_KIND[m.kind](P)}",
                          f"{sign}{format_rupiah(m.amount)}"))
            b.append(Text(f"  {m.by}" + (f": {m.reason}" if m.reason else "")))
    b += [Rule(),
          Pair(tr("Cash expected", P), format_rupiah(z.cash_expected)),
          Pair(tr("Cash counted", P), format_rupiah(z.cash_counted)),
          Pair(tr("Difference", P), format_rupiah(z.difference), bold=True)]
    if z.denominations:
        b.append(Text(tr("Notes and coins counted", P), bold=True))
        b += [Pair(f"{format_rupiah(face)} x {n}", format_rupiah(face * n))
              for face, n in sorted(z.denominations.items(), reverse=True)]
    if z.note:
        b.append(Text(tr("Note: {note}", P, note=z.note)))
    b += shift_blocks(z.shifts, outlet.timezone)
    b += [Rule(), Text(tr("Manager's signature", P)), Feed(3), Text("_" * 24), Feed(2), Cut()]
    return Document(key=z_report_key(z), blocks=tuple(b))
