"""End-of-day closing of a terminal: figures of the day, cash counted against cash
expected, a closing number per terminal, and the ``day.closed`` event for the server.

(The manager's closing screen, denominations, the lock on a closed day and
reopening build on this.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.errors import ValidationError
from ..domain.roles import Action, require
from ..i18n import Msg
from .auth import UserSession
from .outlet import OutletInfo
from .ports import Clock, UnitOfWorkFactory

SCHEMA = 1


@dataclass(frozen=True)
class Closing:
    sequence: int
    business_date: date
    shipments: int
    voided: int
    revenue: int
    cash_expected: int
    cash_counted: int

    @property
    def difference(self) -> int:
        return self.cash_counted - self.cash_expected


class ClosingService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet: OutletInfo) -> None:
        self._uow, self._clock, self._outlet = uow, clock, outlet

    def close_day(self, session: UserSession, counted_cash: int,
                  day: date | None = None) -> Closing:
        require(session.role, Action.CLOSE_DAY)
        if isinstance(counted_cash, bool) or not isinstance(counted_cash, int) or \
                not 0 <= counted_cash <= 10**12:
            raise ValidationError(("counted_cash", Msg("must be whole rupiah, 0 or more")))
        now = self._clock()
        on = day or self._outlet.business_date(now)
        terminal = self._outlet.terminal
        with self._uow(write=True) as uow:
            if uow.closings.for_date(terminal, on.isoformat()) is not None:
                raise ValidationError(("date", Msg("{day} is already closed on this terminal",
                                                   day=on.isoformat())))
            rows = uow.shipments.list_day(on)
            booked = [r for r in rows if r.status != "void"]
            last = uow.closings.last(terminal)
            closing = Closing(
                sequence=(last["sequence"] + 1) if last else 1, business_date=on,
                shipments=len(booked), voided=len(rows) - len(booked),
                revenue=sum(r.total for r in booked),
                cash_expected=sum(r.total for r in booked if r.payment_method == "cash"),
                cash_counted=counted_cash)
            uow.closings.add(dict(
                terminal=terminal, sequence=closing.sequence, business_date=on.isoformat(),
                closed_at=now.isoformat(), closed_by=session.username,
                shipments=closing.shipments, voided=closing.voided, revenue=closing.revenue,
                cash_expected=closing.cash_expected, cash_counted=counted_cash))
            uow.outbox.add("day.closed", f"closing-{terminal}-{closing.sequence}", {
                "schema": SCHEMA, "outlet": self._outlet.number, "terminal": terminal,
                "sequence": closing.sequence, "business_date": on.isoformat(),
                "closed_at": now.isoformat(), "closed_by": session.username,
                "shipments": closing.shipments, "voided": closing.voided,
                "revenue": closing.revenue, "cash_expected": closing.cash_expected,
                "cash_counted": counted_cash, "difference": closing.difference}, now)
            uow.audit.append(session.username, "day_closed", on.isoformat(),
                             {"sequence": closing.sequence, "difference": closing.difference})
            uow.commit()
        return closing
