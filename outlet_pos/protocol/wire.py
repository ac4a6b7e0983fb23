"""The sync wire format both ends share: request signatures, batches, signed tariffs.

Every request after enrollment is signed by the device's Ed25519 key over
``METHOD \\n PATH?QUERY \\n TIMESTAMP \\n NONCE \\n SHA-256(body as sent)``;
the server keeps each nonce for the replay window, so a captured request cannot
be sent again, and refuses timestamps outside the tolerated clock skew.

Tariffs are signed by the server's own Ed25519 key over the SHA-256 of the
whole table in canonical JSON. A download may be a delta against the outlet's
version; the outlet applies it and checks the signature on the result, so a
tampered delta, a tampered header or a lost piece all fail the same check.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import secrets
from copy import deepcopy
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nacl.exceptions import CryptoError

if TYPE_CHECKING:
    from nacl.signing import VerifyKey

API = "/v1"
H_DEVICE, H_TIME, H_NONCE, H_SIG = "X-Device", "X-Timestamp", "X-Nonce", "X-Signature"
H_SERVER_TIME, H_SKEW = "X-Server-Time", "X-Clock-Skew"
SIGNING_DOC = (
    "Every request after enrollment carries X-Device (the device id from /v1/enroll), "
    "X-Timestamp (Unix seconds), X-Nonce (random, at most 32 characters, never reused) and "
    "X-Signature: base64url Ed25519 signature, by the key enrolled for the device, of "
    "METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body as sent)). "
    "Timestamps more than 300 s off the server's clock are refused (code clock_skew; "
    "X-Server-Time tells the right time), a nonce seen before is refused (409, replay).")
MAX_SKEW_S = 300  # requests up to 5 minutes off the server's clock are accepted
MAX_BODY = 64 * 1024 * 1024  # decompressed batch limit (a gzip bomb stops here)
MAX_BATCH = 1000

RESULT_APPLIED, RESULT_DUPLICATE, RESULT_REJECTED = "applied", "duplicate", "rejected"


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical(obj: Any) -> bytes:
    """One byte string per JSON value: sorted keys, no spaces, UTF-8.

    orjson writes the same bytes as ``json.dumps(ensure_ascii=False, sort_keys=True,
    separators=(",", ":"))``, several times faster (hashing bodies is the server's
    main cost when a backlog drains)."""
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)


def body_hash(obj: Any) -> str:
    return hashlib.sha256(canonical(obj)).hexdigest()


# ---------------------------------------------------------------- device keys

def new_device_key() -> bytes:
    """A fresh Ed25519 private key as its 32-byte seed."""
    return secrets.token_bytes(32)


def public_key_of(seed: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw())


def signing_string(method: str, path_query: str, timestamp: str, nonce: str,
                   body: bytes) -> bytes:
    return "\n".join([method.upper(), path_query, timestamp, nonce,
                      hashlib.sha256(body).hexdigest()]).encode()


def sign_headers(seed: bytes, device_id: str, method: str, path_query: str, body: bytes,
                 timestamp: int) -> dict[str, str]:
    nonce = b64(secrets.token_bytes(16))
    ts = str(timestamp)
    sig = Ed25519PrivateKey.from_private_bytes(seed).sign(
        signing_string(method, path_query, ts, nonce, body))
    return {H_DEVICE: device_id, H_TIME: ts, H_NONCE: nonce, H_SIG: b64(sig)}


def reenroll_message(old_device_id: str, new_public_key: str) -> bytes:
    """What a PC enrolling again signs with its old key: proof that the new key belongs to
    the same database, so its waybill series goes on under the same terminal number."""
    return f"outlet-pos re-enroll\n{old_device_id}\n{new_public_key}".encode()


def sign_reenroll(old_seed: bytes, old_device_id: str, new_public_key: str) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(old_seed).sign(
        reenroll_message(old_device_id, new_public_key)))


@lru_cache(maxsize=32_768)  # a fleet's terminals: its keys stay loaded
def _public_key(public_key: str) -> VerifyKey:
    # decoding a key costs about a third of verifying with it, and every upload verified its
    # device's. Imported here: loading libsodium takes 11 ms, which the counter window's
    # start-up would pay for a check it makes only when a tariff arrives.
    from nacl.signing import VerifyKey

    return VerifyKey(unb64(public_key))


def verify_signature(public_key: str, signature: str, message: bytes) -> bool:
    """Ed25519, checked by libsodium (PyNaCl): 68 us a check here against OpenSSL's 124 us
    (cryptography), and every upload the central server takes pays one. libsodium is also
    the stricter of the two: it refuses non-canonical signatures and small-order keys."""
    try:
        _public_key(public_key).verify(message, unb64(signature))
        return True
    except (CryptoError, ValueError, TypeError):
        return False


# ---------------------------------------------------------------- batches

def encode_batch(batch: dict[str, Any]) -> bytes:
    """The upload body: JSON, gzip-compressed at the fastest level (still ~4× smaller).

    Not canonical: the server hashes each event body itself, in canonical form."""
    return gzip.compress(orjson.dumps(batch), compresslevel=1, mtime=0)


def decompress_body(raw: bytes, encoding: str | None) -> bytes:
    """A request body as sent, gunzipped when it says so. ValueError when malformed."""
    if encoding == "gzip":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
                raw = f.read(MAX_BODY + 1)
        except (OSError, EOFError) as e:
            raise ValueError(f"body is not valid gzip: {e}") from None
        if len(raw) > MAX_BODY:
            raise ValueError("body is larger than the limit when decompressed")
    elif encoding not in (None, "", "identity"):
        raise ValueError(f"unsupported Content-Encoding {encoding}")
    return raw


# ---------------------------------------------------------------- signed tariffs

def tariff_digest(table: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(table)).hexdigest()


def _tariff_message(version: str, digest: str) -> bytes:
    return f"outlet-pos-tariff\n{version}\n{digest}".encode()


def sign_tariff(server_seed: bytes, table: dict[str, Any]) -> str:
    key = Ed25519PrivateKey.from_private_bytes(server_seed)
    return b64(key.sign(_tariff_message(str(table["version"]), tariff_digest(table))))


def tariff_is_signed(server_public_key: str, table: dict[str, Any], signature: str) -> bool:
    return verify_signature(server_public_key, signature,
                            _tariff_message(str(table.get("version")), tariff_digest(table)))


def tariff_delta(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What turns ``old`` into ``new``: the header whole, only the changed rate rows."""
    old_rates, new_rates = old.get("rates", {}), new["rates"]
    return {
        "header": {k: v for k, v in new.items() if k != "rates"},
        "rates_set": {d: row for d, row in new_rates.items() if old_rates.get(d) != row},
        "rates_removed": sorted(set(old_rates) - set(new_rates)),
    }


def apply_tariff_delta(old: dict[str, Any], delta: dict[str, Any]) -> dict[str, Any]:
    rates = deepcopy(old.get("rates", {}))
    for d in delta.get("rates_removed", []):
        rates.pop(d, None)
    rates.update(delta.get("rates_set", {}))
    return {**delta["header"], "rates": rates}
