"""A pre-booking as the courier's app POSTs it, every personal field a canary
(tests/reliability/pii.py), for the server's pre-booking tests."""

from __future__ import annotations

from typing import Any

from tests.reliability import pii


def canary_booking() -> dict[str, Any]:
    return {
        "sender": {"name": pii.SENDER_NAME, "phone": pii.SENDER_PHONE, "email": pii.EMAIL,
                   "address": {"street": pii.SENDER_STREET, "district": "Tanah Abang",
                               "city": "Jakarta Pusat", "postal_code": "10240",
                               "district_code": "31.71.08"}},
        "recipient": {"name": pii.RECIPIENT_NAME, "phone": pii.RECIPIENT_PHONE,
                      "address": {"street": pii.RECIPIENT_STREET, "district": "Sukajadi",
                                  "city": "Kota Bandung", "postal_code": "40162",
                                  "district_code": "32.73.12"}},
        "parcel": {"weight_g": 1500, "length_cm": 30, "width_cm": 20, "height_cm": 10,
                   "description": pii.DESCRIPTION, "declared_value": 250_000},
        "service": "REG", "quoted_total": 27_000, "paid": 27_000}
