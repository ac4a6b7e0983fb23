"""The bounds every value on the wire keeps, as pydantic types: what a database column
and a canonical hash can take.

PostgreSQL refuses NUL characters and integers beyond their column, a canonical hash
needs plain JSON, and amounts are whole rupiah, so: texts without NUL and at most
``TEXT_MAX`` characters, integers in 64 bits (``Whole``: 0..``INT_MAX`` where a 32-bit
column takes them), no floats, and any free-form value nested at most ``DEPTH`` levels
(``json_at(level)``). Business dates are ISO-8601's ``YYYY-MM-DD`` exactly: the month picks
the data key and retention compares them as text.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, Discriminator, Field, Strict, Tag, WithJsonSchema
from pydantic_core import PydanticCustomError
from typing_extensions import TypeAliasType

INT_MAX = 2**31 - 1  # a PostgreSQL integer column
DEPTH = 12  # how deep a free-form value may nest (a key sits one level below its object)
TEXT_MAX = 20_000
NO_NUL = r"^[^\x00]*$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

Int64 = Annotated[int, Strict(), Field(ge=-(2**63), lt=2**63)]
Whole = Annotated[int, Strict(), Field(ge=0, le=INT_MAX)]


def text(max_length: int = TEXT_MAX, min_length: int = 0) -> Any:
    """A text for a column of ``max_length`` characters: no NUL, no number taken as text."""
    return Annotated[str, Strict(), Field(min_length=min_length or None,
                                          max_length=max_length, pattern=NO_NUL)]


Text = text()


def _iso_date(day: str) -> str:
    # fromisoformat also takes 20261125 and 2026-W48-3; the round trip refuses them
    try:
        if date.fromisoformat(day).isoformat() == day:
            return day
    except ValueError:
        pass
    raise PydanticCustomError("iso_date", "business_date is not an ISO-8601 date")


def _iso_time(stamp: str) -> str:
    try:
        datetime.fromisoformat(stamp)
    except ValueError:
        raise PydanticCustomError("iso_time", "is not an ISO-8601 time") from None
    return stamp


IsoDate = Annotated[str, Strict(), Field(max_length=10, pattern=NO_NUL,
                                         json_schema_extra={"format": "date"}),
                    AfterValidator(_iso_date)]


def iso_time(max_length: int = 40) -> Any:
    """A moment as ISO-8601 text (kept as sent: its bytes are part of the body's hash)."""
    return Annotated[str, Strict(), Field(max_length=max_length, pattern=NO_NUL,
                                          json_schema_extra={"format": "date-time"}),
                     AfterValidator(_iso_time)]


IsoTime = iso_time()


# ---------------------------------------------------------------- free-form values

def _json_tag(value: Any) -> str:
    # exact types only: a bool is no number, a float is never whole
    if value is None or isinstance(value, bool | str | list | dict):
        return type(value).__name__ if value is not None else "null"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"  # no member carries this tag: refused as not whole
    return "other"  # not JSON at all (only a Python caller can pass it): left alone


def nests_too_deep(value: Any, level: int) -> bool:
    """Whether an item of ``value`` (which sits ``level`` levels below the body) sits
    deeper than ``DEPTH``: at ``DEPTH`` a list or an object may only be empty."""
    if isinstance(value, dict):
        items: Any = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return False
    if level >= DEPTH:
        return bool(value)
    return any(nests_too_deep(v, level + 1) for v in items)


# One recursive definition each, shared by every level: spelling the twelve levels out
# (a list and an object of the level below, at each level) made 2^12 copies of the
# schema, and pydantic took some 20 s of CPU to build them at import.
_JSON: Any = "JsonValue"  # the aliases name themselves; mypy cannot follow that
_PRECISE: Any = "PreciseJsonValue"
_TEXT: Any = Text
_plain: Any = (Annotated[bool, Strict()] | Int64 | Text | list[_JSON]
               | dict[_TEXT, _JSON] | None)
JsonValue = TypeAliasType("JsonValue", _plain)
_precise: Any = Annotated[
    Annotated[None, Tag("null")] | Annotated[bool, Strict(), Tag("bool")]
    | Annotated[Int64, Tag("int")] | Annotated[Text, Tag("str")]
    | Annotated[list[_PRECISE], Tag("list")] | Annotated[dict[_TEXT, _PRECISE], Tag("dict")]
    | Annotated[Any, Tag("other")],
    Discriminator(_json_tag, custom_error_type="not_whole",
                  custom_error_message="numbers must be whole (amounts are rupiah, "
                  "weights grams)")]
PreciseJsonValue = TypeAliasType("PreciseJsonValue", _precise)


@cache
def json_at(level: int, precise: bool = False) -> Any:
    """A free-form JSON value that sits ``level`` levels below the body.

    The plain union is checked in pydantic's core at C speed; the ``precise`` one picks
    each value's member by its type first, so its one error names the real cause. The
    server checks with the first and asks the second only why a body failed. The depth is
    checked after the types, in Python: only values the models do not name (none in the
    outlet's own bodies) pay for it."""
    if level > DEPTH:
        raise ValueError(f"nothing sits deeper than {DEPTH} levels")

    def within_depth(value: Any) -> Any:
        if nests_too_deep(value, level):
            raise PydanticCustomError("too_deep", "body is nested too deeply")
        return value

    # documented as what it is, not as the definition that bounds it
    doc = WithJsonSchema({"description": f"any JSON value nested at most {DEPTH} levels "
                          f"below the body: whole numbers in 64 bits, texts of at most "
                          f"{TEXT_MAX} characters without NUL"})
    return Annotated[PreciseJsonValue if precise else JsonValue,
                     AfterValidator(within_depth), doc]
