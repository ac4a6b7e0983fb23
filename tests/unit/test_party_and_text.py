"""Phones, e-mails, names and free text: accepted forms, refusals, and no mangling."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.party import mask_phone, normalize_email, normalize_phone
from outlet_pos.domain.text import DIRECTION_CONTROLS, clean_text


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
        assert not [ch for ch in out if unicodedata.category(ch) in ("Cc", "Cf")]


@pytest.mark.parametrize("ch", sorted(DIRECTION_CONTROLS))
def test_direction_controls_are_refused_naming_the_field(ch):
    # \u202e makes "Budi" print as "iduB": the clerk must see it and retype
    with pytest.raises(ValidationError, match="direction") as e:
        clean_text("recipient.name", f"Budi{ch} Santoso", max_len=100)
    assert e.value.fields == ["recipient.name"]
    assert "Budi" not in str(e.value)


@pytest.mark.parametrize("typed", ["Bu\u200bdi Santoso", "\ufeffBudi Santoso",
                                   "Budi\u00ad Santoso", "Budi \u2060Santoso\u200d",
                                   "Budi\u200c \u200b Santoso", "Budi Santoso\U000e0041"])
def test_invisible_format_characters_are_removed(typed):
    assert clean_text("name", typed, max_len=100) == "Budi Santoso"


def test_text_of_only_invisible_characters_is_missing():
    with pytest.raises(ValidationError, match="required"):
        clean_text("name", "\u200b\ufeff \u200d", max_len=100)


def test_phone_copied_from_a_chat_loses_its_direction_marks():
    # Android's WhatsApp wraps a copied number in LEFT-TO-RIGHT EMBEDDING ... POP
    assert normalize_phone("\u202a+62 812-3456-7890\u202c") == "+6281234567890"
    assert normalize_phone("0812\u200b3456\u200b7890") == "+6281234567890"
    with pytest.raises(ValidationError, match="required"):
        normalize_phone("\u202a\u202c")


@pytest.mark.parametrize("email", ["budi\u200b@contoh.co.id", "budi@contoh\u202e.co.id",
                                   "budi@contoh.co.id\x00"])
def test_email_with_a_hidden_character_is_refused(email):
    with pytest.raises(ValidationError, match="hidden") as e:
        normalize_email(email, "sender.email")
    assert e.value.fields == ["sender.email"]
