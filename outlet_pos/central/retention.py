"""Retention at the server: months past the retention period are crypto-shredded.

``run`` destroys every data key of every month before the cut-off (so what they sealed is
unreadable everywhere, the server's backups included, once those age out), clears the
ciphertexts of those months' shipments, closings and audit reasons, and keeps every
figure (waybill, dates, service, weight, amounts, payment method, state). It is
idempotent: a second run finds nothing left and says so. A tombstone key row marks the
horizon, so data for a shredded month that arrives later is stored without its personal
part (``keyring.Sealer`` refuses to seal for it).

``prune`` bounds the tables that grow with every event: it deletes the ``events`` rows (the
idempotency log) created before the events horizon (``horizon.py``: the server refuses
events created before it, so a re-send of a deleted one is never applied again) and the
``tracking`` rows of months past the tracking period. docs/central-data.md has the sizes.

``reseal`` upgrades rows written before per-month keys: version-1 ciphertexts (sealed with
the master secret) and the texts that were kept in clear (payment reference, closing note,
reopen reason) are sealed under their month's key, so retention can shred them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
from sqlalchemy import Column, Engine, Table, delete, func, insert, select, update

from . import horizon
from .customer_requests import purge_expired
from .db import Clock, iso
from .ingest import seal_closing_text
from .keyring import (
    DESTROYED,
    SEALED_TEXT,
    V_LEGACY,
    Keyring,
    Opener,
    Sealer,
    is_expired,
    month_back,
    seal_text,
)
from .models import AdminAccess, DataKey, DayClosing, Event, Shipment, TrackingEvent
from .reference import tracking_aad
from .secrets_file import ServerSecrets

_s, _dc, _a, _k, _t = (Shipment.__table__, DayClosing.__table__, AdminAccess.__table__,
                       DataKey.__table__, TrackingEvent.__table__)
MONTHS_ENV = "OUTLET_POS_CENTRAL_RETENTION_MONTHS"
DEFAULT_MONTHS = 12
EVENT_MONTHS_ENV = "OUTLET_POS_CENTRAL_EVENT_MONTHS"
DEFAULT_EVENT_MONTHS = 6
MIN_EVENT_MONTHS = 3
PRUNE_CHUNK = 10_000  # rows per delete transaction: short locks, a bounded WAL per step
_e = Event.__table__
CLOSING_TEXTS = ("note", "note_ct")
REOPEN_TEXTS = ("reason", "reason_ct")


def default_months() -> int:
    raw = os.environ.get(MONTHS_ENV)
    if raw is None:
        return DEFAULT_MONTHS
    try:
        months = int(raw)
    except ValueError:
        raise ValueError(f"{MONTHS_ENV} must be a whole number of months, not {raw!r}") \
            from None
    return check_months(months)


def check_months(months: int) -> int:
    if not 1 <= months <= 1200:
        raise ValueError("the retention period must be between 1 and 1200 months")
    return months


def check_event_months(months: int) -> int:
    """Events younger than this are never refused as too old: it must stay far longer than
    any outlet keeps an event unsent (its outbox keeps one until it is sent; the doctor
    warns after a day)."""
    if not MIN_EVENT_MONTHS <= months <= 1200:
        raise ValueError(f"the events period must be between {MIN_EVENT_MONTHS} and 1200 "
                         "months")
    return months


def default_event_months() -> int:
    raw = os.environ.get(EVENT_MONTHS_ENV)
    if raw is None:
        return DEFAULT_EVENT_MONTHS
    if not raw.strip().isdecimal():
        raise ValueError(f"{EVENT_MONTHS_ENV} must be a whole number of months, not {raw!r}")
    return check_event_months(int(raw))


@dataclass
class Report:
    kept_from: str  # the first month kept
    periods: list[str] = field(default_factory=list)  # months whose keys this run destroyed
    keys_destroyed: int = 0
    shipments: int = 0
    closings: int = 0
    audit_reasons: int = 0
    tracking_notes: int = 0


def _strip_closing(body: dict[str, Any]) -> bool:
    changed = any(body.pop(k, None) is not None for k in CLOSING_TEXTS)
    reopened = body.get("reopened")
    if isinstance(reopened, dict):
        changed = any(reopened.pop(k, None) is not None for k in REOPEN_TEXTS) or changed
    return changed


def run(engine: Engine, clock: Clock, months: int) -> Report:
    now = clock()
    kept_from = month_back(now, check_months(months))
    first_day = f"{kept_from}-01"
    report = Report(kept_from)
    with engine.begin() as conn:
        _secure_delete(conn)
        report.shipments = conn.execute(
            update(_s).where(_s.c.business_date < first_day,
                             (func.length(_s.c.personal_ct) > 0)
                             | _s.c.void_reason_ct.is_not(None))
            .values(personal_ct=b"", void_reason_ct=None)).rowcount
        refs = conn.execute(select(_s.c.id, _s.c.figures_json).where(
            _s.c.business_date < first_day, _s.c.figures_json.like('%"reference"%'))).all()
        for row in refs:  # written before the reference was sealed (see ``reseal``)
            figures = json.loads(row.figures_json)
            if isinstance(figures.get("payment"), dict) and \
                    figures["payment"].pop("reference", None) is not None:
                conn.execute(update(_s).where(_s.c.id == row.id).values(
                    figures_json=orjson.dumps(figures).decode()))
        for row in conn.execute(select(_dc.c.id, _dc.c.body_json).where(
                _dc.c.business_date < first_day,
                _dc.c.body_json.like('%"note%') | _dc.c.body_json.like('%"reason%'))).all():
            body = json.loads(row.body_json)
            if _strip_closing(body):
                conn.execute(update(_dc).where(_dc.c.id == row.id)
                             .values(body_json=json.dumps(body, sort_keys=True)))
                report.closings += 1
        report.tracking_notes = conn.execute(
            update(_t).where(_t.c.at < first_day, _t.c.note.is_not(None))
            .values(note=None)).rowcount
        purge_expired(conn, now)  # corrected fields' old values past their time (UU PDP)
        report.audit_reasons = conn.execute(
            update(_a).where(_a.c.at < first_day, _a.c.reason_ct.is_not(None))
            .values(reason_ct=None)).rowcount
        report.periods = sorted(conn.execute(
            select(_k.c.period).where(_k.c.period < kept_from, _k.c.state != DESTROYED)
            .distinct()).scalars().all())
        report.keys_destroyed = conn.execute(
            update(_k).where(_k.c.period < kept_from, _k.c.state != DESTROYED)
            .values(state=DESTROYED, wrapped=None, destroyed_at=iso(now))).rowcount
        horizon = month_back(now, months + 1)  # the newest month shredded
        if not is_expired(conn, horizon):
            top = conn.execute(select(func.max(_k.c.generation))
                               .where(_k.c.period == horizon)).scalar() or 0
            conn.execute(insert(_k).values(period=horizon, generation=top + 1,
                                           state=DESTROYED, wrapped=None,
                                           created_at=iso(now), destroyed_at=iso(now)))
    _purge_freed(engine)
    return report


def _secure_delete(conn: Any) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA secure_delete=ON")  # freed bytes are zeroed


def _purge_freed(engine: Engine, vacuum: bool = True) -> None:
    """Push the old bytes of what was just overwritten out of the write-ahead log (SQLite)
    and, on PostgreSQL with ``vacuum``, out of the dead row versions of ``data_keys``."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # outside any transaction, which would block it
        try:
            driver = raw.driver_connection
            assert driver is not None  # a live pooled connection has its driver's
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    elif engine.dialect.name == "postgresql" and vacuum:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM FULL data_keys")


@dataclass
class Pruned:
    horizon: str  # events created before it are refused from now on
    deleted_before: str | None  # the horizon the events were deleted under (None: none yet)
    events: int
    tracking_before: str
    tracking: int


def _delete_before(engine: Engine, table: Table, key: Column[Any], column: Column[Any],
                   before: str, chunk: int) -> int:
    done = 0
    while True:
        with engine.begin() as conn:
            n = conn.execute(delete(table).where(key.in_(
                select(key).where(column < before).limit(chunk)))).rowcount
        done += n
        if n < chunk:
            return done


def prune(engine: Engine, clock: Clock, event_months: int, tracking_months: int,
          chunk: int = PRUNE_CHUNK) -> Pruned:
    """Move the events horizon to the first day of the month ``event_months`` back, delete
    the events created before the horizon that has stood for ``horizon.SETTLE`` (the one a
    run at least an hour earlier set: a first run deletes none), and the tracking rows
    before the month ``tracking_months`` back. Idempotent; run it daily."""
    now = clock()
    wanted = f"{month_back(now, check_event_months(event_months))}-01"
    tracking_before = f"{month_back(now, check_months(tracking_months))}-01"
    with engine.begin() as conn:
        under = horizon.settled(conn, now)
        in_force = horizon.advance(conn, wanted, now)
    events = 0 if under is None else _delete_before(engine, _e, _e.c.event_id,
                                                    _e.c.created_at, under, chunk)
    tracking = _delete_before(engine, _t, _t.c.id, _t.c.at, tracking_before, chunk)
    return Pruned(in_force, under, events, tracking_before, tracking)


@dataclass
class Resealed:
    shipments: int = 0
    closings: int = 0
    tracking_notes: int = 0


def _canonical_day(day: str) -> str:
    """``YYYY-MM-DD`` for a date stored in another ISO form before the server checked
    (``20251125`` sorts after ``2025-12-01`` and would escape retention)."""
    try:
        return date.fromisoformat(day).isoformat()
    except ValueError:
        return day


def _reseal_shipment(opener: Opener, seal: Sealer, r: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if _canonical_day(r.business_date) != r.business_date:
        values["business_date"] = _canonical_day(r.business_date)
    aad = f"shipments/{r.id}"
    figures = json.loads(r.figures_json)
    clear_ref = isinstance(figures.get("payment"), dict) and "reference" in figures["payment"]
    if r.personal_ct[:1] == bytes([V_LEGACY]) or clear_ref:
        raw = opener.open(r.personal_ct, aad)
        personal = json.loads(raw) if raw is not None else None
        if clear_ref:
            payment = dict(figures["payment"])
            ref = payment.pop("reference")
            values["figures_json"] = orjson.dumps({**figures, "payment": payment}).decode()
            if personal is not None:
                personal["payment_reference"] = ref
        if personal is not None:
            values["personal_ct"] = seal.seal(r.business_date, orjson.dumps(personal),
                                              aad) or b""
    if r.void_reason_ct and r.void_reason_ct[:1] == bytes([V_LEGACY]):
        why = opener.open(r.void_reason_ct, f"{aad}/void")
        values["void_reason_ct"] = seal.seal(r.business_date, why or b"", f"{aad}/void")
    return values


def _reseal_closing(seal: Sealer, body: dict[str, Any]) -> dict[str, Any] | None:
    changed = False
    if body.get("note") is not None:
        body = seal_closing_text(seal, body, "note")
        changed = True
    reopened = body.get("reopened")
    if isinstance(reopened, dict) and reopened.get("reason") is not None:
        src = {**{k: body[k] for k in ("outlet", "terminal", "sequence", "business_date")},
               "reason": reopened.pop("reason")}
        reopened.update(seal_closing_text(seal, src, "reason", into={}))
        changed = True
    return body if changed else None


def reseal(engine: Engine, secrets: ServerSecrets, clock: Clock, chunk: int = 500) -> Resealed:
    """Seal every row written before per-month keys under its month's key (idempotent)."""
    ring, done, last = Keyring(secrets), Resealed(), ""
    while True:
        with engine.begin() as conn:
            _secure_delete(conn)
            rows = conn.execute(select(_s.c.id, _s.c.business_date, _s.c.figures_json,
                                       _s.c.personal_ct, _s.c.void_reason_ct)
                                .where(_s.c.id > last).order_by(_s.c.id).limit(chunk)).all()
            seal, opener = ring.sealer(conn, clock()), ring.opener(conn)
            for r in rows:
                values = _reseal_shipment(opener, seal, r)
                if values:
                    conn.execute(update(_s).where(_s.c.id == r.id).values(**values))
                    done.shipments += 1
        if len(rows) < chunk:
            break
        last = rows[-1].id
    with engine.begin() as conn:
        _secure_delete(conn)
        seal = ring.sealer(conn, clock())
        for row in conn.execute(select(_dc.c.id, _dc.c.body_json)).all():
            body = _reseal_closing(seal, json.loads(row.body_json))
            if body is not None:
                conn.execute(update(_dc).where(_dc.c.id == row.id)
                             .values(body_json=json.dumps(body, sort_keys=True)))
                done.closings += 1
        for note in conn.execute(select(_t.c.id, _t.c.waybill, _t.c.at, _t.c.note).where(
                _t.c.note.is_not(None), ~_t.c.note.startswith(SEALED_TEXT))).all():
            conn.execute(update(_t).where(_t.c.id == note.id).values(note=seal_text(
                seal, note.at, note.note, tracking_aad(note.waybill, note.at))))
            done.tracking_notes += 1
    # PostgreSQL keeps the old row versions until VACUUM FULL, which locks the tables: the
    # command says so rather than lock a serving database itself.
    _purge_freed(engine, vacuum=False)
    return done
