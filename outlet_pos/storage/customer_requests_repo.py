"""Customers' requests in SQL: a party's field corrected, personal columns erased.

A correction rewrites one party column of a shipment under the shipment's own period key
and keeps the old value in ``shipment_corrections`` under that same key until it expires.
An erasure nulls the shipment's personal columns (``PERSONAL_COLUMNS``: parties, phone
indexes, description, typed text), its corrections, the sent outbox payloads that carried
them and its cached tracking; ``secure_delete`` (storage/db.py) zeroes the freed bytes, and
the caller checkpoints the WAL afterwards so no old page stays in it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, delete, select, update

from ..domain.customer_requests import CorrectionRow
from .db import BUSY_TIMEOUT_MS
from .keys import Keys, cipher_for
from .keystore import KeyStore
from .models import OutboxEvent, Shipment, ShipmentCorrection, TrackingCache
from .shipments_repo import PERSONAL_COLUMNS
from .timeutil import from_iso, to_iso

_s, _c = Shipment.__table__, ShipmentCorrection.__table__
_o, _tc = OutboxEvent.__table__, TrackingCache.__table__
T, TC = "shipments", "shipment_corrections"


def _column(who: str, attr: str) -> str:
    return f"{who}_{'address' if attr == 'street' else attr}_ct"


class SqlCustomerRequests:
    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn, self._keys, self._store = conn, keys, store

    def waybills_of(self, e164: str) -> list[str]:
        """Waybills whose sender or recipient has this phone and still has personal data
        (the blind index finds them; the decrypted phone confirms each), oldest first."""
        assert self._keys.index is not None
        idx = self._keys.index(e164)
        rows = self._conn.execute(
            select(_s.c.id, _s.c.waybill, _s.c.key_id, _s.c.sender_phone_idx,
                   _s.c.sender_phone_ct, _s.c.recipient_phone_ct)
            .where((_s.c.sender_phone_idx == idx) | (_s.c.recipient_phone_idx == idx),
                   _s.c.personal_destroyed_at.is_(None))
            .order_by(_s.c.booked_at, _s.c.waybill)).all()
        out = []
        for r in rows:
            cipher = cipher_for(self._conn, self._store, self._keys, r.key_id)
            if cipher is None:
                continue
            phones = {cipher.decrypt(getattr(r, f"{who}_phone_ct"), T, f"{who}_phone_ct", r.id)
                      for who in ("sender", "recipient") if getattr(r, f"{who}_phone_ct")}
            if e164 in phones:  # a blind-index collision is vanishingly rare, but exact here
                out.append(r.waybill)
        return out

    def correct(self, shipment_id: str, who: str, attr: str, value: str,
                correction_id: str, now: datetime, expires: datetime) -> None:
        column = _column(who, attr)
        row = self._conn.execute(select(_s.c.key_id, _s.c[column])
                                 .where(_s.c.id == shipment_id)).one()
        cipher = cipher_for(self._conn, self._store, self._keys, row.key_id)
        if cipher is None:
            raise LookupError("the shipment's key was destroyed")  # the service checked
        old = cipher.decrypt(row[1], T, column, shipment_id) if row[1] is not None else None
        values: dict[str, Any] = {}
        if attr == "street":
            address = json.loads(old or "{}")
            old, address["street"] = address.get("street"), value
            new: str | bytes = orjson.dumps(address, option=orjson.OPT_SORT_KEYS)
        else:
            new = value
        values[column] = cipher.encrypt(new, T, column, shipment_id)
        if attr == "phone":
            assert self._keys.index is not None
            values[f"{who}_phone_idx"] = self._keys.index(value)
        self._conn.execute(update(_s).where(_s.c.id == shipment_id).values(**values))
        self._conn.execute(_c.insert().values(
            id=correction_id, shipment_id=shipment_id, field=f"{who}.{attr}",
            key_id=row.key_id,
            old_ct=None if old is None else cipher.encrypt(old, TC, "old_ct", correction_id),
            corrected_at=to_iso(now), expires_at=to_iso(expires)))

    def corrections(self, shipment_id: str) -> list[CorrectionRow]:
        out = []
        for r in self._conn.execute(select(_c).where(_c.c.shipment_id == shipment_id)
                                    .order_by(_c.c.corrected_at)):
            cipher = cipher_for(self._conn, self._store, self._keys, r.key_id)
            old = (cipher.decrypt(r.old_ct, TC, "old_ct", r.id)
                   if cipher is not None and r.old_ct is not None else None)
            out.append(CorrectionRow(r.field, old, from_iso(r.corrected_at),
                                     from_iso(r.expires_at)))
        return out

    def erase(self, shipment_ids: list[str], now: datetime) -> int:
        ids = list(shipment_ids)
        if not ids:
            return 0
        waybills = list(self._conn.execute(select(_s.c.waybill)
                                           .where(_s.c.id.in_(ids))).scalars())
        erased = self._conn.execute(
            update(_s).where(_s.c.id.in_(ids), _s.c.personal_destroyed_at.is_(None))
            .values(personal_destroyed_at=to_iso(now), **dict.fromkeys(PERSONAL_COLUMNS))
        ).rowcount
        self._conn.execute(delete(_c).where(_c.c.shipment_id.in_(ids)))
        # the events that carried the parties to the server (shipment.created, corrections)
        # are sent (the service holds unsynced shipments): their payloads are done with
        self._conn.execute(update(_o).where(_o.c.aggregate_id.in_(ids), _o.c.status == "sent")
                           .values(payload_ct=None))
        self._conn.execute(delete(_tc).where(_tc.c.waybill.in_(waybills)))
        return int(erased)

    def purge_expired(self, now: datetime) -> int:
        """Delete the old values past their time, and those of shipments whose personal
        data is gone (retention or an erasure): an old value never outlives the data."""
        gone = select(_s.c.id).where(_s.c.personal_destroyed_at.is_not(None))
        return int(self._conn.execute(delete(_c).where(
            (_c.c.expires_at < to_iso(now)) | _c.c.shipment_id.in_(gone))).rowcount)


def clear_wal(path: Path) -> bool:
    """Checkpoint the database at ``path`` and truncate its WAL, so the pages an erasure
    overwrote leave the log now; False when a reader kept the log from being emptied.
    Its own SQLite connection (never plain file I/O on the live file)."""
    with contextlib.closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy
