"""The server's side of a customer's requests (UU PDP): corrections and erasures.

``shipment.corrected``: the shipment's sealed parties are opened, the one field replaced
and sealed again under the shipment's month; the old value is kept sealed in
``shipment_corrections`` until it expires (``domain.customer_requests``).
``customer.erased``: the shipments' sealed parties are emptied (``b""``, what a month
shredded by retention stores: ``reference.shipments`` shows them ``shredded``), their void
reason, their corrections, their couriers' tracking notes and the sealed app pre-booking
they were made from removed; the figures stay.
On SQLite ``secure_delete`` zeroes the bytes freed; the old pages leave the WAL at its
next checkpoint (``outlet-pos-central retention`` forces one), PostgreSQL's dead row
versions at the next VACUUM.

Both check that each shipment is the sending device's outlet's, and handle a shipment
created earlier in the same batch (``pending``, inserted at the batch's end).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import bindparam, delete, select, update

from ..domain.customer_requests import correction_expires
from ..protocol.customer_events import CUSTOMER_ERASED, SHIPMENT_CORRECTED
from .db import iso
from .enrollment import DeviceRow
from .keyring import Keyring, Sealer
from .models import Prebooking, Shipment, ShipmentCorrection, TrackingEvent

CUSTOMER_KINDS = (SHIPMENT_CORRECTED, CUSTOMER_ERASED)
_s, _c, _t = Shipment.__table__, ShipmentCorrection.__table__, TrackingEvent.__table__
_p = Prebooking.__table__
_ROW = select(_s.c.outlet, _s.c.waybill, _s.c.business_date, _s.c.personal_ct).where(
    _s.c.id == bindparam("sid"))
_SET = update(_s).where(_s.c.id == bindparam("sid"))


def apply_customer_request(conn: Any, dev: DeviceRow, e: dict[str, Any],
                           pending: dict[str, dict[str, Any]], seal: Sealer,
                           keys: Keyring) -> str | None:
    """Apply one event of ``CUSTOMER_KINDS``; the reason it is rejected, or None."""
    if e["kind"] == SHIPMENT_CORRECTED:
        return _corrected(conn, dev, e["body"], pending, seal, keys)
    return _erased(conn, dev, e["body"], pending)


def _row(conn: Any, sid: str, pending: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    made = pending.get(sid)
    if made is not None:
        return made
    row = conn.execute(_ROW, {"sid": sid}).mappings().first()
    return dict(row) if row is not None else None


def _store(conn: Any, sid: str, pending: dict[str, dict[str, Any]], **values: Any) -> None:
    if sid in pending:
        pending[sid].update(values)
    else:
        conn.execute(_SET, {"sid": sid, **values})


def _corrected(conn: Any, dev: DeviceRow, b: dict[str, Any],
               pending: dict[str, dict[str, Any]], seal: Sealer, keys: Keyring) -> str | None:
    sid = b["shipment_id"]
    row = _row(conn, sid, pending)
    if row is None:
        return "correction of a shipment the server has not received"
    if row["outlet"] != dev.outlet or row["waybill"] != b["waybill"]:
        return "correction of another outlet's shipment"
    aad = f"shipments/{sid}"
    raw = keys.opener(conn).open(row["personal_ct"], aad)
    if raw is None:
        return "correction of a shipment whose personal data is no longer kept"
    personal = orjson.loads(raw)
    who, attr = b["field"].split(".")
    party = dict(personal.get(who) or {})
    if attr == "street":
        address = dict(party.get("address") or {})
        old, address["street"] = address.get("street"), b["value"]
        party["address"] = address
    else:
        old, party[attr] = party.get(attr), b["value"]
    personal[who] = party
    day = row["business_date"]
    _store(conn, sid, pending, personal_ct=seal.seal(day, orjson.dumps(personal), aad) or b"")
    now = datetime.now(UTC)
    try:  # the old value is kept from when the outlet corrected it
        at = datetime.fromisoformat(b["corrected_at"])
    except ValueError:
        at = now
    conn.execute(_c.insert().values(
        shipment_id=sid, field=b["field"], corrected_at=b["corrected_at"],
        expires_at=iso(correction_expires(at)),
        old_ct=None if old is None else seal.seal(
            day, orjson.dumps(old), f"shipment_corrections/{sid}/{b['field']}")))
    purge_expired(conn, now)
    return None


def _erased(conn: Any, dev: DeviceRow, b: dict[str, Any],
            pending: dict[str, dict[str, Any]]) -> str | None:
    rows = {s["shipment_id"]: (s["waybill"], _row(conn, s["shipment_id"], pending))
            for s in b["shipments"]}
    for waybill, row in rows.values():
        if row is None:
            return f"erasure of shipment {waybill}, which the server has not received"
        if row["outlet"] != dev.outlet or row["waybill"] != waybill:
            return "erasure of another outlet's shipment"
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA secure_delete=ON")  # freed bytes are zeroed
    for sid in rows:
        _store(conn, sid, pending, personal_ct=b"", void_reason_ct=None)
    conn.execute(delete(_c).where(_c.c.shipment_id.in_(list(rows))))
    conn.execute(update(_t).where(_t.c.waybill.in_([w for w, _ in rows.values()]),
                                  _t.c.note.is_not(None)).values(note=None))
    # the app's pre-booking a shipment was made from holds the same parties, sealed whole;
    # emptied, a look-up of its code answers "gone" as for a shredded month
    conn.execute(update(_p).where(_p.c.used_shipment_id.in_(list(rows)))
                 .values(payload_ct=b""))
    return None


def purge_expired(conn: Any, now: datetime) -> int:
    """Delete the old values past their time (each correction calls it)."""
    return int(conn.execute(delete(_c).where(_c.c.expires_at < iso(now))).rowcount)
