"""Waybill numbers: layout, uniqueness across outlets/terminals, and the Damm check."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.waybill import (
    _DAMM,
    LENGTH,
    damm_digit,
    damm_valid,
    format_waybill,
    make_waybill,
    normalize_waybill,
    parse_waybill,
)

# Known answers: fixed numbers, so a change to the table, the start value or the layout
# that would silently renumber every waybill fails here, not at the central server.

def test_damm_known_answer_from_the_literature():
    assert damm_digit("572") == 4  # H. M. Damm's worked example
    assert damm_valid("5724") and not damm_valid("5723")
    assert damm_digit("") == 0


def test_damm_table_is_a_totally_anti_symmetric_quasigroup():
    # a single changed cell breaks a row or a column being a permutation of 0..9
    digits = set(range(10))
    assert len(_DAMM) == 10
    assert all(set(row) == digits for row in _DAMM)
    assert all({row[c] for row in _DAMM} == digits for c in range(10))
    assert all(_DAMM[i][i] == 0 for i in range(10))
    for c in range(10):
        for x in range(10):
            for y in range(10):
                if x != y:
                    assert _DAMM[_DAMM[c][x]][y] != _DAMM[_DAMM[c][y]][x], (c, x, y)


def test_every_cell_of_the_damm_table_is_pinned():
    # the check digit of "00".."99" reads every one of the 100 cells once
    expected = ("0317598642" "1750983426" "7092154863" "8945362017" "3674209581"
                "2581436790" "9438617205" "5869720134" "6123045978" "4206871359")
    assert "".join(str(damm_digit(f"{i:02d}")) for i in range(100)) == expected


@pytest.mark.parametrize("parts,number", [
    ((1, 1, 1), "0000101000000013"),
    ((42, 1, 1), "0004201000000015"),
    ((123, 4, 567), "0012304000005678"),
    ((100, 10, 12_345_678), "0010010123456784"),
    ((8000, 12, 99_999_999), "0800012999999995"),
    ((99_999, 99, 99_999_999), "9999999999999990"),
])
def test_fixed_waybill_numbers(parts, number):
    assert make_waybill(*parts) == number
    w = parse_waybill(number)
    assert (w.outlet, w.terminal, w.sequence) == parts
    assert str(w) == number == normalize_waybill(number)


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


def test_format_waybill_groups_of_four():
    assert format_waybill("0000101000000013") == "0000 1010 0000 0013"


@pytest.mark.parametrize("parts,message", [
    ((0, 1, 1), "outlet number must be 1..99999"),
    ((100_000, 1, 1), "outlet number must be 1..99999"),
    ((-1, 1, 1), "outlet number must be 1..99999"),
    ((1, 0, 1), "terminal must be 1..99"),
    ((1, 100, 1), "terminal must be 1..99"),
    ((1, 1, 0), "this terminal has used all its waybill numbers"),
    ((1, 1, 10**8), "this terminal has used all its waybill numbers"),
])
def test_allocation_bounds_exactly(parts, message):
    with pytest.raises(ValueError) as e:
        make_waybill(*parts)
    assert str(e.value) == message


def test_allocation_upper_bounds_are_inclusive():
    assert make_waybill(99_999, 1, 1).startswith("99999")
    assert make_waybill(1, 99, 1)[5:7] == "99"
    assert make_waybill(1, 1, 99_999_999)[7:15] == "99999999"


def _with_check(body: str) -> str:
    return body + str(damm_digit(body))


@pytest.mark.parametrize("body", ["00000" "01" "00000001", "00001" "00" "00000001",
                                  "00001" "01" "00000000", "00000" "00" "00000000"])
def test_a_zero_outlet_terminal_or_sequence_is_not_ours(body):
    with pytest.raises(ValidationError) as e:
        parse_waybill(_with_check(body))
    assert e.value.problems == [("waybill", "is not a waybill number of this courier")]


def test_refusals_name_the_field_and_the_fix_exactly():
    cases = {
        None: "is required",
        "123": "must be 16 digits",
        "0000101000000014": "has a typing error (check digit does not match); retype it",
    }
    for typed, message in cases.items():
        with pytest.raises(ValidationError) as e:
            parse_waybill(typed, "reprint.waybill")
        assert e.value.problems == [("reprint.waybill", message)]
    with pytest.raises(ValidationError) as e:
        parse_waybill("123")
    assert e.value.problems[0][1].params == {"n": 16}


def test_normalize_waybill_names_its_field():
    with pytest.raises(ValidationError) as e:
        normalize_waybill(None)
    assert e.value.fields == ["waybill"]
    with pytest.raises(ValidationError) as e:
        normalize_waybill("123", "void.waybill")
    assert e.value.fields == ["void.waybill"]
    assert normalize_waybill("0000 1010 0000 0013") == "0000101000000013"
