"""Retiring a PC: what may stop the wipe, and its audit row.

A PC leaving the outlet (sold, scrapped, given other work) must keep nothing a customer
typed. The wipe itself (destroying the keys, then the files) is ``storage.wipe``; here is
what must hold first: a technician's or manager's log-in, and nothing the server has not
received — unsent bookings exist nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import ValidationError
from ..domain.roles import Action
from ..i18n import Msg
from .auth import UserSession
from .ports import Clock, UnitOfWorkFactory
from .refusals import require


@dataclass(frozen=True)
class RetirePlan:
    pending: int  # events the server has not received
    parked: int  # events the server refused (kept here until dealt with)
    enrolled: bool

    @property
    def blocked(self) -> bool:
        return bool(self.pending or self.parked)


class RetireService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def plan(self, session: UserSession) -> RetirePlan:
        require(self._uow, session, Action.RETIRE_PC)
        with self._uow() as uow:
            stats = uow.queue.stats()
            enrolled = uow.device.get() is not None
        return RetirePlan(stats.pending, stats.parked, enrolled)

    def begin(self, session: UserSession) -> RetirePlan:
        """Refuse while anything is unsent; else write the audit row of the wipe (the last
        row this database gets) and return the plan."""
        plan = self.plan(session)
        if plan.blocked:
            raise ValidationError(("events", Msg(
                "{pending} events are not sent and {parked} were refused by the server: "
                "nothing is wiped. Send them first (outlet-pos sync --once) and deal with "
                "the refused ones (outlet-pos doctor)", pending=plan.pending,
                parked=plan.parked)))
        with self._uow(write=True) as uow:
            uow.audit.append(session.username, "pc_retired", None,
                             {"enrolled": plan.enrolled})
            uow.commit()
        return plan
