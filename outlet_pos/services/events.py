"""The bodies of outbox events: what the central server receives for each change.

This is the wire content; it holds personal data, so the outbox stores it
encrypted and the sync client sends it only over TLS.
"""

from __future__ import annotations

from typing import Any

from ..domain.party import Party
from ..domain.records import NewShipment

SCHEMA = 1


def _party(p: Party) -> dict[str, Any]:
    return {"name": p.name, "phone": p.phone, "email": p.email, "address": p.address.to_dict()}


def shipment_created(s: NewShipment, clerk: str) -> dict[str, Any]:
    q, p = s.quote, s.parcel
    return {
        "schema": SCHEMA,
        "shipment_id": s.id,
        "waybill": s.waybill,
        "outlet": s.outlet,
        "terminal": s.terminal,
        "booked_at": s.booked_at.isoformat(),
        "business_date": s.business_date.isoformat(),
        "clerk": clerk,
        "service": q.service,
        "origin_district": s.origin_district,
        "dest_district": s.recipient.address.district_code,
        "sender": _party(s.sender),
        "recipient": _party(s.recipient),
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


def shipment_voided(shipment_id: str, waybill: str, reason: str, by: str,
                    at: str) -> dict[str, Any]:
    return {"schema": SCHEMA, "shipment_id": shipment_id, "waybill": waybill,
            "reason": reason, "voided_by": by, "voided_at": at}
