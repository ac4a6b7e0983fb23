"""The sender's loyalty card number: its format as the courier configures it, and its mask.

A courier's loyalty card (the privacy policy names the JNE Loyalty Card) carries a number
the clerk types or scans. The courier says what a valid number looks like with a
``CardFormat``, kept in the ``loyalty_card_format`` setting (``outlet-pos loyalty
format``): digits only or letters and digits, a length range, an optional fixed prefix and
an optional Luhn check digit (ISO/IEC 7812, as on most printed cards).

The default accepts any number of 8 to 19 digits without a check digit: 19 is the longest
card number ISO/IEC 7812 allows and 8 the shortest member number we know of. A strict
default that a courier's real cards failed would turn every loyal customer away until a
technician came; a lenient one only misses some typos until the format is set.

The number is personal data (it names a person to the courier's loyalty programme): it is
never quoted in an error, and printed masked (``mask_card``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..i18n import Msg
from .errors import ValidationError
from .text import is_invisible_control, strip_format

FIELD = "loyalty_card"  # the key in an order's sender; the screen's "No. kartu loyalitas"
DIGITS, LETTERS_DIGITS = "digits", "letters-digits"
PATTERNS = (DIGITS, LETTERS_DIGITS)
MIN_LENGTH, MAX_LENGTH = 4, 32  # the bounds any format must keep within
_SEPARATORS = re.compile(r"[\s\-.]+")  # as printed on cards and typed from them: 8800 1234-…
_SHAPE = {DIGITS: re.compile(r"[0-9]+"), LETTERS_DIGITS: re.compile(r"[0-9A-Z]+")}
_MASK = "****"


@dataclass(frozen=True, slots=True)
class CardFormat:
    """What a valid card number looks like, once spaces and dashes are taken out."""

    pattern: str = DIGITS  # digits | letters-digits
    min_length: int = 8
    max_length: int = 19
    prefix: str = ""  # the first characters every card of the programme has, if any
    luhn: bool = False  # the last digit is a Luhn check digit (digits only)

    def __post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        if self.pattern not in PATTERNS:
            problems.append(("pattern", Msg("must be digits or letters-digits")))
        if not (MIN_LENGTH <= self.min_length <= self.max_length <= MAX_LENGTH):
            problems.append(("length", Msg(
                "must be a length or a range within {low}-{high}, e.g. 16 or 10-16",
                low=MIN_LENGTH, high=MAX_LENGTH)))
        if self.luhn and self.pattern != DIGITS:
            problems.append(("luhn", Msg("needs a card of digits only")))
        shape = _SHAPE.get(self.pattern)
        if self.prefix and (shape is None or not shape.fullmatch(self.prefix)
                            or len(self.prefix) >= self.max_length):
            problems.append(("prefix", Msg("must be shorter than the card and of its kind "
                                           "of characters")))
        if problems:
            raise ValidationError(problems)

    def to_dict(self) -> dict[str, Any]:
        return {"pattern": self.pattern, "min_length": self.min_length,
                "max_length": self.max_length, "prefix": self.prefix, "luhn": self.luhn}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> CardFormat:
        """The stored setting; the default when there is none."""
        if not data:
            return DEFAULT_FORMAT
        return cls(pattern=str(data.get("pattern", DIGITS)),
                   min_length=int(data.get("min_length", DEFAULT_FORMAT.min_length)),
                   max_length=int(data.get("max_length", DEFAULT_FORMAT.max_length)),
                   prefix=str(data.get("prefix", "")), luhn=bool(data.get("luhn", False)))

    def describe(self) -> str:
        """The format in a few words, for the command line and the field's hint."""
        length = (str(self.min_length) if self.min_length == self.max_length
                  else f"{self.min_length}-{self.max_length}")
        words = [f"{self.pattern} {length}"]
        if self.prefix:
            words.append(f"prefix {self.prefix}")
        if self.luhn:
            words.append("luhn")
        return ", ".join(words)


DEFAULT_FORMAT = CardFormat()


def parse_length(text: str) -> tuple[int, int]:
    """``16`` → (16, 16); ``10-16`` → (10, 16)."""
    m = re.fullmatch(r"\s*(\d{1,3})\s*(?:-\s*(\d{1,3})\s*)?", text or "")
    if m is None:
        raise ValidationError(("length", Msg("must be a length or a range, e.g. 16 or 10-16")))
    low = int(m.group(1))
    return low, int(m.group(2)) if m.group(2) else low


def clean_card(value: object, field: str = FIELD) -> str | None:
    """The number as typed, without spaces, dashes, dots or invisible characters,
    upper-cased; None when nothing was typed. Checks only what every format refuses."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError((field, Msg("must be text")))
    card = _SEPARATORS.sub("", strip_format(value)).upper()
    if not card:
        return None
    if any(is_invisible_control(ch) for ch in card) or not card.isascii() \
            or not card.isalnum():
        raise ValidationError((field, Msg("may hold only letters, digits, spaces and dashes")))
    if len(card) > MAX_LENGTH:
        raise ValidationError((field, Msg("is too long for a card number")))
    return card


def normalize_card(value: object, fmt: CardFormat = DEFAULT_FORMAT,
                   field: str = FIELD) -> str | None:
    """The card number checked against the courier's format, or None when none was given.

    Raises ValidationError naming ``field`` (the message never quotes the number)."""
    card = clean_card(value, field)
    if card is None:
        return None
    if not _SHAPE[fmt.pattern].fullmatch(card):
        raise ValidationError((field, Msg("may hold only digits") if fmt.pattern == DIGITS
                               else Msg("may hold only letters and digits")))
    if not fmt.min_length <= len(card) <= fmt.max_length:
        raise ValidationError((field, Msg(
            "must have {length} characters", length=str(fmt.min_length))
            if fmt.min_length == fmt.max_length else Msg(
            "must have {low} to {high} characters", low=fmt.min_length,
            high=fmt.max_length)))
    if fmt.prefix and not card.startswith(fmt.prefix):
        raise ValidationError((field, Msg("must start with {prefix}", prefix=fmt.prefix)))
    if fmt.luhn and not luhn_ok(card):
        raise ValidationError((field, Msg("is not a valid card number; check the digits")))
    return card


def luhn_ok(digits: str) -> bool:
    """The Luhn check (ISO/IEC 7812-1): catches every single wrong digit and most swaps."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def group_card(card: str) -> str:
    """``8800123412341234`` → ``8800 1234 1234 1234``: as printed on cards, so a clerk
    reads it against the card in the customer's hand (the spaces are cleaned off again)."""
    return " ".join(card[i:i + 4] for i in range(0, len(card), 4))


def mask_card(card: str) -> str:
    """``8800123412341234`` → ``**** 1234``: the sender recognises their card, the paper
    (which is thrown away or lost) does not give the number away. The stars are always
    four, so the mask does not tell the length; a short card shows at most a third of
    itself (an eight-character card its last two). ``*`` (not ``•``)
    because every receipt printer's code page has it, so it prints as text."""
    shown = min(4, len(card) // 3)
    return f"{_MASK} {card[-shown:]}" if shown else _MASK
