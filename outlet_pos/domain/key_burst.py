"""Keyboard-wedge scanners: telling a scanner's burst of keys from a person typing, and
what a scanned code is. Pure logic, no Qt and no clock of its own: the caller passes
each key's time in milliseconds (ui/scanner.py is the Qt glue), so tests run without
sleeping.

A wedge scanner "types" a whole code in one burst, its keys 2–15 ms apart, and ends it
with Enter; a person types 80–300 ms apart (rarely two keys 10 ms apart, when one finger
rolls onto the next, never eight in a row). A run of keys is a scan when, at its Enter:

- it has at least ``min_length`` characters (a waybill is 16, a phone 10–15);
- no gap between two of its keys (the Enter included) exceeds ``max_gap_ms``;
- the mean gap is at most ``max_mean_gap_ms`` (a person's occasional fast pair cannot
  pull a run's mean that low; Windows stamps keys to its 15.6 ms tick, so a scanner's
  gaps read 0 or 15.6 ms there, its mean stays near its true pace).

A longer gap starts a new run at that key, so what a person typed before a scan is never
part of it. Auto-repeat, Tab, arrows, Backspace and the like end a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .errors import ValidationError
from .party import normalize_phone
from .waybill import LENGTH, normalize_waybill


@dataclass(frozen=True, slots=True)
class BurstRules:
    max_gap_ms: float = 35.0
    max_mean_gap_ms: float = 17.0
    min_length: int = 8


@dataclass(slots=True)
class KeyBurst:
    """Follows the keys as they arrive; ``enter`` says whether the run was a scan."""

    rules: BurstRules = field(default_factory=BurstRules)
    _chars: list[str] = field(default_factory=list)
    _first_ms: float = 0.0
    _last_ms: float | None = None

    def char(self, text: str, at_ms: float) -> bool:
        """A character key at ``at_ms``. True when it starts a new run: the caller keeps
        what the focused field held before it, to take a scan back out later."""
        last = self._last_ms
        gap = None if last is None else at_ms - last
        self._last_ms = at_ms
        if gap is None or gap < 0 or gap > self.rules.max_gap_ms or not self._chars:
            self._chars, self._first_ms = [text], at_ms
            return True
        self._chars.append(text)
        return False

    def other(self) -> None:
        """A key that is neither a character nor Enter: no scan goes on across it."""
        self._chars, self._last_ms = [], None

    def enter(self, at_ms: float) -> str | None:
        """Enter at ``at_ms``: the scanned code when the run was a burst, else None."""
        chars, first, last = self._chars, self._first_ms, self._last_ms
        self.other()
        if last is None or len(chars) < self.rules.min_length:
            return None
        gap = at_ms - last
        if gap < 0 or gap > self.rules.max_gap_ms:
            return None
        if (at_ms - first) / len(chars) > self.rules.max_mean_gap_ms:  # len(chars) gaps
            return None
        return "".join(chars)


class ScanKind(Enum):
    WAYBILL = "waybill"
    BAD_WAYBILL = "bad_waybill"  # 16 digits failing the check digit: a misread
    PHONE = "phone"
    PREBOOKING = "prebooking"  # the app's QR (OPB1.) or a booking code: a drop-off
    UNKNOWN = "unknown"  # code-shaped (no spaces) but none of ours
    TEXT = "text"  # words typed by a machine (a test, a password manager): not a code


@dataclass(frozen=True, slots=True)
class Scan:
    kind: ScanKind
    value: str  # the waybill or the phone as the field takes it; "" for the others

    def __repr__(self) -> str:  # a phone is personal: never in a log or a traceback
        shown = self.value if self.kind is ScanKind.WAYBILL else "…"
        return f"Scan({self.kind.value}, {shown})"


_SEPARATORS = re.compile(r"[\s\-().]")
# The shapes of protocol/prebooking.py (domain does not import protocol): its QR's prefix
# and a code, PB and 8 of Crockford's base32; the signature and the check character are
# the drop-off service's to check (a misread says so there, in the clerk's words).
PREBOOKING_QR = "OPB1."
_PREBOOKING_CODE = re.compile(r"PB[0-9A-HJKMNP-TV-Z]{8}")


def classify(code: str) -> Scan:
    """What a scanned code is: a waybill, a phone (a ``tel:`` QR or a bare +62/08 number),
    a misread waybill, an unknown code, or text (it has spaces: typing, not a code)."""
    stripped = code.strip()
    if not stripped or any(ch.isspace() for ch in stripped):
        return Scan(ScanKind.TEXT, "")
    if stripped.startswith(PREBOOKING_QR) or _PREBOOKING_CODE.fullmatch(stripped.upper()):
        return Scan(ScanKind.PREBOOKING, stripped)  # the counter checks it (services/dropoff)
    compact = _SEPARATORS.sub("", stripped)
    if compact.isascii() and compact.isdigit() and len(compact) == LENGTH:
        try:
            return Scan(ScanKind.WAYBILL, normalize_waybill(compact))
        except ValidationError:
            return Scan(ScanKind.BAD_WAYBILL, "")
    phone = stripped[4:] if stripped[:4].lower() == "tel:" else stripped
    digits = _SEPARATORS.sub("", phone)
    if digits.startswith("62"):
        digits = "+" + digits  # the country code without its plus, as some QRs carry it
    if digits.startswith(("+62", "08")) and digits[1:].isascii() and digits[1:].isdigit():
        try:
            normalize_phone(digits)
        except ValidationError:
            return Scan(ScanKind.UNKNOWN, "")
        return Scan(ScanKind.PHONE, digits)
    return Scan(ScanKind.UNKNOWN, "")
