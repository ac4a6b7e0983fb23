"""Pre-bookings for the drop-off tests: a booking as the courier's app would make it from
an order, signed into a QR with a test key the counter is given (as the server's keys)."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from outlet_pos.bootstrap import App
from outlet_pos.protocol.prebooking import Prebooked, PrebookingRequest, encode_qr, key_id_of


def request_from(order: dict, *, quoted_total: int, paid: int, weight_g: int = 1000,
                 service: str = "REG") -> PrebookingRequest:
    """What the app POSTs for ``order`` (examples/shipment.json's shape)."""
    parcel = order["parcel"]
    return PrebookingRequest.model_validate({
        "sender": order["sender"], "recipient": order["recipient"],
        "parcel": {"weight_g": weight_g, "length_cm": 30, "width_cm": 20, "height_cm": 10,
                   "pieces": 1, "description": parcel["description"],
                   "declared_value": parcel.get("declared_value"),
                   "packing": parcel.get("packing")},
        "service": service, "quoted_total": quoted_total, "paid": paid})


def prebooked(order: dict, now: datetime, **kw) -> Prebooked:
    return Prebooked.issue(request_from(order, **kw), now.astimezone(UTC))


def give_keys(app: App, key: Ed25519PrivateKey, now: datetime) -> None:
    """The counter keeps ``key``'s public half as the server's (what a sync stores)."""
    raw = key.public_key().public_bytes_raw()
    with app.db.uow(write=True) as uow:
        uow.prebookings.set_keys({key_id_of(raw): raw}, now)
        uow.commit()


def qr(p: Prebooked, key: Ed25519PrivateKey) -> str:
    return encode_qr(p, key)
