"""Clerks' shifts at a terminal's drawer: open with the float, close with a count (per note
and coin, as the day's closing counts), hand the drawer to the next clerk in one step, and
the X report of a shift (so far, or final).

The handover is how a courier counter changes clerks mid-day: the outgoing clerk counts
the drawer, the incoming clerk logs in at the same terminal and takes the counted cash as
their float, in one transaction, so no moment passes in which the drawer is nobody's. A
clerk who empties the drawer into the safe first records it as cash out (Drawer cash).

Once a terminal has opened a shift, bookings on it need an open shift (``require_shift``,
asked by the booking in its own transaction): the drawer's cash always has a keeper. A
terminal that never opened one books as before.

Opened and closed shifts are synced (``shift.opened``, ``shift.closed``): figures and
staff user names only; the clerk's note stays on the PC, encrypted.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from ..domain.errors import ValidationError
from ..domain.money import check_rupiah, format_rupiah, rupiah_digits
from ..domain.roles import Action
from ..domain.shifts import ShiftFigures, ShiftRow, ShiftsTotal, shift_figures, shifts_total
from ..domain.text import clean_text
from ..i18n import Msg
from ..protocol.events import SCHEMA, CashMoved
from ..protocol.shift_events import ShiftClosed, ShiftOpened
from .auth import UserSession
from .cash import MAX_MOVEMENT, DayNotClosed, cash_day, unclosed_day_before
from .closing import counted_from, open_business_date
from .outlet import OutletInfo
from .ports import Clock, UnitOfWork, UnitOfWorkFactory
from .refusals import require


class ShiftPaper(Protocol):
    """The X report's file: ``reports.shift_pdf.render_x_pdf``, wired by bootstrap."""

    def __call__(self, figures: ShiftFigures, out: Path, *, outlet_label: str,
                 generated_at: datetime, lang: str | None = None) -> None: ...


class NoShiftOpen(ValidationError):
    """Shifts are in use on this terminal and none is open: no booking takes the cash."""

    def __init__(self) -> None:
        super().__init__(("shift", Msg(
            "no shift is open on this terminal: open one first (Shift, Shift+F7, or "
            "outlet-pos shift open --float AMOUNT)")))


def require_shift(uow: UnitOfWork, terminal: int) -> None:
    """For a booking: refused when the terminal keeps shifts and none is open."""
    in_use, open_id = uow.shifts.gate(terminal)
    if in_use and open_id is None:
        raise NoShiftOpen()


def figures_of(uow: UnitOfWork, shift: ShiftRow, now: datetime) -> ShiftFigures:
    """The shift's figures from its business day's bookings and cash movements."""
    rows = uow.shipments.list_day(shift.business_date)
    moved = cash_day(uow, shift.terminal, shift.business_date).movements
    nxt = uow.shifts.get(shift.handed_to) if shift.handed_to else None
    # No refund is stored yet at the counter (a pre-booking re-priced lower will be one).
    return shift_figures(shift, rows, moved, until=now,
                         handed_to_clerk=nxt.clerk if nxt else None)


def day_shifts(uow: UnitOfWork, terminal: int, day: date, now: datetime) -> ShiftsTotal:
    """The day's shifts added up, for the Z report."""
    return shifts_total([figures_of(uow, s, now)
                         for s in uow.shifts.list_day(terminal, day.isoformat())])


class ShiftService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet: OutletInfo,
                 paper: ShiftPaper | None = None) -> None:
        self._uow, self._clock, self._outlet, self._paper = uow, clock, outlet, paper

    # -- opening -------------------------------------------------------------------------
    def open(self, session: UserSession, opening_float: object) -> ShiftRow:
        """Take the drawer with ``opening_float`` counted in it. The day's first shift's
        float is the day's opening float too (recorded as such when none is yet)."""
        require(self._uow, session, Action.OPEN_SHIFT)
        amount = self._float(opening_float)
        now = self._clock()
        with self._uow(write=True) as uow:
            row = self._open(uow, session, amount, now)
            uow.commit()
        return row

    @staticmethod
    def _float(value: object) -> int:
        typed = rupiah_digits(value) if isinstance(value, str) else value  # "Rp 200.000"
        amount = check_rupiah("float", typed)
        if amount > MAX_MOVEMENT:
            raise ValidationError(("float", Msg("must be at most {amount}",
                                                amount=format_rupiah(MAX_MOVEMENT))))
        return amount

    def _open(self, uow: UnitOfWork, session: UserSession, amount: int, now: datetime,
              shift_id: str | None = None) -> ShiftRow:
        terminal = self._outlet.terminal
        day = open_business_date(uow, self._outlet, self._outlet.business_date(now))
        earlier = unclosed_day_before(uow, terminal, day)
        if earlier is not None:
            raise DayNotClosed(earlier)
        current = uow.shifts.open_for(terminal)
        if current is not None:
            raise ValidationError(("shift", Msg(
                "{clerk}'s shift is still open on this terminal: close it or hand it over "
                "first", clerk=current.clerk)))
        first = not uow.shifts.list_day(terminal, day.isoformat())
        if first and amount and not cash_day(uow, terminal, day).float:
            self._record_day_float(uow, session, day, amount, now)
        row = ShiftRow(id=shift_id or str(uuid.uuid4()), terminal=terminal, business_date=day,
                       clerk_id=session.user_id, clerk=session.username, opened_at=now,
                       opening_float=amount)
        uow.shifts.open(row)
        uow.outbox.add(ShiftOpened.KIND, f"shift-open-{row.id}", ShiftOpened(
            schema=SCHEMA, id=row.id, outlet=self._outlet.number, terminal=terminal,
            business_date=day.isoformat(), opened_at=now.isoformat(), clerk=session.username,
            opening_float=amount).body(), now)
        uow.audit.append(session.username, "shift_opened", day.isoformat(),
                         {"shift": row.id, "float": amount})
        return row

    def _record_day_float(self, uow: UnitOfWork, session: UserSession, day: date,
                          amount: int, now: datetime) -> None:
        # The same movement Drawer cash records, so the day's closing expects it.
        row_id = str(uuid.uuid4())
        terminal = self._outlet.terminal
        uow.cash.add(row_id, terminal, day.isoformat(), "float", amount, now,
                     session.username, None)
        uow.outbox.add(CashMoved.KIND, f"cash-{row_id}", CashMoved(
            schema=SCHEMA, id=row_id, outlet=self._outlet.number, terminal=terminal,
            business_date=day.isoformat(), kind="float", amount=amount, at=now.isoformat(),
            by=session.username).body(), now)
        uow.audit.append(session.username, "cash_float", day.isoformat(),
                         {"kind": "float", "amount": amount})

    # -- closing and handover ------------------------------------------------------------
    def close(self, session: UserSession, counted_cash: int | None = None, *,
              denominations: Mapping[int, int] | None = None,
              note: str | None = None) -> ShiftFigures:
        """Count the drawer at the end of the open shift: its final X report's figures."""
        require(self._uow, session, Action.CLOSE_SHIFT)
        counted, counts = counted_from(counted_cash, denominations)
        why = clean_text("note", note, max_len=500, required=False) or None
        now = self._clock()
        with self._uow(write=True) as uow:
            shift = self._close(uow, session, counted, counts, why, now, None)
            figures = figures_of(uow, shift, now)
            uow.commit()
        return figures

    def handover(self, session: UserSession, incoming: UserSession,
                 counted_cash: int | None = None, *,
                 denominations: Mapping[int, int] | None = None,
                 note: str | None = None) -> tuple[ShiftFigures, ShiftRow]:
        """The outgoing clerk (``session``) counts; the incoming clerk, logged in on this
        terminal, takes the counted cash as their float: one step, one transaction.
        Returns the closed shift's figures and the new shift."""
        require(self._uow, session, Action.CLOSE_SHIFT)
        require(self._uow, incoming, Action.OPEN_SHIFT)
        if incoming.user_id == session.user_id:
            raise ValidationError(("to", Msg("hand the drawer to another user, not to "
                                             "yourself")))
        counted, counts = counted_from(counted_cash, denominations)
        why = clean_text("note", note, max_len=500, required=False) or None
        now = self._clock()
        with self._uow(write=True) as uow:
            new_id = str(uuid.uuid4())
            old = self._close(uow, session, counted, counts, why, now, new_id)
            new = self._open(uow, incoming, counted, now, new_id)
            uow.audit.append(session.username, "shift_handed_over", new.business_date
                             .isoformat(), {"from": old.id, "to": new.id,
                                            "incoming": incoming.username})
            figures = figures_of(uow, old, now)
            uow.commit()
        return figures, new

    def _close(self, uow: UnitOfWork, session: UserSession, counted: int,
               counts: dict[int, int], why: str | None, now: datetime,
               handed_to: str | None) -> ShiftRow:
        shift = uow.shifts.open_for(self._outlet.terminal)
        if shift is None:
            raise ValidationError(("shift", Msg("no shift is open on this terminal")))
        if shift.clerk_id != session.user_id and session.role.value != "manager":
            raise ValidationError(("shift", Msg(
                "this is {clerk}'s shift: they count it, or a manager does",
                clerk=shift.clerk)))
        expected = figures_of(uow, shift, now).expected
        if counted != expected and (why is None or len(why) < 5):
            raise ValidationError(("note", Msg(
                "the cash is {diff} off: say in a few words why",
                diff=format_rupiah(counted - expected))))
        uow.shifts.close(shift.id, now, session.username, counts, counted, expected, why,
                         handed_to)
        closed = uow.shifts.get(shift.id)
        assert closed is not None  # just written in this transaction
        f = figures_of(uow, closed, now)
        uow.outbox.add(ShiftClosed.KIND, f"shift-close-{shift.id}", ShiftClosed(
            schema=SCHEMA, id=shift.id, outlet=self._outlet.number, terminal=shift.terminal,
            business_date=shift.business_date.isoformat(), closed_at=now.isoformat(),
            closed_by=session.username, opening_float=shift.opening_float,
            shipments=f.shipments, revenue=f.revenue, cash_takings=f.cash_takings,
            cash_in=f.cash_in, cash_out=f.cash_out, refunds=f.refunds, expected=expected,
            counted=counted, difference=counted - expected, handed_to=handed_to,
            denominations={str(k): v for k, v in counts.items()} or None).body(), now)
        uow.audit.append(session.username, "shift_closed", shift.business_date.isoformat(),
                         {"shift": shift.id, "difference": counted - expected})
        return closed

    # -- reading -------------------------------------------------------------------------
    def current(self, terminal: int | None = None) -> ShiftRow | None:
        """The open shift of this terminal (or ``terminal``): the status bar's clerk.
        A staff user name and a time only, so it takes no session."""
        with self._uow() as uow:
            return uow.shifts.open_for(self._outlet.terminal if terminal is None
                                       else terminal)

    def x_report(self, session: UserSession, shift_id: str | None = None) -> ShiftFigures:
        """A shift's X report: the open shift's so far, or a closed one's final figures;
        by default the open shift, else the latest."""
        require(self._uow, session, Action.SHIFT_REPORT)
        now = self._clock()
        with self._uow() as uow:
            shift = self._pick(uow, shift_id)
            return figures_of(uow, shift, now)

    def _pick(self, uow: UnitOfWork, shift_id: str | None) -> ShiftRow:
        terminal = self._outlet.terminal
        if shift_id:
            shift = uow.shifts.get(shift_id)
            if shift is None or shift.terminal != terminal:
                matches = [s for s in uow.shifts.latest(terminal, 200)
                           if s.id.startswith(shift_id)]
                shift = matches[0] if len(matches) == 1 else None
            if shift is None:
                raise ValidationError(("shift", Msg("there is no shift {id} on this "
                                                    "terminal", id=shift_id)))
            return shift
        shift = uow.shifts.open_for(terminal)
        if shift is None:
            latest = uow.shifts.latest(terminal, 1)
            if not latest:
                raise ValidationError(("shift", Msg("no shift was opened on this terminal")))
            shift = latest[0]
        return shift

    def list_day(self, session: UserSession, day: date | None = None) -> ShiftsTotal:
        """The business day's shifts on this terminal, added up."""
        require(self._uow, session, Action.SHIFT_REPORT)
        now = self._clock()
        with self._uow() as uow:
            return day_shifts(uow, self._outlet.terminal,
                              day or self._outlet.business_date(now), now)

    def x_pdf(self, session: UserSession, out: Path,
              shift_id: str | None = None) -> ShiftFigures:
        """The shift's X report as an A4 PDF (figures and staff user names only)."""
        figures = self.x_report(session, shift_id)
        if self._paper is None:
            raise RuntimeError("no X report writer wired")  # bootstrap wires it
        label = f"{self._outlet.name} · {self._outlet.number:05d}-{self._outlet.terminal:02d}"
        self._paper(figures, out, outlet_label=label,
                    generated_at=self._outlet.local(self._clock()))
        return figures
