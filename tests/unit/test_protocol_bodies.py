"""Bodies built through the protocol's models are byte for byte the bodies built before.

Old outbox rows and the server's stored hashes depend on the canonical body, so a body
the models build must hash as the hand-built dict did. ``_old_*`` are the builders as
they were written before the protocol package (services/events.py, closing.py and
cash.py), kept here verbatim as the reference.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from outlet_pos.domain.address import Address
from outlet_pos.domain.parcel import Parcel
from outlet_pos.domain.party import Party
from outlet_pos.domain.records import NewShipment
from outlet_pos.domain.shipment import Payment
from outlet_pos.domain.tariff import Quote, QuoteLine
from outlet_pos.domain.waybill import make_waybill
from outlet_pos.protocol import customer_events, shift_events, wire
from outlet_pos.protocol import events as proto
from outlet_pos.protocol.problems import body_problem
from outlet_pos.services import events

WIB = timezone(timedelta(hours=7))
SCHEMA = 1


def _old_party(p: Party) -> dict[str, Any]:
    return {"name": p.name, "phone": p.phone, "email": p.email, "address": p.address.to_dict()}


def _old_shipment_created(s: NewShipment, clerk: str) -> dict[str, Any]:
    q, p = s.quote, s.parcel
    return {
        "schema": SCHEMA, "shipment_id": s.id, "waybill": s.waybill, "outlet": s.outlet,
        "terminal": s.terminal, "booked_at": s.booked_at.isoformat(),
        "business_date": s.business_date.isoformat(), "clerk": clerk, "service": q.service,
        "origin_district": s.origin_district,
        "dest_district": s.recipient.address.district_code,
        "sender": _old_party(s.sender), "recipient": _old_party(s.recipient),
        "parcel": {
            "weight_g": p.weight_g, "length_cm": p.length_cm, "width_cm": p.width_cm,
            "height_cm": p.height_cm, "pieces": p.pieces, "description": p.description,
            "declared_value": p.declared_value, "insured": p.insured,
            "cod_amount": p.cod_amount, "packing": p.packing,
        },
        "quote": q.to_dict(),
        "payment": {"method": s.payment.method, "tendered": s.payment.tendered,
                    "reference": s.payment.reference},
    }


def _old_closing(outlet: int, terminal: int, seq: int, day: date, closed_at: str, by: str,
                 figures: dict[str, int], note: str | None,
                 counts: dict[int, int]) -> dict[str, Any]:
    body: dict[str, Any] = {
        "schema": SCHEMA, "outlet": outlet, "terminal": terminal, "sequence": seq,
        "business_date": day.isoformat(), "closed_at": closed_at, "closed_by": by,
        **figures}
    if note:
        body["note"] = note
    if counts:
        body["denominations"] = {str(k): v for k, v in counts.items()}
    return body


def _old_cash(row_id: str, outlet: int, terminal: int, day: date, kind: str, value: int,
              at: str, by: str, why: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "schema": SCHEMA, "id": row_id, "outlet": outlet, "terminal": terminal,
        "business_date": day.isoformat(), "kind": kind, "amount": value, "at": at, "by": by}
    if why:
        body["reason"] = why
    return body


def _address(district: str) -> Address:
    return Address(street="Jl. Merdeka No. 10, RT 01/RW 02", village="Gambir",
                   district="Gambir", city="Kota Jakarta Pusat", province="DKI Jakarta",
                   postal_code="10110", village_code=f"{district}.1001",
                   district_code=district)


def _shipment(email: str | None, reference: str | None, cod: int,
              description: str) -> NewShipment:
    quote = Quote(service="REG", service_name="Reguler", actual_weight_g=1200,
                  volumetric_weight_g=2000, chargeable_kg=2, price_per_kg=9000,
                  lines=(QuoteLine("freight", "Ongkos kirim", 18000),
                         QuoteLine("cod_fee", "Biaya COD", 2500)),
                  total=20500, eta_min_days=2, eta_max_days=3, eta_date=date(2026, 11, 28),
                  tariff_version="2026.11-1")
    return NewShipment(
        id="0b6f6c4e-2a4c-4b8e-9a57-3f1f0d6f0a11", waybill=make_waybill(12, 3, 45),
        outlet=12, terminal=3, sequence=45,
        booked_at=datetime(2026, 11, 25, 9, 30, 15, 123456, tzinfo=WIB),
        business_date=date(2026, 11, 25), clerk_id=2, origin_district="32.73.02",
        sender=Party(name="Siti Ñurhaliza ☺", phone="+6281234567890",
                     address=_address("32.73.02"), email=email),
        recipient=Party(name="Budi \"Santoso\"", phone="+6285712345678",
                        address=_address("31.71.01")),
        parcel=Parcel(weight_g=1200, length_cm=30, width_cm=20, height_cm=20,
                      description=description, pieces=2, declared_value=150000,
                      insured=True, cod_amount=cod, packing="kayu"),
        quote=quote, payment=Payment(method="qris" if reference else "cash",
                                     tendered=None if reference else 50000,
                                     reference=reference))


def _same_bytes(new: dict[str, Any], old: dict[str, Any]) -> None:
    # the bytes the outbox stores (storage/repos.py) and the hash the server keeps
    assert json.dumps(new, ensure_ascii=False, sort_keys=True, separators=(",", ":")) == \
        json.dumps(old, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert wire.body_hash(new) == wire.body_hash(old)


@pytest.mark.parametrize("email,reference,cod,description", [
    (None, None, 0, "baju"), ("siti@example.co.id", "QR-123", 75000, "kain batik\ntulis"),
])
def test_shipment_created_is_the_old_body(email, reference, cod, description):
    s = _shipment(email, reference, cod, description)
    new = events.shipment_created(s, "kasir1")
    _same_bytes(new, _old_shipment_created(s, "kasir1"))
    assert body_problem(proto.SHIPMENT_CREATED, new) is None


def test_shipment_voided_is_the_old_body():
    old = {"schema": SCHEMA, "shipment_id": "s-1", "waybill": make_waybill(12, 3, 45),
           "reason": "salah ketik alamat", "voided_by": "manajer",
           "voided_at": "2026-11-25T10:00:00+07:00"}
    new = events.shipment_voided("s-1", make_waybill(12, 3, 45), "salah ketik alamat",
                                 "manajer", "2026-11-25T10:00:00+07:00")
    _same_bytes(new, old)
    assert body_problem(proto.SHIPMENT_VOIDED, new) is None


FIGURES = {"shipments": 41, "voided": 2, "revenue": 987500, "cash_expected": 600000,
           "cash_counted": 598000, "difference": -2000, "float": 100000, "cash_in": 0,
           "cash_out": 25000}


@pytest.mark.parametrize("note,counts", [(None, {}), ("uang receh kurang", {50000: 11,
                                                                              1000: 48})])
def test_day_closed_is_the_old_body(note, counts):
    old = _old_closing(12, 3, 7, date(2026, 11, 25), "2026-11-25T21:00:00+07:00", "manajer",
                       FIGURES, note, counts)
    new = proto.DayClosed(
        schema=SCHEMA, outlet=12, terminal=3, sequence=7, business_date="2026-11-25",
        closed_at="2026-11-25T21:00:00+07:00", closed_by="manajer", note=note,
        denominations={str(k): v for k, v in counts.items()} or None,
        **FIGURES).body()
    _same_bytes(new, old)
    assert ("note" in new) is bool(note) and ("denominations" in new) is bool(counts)


def test_day_reopened_is_the_old_body():
    old = {"schema": SCHEMA, "outlet": 12, "terminal": 3, "sequence": 7,
           "business_date": "2026-11-25", "reopened_at": "2026-11-26T08:00:00+07:00",
           "reopened_by": "manajer", "reason": "kas salah hitung"}
    new = proto.DayReopened(schema=SCHEMA, outlet=12, terminal=3, sequence=7,
                            business_date="2026-11-25",
                            reopened_at="2026-11-26T08:00:00+07:00", reopened_by="manajer",
                            reason="kas salah hitung").body()
    _same_bytes(new, old)


@pytest.mark.parametrize("kind,why", [("float", None), ("out", "beli lakban")])
def test_cash_moved_is_the_old_body(kind, why):
    args = ("c-1", 12, 3, date(2026, 11, 25), kind, 50000, "2026-11-25T08:00:00+07:00",
            "kasir1", why)
    new = proto.CashMoved(schema=SCHEMA, id="c-1", outlet=12, terminal=3,
                          business_date="2026-11-25", kind=kind, amount=50000,
                          at="2026-11-25T08:00:00+07:00", by="kasir1", reason=why).body()
    _same_bytes(new, _old_cash(*args))
    assert ("reason" in new) is bool(why)


def test_the_services_build_every_kind_through_its_model():
    # the kinds' names exist once: every built-in kind has its model, and nothing else
    assert proto.kinds() == (proto.SHIPMENT_CREATED, proto.SHIPMENT_VOIDED,
                             proto.DAY_CLOSED, proto.DAY_REOPENED, proto.CASH_MOVED,
                             customer_events.SHIPMENT_CORRECTED,
                             customer_events.CUSTOMER_ERASED,
                             shift_events.SHIFT_OPENED, shift_events.SHIFT_CLOSED)
    for kind in proto.kinds():
        model = proto.model_of(kind)
        assert model is not None and kind == model.KIND
