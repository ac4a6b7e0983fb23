"""The smaller repositories: outbox, audit, meta, and key administration (users: users_repo)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Connection, and_, bindparam, exists, func, select, update

from ..domain.ids import new_id
from ..domain.records import ChainReport, RetentionResult
from . import audit as chain
from . import keys as keymod
from .crypto import FieldCipher
from .hotpath import compile_named, cursor
from .keys import Keys, data_key_for
from .keystore import KeyStore
from .models import DataKey, DayClosing, Meta, OutboxEvent, Shipment, TrackingCache
from .shipments_repo import PERSONAL_COLUMNS
from .timeutil import period_of, to_iso

_o, _m, _s, _dk = (OutboxEvent.__table__, Meta.__table__, Shipment.__table__,
                   DataKey.__table__)
_dc, _tc = DayClosing.__table__, TrackingCache.__table__


_INSERT_OUTBOX = compile_named(_o.insert().values(
    {c.name: bindparam(c.name) for c in _o.c if c.name != "id"}))


class SqlOutbox:
    """Events for the central server, encrypted like any personal field."""

    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn = conn
        self._keys = keys
        self._store = store

    def add(self, kind: str, aggregate_id: str, payload: dict[str, Any], now: datetime) -> str:
        event_id = new_id()
        stamp = to_iso(now)
        key_id = data_key_for(self._conn, self._store, self._keys, period_of(now), stamp)
        # The canonical JSON (sorted keys, no spaces, UTF-8), the bytes json.dumps with
        # those options writes, as protocol.wire.canonical: orjson, ten times as fast.
        body = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
        cursor(self._conn).execute(_INSERT_OUTBOX, dict(
            event_id=event_id, kind=kind, aggregate_id=aggregate_id, created_at=stamp,
            key_id=key_id, status="pending", attempts=0, last_error=None, sent_at=None,
            payload_ct=self._keys.ciphers[key_id].encrypt(body, "outbox", "payload_ct", event_id)))
        return event_id

    def pending_count(self) -> int:
        return int(self._conn.execute(
            select(func.count()).select_from(_o).where(_o.c.status == "pending")).scalar() or 0)


class SqlAudit:
    """The audit chain; typed text in details goes under this month's data key."""

    def __init__(self, conn: Connection, keys: Keys, clock: Callable[[], datetime],
                 store: KeyStore) -> None:
        self._conn = conn
        self._keys = keys
        self._clock = clock
        self._store = store

    def append(self, actor: str | None, action: str, subject: str | None = None,
               details: dict[str, Any] | None = None) -> int:
        now = self._clock()
        stamp = to_iso(now)

        def cipher() -> FieldCipher:
            kid = data_key_for(self._conn, self._store, self._keys, period_of(now), stamp)
            return self._keys.ciphers[kid]

        return chain.append(self._conn, self._keys.audit_key, at=stamp, actor=actor,
                            action=action, subject=subject, details=details, cipher=cipher)

    def entries(self, action: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
        """Rows oldest first, typed text decrypted (absent where retention shredded it)."""
        return chain.entries(self._conn,
                             lambda kid: keymod.cipher_for(self._conn, self._store,
                                                           self._keys, kid),
                             action, limit)

    def verify(self) -> ChainReport:
        return chain.verify(self._conn, self._keys.audit_key)

    def head(self) -> str:
        return chain.head(self._conn)


_GET_META = compile_named(select(Meta.__table__.c.value).where(
    Meta.__table__.c.key == bindparam("key")))


class SqlMeta:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, key: str) -> str | None:
        # On the booking hot path (the terminal and the revoked flag are read per booking).
        row = cursor(self._conn).execute(_GET_META, {"key": key}).fetchone()
        return row[0] if row else None

    def set(self, key: str, value: str) -> None:
        if self.get(key) is None:
            self._conn.execute(_m.insert().values(key=key, value=value))
        else:
            self._conn.execute(update(_m).where(_m.c.key == key).values(value=value))


class SqlKeyAdmin:
    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn = conn
        self._keys = keys
        self._store = store
        self.retired_master: str | None = None  # deleted from the store after commit

    def rotate(self, now: datetime) -> str:
        self.retired_master = keymod.rotate(self._conn, self._store, self._keys,
                                            period_of(now), to_iso(now))
        return self._keys.master_key_id

    def retention(self, cutoff: datetime, now: datetime) -> RetentionResult:
        """Shred personal data booked before ``cutoff`` once it reached the server.

        The typed text goes with it: a shipment's payment reference and void reason are
        among its personal columns; closing notes and reopen reasons of days before the
        cutoff are nulled (their day.closed event is in the outbox, kept until sent); the
        audit rows' text is sealed into the chain, so it stays as ciphertext and becomes
        noise when its period key is destroyed here. Tracking answers cached before the
        cutoff (couriers' notes) are deleted."""
        stamp, limit = to_iso(now), to_iso(cutoff)
        unsynced = exists().where(and_(_o.c.aggregate_id == _s.c.id, _o.c.status != "sent"))
        old = and_(_s.c.booked_at < limit, _s.c.personal_destroyed_at.is_(None))
        held = int(self._conn.execute(
            select(func.count()).select_from(_s).where(old, unsynced)).scalar() or 0)
        shredded = self._conn.execute(
            update(_s).where(old, ~unsynced)
            .values(personal_destroyed_at=stamp, **dict.fromkeys(PERSONAL_COLUMNS))).rowcount
        cleared = self._conn.execute(
            update(_o).where(_o.c.status == "sent", _o.c.created_at < limit,
                             _o.c.payload_ct.is_not(None)).values(payload_ct=None)).rowcount
        has_text = _dc.c.note_ct.is_not(None) | _dc.c.reopen_reason_ct.is_not(None)
        self._conn.execute(update(_dc).where(
            _dc.c.business_date < cutoff.date().isoformat(), has_text)
            .values(note_ct=None, reopen_reason_ct=None))
        self._conn.execute(_tc.delete().where(_tc.c.fetched_at < limit))
        destroyed = 0
        cutoff_period = period_of(cutoff)
        for k in self._conn.execute(select(_dk.c.id, _dk.c.period).where(
                _dk.c.purpose == "data", _dk.c.wrapped.is_not(None),
                _dk.c.period < cutoff_period)).all():
            in_use = self._conn.execute(select(
                exists().where(_s.c.key_id == k.id, _s.c.personal_destroyed_at.is_(None))
                | exists().where(_o.c.key_id == k.id, _o.c.payload_ct.is_not(None))
                | exists().where(_dc.c.key_id == k.id, has_text)
                | exists().where(_tc.c.key_id == k.id))).scalar()
            if not in_use:
                keymod.destroy(self._conn, self._keys, k.id, stamp)
                destroyed += 1
        return RetentionResult(shredded, held, destroyed, cleared)
