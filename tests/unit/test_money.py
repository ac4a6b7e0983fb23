"""Integer rupiah: formatting, what a person may type for an amount, and the limits."""

from __future__ import annotations

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.money import MAX_RUPIAH, check_rupiah, format_rupiah, rupiah_digits


@pytest.mark.parametrize("amount,shown", [
    (0, "Rp 0"), (1, "Rp 1"), (999, "Rp 999"), (1000, "Rp 1.000"), (15_000, "Rp 15.000"),
    (1_234_567, "Rp 1.234.567"), (MAX_RUPIAH, "Rp 1.000.000.000.000"),
    (-1, "-Rp 1"), (-500, "-Rp 500"), (-1_250_000, "-Rp 1.250.000"),
])
def test_format_rupiah(amount, shown):
    assert format_rupiah(amount) == shown


@pytest.mark.parametrize("bad", [1.0, 15000.0, "15000", True, False, None])
def test_format_rupiah_takes_only_int(bad):
    with pytest.raises(TypeError, match=r"^rupiah amounts are int$"):
        format_rupiah(bad)


@pytest.mark.parametrize("typed,digits", [
    ("Rp 15.000", "15000"), ("Rp15.000", "15000"), ("15.000", "15000"),
    ("1.250.000", "1250000"), ("1,250,000", "1250000"), (" Rp 1.250.000 ", "1250000"),
    ("1 250 000", "1250000"), ("Rp 1 250 000", "1250000"), ("500000", "500000"),
    # never a decimal, nor mixed or wrongly grouped separators: kept as typed, to be refused
    ("12.5", "12.5"), ("1.2345", "1.2345"), ("1.250,000", "1.250,000"), ("abc", "abc"),
    ("", ""),
])
def test_rupiah_digits(typed, digits):
    assert rupiah_digits(typed) == digits


@pytest.mark.parametrize("value,amount", [
    (0, 0), (1, 1), (500_000, 500_000), (MAX_RUPIAH, MAX_RUPIAH), (5.0, 5), (0.0, 0),
    ("500000", 500_000), ("  7500 ", 7500), ("0", 0),
])
def test_check_rupiah_accepts(value, amount):
    out = check_rupiah("cod_amount", value)
    assert out == amount and type(out) is int


@pytest.mark.parametrize("value", [5.5, 0.1, "12.5", "5e3", "Rp 5.000", "", "-5", True,
                                   False, None, []])
def test_check_rupiah_refuses_what_is_not_a_whole_number(value):
    with pytest.raises(ValidationError) as e:
        check_rupiah("cod_amount", value)
    assert e.value.problems == [
        ("cod_amount", "must be a whole number of rupiah (no decimals), e.g. 500000")]


def test_check_rupiah_refuses_negative_and_too_large():
    with pytest.raises(ValidationError) as e:
        check_rupiah("declared_value", -1)
    assert e.value.problems == [("declared_value", "must not be negative")]
    with pytest.raises(ValidationError) as e:
        check_rupiah("declared_value", MAX_RUPIAH + 1)
    assert e.value.problems == [("declared_value", "must be at most Rp 1.000.000.000.000")]
    assert e.value.problems[0][1].params == {"amount": "Rp 1.000.000.000.000"}


def test_zero_can_be_refused():
    with pytest.raises(ValidationError) as e:
        check_rupiah("price", 0, allow_zero=False)
    assert e.value.problems == [("price", "must be more than zero")]
    assert check_rupiah("price", 1, allow_zero=False) == 1
    assert check_rupiah("price", "1", allow_zero=False) == 1
    assert check_rupiah("price", 0, allow_zero=True) == 0
