"""Parcel figures and whole orders: bad input is refused with every field named."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.parcel import Parcel
from outlet_pos.domain.shipment import parse_order, parse_weight_g
from outlet_pos.refdata.regions import LokalRegionDirectory

ROOT = Path(__file__).resolve().parents[2]
ORDER = json.loads((ROOT / "examples" / "shipment.json").read_text())
DIR = LokalRegionDirectory()


def parcel(**kw):
    base = dict(weight_g=1000, length_cm=10, width_cm=10, height_cm=10, description="Buku")
    base.update(kw)
    return Parcel.create(**base)


@pytest.mark.parametrize("kg,g", [("1.31", 1310), ("1,31", 1310), (2, 2000), ("0.001", 1)])
def test_weight_in_kg_becomes_exact_grams(kg, g):
    assert parse_weight_g(kg) == g


@pytest.mark.parametrize("kg", ["0", "-1", "abc", "1.0001", "NaN", "Infinity", "500000000"])
def test_bad_weights(kg):
    with pytest.raises(ValidationError) as e:
        parse_weight_g(kg)
    assert e.value.fields == ["weight_kg"]


def test_zero_and_500_tonnes_are_refused():
    for w in (0, 500_000_000):
        with pytest.raises(ValidationError) as e:
            parcel(weight_g=w)
        assert e.value.fields == ["weight_g"]


def test_negative_money_is_refused():
    with pytest.raises(ValidationError) as e:
        parcel(declared_value=-1, cod_amount=-5)
    assert set(e.value.fields) == {"declared_value", "cod_amount"}


def test_insurance_needs_a_value():
    with pytest.raises(ValidationError) as e:
        parcel(insured=True)
    assert e.value.fields == ["declared_value"]


def test_example_order_parses():
    order = parse_order(ORDER, DIR)
    assert order.recipient.address.district == "Kebayoran Baru"
    assert order.sender.phone == "+6281223456789"
    assert order.parcel.weight_g == 1310 and order.service == "REG"


def test_all_problems_reported_with_paths():
    bad = copy.deepcopy(ORDER)
    bad["sender"]["phone"] = "123"
    bad["recipient"]["address"]["postal_code"] = "00000"
    bad["parcel"]["weight_kg"] = "0"
    bad["parcel"]["description"] = "x\x07"
    with pytest.raises(ValidationError) as e:
        parse_order(bad, DIR)
    assert set(e.value.fields) == {"sender.phone", "recipient.address.postal_code",
                                   "parcel.weight_kg", "parcel.description"}


def test_missing_sections():
    with pytest.raises(ValidationError) as e:
        parse_order({"service": "REG"}, DIR)
    assert {"sender", "recipient", "parcel"} <= set(e.value.fields)
    with pytest.raises(ValidationError):
        parse_order([], DIR)


def test_examples_copy_in_resources_matches():
    assert (ROOT / "resources" / "examples" / "shipment.json").read_bytes() == \
        (ROOT / "examples" / "shipment.json").read_bytes()


@pytest.mark.parametrize("typed, digits", [
    ("Rp 15.000", "15000"), ("1.250.000", "1250000"), ("1,250,000", "1250000"),
    ("15000", "15000"), ("12.5", "12.5"), ("abc", "abc"), ("", "")])
def test_typed_amounts_become_what_check_rupiah_takes(typed, digits):
    from outlet_pos.domain.money import rupiah_digits

    assert rupiah_digits(typed) == digits
