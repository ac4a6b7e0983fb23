"""The tariff document (resources/tariffs/README.md): what a table must hold, every range
inclusive at both ends, defaults, and the errors that name what is malformed."""

from __future__ import annotations

import pytest

from outlet_pos.domain.tariff import Rate, ServiceRule, TariffTable, chargeable_kg, quote_service
from tests.unit.test_tariff import CAL, STEPPED, TABLE, WED, p


def test_a_service_may_round_by_its_own_threshold():
    d = TABLE.to_dict()
    d["services"][1]["rounding_threshold_g"] = 0
    d["services"][0].pop("rounding_threshold_g")
    table = TariffTable.from_dict(d)
    assert table.services["REG"].rounding_threshold_g == 0
    assert table.services["OKE"].rounding_threshold_g == 300  # the table's default
    assert chargeable_kg(1001, table.services["REG"]) == 2
    assert chargeable_kg(1000, table.services["REG"]) == 1
    assert chargeable_kg(1300, table.services["OKE"]) == 1
    assert table.to_dict()["rounding"]["threshold_g"] == 0  # the smallest of the services'


def _set(d: dict, path: str, value) -> dict:
    *head, last = path.split(".")
    node = d
    for key in head:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return d


# (path in the document, lowest accepted, highest accepted, name in the error)
RANGES = [
    ("rounding.threshold_g", 0, 999, "rounding.threshold_g"),
    ("services.1.volumetric_divisor", 1, 10**6, "REG.divisor"),
    ("services.1.min_chargeable_kg", 1, 10**4, "REG.min"),
    ("services.1.rounding_threshold_g", 0, 999, "REG.threshold"),
    ("rates.31\u00b771\u00b701.REG.0", 1, 10**8, "rates[31.71.01][REG]"),
    ("rates.31\u00b771\u00b701.REG.2", 1, 365, "rates[31.71.01][REG]"),
    ("packing.fee_per_piece.wood", 0, 10**8, "packing.wood"),
    ("insurance.rate_ppm", 0, 10**6, "insurance.rate_ppm"),
    ("insurance.admin_fee", 0, 10**8, "insurance.admin_fee"),
    ("cod.rate_ppm", 0, 10**6, "cod.rate_ppm"),
    ("cod.min_fee", 0, 10**8, "cod.min_fee"),
    ("rounding.money_step", 1, 100_000, "rounding.money_step"),
]


def _doc_with(path: str, value) -> dict:
    d = TABLE.to_dict()
    if path.startswith("rates."):  # district codes hold dots: written with a middle dot
        _, district, code, i = path.split(".")
        d["rates"][district.replace("\u00b7", ".")][code][int(i)] = value
        return d
    return _set(d, path, value)


@pytest.mark.parametrize("path,lo,hi,where", RANGES)
def test_tariff_ranges_are_inclusive_at_both_ends(path, lo, hi, where):
    for ok in (lo, hi):
        TariffTable.from_dict(_doc_with(path, ok))
    for bad in (lo - 1, hi + 1, True, "5", 5.0):
        with pytest.raises(ValueError) as e:
            TariffTable.from_dict(_doc_with(path, bad))
        assert str(e.value).startswith(where), (bad, str(e.value))


def test_eta_minimum_may_equal_but_not_exceed_the_maximum():
    assert TariffTable.from_dict(_doc_with("rates.31\u00b771\u00b701.REG.1", 2))
    with pytest.raises(ValueError, match=r"^rates\[31.71.01\]\[REG\]: eta min exceeds max$"):
        TariffTable.from_dict(_doc_with("rates.31\u00b771\u00b701.REG.1", 3))
    assert TariffTable.from_dict(_doc_with("rates.31\u00b771\u00b701.REG.1", 0))


def test_malformed_documents_say_what_is_wrong():
    d = TABLE.to_dict()
    d["rates"]["31.71.01"]["XXX"] = [1, 1, 1]
    with pytest.raises(ValueError, match=r"^rates\[31.71.01\] names unknown service XXX$"):
        TariffTable.from_dict(d)
    d = TABLE.to_dict()
    del d["packing"]["fee_per_piece"]["wood"]
    with pytest.raises(ValueError, match=r"^packing fees missing for \['wood'\]$"):
        TariffTable.from_dict(d)
    d = TABLE.to_dict()
    del d["cod"]
    with pytest.raises(ValueError, match=r"^malformed tariff: missing or wrong field 'cod'$"):
        TariffTable.from_dict(d)
    with pytest.raises(ValueError, match=r"^not an outlet-pos-tariff v1 document$"):
        TariffTable.from_dict({**TABLE.to_dict(), "format_version": 2})
    d = TABLE.to_dict()
    del d["rounding"]["money_step"]
    del d["notice"]
    t = TariffTable.from_dict(d)
    assert (t.money_step, t.notice) == (1, "")


def test_table_keeps_every_field():
    t = STEPPED
    assert (t.version, t.origin_district, t.origin_name, t.synthetic) == (
        "t1", "32.73.02", "Coblong", True)
    assert (t.insurance_rate_ppm, t.insurance_admin_fee, t.cod_rate_ppm, t.cod_min_fee,
            t.money_step) == (2000, 5000, 30000, 5000, 100)
    assert t.rates["91.03.01"]["REG"] == Rate(70000, 5, 9)
    assert t.services["JTR"] == ServiceRule("JTR", "Trucking", 5000, 10, 300)
    doc = t.to_dict()
    assert (doc["currency"], doc["format"], doc["format_version"]) == (
        "IDR", "outlet-pos-tariff", 1)
    assert TariffTable.from_dict(doc) == t


def test_a_table_that_names_no_money_step_rounds_to_the_rupiah():
    assert _direct().money_step == 1


def _direct(**changes) -> TariffTable:
    d = TABLE.to_dict()
    fields = dict(version="t", origin_district="32.73.02", origin_name="Coblong",
                  synthetic=True, notice="", services=TABLE.services, rates=TABLE.rates,
                  insurance_rate_ppm=2000, insurance_admin_fee=5000, cod_rate_ppm=30000,
                  cod_min_fee=5000, packing_fee_per_piece=d["packing"]["fee_per_piece"])
    return TariffTable(**{**fields, **changes})


def test_eta_days_range_from_zero_to_a_year():
    for lo, hi in ((0, 0), (0, 365), (365, 365)):
        table = TariffTable.from_dict(_doc_with_rate([10000, lo, hi]))
        assert table.rates["31.71.01"]["REG"] == Rate(10000, lo, hi)
    for bad in ([10000, -1, 2], [10000, 366, 366], [10000, 0, 366], [10000, 0, -1]):
        with pytest.raises(ValueError) as e:
            TariffTable.from_dict(_doc_with_rate(bad))
        assert str(e.value).startswith("rates[31.71.01][REG] must be a whole number in 0..365")


def _doc_with_rate(rate: list[int]) -> dict:
    d = TABLE.to_dict()
    d["rates"]["31.71.01"]["REG"] = rate
    return d


def test_the_notice_is_read_and_an_empty_table_writes_the_default_threshold():
    assert TariffTable.from_dict({**TABLE.to_dict(), "notice": "Harga contoh"}).notice == \
        "Harga contoh"
    empty = TariffTable.from_dict({**TABLE.to_dict(), "services": [], "rates": {}})
    assert empty.to_dict()["rounding"]["threshold_g"] == 300
    assert empty.services_to("31.71.01") == []


def test_a_packing_kind_the_table_does_not_price_costs_nothing():
    table = _direct(packing_fee_per_piece={"none": 0})
    r = quote_service(table, p(packing="bubble", pieces=2), "31.71.01", "REG", booked_on=WED,
                      calendar=CAL)
    assert [ln.code for ln in r.lines] == ["freight"] and r.total == 10_000
