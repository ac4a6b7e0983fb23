"""How a weight was had (domain/weighing.py): scale, typed, or typed over the scale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import outlet_pos.i18n as i18n
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.shipment import parse_order, parse_weight_g
from outlet_pos.domain.weighing import (
    NOT_WEIGHED,
    OVERRIDE,
    REASON_MAX,
    SCALE,
    TYPED,
    kg_text,
    parse_weighing,
    weighing_for,
)
from outlet_pos.i18n import set_language
from outlet_pos.i18n.fields import problem_text
from outlet_pos.refdata.regions import LokalRegionDirectory

EXAMPLE = json.loads((Path(__file__).resolve().parents[2] / "examples" / "shipment.json")
                     .read_text())


def test_no_reading_on_screen_is_typed_whatever_the_order_says():
    assert weighing_for(1310, None) == NOT_WEIGHED
    assert parse_weighing({"weight_source": SCALE}, 1310).source == TYPED


def test_the_reading_booked_to_the_gram_is_from_the_scale():
    w = weighing_for(1503, 1503, reason="ignored")
    assert (w.source, w.scale_weight_g, w.override_reason) == (SCALE, 1503, None)
    assert not w.overridden


def test_another_weight_than_the_reading_needs_a_reason():
    with pytest.raises(ValidationError) as e:
        weighing_for(1000, 1503)
    assert e.value.fields == ["override_reason"]
    w = weighing_for(1000, 1503, reason="timbangan goyang")
    assert (w.source, w.scale_weight_g, w.override_reason) == (OVERRIDE, 1503,
                                                               "timbangan goyang")
    assert w.overridden
    details = w.audit_details(1000)
    assert details == {"scale_weight_g": 1503, "weight_g": 1000,
                       "override_reason": "timbangan goyang"}


def test_the_source_is_worked_out_not_taken_from_the_order():
    """An order claiming the scale with a lighter weight is still an override."""
    parcel = {"weight_source": SCALE, "scale_weight_g": 2500}
    with pytest.raises(ValidationError):
        parse_weighing(parcel, 1500)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_blank_reason_is_no_reason(reason):
    with pytest.raises(ValidationError) as e:
        parse_weighing({"scale_weight_g": 2000, "override_reason": reason}, 1900)
    assert e.value.fields == ["override_reason"]


def test_the_reason_is_at_most_200_characters_and_clean():
    parcel = {"scale_weight_g": 2000, "override_reason": "x" * (REASON_MAX + 1)}
    with pytest.raises(ValidationError) as e:
        parse_weighing(parcel, 1900)
    assert e.value.fields == ["override_reason"]
    parcel["override_reason"] = "  karung\tbasah  "
    assert parse_weighing(parcel, 1900).override_reason == "karung basah"
    parcel["override_reason"] = "a\u202eb"  # a direction override hides what was typed
    with pytest.raises(ValidationError):
        parse_weighing(parcel, 1900)


@pytest.mark.parametrize("bad", [0, -5, True, "1500", 1.5, 10**9 + 1])
def test_a_reading_is_whole_grams_above_zero(bad):
    with pytest.raises(ValidationError) as e:
        parse_weighing({"scale_weight_g": bad}, 1500)
    assert e.value.fields == ["scale_weight_g"]


def test_an_unknown_source_is_refused():
    with pytest.raises(ValidationError) as e:
        parse_weighing({"weight_source": "guess"}, 1500)
    assert e.value.fields == ["weight_source"]


@pytest.mark.parametrize("grams,text", [(1503, "1.503"), (1500, "1.5"), (1000, "1"),
                                        (5, "0.005"), (30250, "30.25")])
def test_the_field_shows_a_reading_exactly(grams, text):
    assert kg_text(grams) == text
    assert parse_weight_g(kg_text(grams)) == grams  # booking what was filled in is "scale"


def test_the_order_carries_it_and_names_the_field_as_the_screen_does():
    directory = LokalRegionDirectory()
    order = {**EXAMPLE, "parcel": {**EXAMPLE["parcel"], "weight_kg": "1.2",
                                   "scale_weight_g": 1310}}
    with pytest.raises(ValidationError) as e:
        parse_order(order, directory)
    assert e.value.fields == ["parcel.override_reason"]
    before = i18n._language
    set_language("id")
    try:
        text = problem_text(*e.value.problems[0])
    finally:
        i18n._language = before
    assert text.startswith("Alasan mengubah berat: ") and "1.31 kg" in text
    order["parcel"]["override_reason"] = "kardus basah"
    parsed = parse_order(order, directory)
    assert (parsed.parcel.weight_g, parsed.weighing.source) == (1200, OVERRIDE)
    assert parse_order(EXAMPLE, directory).weighing == NOT_WEIGHED


def test_the_reasons_problem_comes_with_the_others():
    """All problems at once: a wrong phone and a missing reason are named together."""
    order = {**EXAMPLE, "sender": {**EXAMPLE["sender"], "phone": "12"},
             "parcel": {**EXAMPLE["parcel"], "scale_weight_g": 2000}}
    with pytest.raises(ValidationError) as e:
        parse_order(order, LokalRegionDirectory())
    assert {"sender.phone", "parcel.override_reason"} <= set(e.value.fields)
