"""The shift events: a clerk's shift opened with its float, and closed with its count.

Figures and staff user names only (as ``cash.moved`` names who moved cash): no customer
data, and not the clerk's note, which stays on the PC encrypted. The server keeps them as
generic events (``protocol/events.py``: a registered kind without code of its own).
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .bounds import Int64, IsoDate, Text, Whole, text
from .events import EventBody, register

SHIFT_OPENED = "shift.opened"
SHIFT_CLOSED = "shift.closed"


class _ShiftKey(EventBody):
    id: text(36) = Field(description="the shift's id, from the outlet")  # type: ignore[valid-type]
    outlet: Whole
    terminal: Whole
    business_date: IsoDate


@register
class ShiftOpened(_ShiftKey):
    """A clerk took the terminal's drawer with the float counted in it."""

    KIND: ClassVar[str] = SHIFT_OPENED
    opened_at: text(40)  # type: ignore[valid-type]
    clerk: text(64) = Field(description="the staff user name")  # type: ignore[valid-type]
    opening_float: Whole
    schema_: Int64 | None = Field(default=None, alias="schema")


@register
class ShiftClosed(_ShiftKey):
    """A shift's end: the X report's figures and the cash counted (per note and coin)."""

    KIND: ClassVar[str] = SHIFT_CLOSED
    OMIT_IF_NONE: ClassVar[frozenset[str]] = frozenset({"handed_to", "denominations"})
    closed_at: text(40)  # type: ignore[valid-type]
    closed_by: text(64)  # type: ignore[valid-type]
    opening_float: Whole
    shipments: Whole
    revenue: Whole
    cash_takings: Whole
    cash_in: Whole
    cash_out: Whole
    refunds: Whole
    expected: Int64
    counted: Whole
    difference: Int64 = Field(description="counted − expected: negative means cash is missing")
    handed_to: text(36) | None = Field(  # type: ignore[valid-type]
        default=None, description="the next shift's id, when the drawer was handed over")
    denominations: dict[Text, Int64] | None = Field(
        default=None, description="count per rupiah note or coin, keyed by its face value")
    schema_: Int64 | None = Field(default=None, alias="schema")


__all__ = ["SHIFT_CLOSED", "SHIFT_OPENED", "ShiftClosed", "ShiftOpened"]
