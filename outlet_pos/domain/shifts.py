"""A clerk's shift at one terminal's drawer, in figures: what the drawer should hold at its
end, the X report's figures, and the day's shifts as the Z report adds them up.

Pure: the rows come in, the figures go out. A shift owns the time from its opening to its
closing (a handover closes one and opens the next at the same instant), so a booking or a
cash movement belongs to the shift whose time it falls in, whoever made it: a manager who
books during a clerk's shift puts the cash in that clerk's drawer.

The expected cash of a shift is its opening float, plus the cash takings of the bookings
in its time, plus cash put in, minus cash taken out, minus cash refunds paid out in its
time. The day's ``float`` movement is not cash in: the first shift's float stands for it.
Voided shipments are left out, as the day's closing leaves them out, so the shifts and
the closing agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo

from .records import Movement, ShipmentSummary

VOID = "void"


@dataclass(frozen=True)
class ShiftRow:
    """One shift as it is stored (``closed_at`` None while it is open)."""

    id: str
    terminal: int
    business_date: date
    clerk_id: int
    clerk: str  # the staff user name, as cash movements keep it
    opened_at: datetime
    opening_float: int
    closed_at: datetime | None = None
    closed_by: str | None = None
    counted: dict[int, int] = field(default_factory=dict)  # face: count
    counted_total: int | None = None
    expected_total: int | None = None
    difference: int | None = None
    handed_to: str | None = None  # the next shift's id, when handed over
    note: str | None = None  # typed text; None when none, or shredded by retention

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class Refund:
    """Cash paid back to a customer over the counter (e.g. a pre-booking re-priced lower)."""

    at: datetime
    amount: int


@dataclass(frozen=True)
class MethodLine:
    method: str
    count: int
    revenue: int


@dataclass(frozen=True)
class ShiftFigures:
    """The X report of one shift: so far (open) or final (closed, with the count)."""

    shift: ShiftRow
    until: datetime  # the closing, or the moment an open shift's X report was taken
    shipments: int
    voided: int
    revenue: int
    by_method: tuple[MethodLine, ...]
    cash_takings: int
    cash_in: int
    cash_out: int
    refunds: int
    handed_to_clerk: str | None = None

    @property
    def expected(self) -> int:
        s = self.shift
        return s.opening_float + self.cash_takings + self.cash_in - self.cash_out - self.refunds

    @property
    def counted(self) -> int | None:
        return self.shift.counted_total

    @property
    def difference(self) -> int | None:
        c = self.shift.counted_total
        return None if c is None else c - self.expected


def in_shift(at: datetime, shift: ShiftRow, until: datetime) -> bool:
    """Whether ``at`` falls in the shift's time: from its opening, up to (not including)
    its end, so the instant of a handover belongs to the incoming shift."""
    end = shift.closed_at or until
    return shift.opened_at <= at < end or (shift.closed_at is None and at == until)


def shift_figures(shift: ShiftRow, rows: Iterable[ShipmentSummary],
                  movements: Iterable[Movement], *, until: datetime,
                  refunds: Iterable[Refund] = (),
                  handed_to_clerk: str | None = None) -> ShiftFigures:
    """The figures of ``shift`` from its business day's rows and movements; ``until`` ends
    an open shift (now)."""
    end = shift.closed_at or until
    mine = [r for r in rows if in_shift(r.booked_at, shift, end)]
    booked = [r for r in mine if r.status != VOID]
    methods: dict[str, list[int]] = {}
    for r in booked:
        m = methods.setdefault(r.payment_method, [0, 0])
        m[0], m[1] = m[0] + 1, m[1] + r.total
    moved = [m for m in movements if in_shift(m.at, shift, end)]
    return ShiftFigures(
        shift=shift, until=end, shipments=len(booked), voided=len(mine) - len(booked),
        revenue=sum(r.total for r in booked),
        by_method=tuple(MethodLine(k, n, rp) for k, (n, rp) in
                        sorted(methods.items(), key=lambda kv: (kv[0] != "cash", kv[0]))),
        cash_takings=sum(r.total - r.paid_before for r in booked  # a drop-off: the difference
                         if r.payment_method == "cash"),
        cash_in=sum(m.amount for m in moved if m.kind == "in"),
        cash_out=sum(m.amount for m in moved if m.kind == "out"),
        refunds=sum(f.amount for f in refunds if in_shift(f.at, shift, end)),
        handed_to_clerk=handed_to_clerk)


@dataclass(frozen=True)
class ShiftLine:
    """One shift as the Z report lists it."""

    clerk: str
    opened_at: datetime
    closed_at: datetime | None  # None: still open when the day was closed
    opening_float: int
    cash_takings: int
    cash_in: int
    cash_out: int
    refunds: int
    expected: int
    counted: int | None
    difference: int | None
    handed_over: bool

    @classmethod
    def of(cls, f: ShiftFigures) -> ShiftLine:
        s = f.shift
        return cls(clerk=s.clerk, opened_at=s.opened_at, closed_at=s.closed_at,
                   opening_float=s.opening_float, cash_takings=f.cash_takings,
                   cash_in=f.cash_in, cash_out=f.cash_out, refunds=f.refunds,
                   expected=f.expected, counted=s.counted_total, difference=f.difference,
                   handed_over=s.handed_to is not None)


@dataclass(frozen=True)
class ShiftsTotal:
    """The day's shifts added up: the Z report's "Shift" section."""

    lines: tuple[ShiftLine, ...]

    def in_zone(self, tz: tzinfo) -> ShiftsTotal:
        """The same, its times on the outlet's clock (the A4 report prints them bare)."""
        return ShiftsTotal(tuple(replace(
            line, opened_at=line.opened_at.astimezone(tz),
            closed_at=line.closed_at.astimezone(tz) if line.closed_at else None)
            for line in self.lines))

    @property
    def still_open(self) -> bool:
        return any(line.closed_at is None for line in self.lines)

    @property
    def cash_takings(self) -> int:
        return sum(line.cash_takings for line in self.lines)

    @property
    def difference(self) -> int:
        """The sum of the closed shifts' differences: when the shifts hand the drawer on
        and the day is counted at the last shift's count, the day's difference."""
        return sum(line.difference or 0 for line in self.lines)


def shifts_total(figures: Sequence[ShiftFigures]) -> ShiftsTotal:
    return ShiftsTotal(tuple(ShiftLine.of(f) for f in
                             sorted(figures, key=lambda f: f.shift.opened_at)))
