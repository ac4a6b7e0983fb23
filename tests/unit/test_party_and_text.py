"""Phones, e-mails, names and free text: accepted forms, refusals, and no mangling."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.address import Address
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.party import Party, mask_name, mask_phone, normalize_email, normalize_phone
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


# Every spelling a clerk meets, with the exact number it must become.
@pytest.mark.parametrize("typed,e164", [
    ("62853495385", "+62853495385"),       # 62… without the plus: the country code
    ("62 853 495 385", "+62853495385"),
    ("+62853495385", "+62853495385"),
    ("+62 853-495-385", "+62853495385"),
    ("0853495385", "+62853495385"),
    ("0853.495.385", "+62853495385"),
    ("6262853495385", "+6262853495385"),   # 62 62…: only the first 62 is the country
    ("6222250123", "+6222250123"),         # ten digits from 62: still the country code
    ("622225012", "+62622225012"),         # nine: too short for one, read as national
    ("62-222-5012", "+62622225012"),       # nine digits however long the typing is
    ("(62) 853 495 385", "+62853495385"),
    ("+62 (0)812 3456 7890", "+6281234567890"),  # a business card's national 0
    ("62 (0)812 3456 7890", "+6281234567890"),
    ("(022) 250-1234", "+62222501234"),
    ("62 22 2501234", "+62222501234"),
])
def test_every_accepted_spelling_of_a_phone(typed, e164):
    assert normalize_phone(typed) == e164


@pytest.mark.parametrize("typed", ["0812-3456-789O", "0812 3456 7890 ext", "0812abc4567",
                                   "+62 812/3456/7890", "0812_3456_7890", "٠٨١٢٣٤٥٦٧٨٩٠"])
def test_letters_and_other_signs_in_a_phone_are_refused(typed):
    with pytest.raises(ValidationError) as e:
        normalize_phone(typed)
    assert e.value.problems == [("phone", "may hold only digits, spaces, +, -, ( and )")]


@pytest.mark.parametrize("typed,message", [
    ("", "is required, e.g. 0812 3456 7890"),
    ("   ", "is required, e.g. 0812 3456 7890"),
    (None, "is required, e.g. 0812 3456 7890"),
    (81234567890, "is required, e.g. 0812 3456 7890"),
    ("+", "is not a phone number; type it as 0812 3456 7890"),
    ("(-)", "is not a phone number; type it as 0812 3456 7890"),
    ("0812", "is not a valid phone number; check the digits (e.g. 0812 3456 7890)"),
    ("+1 555", "is not a valid phone number; check the digits (e.g. 0812 3456 7890)"),
])
def test_phone_refusals_say_what_to_type(typed, message):
    with pytest.raises(ValidationError) as e:
        normalize_phone(typed)
    assert e.value.problems == [("phone", message)]


@pytest.mark.parametrize("e164,masked", [
    ("", ""), ("+", "*"), ("+62123", "******"), ("+621234", "*******"),
    # up to nine characters the prefix and the last three would show every character
    ("+6212345", "********"), ("+62123456", "*********"),
    ("+621234567", "+62123*567"), ("+6222250123", "+62222**123"),
    ("+62853495385", "+62853***385"), ("+6281234567890", "+62812*****890"),
])
def test_mask_phone_at_every_length_boundary(e164, masked):
    assert mask_phone(e164) == masked
    assert len(mask_phone(e164)) == len(e164)


@pytest.mark.parametrize("name,masked", [
    ("Budi Santoso", "B*** S***"), ("A. Yani", "A*** Y***"),
    ("Ni Luh Putu Ayu", "N*** L*** P*** A***"),
    ("  Budi  ", "B***"), ("", ""), ("李小龙", "李***"),
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_email_forms_and_refusals():
    assert normalize_email(None) is None
    assert normalize_email("   ") is None
    assert normalize_email("  budi@contoh.co.id\t") == "budi@contoh.co.id"
    longest = "b" * 241 + "@contoh.co.id"
    assert len(longest) == 254 and normalize_email(longest) == longest
    for bad in ("b" * 242 + "@contoh.co.id", "budi@contoh", "budi contoh@x.id", "@contoh.co.id",
                "budi@@contoh.co.id", "budi@contoh.", "budi@.id"):
        with pytest.raises(ValidationError) as e:
            normalize_email(bad)
        assert e.value.problems == [("email", "is not an e-mail address, e.g. nama@contoh.co.id")]
    with pytest.raises(ValidationError) as e:
        normalize_email(12)
    assert e.value.problems == [("email", "must be text")]
    with pytest.raises(ValidationError) as e:
        normalize_email("budi\u200b@contoh.co.id")
    assert e.value.problems == [("email", "contains a hidden or control character; retype it")]


ADDRESS = Address(street="Jl. Gambir 1", village="Gambir", district="Gambir",
                  city="Kota Administrasi Jakarta Pusat",
                  province="Daerah Khusus Ibukota Jakarta", postal_code="10110",
                  village_code="31.71.01.1001", district_code="31.71.01")


def test_party_create_cleans_every_field():
    p = Party.create(name="  Budi   Santoso ", phone="0812-3456-7890", address=ADDRESS,
                     email=" budi@contoh.co.id ")
    assert p == Party(name="Budi Santoso", phone="+6281234567890", address=ADDRESS,
                      email="budi@contoh.co.id")
    assert Party.create(name="Budi", phone="62853495385", address=ADDRESS).email is None


def test_party_create_reports_every_bad_field_at_once():
    with pytest.raises(ValidationError) as e:
        Party.create(name=" ", phone="0812abc", address=ADDRESS, email="budi@")
    assert e.value.problems == [
        ("name", "is required"),
        ("phone", "may hold only digits, spaces, +, -, ( and )"),
        ("email", "is not an e-mail address, e.g. nama@contoh.co.id"),
    ]


def test_a_name_holds_up_to_a_hundred_characters():
    name = "B" * 100
    assert Party.create(name=name, phone="0812 3456 7890", address=ADDRESS).name == name
    with pytest.raises(ValidationError) as e:
        Party.create(name=name + "B", phone="0812 3456 7890", address=ADDRESS)
    assert e.value.problems == [("name", "is too long: at most 100 characters")]
