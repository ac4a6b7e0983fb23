"""Operator accounts and fleet-page sessions: log-in, lock-out, expiry, the audit of it.

Operators are the courier's IT staff, not devices: a name and an Argon2id hash
(argon2-cffi). Everything a log-in needs lives in the database, so any number of
stateless server processes behind the load balancer agree on it:

- a session is a random token in the operator's cookie; ``operator_sessions`` keeps
  only its SHA-256. It ends after ``Policy.session_max`` (8 h) whatever happens, after
  ``Policy.idle`` without a request, at log-out, or when the operator is disabled;
- failed log-ins are counted in ``login_throttle`` per operator name from one address,
  per address and per operator name from anywhere, keyed by an HMAC (a key derived from
  the secrets file), so a mistyped name (perhaps a password typed in the wrong field) or
  an address is never stored. Past a limit that key is locked for ``Policy.lockout``; a
  locked attempt is refused before its password is checked and is not counted again.
  The name's own lock is per address (5) so that one stranger cannot lock an operator
  out from everywhere; the name's total (50) still bounds guessing from many addresses;
- every log-in, failed log-in, lock-out and log-out is a row of ``admin_audit`` (the
  table of the admin commands: who, when, what), with the client address sealed like a
  reason under the month's data key. A failure under an unknown name is recorded as
  operator ``?``. Refusals of a locked key are not recorded one by one (the lock is), so
  an attacker cannot grow the table faster than the limits allow.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets as pysecrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import admin_view
from .db import Clock, iso
from .models import LoginThrottle, Operator, OperatorSession
from .secrets_file import ServerSecrets

_o, _s, _t = Operator.__table__, OperatorSession.__table__, LoginThrottle.__table__
NAME_RE = re.compile(r"^[a-z][a-z0-9._-]{2,31}$")
MIN_PASSWORD, MAX_PASSWORD = 12, 1024
ACTIVE, DISABLED = "active", "disabled"
UNKNOWN = "?"
SCOPE = "fleet page"


class OperatorError(ValueError):
    """A bad name or password, or an operator that does not exist (the CLI's exit 2)."""


@dataclass(frozen=True)
class Policy:
    operator_failures: int = 5       # wrong passwords for one name from one address ...
    address_failures: int = 20       # ... or from one address for any names ...
    operator_total: int = 50         # ... or for one name from anywhere ...
    window: timedelta = timedelta(minutes=15)   # ... within this long lock it
    lockout: timedelta = timedelta(minutes=15)
    session_max: timedelta = timedelta(hours=8)
    idle: timedelta = timedelta(minutes=30)
    touch_every: timedelta = timedelta(seconds=60)  # last_seen is written at most this often


@dataclass(frozen=True)
class OperatorRow:
    name: str
    status: str
    created_at: str
    last_login_at: str | None


@dataclass(frozen=True)
class LoginResult:
    token: str | None = None          # the new session's cookie value when logged in
    retry_after_s: int | None = None  # when refused because a limit is reached

    @property
    def ok(self) -> bool:
        return self.token is not None


@dataclass(frozen=True)
class SessionRow:
    operator: str
    token_hash: str
    expires_at: str


def page_key(secrets: ServerSecrets, purpose: str) -> bytes:
    """A key for one use of the fleet page (throttle keys, CSRF tokens), derived from the
    master secret that every instance shares; the master secret itself is never used."""
    return HKDF(hashes.SHA256(), 32, salt=None,
                info=f"outlet-pos fleet page: {purpose}".encode()).derive(secrets.data_key)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2-cffi's defaults: Argon2id, RFC 9106's low-memory profile


@functools.cache
def _dummy_hash() -> str:
    # An unknown name costs the same Argon2 work as a known one: no timing tells names apart.
    return _hasher().hash(pysecrets.token_urlsafe(16))


def check_name(name: str) -> str:
    if not NAME_RE.match(name):
        raise OperatorError("an operator name is 3-32 characters: a lower-case letter first, "
                            "then lower-case letters, digits, . _ -")
    return name


def check_password(password: str, name: str) -> str:
    """The rules for a new operator password (the terminal's, a little longer)."""
    if len(password) < MIN_PASSWORD:
        raise OperatorError(f"the password must be at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise OperatorError(f"the password must be at most {MAX_PASSWORD} characters")
    if len(set(password)) < 4:
        raise OperatorError("the password must not be a few characters repeated")
    if name.casefold() in password.casefold():
        raise OperatorError("the password must not contain the operator name")
    if password.casefold() in _common_passwords():
        raise OperatorError("the password is one of the most common passwords; choose a "
                            "less guessable one")
    return password


@functools.cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(p.lower() for p in FREQUENCY_LISTS["passwords"])


def add_operator(engine: Engine, clock: Clock, name: str, password: str) -> None:
    check_name(name)
    check_password(password, name)
    hashed = _hasher().hash(password)
    try:
        with engine.begin() as conn:
            conn.execute(insert(_o).values(name=name, password_hash=hashed, status=ACTIVE,
                                           created_at=iso(clock())))
    except IntegrityError:
        raise OperatorError(f"operator {name} already exists") from None


def disable_operator(engine: Engine, clock: Clock, name: str) -> int:
    """Disables the operator and ends their open sessions; how many sessions ended."""
    at = iso(clock())
    with engine.begin() as conn:
        done = conn.execute(update(_o).where(_o.c.name == name)
                            .values(status=DISABLED, disabled_at=at))
        if not done.rowcount:
            raise OperatorError(f"no operator {name}")
        return _end_sessions(conn, name, at)


def set_password(engine: Engine, clock: Clock, name: str, password: str) -> int:
    """A new password for an operator (e.g. one forgotten); their open sessions end, as
    whoever knew the old one may hold one. How many sessions ended."""
    check_password(password, name)
    hashed = _hasher().hash(password)
    with engine.begin() as conn:
        if not conn.execute(update(_o).where(_o.c.name == name)
                            .values(password_hash=hashed)).rowcount:
            raise OperatorError(f"no operator {name}")
        return _end_sessions(conn, name, iso(clock()))


def enable_operator(engine: Engine, name: str) -> None:
    with engine.begin() as conn:
        if not conn.execute(update(_o).where(_o.c.name == name)
                            .values(status=ACTIVE, disabled_at=None)).rowcount:
            raise OperatorError(f"no operator {name}")


def _end_sessions(conn: Connection, name: str, at: str) -> int:
    ended = conn.execute(update(_s).where(_s.c.operator == name, _s.c.ended_at.is_(None))
                         .values(ended_at=at))
    return int(ended.rowcount)


def list_operators(engine: Engine) -> list[OperatorRow]:
    with engine.connect() as conn:
        rows = conn.execute(select(_o.c.name, _o.c.status, _o.c.created_at,
                                   _o.c.last_login_at).order_by(_o.c.name)).all()
    return [OperatorRow(r.name, r.status, r.created_at, r.last_login_at) for r in rows]


class Logins:
    """Log-in, the session behind a cookie, log-out. Thread-safe: it keeps no state."""

    def __init__(self, engine: Engine, secrets: ServerSecrets, clock: Clock,
                 policy: Policy | None = None) -> None:
        self.engine, self.secrets, self.clock = engine, secrets, clock
        self.policy = policy or Policy()
        self._key = page_key(secrets, "throttle")

    def _throttle_key(self, kind: str, value: str) -> str:
        return hmac.new(self._key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()

    def log_in(self, name: str, password: str, address: str) -> LoginResult:
        now = self.clock()
        pair = self._throttle_key("operator@address", f"{name}\n{address}")
        keys = {pair: self.policy.operator_failures,
                self._throttle_key("address", address): self.policy.address_failures,
                self._throttle_key("operator", name): self.policy.operator_total}
        with self.engine.connect() as conn:
            wait = max(self._locked_for(conn, key, now) for key in keys)
            row = conn.execute(select(_o.c.password_hash, _o.c.status)
                               .where(_o.c.name == name)).first()
        if wait:
            return LoginResult(retry_after_s=wait)
        known = row is not None and row.status == ACTIVE
        if not self._verify(row.password_hash if known and row else _dummy_hash(), password):
            who = name if row is not None else UNKNOWN
            locked = self._count_failure(keys, now)
            self._audit(who, "fleet.login_failed", address)
            if locked:
                self._audit(who, "fleet.locked", address)
            return LoginResult()
        assert row is not None
        token = pysecrets.token_urlsafe(32)
        self._audit(name, "fleet.login", address)  # recorded before the session exists
        at = iso(now)
        values: dict[str, Any] = {"last_login_at": at}
        if _hasher().check_needs_rehash(row.password_hash):  # hashed with older parameters
            values["password_hash"] = _hasher().hash(password)  # outside the transaction
        with self.engine.begin() as conn:
            conn.execute(delete(_t).where(_t.c.key == pair))
            # Sessions over a day past their end are of no use to anyone: kept bounded.
            conn.execute(delete(_s).where(_s.c.expires_at < iso(now - timedelta(days=1))))
            conn.execute(insert(_s).values(token_hash=token_hash(token), operator=name,
                                           created_at=at, last_seen=at,
                                           expires_at=iso(now + self.policy.session_max)))
            conn.execute(update(_o).where(_o.c.name == name).values(**values))
        return LoginResult(token=token)

    @staticmethod
    def _verify(hashed: str, password: str) -> bool:
        try:
            return _hasher().verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    def _locked_for(self, conn: Connection, key: str, now: datetime) -> int:
        until = conn.execute(select(_t.c.locked_until).where(_t.c.key == key)).scalar()
        if until is None or until <= iso(now):
            return 0
        return max(1, int((datetime.fromisoformat(until) - now).total_seconds() + 0.999))

    def _count_failure(self, keys: dict[str, int], now: datetime) -> bool:
        """Counts one failure on each key; True when it locked one of them."""
        at, since = iso(now), iso(now - self.policy.window)
        until = iso(now + self.policy.lockout)
        locked = False
        with self.engine.begin() as conn:
            conn.execute(delete(_t).where(_t.c.window_start < since,
                                          (_t.c.locked_until.is_(None))
                                          | (_t.c.locked_until < at)))
            for key, limit in keys.items():
                failures = self._add_failure(conn, key, at, since)
                if failures >= limit:
                    conn.execute(update(_t).where(_t.c.key == key)
                                 .values(locked_until=until, failures=0, window_start=at))
                    locked = True
        return locked

    @staticmethod
    def _add_failure(conn: Connection, key: str, at: str, since: str) -> int:
        # One statement each: two instances counting the same key at once both count.
        conn.execute(update(_t).where(_t.c.key == key, _t.c.window_start < since)
                     .values(failures=0, window_start=at))
        done = conn.execute(update(_t).where(_t.c.key == key)
                            .values(failures=_t.c.failures + 1))
        if not done.rowcount:
            try:
                with conn.begin_nested():
                    conn.execute(insert(_t).values(key=key, failures=1, window_start=at))
            except IntegrityError:  # the other instance inserted it first
                conn.execute(update(_t).where(_t.c.key == key)
                             .values(failures=_t.c.failures + 1))
        return int(conn.execute(select(_t.c.failures).where(_t.c.key == key)).scalar_one())

    def session(self, token: str | None) -> SessionRow | None:
        """The live session behind a cookie's token, or None (unknown, ended, expired, idle,
        or its operator disabled). Refreshes its idle clock."""
        if not token or len(token) > 100:
            return None
        now = self.clock()
        at, digest = iso(now), token_hash(token)
        with self.engine.connect() as conn:
            row = conn.execute(
                select(_s.c.operator, _s.c.last_seen, _s.c.expires_at, _s.c.ended_at,
                       _o.c.status).join(_o, _o.c.name == _s.c.operator)
                .where(_s.c.token_hash == digest)).first()
        if (row is None or row.ended_at is not None or row.status != ACTIVE
                or row.expires_at <= at or row.last_seen <= iso(now - self.policy.idle)):
            return None
        if row.last_seen <= iso(now - self.policy.touch_every):
            with self.engine.begin() as conn:
                conn.execute(update(_s).where(_s.c.token_hash == digest)
                             .values(last_seen=at))
        return SessionRow(row.operator, digest, row.expires_at)

    def log_out(self, session: SessionRow, address: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(_s).where(_s.c.token_hash == session.token_hash)
                         .values(ended_at=iso(self.clock())))
        self._audit(session.operator, "fleet.logout", address)

    def _audit(self, operator: str, command: str, address: str) -> None:
        admin_view.record(self.engine, self.secrets, self.clock, operator,
                          f"from address {address}", command, SCOPE, ())
