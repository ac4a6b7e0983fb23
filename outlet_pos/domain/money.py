"""Money is an integer number of rupiah; this module formats and checks it.

We format ourselves (``Rp 15.000``): locale currency formatters round silently.
"""

from __future__ import annotations

import re

from ..i18n import Msg
from .errors import ValidationError

#: Largest amount accepted anywhere (declared value, COD): Rp 1 trillion.
MAX_RUPIAH = 1_000_000_000_000
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")


def format_rupiah(amount: int) -> str:
    """``15000`` → ``Rp 15.000``; negative amounts keep their sign: ``-Rp 500``."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError("rupiah amounts are int")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


def rupiah_digits(text: str) -> str:
    """What a person types for an amount, as ``check_rupiah`` takes it: ``Rp 15.000`` →
    ``15000``. Anything else is returned as typed, so the check names the field."""
    cleaned = text.replace("Rp", "").replace(" ", "").strip()
    if _GROUPED.fullmatch(cleaned):  # 1.250.000 or 1,250,000; never a decimal like 12.5
        return cleaned.replace(".", "").replace(",", "")
    return cleaned


def check_rupiah(field: str, value: object, *, allow_zero: bool = True) -> int:
    """Validate an amount entered by a user; return it as int."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, str) and value.strip().isdecimal():
            value = int(value.strip())
        else:
            raise ValidationError(
                (field, Msg("must be a whole number of rupiah (no decimals), e.g. 500000"))
            )
    assert isinstance(value, int)
    if value < 0:
        raise ValidationError((field, Msg("must not be negative")))
    if value == 0 and not allow_zero:
        raise ValidationError((field, Msg("must be more than zero")))
    if value > MAX_RUPIAH:
        raise ValidationError(
            (field, Msg("must be at most {amount}", amount=format_rupiah(MAX_RUPIAH))))
    return value
