"""The shipment.created body is built as a plain dict and checked whole against its model.

``services.events.shipment_created`` no longer builds a model per part and dumps it (the
booking's largest cost after the commit, benchmarks/README.md): it writes the dict the
model would dump and validates it in one pass. These tests hold the two to the same
bytes, and show that a body the model refuses is still refused before it is queued.
"""

from __future__ import annotations

import dataclasses

import pydantic
import pytest

from outlet_pos.protocol import events as proto
from outlet_pos.protocol import wire
from outlet_pos.services import events
from tests.unit.test_protocol_bodies import _shipment


@pytest.mark.parametrize("email,reference,cod,description", [
    (None, None, 0, "baju"), ("siti@example.co.id", "QR-123", 75000, "kain batik\ntulis"),
])
def test_the_dict_is_what_the_model_dumps(email, reference, cod, description):
    body = events.shipment_created(_shipment(email, reference, cod, description), "kasir1")
    dumped = proto.ShipmentCreated.model_validate(body).body()
    assert dumped == body
    assert wire.canonical(dumped) == wire.canonical(body)


def test_a_body_the_model_refuses_is_refused_when_built():
    s = _shipment(None, None, 0, "baju")
    bad = dataclasses.replace(s, waybill="X" * 17)  # the model allows 16 characters
    with pytest.raises(pydantic.ValidationError):
        events.shipment_created(bad, "kasir1")
    nul = dataclasses.replace(s, parcel=dataclasses.replace(s.parcel, description="a\x00b"))
    with pytest.raises(pydantic.ValidationError):
        events.shipment_created(nul, "kasir1")
