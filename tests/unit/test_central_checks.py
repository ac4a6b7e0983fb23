"""The server's validation of event bodies (central/checks.py): every bound at its edge.

A problem here becomes a ``rejected`` answer to the outlet, never a 500; each case names
the exact reason the outlet's manager will read.
"""

from __future__ import annotations

import copy

import pytest

from outlet_pos.central.checks import (
    INT_MAX,
    closing_problem,
    json_problem,
    reopen_problem,
    shipment_problem,
    void_problem,
    waybill_problem,
)
from outlet_pos.domain.waybill import make_waybill

WAYBILL = make_waybill(12, 3, 45)
SHIPMENT = {
    "shipment_id": "0b6f6c4e-2a4c-4b8e-9a57-3f1f0d6f0a11", "waybill": WAYBILL,
    "outlet": 12, "terminal": 3, "booked_at": "2026-11-25T09:00:00+07:00",
    "business_date": "2026-11-25", "service": "REG", "origin_district": "32.73.02",
    "dest_district": "31.71.01", "sender": {}, "recipient": {},
    "parcel": {"weight_g": 1000, "cod_amount": None}, "quote": {"total": 10000},
    "payment": {"method": "cash"},
}
VOID = {"shipment_id": SHIPMENT["shipment_id"], "reason": "salah ketik",
        "voided_at": "2026-11-25T10:00:00+07:00"}
CLOSING = {"sequence": 1, "business_date": "2026-11-25", "outlet": 12, "terminal": 3}
REOPEN = {**CLOSING, "reopened_at": "2026-11-25T21:00:00+07:00", "reopened_by": "manajer",
          "reason": "kas salah hitung"}


def body(base: dict, **changes) -> dict:
    b = copy.deepcopy(base)
    for key, value in changes.items():
        if value is _DROP:
            del b[key]
        else:
            b[key] = value
    return b


_DROP = object()


def test_well_formed_bodies_pass():
    assert shipment_problem(SHIPMENT) is None
    assert void_problem(VOID) is None
    assert closing_problem(CLOSING) is None
    assert reopen_problem(REOPEN) is None
    assert waybill_problem(WAYBILL, 12, 3) is None
    assert json_problem({"a": [1, "x", None, True, {"b": -5}]}) is None


def nested(levels: int, inner: object = 1) -> object:
    value = inner
    for _ in range(levels):
        value = [value]
    return value


def test_nesting_is_bounded_at_twelve_levels():
    assert json_problem(nested(12)) is None
    assert json_problem(nested(13)) == "body is nested too deeply"
    assert json_problem({"k": nested(11)}) is None
    assert json_problem({"k": nested(12)}) == "body is nested too deeply"
    # a key sits one level below its object, as its value does
    assert json_problem(nested(11, {"k": 1})) is None
    assert json_problem(nested(12, {"k": 1})) == "body is nested too deeply"
    assert json_problem(nested(12, {"k\x00": 1})) == "body is nested too deeply"


@pytest.mark.parametrize("value", ["a\x00b", "x" * 20_001, ["ok", "\x00"], {"k\x00": 1},
                                   {"a": 1, "b": ["x" * 20_001]}])
def test_nul_characters_and_long_texts_are_refused(value):
    assert json_problem(value) == "a text holds a NUL character or is too long"


def test_texts_up_to_twenty_thousand_characters_pass():
    assert json_problem("x" * 20_000) is None


@pytest.mark.parametrize("value,problem", [
    (2**63 - 1, None), (-(2**63), None), (2**63, "a number is out of range"),
    (-(2**63) - 1, "a number is out of range"), ([0, 2**63], "a number is out of range"),
    (1.5, "numbers must be whole (amounts are rupiah, weights grams)"),
    ({"a": 1, "b": 2.0}, "numbers must be whole (amounts are rupiah, weights grams)"),
    (True, None), (None, None), (b"bytes", None),
])
def test_numbers_must_be_whole_and_fit_64_bits(value, problem):
    assert json_problem(value) == problem


# every field the server relies on, with the type the outlet reads in its reason
REQUIRED = {"shipment_id": "str", "waybill": "str", "outlet": "int", "terminal": "int",
            "booked_at": "str", "business_date": "str", "service": "str",
            "origin_district": "str", "dest_district": "str", "sender": "dict",
            "recipient": "dict", "parcel": "dict", "quote": "dict", "payment": "dict"}


@pytest.mark.parametrize("key,kind", REQUIRED.items())
def test_every_shipment_field_is_required_with_its_type(key, kind):
    expected = f"field {key} is missing or not a {kind}"
    assert shipment_problem(body(SHIPMENT, **{key: _DROP})) == expected
    assert shipment_problem(body(SHIPMENT, **{key: True})) == expected  # bool is no int


@pytest.mark.parametrize("key", ["outlet", "terminal"])
def test_whole_number_fields_fit_a_32_bit_column(key):
    assert shipment_problem(body(SHIPMENT, **{key: 0})) is None
    assert shipment_problem(body(SHIPMENT, **{key: INT_MAX})) is None
    assert INT_MAX == 2_147_483_647
    for bad in (-1, INT_MAX + 1):
        assert shipment_problem(body(SHIPMENT, **{key: bad})) == f"field {key} is out of range"


@pytest.mark.parametrize("key,limit", [("shipment_id", 36), ("waybill", 16), ("booked_at", 40),
                                       ("business_date", 10), ("service", 8),
                                       ("origin_district", 16), ("dest_district", 16)])
def test_texts_fit_their_columns(key, limit):
    assert shipment_problem(body(SHIPMENT, **{key: "x" * limit})) != \
        f"field {key} is longer than {limit}"
    assert shipment_problem(body(SHIPMENT, **{key: "x" * (limit + 1)})) == \
        f"field {key} is longer than {limit}"


WHOLE = "parcel.weight_g, parcel.cod_amount and quote.total must be whole numbers"


@pytest.mark.parametrize("parcel,quote,problem", [
    ({"weight_g": 1}, {"total": 0}, None),
    ({"weight_g": INT_MAX, "cod_amount": INT_MAX}, {"total": INT_MAX}, None),
    ({"weight_g": 1000, "cod_amount": 0}, {"total": 1}, None),
    ({}, {"total": 1}, WHOLE),
    ({"weight_g": None}, {"total": 1}, WHOLE),
    ({"weight_g": 1000}, {}, WHOLE),
    ({"weight_g": 1000}, {"total": None}, WHOLE),
    ({"weight_g": 1.0}, {"total": 1}, WHOLE),
    ({"weight_g": True}, {"total": 1}, WHOLE),
    ({"weight_g": -1}, {"total": 1}, WHOLE),
    ({"weight_g": INT_MAX + 1}, {"total": 1}, WHOLE),
    ({"weight_g": 1000}, {"total": -1}, WHOLE),
    ({"weight_g": 1000}, {"total": INT_MAX + 1}, WHOLE),
    ({"weight_g": 1000, "cod_amount": -1}, {"total": 1}, WHOLE),
    ({"weight_g": 1000, "cod_amount": INT_MAX + 1}, {"total": 1}, WHOLE),
    ({"weight_g": 1000, "cod_amount": "5"}, {"total": 1}, WHOLE),
    ({"weight_g": 1000, "cod_amount": False}, {"total": 1}, WHOLE),
])
def test_weights_and_amounts_are_whole_numbers_that_fit(parcel, quote, problem):
    assert shipment_problem(body(SHIPMENT, parcel=parcel, quote=quote)) == problem


@pytest.mark.parametrize("method,ok", [("cash", True), ("x", True), ("q" * 16, True),
                                       ("", False), ("q" * 17, False), (None, False),
                                       (5, False)])
def test_payment_method_is_a_short_text(method, ok):
    problem = shipment_problem(body(SHIPMENT, payment={"method": method}))
    assert problem == (None if ok else "payment.method must be a short text")
    assert shipment_problem(body(SHIPMENT, payment={})) == "payment.method must be a short text"


@pytest.mark.parametrize("changes", [{"booked_at": "25/11/2026 09:00"},
                                     {"business_date": "2026-13-01"},
                                     {"business_date": "kemarin"},
                                     {"business_date": "20261125"},
                                     {"business_date": "2026-W48-3"}])
def test_dates_must_be_iso_8601(changes):
    assert shipment_problem(body(SHIPMENT, **changes)) == \
        "booked_at or business_date is not an ISO-8601 date"


def test_waybill_must_be_exact_and_belong_to_the_sender():
    bad = WAYBILL[:-1] + str((int(WAYBILL[-1]) + 1) % 10)
    invalid = "is not a valid waybill number (length or check digit)"
    assert waybill_problem(bad, 12, 3) == f"waybill {bad} {invalid}"
    spaced = " ".join(WAYBILL[i:i + 4] for i in range(0, 16, 4))  # valid once normalised
    assert waybill_problem(spaced, 12, 3) == f"waybill {spaced} {invalid}"
    assert waybill_problem("", 12, 3) == f"waybill  {invalid}"
    assert waybill_problem(WAYBILL, 13, 3) == (
        f"waybill {WAYBILL} belongs to outlet 12 terminal 3, not to the sending device's "
        "outlet 13 terminal 3")
    assert waybill_problem(WAYBILL, 12, 4) == (
        f"waybill {WAYBILL} belongs to outlet 12 terminal 3, not to the sending device's "
        "outlet 12 terminal 4")


@pytest.mark.parametrize("changes,problem", [
    ({"shipment_id": _DROP}, "field shipment_id is missing or not a str"),
    ({"reason": 5}, "field reason is missing or not a str"),
    ({"reason": "r" * 2000}, None),
    ({"reason": "r" * 2001}, "field reason is longer than 2000"),
    ({"voided_at": "besok"}, "voided_at is not an ISO-8601 time"),
    ({"voided_at": "x" * 40}, "voided_at is not an ISO-8601 time"),
    ({"voided_at": "x" * 41}, "field voided_at is longer than 40"),
    ({"shipment_id": "s" * 36}, None),
    ({"shipment_id": "s" * 37}, "field shipment_id is longer than 36"),
    ({"voided_at": "2026-11-25"}, None),
])
def test_void_bodies(changes, problem):
    assert void_problem(body(VOID, **changes)) == problem


@pytest.mark.parametrize("changes,problem", [
    ({"sequence": 0}, None), ({"sequence": INT_MAX}, None),
    ({"sequence": -1}, "field sequence is out of range"),
    ({"sequence": "1"}, "field sequence is missing or not a int"),
    ({"terminal": _DROP}, "field terminal is missing or not a int"),
    ({"business_date": "2026-02-30"}, "business_date is not an ISO-8601 date"),
    ({"business_date": "20261125"}, "business_date is not an ISO-8601 date"),
    ({"business_date": "2026-11-25x"}, "field business_date is longer than 10"),
])
def test_closing_bodies(changes, problem):
    assert closing_problem(body(CLOSING, **changes)) == problem
    assert reopen_problem(body(REOPEN, **changes)) == problem


@pytest.mark.parametrize("changes,problem", [
    ({"reopened_by": "m" * 64}, None),
    ({"reopened_by": "m" * 65}, "field reopened_by is longer than 64"),
    ({"reason": "r" * 500}, None),
    ({"reason": "r" * 501}, "field reason is longer than 500"),
    ({"reopened_at": _DROP}, "field reopened_at is missing or not a str"),
    ({"reopened_at": "r" * 40}, None),  # the server reads it as text, not as a time
    ({"reopened_at": "r" * 41}, "field reopened_at is longer than 40"),
])
def test_reopen_bodies(changes, problem):
    assert reopen_problem(body(REOPEN, **changes)) == problem
    assert closing_problem(body(REOPEN, **changes)) is None  # a closing has no such field
