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


def _too_deep(value: Any) -> Any:
    if value:
        raise PydanticCustomError("too_deep", "body is nested too deeply")
    return value


def _levels(precise: bool) -> dict[int, Any]:
    """The free-form value at each level, each level its own named definition referring
    to the next: the depth bound stays in pydantic's core (no walk in Python), and the
    schema grows by level, where spelling every level out inline (a list and an object of
    the level below, at each level) made 2^12 copies and some 20 s of CPU at import."""
    out: dict[int, Any] = {}
    for level in range(DEPTH, -1, -1):
        if level == DEPTH:  # a list or an object here may be empty: its items are too deep
            inner_list: Any = Annotated[list[Any], AfterValidator(_too_deep)]
            inner_dict: Any = Annotated[dict[Any, Any], AfterValidator(_too_deep)]
        else:
            below: Any = out[level + 1]
            inner_list, inner_dict = list[below], dict[_TEXT, below]
        value: Any
        if precise:
            value = Annotated[
                Annotated[None, Tag("null")] | Annotated[bool, Strict(), Tag("bool")]
                | Annotated[Int64, Tag("int")] | Annotated[Text, Tag("str")]
                | Annotated[inner_list, Tag("list")] | Annotated[inner_dict, Tag("dict")]
                | Annotated[Any, Tag("other")],
                Discriminator(_json_tag, custom_error_type="not_whole",
                              custom_error_message="numbers must be whole (amounts are "
                              "rupiah, weights grams)")]
        else:
            value = Annotated[bool, Strict()] | Int64 | Text | inner_list | inner_dict | None
        out[level] = TypeAliasType(f"{'Precise' if precise else ''}JsonLevel{level}", value)
    return out


_TEXT: Any = Text
_FAST, _PRECISE = _levels(False), _levels(True)
# documented as what it is, not as the definitions that bound it
_DOC = WithJsonSchema({"description": f"any JSON value nested at most {DEPTH} levels below "
                       f"the body: whole numbers in 64 bits, texts of at most {TEXT_MAX} "
                       "characters without NUL"})


@cache
def json_at(level: int, precise: bool = False) -> Any:
    """A free-form JSON value that sits ``level`` levels below the body.

    The plain union is checked in pydantic's core at C speed; the ``precise`` one picks
    each value's member by its type first, so its one error names the real cause. The
    server checks with the first and asks the second only why a body failed."""
    if level > DEPTH:
        raise ValueError(f"nothing sits deeper than {DEPTH} levels")
    return Annotated[(_PRECISE if precise else _FAST)[level], _DOC]
