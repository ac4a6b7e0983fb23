"""The loyalty card number: the courier's format, its checks and the receipt's mask."""

from __future__ import annotations

import pytest

import outlet_pos.i18n as i18n
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.loyalty import (
    DEFAULT_FORMAT,
    DIGITS,
    LETTERS_DIGITS,
    CardFormat,
    clean_card,
    group_card,
    luhn_ok,
    mask_card,
    normalize_card,
    parse_length,
)
from outlet_pos.domain.party import Party
from outlet_pos.domain.stored_settings import LOYALTY_FORMAT, REGISTRY
from outlet_pos.i18n import set_language
from outlet_pos.i18n.fields import problem_text

LUHN_16 = "8800123412341237"  # a valid Luhn number (checked below by hand)
JLC = CardFormat(pattern=DIGITS, min_length=16, max_length=16, prefix="88", luhn=True)


def _fails(value: object, fmt: CardFormat = DEFAULT_FORMAT) -> str:
    with pytest.raises(ValidationError) as e:
        normalize_card(value, fmt)
    [(field, msg)] = e.value.problems
    assert field == "loyalty_card"
    return msg


def test_luhn_by_hand():
    # 8800123412341237: doubling every second digit from the right
    digits = [int(c) for c in LUHN_16]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2)
                for i, d in enumerate(reversed(digits)))
    assert total % 10 == 0 and luhn_ok(LUHN_16)
    assert luhn_ok("79927398713")  # the textbook example
    for i in range(len(LUHN_16)):  # every single wrong digit is caught
        wrong = LUHN_16[:i] + str((int(LUHN_16[i]) + 3) % 10) + LUHN_16[i + 1:]
        assert not luhn_ok(wrong)
    assert not luhn_ok("88001234123412A8") and not luhn_ok("")


def test_spaces_dashes_and_dots_are_taken_out():
    assert normalize_card(" 8800 1234-1234.1237 ") == LUHN_16
    assert normalize_card("\u202a8800123412341237\u202c") == LUHN_16  # copied from a chat
    assert normalize_card(None) is None and normalize_card("  - ") is None


def test_the_default_takes_any_8_to_19_digits():
    assert normalize_card("12345678") == "12345678"
    assert normalize_card("1" * 19) == "1" * 19
    assert "8 to 19" in _fails("1234567")
    assert "8 to 19" in _fails("1" * 20)
    assert "only digits" in _fails("ABC12345")


def test_the_couriers_format_with_prefix_and_check_digit():
    assert normalize_card("8800 1234 1234 1237", JLC) == LUHN_16
    assert "16 characters" in _fails("880012341234123", JLC)
    assert "start with 88" in _fails("7700123412341236", JLC)
    assert "check the digits" in _fails("8800123412341239", JLC)
    alnum = CardFormat(pattern=LETTERS_DIGITS, min_length=6, max_length=10, prefix="JL")
    assert normalize_card("jl-12ab34", alnum) == "JL12AB34"
    assert "start with JL" in _fails("XX12AB34", alnum)


def test_the_error_never_quotes_the_number():
    cases = [(bad, fmt) for bad in ("12345", "12ab", "1" * 40, "12\x0034")
             for fmt in (DEFAULT_FORMAT, JLC)] + [("8800123412341239", JLC)]
    for bad, fmt in cases:
        with pytest.raises(ValidationError) as e:
            normalize_card(bad, fmt)
        assert bad not in str(e.value) and "1234" not in str(e.value)


def test_characters_no_format_takes_are_refused_before_the_format():
    for bad in ("12\x0034567", "１２３４５６７８", "1234/5678", "ñ2345678"):
        with pytest.raises(ValidationError):
            clean_card(bad)
    with pytest.raises(ValidationError):
        clean_card(12345678)


def test_a_format_that_makes_no_sense_is_refused():
    for kwargs, field in (({"pattern": "emoji"}, "pattern"),
                          ({"min_length": 12, "max_length": 10}, "length"),
                          ({"min_length": 2, "max_length": 10}, "length"),
                          ({"max_length": 40}, "length"),
                          ({"pattern": LETTERS_DIGITS, "luhn": True}, "luhn"),
                          ({"prefix": "8A"}, "prefix"),
                          ({"prefix": "1" * 19}, "prefix")):
        with pytest.raises(ValidationError) as e:
            CardFormat(**kwargs)
        assert field in e.value.fields


def test_the_format_round_trips_through_the_stored_setting():
    assert REGISTRY["loyalty_card_format"] is LOYALTY_FORMAT
    assert "manager" in LOYALTY_FORMAT.set_by and "technician" in LOYALTY_FORMAT.set_by
    meta: dict[str, str] = {}
    assert CardFormat.from_dict(LOYALTY_FORMAT.read(meta)) == DEFAULT_FORMAT
    meta[LOYALTY_FORMAT.key] = LOYALTY_FORMAT.dump(JLC.to_dict())
    assert CardFormat.from_dict(LOYALTY_FORMAT.read(meta)) == JLC
    assert JLC.describe() == "digits 16, prefix 88, luhn"
    assert DEFAULT_FORMAT.describe() == "digits 8-19"


def test_parse_length():
    assert parse_length("16") == (16, 16) and parse_length(" 10 - 16 ") == (10, 16)
    for bad in ("", "ten", "10-", "-5", "1000"):
        with pytest.raises(ValidationError):
            parse_length(bad)


def test_the_number_is_shown_grouped_as_on_the_card():
    assert group_card(LUHN_16) == "8800 1234 1234 1237"
    assert group_card("1234567890") == "1234 5678 90"
    assert normalize_card(group_card(LUHN_16), JLC) == LUHN_16


def test_the_mask_shows_the_last_four_and_never_the_length():
    assert mask_card(LUHN_16) == "**** 1237"
    assert mask_card("1234567890123456789") == "**** 6789"
    assert mask_card("12345678") == "**** 78"  # a short card shows at most a third
    assert mask_card("1234") == "**** 4" and mask_card("12") == "****"
    assert LUHN_16[:-4] not in mask_card(LUHN_16)


def test_the_party_keeps_the_card_cleaned_and_the_screen_names_the_field():
    from outlet_pos.domain.address import Address
    addr = Address("Jl. Merdeka 1", "Gambir", "Gambir", "Kota Jakarta Pusat", "DKI Jakarta",
                   "10110", "31.71.01.1001", "31.71.01")
    p = Party.create(name="Siti", phone="0812 3456 7890", address=addr,
                     loyalty_card="8800-1234-1234-1237")
    assert p.loyalty_card == LUHN_16
    assert Party.create(name="Siti", phone="0812 3456 7890", address=addr).loyalty_card is None
    with pytest.raises(ValidationError) as e:
        Party.create(name="Siti", phone="0812 3456 7890", address=addr, loyalty_card="12/34")
    assert e.value.fields == ["loyalty_card"]
    before = i18n._language
    try:
        set_language("id")
        assert problem_text("sender.loyalty_card", "x").startswith("No. kartu loyalitas")
        set_language("en")
        assert problem_text("sender.loyalty_card", "x").startswith("Loyalty card no.")
    finally:
        i18n._language = before


def test_the_event_body_carries_the_card_only_when_there_is_one():
    import dataclasses

    from outlet_pos.protocol import events as proto
    from outlet_pos.protocol import wire
    from outlet_pos.services import events
    from tests.unit.test_protocol_bodies import _shipment

    plain = _shipment(None, None, 0, "baju")
    body = events.shipment_created(plain, "kasir1")
    assert "loyalty_card" not in body["sender"] and "loyalty_card" not in body["recipient"]
    carded = dataclasses.replace(plain, sender=dataclasses.replace(plain.sender,
                                                                   loyalty_card=LUHN_16))
    with_card = events.shipment_created(carded, "kasir1")
    assert with_card["sender"]["loyalty_card"] == LUHN_16
    for b in (body, with_card):  # the model dumps each as built: the same bytes, one hash
        dumped = proto.ShipmentCreated.model_validate(b).body()
        assert dumped["sender"] == b["sender"] and dumped["recipient"] == b["recipient"]
        assert wire.canonical(dumped["sender"]) == wire.canonical(b["sender"])
    too_long = dataclasses.replace(plain, sender=dataclasses.replace(plain.sender,
                                                                     loyalty_card="1" * 33))
    with pytest.raises(Exception, match="loyalty_card"):
        events.shipment_created(too_long, "kasir1")
