"""Addresses resolve against the real Kemendagri data, naming the field that disagrees."""

from __future__ import annotations

import pytest

from outlet_pos.domain.address import resolve_address
from outlet_pos.domain.errors import ValidationError
from outlet_pos.refdata.regions import LokalRegionDirectory

DIR = LokalRegionDirectory()


def test_postal_code_alone_completes_a_single_village():
    a = resolve_address(DIR, street="Jl. Gambir 1", postal_code="10110")
    assert (a.village, a.district, a.province) == ("Gambir", "Gambir",
                                                    "Daerah Khusus Ibukota Jakarta")
    assert a.city == "Kota Administrasi Jakarta Pusat"
    assert a.village_code == "31.71.01.1001" and a.district_code == "31.71.01"


def test_spelling_of_prefixes_and_case_is_tolerated():
    a = resolve_address(DIR, street="Jl. Dago 1", postal_code="40135", village="dago",
                        district="Kec. Coblong", city="Bandung", province="JAWA BARAT")
    assert a.city == "Kota Bandung" and a.village == "Dago"


def test_several_villages_ask_for_the_village():
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code="40132")
    assert e.value.fields == ["village"]
    assert "Lebak Gede" in str(e.value)
    a = resolve_address(DIR, street="Jl. X", postal_code="40132", village="Lebak Siliwangi")
    assert a.village_code == "32.73.02.1006"


@pytest.mark.parametrize("pc", ["00000", "99999"])
def test_unknown_postal_code(pc):
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code=pc)
    assert e.value.fields == ["postal_code"]


@pytest.mark.parametrize("pc", ["4011", "40115a", "", None])
def test_malformed_postal_code(pc):
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code=pc)
    assert "postal_code" in e.value.fields


def test_mismatched_district_names_the_district():
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code="40135", district="Sukasari")
    assert e.value.fields == ["district"] and "Coblong" in str(e.value)


def test_street_is_required():
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="  ", postal_code="10110")
    assert e.value.fields == ["street"]


def test_directory_covers_all_provinces_and_districts():
    codes = DIR.district_codes()
    assert len(codes) == 7285
    assert len({c.split(".")[0] for c in codes}) == 38


def test_direction_override_in_the_street_is_refused_naming_the_street():
    # U+202E would print "Jl. Dago 12" with its number reversed on the label
    with pytest.raises(ValidationError, match="direction") as e:
        resolve_address(DIR, street="Jl. Dago \u202e21", postal_code="40135")
    assert e.value.fields == ["street"]


def test_zero_width_characters_from_a_paste_are_removed_and_the_village_still_matches():
    a = resolve_address(DIR, street="Jl.\u200b Dago\ufeff 1", postal_code="40135",
                        village="Da\u200bgo", district="Co\u00adblong")
    assert a.street == "Jl. Dago 1" and a.village == "Dago"
