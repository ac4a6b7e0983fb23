"""Shipments in SQL: personal fields encrypted on the way in, decrypted on the way out.

The payment reference and the void reason are typed text and are treated the same:
under the shipment's own period key, shredded with its personal columns.

Statements are SQLAlchemy Core on the mapped tables: booking is the hot path and
Core keeps it close to a bare insert.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, and_, bindparam, exists, func, select, update

from ..domain.address import Address
from ..domain.party import Party
from ..domain.records import BookingChecks, CustomerMatch, NewShipment, ShipmentSummary
from ..domain.shipment import ShipmentRecord
from ..domain.stored_settings import (
    SYNC_DEVICE_ID,
    SYNC_REVOKED_DEVICE,
    TERMINAL,
    WAYBILL_SEQUENCE_FLOOR,
)
from . import free_text
from .cash_repo import NEVER_CLOSED_BEFORE
from .crypto import FieldCipher
from .hotpath import compile_named, compile_positional, cursor
from .keys import Keys, cipher_for, data_key_for
from .keystore import KeyStore
from .models import DayClosing, Meta, OutboxEvent, Shipment, User
from .timeutil import from_iso, period_of, to_iso

_s = Shipment.__table__
_u = User.__table__
_o = OutboxEvent.__table__
T = "shipments"
_PARTY_COLS = ("name", "phone", "email", "address")
_LOYALTY = "sender_loyalty_ct"  # the sender's loyalty card number, sealed as the phone is
PERSONAL_COLUMNS = (
    *(f"{who}_{c}_ct" for who in ("sender", "recipient") for c in _PARTY_COLS),
    _LOYALTY,
    "description_ct", "sender_phone_idx", "recipient_phone_idx",
    "payment_ref_ct", "void_reason_ct", "override_reason_ct",
)


# Built once: a statement object reused with bound parameters hits SQLAlchemy's compiled
# cache directly, where .values(...) would rebuild and re-key the statement per booking.
_INSERT, _INSERT_ORDER = compile_positional(
    _s.insert().values({c.name: bindparam(c.name) for c in _s.c}))
# Set by a restore of an older backup (storage/restore_check.py): numbers the replaced
# database had already given out are never given again. Read with the top number, in one
# statement (each booking asks).
_NEXT_SEQUENCE = compile_named(select(
    func.max(_s.c.sequence),
    select(Meta.__table__.c.value).where(Meta.__table__.c.key == bindparam("floor"))
    .scalar_subquery()).where(_s.c.outlet == bindparam("outlet"),
                              _s.c.terminal == bindparam("terminal")))
_COLUMNS = tuple(_s.c.keys())
if _INSERT_ORDER != _COLUMNS:  # add() binds a row made in _COLUMNS' order by position
    raise RuntimeError("the shipments INSERT does not bind the columns in table order")


def _meta_value(param: str) -> Any:
    m = Meta.__table__
    return select(m.c.value).where(m.c.key == bindparam(param)).scalar_subquery()


_dc = DayClosing.__table__
# Everything a booking checks before it numbers, in one statement (it was five, each with
# its own round trip through Python: benchmarks/README.md); the same conditions as
# closings.for_date, the device's meta rows, cash.never_closed_before and next_sequence.
_BOOKING_CHECKS = compile_named(select(
    exists().where(_dc.c.terminal == bindparam("terminal"),
                   _dc.c.business_date == bindparam("day"), _dc.c.reopened_at.is_(None)),
    _meta_value("device"), _meta_value("revoked"), _meta_value("enrolled"),
    NEVER_CLOSED_BEFORE.scalar_subquery(),
    select(func.max(_s.c.sequence)).where(_s.c.outlet == bindparam("outlet"),
                                          _s.c.terminal == bindparam("terminal"))
    .scalar_subquery(),
    _meta_value("floor")))
_CHECKED_META = {"device": SYNC_DEVICE_ID.key, "revoked": SYNC_REVOKED_DEVICE.key,
                 "enrolled": TERMINAL.key, "floor": WAYBILL_SEQUENCE_FLOOR.key}


def _address_json(address: dict[str, str]) -> bytes:
    """The address as sealed: JSON, sorted keys, UTF-8 (read back with json.loads, so rows
    sealed before with json.dumps's spaces read the same)."""
    return orjson.dumps(address, option=orjson.OPT_SORT_KEYS)


# The day list (today's page, the manager's review, the closing): thousands of rows, so
# the SQL is compiled once and rows are read positionally (benchmarks/bench_report.py).
_DAY_LIST = compile_named(
    select(_s.c.id, _s.c.waybill, _s.c.booked_at, _u.c.username, _s.c.service,
           _s.c.dest_district, _s.c.weight_g, _s.c.chargeable_kg, _s.c.pieces,
           _s.c.cod_amount, _s.c.total, _s.c.payment_method, _s.c.status,
           _s.c.weight_source, _s.c.prebooking_paid)
    .join(_u, _u.c.id == _s.c.clerk_id)
    .where(_s.c.business_date == bindparam("day")).order_by(_s.c.booked_at))
# Events not yet accepted by the server are few (the outbox drains), so one pass over
# them (on the status index; sent events may be millions) beats an EXISTS per row.
_UNSENT_AGGREGATES = compile_named(
    select(_o.c.aggregate_id).where(_o.c.status.in_(("pending", "parked"))), literal=True)


def _unsynced(shipment_id: Any) -> Any:
    return exists().where(and_(_o.c.aggregate_id == shipment_id, _o.c.status != "sent"))


class SqlShipments:
    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn = conn
        self._keys = keys
        self._store = store

    def next_sequence(self, outlet: int, terminal: int) -> int:
        top, floor = cursor(self._conn).execute(_NEXT_SEQUENCE, {
            "outlet": outlet, "terminal": terminal, "floor": WAYBILL_SEQUENCE_FLOOR.key}).fetchone()
        return _next(top, floor)

    def booking_checks(self, outlet: int, terminal: int, day: date) -> BookingChecks:
        closed, device, revoked, enrolled, unclosed, top, floor = cursor(self._conn).execute(
            _BOOKING_CHECKS, {**_CHECKED_META, "outlet": outlet, "terminal": terminal,
                              "day": day.isoformat()}).fetchone()
        return BookingChecks(bool(closed), device, revoked, enrolled, unclosed,
                             _next(top, floor))

    def add(self, s: NewShipment) -> None:
        now = to_iso(s.booked_at)
        key_id = data_key_for(self._conn, self._store, self._keys, period_of(s.booked_at), now)
        cipher = self._keys.ciphers[key_id]
        index = self._keys.index
        assert index is not None
        values: dict[str, Any] = {}
        for who, party in (("sender", s.sender), ("recipient", s.recipient)):
            for col, text in _party_fields(party).items():
                column = f"{who}_{col}_ct"
                values[column] = None if text is None else cipher.encrypt(text, T, column, s.id)
            values[f"{who}_phone_idx"] = index(party.phone)
        values[_LOYALTY] = free_text.encrypt(cipher, s.sender.loyalty_card, T, _LOYALTY, s.id)
        q, p = s.quote, s.parcel
        row = dict.fromkeys(_COLUMNS)
        row.update(
            id=s.id, waybill=s.waybill, outlet=s.outlet, terminal=s.terminal,
            sequence=s.sequence, booked_at=now, business_date=s.business_date.isoformat(),
            clerk_id=s.clerk_id, service=q.service, origin_district=s.origin_district,
            dest_district=s.recipient.address.district_code, weight_g=p.weight_g,
            volumetric_g=q.volumetric_weight_g, chargeable_kg=q.chargeable_kg,
            length_cm=p.length_cm, width_cm=p.width_cm, height_cm=p.height_cm,
            pieces=p.pieces, packing=p.packing, declared_value=p.declared_value,
            insured=int(p.insured), cod_amount=p.cod_amount, total=q.total,
            quote_json=orjson.dumps([[ln.code, ln.label, ln.amount] for ln in q.lines]).decode(),
            tariff_version=q.tariff_version, eta_date=q.eta_date.isoformat(),
            payment_method=s.payment.method, tendered=s.payment.tendered,
            payment_ref_ct=free_text.encrypt(cipher, s.payment.reference, T,
                                             "payment_ref_ct", s.id),
            status="booked", key_id=key_id,
            prebooking_code=s.prebooking.code if s.prebooking else None,
            prebooking_paid=s.prebooking.paid if s.prebooking else None,
            description_ct=cipher.encrypt(p.description, T, "description_ct", s.id),
            weight_source=s.weighing.source, scale_weight_g=s.weighing.scale_weight_g,
            override_reason_ct=free_text.encrypt(cipher, s.weighing.override_reason, T,
                                                 "override_reason_ct", s.id),
            **values,
        )
        # by position: row was made from dict.fromkeys(_COLUMNS), so its values are in order
        cursor(self._conn).execute(_INSERT, tuple(row.values()))

    def get(self, waybill: str) -> ShipmentRecord | None:
        row = self._conn.execute(
            select(_s, _u.c.username, _unsynced(_s.c.id).label("unsynced"))
            .join(_u, _u.c.id == _s.c.clerk_id).where(_s.c.waybill == waybill)
        ).first()
        if row is None:
            return None
        cipher = (cipher_for(self._conn, self._store, self._keys, row.key_id)
                  if row.personal_destroyed_at is None else None)
        return ShipmentRecord(
            id=row.id, waybill=row.waybill, booked_at=from_iso(row.booked_at),
            business_date=date.fromisoformat(row.business_date), clerk=row.username,
            service=row.service, origin_district=row.origin_district,
            dest_district=row.dest_district, weight_g=row.weight_g,
            volumetric_g=row.volumetric_g, chargeable_kg=row.chargeable_kg, pieces=row.pieces,
            declared_value=row.declared_value, insured=bool(row.insured),
            cod_amount=row.cod_amount, total=row.total,
            lines=tuple((c, lbl, a) for c, lbl, a in json.loads(row.quote_json)),
            eta_date=date.fromisoformat(row.eta_date), payment_method=row.payment_method,
            tendered=row.tendered,
            payment_ref=free_text.decrypt(cipher, row.payment_ref_ct, T, "payment_ref_ct",
                                          row.id),
            status=row.status,
            void_reason=free_text.decrypt(cipher, row.void_reason_ct, T, "void_reason_ct",
                                          row.id),
            sender=_party(cipher, row, "sender") if cipher else None,
            recipient=_party(cipher, row, "recipient") if cipher else None,
            description=(cipher.decrypt(row.description_ct, T, "description_ct", row.id)
                         if cipher else None),
            dims_cm=(row.length_cm, row.width_cm, row.height_cm), packing=row.packing,
            tariff_version=row.tariff_version, synced=not row.unsynced,
            weight_source=row.weight_source, scale_weight_g=row.scale_weight_g,
            override_reason=free_text.decrypt(cipher, row.override_reason_ct, T,
                                              "override_reason_ct", row.id),
        )

    def list_day(self, day: date) -> list[ShipmentSummary]:
        cur = cursor(self._conn)
        unsent = {r[0] for r in cur.execute(_UNSENT_AGGREGATES)}
        return [ShipmentSummary(waybill, from_iso(at), clerk, service, dest, weight_g, kg,
                                pieces, cod, total, method, status, sid not in unsent, source,
                                paid or 0)
                for sid, waybill, at, clerk, service, dest, weight_g, kg, pieces, cod, total,
                method, status, source, paid
                in cur.execute(_DAY_LIST, {"day": day.isoformat()}).fetchall()]

    def waybills_by_phone(self, e164: str, day: date) -> list[str]:
        """Waybills of ``day`` whose sender or recipient has this phone (blind index)."""
        assert self._keys.index is not None
        idx = self._keys.index(e164)
        rows = self._conn.execute(select(_s.c.waybill).where(
            _s.c.business_date == day.isoformat(),
            (_s.c.sender_phone_idx == idx) | (_s.c.recipient_phone_idx == idx))).scalars()
        return list(rows)

    def find_by_phone(self, e164: str, limit: int) -> list[CustomerMatch]:
        assert self._keys.index is not None
        idx = self._keys.index(e164)
        found: OrderedDict[tuple[str, str], CustomerMatch] = OrderedDict()
        for who in ("sender", "recipient"):
            cols = [_s.c[f"{who}_{c}_ct"] for c in _PARTY_COLS]
            cols += [_s.c[_LOYALTY]] if who == "sender" else []
            rows = self._conn.execute(
                select(_s.c.id, _s.c.key_id, _s.c.booked_at, *cols)
                .where(_s.c[f"{who}_phone_idx"] == idx, _s.c.personal_destroyed_at.is_(None))
                .order_by(_s.c.booked_at.desc()).limit(limit)
            ).all()
            for r in rows:
                cipher = cipher_for(self._conn, self._store, self._keys, r.key_id)
                if cipher is None:
                    continue
                party = _party(cipher, r, who)
                if party.phone != e164:  # a blind-index collision: vanishingly rare, but exact
                    continue
                key = (party.name.casefold(), party.address.village_code + party.address.street)
                at = from_iso(r.booked_at)
                prev = found.get(key)
                if prev is None:
                    found[key] = CustomerMatch(party, at, who, 1)
                else:
                    newer = at > prev.last_used
                    found[key] = CustomerMatch(_with_card(party, prev.party.loyalty_card)
                                               if newer else
                                               _with_card(prev.party, party.loyalty_card),
                                               max(at, prev.last_used),
                                               who if newer else prev.as_role, prev.times + 1)
        return sorted(found.values(), key=lambda m: m.last_used, reverse=True)[:limit]

    def mark_void(self, waybill: str, reason: str, by_user: int, now: datetime) -> None:
        row = self._conn.execute(select(_s.c.id, _s.c.key_id, _s.c.personal_destroyed_at)
                                 .where(_s.c.waybill == waybill)).first()
        if row is None:
            return
        # A shipment already past retention has no key left: its reason stays only in the
        # audit row (under this month's key), never in clear here.
        cipher = (cipher_for(self._conn, self._store, self._keys, row.key_id)
                  if row.personal_destroyed_at is None else None)
        ct = free_text.encrypt(cipher, reason, T, "void_reason_ct", row.id) if cipher else None
        self._conn.execute(update(_s).where(_s.c.id == row.id).values(
            status="void", void_reason_ct=ct, voided_by=by_user, voided_at=to_iso(now)))


def _next(top: int | None, floor: str | None) -> int:
    return max(top or 0, int(floor) if floor and floor.isdigit() else 0) + 1


def _party_fields(party: Party) -> dict[str, str | bytes | None]:
    return {
        "name": party.name, "phone": party.phone, "email": party.email,
        "address": _address_json(party.address.to_dict()),
    }


def _party(cipher: FieldCipher, row: Any, who: str) -> Party:
    def dec(col: str) -> str | None:
        column = f"{who}_{col}_ct"
        blob = getattr(row, column)
        return None if blob is None else cipher.decrypt(blob, T, column, row.id)

    address = Address.from_dict(json.loads(dec("address") or "{}"))
    card = getattr(row, _LOYALTY, None) if who == "sender" else None
    return Party(name=dec("name") or "", phone=dec("phone") or "", address=address,
                 email=dec("email"),
                 loyalty_card=None if card is None else cipher.decrypt(card, T, _LOYALTY,
                                                                       row.id))


def _with_card(party: Party, card: str | None) -> Party:
    """The repeat customer keeps the card of their latest booking as a sender that had one
    (a booking as a recipient, or one where they gave none, does not forget it)."""
    return party if party.loyalty_card or card is None else replace(party, loyalty_card=card)
