"""Field encryption (AES-256-GCM) and the keyed blind index for phone look-up.

Each ciphertext is ``version || nonce(12) || ciphertext+tag``. The associated
data binds it to its place: ``table/column/row id/key id``; a ciphertext copied
to another row or column fails to decrypt instead of showing the wrong person.
"""

from __future__ import annotations

import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..domain.errors import ABOUT_KEYS, AppError
from ..i18n import Msg

VERSION = b"\x01"
NONCE_LEN = 12
INDEX_LEN = 16


class TamperedData(AppError):
    """A ciphertext or a signed record failed authentication: altered, moved, or under the
    wrong key. Nothing is changed when it is raised; the remedy says what to run."""

    default_remedy = Msg("nothing was changed; run 'outlet-pos audit verify' and call support")
    about = ABOUT_KEYS  # at start-up only the keys are checked this way


def aad(table: str, column: str, row_id: str, key_id: str) -> bytes:
    return f"{table}/{column}/{row_id}/{key_id}".encode()


class FieldCipher:
    """Encrypts and decrypts single fields with one data key."""

    __slots__ = ("_aead", "key_id")

    def __init__(self, key_id: str, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("data keys are 256-bit")
        self.key_id = key_id
        self._aead = AESGCM(key)

    def encrypt(self, plaintext: str | bytes, table: str, column: str, row_id: str) -> bytes:
        """``plaintext`` as text, or as its UTF-8 bytes (the outbox's JSON comes as bytes)."""
        nonce = os.urandom(NONCE_LEN)
        data = plaintext.encode() if isinstance(plaintext, str) else plaintext
        # aad() written out: a booking encrypts ten fields
        ct = self._aead.encrypt(nonce, data,
                                f"{table}/{column}/{row_id}/{self.key_id}".encode())
        return VERSION + nonce + ct

    def decrypt(self, blob: bytes, table: str, column: str, row_id: str) -> str:
        if not blob or blob[:1] != VERSION:
            raise TamperedData(Msg("{where} of one row has an unknown ciphertext format",
                                   where=f"{table}.{column}"))
        nonce, ct = blob[1 : 1 + NONCE_LEN], blob[1 + NONCE_LEN :]
        try:
            pt = self._aead.decrypt(nonce, ct, aad(table, column, row_id, self.key_id))
        except InvalidTag:
            raise TamperedData(Msg(
                "{where} of one row failed its integrity check (altered, moved between rows, "
                "or the wrong key)", where=f"{table}.{column}")) from None
        return pt.decode()


def wrap_key(master: bytes, key: bytes, label: str) -> bytes:
    nonce = os.urandom(NONCE_LEN)
    return nonce + AESGCM(master).encrypt(nonce, key, label.encode())


def unwrap_key(master: bytes, wrapped: bytes, label: str) -> bytes:
    try:
        return AESGCM(master).decrypt(wrapped[:NONCE_LEN], wrapped[NONCE_LEN:], label.encode())
    except InvalidTag:
        raise TamperedData(Msg(
            "the master key does not open this database's keys (wrong key or damaged key table)"
        )) from None


class BlindIndex:
    """HMAC-SHA256 of a normalised value, truncated: equality search without plaintext."""

    __slots__ = ("_keyed",)

    def __init__(self, key: bytes) -> None:
        # Keyed once; each value copies it (cheaper than OpenSSL's one-shot HMAC, which
        # sets the key up again; a booking indexes two phones). The same bytes.
        self._keyed = hmac.new(key, digestmod="sha256")

    def __call__(self, normalised: str) -> bytes:
        h = self._keyed.copy()
        h.update(normalised.encode())
        return h.digest()[:INDEX_LEN]


def new_key() -> bytes:
    return os.urandom(32)
