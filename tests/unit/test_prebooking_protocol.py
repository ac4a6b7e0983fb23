"""The pre-booking contract both ends share: codes, the booking model and the signed QR."""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from outlet_pos.protocol import prebooking as pb
from outlet_pos.protocol.events import ShipmentCreated
from tests.reliability import pii

NOW = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)


def _request(**over: object) -> pb.PrebookingRequest:
    data: dict = {
        "sender": {"name": pii.SENDER_NAME, "phone": pii.SENDER_PHONE, "email": pii.EMAIL,
                   "address": {"street": pii.SENDER_STREET, "village": "Kebon Kacang",
                               "district": "Tanah Abang", "city": "Jakarta Pusat",
                               "province": "DKI Jakarta", "postal_code": "10240",
                               "district_code": "31.71.08"}},
        "recipient": {"name": pii.RECIPIENT_NAME, "phone": pii.RECIPIENT_PHONE,
                      "address": {"street": pii.RECIPIENT_STREET, "village": "Sukajadi",
                                  "district": "Sukajadi", "city": "Kota Bandung",
                                  "province": "Jawa Barat", "postal_code": "40162",
                                  "district_code": "32.73.12"}},
        "parcel": {"weight_g": 1500, "length_cm": 30, "width_cm": 20, "height_cm": 10,
                   "description": pii.DESCRIPTION, "declared_value": 250_000,
                   "packing": "kardus"},
        "service": "REG", "quoted_total": 27_000, "paid": 27_000, "origin_hint": "31.71.08"}
    data.update(over)
    return pb.PrebookingRequest.model_validate(data)


def _booking(now: datetime = NOW) -> pb.Prebooked:
    return pb.Prebooked.issue(_request(), now)


KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
RAW = KEY.public_key().public_bytes_raw()
KEYS = {pb.key_id_of(RAW): RAW}


# ---------------------------------------------------------------- codes

def test_new_codes_are_valid_distinct_and_of_the_alphabet() -> None:
    codes = {pb.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == 10 and code.startswith("PB") and pb.valid_code(code)
        assert not set(code[2:]) & set("ILOU")


def test_every_single_character_change_and_adjacent_swap_is_caught() -> None:
    code = pb.new_code()
    for i in range(2, 10):
        for c in pb.ALPHABET:
            if c != code[i]:
                assert not pb.valid_code(code[:i] + c + code[i + 1:]), (code, i, c)
    swaps = [code[:i] + code[i + 1] + code[i] + code[i + 2:] for i in range(2, 9)
             if code[i] != code[i + 1]]
    caught = sum(not pb.valid_code(s) for s in swaps)
    assert caught >= len(swaps) - 1  # only a swap of values 16 apart slips through


def test_normalize_takes_what_a_person_types_and_refuses_the_rest() -> None:
    code = pb.new_code()
    typed = f" {code[:2].lower()}-{code[2:6].lower()} {code[6:]} "
    assert pb.normalize_code(typed) == code
    for bad in ("", code[:-1], code + "0", "XX" + code[2:], code.replace(code[3], "I", 1)):
        with pytest.raises(ValueError) as err:
            pb.normalize_code(bad)
        assert bad.strip() == "" or bad not in str(err.value)
    assert not pb.valid_code(code.lower())


# ---------------------------------------------------------------- the model

def test_the_booking_expires_14_days_after_it_is_issued_by_default() -> None:
    b = _booking()
    assert b.issued_at == "2026-12-02T05:00:00Z"
    assert b.expires_at == "2026-12-16T05:00:00Z"
    assert not b.expired(NOW + timedelta(days=13, hours=23))
    assert b.expired(NOW + timedelta(days=14))
    explicit = pb.Prebooked(**{**b.model_dump(), "expires_at": "2026-12-03T00:00:00Z"})
    assert explicit.expires_at == "2026-12-03T00:00:00Z"


def test_the_model_refuses_what_the_contract_refuses() -> None:
    with pytest.raises(ValidationError):
        _request(paid=30_000)  # more than quoted
    with pytest.raises(ValidationError):
        _request(parcel={"weight_g": 0})
    with pytest.raises(ValidationError):
        _request(quoted_total=-1)
    with pytest.raises(ValidationError):
        _request(service="")
    with pytest.raises(ValidationError):
        pb.Prebooked(**{**_booking().model_dump(), "code": "PB00000000"
                        if not pb.valid_code("PB00000000") else "PB00000001"})
    with pytest.raises(ValidationError):
        _booking().model_copy().__class__.model_validate({**_booking().model_dump(),
                                                          "surprise": 1})
    assert _request(paid=0).paid == 0
    assert _request(parcel={"weight_g": 10}).parcel.pieces == 1


def test_a_shipment_with_a_prebooking_carries_it_and_one_without_hashes_as_before() -> None:
    fields = dict(shipment_id="s-1", waybill="0001000000011", outlet=1, terminal=1,
                  booked_at="2026-12-02T05:00:00+07:00", business_date="2026-12-02",
                  service="REG", origin_district="31.71.08", dest_district="32.73.12",
                  sender={}, recipient={}, parcel={"weight_g": 1500},
                  quote={"total": 27_000}, payment={"method": "cash"})
    plain = ShipmentCreated(**fields).body()
    assert "prebooking" not in plain
    code = pb.new_code()
    used = ShipmentCreated(**fields, prebooking={"code": code, "paid": 27_000,
                                                 "quoted_total": 27_000}).body()
    assert used["prebooking"] == {"code": code, "paid": 27_000, "quoted_total": 27_000}
    assert {k: v for k, v in used.items() if k != "prebooking"} == plain
    with pytest.raises(ValidationError):
        ShipmentCreated(**fields, prebooking={"code": code, "paid": -1, "quoted_total": 0})


# ---------------------------------------------------------------- the QR

def _typical() -> pb.Prebooked:
    """What an app booking usually holds: no e-mails, no province (the district code
    names it), everything else filled."""
    data = _request().model_dump(exclude_none=True)
    del data["sender"]["email"]
    for party in ("sender", "recipient"):
        del data[party]["address"]["province"]
    return pb.Prebooked.issue(pb.PrebookingRequest.model_validate(data), NOW)


def test_the_qr_round_trips_and_is_short_and_plain_ascii() -> None:
    for b, limit in ((_typical(), 1200), (_booking(), 1300)):  # the second: every field
        qr = pb.encode_qr(b, KEY)
        assert qr.startswith("OPB1.") and qr.isascii() and " " not in qr
        assert set(qr) <= set(string.ascii_letters + string.digits + "-_.")
        assert len(qr) < limit, len(qr)
        assert qr.split(".")[2] == pb.key_id_of(RAW) and len(pb.key_id_of(RAW)) == 8
        assert pb.decode_qr(qr, KEYS, NOW) == b


def test_the_key_id_is_the_start_of_the_keys_sha256() -> None:
    import hashlib
    assert pb.key_id_of(RAW) == hashlib.sha256(RAW).hexdigest()[:8]


@pytest.mark.parametrize("where", ["payload", "signature"])
def test_a_flipped_byte_fails_the_signature(where: str) -> None:
    qr = pb.encode_qr(_booking(), KEY)
    head, payload, key_id, sig = qr.split(".")
    part = payload if where == "payload" else sig
    i = len(part) // 2
    flipped = part[:i] + ("A" if part[i] != "A" else "B") + part[i + 1:]
    tampered = ".".join([head, flipped if where == "payload" else payload, key_id,
                         flipped if where == "signature" else sig])
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(tampered, KEYS, NOW)
    assert err.value.reason == "bad_signature"


def test_another_key_is_unknown_or_fails() -> None:
    other = Ed25519PrivateKey.generate()
    qr = pb.encode_qr(_booking(), other)
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(qr, KEYS, NOW)
    assert err.value.reason == "unknown_key"
    # a key listed under the other key's id (a forged id) still fails the signature
    forged = {pb.key_id_of(other.public_key().public_bytes_raw()): RAW}
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(qr, forged, NOW)
    assert err.value.reason == "bad_signature"


def test_after_expiry_the_qr_is_refused() -> None:
    qr = pb.encode_qr(_booking(), KEY)
    assert pb.decode_qr(qr, KEYS, NOW + timedelta(days=13)).code
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(qr, KEYS, NOW + timedelta(days=14, seconds=1))
    assert err.value.reason == "expired"


@pytest.mark.parametrize("text", ["", "hello", "OPB1.", "OPB1.a.b", "OPB1.a.b.c.d",
                                  "OPB2.x.y.z", "OPB1.é.x.y", "OPB1." + "A" * 5000])
def test_malformed_texts_are_refused_without_repeating_them(text: str) -> None:
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(text, KEYS, NOW)
    assert err.value.reason in ("malformed", "unknown_key")
    assert text[5:] == "" or text[5:] not in str(err.value)


def test_a_signed_payload_that_is_no_booking_is_malformed() -> None:
    from outlet_pos.protocol.wire import b64
    signed = "OPB1." + b64(b'{"code":"nope"}')
    qr = f"{signed}.{pb.key_id_of(RAW)}.{b64(KEY.sign(signed.encode()))}"
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(qr, KEYS, NOW)
    assert err.value.reason == "malformed"


def test_the_refusal_names_no_personal_data() -> None:
    qr = pb.encode_qr(_booking(), KEY)
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(qr, KEYS, NOW + timedelta(days=30))
    assert not pii.pii_in_text(str(err.value)) and not pii.pii_in_text(repr(err.value))
