"""The users table, every row sealed by an HMAC so who-may-do-what cannot be edited in SQL.

The seal covers what decides a log-in and what it may do: the user id, role, password
hash, failure count, lock-out end, disabled and must-change flags. Its key is derived
from the audit key (wrapped by the master key in the key store), so write access to
the database file is not enough to forge it. Every write here re-seals the row it
changed inside the caller's transaction; a row whose seal does not match reads as
``intact=False`` and the services refuse it.

A row's own seal cannot tell an old copy of that row put back (a demoted manager's
row from before, a lock-out from before it was counted) from the current one, so the
seal of every row is also listed in ``meta`` under one HMAC: a row is intact only
when its seal is valid *and* is the one listed. Every write here updates that list;
a row missing from it, or a list whose HMAC fails, is refused.

Rows made before the seal existed (migration 0006 marks them in ``meta``) are sealed
once, on the first log-in after the upgrade; after that, an unsealed row is an edit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, exists, func, select, update

from ..domain.records import UserRow
from ..domain.stored_settings import USERS_SEALS, USERS_UNSEALED
from .keys import Keys
from .models import AuditEntry, Meta, User
from .timeutil import from_iso, to_iso

_u, _m, _a = User.__table__, Meta.__table__, AuditEntry.__table__
UNSEALED_MARK = USERS_UNSEALED.key  # set by migration 0006 when it found users to seal
SEALED_ACTION = "users_sealed"  # the audit row of that one sealing
LISTED = USERS_SEALS.key  # {"seals": {user id: seal hex}, "mac": hex} in meta
_LABEL = b"outlet-pos/users-mac/v1"


def mac_key(keys: Keys) -> bytes:
    return hmac.new(keys.audit_key, _LABEL, hashlib.sha256).digest()


def _body(r: Any) -> bytes:
    return json.dumps([r.id, r.username, r.role, r.password_hash, int(r.failed_count or 0),
                       r.locked_until, int(bool(r.disabled)), int(bool(r.must_change))],
                      ensure_ascii=False, separators=(",", ":")).encode()


def seal(key: bytes, r: Any) -> bytes:
    return hmac.new(key, _body(r), hashlib.sha256).digest()


def _list_mac(key: bytes, seals: dict[str, str]) -> str:
    body = json.dumps(seals, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key, b"list:" + body, hashlib.sha256).hexdigest()


class SqlUsers:
    def __init__(self, conn: Connection, keys: Keys) -> None:
        self._conn = conn
        self._key = mac_key(keys)
        self._seals: dict[str, str] | None = None  # the verified list, read once per unit

    def _listed(self) -> dict[str, str]:
        """The list of current seals; empty when it is missing or its HMAC fails."""
        if self._seals is None:
            raw = self._conn.execute(select(_m.c.value).where(_m.c.key == LISTED)).scalar()
            try:
                doc = json.loads(raw) if raw else {}
                seals = {str(k): str(v) for k, v in dict(doc.get("seals", {})).items()}
                ok = hmac.compare_digest(_list_mac(self._key, seals), str(doc.get("mac", "")))
            except (ValueError, TypeError, AttributeError):
                ok = False
            self._seals = seals if ok else {}
        return self._seals

    def _list(self, user_id: int, mac: bytes) -> None:
        seals = {**self._listed(), str(user_id): mac.hex()}
        value = json.dumps({"seals": seals, "mac": _list_mac(self._key, seals)})
        if self._conn.execute(update(_m).where(_m.c.key == LISTED).values(value=value)) \
                .rowcount == 0:
            self._conn.execute(_m.insert().values(key=LISTED, value=value))
        self._seals = seals

    def _row(self, r: Any) -> UserRow:
        intact = (r.mac is not None and hmac.compare_digest(seal(self._key, r), r.mac)
                  and hmac.compare_digest(self._listed().get(str(r.id), ""), r.mac.hex()))
        return UserRow(id=r.id, username=r.username, role=r.role, password_hash=r.password_hash,
                       failed_count=r.failed_count,
                       locked_until=from_iso(r.locked_until) if r.locked_until else None,
                       disabled=bool(r.disabled), must_change=bool(r.must_change),
                       intact=intact)

    def _reseal(self, user_id: int) -> None:
        r = self._conn.execute(select(_u).where(_u.c.id == user_id)).one()
        mac = seal(self._key, r)
        self._conn.execute(update(_u).where(_u.c.id == user_id).values(mac=mac))
        self._list(user_id, mac)

    def get(self, username: str) -> UserRow | None:
        r = self._conn.execute(select(_u).where(_u.c.username == username)).first()
        return None if r is None else self._row(r)

    def all(self) -> list[UserRow]:
        return [self._row(r) for r in self._conn.execute(select(_u).order_by(_u.c.username))]

    def add(self, username: str, role: str, password_hash: str, now: datetime) -> int:
        res = self._conn.execute(_u.insert().values(
            username=username, role=role, password_hash=password_hash, failed_count=0,
            disabled=0, must_change=0, created_at=to_iso(now)))
        user_id = int(res.inserted_primary_key[0])  # type: ignore[index]
        self._reseal(user_id)
        return user_id

    def set_failures(self, user_id: int, count: int, locked_until: datetime | None) -> None:
        self._conn.execute(update(_u).where(_u.c.id == user_id).values(
            failed_count=count, locked_until=to_iso(locked_until) if locked_until else None))
        self._reseal(user_id)

    def set_disabled(self, user_id: int, disabled: bool) -> None:
        self._conn.execute(update(_u).where(_u.c.id == user_id).values(disabled=int(disabled)))
        self._reseal(user_id)

    def set_password(self, user_id: int, password_hash: str, must_change: bool) -> None:
        """A new password (changed, or reset by a manager): the failures start again."""
        self._conn.execute(update(_u).where(_u.c.id == user_id).values(
            password_hash=password_hash, must_change=int(must_change), failed_count=0,
            locked_until=None))
        self._reseal(user_id)

    def count(self) -> int:
        return int(self._conn.execute(select(func.count()).select_from(_u)).scalar() or 0)

    def seal_legacy(self) -> int:
        """Seal the rows migration 0006 found, once; the number sealed (0 almost always).

        The mark in ``meta`` is plain data anyone could add back, so a database whose
        audit chain already records the sealing never seals again."""
        if self._conn.execute(select(_m.c.value).where(_m.c.key == UNSEALED_MARK)).scalar() \
                is None:
            return 0
        self._conn.execute(delete(_m).where(_m.c.key == UNSEALED_MARK))
        if self._conn.execute(select(exists().where(_a.c.action == SEALED_ACTION))).scalar():
            return 0
        ids = self._conn.execute(select(_u.c.id).where(_u.c.mac.is_(None))).scalars().all()
        for user_id in ids:
            self._reseal(user_id)
        return len(ids)
