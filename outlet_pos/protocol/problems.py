"""Why a body is refused, as one clear English sentence (the server's ``rejected`` reason).

The models say what is valid; this module only words pydantic's first error the way the
outlets have always read it ("field waybill is longer than 16", "business_date is not an
ISO-8601 date"), which ``services/refused.py`` maps to the clerk's language. A field
problem (missing, wrong type, out of range, too long) is named before a problem of a
value's meaning, as the server always did.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .bounds import DEPTH, TEXT_MAX, IsoDate, json_at
from .events import CASH_MOVED, SHIPMENT_CREATED, EventBody, model_of

TOO_DEEP = "body is nested too deeply"
BAD_TEXT = "a text holds a NUL character or is too long"
BAD_NUMBER = "a number is out of range"
NOT_WHOLE = "numbers must be whole (amounts are rupiah, weights grams)"
_WHOLE = "parcel.weight_g, parcel.cod_amount and quote.total must be whole numbers"
_DATES = "booked_at or business_date is not an ISO-8601 date"
_CASH_REASON = "field reason is not a text of at most 200 characters"

# Per kind, fields whose every problem reads as one sentence, in the order they count.
_SENTENCES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    SHIPMENT_CREATED: ((("parcel", "weight_g"), _WHOLE), (("parcel", "cod_amount"), _WHOLE),
                       (("quote", "total"), _WHOLE),
                       (("payment", "method"), "payment.method must be a short text")),
    CASH_MOVED: ((("reason",), _CASH_REASON),),
}
_MEANING = {SHIPMENT_CREATED: {"iso_date": _DATES, "iso_time": _DATES}}
_TYPES = {"int_type": "int", "string_type": "str", "model_type": "dict",
          "model_attributes_type": "dict", "dict_type": "dict", "bool_type": "bool",
          "list_type": "list"}
_RANGE = {"greater_than_equal", "less_than_equal", "less_than", "greater_than"}


@cache
def _json(level: int, precise: bool) -> TypeAdapter[Any]:
    return TypeAdapter(json_at(level, precise))


def json_problem(value: Any, level: int = 0) -> str | None:
    """Anything a canonical hash or a database column cannot take, anywhere in ``value``
    (which sits ``level`` levels below a body)."""
    if level > DEPTH:
        return TOO_DEEP
    try:
        _json(level, False).validate_python(value)
        return None
    except ValidationError:
        pass
    try:  # only a refused value pays for the precise check that names the cause
        _json(level, True).validate_python(value)
        return None
    except ValidationError as e:
        kind = e.errors(include_url=False)[0]["type"]
    if kind in ("too_deep", "not_whole"):
        return TOO_DEEP if kind == "too_deep" else NOT_WHOLE
    return BAD_NUMBER if kind in _RANGE else BAD_TEXT


def _type_name(model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    field = model.model_fields.get(str(loc[0])) if len(loc) == 1 else None
    annotation = field.annotation if field else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "dict"
    return getattr(annotation, "__name__", "value")


def _unfit_for_json(e: ErrorDetails) -> str | None:
    """The problems a value has wherever it sits: a NUL or an endless text, a number beyond
    64 bits or not whole, nesting too deep."""
    t, ctx = e["type"], e.get("ctx") or {}
    if t == "string_pattern_mismatch" or (t == "string_too_long"
                                          and ctx.get("max_length") == TEXT_MAX):
        return BAD_TEXT
    if t in _RANGE and (ctx.get("lt") == 2**63 or ctx.get("ge") == -(2**63)):
        return BAD_NUMBER
    if t == "not_whole":
        return NOT_WHOLE
    return TOO_DEEP if t == "too_deep" else None


def _sentence(kind: str, model: type[EventBody], e: ErrorDetails) -> tuple[int, str]:
    """(how early it counts, the sentence) for one of pydantic's errors."""
    loc = tuple(str(x) for x in e["loc"])
    unfit = _unfit_for_json(e)
    if unfit:  # what no column or canonical hash takes is named first, as it always was
        return -1, unfit
    for rank, (prefix, sentence) in enumerate(_SENTENCES.get(kind, ())):
        if loc[:len(prefix)] == prefix:
            return 1 + rank, sentence
    where, t = ".".join(loc), e["type"]
    if t in ("iso_date", "iso_time"):
        default = e["msg"] if t == "iso_date" else f"{where} {e['msg']}"
        return 10, _MEANING.get(kind, {}).get(t, default)
    if t == "missing":
        return 0, f"field {where} is missing or not a {_type_name(model, e['loc'])}"
    if t in _TYPES:
        return 0, f"field {where} is missing or not a {_TYPES[t]}"
    ctx = e.get("ctx") or {}
    if t in _RANGE:  # a whole number's bound is the column's; a 64-bit one any number's
        return 0, BAD_NUMBER if ctx.get("lt") == 2**63 or ctx.get("ge") == -(2**63) \
            else f"field {where} is out of range"
    if t == "string_too_long":
        return 0, BAD_TEXT if ctx.get("max_length") == TEXT_MAX \
            else f"field {where} is longer than {ctx.get('max_length')}"
    if t in ("too_deep", "not_whole"):
        return 0, TOO_DEEP if t == "too_deep" else NOT_WHOLE
    if t == "string_pattern_mismatch":
        return 0, BAD_TEXT
    if t.startswith("cash_") or t == "value_error":
        return 5, e["msg"]
    return 0, f"field {where} is not valid"


def body_problem(kind: str, body: Any) -> str | None:
    """Why ``body`` is no valid body of ``kind``, or None."""
    model = model_of(kind)
    if model is None:
        return f"unknown event kind {kind}"
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    try:
        model.model_validate(body)
        return None
    except ValidationError as e:
        errors = e.errors(include_url=False)
    return min((_sentence(kind, model, err) for err in errors), key=lambda r: r[0])[1]


@cache
def _date() -> TypeAdapter[str]:
    return TypeAdapter(IsoDate)


def date_problem(day: Any) -> str | None:
    """Why ``day`` is no business date (``YYYY-MM-DD`` exactly), or None."""
    try:
        _date().validate_python(day)
        return None
    except ValidationError:
        return "business_date is not an ISO-8601 date"
