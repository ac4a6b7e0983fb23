"""Phones, e-mails, names and free text: accepted forms, refusals, and no mangling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.party import mask_phone, normalize_email, normalize_phone
from outlet_pos.domain.text import clean_text


@pytest.mark.parametrize("typed", ["0812-3456-7890", "081234567890", "+62 812 3456 7890",
                                   "62812 3456 7890", "6281234567890", "(0812) 3456 7890"])
def test_mobile_forms_normalise_to_e164(typed):
    assert normalize_phone(typed) == "+6281234567890"


def test_landline_is_accepted():
    assert normalize_phone("022 2501234") == "+62222501234"


@pytest.mark.parametrize("bad", ["", "12", "0812", "hello", "0812345678901234567",
                                 "0812'; DROP TABLE shipments;--", None, "+1 555"])
def test_invalid_phones_are_refused_with_the_field(bad):
    with pytest.raises(ValidationError) as e:
        normalize_phone(bad, "recipient.phone")
    assert e.value.fields == ["recipient.phone"]
    if isinstance(bad, str) and len(bad) > 6:
        assert bad not in str(e.value)  # never echo personal data


def test_mask_phone_keeps_prefix_and_last_three():
    assert mask_phone("+6281234567890") == "+62812*****890"


def test_email():
    assert normalize_email(" a@b.co.id ") == "a@b.co.id"
    assert normalize_email("") is None
    with pytest.raises(ValidationError):
        normalize_email("not-an-email")


@pytest.mark.parametrize("name", ["Ahmad Dhani", "Ni Luh Putu Ayu", "李小龙", "محمد",
                                  "Zoë 🙂 Çelik", "O'Brien; DROP TABLE users;--"])
def test_names_are_kept_exactly(name):
    assert clean_text("name", name, max_len=100) == name


def test_control_characters_are_refused():
    with pytest.raises(ValidationError, match="control"):
        clean_text("name", "Budi\x00Santoso", max_len=100)
    with pytest.raises(ValidationError, match="control"):
        clean_text("name", "Budi\x1b[31m", max_len=100)


def test_whitespace_folds_and_long_text_is_refused():
    assert clean_text("name", "  Budi \t\n Santoso ", max_len=100) == "Budi Santoso"
    with pytest.raises(ValidationError, match="at most 100"):
        clean_text("name", "x" * 10_240, max_len=100)


@given(st.text())
def test_clean_text_only_raises_validation_error(s):
    try:
        out = clean_text("f", s, max_len=1000)
    except ValidationError as e:
        assert e.fields == ["f"]
    else:
        assert out == out.strip()
