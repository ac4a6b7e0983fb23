"""The passphrase of a portable backup: scrypt, with parameters bounded before use.

New backups use OWASP's current guidance for scrypt, N = 2^17, r = 8, p = 1
(128 MiB, about 0.75 s on a two-core outlet PC). A backup's header is read before
anything in the file is authenticated — the key is needed to check it — so its
parameters are an attacker's to choose: an edited header asking for N = 2^22
took 4 GiB and 40 s, or died of memory. They are checked against a fixed range
first; backups made with the earlier N = 2^15 still restore. Any header field
used before the check (mode, salt, key fingerprint) is validated here too, so
a damaged header is a clear message, never a traceback.
"""

from __future__ import annotations

import base64
import binascii
import os
from typing import Any

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..domain.backup_records import BackupError
from ..i18n import Msg

SCRYPT = {"n": 2**17, "r": 8, "p": 1}  # OWASP Password Storage Cheat Sheet, 2024
MIN_LOG2_N, MAX_LOG2_N = 15, 18  # 2^15: backups before issue 16; 2^18: 256 MiB, ~1.5 s
MAX_R, MAX_P = 16, 4
MAX_MEMORY = 256 * 1024 * 1024  # scrypt needs 128 * N * r bytes
MAX_WORK = 2**MAX_LOG2_N * 8  # N * r * p: no more than the largest N at r = 8 costs
SALT_SIZES = range(16, 65)


def new_kdf() -> tuple[dict[str, Any], bytes]:
    """The header's ``kdf`` entry for a new backup, and its salt."""
    salt = os.urandom(16)
    return {"name": "scrypt", **SCRYPT, "salt": base64.b64encode(salt).decode()}, salt


def derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def checked_kdf(header: dict[str, Any], name: str) -> tuple[bytes, int, int, int]:
    """The salt, N, r and p of ``header``'s kdf, or BackupError if any is out of bounds."""
    kdf = header.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        raise BackupError(Msg("{file} is damaged (its header names no known key "
                              "derivation)", file=name))
    n, r, p = _int(kdf.get("n")), _int(kdf.get("r")), _int(kdf.get("p"))
    if (n is None or r is None or p is None or n & (n - 1)
            or not 2**MIN_LOG2_N <= n <= 2**MAX_LOG2_N or not 1 <= r <= MAX_R
            or not 1 <= p <= MAX_P or 128 * n * r > MAX_MEMORY or n * r * p > MAX_WORK):
        raise BackupError(Msg(
            "{file} asks for scrypt parameters outside what Outlet POS accepts (N a power of "
            "two from 2^{lo} to 2^{hi}, r at most {r}, p at most {p}, {mb} MB of memory): its "
            "header was altered or it was not made by Outlet POS. Nothing was restored",
            file=name, lo=MIN_LOG2_N, hi=MAX_LOG2_N, r=MAX_R, p=MAX_P,
            mb=MAX_MEMORY // (1024 * 1024)))
    try:
        salt = base64.b64decode(str(kdf.get("salt", "")), validate=True)
    except (binascii.Error, ValueError):
        salt = b""
    if len(salt) not in SALT_SIZES:
        raise BackupError(Msg("{file} is damaged (its header holds no usable salt)",
                              file=name))
    return salt, n, r, p
