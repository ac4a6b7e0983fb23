"""The bodies of outbox events: what the central server receives for each change.

Each body is built through its kind's protocol model (``protocol/events.py``), so the
outlet sends only what the server accepts. This is the wire content; it holds personal
data, so the outbox stores it encrypted and the sync client sends it only over TLS.
"""

from __future__ import annotations

from typing import Any

from ..domain.party import Party
from ..domain.records import NewShipment
from ..protocol.events import SCHEMA, EventBody, ShipmentCreated, ShipmentVoided

# the models too: a service names the kind it queues as ShipmentCreated.KIND
__all__ = ["ShipmentCreated", "ShipmentVoided", "shipment_created", "shipment_voided"]


def _party(p: Party) -> dict[str, Any]:
    out = {"name": p.name, "phone": p.phone, "email": p.email, "address": p.address.to_dict()}
    if p.loyalty_card is not None:  # absent when none: the body as it always was
        out["loyalty_card"] = p.loyalty_card
    return out


def shipment_created(s: NewShipment, clerk: str) -> dict[str, Any]:
    """The body as its model dumps it, checked against the model in one pass.

    Built as the model's own dump (every field, ``None`` too) and validated whole: one
    validation instead of a model per part and a dump, a booking's largest cost after
    the commit (benchmarks/README.md). tests/unit/test_protocol_bodies.py holds the
    model's dump of it to the same bytes."""
    q, p = s.quote, s.parcel
    body = {
        "schema": SCHEMA, "shipment_id": s.id, "waybill": s.waybill, "outlet": s.outlet,
        "terminal": s.terminal, "booked_at": s.booked_at.isoformat(),
        "business_date": s.business_date.isoformat(), "clerk": clerk, "service": q.service,
        "origin_district": s.origin_district,
        "dest_district": s.recipient.address.district_code,
        "sender": _party(s.sender), "recipient": _party(s.recipient),
        "parcel": {
            "weight_g": p.weight_g, "length_cm": p.length_cm, "width_cm": p.width_cm,
            "height_cm": p.height_cm, "pieces": p.pieces, "description": p.description,
            "declared_value": p.declared_value, "insured": p.insured,
            "cod_amount": p.cod_amount, "packing": p.packing,
            **s.weighing.wire_fields(),  # absent unless a scale reading was on screen
        },
        "quote": q.to_dict(),
        "payment": {"method": s.payment.method, "tendered": s.payment.tendered,
                    "reference": s.payment.reference},
    }
    if s.prebooking is not None:  # absent otherwise (OMIT_IF_NONE): older bodies hash the same
        body["prebooking"] = s.prebooking.to_dict()
    _check(ShipmentCreated, body)
    return body


def _check(model: type[EventBody], body: dict[str, Any]) -> None:
    """Raise pydantic's ValidationError unless ``model`` accepts ``body`` as it is."""
    model.__pydantic_validator__.validate_python(body)


def shipment_voided(shipment_id: str, waybill: str, reason: str, by: str,
                    at: str) -> dict[str, Any]:
    return ShipmentVoided(schema=SCHEMA, shipment_id=shipment_id, waybill=waybill,
                          reason=reason, voided_by=by, voided_at=at).body()
