"""Applying a batch of outbox events: each at most once, each with its own result.

The whole batch is one transaction. An event id already stored is a
``duplicate`` when its body hash matches and ``rejected`` when it does not (the
same key with another body is never merged). An event that cannot be applied
(wrong outlet, a waybill another shipment holds, a void of an unknown
shipment) is ``rejected`` with a reason and does not stop the rest. When two
instances race on the same event, the unique keys make the loser's transaction
fail; it reports a conflict and the client retries into ``duplicate``.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..protocol import wire
from ..protocol.events import (
    CASH_MOVED,
    DAY_CLOSED,
    DAY_REOPENED,
    SHIPMENT_CREATED,
    SHIPMENT_VOIDED,
)
from . import audit_watch, checks, horizon, prebooking_store
from .cash import apply_cash_moved
from .customer_requests import CUSTOMER_KINDS, apply_customer_request
from .db import Clock, insert_rows, insert_together, iso, run_sql
from .enrollment import Authenticator, DeviceRow, Signed
from .keyring import Keyring, Sealer
from .lookups import look_up
from .models import DayClosing, Device, Event, Shipment, TrackingEvent
from .secrets_file import ServerSecrets

_e, _s, _dc, _t, _d = (Event.__table__, Shipment.__table__, DayClosing.__table__,
                        TrackingEvent.__table__, Device.__table__)
PERSONAL_KEYS = ("sender", "recipient")
# Built once: a statement built per call costs more than running it (its cache key).
_SET_DEVICE = update(_d).where(_d.c.id == bindparam("device"))
_SHIPMENT = select(_s.c.outlet, _s.c.waybill, _s.c.business_date).where(
    _s.c.id == bindparam("sid"))
_VOID = update(_s).where(_s.c.id == bindparam("sid"))
_CLOSING = select(_dc.c.id, _dc.c.body_json).where(
    _dc.c.outlet == bindparam("outlet"), _dc.c.terminal == bindparam("terminal"),
    _dc.c.sequence == bindparam("seq"))
_ADD_CLOSING = insert(_dc)
_SET_CLOSING = update(_dc).where(_dc.c.id == bindparam("row"))
log = logging.getLogger("outlet_pos.central")


class Conflict(Exception):
    """Another instance wrote the same keys at the same moment: retry the batch."""


def split_personal(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(figures kept in clear, what is sealed): the parties, the goods description and the
    payment reference (a clerk types what the customer's QRIS or transfer slip says)."""
    figures = {k: v for k, v in body.items() if k not in PERSONAL_KEYS}
    parcel = dict(figures.get("parcel") or {})
    personal = {k: body.get(k) for k in PERSONAL_KEYS}
    personal["description"] = parcel.pop("description", None)
    figures["parcel"] = parcel
    if isinstance(figures.get("payment"), dict) and "reference" in figures["payment"]:
        payment = dict(figures["payment"])
        personal["payment_reference"] = payment.pop("reference")
        figures["payment"] = payment
    return figures, personal


def join_personal(figures: dict[str, Any], personal: dict[str, Any]) -> dict[str, Any]:
    body = {**figures, **{k: personal.get(k) for k in PERSONAL_KEYS}}
    body["parcel"] = {**figures["parcel"], "description": personal.get("description")}
    if "payment_reference" in personal:
        body["payment"] = {**figures.get("payment", {}),
                           "reference": personal["payment_reference"]}
    return body


def _check_shipment(b: dict[str, Any], dev: DeviceRow) -> str | None:
    """The body is valid (``_apply`` checked it against its model): is it this device's?"""
    if (b["outlet"], b["terminal"]) != (dev.outlet, dev.terminal):
        return (f"shipment of outlet {b['outlet']} terminal {b['terminal']} sent by the "
                f"device of outlet {dev.outlet} terminal {dev.terminal}")
    return None


class Ingest:
    def __init__(self, engine: Engine, secrets: ServerSecrets, clock: Clock) -> None:
        self._engine, self._secrets, self._clock = engine, secrets, clock
        self._keys = Keyring(secrets)
        self._horizon = horizon.Horizon()  # events created before it are refused

    def apply(self, dev: DeviceRow, events: list[dict[str, Any]],
              audit_head: dict[str, Any] | None) -> list[dict[str, Any]]:
        """The batch of a device admitted already (tests, tools)."""
        try:
            with self._engine.begin() as conn:
                return self._apply(conn, dev, None, events, audit_head)
        except IntegrityError:
            raise Conflict() from None

    def receive(self, signed: Signed, events: list[dict[str, Any]],
                audit_head: dict[str, Any] | None) -> tuple[DeviceRow, list[dict[str, Any]]]:
        """The request admitted (its nonce and device, ``Authenticator.admitted``; AuthError
        if not) and its batch applied in one transaction: a one-event upload pays one
        BEGIN … COMMIT, not two, and on PostgreSQL admitting it rides on the look-up."""
        try:
            with self._engine.begin() as conn:
                results = self._apply(conn, signed.device, signed, events, audit_head)
        except IntegrityError:
            raise Conflict() from None
        dev = signed.device
        return DeviceRow(dev.id, dev.outlet, dev.terminal, "active"), results

    def _apply(self, conn: Any, dev: DeviceRow, signed: Signed | None,
               events: list[dict[str, Any]],
               audit_head: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        now = iso(self._clock())
        # the one validation, first: the kind's model bounds every value, known or not, so
        # no look-up below ever binds a value a column cannot take (a NUL, say)
        checked = [(e, checks.event_problem(e["kind"], e["body"])) for e in events]
        creates = [e["body"] for e, problem in checked
                   if problem is None and e["kind"] == SHIPMENT_CREATED]
        waybills = [b.get("waybill") for b in creates if isinstance(b.get("waybill"), str)]
        ids = [b.get("shipment_id") for b in creates if isinstance(b.get("shipment_id"), str)]
        # Every look-up and every insert is one statement for the whole batch (db.py);
        # known: event id -> body hash; holder: waybill -> shipment id, stored or earlier
        # in this batch
        months = sorted({b["business_date"][:7] for b in creates})
        pg = conn.dialect.name == "postgresql"
        seen = Authenticator.seen(signed) if signed is not None and pg else None
        known, holder, newest, status = look_up(conn, [e["id"] for e in events], waybills,
                                                ids, bool(creates), months, seen)
        if signed is not None:  # nothing is written for a request that is not admitted
            dev = Authenticator.admitted(conn, signed, *status) if status else \
                Authenticator.admit(conn, signed)
        ids_held = set(holder.values())
        seal = self._keys.sealer(conn, self._clock(), newest)  # this transaction's keys only
        before = self._horizon.before(conn, self._clock())
        ev_rows: list[dict[str, Any]] = []
        pending: dict[str, dict[str, Any]] = {}  # shipment id -> its row, inserted at the end
        track_rows: list[dict[str, Any]] = []
        results = []
        for e, problem in checked:
            if problem:
                results.append({"id": e["id"], "result": wire.RESULT_REJECTED, "reason": problem})
                continue
            digest = wire.body_hash(e["body"])
            if e["id"] in known:
                same = known[e["id"]] == digest
                results.append({"id": e["id"], "result": wire.RESULT_DUPLICATE if same
                                else wire.RESULT_REJECTED,
                                "reason": None if same else
                                "idempotency key already used with a different body"})
                continue
            # after the duplicate check: an old event whose record is still kept is one
            reason = horizon.too_old(e["created_at"], before) or \
                self._one(conn, dev, e, now, holder, ids_held, pending, track_rows, seal)
            if reason:
                results.append({"id": e["id"], "result": wire.RESULT_REJECTED, "reason": reason})
                continue
            known[e["id"]] = digest
            ev_rows.append(dict(event_id=e["id"], device_id=dev.id, kind=e["kind"],
                                body_sha256=digest, created_at=e["created_at"], received_at=now))
            results.append({"id": e["id"], "result": wire.RESULT_APPLIED, "reason": None})
        writes = [(_s, list(pending.values())), (_t, track_rows), (_e, ev_rows)]
        if pg:  # the inserts and the audit head: one statement
            self._write_pg(conn, dev, writes, audit_head)
            return results
        for table, rows in writes:
            insert_rows(conn, table, rows)
        if audit_head:
            self._audit(conn, dev, audit_head)
        return results

    def _write_pg(self, conn: Any, dev: DeviceRow, writes: list[tuple[Any, list[Any]]],
                  audit_head: dict[str, Any] | None) -> None:
        """The batch's inserts and the audit head's reads and writes (``_audit``) in one
        round trip (they were three and one); an alert, which is rare, costs one more."""
        if not audit_head:
            if any(rows for _table, rows in writes):
                insert_together(conn, writes)
            return
        seq = audit_head["seq"]
        old_seq, old_head, last, before = tuple(insert_together(
            conn, writes, _AUDIT_PG_CTES, _AUDIT_PG_SELECT,
            {"device": dev.id, "seq": seq, "hash": audit_head["hash"],
             "at": iso(self._clock())}))
        self._alert(conn, dev, _points(audit_head), seq, old_seq, old_head, last, before)

    def _one(self, conn: Any, dev: DeviceRow, e: dict[str, Any], now: str,
             holder: dict[str, str], ids_held: set[str], pending: dict[str, dict[str, Any]],
             track_rows: list[dict[str, Any]], seal: Sealer) -> str | None:
        b = e["body"]
        if e["kind"] == SHIPMENT_CREATED:
            problem = _check_shipment(b, dev)
            if problem:
                return problem
            if b["waybill"] in holder:
                return (f"waybill {b['waybill']} already belongs to another shipment"
                        if holder[b["waybill"]] != b["shipment_id"] else
                        "shipment was already received under another event id")
            if b["shipment_id"] in ids_held:
                return "shipment id was already received with another waybill"
            problem = checks.waybill_problem(b["waybill"], dev.outlet, dev.terminal)
            if problem:
                return problem
            if b.get("prebooking") and (problem := prebooking_store.use(conn, dev, b, now)):
                return problem  # a code another shipment used: refused, the conflict noted
            holder[b["waybill"]] = b["shipment_id"]
            ids_held.add(b["shipment_id"])
            figures, personal = split_personal(b)
            pending[b["shipment_id"]] = dict(
                id=b["shipment_id"], waybill=b["waybill"], outlet=b["outlet"],
                terminal=b["terminal"], booked_at=b["booked_at"],
                business_date=b["business_date"], service=b["service"],
                origin_district=b["origin_district"], dest_district=b["dest_district"],
                weight_g=b["parcel"]["weight_g"], total=b["quote"]["total"],
                cod_amount=int(b["parcel"].get("cod_amount") or 0),
                payment_method=str(b["payment"].get("method")), status="booked",
                figures_json=orjson.dumps(figures).decode(),
                # b"" when the month was already shredded: its personal data is not kept
                personal_ct=seal.seal(b["business_date"], orjson.dumps(personal),
                                      f"shipments/{b['shipment_id']}") or b"",
                received_at=now, voided_at=None, void_reason_ct=None)
            track_rows.append(dict(waybill=b["waybill"], status="BOOKED",
                                   note=None, location=f"Outlet {dev.outlet}",
                                   at=_utc(b["booked_at"])))
            return None
        if e["kind"] == SHIPMENT_VOIDED:
            return self._void(conn, dev, b, pending, track_rows, seal)
        if e["kind"] == DAY_CLOSED:
            return self._closing(conn, dev, b, now, seal)
        if e["kind"] == DAY_REOPENED:
            return self._reopened(conn, dev, b, seal)
        if e["kind"] == CASH_MOVED:
            return apply_cash_moved(conn, dev, b, seal, now)
        if e["kind"] in CUSTOMER_KINDS:
            return apply_customer_request(conn, dev, e, pending, seal, self._keys)
        return None  # a registered kind the server has no code for: kept as a generic event

    def _void(self, conn: Any, dev: DeviceRow, b: dict[str, Any],
              pending: dict[str, dict[str, Any]], track_rows: list[dict[str, Any]],
              seal: Sealer) -> str | None:
        sid, reason, at = b["shipment_id"], b["reason"], b["voided_at"]
        created = pending.get(sid)
        row = created or conn.execute(_SHIPMENT, {"sid": sid}).mappings().first()
        if row is None:
            return "void of a shipment the server has not received"
        if row["outlet"] != dev.outlet:
            return "void of another outlet's shipment"
        values = dict(status="void", voided_at=at,
                      void_reason_ct=seal.seal(row["business_date"], reason.encode(),
                                               f"shipments/{sid}/void"))
        if created is not None:  # created earlier in this same batch
            created.update(values)
        else:
            conn.execute(_VOID, {"sid": sid, **values})
        waybill = row["waybill"]
        track_rows.append(dict(waybill=waybill, status="VOIDED", note=None,
                               location=f"Outlet {dev.outlet}", at=_utc(at)))
        return None

    def _closing(self, conn: Any, dev: DeviceRow, b: dict[str, Any], now: str,
                 seal: Sealer) -> str | None:
        seq, day = b["sequence"], b["business_date"]
        if b.get("outlet") != dev.outlet or b.get("terminal") != dev.terminal:
            return "closing of another outlet or terminal"
        exists = conn.execute(_CLOSING, {"outlet": dev.outlet, "terminal": dev.terminal,
                                         "seq": seq}).first()
        if exists:
            return f"closing number {seq} of this terminal was already received"
        conn.execute(_ADD_CLOSING, dict(outlet=dev.outlet, terminal=dev.terminal, sequence=seq,
                                        business_date=day, received_at=now,
                                        body_json=json.dumps(seal_closing_text(
                                            seal, b, "note"), sort_keys=True)))
        return None

    def _reopened(self, conn: Any, dev: DeviceRow, b: dict[str, Any],
                  seal: Sealer) -> str | None:
        """The closing stays on record, marked reopened; the day's next closing follows."""
        if b.get("outlet") != dev.outlet or b.get("terminal") != dev.terminal:
            return "reopening of another outlet or terminal"
        row = conn.execute(_CLOSING, {"outlet": dev.outlet, "terminal": dev.terminal,
                                      "seq": b["sequence"]}).first()
        if row is None:
            return f"reopening of closing number {b['sequence']}, which the server has not received"
        body = json.loads(row.body_json)
        body["reopened"] = {k: b[k] for k in ("reopened_at", "reopened_by")}
        body["reopened"].update(seal_closing_text(seal, b, "reason", into={}))
        conn.execute(_SET_CLOSING, {"row": row.id, "body_json": json.dumps(body, sort_keys=True)})
        return None

    def _audit(self, conn: Any, dev: DeviceRow, head: dict[str, Any]) -> None:
        """Keep the highest reported link; that link reported again with another hash (as
        the head, or as the acknowledged ``earlier`` link, which is the row the server
        answered last) is an alert. SQLite's: PostgreSQL's are ``_AUDIT_PG_CTES``, in the
        batch's one writing statement (``_write_pg``)."""
        points = _points(head)
        # the same reads and writes as _AUDIT_PG_CTES's, as three statements (SQLite has no
        # writing CTEs); driver SQL, cheaper than SQLAlchemy's compile-cache look-up
        seq = head["seq"]
        old_seq, old_head, last, before = tuple(run_sql(conn, _AUDIT_READ, {
            "device": dev.id}).one())
        params = {"device": dev.id, "seq": seq, "hash": head["hash"],
                  "at": iso(self._clock())}
        run_sql(conn, _AUDIT_UPSERT, params)
        run_sql(conn, _AUDIT_DEVICE, params)
        self._alert(conn, dev, points, seq, old_seq, old_head, last, before)

    @staticmethod
    def _alert(conn: Any, dev: DeviceRow, points: dict[int, str], seq: int,
               old_seq: int | None, old_head: str | None, last: int | None,
               before: str | None) -> None:
        alerts = []
        if old_seq is not None and old_seq in points and points[old_seq] != old_head:
            alerts.append(audit_watch.rewritten(old_seq))
        if last is not None and seq < last:
            alerts.append(audit_watch.went_back(last, seq))
        if alerts:
            alert = audit_watch.merged(before, alerts)
            log.warning("device %s: %s", dev.id, alert)
            conn.execute(_SET_DEVICE, {"device": dev.id, "audit_alert": alert})


# SQLite: the device's highest link and audit columns as they are, then both writes.
_AUDIT_READ = ("SELECT h.seq, h.head, d.audit_seq, d.audit_alert FROM devices d "
               "LEFT JOIN audit_heads h ON h.device_id = d.id WHERE d.id = :device")
_AUDIT_UPSERT = (
    "INSERT INTO audit_heads (device_id, seq, head, received_at) "
    "VALUES (:device, :seq, :hash, :at) ON CONFLICT (device_id) DO UPDATE "
    "SET seq = excluded.seq, head = excluded.head, received_at = excluded.received_at "
    "WHERE audit_heads.seq < excluded.seq")
_AUDIT_DEVICE = (
    "UPDATE devices SET audit_seq = MAX(COALESCE(audit_seq, 0), :seq), "
    "audit_head = CASE WHEN :seq >= COALESCE(audit_seq, 0) THEN :hash ELSE audit_head END "
    "WHERE id = :device")
# PostgreSQL: every CTE reads the rows as they were when the statement began (the device's
# row is this transaction's, locked since admit), so ``old`` and ``dev`` are the values
# ``_AUDIT_READ`` reads; the head only moves forward (the highest link of the device, one
# row per device, migration c0002): two instances on one device keep the higher.
_AUDIT_PG_CTES = (
    "old AS (SELECT seq, head FROM audit_heads WHERE device_id = :device), "
    "dev AS (SELECT audit_seq, audit_alert FROM devices WHERE id = :device), "
    "up AS (INSERT INTO audit_heads (device_id, seq, head, received_at) "
    "VALUES (:device, :seq, :hash, :at) ON CONFLICT (device_id) DO UPDATE "
    "SET seq = EXCLUDED.seq, head = EXCLUDED.head, received_at = EXCLUDED.received_at "
    "WHERE audit_heads.seq < EXCLUDED.seq), "
    "moved AS (UPDATE devices SET audit_seq = GREATEST(COALESCE(audit_seq, 0), :seq), "
    "audit_head = CASE WHEN :seq >= COALESCE(audit_seq, 0) THEN :hash ELSE audit_head END "
    "WHERE id = :device)")
_AUDIT_PG_SELECT = ("SELECT (SELECT seq FROM old), (SELECT head FROM old), "
                    "(SELECT audit_seq FROM dev), (SELECT audit_alert FROM dev)")


def _points(head: dict[str, Any]) -> dict[int, str]:
    """The links the outlet reports: its head, and the one the server acknowledged."""
    points = {head["seq"]: head["hash"]}
    if head.get("earlier"):
        points.setdefault(head["earlier"]["seq"], head["earlier"]["hash"])
    return points


def closing_aad(b: dict[str, Any], field: str) -> str:
    return f"day_closings/{b['outlet']}/{b['terminal']}/{b['sequence']}/{field}"


def seal_closing_text(seal: Sealer, b: dict[str, Any], field: str,
                      into: dict[str, Any] | None = None) -> dict[str, Any]:
    """``into`` (default: ``b`` without ``field``) with ``field``'s text sealed as
    ``field_ct`` (base64); dropped when its month was already shredded."""
    out = {k: v for k, v in b.items() if k != field} if into is None else into
    if b.get(field) is not None:
        ct = seal.seal(b["business_date"], orjson.dumps(b[field]), closing_aad(b, field))
        if ct is not None:
            out[f"{field}_ct"] = wire.b64(ct)
    return out


def _utc(stamp: str) -> str:
    try:
        return iso(datetime.fromisoformat(stamp))
    except ValueError:
        return datetime.now(UTC).isoformat()
