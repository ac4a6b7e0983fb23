"""Waybill numbers: allocated offline, unique across outlets and terminals, self-checking.

Layout (16 digits, all numeric so CODE128 code set C packs two digits per symbol)::

    OOOOO TT SSSSSSSS C
    outlet terminal sequence check

The check digit is Damm's: a quasigroup of order 10 with no zero-sum weak
points, so every single wrong digit and every swap of two adjacent digits is
detected (tests/unit/test_waybill.py checks both exhaustively on samples).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import Msg
from .errors import ValidationError

OUTLET_DIGITS = 5
TERMINAL_DIGITS = 2
SEQUENCE_DIGITS = 8
LENGTH = OUTLET_DIGITS + TERMINAL_DIGITS + SEQUENCE_DIGITS + 1
MAX_OUTLET = 10**OUTLET_DIGITS - 1
MAX_TERMINAL = 10**TERMINAL_DIGITS - 1
MAX_SEQUENCE = 10**SEQUENCE_DIGITS - 1

# Damm's totally anti-symmetric quasigroup (H. M. Damm, 2004).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
_SEPARATORS = re.compile(r"[\s\-]")


def damm_digit(digits: str) -> int:
    """The Damm check digit of a string of digits."""
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][ord(ch) - 48]
    return interim


def damm_valid(digits: str) -> bool:
    """True when ``digits`` (check digit included) passes Damm's check."""
    return damm_digit(digits) == 0


@dataclass(frozen=True, slots=True)
class WaybillNumber:
    outlet: int
    terminal: int
    sequence: int

    def __str__(self) -> str:
        body = f"{self.outlet:0{OUTLET_DIGITS}d}{self.terminal:0{TERMINAL_DIGITS}d}" \
               f"{self.sequence:0{SEQUENCE_DIGITS}d}"
        return body + str(damm_digit(body))


def make_waybill(outlet: int, terminal: int, sequence: int) -> str:
    """The waybill number for a terminal's ``sequence``-th shipment."""
    if not 1 <= outlet <= MAX_OUTLET:
        raise ValueError(f"outlet number must be 1..{MAX_OUTLET}")
    if not 1 <= terminal <= MAX_TERMINAL:
        raise ValueError(f"terminal must be 1..{MAX_TERMINAL}")
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError("this terminal has used all its waybill numbers")
    return str(WaybillNumber(outlet, terminal, sequence))


def format_waybill(number: str) -> str:
    """Groups of four for reading aloud: ``0001 2010 0000 0427``."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def parse_waybill(value: object, field: str = "waybill") -> WaybillNumber:
    """Check a typed or scanned waybill number; spaces and dashes are ignored."""
    if not isinstance(value, str):
        raise ValidationError((field, Msg("is required")))
    digits = _SEPARATORS.sub("", value)
    if not digits.isascii() or not digits.isdigit() or len(digits) != LENGTH:
        raise ValidationError((field, Msg("must be {n} digits", n=LENGTH)))
    if not damm_valid(digits):
        raise ValidationError(
            (field, Msg("has a typing error (check digit does not match); retype it")))
    outlet = int(digits[:OUTLET_DIGITS])
    terminal = int(digits[OUTLET_DIGITS : OUTLET_DIGITS + TERMINAL_DIGITS])
    sequence = int(digits[OUTLET_DIGITS + TERMINAL_DIGITS : -1])
    if outlet == 0 or terminal == 0 or sequence == 0:
        raise ValidationError((field, Msg("is not a waybill number of this courier")))
    return WaybillNumber(outlet, terminal, sequence)


def normalize_waybill(value: object, field: str = "waybill") -> str:
    return str(parse_waybill(value, field))
