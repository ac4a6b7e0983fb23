"""Outlets, one-time enrollment codes, device credentials and request authentication.

One terminal number is one waybill series, and a series belongs to one outlet database:
so a terminal number never passes to another PC. An enrolling PC that proves it is the
database behind an earlier device (``replaces``, signed with that device's key) keeps its
terminal; any other PC gets a number no device of the outlet ever held. A PC that asks for
a terminal an active device holds replaces that device (a technician replacing a dead PC):
the old device is revoked in the same transaction, so an outlet never has two active
devices for one terminal, and the old PC refuses to book once it hears so.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from ..domain.waybill import MAX_TERMINAL
from ..protocol import wire
from .db import Clock, iso, pg_rows, run_sql
from .models import Device, EnrollmentCode, Outlet, ServicePoint

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over a phone
CODE_TTL = timedelta(days=14)
_o, _c, _d, _sp = (Outlet.__table__, EnrollmentCode.__table__, Device.__table__,
                   ServicePoint.__table__)


class AuthError(Exception):
    """A request the server will not serve; ``code`` is machine-readable for the client."""

    def __init__(self, code: str, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


@dataclass(frozen=True)
class DeviceRow:
    id: str
    outlet: int
    terminal: int
    status: str


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().upper().encode()).hexdigest()


def new_code(outlet: int) -> str:
    """``1201-ABCD-EFGH-JKLM-NPQR``: the code names its outlet, so the PC can refuse another
    outlet's code before it asks the server anything (the number is part of the hash)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join([str(outlet), *(raw[i:i + 4] for i in range(0, 16, 4))])


def next_revision(conn: Any) -> int:
    return int(conn.execute(select(func.coalesce(func.max(_sp.c.revision), 0))).scalar()) + 1


def add_outlet(engine: Engine, clock: Clock, number: int, name: str,
               origin_district: str | None = None, timezone: str = "Asia/Jakarta",
               address: str = "") -> str:
    """Create (or rename) an outlet and return a fresh one-time enrollment code."""
    now = clock()
    code = new_code(number)
    with engine.begin() as conn:
        if conn.execute(select(_o.c.number).where(_o.c.number == number)).first():
            conn.execute(update(_o).where(_o.c.number == number).values(name=name))
        else:
            conn.execute(insert(_o).values(number=number, name=name, timezone=timezone,
                                           origin_district=origin_district, created_at=iso(now)))
        sp_code = f"OUTLET-{number}"
        values = dict(kind="outlet", name=name, address=address, district_code=origin_district,
                      active=1, revision=next_revision(conn))
        if conn.execute(select(_sp.c.code).where(_sp.c.code == sp_code)).first():
            conn.execute(update(_sp).where(_sp.c.code == sp_code).values(**values))
        else:
            conn.execute(insert(_sp).values(code=sp_code, **values))
        conn.execute(insert(_c).values(code_hash=_hash_code(code), outlet=number,
                                       created_at=iso(now), expires_at=iso(now + CODE_TTL)))
    return code


def _register(conn: Any, now: str, outlet: int, terminal: int, public_key: str) -> str:
    device_id = str(uuid.uuid4())
    conn.execute(insert(_d).values(id=device_id, outlet=outlet, terminal=terminal,
                                   public_key=public_key, status="active", enrolled_at=now))
    return device_id


def _terminal_for(conn: Any, outlet: int, wanted: int | None,
                  previous: Any | None) -> tuple[int, list[str]]:
    """The terminal an enrolling device gets, and the active devices it replaces.

    The database behind ``previous`` (proven by its key) keeps that device's terminal. Any
    other PC gets ``wanted`` only if no device of the outlet ever held it (a revoked PC's
    bookings may still be on their way), else the lowest number never held."""
    rows = conn.execute(select(_d.c.id, _d.c.terminal, _d.c.status)
                        .where(_d.c.outlet == outlet)).all()
    terminal = previous.terminal if previous is not None else wanted
    if terminal is None or (previous is None and terminal in {r.terminal for r in rows}):
        used = {r.terminal for r in rows}
        terminal = next((n for n in range(1, MAX_TERMINAL + 1) if n not in used), None)
        if terminal is None:
            raise AuthError("no_terminal", f"outlet {outlet} has no terminal number left", 422)
    target = previous.terminal if previous is not None else wanted
    replaced = [r.id for r in rows if r.status == "active" and r.terminal == target]
    return terminal, replaced


def _proven(conn: Any, outlet: int, replaces: str | None, signature: str | None,
            public_key: str) -> Any | None:
    """The earlier device of this outlet whose key signed the new one, else None (an
    unknown id or a bad signature is only a PC without proof)."""
    if not (replaces and signature):
        return None
    dev = conn.execute(select(_d).where(_d.c.id == replaces, _d.c.outlet == outlet)).first()
    if dev is None or not wire.verify_signature(
            dev.public_key, signature, wire.reenroll_message(replaces, public_key)):
        return None
    return dev


def enroll(engine: Engine, clock: Clock, code: str, terminal: int | None, public_key: str,
           origin_district: str | None, *, outlet: int | None = None,
           replaces: str | None = None, replaces_signature: str | None = None
           ) -> dict[str, Any]:
    """Exchange a one-time code for a device id bound to the caller's public key; the
    server decides its terminal number (``_terminal_for``). ``outlet`` is the outlet the
    PC is set up for: another outlet's code is refused and stays unused."""
    now = clock()
    try:
        if len(wire.unb64(public_key)) != 32:
            raise ValueError
    except ValueError:
        raise AuthError("bad_key", "public_key must be an Ed25519 key (32 bytes, base64url)",
                        422) from None
    with engine.begin() as conn:
        row = conn.execute(select(_c).where(_c.c.code_hash == _hash_code(code))).first()
        if row is None:
            raise AuthError("bad_code", "enrollment code is not valid", 403)
        if outlet is not None and outlet != row.outlet:
            raise AuthError("wrong_outlet", f"this enrollment code is for outlet {row.outlet}, "
                            f"not outlet {outlet}; nothing was changed", 422)
        if row.used_at is not None:
            raise AuthError("code_used", "enrollment code was already used; ask for a new one",
                            403)
        if row.expires_at < iso(now):
            raise AuthError("code_expired", "enrollment code has expired; ask for a new one",
                            403)
        # Lock the outlet's row first: two PCs enrolling at once must not both see one
        # terminal number free (PostgreSQL row lock; SQLite's write lock).
        conn.execute(update(_o).where(_o.c.number == row.outlet).values(name=_o.c.name))
        previous = _proven(conn, row.outlet, replaces, replaces_signature, public_key)
        terminal, replaced = _terminal_for(conn, row.outlet, terminal, previous)
        if replaced:
            conn.execute(update(_d).where(_d.c.id.in_(replaced))
                         .values(status="revoked", revoked_at=iso(now)))
        device_id = _register(conn, iso(now), row.outlet, terminal, public_key)
        done = conn.execute(update(_c).where(_c.c.code_hash == row.code_hash,
                                             _c.c.used_at.is_(None))
                            .values(used_at=iso(now), device_id=device_id))
        if done.rowcount != 1:  # another instance used it a moment ago
            raise AuthError("code_used", "enrollment code was already used", 403)
        if origin_district:
            conn.execute(update(_o).where(_o.c.number == row.outlet,
                                          _o.c.origin_district.is_(None))
                         .values(origin_district=origin_district))
        info = conn.execute(select(_o).where(_o.c.number == row.outlet)).one()
    return {"device_id": device_id, "outlet": info.number, "outlet_name": info.name,
            "terminal": terminal, "replaced": replaced}


def provision(engine: Engine, clock: Clock, outlet: int, terminal: int) -> dict[str, Any]:
    """Credentials made on the server for an outlet with no network at install. The head
    office names the terminal; an active device holding it is revoked (one per terminal)."""
    seed = wire.new_device_key()
    with engine.begin() as conn:
        row = conn.execute(select(_o).where(_o.c.number == outlet)).first()
        if row is None:
            raise AuthError("no_outlet", f"outlet {outlet} does not exist; add it first", 404)
        now = iso(clock())
        conn.execute(update(_d).where(_d.c.outlet == outlet, _d.c.terminal == terminal,
                                      _d.c.status == "active")
                     .values(status="revoked", revoked_at=now))
        device_id = _register(conn, now, outlet, terminal, wire.public_key_of(seed))
    return {"device_id": device_id, "outlet": outlet, "outlet_name": row.name,
            "terminal": terminal, "device_key": wire.b64(seed)}


def revoke(engine: Engine, clock: Clock, device_id: str) -> bool:
    with engine.begin() as conn:
        return conn.execute(update(_d).where(_d.c.id == device_id)
                            .values(status="revoked", revoked_at=iso(clock()))).rowcount == 1


def known_device(engine: Engine, device_id: str) -> None:
    """AuthError unless ``device_id`` was ever enrolled: checked before a body is read, so
    a stranger with made-up signature headers cannot make the server read one either."""
    with engine.connect() as conn:
        if len(device_id) > 64 or conn.execute(
                select(_d.c.id).where(_d.c.id == device_id)).first() is None:
            raise AuthError("bad_signature", "device credential or signature is not valid")


@dataclass(frozen=True)
class Signed:
    """A request whose signature checked out: what admitting it needs (its nonce, time)."""

    device: DeviceRow  # status as of the key look-up: ``admit`` reads the current one
    ts: int
    nonce: str
    skew: int
    now: datetime


# Fixed driver SQL (db.run_sql): a request pays no statement compile. The device's status
# comes back from the update that records it was seen, and a nonce seen before inserts
# nothing, so neither needs a statement (or a savepoint) of its own.
_SEEN = ("UPDATE devices SET last_seen = :now, last_skew_s = :skew WHERE id = :id "
         "RETURNING status")
_NONCE = ("INSERT INTO nonces (device_id, nonce, ts) VALUES (:id, :nonce, :ts) "
          "ON CONFLICT DO NOTHING")
# PostgreSQL, psycopg's placeholders (db.pg_rows): the nonce stored unless seen, the device
# marked seen, and one row (3, status, 1 if the nonce was new) to put in front of another
# select by UNION ALL (lookups.look_up), or alone.
ADMIT_PG_CTES = (
    "n AS (INSERT INTO nonces (device_id, nonce, ts) VALUES (%(id)s, %(nonce)s, %(ts)s) "
    "ON CONFLICT DO NOTHING RETURNING 1), "
    "d AS (UPDATE devices SET last_seen = %(now)s, last_skew_s = %(skew)s WHERE id = %(id)s "
    "RETURNING status)")
ADMIT_PG_SELECT = "SELECT 3, status::TEXT, (SELECT count(*) FROM n)::TEXT FROM d"
_FORGET = "DELETE FROM nonces WHERE ts < :before"
_KEY = "SELECT public_key, outlet, terminal, status FROM devices WHERE id = :id"


class Authenticator:
    """Request signatures, in two steps so an upload needs one transaction, not two.

    ``check`` verifies the signature and the time with no transaction: a device's key,
    outlet and terminal never change once enrolled, so they are kept in memory (its
    status is not: it is read in ``admit``). ``admit`` runs inside the caller's
    transaction: the device must still be active and the nonce new; it raises AuthError
    and the caller's transaction rolls back."""

    MAX_KEYS = 100_000  # a fleet of 8,000 outlets with a few terminals each fits

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine, self._clock = engine, clock
        self._keys: dict[str, tuple[str, int, int]] = {}

    def _key(self, device_id: str) -> tuple[str, DeviceRow] | None:
        known = self._keys.get(device_id)
        if known is not None:
            key, outlet, terminal = known
            return key, DeviceRow(device_id, outlet, terminal, "active")
        if len(device_id) > 64:
            return None
        with self._engine.connect() as conn:
            row: Any = run_sql(conn, _KEY, {"id": device_id}).first()
        if row is None:
            return None
        if len(self._keys) < self.MAX_KEYS:
            self._keys[device_id] = (row[0], row[1], row[2])
        return row[0], DeviceRow(device_id, row[1], row[2], row[3])

    def check(self, headers: Any, method: str, path_query: str, body: bytes) -> Signed:
        """The request's signature and time are good; else AuthError. No transaction."""
        device_id, ts, nonce, sig = (headers.get(h) for h in
                                     (wire.H_DEVICE, wire.H_TIME, wire.H_NONCE, wire.H_SIG))
        if not (device_id and ts and nonce and sig):
            raise AuthError("unsigned", "request is not signed by an enrolled device")
        now = self._clock()
        try:
            skew = int(ts) - int(now.timestamp())
        except ValueError:
            raise AuthError("bad_timestamp", "X-Timestamp must be Unix seconds") from None
        if abs(skew) > wire.MAX_SKEW_S:
            raise AuthError("clock_skew", f"device clock is {skew:+d} s off the server's "
                            f"(tolerance {wire.MAX_SKEW_S} s); set the outlet PC's clock")
        if len(nonce) > 32:
            raise AuthError("bad_nonce", "X-Nonce is too long")
        found = self._key(device_id)
        if found is None or not wire.verify_signature(
                found[0], sig, wire.signing_string(method, path_query, ts, nonce, body)):
            raise AuthError("bad_signature", "device credential or signature is not valid")
        return Signed(found[1], int(ts), nonce, skew, now)

    @staticmethod
    def seen(signed: Signed) -> dict[str, Any]:
        """The parameters of the statement that admits ``signed`` (``ADMIT_PG``)."""
        return {"now": iso(signed.now), "skew": signed.skew, "id": signed.device.id,
                "nonce": signed.nonce, "ts": signed.ts}

    @staticmethod
    def admit(conn: Any, signed: Signed) -> DeviceRow:
        """In the caller's transaction: the device is active, the nonce new (AuthError if
        not), and the device is marked seen. (A batch on PostgreSQL runs ``ADMIT_PG`` with
        its look-up instead, ``lookups.look_up``, and hands its answer to ``admitted``.)"""
        seen = Authenticator.seen(signed)
        if conn.dialect.name == "postgresql":  # both in one round trip
            rows = pg_rows(conn, f"WITH {ADMIT_PG_CTES} {ADMIT_PG_SELECT}", seen)
            return Authenticator.admitted(conn, signed, *(rows[0][1:] if rows else (None, 0)))
        return Authenticator.admitted(conn, signed, run_sql(conn, _SEEN, seen).scalar())

    @staticmethod
    def admitted(conn: Any, signed: Signed, status: str | None,
                 fresh: int | str | None = None) -> DeviceRow:
        """The device as admitted, given its status as the statement that marked it seen
        read it and whether that statement stored the nonce (``fresh``: 1, or None when
        it is yet to be stored); AuthError (the transaction rolls back) if not."""
        if status != "active":  # revoked before replay, as ever
            raise AuthError("revoked", "this device was revoked; enroll it again", 403)
        if fresh is None:
            fresh = run_sql(conn, _NONCE, Authenticator.seen(signed)).rowcount
        if int(fresh) != 1:
            raise AuthError("replay", "this request was already received (replay)")
        if secrets.randbelow(200) == 0:  # now and then, forget nonces past the window
            run_sql(conn, _FORGET, {"before": int(signed.now.timestamp())
                                    - 2 * wire.MAX_SKEW_S})
        dev = signed.device
        return DeviceRow(dev.id, dev.outlet, dev.terminal, "active")

    def admit_alone(self, signed: Signed) -> DeviceRow:
        """``admit`` in a transaction of its own (a request that stores nothing else)."""
        with self._engine.begin() as conn:
            return self.admit(conn, signed)

    def authenticate(self, headers: Any, method: str, path_query: str,
                     body: bytes) -> tuple[DeviceRow, int]:
        """The device that signed this request, and its clock skew in seconds; else
        AuthError. The nonce is recorded in a transaction of its own."""
        signed = self.check(headers, method, path_query, body)
        return self.admit_alone(signed), signed.skew


def authenticate(engine: Engine, clock: Clock, headers: Any, method: str, path_query: str,
                 body: bytes) -> tuple[DeviceRow, int]:
    """The device that signed this request, and its clock skew in seconds; else AuthError."""
    return Authenticator(engine, clock).authenticate(headers, method, path_query, body)
