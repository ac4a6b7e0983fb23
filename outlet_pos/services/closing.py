"""End-of-day closing of a terminal (the Z report): the day's figures, cash counted
(by denomination or as one sum) against cash expected, the difference with a note, a
closing number per terminal, and the ``day.closed`` event for the server.

The Z report's print job is written in the closing's own transaction (copy
``zreport``, keyed by the date and closing number, no personal data), so a printer
that is off or out of paper never loses the closing: the job waits to be retried.

A closed day is locked: bookings go to the next open business day and voids of its
shipments are refused. Reopening takes a manager or a technician and a reason; it is
audited and synced (``day.reopened``), and the day closes again under a new number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..domain.errors import ValidationError
from ..domain.records import ClosingRow
from ..domain.roles import Action
from ..domain.text import clean_text
from ..i18n import Msg
from ..protocol.events import SCHEMA, DayClosed, DayReopened
from .auth import UserSession
from .cash import CashDay, DayNotClosed, cash_day, unclosed_day_to_close_first
from .outlet import OutletInfo
from .ports import Clock, UnitOfWork, UnitOfWorkFactory
from .refusals import require

# Rupiah notes and coins in circulation, largest first.
DENOMINATIONS = (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100)
MAX_CASH = 10**12
Z_COPY = "zreport"  # the print spool's copy name for a Z report


def z_job_key(day: date, sequence: int) -> str:
    """The print job's key for a closing (it stands where a waybill number would)."""
    return f"Z{day:%Y%m%d}-{sequence}"


def parse_z_job_key(key: str) -> tuple[date, int] | None:
    head, _, seq = key.partition("-")
    if not (key.startswith("Z") and len(head) == 9 and head[1:].isdecimal()
            and seq.isdecimal()):
        return None
    try:
        return date(int(head[1:5]), int(head[5:7]), int(head[7:9])), int(seq)
    except ValueError:
        return None


@dataclass(frozen=True)
class DayTotals:
    """What the day adds up to before the count: the basis of a closing.

    ``cash_expected`` is the float, plus cash sales, plus cash in, minus cash out."""

    business_date: date
    shipments: int
    voided: int
    revenue: int
    cash_expected: int
    cash_sales: int = 0
    float: int = 0
    cash_in: int = 0
    cash_out: int = 0


@dataclass(frozen=True)
class Closing:
    sequence: int
    business_date: date
    shipments: int
    voided: int
    revenue: int
    cash_expected: int
    cash_counted: int
    closed_by: str = ""
    closed_at: str = ""
    note: str | None = None
    denominations: dict[int, int] = field(default_factory=dict)
    reopened_at: str | None = None
    reopened_by: str | None = None
    reopen_reason: str | None = None

    @property
    def difference(self) -> int:
        return self.cash_counted - self.cash_expected

    @classmethod
    def from_row(cls, r: ClosingRow) -> Closing:
        return cls(
            sequence=r.sequence, business_date=r.business_date, shipments=r.shipments,
            voided=r.voided, revenue=r.revenue, cash_expected=r.cash_expected,
            cash_counted=r.cash_counted, closed_by=r.closed_by, closed_at=r.closed_at,
            note=r.note, denominations=dict(r.denominations), reopened_at=r.reopened_at,
            reopened_by=r.reopened_by, reopen_reason=r.reopen_reason)


def counted_from(counted_cash: object = None,
                 denominations: Mapping[int, int] | None = None) -> tuple[int, dict[int, int]]:
    """The counted sum, from one amount or from a count per note/coin (or both, agreeing)."""
    counts: dict[int, int] = {}
    problems: list[tuple[str, str]] = []  # (field, Msg)
    for face, n in (denominations or {}).items():
        if face not in DENOMINATIONS:
            problems.append((f"denominations.{face}", Msg(
                "is not a rupiah note or coin; use one of {faces}",
                faces=", ".join(str(d) for d in DENOMINATIONS))))
        elif isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 1_000_000:
            problems.append((f"denominations.{face}", Msg("must be a count from 0 to 1000000")))
        elif n:
            counts[face] = n
    if problems:
        raise ValidationError(problems)
    by_count = sum(face * n for face, n in counts.items())
    if counted_cash is None:
        if denominations is None:
            raise ValidationError(("counted_cash", Msg(
                "give the cash counted, as one amount or per note and coin")))
        return by_count, counts
    if isinstance(counted_cash, bool) or not isinstance(counted_cash, int) or \
            not 0 <= counted_cash <= MAX_CASH:
        raise ValidationError(("counted_cash", Msg("must be whole rupiah, 0 or more")))
    if denominations is not None and by_count != counted_cash:
        raise ValidationError(("counted_cash", Msg(
            "is {amount} but the notes and coins add up to {count}; count again",
            amount=counted_cash, count=by_count)))
    return counted_cash, counts


def open_business_date(uow: UnitOfWork, outlet: OutletInfo, today: date) -> date:
    """``today``, or the first day after it that this terminal has not closed."""
    day = today
    while uow.closings.for_date(outlet.terminal, day.isoformat()) is not None:
        day += timedelta(days=1)
    return day


class ClosingService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet: OutletInfo) -> None:
        self._uow, self._clock, self._outlet = uow, clock, outlet

    def _day(self, day: date | None) -> date:
        return day or self._outlet.business_date(self._clock())

    def totals(self, session: UserSession, day: date | None = None) -> DayTotals:
        """The figures a closing of ``day`` would record, before the cash is counted."""
        require(self._uow, session, Action.CLOSE_DAY)
        with self._uow() as uow:
            return self._totals(uow, self._day(day))

    def _totals(self, uow: UnitOfWork, on: date) -> DayTotals:
        rows = uow.shipments.list_day(on)
        booked = [r for r in rows if r.status != "void"]
        # a drop-off's drawer took the difference only (paid_before: in the app)
        sales = sum(r.total - r.paid_before for r in booked if r.payment_method == "cash")
        moved = cash_day(uow, self._outlet.terminal, on)
        return DayTotals(business_date=on, shipments=len(booked),
                         voided=len(rows) - len(booked), revenue=sum(r.total for r in booked),
                         cash_expected=sales + moved.float + moved.cash_in - moved.cash_out,
                         cash_sales=sales, float=moved.float, cash_in=moved.cash_in,
                         cash_out=moved.cash_out)

    @staticmethod
    def expected_cash(uow: UnitOfWork, on: date, moved: CashDay) -> int:
        """What the drawer should hold now: the float, cash sales, cash in, less cash out."""
        sales = sum(r.total - r.paid_before for r in uow.shipments.list_day(on)
                    if r.status != "void" and r.payment_method == "cash")
        return sales + moved.float + moved.cash_in - moved.cash_out

    def current(self, session: UserSession, day: date | None = None) -> Closing | None:
        """The closing in force for the day, if it is closed."""
        require(self._uow, session, Action.LIST_SHIPMENTS)
        with self._uow() as uow:
            row = uow.closings.for_date(self._outlet.terminal, self._day(day).isoformat())
        return Closing.from_row(row) if row else None

    def history(self, session: UserSession, day: date | None = None) -> list[Closing]:
        require(self._uow, session, Action.REVIEW_DAY)
        with self._uow() as uow:
            rows = uow.closings.history(self._outlet.terminal, self._day(day).isoformat())
        return [Closing.from_row(r) for r in rows]

    def close_day(self, session: UserSession, counted_cash: int | None = None,
                  day: date | None = None, *, denominations: Mapping[int, int] | None = None,
                  note: str | None = None) -> Closing:
        require(self._uow, session, Action.CLOSE_DAY)
        counted, counts = counted_from(counted_cash, denominations)
        why = clean_text("note", note, max_len=500, required=False) or None
        now = self._clock()
        on = self._day(day)
        terminal = self._outlet.terminal
        with self._uow(write=True) as uow:
            if uow.closings.for_date(terminal, on.isoformat()) is not None:
                raise ValidationError(("date", Msg(
                    "{day} is already closed on this terminal; reopen it first to close "
                    "it again", day=on.isoformat())))
            earlier = unclosed_day_to_close_first(uow, terminal, on)
            if earlier is not None:
                raise DayNotClosed(earlier)
            t = self._totals(uow, on)
            if counted != t.cash_expected and (why is None or len(why) < 5):
                raise ValidationError(("note", Msg(
                    "the cash is {diff} off: say in a few words why", diff=counted -
                    t.cash_expected)))
            last = uow.closings.last(terminal)
            closing = Closing(
                sequence=(last.sequence + 1) if last else 1, business_date=on,
                shipments=t.shipments, voided=t.voided, revenue=t.revenue,
                cash_expected=t.cash_expected, cash_counted=counted,
                closed_by=session.username, closed_at=now.isoformat(), note=why,
                denominations=counts)
            uow.closings.add(ClosingRow(
                terminal=terminal, sequence=closing.sequence, business_date=on,
                closed_at=closing.closed_at, closed_by=session.username,
                shipments=closing.shipments, voided=closing.voided, revenue=closing.revenue,
                cash_expected=closing.cash_expected, cash_counted=counted, note=why,
                denominations=counts))
            body = DayClosed(
                schema=SCHEMA, outlet=self._outlet.number, terminal=terminal,
                sequence=closing.sequence, business_date=on.isoformat(),
                closed_at=closing.closed_at, closed_by=session.username,
                shipments=closing.shipments, voided=closing.voided, revenue=closing.revenue,
                cash_expected=closing.cash_expected, cash_counted=counted,
                difference=closing.difference, float=t.float, cash_in=t.cash_in,
                cash_out=t.cash_out, note=why or None,
                denominations={str(k): v for k, v in counts.items()} or None)
            uow.outbox.add(DayClosed.KIND, f"closing-{terminal}-{closing.sequence}",
                           body.body(), now)
            uow.audit.append(session.username, "day_closed", on.isoformat(),
                             {"sequence": closing.sequence, "difference": closing.difference})
            uow.print_jobs.add(z_job_key(on, closing.sequence), Z_COPY, 0, session.username,
                               now)
            uow.commit()
        return closing

    def reopen(self, session: UserSession, day: date, reason: str) -> Closing:
        """Undo the day's closing (kept, marked reopened): the day takes bookings and voids
        again and is closed once more later under a new number."""
        require(self._uow, session, Action.REOPEN_DAY)
        why = clean_text("reason", reason, max_len=500)
        if len(why) < 5:
            raise ValidationError(("reason", Msg("explain in a few words why the day reopens")))
        now = self._clock()
        terminal = self._outlet.terminal
        with self._uow(write=True) as uow:
            row = uow.closings.for_date(terminal, day.isoformat())
            if row is None:
                raise ValidationError(("date", Msg("{day} is not closed on this terminal",
                                                   day=day.isoformat())))
            uow.closings.reopen(terminal, row.sequence, now.isoformat(), session.username,
                                why)
            uow.outbox.add(DayReopened.KIND, f"reopen-{terminal}-{row.sequence}", DayReopened(
                schema=SCHEMA, outlet=self._outlet.number, terminal=terminal,
                sequence=row.sequence, business_date=day.isoformat(),
                reopened_at=now.isoformat(), reopened_by=session.username,
                reason=why).body(), now)
            uow.audit.append(session.username, "day_reopened", day.isoformat(),
                             {"sequence": row.sequence, "reason": why})
            uow.commit()
        return Closing.from_row(replace(row, reopened_at=now.isoformat(),
                                        reopened_by=session.username, reopen_reason=why))
