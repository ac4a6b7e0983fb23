"""A new event kind is added in one place, the protocol's registry, and is then built,
synced, validated and documented (issue 19's done-when test).

The fixture registers a throw-away model and takes it away afterwards; nothing else in
the outlet, the sync client or the server is told about it. The server has no code of
its own for the kind, so it keeps it as a generic event (``protocol/events.py``, "How to
add an event kind").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import ClassVar

import pytest
from sqlalchemy import select

from outlet_pos.central.app import create_app
from outlet_pos.central.models import Event
from outlet_pos.protocol import events
from outlet_pos.protocol.bounds import IsoDate, Whole, text

MANAGER = ("manajer", "rahasia-manajer")
KIND = "parcel.weighed_again"


class ParcelWeighedAgain(events.EventBody):
    """A parcel weighed once more at the counter (a kind made up for this test)."""

    KIND: ClassVar[str] = KIND
    waybill: text(16)  # type: ignore[valid-type]
    business_date: IsoDate
    weight_g: Whole


@pytest.fixture
def new_kind() -> Iterator[type[ParcelWeighedAgain]]:
    assert events.model_of(KIND) is None
    events.register(ParcelWeighedAgain)
    try:
        yield ParcelWeighedAgain
    finally:
        events.unregister(KIND)
    assert KIND not in events.kinds()


def _queue(app, body: dict) -> str:
    with app.db.uow(write=True) as uow:
        event_id = uow.outbox.add(KIND, "weighed-1", body, app.db.clock())
        uow.commit()
    return event_id


def _received(central) -> dict[str, str]:
    with central.engine.connect() as c:
        return dict(c.execute(select(Event.event_id, Event.kind)).all())


def test_a_kind_registered_once_is_built_synced_validated_and_documented(
        new_kind, enrolled, central):
    body = new_kind(waybill="0042030000001", business_date="2026-11-25",
                    weight_g=1250).body()
    assert body == {"waybill": "0042030000001", "business_date": "2026-11-25",
                    "weight_g": 1250}
    good = _queue(enrolled, body)
    report = enrolled.sync.sync_once()
    assert (report.applied, report.parked, report.remaining) == (1, 0, 0)
    assert _received(central) == {good: KIND}

    # A body its model refuses (a date the server's key months cannot take) is that
    # event's refusal, with a reason, while the rest of the queue goes on.
    bad = _queue(enrolled, {**body, "business_date": "20261125", "weight_g": 900})
    report = enrolled.sync.sync_once()
    assert (report.applied, report.parked) == (0, 1)
    assert bad not in _received(central)
    refused = enrolled.refused.list()
    assert [r.kind for r in refused] == [KIND]
    assert refused[0].reason == "the event's data is not valid for the server"
    answer = enrolled.worker.client().upload([{
        "id": "0b6f6c4e-2a4c-4b8e-9a57-3f1f0d6f0a12", "kind": KIND,
        "created_at": "2026-11-25T02:00:00+00:00", "body": {**body, "weight_g": -1}}], None)
    assert answer == [{"id": "0b6f6c4e-2a4c-4b8e-9a57-3f1f0d6f0a12", "result": "rejected",
                       "reason": "field weight_g is out of range"}]

    app = create_app(central.engine, central.secrets)
    doc = json.loads(json.dumps(app.openapi()))
    schemas = doc["components"]["schemas"]
    mapping = schemas["OutboxEvent"]["discriminator"]["mapping"]
    assert mapping[KIND] == "#/components/schemas/ParcelWeighedAgainEvent"
    assert set(mapping) == set(events.kinds())
    fields = schemas["ParcelWeighedAgain"]
    assert set(fields["required"]) == {"waybill", "business_date", "weight_g"}
    assert fields["properties"]["weight_g"]["maximum"] == 2**31 - 1


def test_without_the_registration_the_server_does_not_know_the_kind(enrolled, central):
    client = enrolled.worker.client()
    event = {"id": "0b6f6c4e-2a4c-4b8e-9a57-3f1f0d6f0a11", "kind": KIND,
             "created_at": "2026-11-25T02:00:00+00:00",
             "body": {"waybill": "0042030000001", "business_date": "2026-11-25",
                      "weight_g": 1250}}
    with pytest.raises(Exception, match="unknown event kind"):
        client.upload([event], None)
    schemas = create_app(central.engine, central.secrets).openapi()["components"]["schemas"]
    assert "ParcelWeighedAgainEvent" not in schemas
