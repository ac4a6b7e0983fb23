"""Cleaning of free text typed at the counter (names, streets, goods descriptions).

Text is NFC-normalised and trimmed, runs of spaces collapse to one, and control
characters are refused: they break receipts and hide things in logs. Any other
character (accents, Arabic, Chinese, emoji) is kept exactly.
"""

from __future__ import annotations

import re
import unicodedata

from ..i18n import Msg
from .errors import ValidationError

_SPACES = re.compile(r"\s+")


def clean_text(field: str, value: object, *, max_len: int, required: bool = True) -> str:
    """Return ``value`` cleaned, or raise ValidationError naming ``field``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError((field, Msg("must be text")))
    text = unicodedata.normalize("NFC", value)
    # Tabs and newlines are whitespace a paste can bring along; fold them to a space.
    text = _SPACES.sub(" ", text).strip()
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn") or ch in "\u2028\u2029":
            raise ValidationError(
                (field, Msg("contains a control or unknown character; retype it")))
    if required and not text:
        raise ValidationError((field, Msg("is required")))
    if len(text) > max_len:
        raise ValidationError((field, Msg("is too long: at most {n} characters", n=max_len)))
    return text
