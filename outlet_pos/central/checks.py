"""What an event body must look like before the server stores it; a problem is a reason
for ``rejected``, never a 500.

The columns bound what fits (PostgreSQL refuses what is too long, NUL characters and
integers beyond 32 bits), so every value that reaches a column is checked first.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..domain.errors import ValidationError
from ..domain.waybill import parse_waybill

INT_MAX = 2**31 - 1
_DEPTH = 12
_TEXT_MAX = 20_000

# field: (type, max length for text | None)
SHIPMENT = {
    "shipment_id": (str, 36), "waybill": (str, 16), "outlet": (int, None),
    "terminal": (int, None), "booked_at": (str, 40), "business_date": (str, 10),
    "service": (str, 8), "origin_district": (str, 16), "dest_district": (str, 16),
    "sender": (dict, None), "recipient": (dict, None), "parcel": (dict, None),
    "quote": (dict, None), "payment": (dict, None),
}
VOID = {"shipment_id": (str, 36), "reason": (str, 2000), "voided_at": (str, 40)}
CLOSING = {"sequence": (int, None), "business_date": (str, 10), "outlet": (int, None),
           "terminal": (int, None)}
REOPEN = {**CLOSING, "reopened_at": (str, 40), "reopened_by": (str, 64), "reason": (str, 500)}


def json_problem(value: Any, depth: int = 0) -> str | None:
    """Anything a canonical hash or a database column cannot take."""
    if depth > _DEPTH:
        return "body is nested too deeply"
    if isinstance(value, dict):
        for k, v in value.items():
            problem = json_problem(k, depth + 1) or json_problem(v, depth + 1)
            if problem:
                return problem
    elif isinstance(value, list):
        for v in value:
            problem = json_problem(v, depth + 1)
            if problem:
                return problem
    elif isinstance(value, str):
        if "\x00" in value or len(value) > _TEXT_MAX:
            return "a text holds a NUL character or is too long"
    elif isinstance(value, bool) or value is None:
        return None
    elif isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            return "a number is out of range"
    elif isinstance(value, float):
        return "numbers must be whole (amounts are rupiah, weights grams)"
    return None


def fields_problem(body: dict[str, Any], spec: dict[str, tuple[type, int | None]]) -> str | None:
    for key, (kind, limit) in spec.items():
        value = body.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            return f"field {key} is missing or not a {kind.__name__}"
        if kind is int and not 0 <= value <= INT_MAX:
            return f"field {key} is out of range"
        if limit is not None and len(value) > limit:
            return f"field {key} is longer than {limit}"
    return None


def _whole(value: Any, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= INT_MAX


def shipment_problem(b: dict[str, Any]) -> str | None:
    problem = fields_problem(b, SHIPMENT)
    if problem:
        return problem
    if not (_whole(b["parcel"].get("weight_g")) and _whole(b["quote"].get("total"))
            and _whole(b["parcel"].get("cod_amount"), optional=True)):
        return "parcel.weight_g, parcel.cod_amount and quote.total must be whole numbers"
    method = b["payment"].get("method")
    if not isinstance(method, str) or not 0 < len(method) <= 16:
        return "payment.method must be a short text"
    try:
        datetime.fromisoformat(b["booked_at"])
    except ValueError:
        return "booked_at or business_date is not an ISO-8601 date"
    return date_problem(b["business_date"]) and \
        "booked_at or business_date is not an ISO-8601 date"


def date_problem(day: str) -> str | None:
    """A business date must be ISO-8601's extended ``YYYY-MM-DD`` exactly: its month picks
    the data key and retention compares it as text, and ``fromisoformat`` also takes
    ``20261125`` and ``2026-W48-3``."""
    try:
        if date.fromisoformat(day).isoformat() == day:
            return None
    except ValueError:
        pass
    return "business_date is not an ISO-8601 date"


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


def void_problem(b: dict[str, Any]) -> str | None:
    problem = fields_problem(b, VOID)
    if problem:
        return problem
    try:
        datetime.fromisoformat(b["voided_at"])
    except ValueError:
        return "voided_at is not an ISO-8601 time"
    return None


def reopen_problem(b: dict[str, Any]) -> str | None:
    return closing_problem(b, REOPEN)


def closing_problem(b: dict[str, Any], spec: dict[str, Any] = CLOSING) -> str | None:
    problem = fields_problem(b, spec)
    if problem:
        return problem
    return date_problem(b["business_date"])
