"""The drawer's cash outside sales: the opening float, cash in and cash out, each with who,
when and (for in and out) why; and the rule that a business day is closed before the next
one opens, unless a manager carries it over.

Every movement is audited and synced (``cash.moved``); its reason, typed by a person, is
stored encrypted. The cash a closing expects is the float, plus cash sales, plus cash in,
minus cash out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.errors import ValidationError
from ..domain.money import check_rupiah, format_rupiah, rupiah_digits
from ..domain.records import Movement
from ..domain.roles import Action
from ..domain.text import clean_text
from ..i18n import Msg
from ..protocol.events import SCHEMA, CashMoved
from .auth import UserSession
from .outlet import OutletInfo
from .ports import Clock, UnitOfWork, UnitOfWorkFactory
from .refusals import require

KINDS = ("float", "in", "out")
MAX_MOVEMENT = 1_000_000_000  # Rp 1 milyar: beyond any counter's drawer


@dataclass(frozen=True)
class CashDay:
    business_date: date
    movements: tuple[Movement, ...]

    @property
    def float(self) -> int:
        return sum(m.amount for m in self.movements if m.kind == "float")

    @property
    def cash_in(self) -> int:
        return sum(m.amount for m in self.movements if m.kind == "in")

    @property
    def cash_out(self) -> int:
        return sum(m.amount for m in self.movements if m.kind == "out")


class DayNotClosed(ValidationError):
    """An earlier business day with activity is neither closed nor carried over."""

    def __init__(self, day: date) -> None:
        self.day = day
        super().__init__(("date", Msg(
            "the business day {day} is not closed yet: a manager closes it first (Day "
            "review, or outlet-pos close-day --date {day}) or carries it over (Drawer cash "
            "F7, or outlet-pos cash carry-over {day} --reason ...)", day=day.isoformat())))


def cash_day(uow: UnitOfWork, terminal: int, day: date) -> CashDay:
    return CashDay(day, tuple(uow.cash.list_day(terminal, day.isoformat())))


def unclosed_day_before(uow: UnitOfWork, terminal: int, day: date) -> date | None:
    """The latest earlier business day with bookings or cash that was never closed (nor
    carried over), if there is one: the day ``day`` may not open before it is dealt with."""
    # Closed once is dealt with (any closing, reopened or not): a day reopened for a
    # correction holds up nobody.
    last = uow.cash.never_closed_before(terminal, day.isoformat())
    return date.fromisoformat(last) if last else None


def unclosed_day_to_close_first(uow: UnitOfWork, terminal: int, day: date) -> date | None:
    """For a closing of ``day``: the latest earlier day with activity never closed. A
    carried-over day is still closed in order (its count comes first)."""
    last = uow.cash.last_day_before(terminal, day.isoformat())
    if last is None or uow.closings.history(terminal, last):
        return None
    return date.fromisoformat(last)


class CashService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet: OutletInfo) -> None:
        self._uow, self._clock, self._outlet = uow, clock, outlet

    def record(self, session: UserSession, kind: str, amount: object,
               reason: str | None = None) -> Movement:
        """The float (once a day, before or after the first sale) or cash in/out (reason
        required), on the open business day of this terminal."""
        require(self._uow, session, Action.MOVE_CASH)
        from .closing import open_business_date

        if kind not in KINDS:
            raise ValidationError(("kind", Msg("must be float, in or out")))
        typed = rupiah_digits(amount) if isinstance(amount, str) else amount  # "Rp 50.000"
        value = check_rupiah("amount", typed, allow_zero=False)
        if value > MAX_MOVEMENT:
            raise ValidationError(("amount", Msg("must be at most {amount}",
                                                 amount=format_rupiah(MAX_MOVEMENT))))
        why = clean_text("reason", reason, max_len=200, required=False) or None
        if kind != "float" and (why is None or len(why) < 5):
            raise ValidationError(("reason", Msg("say in a few words why the cash goes "
                                                 "in or out")))
        now = self._clock()
        terminal = self._outlet.terminal
        with self._uow(write=True) as uow:
            day = open_business_date(uow, self._outlet, self._outlet.business_date(now))
            earlier = unclosed_day_before(uow, terminal, day)
            if earlier is not None:
                raise DayNotClosed(earlier)
            today = cash_day(uow, terminal, day)
            if kind == "float" and today.float:
                raise ValidationError(("amount", Msg(
                    "the float of {day} is already recorded ({amount}); record cash in or "
                    "out instead", day=day.isoformat(), amount=format_rupiah(today.float))))
            if kind == "out":
                self._check_enough(uow, day, today, value)
            row_id = str(uuid.uuid4())
            uow.cash.add(row_id, terminal, day.isoformat(), kind, value, now,
                         session.username, why)
            body = CashMoved(
                schema=SCHEMA, id=row_id, outlet=self._outlet.number, terminal=terminal,
                business_date=day.isoformat(), kind=kind, amount=value, at=now.isoformat(),
                by=session.username, reason=why or None)
            uow.outbox.add(CashMoved.KIND, f"cash-{row_id}", body.body(), now)
            details: dict[str, Any] = {"kind": kind, "amount": value}
            if why:
                details["reason"] = why
            uow.audit.append(session.username, f"cash_{kind}", day.isoformat(), details)
            uow.commit()
        return Movement(row_id, kind, value, now, session.username, why)

    def _check_enough(self, uow: UnitOfWork, day: date, today: CashDay, value: int) -> None:
        from .closing import ClosingService

        expected = ClosingService.expected_cash(uow, day, today)
        if value > expected:
            raise ValidationError(("amount", Msg(
                "is more than the drawer should hold ({amount})",
                amount=format_rupiah(expected))))

    def day(self, session: UserSession, day: date | None = None) -> CashDay:
        require(self._uow, session, Action.LIST_SHIPMENTS)
        with self._uow() as uow:
            return cash_day(uow, self._outlet.terminal,
                            day or self._outlet.business_date(self._clock()))

    def unclosed_day(self, session: UserSession) -> date | None:
        """The earlier business day that keeps today from opening, if there is one."""
        require(self._uow, session, Action.LIST_SHIPMENTS)
        from .closing import open_business_date

        with self._uow() as uow:
            today = open_business_date(uow, self._outlet,
                                       self._outlet.business_date(self._clock()))
            return unclosed_day_before(uow, self._outlet.terminal, today)

    def carry_over(self, session: UserSession, day: date, reason: str) -> None:
        """Let the next business day open with ``day`` still not closed (it is closed later,
        before the day after it)."""
        require(self._uow, session, Action.CARRY_OVER_DAY)
        why = clean_text("reason", reason, max_len=200)
        if len(why) < 5:
            raise ValidationError(("reason", Msg("explain in a few words why the day is "
                                                 "carried over")))
        terminal = self._outlet.terminal
        now = self._clock()
        with self._uow(write=True) as uow:
            if uow.closings.for_date(terminal, day.isoformat()) is not None:
                raise ValidationError(("date", Msg("{day} is already closed",
                                                   day=day.isoformat())))
            if uow.cash.carried_over(terminal, day.isoformat()):
                raise ValidationError(("date", Msg("{day} is already carried over",
                                                   day=day.isoformat())))
            uow.cash.carry_over(terminal, day.isoformat(), now, session.username)
            uow.audit.append(session.username, "day_carried_over", day.isoformat(),
                             {"reason": why})
            uow.commit()
