"""The server's per-month data keys: sealing, opening, rotating and destroying them.

Every ciphertext the server stores is sealed under the data key of one month (the
shipment's or closing's business date): ``b"\\x02" + key id (4 bytes) + nonce + AES-GCM``,
with the table and row as associated data. Data keys live in ``data_keys``, wrapped by a
key derived (HKDF) from the secrets file's ``data_key``, the master secret. Destroying a
month's keys (retention) makes everything sealed under them unreadable, in backups too.

Blobs of version 1 were sealed with the master secret itself, before period keys; they
still open, and ``reseal`` moves them under period keys so they can be shredded.

A ``Sealer``/``Opener`` lives for one transaction: a key created in a transaction that
rolls back must never be used afterwards, so nothing is cached across transactions.
"""

from __future__ import annotations

import base64
import re
import secrets
from datetime import date, datetime
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import func, insert, select, update

from .db import iso, run_sql
from .models import DataKey
from .secrets_file import SecretsError, ServerSecrets

_k = DataKey.__table__
V_LEGACY, V_PERIOD = 1, 2
PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
ACTIVE, RETIRED, DESTROYED = "active", "retired", "destroyed"
SEALED_TEXT = "sealed:"
# Driver SQL (db.run_sql): every upload's transaction asks it once, and building and
# compiling the statement cost more than running it.
_NEWEST = ("SELECT id, generation, state, wrapped FROM data_keys WHERE period = :period "
           "ORDER BY generation DESC LIMIT 1")


def period_of(day: str) -> str:
    """``2026-11-25`` (or a time stamp) → ``2026-11``; ValueError for anything else."""
    period = str(day)[:7]
    if PERIOD_RE.match(period):
        return period
    for parse in (date.fromisoformat, datetime.fromisoformat):  # rows from before the check
        try:
            d = parse(str(day))
        except ValueError:
            continue
        return f"{d.year:04d}-{d.month:02d}"
    raise ValueError(f"{day!r} does not start with a YYYY-MM month")


def month_back(now: datetime, months: int) -> str:
    """The month ``months`` before ``now``'s, as YYYY-MM."""
    y, m = divmod(now.year * 12 + now.month - 1 - months, 12)
    return f"{y:04d}-{m + 1:02d}"


def seal_text(seal: Sealer, day: str, value: str, aad: str) -> str | None:
    """A text column's sealed form (``sealed:`` + base64), None once the month is shredded."""
    blob = seal.seal(day, value.encode(), aad)
    return None if blob is None else SEALED_TEXT + base64.b64encode(blob).decode()


def open_text(opener: Opener, value: str | None, aad: str) -> str | None:
    """The text of a column ``seal_text`` wrote; a value written before sealing as it is."""
    if value is None or not value.startswith(SEALED_TEXT):
        return value
    raw = opener.open(base64.b64decode(value[len(SEALED_TEXT):]), aad)
    return None if raw is None else raw.decode()


def key_id_of(blob: bytes | None) -> int | None:
    if not blob or blob[0] != V_PERIOD:
        return None
    return int.from_bytes(blob[1:5], "big")


class Keyring:
    def __init__(self, master: ServerSecrets) -> None:
        self._master = master
        self._wrap = AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                                 info=b"outlet-pos-central/data-key-wrap/v1")
                            .derive(master.data_key))

    def wrap(self, key: bytes, period: str, generation: int) -> bytes:
        nonce = secrets.token_bytes(12)
        return nonce + self._wrap.encrypt(nonce, key, f"data_keys/{period}/{generation}".encode())

    def unwrap(self, wrapped: bytes, period: str, generation: int) -> AESGCM:
        try:
            return AESGCM(self._wrap.decrypt(wrapped[:12], wrapped[12:],
                                             f"data_keys/{period}/{generation}".encode()))
        except InvalidTag:
            raise SecretsError(f"the data key of {period} failed authentication; it was "
                               "altered or the secrets file is not this server's") from None

    def sealer(self, conn: Any, now: datetime,
               newest: dict[str, Any] | None = None) -> Sealer:
        return Sealer(self, conn, iso(now), newest)

    def opener(self, conn: Any) -> Opener:
        return Opener(self, conn)

    def open_legacy(self, blob: bytes, aad: str) -> bytes:
        return self._master.open(blob, aad)

    def rotate(self, conn: Any, now: datetime, period: str | None = None) -> list[str]:
        """A new active key for ``period``, or for every month that has a live key (the
        current month when none has); the keys before stay, retired, and still decrypt."""
        if period is not None:
            periods = [period_of(period)]
        else:
            live = conn.execute(select(_k.c.period).where(_k.c.state != DESTROYED)
                                .distinct()).scalars().all()
            periods = sorted(live) or [now.strftime("%Y-%m")]
        done = []
        for p in periods:
            if is_expired(conn, p):
                raise ValueError(f"the keys of {p} were destroyed by retention; nothing there "
                                 "to rotate")
            conn.execute(update(_k).where(_k.c.period == p, _k.c.state == ACTIVE)
                         .values(state=RETIRED))
            new_key(self, conn, p, iso(now))
            done.append(p)
        return done


def is_expired(conn: Any, period: str) -> bool:
    """True when retention has already shredded ``period`` (or a later month)."""
    horizon = conn.execute(select(func.max(_k.c.period))
                           .where(_k.c.state == DESTROYED)).scalar()
    return horizon is not None and period <= horizon


def new_key(ring: Keyring, conn: Any, period: str, now: str) -> tuple[int, AESGCM]:
    top = conn.execute(select(func.max(_k.c.generation))
                       .where(_k.c.period == period)).scalar() or 0
    key = AESGCM.generate_key(bit_length=256)
    result = conn.execute(insert(_k).values(period=period, generation=top + 1, state=ACTIVE,
                                            wrapped=ring.wrap(key, period, top + 1),
                                            created_at=now, destroyed_at=None))
    return int(result.inserted_primary_key[0]), AESGCM(key)


class Sealer:
    """Seals under the active key of a month, creating it on first use (one transaction)."""

    def __init__(self, ring: Keyring, conn: Any, now: str,
                 newest: dict[str, Any] | None = None) -> None:
        self._ring, self._conn, self._now = ring, conn, now
        self._keys: dict[str, tuple[int, AESGCM] | None] = {}
        # period -> its newest key row (or None: no key yet), read by the caller in this
        # transaction with a statement of its own (ingest's look-up): one round trip less
        self._newest = newest or {}

    def _key(self, period: str) -> tuple[int, AESGCM] | None:
        if period not in self._keys:
            row = (self._newest[period] if period in self._newest else
                   run_sql(self._conn, _NEWEST, {"period": period}).first())
            if row is not None and row.state != DESTROYED:
                self._keys[period] = (row.id, self._ring.unwrap(row.wrapped, period,
                                                                 row.generation))
            elif row is None and not is_expired(self._conn, period):
                self._keys[period] = new_key(self._ring, self._conn, period, self._now)
            else:
                self._keys[period] = None
        return self._keys[period]

    def seal(self, day: str, plaintext: bytes, aad: str) -> bytes | None:
        """The ciphertext, or None when ``day``'s month was already shredded: data that
        arrives after its retention period is not kept at all."""
        key = self._key(period_of(day))
        if key is None:
            return None
        key_id, aead = key
        nonce = secrets.token_bytes(12)
        return (bytes([V_PERIOD]) + key_id.to_bytes(4, "big") + nonce
                + aead.encrypt(nonce, plaintext, aad.encode()))


class Opener:
    """Opens blobs of either version; None for a blob whose key was destroyed (shredded)."""

    def __init__(self, ring: Keyring, conn: Any) -> None:
        self._ring, self._conn = ring, conn
        self._keys: dict[int, AESGCM | None] = {}

    def _key(self, key_id: int) -> AESGCM | None:
        if key_id not in self._keys:
            row = self._conn.execute(select(_k.c.period, _k.c.generation, _k.c.state,
                                            _k.c.wrapped).where(_k.c.id == key_id)).first()
            self._keys[key_id] = (None if row is None or row.wrapped is None else
                                  self._ring.unwrap(row.wrapped, row.period, row.generation))
        return self._keys[key_id]

    def open(self, blob: bytes | None, aad: str) -> bytes | None:
        if not blob:
            return None
        if blob[0] == V_LEGACY:
            return self._ring.open_legacy(blob, aad)
        if blob[0] != V_PERIOD or len(blob) < 5 + 12 + 16:
            raise SecretsError(f"ciphertext of {aad.split('/')[0]} has an unknown format")
        aead = self._key(int.from_bytes(blob[1:5], "big"))
        if aead is None:
            return None
        try:
            return aead.decrypt(blob[5:17], blob[17:], aad.encode())
        except InvalidTag:
            raise SecretsError(f"ciphertext of {aad.split('/')[0]} failed authentication; "
                               "it was altered or moved to another row") from None
