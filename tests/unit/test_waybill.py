"""Waybill numbers: layout, uniqueness across outlets/terminals, and the Damm check."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.waybill import (
    LENGTH,
    damm_valid,
    format_waybill,
    make_waybill,
    normalize_waybill,
    parse_waybill,
)


def test_layout_is_numeric_even_length_for_code_set_c():
    n = make_waybill(123, 4, 567)
    assert n.isdigit() and len(n) == LENGTH == 16 and LENGTH % 2 == 0
    assert n.startswith("00123" "04" "00000567")
    assert damm_valid(n)


def test_round_trip_and_separators_ignored():
    n = make_waybill(8000, 12, 99_999_999)
    assert normalize_waybill(format_waybill(n)) == n
    assert normalize_waybill(n[:8] + "-" + n[8:]) == n
    w = parse_waybill(n)
    assert (w.outlet, w.terminal, w.sequence) == (8000, 12, 99_999_999)


@given(st.integers(1, 99_999), st.integers(1, 99), st.integers(1, 99_999_999),
       st.integers(1, 99_999), st.integers(1, 99), st.integers(1, 99_999_999))
def test_distinct_allocations_never_collide(o1, t1, s1, o2, t2, s2):
    if (o1, t1, s1) != (o2, t2, s2):
        assert make_waybill(o1, t1, s1) != make_waybill(o2, t2, s2)


def _samples(k: int = 300) -> list[str]:
    rnd = random.Random(7)
    return [make_waybill(rnd.randint(1, 99_999), rnd.randint(1, 99), rnd.randint(1, 10**8 - 1))
            for _ in range(k)]


def test_every_single_digit_error_is_caught():
    for n in _samples():
        for i in range(LENGTH):
            for d in "0123456789":
                if d != n[i]:
                    assert not damm_valid(n[:i] + d + n[i + 1:]), (n, i, d)


def test_every_adjacent_transposition_is_caught():
    for n in _samples():
        for i in range(LENGTH - 1):
            if n[i] != n[i + 1]:
                swapped = n[:i] + n[i + 1] + n[i] + n[i + 2:]
                assert not damm_valid(swapped), (n, i)


@pytest.mark.parametrize("bad", ["", "123", "abcdefghijklmnop", "1" * 17, "０" * 16, None])
def test_malformed_input_names_the_field(bad):
    with pytest.raises(ValidationError) as e:
        parse_waybill(bad)
    assert e.value.fields == ["waybill"]


def test_wrong_check_digit_is_a_typing_error():
    n = make_waybill(1, 1, 1)
    bad = n[:-1] + str((int(n[-1]) + 1) % 10)
    with pytest.raises(ValidationError, match="check digit"):
        parse_waybill(bad)


def test_allocation_limits():
    with pytest.raises(ValueError):
        make_waybill(0, 1, 1)
    with pytest.raises(ValueError):
        make_waybill(1, 100, 1)
    with pytest.raises(ValueError, match="used all"):
        make_waybill(1, 1, 10**8)
