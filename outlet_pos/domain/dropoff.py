"""A pre-booked parcel dropped off at the counter: what was paid, what it costs now.

The customer booked and paid in the courier's app; the counter weighs the parcel again and
the price is recomputed with the tariff in force. The difference is what the drawer takes
(positive) or gives back (negative). Pure figures: the booking code, rupiah, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Msg
from .errors import DomainError


@dataclass(frozen=True, slots=True)
class PrebookingUse:
    """A booking carries this when it is a drop-off: the code it uses up, what the app took
    and what it quoted (the server checks the code is used once)."""

    code: str
    paid: int
    quoted_total: int

    def to_dict(self) -> dict[str, int | str]:
        return {"code": self.code, "paid": self.paid, "quoted_total": self.quoted_total}


@dataclass(frozen=True, slots=True)
class Difference:
    """The counter's price against what the app took: ``due`` > 0 is taken, < 0 refunded."""

    paid: int
    total: int

    @property
    def due(self) -> int:
        return self.total - self.paid

    @property
    def to_take(self) -> int:
        return max(self.due, 0)

    @property
    def refund(self) -> int:
        return max(-self.due, 0)


def due_now(total: int, prebooking: PrebookingUse | None) -> int:
    """What the counter takes for a booking of ``total``: all of it, or the difference."""
    return total if prebooking is None else total - prebooking.paid


@dataclass(frozen=True, slots=True)
class ConflictSide:
    outlet: int
    waybill: str
    used_at: str | None


@dataclass(frozen=True, slots=True)
class PrebookingConflict:
    """A code used twice (``used_twice``: ``first`` was the one the server kept) or not
    known to the server (``unknown_code``: no ``first``), as the server reported it."""

    code: str
    reason: str
    first: ConflictSide | None
    second: ConflictSide
    at: str


class PrebookingUsedHere(DomainError):
    """This outlet already turned the code into a waybill (a second scan of the same QR)."""

    def __init__(self, code: str, waybill: str) -> None:
        self.code, self.waybill = code, waybill
        super().__init__(Msg("pre-booking {code} was already dropped off here as waybill "
                             "{waybill}", code=code, waybill=waybill))
