"""Password hashing with Argon2id (``cryptography``), stored as a PHC string.

Parameters follow OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane);
they are stored with each hash so they can be raised later without a reset.
"""

from __future__ import annotations

import base64
import hmac
import os

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MEMORY_KIB = 19 * 1024
ITERATIONS = 2
LANES = 1
SALT_LEN = 16
HASH_LEN = 32


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode().rstrip("=")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s + "=" * (-len(s) % 4))


def _derive(password: str, salt: bytes, m: int, t: int, p: int, length: int) -> bytes:
    kdf = Argon2id(salt=salt, length=length, iterations=t, lanes=p, memory_cost=m)
    return kdf.derive(password.encode())


def hash_password(password: str) -> str:
    salt = os.urandom(SALT_LEN)
    digest = _derive(password, salt, MEMORY_KIB, ITERATIONS, LANES, HASH_LEN)
    return f"$argon2id$v=19$m={MEMORY_KIB},t={ITERATIONS},p={LANES}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        _, alg, _version, params, salt_s, hash_s = encoded.split("$")
        if alg != "argon2id":
            return False
        p = dict(kv.split("=") for kv in params.split(","))
        salt, expected = _unb64(salt_s), _unb64(hash_s)
        actual = _derive(password, salt, int(p["m"]), int(p["t"]), int(p["p"]), len(expected))
    except (ValueError, KeyError):
        return False
    return hmac.compare_digest(actual, expected)


class Argon2Hasher:
    """The PasswordHasher port the services use."""

    def hash(self, password: str) -> str:
        return hash_password(password)

    def verify(self, password: str, encoded: str) -> bool:
        return verify_password(password, encoded)

    def dummy_hash(self) -> str:
        """A hash of nothing with today's parameters: verifying against it costs a real verify."""
        return (f"$argon2id$v=19$m={MEMORY_KIB},t={ITERATIONS},p={LANES}$"
                f"{_b64(os.urandom(SALT_LEN))}${_b64(os.urandom(HASH_LEN))}")
