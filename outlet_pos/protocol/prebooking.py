"""Pre-bookings, as both ends share them: the booking code, the booking the courier's app
sends, and the signed QR the counter reads even offline.

A customer books in the courier's app (``POST /v1/prebookings``); the server answers a
booking code and a QR. The QR carries the whole booking signed by the server's
pre-booking key, so a counter without network can fill the form from it and trust it:
it checks the signature with the public keys it keeps from ``GET /v1/prebooking-keys``.

The code: ``PB`` and 8 characters of Crockford's base32 (no I, L, O, U: nothing a clerk
misreads), the last a check character over the 7 before it, so a mistyped character is
caught at the counter before any look-up.

The QR text is what a keyboard-wedge scanner types, so ASCII without spaces::

    OPB1.<base64url(canonical JSON of Prebooked)>.<key_id>.<base64url(Ed25519 signature)>

signed over the bytes ``OPB1.<payload part>``; ``key_id`` is the first 4 bytes of the
SHA-256 of the raw public key, in hex, so the server can change its key and the counters
know which one to check with.
"""

from __future__ import annotations

import binascii
import hashlib
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .bounds import INT_MAX, IsoTime, Whole, text
from .events import Party
from .prebooking_use import PrebookingUse
from .wire import b64, canonical, unb64

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
PREFIX = "PB"
CODE_LENGTH = 10
QR_PREFIX = "OPB1."
VALIDITY = timedelta(days=14)
MAX_QR_TEXT = 4096  # the counter refuses longer scans before decoding them
REASONS = ("malformed", "unknown_key", "bad_signature", "expired")
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_TRANSLATE = {ord(c): None for c in " -\t"}

Code = text(CODE_LENGTH, min_length=CODE_LENGTH)
Rupiah = Whole
Short = text(200)
Line = text(500)


# ---------------------------------------------------------------- the code

def _check_char(body: str) -> str:
    # odd weights (coprime with 32): every single wrong character changes the sum
    return ALPHABET[sum(_VALUE[c] * (2 * i + 1) for i, c in enumerate(body)) % 32]


def new_code() -> str:
    """A fresh random booking code (35 bits of randomness)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH - len(PREFIX) - 1))
    return PREFIX + body + _check_char(body)


def valid_code(text: str) -> bool:
    """Whether ``text`` is a well-formed code exactly as written (upper-case, no spaces)."""
    if len(text) != CODE_LENGTH or not text.startswith(PREFIX):
        return False
    body, check = text[len(PREFIX):-1], text[-1]
    return all(c in _VALUE for c in body) and check in _VALUE and _check_char(body) == check


def normalize_code(text: str) -> str:
    """The code as a person may type it (lower-case, spaces, dashes) made canonical.

    Raises ValueError if it is not a valid code (the message never repeats the input)."""
    code = text.translate(_TRANSLATE).upper()
    if not valid_code(code):
        raise ValueError("not a valid pre-booking code")
    return code


# ---------------------------------------------------------------- the booking

class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrebookedParcel(_Frozen):
    """The parcel as the customer declared it in the app (the counter weighs it again)."""

    weight_g: int = Field(gt=0, le=INT_MAX, strict=True)
    length_cm: int | None = Field(default=None, ge=0, le=10_000, strict=True)
    width_cm: int | None = Field(default=None, ge=0, le=10_000, strict=True)
    height_cm: int | None = Field(default=None, ge=0, le=10_000, strict=True)
    pieces: int = Field(default=1, ge=1, le=1000, strict=True)
    description: Line | None = None  # type: ignore[valid-type]
    declared_value: Rupiah | None = None
    packing: Short | None = None  # type: ignore[valid-type]


class PrebookingRequest(_Frozen):
    """What the courier's app POSTs to ``/v1/prebookings``: the booking without its code
    and dates, which the server gives."""

    sender: Party
    recipient: Party
    parcel: PrebookedParcel
    service: text(8, min_length=1)  # type: ignore[valid-type]
    quoted_total: Rupiah
    paid: Rupiah = 0
    origin_hint: text(16) | None = None  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _paid_within_quote(self) -> Any:
        if self.paid > self.quoted_total:
            raise ValueError("paid is more than quoted_total")
        return self


class Prebooked(PrebookingRequest):
    """One pre-booking as the server issued it and the QR carries it."""

    code: Code  # type: ignore[valid-type]
    issued_at: IsoTime
    expires_at: IsoTime = ""

    @model_validator(mode="before")
    @classmethod
    def _default_expiry(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("expires_at") and data.get("issued_at"):
            try:
                issued = _utc(data["issued_at"])
            except (TypeError, ValueError):
                return data  # the field's own check names the fault
            data = {**data, "expires_at": _iso(issued + VALIDITY)}
        return data

    @model_validator(mode="after")
    def _valid_code(self) -> Any:
        if not valid_code(self.code):
            raise ValueError("code is not a valid pre-booking code")
        return self

    @classmethod
    def issue(cls, request: PrebookingRequest, now: datetime,
              code: str | None = None) -> Prebooked:
        """The booking ``request`` given a fresh code, issued ``now``, valid 14 days."""
        return cls(**request.model_dump(), code=code or new_code(), issued_at=_iso(now))

    def expired(self, now: datetime) -> bool:
        return now >= _utc(self.expires_at)


class PrebookingIssued(_Frozen):
    """The server's answer to the app: 201 with the code and its QR."""

    code: str
    qr_text: str
    expires_at: str
    qr_png_url: str


class PrebookingLookup(_Frozen):
    """The server's answer to an outlet looking a code up."""

    prebooked: Prebooked
    status: Literal["open", "used", "expired"]
    used_waybill: str | None = None


# ---------------------------------------------------------------- the QR

class PrebookingInvalid(ValueError):
    """A QR that cannot be trusted; ``reason`` is one of ``REASONS`` (never the text)."""

    def __init__(self, reason: str) -> None:
        assert reason in REASONS
        super().__init__(f"pre-booking QR refused: {reason}")
        self.reason = reason


def key_id_of(raw_public_key: bytes) -> str:
    """The 8 hex characters naming a pre-booking key in a QR."""
    return hashlib.sha256(raw_public_key).digest()[:4].hex()


def encode_qr(p: Prebooked, private_key: Ed25519PrivateKey) -> str:
    """The QR text of ``p`` signed by the server's key."""
    # empty fields left out: a shorter text is a less dense QR, which cheap scanners read
    signed = QR_PREFIX + b64(canonical(p.model_dump(mode="json", exclude_none=True)))
    key_id = key_id_of(private_key.public_key().public_bytes_raw())
    return f"{signed}.{key_id}.{b64(private_key.sign(signed.encode()))}"


def decode_qr(text: str, keys: Mapping[str, bytes], now: datetime) -> Prebooked:
    """The booking a QR carries, once its signature is checked by one of ``keys``
    (key_id -> raw public key) and it has not expired at ``now``."""
    if len(text) > MAX_QR_TEXT or not text.isascii() or not text.startswith(QR_PREFIX):
        raise PrebookingInvalid("malformed")
    parts = text[len(QR_PREFIX):].split(".")
    if len(parts) != 3:
        raise PrebookingInvalid("malformed")
    payload, key_id, signature = parts
    if key_id not in keys:
        raise PrebookingInvalid("unknown_key")
    try:
        sig = unb64(signature)
        Ed25519PublicKey.from_public_bytes(keys[key_id]).verify(
            sig, (QR_PREFIX + payload).encode())
    except (InvalidSignature, ValueError, binascii.Error):
        raise PrebookingInvalid("bad_signature") from None
    try:
        booking = Prebooked.model_validate(orjson.loads(unb64(payload)))
    except (ValueError, ValidationError, binascii.Error):
        raise PrebookingInvalid("malformed") from None
    if booking.expired(now):
        raise PrebookingInvalid("expired")
    return booking


def _utc(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _iso(moment: datetime) -> str:
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


__all__ = ["ALPHABET", "CODE_LENGTH", "QR_PREFIX", "REASONS", "VALIDITY", "Prebooked",
           "PrebookedParcel", "PrebookingInvalid", "PrebookingIssued", "PrebookingLookup",
           "PrebookingRequest", "PrebookingUse", "decode_qr", "encode_qr", "key_id_of",
           "new_code", "normalize_code", "valid_code"]
