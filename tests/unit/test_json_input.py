"""JSON from a person: too deep, too long a number, not UTF-8 — a field message, never a crash."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.json_input import MAX_DEPTH, nesting_depth, parse_json


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,
                                  '{"a":' * 100_000 + "1" + "}" * 100_000,
                                  "[" * 100_000])  # cut off too: still refused before parsing
def test_deep_nesting_is_refused_naming_the_file(text):
    with pytest.raises(ValidationError, match=r"orders\.json is nested more than 32") as e:
        parse_json(text, field="json", name="orders.json")
    assert e.value.fields == ["json"]


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"street": "[[[[" * 50 + '\\"{{{' * 50})
    assert nesting_depth(text) == 1
    assert parse_json(text, field="json", name="f")["street"].startswith("[[[[")


def test_a_number_too_long_for_python_is_a_field_message():
    with pytest.raises(ValidationError, match="too large") as e:
        parse_json("[" + "9" * 5000 + "]", field="json", name="f")
    assert e.value.fields == ["json"]


def test_bytes_that_are_not_utf8():
    with pytest.raises(ValidationError, match="not UTF-8"):
        parse_json(b'{"name": "\xff"}', field="json", name="f")


@given(st.recursive(st.none() | st.integers() | st.text(), lambda c: st.lists(c, max_size=3)
                    | st.dictionaries(st.text(max_size=3), c, max_size=3), max_leaves=30))
def test_depth_agrees_with_the_structure(value):
    def depth(v: object) -> int:
        if isinstance(v, list):
            return 1 + max((depth(x) for x in v), default=0)
        if isinstance(v, dict):
            return 1 + max((depth(x) for x in v.values()), default=0)
        return 0

    text = json.dumps(value)
    assert nesting_depth(text, limit=10_000) == depth(value)
    if depth(value) <= MAX_DEPTH:
        assert parse_json(text, field="json", name="f") == value
