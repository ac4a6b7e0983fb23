"""A parcel is priced before its contents are typed; booking still needs them."""

from __future__ import annotations

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.shipment import parse_parcel

TYPED = {"weight_kg": "1,3", "dims": "30x20x10", "pieces": 1, "declared_value": 0,
         "insured": False, "cod_amount": 0, "packing": "none"}


@pytest.mark.parametrize("description", [None, "", "   "])
def test_quoting_needs_no_contents(description):
    parcel = parse_parcel({**TYPED, "description": description}, for_quote=True)
    assert (parcel.weight_g, parcel.description) == (1300, "")


def test_booking_still_needs_them_and_typed_contents_are_kept():
    with pytest.raises(ValidationError) as e:
        parse_parcel({**TYPED, "description": ""})
    assert e.value.fields == ["description"]
    assert parse_parcel({**TYPED, "description": " Buku "}, for_quote=True).description == "Buku"


def test_quoting_still_names_a_bad_weight():
    with pytest.raises(ValidationError) as e:
        parse_parcel({**TYPED, "weight_kg": "1,3,", "description": ""}, for_quote=True)
    assert e.value.fields == ["weight_kg"]
