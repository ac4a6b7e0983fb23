"""What flows down to outlets: signed tariffs (whole or as a delta), service points,
outlet configuration and tracking history; and the admin side that feeds them."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from ..domain.tariff import TariffTable
from ..protocol import wire
from .db import Clock, iso
from .enrollment import DeviceRow, next_revision
from .ingest import join_personal
from .keyring import SEALED_TEXT, Keyring, open_text, seal_text
from .models import Outlet, ServicePoint, Shipment, Tariff, TrackingEvent
from .schemas import VERSION_PATTERN
from .secrets_file import ServerSecrets

_tf, _sp, _t, _o, _s = (Tariff.__table__, ServicePoint.__table__, TrackingEvent.__table__,
                        Outlet.__table__, Shipment.__table__)
TRACKING_CODES = ("BOOKED", "PICKED_UP", "IN_TRANSIT", "AT_HUB", "OUT_FOR_DELIVERY",
                  "DELIVERED", "FAILED_DELIVERY", "RETURNED", "VOIDED")
SERVICE_POINT_FIELDS = ("code", "kind", "name", "address", "district_code", "city", "phone",
                        "hours")


def import_tariff(engine: Engine, secrets: ServerSecrets, clock: Clock,
                  data: dict[str, Any]) -> TariffTable:
    """Check, sign and store a tariff table; ValueError names what is malformed."""
    table = TariffTable.from_dict(data)
    if not re.fullmatch(VERSION_PATTERN, table.version):
        raise ValueError("the tariff version may hold only letters, digits, '.', '_' and '-' "
                         "(at most 40)")
    with engine.begin() as conn:
        if conn.execute(select(_tf.c.id).where(_tf.c.origin_district == table.origin_district,
                                               _tf.c.version == table.version)).first():
            raise ValueError(f"version {table.version} for origin {table.origin_district} "
                             "was already imported; give the new table a new version")
        conn.execute(insert(_tf).values(
            version=table.version, origin_district=table.origin_district,
            body_gz=gzip.compress(wire.canonical(data), mtime=0),
            digest=wire.tariff_digest(data), signature=wire.sign_tariff(secrets.signing_seed,
                                                                        data),
            imported_at=iso(clock())))
    return table


def _origin_of(conn: Any, dev: DeviceRow) -> str | None:
    return conn.execute(select(_o.c.origin_district).where(_o.c.number == dev.outlet)).scalar()


def tariff_for(engine: Engine, dev: DeviceRow, since: str | None) -> dict[str, Any] | None:
    """The newest table for the device's origin: None when ``since`` is already it, a delta
    when the server still has ``since``, else the whole table."""
    with engine.connect() as conn:
        origin = _origin_of(conn, dev)
        q = select(_tf).order_by(_tf.c.id.desc()).limit(1)
        if origin:
            q = q.where(_tf.c.origin_district == origin)
        newest = conn.execute(q).first()
        if newest is None or newest.version == since:
            return None
        table = json.loads(gzip.decompress(newest.body_gz))
        out: dict[str, Any] = {"version": newest.version, "signature": newest.signature,
                               "digest": newest.digest}
        base = None
        if since:
            base = conn.execute(select(_tf.c.body_gz).where(
                _tf.c.version == since, _tf.c.origin_district == newest.origin_district)).scalar()
        if base is not None:
            out["base_version"] = since
            out["delta"] = wire.tariff_delta(json.loads(gzip.decompress(base)), table)
        else:
            out["table"] = table
        return out


def import_service_points(engine: Engine, rows: list[dict[str, Any]]) -> int:
    with engine.begin() as conn:
        rev = next_revision(conn)
        for r in rows:
            values = {k: (str(r[k]) if r.get(k) is not None else None)
                      for k in SERVICE_POINT_FIELDS}
            if not values["code"] or not values["name"]:
                raise ValueError("every service point needs a code and a name")
            values["kind"] = values["kind"] or "drop_point"
            values["address"] = values["address"] or ""
            active = 0 if str(r.get("active", "1")).lower() in ("0", "false", "no") else 1
            exists = conn.execute(select(_sp.c.code).where(_sp.c.code == values["code"])).first()
            if exists:
                conn.execute(update(_sp).where(_sp.c.code == values["code"])
                             .values(**values, active=active, revision=rev))
            else:
                conn.execute(insert(_sp).values(**values, active=active, revision=rev))
    return len(rows)


def service_points_since(engine: Engine, since: int) -> dict[str, Any]:
    with engine.connect() as conn:
        rows = conn.execute(select(_sp).where(_sp.c.revision > since)
                            .order_by(_sp.c.revision, _sp.c.code)).mappings().all()
        top = conn.execute(select(func.coalesce(func.max(_sp.c.revision), 0))).scalar()
    return {"revision": int(top or 0),
            "points": [{**{k: r[k] for k in SERVICE_POINT_FIELDS}, "active": bool(r["active"])}
                       for r in rows]}


def outlet_config(engine: Engine, dev: DeviceRow) -> dict[str, Any]:
    with engine.connect() as conn:
        o = conn.execute(select(_o).where(_o.c.number == dev.outlet)).one()
    return {"outlet": o.number, "outlet_name": o.name, "timezone": o.timezone,
            "terminal": dev.terminal, "sync_interval_s": 60, "stale_warning_hours": 24}


def add_tracking(engine: Engine, clock: Clock, waybill: str, status: str,
                 note: str | None = None, location: str | None = None,
                 secrets: ServerSecrets | None = None) -> None:
    """One tracking event. The note is typed by courier staff ("diterima oleh ...") and is
    sealed under the month's key, so ``secrets`` must come with it."""
    if status not in TRACKING_CODES:
        raise ValueError(f"status must be one of {', '.join(TRACKING_CODES)}")
    now = clock()
    at = iso(now)
    with engine.begin() as conn:
        if note is not None:
            if secrets is None:
                raise ValueError("a tracking note is sealed: pass the server's secrets")
            note = seal_text(Keyring(secrets).sealer(conn, now), at, note,
                             tracking_aad(waybill, at))
        conn.execute(insert(_t).values(waybill=waybill, status=status, note=note,
                                       location=location, at=at))


def tracking_aad(waybill: str, at: str) -> str:
    return f"tracking/{waybill}/{at}"


def tracking(engine: Engine, waybill: str, outlet: int,
             secrets: ServerSecrets | None = None) -> list[dict[str, Any]] | None:
    """The history of ``outlet``'s own shipment ``waybill``; None when the server holds no
    such shipment of that outlet (unknown and another outlet's read the same). Notes are
    opened with ``secrets`` (without it, or once shredded, a sealed note reads None)."""
    with engine.connect() as conn:
        if conn.execute(select(_s.c.id).where(_s.c.waybill == waybill,
                                              _s.c.outlet == outlet)).first() is None:
            return None
        rows = conn.execute(select(_t).where(_t.c.waybill == waybill)
                            .order_by(_t.c.at, _t.c.id)).all()
        opener = Keyring(secrets).opener(conn) if secrets is not None else None

        def note(r: Any) -> str | None:
            if opener is None:
                return None if (r.note or "").startswith(SEALED_TEXT) else r.note
            return open_text(opener, r.note, tracking_aad(waybill, r.at))

        return [{"status": r.status, "at": r.at, "note": note(r), "location": r.location}
                for r in rows]


def shipments(engine: Engine, secrets: ServerSecrets, outlet: int | None = None,
              personal: bool = False, waybill: str | None = None,
              void_reason: bool = False) -> list[dict[str, Any]]:
    """Stored shipments, the event body rebuilt; parties (and the void reason) decrypted
    only when ``personal``. A shipment whose month was shredded by retention has
    ``shredded: True`` and no parties. Callers that show ``personal`` output to a person
    go through ``admin_view``, which asks who and why and audits it."""
    q = select(_s).order_by(_s.c.outlet, _s.c.booked_at, _s.c.waybill)
    if outlet is not None:
        q = q.where(_s.c.outlet == outlet)
    if waybill is not None:
        q = q.where(_s.c.waybill == waybill)
    out = []
    with engine.connect() as conn:
        opener = Keyring(secrets).opener(conn)
        for r in conn.execute(q):
            figures = json.loads(r.figures_json)
            body = figures
            if personal:
                raw = opener.open(r.personal_ct, f"shipments/{r.id}")
                body = join_personal(figures, json.loads(raw) if raw else {})
                if raw is None:
                    body["shredded"] = True
                if void_reason and r.void_reason_ct:
                    why = opener.open(r.void_reason_ct, f"shipments/{r.id}/void")
                    body["void_reason"] = why.decode() if why is not None else None
            body["status"] = r.status
            if r.voided_at:
                body["voided_at"] = r.voided_at
            out.append(body)
    return out
