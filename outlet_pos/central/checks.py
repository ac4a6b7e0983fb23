"""What an event body must look like before the server stores it; a problem is a reason
for ``rejected``, never a 500.

The bounds and fields live in the protocol's models (``protocol/events.py``); these are the
checks ``ingest`` asks for, each one sentence or None (``protocol/problems.py`` words
them). The waybill check needs the sending device, so it stays here.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import ValidationError
from ..domain.waybill import parse_waybill
from ..protocol import events, problems
from ..protocol.bounds import INT_MAX
from ..protocol.problems import json_problem

__all__ = ["INT_MAX", "closing_problem", "date_problem", "event_problem", "json_problem",
           "reopen_problem", "shipment_problem", "void_problem", "waybill_problem"]


def shipment_problem(b: dict[str, Any]) -> str | None:
    return problems.body_problem(events.SHIPMENT_CREATED, b)


def void_problem(b: dict[str, Any]) -> str | None:
    return problems.body_problem(events.SHIPMENT_VOIDED, b)


def closing_problem(b: dict[str, Any]) -> str | None:
    return problems.body_problem(events.DAY_CLOSED, b)


def reopen_problem(b: dict[str, Any]) -> str | None:
    return problems.body_problem(events.DAY_REOPENED, b)


def event_problem(kind: str, b: dict[str, Any]) -> str | None:
    """A kind the server has no code of its own for: valid against its model, or the
    reason (``unknown event kind ...`` for a kind this server does not know)."""
    return problems.body_problem(kind, b)


def date_problem(day: str) -> str | None:
    """A business date must be ISO-8601's extended ``YYYY-MM-DD`` exactly (the protocol's
    ``IsoDate``): its month picks the data key and retention compares it as text."""
    return problems.date_problem(day)


def waybill_problem(waybill: str, outlet: int, terminal: int) -> str | None:
    """A waybill must be well formed and carry the sending device's outlet and terminal:
    numbers are predictable, so without this one outlet could take another's next ones."""
    try:
        number = parse_waybill(waybill)
    except ValidationError:
        number = None
    if number is None or str(number) != waybill:
        return f"waybill {waybill} is not a valid waybill number (length or check digit)"
    if (number.outlet, number.terminal) != (outlet, terminal):
        return (f"waybill {waybill} belongs to outlet {number.outlet} terminal "
                f"{number.terminal}, not to the sending device's outlet {outlet} "
                f"terminal {terminal}")
    return None
