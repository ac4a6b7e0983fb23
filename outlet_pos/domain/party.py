"""Senders and recipients: name, phone (E.164) and optional e-mail.

Phones are normalised with Google's libphonenumber port (``phonenumbers``) so the
same customer typed as 0812…, +62 812… or 62812… is one number, +62812….

Invisible characters, field by field (see ``text.py`` for names): a phone loses
every format character (Cf) before it is read — a number copied from WhatsApp
comes wrapped in U+202A…U+202C, and only its digits are kept (E.164) — while an
e-mail address with a control or format character is refused: it would be
another address, and would not deliver.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers

from ..i18n import Msg
from .address import Address
from .errors import ValidationError, collect
from .loyalty import FIELD, clean_card
from .text import clean_text, is_invisible_control, strip_format

MAX_NAME = 100
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-. ]+$")


def normalize_phone(value: object, field: str = "phone") -> str:
    """Return the phone in E.164 (``+6281234567890``) or raise ValidationError.

    Numbers without a country code are read as Indonesian. ``62…`` without the
    plus is how many people write an Indonesian number, so it is read as +62….
    """
    raw = strip_format(value).strip() if isinstance(value, str) else ""
    if not raw:
        raise ValidationError((field, Msg("is required, e.g. 0812 3456 7890")))
    if not _PHONE_CHARS.fullmatch(raw):
        raise ValidationError((field, Msg("may hold only digits, spaces, +, -, ( and )")))
    digits = re.sub(r"\D", "", raw)
    if not raw.startswith("+") and digits.startswith("62") and len(digits) >= 10:
        raw = "+" + digits
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        raise ValidationError(
            (field, Msg("is not a phone number; type it as 0812 3456 7890"))) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            (field, Msg("is not a valid phone number; check the digits (e.g. 0812 3456 7890)"))
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(e164: str) -> str:
    """``+6281234567890`` → ``+62812*****890``: enough for the customer to recognise."""
    if len(e164) <= 9:  # the first six and the last three would show every character
        return "*" * len(e164)
    return e164[:6] + "*" * (len(e164) - 9) + e164[-3:]


def mask_name(name: str) -> str:
    """``Budi Santoso`` → ``B*** S***``: first letter of each word, then three asterisks.

    Enough for a manager to match a row with a customer standing at the counter. The
    asterisks are always three, whatever the word's length, so the mask does not leak
    how long the name is; a one-letter word (``A. Yani``'s ``A.``) is masked the same way.
    """
    return " ".join(word[0] + "***" for word in name.split())


def normalize_email(value: object, field: str = "email") -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValidationError((field, Msg("must be text")))
    email = value.strip()
    if any(is_invisible_control(ch) for ch in email):
        raise ValidationError((field, Msg("contains a hidden or control character; retype it")))
    if len(email) > 254 or not _EMAIL.match(email):
        raise ValidationError((field, Msg("is not an e-mail address, e.g. nama@contoh.co.id")))
    return email


@dataclass(frozen=True, slots=True)
class Party:
    """A sender or a recipient. Every field is personal data."""

    name: str
    phone: str  # E.164
    address: Address
    email: str | None = None
    loyalty_card: str | None = None  # the sender's (domain/loyalty.py), as typed, cleaned

    @classmethod
    def create(
        cls, *, name: object, phone: object, address: Address, email: object = None,
        loyalty_card: object = None,
    ) -> Party:
        problems: list[tuple[str, str]] = []
        clean: dict[str, object] = {}
        steps: tuple[tuple[str, Callable[[], object]], ...] = (
            ("name", lambda: clean_text("name", name, max_len=MAX_NAME)),
            ("phone", lambda: normalize_phone(phone)),
            ("email", lambda: normalize_email(email)),
            (FIELD, lambda: clean_card(loyalty_card)),  # its format: services/loyalty.py
        )
        for field, fn in steps:
            try:
                clean[field] = fn()
            except ValidationError as e:
                problems += e.problems
        collect(problems)
        return cls(
            name=str(clean["name"]), phone=str(clean["phone"]), address=address,
            email=clean["email"],  # type: ignore[arg-type]
            loyalty_card=clean[FIELD],  # type: ignore[arg-type]
        )
