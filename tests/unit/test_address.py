"""Addresses resolve against the real Kemendagri data, naming the field that disagrees."""

from __future__ import annotations

import pytest

from outlet_pos.domain.address import Address, name_key, resolve_address
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


GAMBIR = dict(street="Jl. Gambir 1", village="Gambir", district="Gambir",
              city="Kota Administrasi Jakarta Pusat", province="Daerah Khusus Ibukota Jakarta",
              postal_code="10110", village_code="31.71.01.1001", district_code="31.71.01")


def test_address_round_trips_through_dict_and_prints_three_lines():
    a = resolve_address(DIR, street="Jl. Gambir 1", postal_code="10110")
    assert a.to_dict() == GAMBIR
    assert Address.from_dict(a.to_dict()) == a
    assert Address.from_dict({**GAMBIR, "extra": "ignored"}) == a
    with pytest.raises(KeyError):
        Address.from_dict({k: v for k, v in GAMBIR.items() if k != "district_code"})
    assert a.lines() == ["Jl. Gambir 1", "Gambir, Gambir",
                         "Kota Administrasi Jakarta Pusat, Daerah Khusus Ibukota Jakarta 10110"]


@pytest.mark.parametrize("pc", [40135, " 40135 ", "40135"])
def test_postal_code_as_a_number_or_with_spaces(pc):
    a = resolve_address(DIR, street="Jl. Dago 1", postal_code=pc)
    assert (a.postal_code, a.village_code) == ("40135", "32.73.02.1004")


@pytest.mark.parametrize("pc", ["4013", "401355", "4013a", "40 135", "", None, 0, 4013])
def test_not_five_digits_is_told_apart_from_unknown(pc):
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code=pc)
    assert e.value.problems == [("postal_code", "must be 5 digits, e.g. 40115")]


def test_an_unknown_five_digit_code_says_so():
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code="99999")
    assert e.value.problems == [("postal_code", "is not a known Indonesian postal code; check it")]


def test_every_problem_is_reported_at_once():
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street=" ", postal_code="401", village=7)
    assert e.value.problems == [("street", "is required"), ("village", "must be text"),
                                ("postal_code", "must be 5 digits, e.g. 40115")]
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="", postal_code="40135", district="Sukasari")
    assert e.value.fields == ["street", "district"]


@pytest.mark.parametrize("field,typed,expected", [
    ("province", "Jawa Tengah", "Jawa Barat"),
    ("city", "Kota Cimahi", "Kota Bandung"),
    ("district", "Sukasari", "Coblong"),
    ("village", "Lebak Gede", "Dago"),
])
def test_a_mismatch_names_its_field_and_what_was_expected(field, typed, expected):
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code="40135", **{field: typed})
    assert e.value.problems == [
        (field, f"does not match postal code 40135; expected {expected}")]


def test_the_broadest_mismatch_is_named_first():
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code="40135", province="Bali",
                        district="Sukasari", village="Nope")
    assert e.value.fields == ["province"]


def test_expected_list_shows_eight_names_then_how_many_more():
    with pytest.raises(ValidationError) as e:  # ten villages share 23778
        resolve_address(DIR, street="Jl. X", postal_code="23778", village="Nope")
    assert e.value.problems == [("village", (
        "does not match postal code 23778; expected Alurduamas, Beutong, Buket Gadeng, "
        "Jambo Keupok, Rambong, Seuneubok Alur Buloh, Seuneubok Keuranji, Ujong Gunong Cut "
        "(+2)"))]
    with pytest.raises(ValidationError) as e:  # nine
        resolve_address(DIR, street="Jl. X", postal_code="15560")
    assert e.value.problems == [("village", (
        "several villages use postal code 15560; give one of Gelam Jaya, Kuta Baru, "
        "Kuta Jaya, Kutabumi, Pangadegan, Pasar Kemis, Sindangsari, Suka Asih (+1)"))]
    with pytest.raises(ValidationError) as e:  # exactly eight: all shown, no (+0)
        resolve_address(DIR, street="Jl. X", postal_code="15520")
    assert e.value.problems == [("village", (
        "several villages use postal code 15520; give one of Karet, Kayu Agung, "
        "Kayu Bongkok, Mekar Jaya, Pisangan Jaya, Pondok Jaya, Sarakan, Sepatan"))]


def test_two_villages_still_ask_and_one_resolves():
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. X", postal_code="40132")
    assert e.value.problems == [("village", "several villages use postal code 40132; "
                                            "give one of Lebak Gede, Lebak Siliwangi")]
    a = resolve_address(DIR, street="Jl. X", postal_code="40132", village="Lebak Gede")
    assert (a.village, a.village_code) == ("Lebak Gede", "32.73.02.1002")


@pytest.mark.parametrize("typed", ["Lebak-Siliwangi", "lebak siliwangi", "LEBAK  SILIWANGI.",
                                   "Kel. Lebak Siliwangi", "Desa Lebak_Siliwangi",
                                   "lebaksiliwangi"])
def test_matching_ignores_case_punctuation_and_prefixes(typed):
    a = resolve_address(DIR, street="Jl. X", postal_code="40132", village=typed)
    assert a.village == "Lebak Siliwangi"


@pytest.mark.parametrize("name,key", [
    ("Kota Bandung", "bandung"), ("Kabupaten Aceh Selatan", "acehselatan"),
    ("Kab. Aceh Selatan", "acehselatan"), ("kab Aceh Selatan", "acehselatan"),
    ("Kota Administrasi Jakarta Pusat", "jakartapusat"),
    ("Kabupaten Administrasi Kepulauan Seribu", "kepulauanseribu"),
    ("Kecamatan Coblong", "coblong"), ("Kec. Coblong", "coblong"), ("kec Coblong", "coblong"),
    ("Kelurahan Dago", "dago"), ("Kel. Dago", "dago"), ("Desa Dago", "dago"),
    ("Ds. Dago", "dago"), ("ds Dago", "dago"),
    ("Provinsi Jawa Barat", "jawabarat"), ("Prov. Jawa Barat", "jawabarat"),
    ("prov Jawa Barat", "jawabarat"),
    ("Daerah Khusus Ibukota Jakarta", "jakarta"), ("DKI Jakarta", "jakarta"),
    ("  Sukamaju-Lor ", "sukamajulor"), ("Kotabaru", "kotabaru"), ("Desaku", "desaku"),
    ("Bénoa", "bénoa"), ("O'ok", "ook"), ("", ""),
])
def test_name_key(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("field", ["village", "district", "city", "province"])
def test_a_bad_typed_name_is_its_only_problem(field):
    # the refused field then matches any village: no second, confusing "does not match"
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. Dago 1", postal_code="40135", **{field: 7})
    assert e.value.problems == [(field, "must be text")]
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. Dago 1", postal_code="40135", **{field: "D" * 101})
    assert e.value.problems == [(field, "is too long: at most 100 characters")]


def test_typed_names_up_to_a_hundred_characters_are_read():
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street="Jl. Dago 1", postal_code="40135", village="D" * 100)
    assert e.value.problems == [("village", "does not match postal code 40135; expected Dago")]


def test_a_street_holds_up_to_two_hundred_characters():
    street = "Jl. " + "D" * 196
    assert resolve_address(DIR, street=street, postal_code="40135").street == street
    with pytest.raises(ValidationError) as e:
        resolve_address(DIR, street=street + "D", postal_code="40135")
    assert e.value.problems == [("street", "is too long: at most 200 characters")]
