"""Cleaning of free text typed at the counter (names, streets, goods descriptions, reasons).

Text is NFC-normalised and trimmed, runs of spaces collapse to one. Any letter,
mark, digit, symbol or emoji (accents, Arabic, Chinese) is kept exactly. What is
invisible or steers the display never reaches a waybill, a log or the database:

- **Direction controls** (U+202A-U+202E embeddings and overrides, U+2066-U+2069
  isolates, U+200E/U+200F/U+061C marks) are *refused*: they make the paper read
  differently from what the clerk saw (``\\u202eBudi`` prints as ``iduB``, an override
  can flip a street number), so the clerk must see that something is wrong and retype.
- **Control characters** (category Cc other than whitespace, surrogates, private-use
  and unassigned code points) are *refused*, as before: they break receipts and
  hide things in logs.
- **Other invisible format characters** (category Cf: zero-width space, joiners,
  word joiner, soft hyphen, byte-order mark, tag characters) are *removed*: they
  arrive unseen with a paste from a chat or a web page, carry nothing a courier
  needs, and a clerk cannot find an invisible character to delete it. The cost: an
  emoji family joined with U+200D prints as its separate people.

Tabs, newlines and exotic spaces are whitespace and fold to one space.
"""

from __future__ import annotations

import re
import unicodedata

from ..i18n import Msg
from .errors import ValidationError

_SPACES = re.compile(r"\s+")
# Explicit embeddings, overrides, isolates and the three marks: all change reading order.
DIRECTION_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                               "\u2066\u2067\u2068\u2069")
_REFUSED = ("Cc", "Cs", "Co", "Cn")


def is_invisible_control(ch: str) -> bool:
    """Whether ``ch`` is a control or format character (Unicode Cc or Cf)."""
    return unicodedata.category(ch) in ("Cc", "Cf")


def strip_format(text: str) -> str:
    """``text`` without its format characters (Cf), direction controls included."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def printable(text: str) -> str:
    """``text`` with every control and format character gone (whitespace ones become a
    space): what a renderer may put on paper, whatever a row stored before these rules
    holds."""
    if text.isprintable():  # the usual case: nothing to do
        return text
    return "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or not is_invisible_control(ch))


def clean_text(field: str, value: object, *, max_len: int, required: bool = True) -> str:
    """Return ``value`` cleaned, or raise ValidationError naming ``field``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError((field, Msg("must be text")))
    if any(ch in DIRECTION_CONTROLS for ch in value):
        raise ValidationError((field, Msg(
            "contains a hidden character that changes the direction of the text; retype it")))
    # Removed before normalising, so the letters on either side may compose.
    text = unicodedata.normalize("NFC", strip_format(value))
    # Tabs and newlines are whitespace a paste can bring along; fold them to a space.
    text = _SPACES.sub(" ", text).strip()
    for ch in text:
        if unicodedata.category(ch) in _REFUSED or ch in "\u2028\u2029":
            raise ValidationError(
                (field, Msg("contains a control or unknown character; retype it")))
    if required and not text:
        raise ValidationError((field, Msg("is required")))
    if len(text) > max_len:
        raise ValidationError((field, Msg("is too long: at most {n} characters", n=max_len)))
    return text
