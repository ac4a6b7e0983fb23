"""JSON a person hands us (a file of orders, a backup's header): read within bounds.

Python's parser recurses once per nesting level, so ``[[[[…]]]]`` 100,000 deep
ends in RecursionError, and a number of 5,000 digits in ValueError — both
surfaced as a crash with a stack trace instead of "this file is wrong". The
nesting is measured before parsing (a linear scan, strings skipped), and every
way the parser can fail becomes a ValidationError naming the field and the file.
The byte size is the reader's to cap (``MAX_BYTES``) before the text is whole.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..i18n import Msg
from .errors import ValidationError

MAX_DEPTH = 32  # an order is 4 deep (list, order, sender, address); room to spare
MAX_BYTES = 16 * 1024 * 1024  # ~10,000 orders in one file
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """The deepest nesting of arrays and objects in ``text``, counted up to ``limit`` + 1."""
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif c in "]}":
            depth -= 1
    return deepest


def parse_json(text: str | bytes, *, field: str, name: str,
               max_depth: int = MAX_DEPTH) -> Any:
    """``text`` parsed, or ValidationError on ``field`` saying what is wrong with ``name``."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError((field, Msg("{file} is not UTF-8 text", file=name))) from None
    if nesting_depth(text, max_depth) > max_depth:
        raise ValidationError((field, Msg("{file} is nested more than {n} levels deep; it is "
                                          "not a file of orders", file=name, n=max_depth)))
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValidationError((field, Msg("is not valid JSON (line {line}, column {col})",
                                          line=e.lineno, col=e.colno))) from None
    except (RecursionError, ValueError):  # too deep after all, or a number too long to read
        raise ValidationError((field, Msg("{file} holds a value too large or too deep to read",
                                          file=name))) from None
