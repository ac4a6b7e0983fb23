"""The rules of a customer's requests (domain/customer_requests.py): holds, corrections,
fields, references and periods; and the two event models' bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError as ModelError

from outlet_pos.domain import customer_requests as rules
from outlet_pos.domain.customer_requests import Hold, ShipmentFacts
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.roles import PERMISSIONS, Action, Role
from outlet_pos.protocol import events
from outlet_pos.protocol.customer_events import CustomerErased, ShipmentCorrected

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def facts(**kw) -> ShipmentFacts:
    base = dict(waybill="0042030000011", status="booked", cod_amount=0, synced=True,
                tracking_status="DELIVERED", tracking_at=NOW - timedelta(days=1))
    return ShipmentFacts(**{**base, **kw})


def test_a_delivered_synced_shipment_without_cod_has_no_hold():
    assert rules.holds(facts(), NOW) == ()
    assert rules.holds(facts(tracking_status="RETURNED"), NOW) == ()


@pytest.mark.parametrize("status", [None, "BOOKED", "PICKED_UP", "IN_TRANSIT",
                                    "OUT_FOR_DELIVERY", "FAILED_DELIVERY"])
def test_a_parcel_not_handed_over_is_held_for_delivery(status):
    assert rules.holds(facts(tracking_status=status), NOW) == (Hold.IN_DELIVERY,)


def test_cod_holds_until_settled_after_delivery():
    delivered = NOW - timedelta(days=rules.COD_SETTLE_DAYS - 1)
    assert rules.holds(facts(cod_amount=150_000, tracking_at=delivered), NOW) == (
        Hold.COD_OPEN,)
    settled = NOW - timedelta(days=rules.COD_SETTLE_DAYS, seconds=1)
    assert rules.holds(facts(cod_amount=150_000, tracking_at=settled), NOW) == ()
    assert rules.holds(facts(cod_amount=1, tracking_status="IN_TRANSIT"), NOW) == (
        Hold.IN_DELIVERY, Hold.COD_OPEN)


def test_unsynced_is_a_hold_even_for_a_void_shipment():
    assert rules.holds(facts(synced=False), NOW) == (Hold.NOT_SYNCED,)
    assert rules.holds(facts(status="void", tracking_status=None), NOW) == ()
    assert rules.holds(facts(status="void", synced=False, cod_amount=9), NOW) == (
        Hold.NOT_SYNCED,)


def test_plan_splits_erasable_from_held_and_skips_the_erased():
    plan = rules.plan_erasure([facts(waybill="A"), facts(waybill="B", tracking_status=None),
                               facts(waybill="C", erased=True)], NOW)
    assert plan.erasable == ("A",)
    assert plan.held == (("B", (Hold.IN_DELIVERY,)),)


def test_a_correction_only_on_a_parcel_still_on_its_way():
    assert rules.correction_problem(facts(tracking_status="IN_TRANSIT")) is None
    assert rules.correction_problem(facts(tracking_status=None)) is None
    for refused in (facts(), facts(tracking_status="RETURNED"),
                    facts(status="void", tracking_status=None),
                    facts(tracking_status=None, synced=False),
                    facts(tracking_status=None, erased=True)):
        assert rules.correction_problem(refused) is not None


def test_fields_that_may_be_corrected():
    assert rules.parse_field(" Recipient.Street ").text == "recipient.street"
    assert rules.parse_field("sender.phone") == rules.FieldPath("sender", "phone")
    for bad in ("recipient.postal_code", "recipient.district", "payer.name", "street", ""):
        with pytest.raises(ValidationError) as e:
            rules.parse_field(bad)
        assert e.value.fields == ["field"]


def test_the_reference_is_required_and_cleaned():
    assert rules.clean_reference("  Surat 12/XII  ") == "Surat 12/XII"
    for bad in ("", "ab", "x" * (rules.MAX_REFERENCE + 1), "Surat\u202e12"):
        with pytest.raises(ValidationError) as e:
            rules.clean_reference(bad)
        assert e.value.fields == ["reference"]


def test_periods():
    assert rules.correction_expires(NOW) == NOW + timedelta(days=90)
    assert rules.figures_kept_until(date(2026, 11, 25)) == date(2036, 11, 25)
    assert rules.figures_kept_until(date(2028, 2, 29)) == date(2038, 2, 28)


def test_only_a_manager_answers_a_customers_request():
    for action in (Action.CUSTOMER_COPY, Action.CUSTOMER_CORRECT, Action.CUSTOMER_ERASE):
        assert PERMISSIONS[action] == frozenset({Role.MANAGER})


def test_the_event_models_are_registered_and_bounded():
    assert {"shipment.corrected", "customer.erased"} <= set(events.kinds())
    good = dict(shipment_id="s-1", waybill="0042030000011", field="recipient.street",
                value="Jl. Baru 1", corrected_at=NOW.isoformat(), outlet=42)
    assert ShipmentCorrected(**good).body()["field"] == "recipient.street"
    for bad in ({"field": "recipient.postal_code"}, {"value": ""}, {"value": "x" * 201}):
        with pytest.raises(ModelError):
            ShipmentCorrected(**{**good, **bad})
    erased = dict(request_id="r-1", outlet=42, erased_at=NOW.isoformat())
    with pytest.raises(ModelError):
        CustomerErased(**erased, shipments=[])
    with pytest.raises(ModelError):
        CustomerErased(**erased, shipments=[{"shipment_id": "s", "waybill": "w"}] * 501)
