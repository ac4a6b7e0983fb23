"""The tariff engine on a table built here (exact rupiah), plus the shipped sample."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.calendar import WeekendCalendar
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.parcel import Parcel
from outlet_pos.domain.tariff import (
    Quote,
    TariffTable,
    _ceil_to,
    quote_all,
    quote_service,
)
from outlet_pos.refdata.regions import LokalRegionDirectory
from outlet_pos.refdata.tariffs import load_sample_tariff, tariff_from_bytes

WED = date(2026, 11, 4)
CAL = WeekendCalendar()
TABLE = TariffTable.from_dict({
    "format": "outlet-pos-tariff", "format_version": 1, "version": "t1", "synthetic": True,
    "origin": {"district": "32.73.02", "name": "Coblong"},
    "rounding": {"threshold_g": 300},
    "insurance": {"rate_ppm": 2000, "admin_fee": 5000},
    "cod": {"rate_ppm": 30000, "min_fee": 5000},
    "packing": {"fee_per_piece": {"none": 0, "bubble": 5000, "wood": 25000}},
    "services": [
        {"code": "OKE", "name": "Ekonomis", "volumetric_divisor": 6000, "min_chargeable_kg": 1},
        {"code": "REG", "name": "Reguler", "volumetric_divisor": 6000, "min_chargeable_kg": 1},
        {"code": "JTR", "name": "Trucking", "volumetric_divisor": 5000,
         "min_chargeable_kg": 10},
    ],
    "rates": {"31.71.01": {"OKE": [8000, 2, 4], "REG": [10000, 1, 2], "JTR": [6000, 3, 5]},
              "91.03.01": {"REG": [70000, 5, 9]}},
})


def p(weight_g=1000, dims=(10, 10, 10), **kw) -> Parcel:
    return Parcel.create(weight_g=weight_g, length_cm=dims[0], width_cm=dims[1],
                         height_cm=dims[2], description="Buku", **kw)


def q(parcel: Parcel, service="REG", dest="31.71.01") -> Quote:
    return quote_service(TABLE, parcel, dest, service, booked_on=WED, calendar=CAL)


@pytest.mark.parametrize("grams,kg", [(1, 1), (1000, 1), (1300, 1), (1301, 2), (1310, 2),
                                      (2300, 2), (2999, 3), (10_300, 10)])
def test_rounding_threshold(grams, kg):
    assert q(p(grams)).chargeable_kg == kg


def test_volumetric_weight_counts_when_larger():
    r = q(p(500, (30, 20, 10)))  # 6000 cm³ / 6000 = 1 kg
    assert (r.volumetric_weight_g, r.chargeable_kg) == (1000, 1)
    r = q(p(500, (40, 40, 40)))  # 64000 / 6000 = 10.667 kg → 11
    assert (r.volumetric_weight_g, r.chargeable_kg) == (10667, 11)
    r = q(p(500, (40, 40, 40), pieces=2))
    assert r.volumetric_weight_g == 21334 and r.chargeable_kg == 22  # .334 > .300: up


def test_trucking_divisor_and_minimum():
    r = q(p(2000, (50, 50, 50)), "JTR")  # 125000 / 5000 = 25 kg
    assert (r.volumetric_weight_g, r.chargeable_kg, r.total) == (25000, 25, 150_000)
    assert q(p(2000), "JTR").chargeable_kg == 10


def test_itemised_lines_add_up_exactly():
    r = q(p(1310, (30, 20, 10), declared_value=500_000, insured=True, cod_amount=100_000,
            packing="bubble", pieces=2))
    assert [(ln.code, ln.amount) for ln in r.lines] == [
        ("freight", 20_000),   # 2 kg × 10.000
        ("insurance", 6_000),  # 0.2 % × 500.000 = 1.000 + 5.000 admin
        ("cod_fee", 5_000),    # 3 % × 100.000 = 3.000, minimum 5.000
        ("packing", 10_000),   # 2 pieces × 5.000
    ]
    assert r.total == 41_000


def test_insurance_rounds_up_to_the_rupiah():
    r = q(p(declared_value=1_234, insured=True))
    assert next(ln.amount for ln in r.lines if ln.code == "insurance") == 5003  # 2.468 → 3


def test_cod_fee_above_minimum():
    r = q(p(cod_amount=1_000_000))
    assert next(ln.amount for ln in r.lines if ln.code == "cod_fee") == 30_000


def test_eta_skips_weekends():
    assert q(p()).eta_date == date(2026, 11, 6)  # Wed + 2 working days = Fri
    assert q(p(), "OKE").eta_date == date(2026, 11, 10)  # Wed + 4 = next Tue


def test_quote_all_cheapest_first_and_only_offered_services():
    quotes = quote_all(TABLE, p(), "31.71.01", booked_on=WED, calendar=CAL)
    assert [x.service for x in quotes] == ["OKE", "REG", "JTR"]
    assert [x.service for x in quote_all(TABLE, p(), "91.03.01", booked_on=WED,
                                         calendar=CAL)] == ["REG"]


def test_unknown_destination_and_service_name_the_field():
    with pytest.raises(ValidationError) as e:
        q(p(), dest="11.01.01")
    assert e.value.fields == ["destination"]
    with pytest.raises(ValidationError) as e:
        q(p(), "OKE", "91.03.01")
    assert e.value.fields == ["service"] and "available: REG" in str(e.value)
    with pytest.raises(ValidationError):
        q(p(), "ZZZ")


def test_quote_round_trips_through_dict():
    r = q(p(declared_value=10_000, insured=True))
    assert Quote.from_dict(r.to_dict()) == r


def test_table_round_trips_and_malformed_tables_are_refused():
    assert TariffTable.from_dict(TABLE.to_dict()) == TABLE
    bad = TABLE.to_dict()
    bad["rates"]["31.71.01"]["REG"] = [-1, 1, 2]
    with pytest.raises(ValueError, match="REG"):
        TariffTable.from_dict(bad)
    with pytest.raises(ValueError, match="not an outlet-pos-tariff"):
        TariffTable.from_dict({"format": "x"})
    with pytest.raises(ValueError):
        tariff_from_bytes(b"not json")


def test_sample_tariff_covers_every_district():
    sample = load_sample_tariff()
    districts = LokalRegionDirectory().district_codes()
    assert sample.synthetic and len(districts) == 7285
    assert set(districts) <= set(sample.rates)
    assert all({"OKE", "REG"} <= set(sample.services_to(d)) for d in districts)
    assert sample.origin_district == "32.73.02"


weights = st.integers(1, 1_000_000)
dims = st.tuples(st.integers(1, 200), st.integers(1, 200), st.integers(1, 200))
money = st.integers(0, 10**9)


@given(weights, weights, dims, st.sampled_from(["OKE", "REG", "JTR"]), money, money)
def test_quote_never_decreases_with_weight(w1, w2, d, service, value, cod):
    lo, hi = sorted((w1, w2))
    kw = dict(declared_value=value, insured=value > 0, cod_amount=cod)
    assert q(p(lo, d, **kw), service).total <= q(p(hi, d, **kw), service).total


@given(weights, dims, st.integers(1, 100), money, money, st.sampled_from(["none", "bubble",
                                                                         "wood"]))
def test_totals_add_up_and_are_whole_non_negative(w, d, pieces, value, cod, packing):
    r = q(p(w, d, pieces=pieces, declared_value=value, insured=value > 0, cod_amount=cod,
            packing=packing))
    assert r.total == sum(ln.amount for ln in r.lines)
    assert all(isinstance(ln.amount, int) and ln.amount >= 0 for ln in r.lines)
    assert r.chargeable_kg * 1000 >= min(max(w, r.volumetric_weight_g), 1000) - 300


def test_fees_round_up_to_the_tables_money_step():
    """The sample table's percentage fees are whole Rp 100s: a till can count every total."""
    sample = load_sample_tariff()
    assert sample.money_step == 100
    assert TariffTable.from_dict(sample.to_dict()).money_step == 100
    dest = next(d for d in sorted(sample.rates) if "REG" in sample.rates[d])
    for value, cod in ((1_234, 0), (1_234_567, 0), (0, 2_938_000), (0, 123_456)):
        parcel = p(1_310, (30, 20, 10), declared_value=value, insured=bool(value),
                   cod_amount=cod)
        quote = quote_service(sample, parcel, dest, "REG", booked_on=WED, calendar=CAL)
        assert quote.total % 100 == 0, [(ln.code, ln.amount) for ln in quote.lines]
    bad = sample.to_dict()
    bad["rounding"]["money_step"] = 0
    with pytest.raises(ValueError, match="money_step"):
        TariffTable.from_dict(bad)


# Exact fees with a money step above 1: a `total % 100 == 0` check passes with a fee of 0.
STEPPED = TariffTable.from_dict({**TABLE.to_dict(),
                                 "rounding": {"threshold_g": 300, "money_step": 100}})


def _fee(table: TariffTable, code: str, **kw) -> int | None:
    r = quote_service(table, p(**kw), "31.71.01", "REG", booked_on=WED, calendar=CAL)
    return next((ln.amount for ln in r.lines if ln.code == code), None)


@pytest.mark.parametrize("amount,step,rounded", [
    (0, 100, 0), (1, 100, 100), (99, 100, 100), (100, 100, 100), (101, 100, 200),
    (2470, 100, 2500), (37_038, 1000, 38_000), (5, 1, 5), (7, 7, 7), (8, 7, 14),
])
def test_ceil_to_a_step(amount, step, rounded):
    assert _ceil_to(amount, step) == rounded


@pytest.mark.parametrize("declared,premium", [
    (1_234, 100),        # 0.2 % = 2.468 → 3 → Rp 100
    (50_000, 100),       # exactly 100
    (50_001, 200),       # 100.002 → 101 → Rp 200
    (500_000, 1_000),
    (1_234_567, 2_500),  # 2.469,134 → 2.470 → Rp 2.500
])
def test_insurance_premium_rounds_up_to_the_step_exactly(declared, premium):
    assert _fee(STEPPED, "insurance", declared_value=declared, insured=True) == premium + 5000
    assert STEPPED.money_step == 100


@pytest.mark.parametrize("cod,fee", [
    (1, 5_000),            # Rp 1 of COD still pays the minimum fee
    (123_456, 5_000),      # 3.703,68 → 3.800, below the minimum
    (166_667, 5_100),      # 5.000,01 → 5.001 → 5.100: just above the minimum
    (200_001, 6_100),      # 6.000,03 → 6.001 → 6.100
    (1_000_000, 30_000),
    (1_234_567, 37_100),   # 37.037,01 → 37.038 → 37.100
])
def test_cod_fee_rounds_up_to_the_step_exactly(cod, fee):
    assert _fee(STEPPED, "cod_fee", cod_amount=cod) == fee


def test_no_cod_and_no_insurance_add_no_line():
    assert _fee(STEPPED, "cod_fee", cod_amount=0) is None
    assert _fee(STEPPED, "insurance", declared_value=10_000, insured=False) is None
    assert _fee(TABLE, "cod_fee", cod_amount=1) == 5000
    assert _fee(TABLE, "cod_fee", cod_amount=166_667) == 5001  # step 1: to the rupiah


def test_a_quote_in_full():
    r = q(p(1310, (30, 20, 10), declared_value=500_000, insured=True, cod_amount=100_000,
            packing="bubble", pieces=2))
    assert r.to_dict() == {
        "service": "REG", "service_name": "Reguler", "actual_weight_g": 1310,
        "volumetric_weight_g": 2000, "chargeable_kg": 2, "price_per_kg": 10000,
        "lines": [{"code": "freight", "label": "Ongkos kirim 2 kg × 10.000", "amount": 20000},
                  {"code": "insurance", "label": "Asuransi", "amount": 6000},
                  {"code": "cod_fee", "label": "Biaya COD", "amount": 5000},
                  {"code": "packing", "label": "Packing (bubble)", "amount": 10000}],
        "total": 41000, "eta_min_days": 1, "eta_max_days": 2, "eta_date": "2026-11-06",
        "tariff_version": "t1"}
    wood = q(p(packing="wood", pieces=3))
    assert [(ln.code, ln.label, ln.amount) for ln in wood.lines][1:] == [
        ("packing", "Packing (wood)", 75_000)]
    assert [ln.code for ln in q(p(packing="none", pieces=3)).lines] == ["freight"]


def test_quote_all_for_an_unknown_destination_refuses_instead_of_an_empty_list():
    with pytest.raises(ValidationError) as e:
        quote_all(TABLE, p(), "11.01.01", booked_on=WED, calendar=CAL)
    assert e.value.problems == [("destination", "has no tariff from this outlet; check the "
                                                "postal code or ask for a tariff update")]
    assert TABLE.has_destination("91.03.01") and not TABLE.has_destination("11.01.01")
    assert TABLE.services_to("31.71.01") == ["OKE", "REG", "JTR"]
    assert TABLE.services_to("11.01.01") == []


def test_an_unoffered_service_names_those_available():
    with pytest.raises(ValidationError) as e:
        q(p(), "OKE", "91.03.01")
    assert e.value.problems == [("service", "is not available to this destination; "
                                            "available: REG")]
    with pytest.raises(ValidationError) as e:
        q(p(), "ZZZ")
    assert e.value.problems == [("service", "is not available to this destination; "
                                            "available: OKE, REG, JTR")]


def test_equal_totals_are_ordered_by_the_faster_delivery():
    d = TABLE.to_dict()
    d["rates"] = {"31.71.01": {"OKE": [10000, 1, 5], "REG": [10000, 1, 2]}}
    table = TariffTable.from_dict(d)
    quotes = quote_all(table, p(), "31.71.01", booked_on=WED, calendar=CAL)
    assert [(x.service, x.total, x.eta_max_days) for x in quotes] == [
        ("REG", 10000, 2), ("OKE", 10000, 5)]


def test_percentages_are_parts_per_million_rounded_up():
    # 1.000.001 × 0,2 % = 2.000,002 → 2.001; × 3 % = 30.000,03 → 30.001
    assert _fee(TABLE, "insurance", declared_value=1_000_001, insured=True) == 2_001 + 5000
    assert _fee(TABLE, "cod_fee", cod_amount=1_000_001) == 30_001
    assert _fee(TABLE, "insurance", declared_value=1_000_000, insured=True) == 2_000 + 5000
