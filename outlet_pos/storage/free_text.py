"""Free text a person types, encrypted at rest like the personal columns.

A clerk types what a customer says into a void reason, a QRIS or transfer reference, a
closing note or a reopen reason, so each is treated as personal data: AES-GCM under a
period data key, bound to its table/column/row, and crypto-shredded with that key.

In an audit row's details, the values a person typed are told apart by their key:
``reason``, ``requested_by``, ``note``, ``file`` and any key ending in ``_reason``,
``_note`` or ``_text``. A service that adds typed text to an audit row names it so.
"""

from __future__ import annotations

from typing import Any

from .crypto import FieldCipher

PRIVATE_DETAIL_KEYS = frozenset({"reason", "requested_by", "note", "file"})
_PRIVATE_SUFFIXES = ("_reason", "_note", "_text")


def is_private(key: str) -> bool:
    return key in PRIVATE_DETAIL_KEYS or key.endswith(_PRIVATE_SUFFIXES)


def split_details(details: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what may stay in clear, what a person typed)."""
    public = {k: v for k, v in details.items() if not is_private(k)}
    private = {k: v for k, v in details.items() if is_private(k) and v is not None}
    return public, private


def encrypt(cipher: FieldCipher, text: str | None, table: str, column: str,
            row_id: str) -> bytes | None:
    return None if text is None else cipher.encrypt(text, table, column, row_id)


def decrypt(cipher: FieldCipher | None, blob: bytes | None, table: str, column: str,
            row_id: str) -> str | None:
    """The text, or None where there is none or its key was destroyed (retention)."""
    if blob is None or cipher is None:
        return None
    return cipher.decrypt(blob, table, column, row_id)


def closing_row_id(terminal: int, sequence: int) -> str:
    """A closing's place in the associated data: its natural key, known before insert."""
    return f"{terminal}-{sequence}"
