"""What the sync worker reads and writes locally, one repository per job: the outbox
queue (``SqlOutboxQueue``), the audit head the server is told (``SqlAuditAcks``), the
device credential (``SqlDevice``), reference data from the server (``SqlReference``) and
the tracking cache (``SqlTracking``)."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, case, func, insert, select, update

from ..domain.records import (
    AuditHead,
    AuditLink,
    CachedTracking,
    DeviceCredential,
    OutboxItem,
    OutboxStats,
    ParkedEvent,
    StoredReference,
)
from ..domain.stored_settings import (
    SYNC_AUDIT_ACKED,
    SYNC_CA_PEM,
    SYNC_DEVICE_ID,
    SYNC_ENROLLED_AT,
    SYNC_SERVER,
    SYNC_TARIFF_KEY,
)
from . import keys as keymod
from .crypto import TamperedData, unwrap_key
from .keys import Keys, cipher_for
from .keystore import KeyStore
from .models import (
    AuditEntry,
    DataKey,
    OutboxEvent,
    ReferenceData,
    Shipment,
    TrackingCache,
)
from .repos import SqlMeta
from .timeutil import from_iso, period_of, to_iso

_o, _ref, _tc, _a = (OutboxEvent.__table__, ReferenceData.__table__, TrackingCache.__table__,
                      AuditEntry.__table__)
_dk = DataKey.__table__
_DEVICE_META = tuple(s.key for s in (SYNC_SERVER, SYNC_DEVICE_ID, SYNC_TARIFF_KEY, SYNC_CA_PEM,
                                      SYNC_ENROLLED_AT))
_AUDIT_ACKED = SYNC_AUDIT_ACKED.key


class SqlOutboxQueue:
    """The sending side of the outbox (``SqlOutbox`` writes the events)."""

    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn, self._keys, self._store = conn, keys, store

    def batch(self, limit: int, after: int = 0) -> list[OutboxItem]:
        """The oldest pending events after queue position ``after``, decrypted, in order."""
        rows = self._conn.execute(
            select(_o.c.id, _o.c.event_id, _o.c.kind, _o.c.created_at, _o.c.key_id,
                   _o.c.payload_ct)
            .where(_o.c.status == "pending", _o.c.id > after).order_by(_o.c.id)
            .limit(limit)).all()
        items = []
        for r in rows:
            cipher = cipher_for(self._conn, self._store, self._keys, r.key_id)
            if cipher is None or r.payload_ct is None:
                raise TamperedData(f"outbox event {r.event_id} has lost its payload key")
            body = json.loads(cipher.decrypt(r.payload_ct, "outbox", "payload_ct", r.event_id))
            items.append(OutboxItem(r.event_id, r.kind, r.created_at, body, r.id))
        return items

    def sent(self, event_ids: list[str], now: datetime) -> None:
        if event_ids:
            self._conn.execute(update(_o).where(_o.c.event_id.in_(event_ids))
                               .values(status="sent", sent_at=to_iso(now), last_error=None))

    def park(self, event_id: str, reason: str) -> None:
        self._conn.execute(update(_o).where(_o.c.event_id == event_id).values(
            status="parked", last_error=reason[:500], attempts=_o.c.attempts + 1))

    def attempted(self, event_ids: list[str], error: str) -> None:
        if event_ids:
            self._conn.execute(update(_o).where(_o.c.event_id.in_(event_ids)).values(
                attempts=_o.c.attempts + 1, last_error=error[:500]))

    def stats(self) -> OutboxStats:
        pending = _o.c.status == "pending"
        r = self._conn.execute(select(
            func.sum(case((pending, 1), else_=0)),
            func.sum(case((_o.c.status == "parked", 1), else_=0)),
            func.min(case((pending, _o.c.created_at), else_=None)))).one()
        return OutboxStats(int(r[0] or 0), int(r[1] or 0), from_iso(r[2]) if r[2] else None)

    def parked(self, limit: int = 100) -> list[ParkedEvent]:
        """Refused events, oldest first, with their shipment's waybill."""
        _s = Shipment.__table__
        rows = self._conn.execute(select(_o.c.event_id, _o.c.kind, _o.c.created_at,
                                         _o.c.last_error, _s.c.waybill)
                                  .outerjoin(_s, _s.c.id == _o.c.aggregate_id)
                                  .where(_o.c.status == "parked")
                                  .order_by(_o.c.id).limit(limit)).all()
        return [ParkedEvent(r.event_id, r.kind, r.created_at, r.last_error, r.waybill)
                for r in rows]

    def unpark(self) -> int:
        return int(self._conn.execute(update(_o).where(_o.c.status == "parked")
                                      .values(status="pending")).rowcount)


class SqlAuditAcks:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._meta = SqlMeta(conn)

    def head(self) -> AuditHead | None:
        """The chain's last link, and the link the server last acknowledged as it reads now:
        if the log was rewritten since, the two hashes of that row differ at the server."""
        r = self._conn.execute(select(_a.c.seq, _a.c.hash).order_by(_a.c.seq.desc())
                               .limit(1)).first()
        if r is None:
            return None
        earlier = None
        acked = self._meta.get(_AUDIT_ACKED)
        if acked and acked.isdigit() and 0 < int(acked) <= r.seq:
            h = self._conn.execute(select(_a.c.hash).where(_a.c.seq == int(acked))).scalar()
            earlier = AuditLink(int(acked), h.hex() if h else "")
        return AuditHead(r.seq, r.hash.hex(), earlier)

    def acked(self, seq: int) -> None:
        self._meta.set(_AUDIT_ACKED, str(seq))


class SqlDevice:
    """The device credential: its seed wrapped by the master key, the rest in meta."""

    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn, self._keys, self._store = conn, keys, store
        self._meta = SqlMeta(conn)

    def get(self) -> DeviceCredential | None:
        values = {k: self._meta.get(k) for k in _DEVICE_META}
        device_id = values[SYNC_DEVICE_ID.key]
        seed = self._seed() if device_id else None
        if not device_id or seed is None:
            return None
        return DeviceCredential(server=values[SYNC_SERVER.key] or "",
                                device_id=device_id,
                                seed=seed,
                                tariff_public_key=values[SYNC_TARIFF_KEY.key] or "",
                                ca_pem=values[SYNC_CA_PEM.key] or None)

    def _seed(self) -> bytes | None:
        """The device key as the database holds it now, not as this process loaded it:
        enroll run beside a running window (another process) replaces it under the window."""
        r = self._conn.execute(select(_dk.c.id, _dk.c.period, _dk.c.wrapped, _dk.c.master_key_id)
                               .where(_dk.c.purpose == "device", _dk.c.wrapped.is_not(None))
                               ).first()
        if r is None:
            return None
        if r.master_key_id != self._keys.master_key_id:  # rotated by another process
            keymod.reload_into(self._conn, self._store, self._keys)
            return self._keys.device_seed
        return unwrap_key(self._keys.master, r.wrapped,
                          keymod._label(r.id, "device", r.period))

    def set(self, cred: DeviceCredential, now: datetime) -> None:
        keymod.set_device_key(self._conn, self._keys, cred.seed, to_iso(now))
        for key, value in ((SYNC_SERVER.key, cred.server), (SYNC_DEVICE_ID.key, cred.device_id),
                           (SYNC_TARIFF_KEY.key, cred.tariff_public_key),
                           (SYNC_CA_PEM.key, cred.ca_pem or ""),
                           (SYNC_ENROLLED_AT.key, to_iso(now))):
            self._meta.set(key, value)


class SqlReference:
    """Reference data by kind (tariff, service_points, config), gzipped JSON."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, kind: str) -> StoredReference | None:
        r = self._conn.execute(select(_ref).where(_ref.c.kind == kind)).first()
        if r is None:
            return None
        return StoredReference(r.version, json.loads(gzip.decompress(r.body)), r.signature)

    def set(self, kind: str, version: str, body: Any, signature: str | None,
            now: datetime) -> None:
        values = dict(version=version, signature=signature, updated_at=to_iso(now),
                      body=gzip.compress(json.dumps(body, ensure_ascii=False).encode(), mtime=0))
        if self._conn.execute(update(_ref).where(_ref.c.kind == kind)
                              .values(**values)).rowcount == 0:
            self._conn.execute(insert(_ref).values(kind=kind, **values))


class SqlTracking:
    """The last tracking history seen per waybill, encrypted under its month's key."""

    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn, self._keys, self._store = conn, keys, store

    def get(self, waybill: str) -> CachedTracking | None:
        r = self._conn.execute(select(_tc).where(_tc.c.waybill == waybill)).first()
        cipher = cipher_for(self._conn, self._store, self._keys, r.key_id) if r else None
        if r is None or cipher is None:  # none, or shredded with its month
            return None
        body = cipher.decrypt(r.body_ct, "tracking_cache", "body_ct", waybill)
        return CachedTracking(json.loads(body), from_iso(r.fetched_at))

    def put(self, waybill: str, history: list[dict[str, Any]], now: datetime) -> None:
        # Couriers' notes ("received by ...") are typed text: encrypted like the rest.
        stamp = to_iso(now)
        key_id = keymod.data_key_for(self._conn, self._store, self._keys, period_of(now), stamp)
        body = json.dumps(history, ensure_ascii=False)
        values = dict(key_id=key_id, fetched_at=stamp, body_ct=self._keys.ciphers[key_id]
                      .encrypt(body, "tracking_cache", "body_ct", waybill))
        if self._conn.execute(update(_tc).where(_tc.c.waybill == waybill)
                              .values(**values)).rowcount == 0:
            self._conn.execute(insert(_tc).values(waybill=waybill, **values))

