"""The server's own keys: the tariff signing key, the master secret (``data_key``) and the
pre-booking signing key (``prebooking_seed``, signs the QRs of the app's bookings).

The master secret wraps the per-month data keys that seal personal fields and typed
text (``keyring``); it is never used to seal anything new itself.

They live in one JSON file (mode 0600) that every instance behind the load
balancer reads, named by ``--secrets`` or ``OUTLET_POS_CENTRAL_SECRETS``; for a
SQLite database the default is ``<database>.secrets`` beside it. The file is
created with fresh keys the first time an admin command or the server needs it.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.engine import make_url

from ..domain.errors import AppError
from ..protocol.wire import b64, public_key_of, unb64


class SecretsError(AppError):
    """The server's secrets file is missing, unreadable or does not open its data."""


@dataclass(frozen=True)
class ServerSecrets:
    signing_seed: bytes  # Ed25519: signs tariffs
    data_key: bytes  # the master secret: wraps the per-month data keys (keyring.py)
    # Ed25519: signs pre-booking QRs (protocol.prebooking). A file from before it has none:
    # then it is derived from data_key, so every instance reading that file signs alike
    prebooking_seed: bytes = b""

    @property
    def prebooking_key(self) -> Ed25519PrivateKey:
        seed = self.prebooking_seed or HKDF(
            SHA256(), 32, salt=None, info=b"outlet-pos prebooking signing key v1"
        ).derive(self.data_key)
        return Ed25519PrivateKey.from_private_bytes(seed)

    @property
    def tariff_public_key(self) -> str:
        return public_key_of(self.signing_seed)

    def open(self, blob: bytes, aad: str) -> bytes:
        """A version-1 blob, sealed with this key itself before per-month keys (``keyring``)
        existed; nothing new is sealed so."""
        try:
            return AESGCM(self.data_key).decrypt(blob[1:13], blob[13:], aad.encode())
        except InvalidTag:
            raise SecretsError(f"ciphertext of {aad.split('/')[0]} failed authentication; "
                               "it was altered or the secrets file is not this server's") \
                from None


def default_path(db_url: str) -> Path | None:
    env = os.environ.get("OUTLET_POS_CENTRAL_SECRETS")
    if env:
        return Path(env)
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database) + ".secrets")
    return None


def load_or_create(path: Path | None) -> ServerSecrets:
    if path is None:
        raise SecretsError("this database needs a secrets file: pass --secrets FILE or set "
                           "OUTLET_POS_CENTRAL_SECRETS (the same file on every instance)")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = {"signing_seed": b64(secrets.token_bytes(32)),
                 "data_key": b64(secrets.token_bytes(32)),
                 "prebooking_seed": b64(secrets.token_bytes(32))}
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(fresh, f)
    try:
        d = json.loads(path.read_text())
        s = ServerSecrets(unb64(d["signing_seed"]), unb64(d["data_key"]),
                          unb64(d.get("prebooking_seed", "")))
    except (OSError, ValueError, KeyError) as e:
        raise SecretsError(f"{path} is not a readable secrets file ({type(e).__name__}); "
                           "restore it from the server's backup") from None
    if len(s.signing_seed) != 32 or len(s.data_key) != 32 or \
            len(s.prebooking_seed) not in (0, 32):
        raise SecretsError(f"{path} holds keys of the wrong length; restore it from backup")
    return s
