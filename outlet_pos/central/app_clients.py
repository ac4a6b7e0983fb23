"""The courier's app as a client of this server: its own credential, not a device's.

An app client (the backend of the courier's customer app) creates pre-bookings and gets
their QR images. It holds a bearer token made by ``outlet-pos-central app-clients add
NAME``, shown once; the server keeps only its SHA-256 (the token is 256 random bits, so a
fast hash is enough: there is nothing to guess). An app token is not a device key: the
outlet routes want a device's signature and refuse it, and the app routes refuse a
device's signature. Each client is held to a number of requests per minute per process.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from .db import Clock, iso
from .enrollment import AuthError
from .models import AppClient

_c = AppClient.__table__
NAME_RE = re.compile(r"^[a-z][a-z0-9._-]{2,63}$")
TOKEN_PREFIX = "opa_"  # noqa: S105  (a prefix, so a leaked token is recognisable)
ACTIVE, DISABLED = "active", "disabled"
PER_MINUTE = 600  # per client and process: a busy app's backend, not a flood
_SEEN_EVERY_S = 60.0  # last_used_at is written at most once a minute per client


@dataclass(frozen=True)
class ClientRow:
    name: str
    status: str
    created_at: str
    disabled_at: str | None
    last_used_at: str | None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_name(name: str) -> str:
    if not NAME_RE.match(name):
        raise ValueError("an app client's name is 3-64 characters: a lower-case letter first, "
                         "then lower-case letters, digits, . _ -")
    return name


def add_client(engine: Engine, clock: Clock, name: str) -> str:
    """A new client; returns its token, which is shown once and never kept."""
    check_name(name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with engine.begin() as conn:
            conn.execute(insert(_c).values(name=name, token_hash=_hash(token), status=ACTIVE,
                                           created_at=iso(clock()), disabled_at=None,
                                           last_used_at=None))
    except IntegrityError:
        raise ValueError(f"there is already an app client named {name}") from None
    return token


def disable_client(engine: Engine, clock: Clock, name: str) -> None:
    with engine.begin() as conn:
        done = conn.execute(update(_c).where(_c.c.name == name).values(
            status=DISABLED, disabled_at=iso(clock()))).rowcount
    if not done:
        raise ValueError(f"no app client named {check_name(name)}")


def list_clients(engine: Engine) -> list[ClientRow]:
    with engine.connect() as conn:
        return [ClientRow(r.name, r.status, r.created_at, r.disabled_at, r.last_used_at)
                for r in conn.execute(select(_c.c.name, _c.c.status, _c.c.created_at,
                                             _c.c.disabled_at, _c.c.last_used_at)
                                      .order_by(_c.c.name))]


class Window:
    """At most ``per_minute`` events per key in any minute, in this process."""

    def __init__(self, per_minute: int, monotonic: Callable[[], float] = time.monotonic
                 ) -> None:
        self._per_minute, self._monotonic = per_minute, monotonic
        self._lock = threading.Lock()
        self._recent: dict[str, deque[float]] = {}

    def admit(self, key: str, what: str) -> None:
        """AuthError 429 when ``key`` is over its share (``what`` names who, in the answer)."""
        now = self._monotonic()
        with self._lock:
            recent = self._recent.setdefault(key, deque())
            while recent and recent[0] <= now - 60:
                recent.popleft()
            if len(recent) >= self._per_minute:
                raise AuthError("rate_limited", f"too many requests from this {what}; "
                                "retry in a minute", 429)
            recent.append(now)
            if len(self._recent) > 100_000:  # keys that went quiet: forget them
                self._recent = {k: v for k, v in self._recent.items()
                                if v and v[-1] > now - 60}


class AppGate:
    """Checks an app client's bearer token and holds it to ``per_minute`` requests."""

    def __init__(self, engine: Engine, clock: Clock, per_minute: int = PER_MINUTE,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._engine, self._clock, self._monotonic = engine, clock, monotonic
        self._window = Window(per_minute, monotonic)
        self._lock = threading.Lock()
        self._seen: dict[str, float] = {}

    def authenticate(self, authorization: str | None, device_signed: bool) -> str:
        """The client's name, or AuthError (401 no or a wrong token, 403 disabled, 429
        too many requests). ``device_signed``: the request carries a device's signature,
        which is an outlet's credential and never good here."""
        if device_signed and not authorization:
            raise AuthError("wrong_credential", "this route is for the courier's app: an "
                            "outlet's device credential is not accepted", 403)
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.startswith(TOKEN_PREFIX) \
                or len(token) > 100:
            raise AuthError("unauthenticated", "an app client's bearer token is needed")
        with self._engine.connect() as conn:
            row = conn.execute(select(_c.c.name, _c.c.status)
                               .where(_c.c.token_hash == _hash(token.strip()))).first()
        if row is None:
            raise AuthError("unauthenticated", "unknown app client token")
        if row.status != ACTIVE:
            raise AuthError("disabled", "this app client is disabled", 403)
        self._admit(row.name)
        return str(row.name)

    def _admit(self, name: str) -> None:
        self._window.admit(name, "app client")
        now = self._monotonic()
        with self._lock:
            due = now - self._seen.get(name, -_SEEN_EVERY_S) >= _SEEN_EVERY_S
            if due:
                self._seen[name] = now
        if due:
            with self._engine.begin() as conn:
                conn.execute(update(_c).where(_c.c.name == name)
                             .values(last_used_at=iso(self._clock())))


__all__ = ["AppGate", "ClientRow", "Window", "add_client", "check_name", "disable_client",
           "list_clients"]
