"""Field encryption binds ciphertext to its place; passwords; the audit chain."""

from __future__ import annotations

import pytest

from outlet_pos.domain.money import format_rupiah
from outlet_pos.storage.crypto import BlindIndex, FieldCipher, TamperedData, new_key
from outlet_pos.storage.passwords import hash_password, verify_password


def test_round_trip_and_unicode():
    c = FieldCipher("k1", new_key())
    blob = c.encrypt("Zoë 🙂 李", "shipments", "sender_name_ct", "row-1")
    assert c.decrypt(blob, "shipments", "sender_name_ct", "row-1") == "Zoë 🙂 李"
    assert "Zoë".encode() not in blob


@pytest.mark.parametrize("where", [("shipments", "sender_name_ct", "row-2"),
                                   ("shipments", "recipient_name_ct", "row-1"),
                                   ("outbox", "sender_name_ct", "row-1")])
def test_ciphertext_moved_elsewhere_fails(where):
    c = FieldCipher("k1", new_key())
    blob = c.encrypt("Budi", "shipments", "sender_name_ct", "row-1")
    with pytest.raises(TamperedData):
        c.decrypt(blob, *where)


def test_flipped_byte_and_wrong_key_fail():
    c = FieldCipher("k1", new_key())
    blob = bytearray(c.encrypt("Budi", "t", "c", "r"))
    blob[20] ^= 1
    with pytest.raises(TamperedData):
        c.decrypt(bytes(blob), "t", "c", "r")
    other = FieldCipher("k1", new_key())
    with pytest.raises(TamperedData):
        other.decrypt(c.encrypt("Budi", "t", "c", "r"), "t", "c", "r")


def test_blind_index_is_keyed_and_stable():
    k = new_key()
    assert BlindIndex(k)("+6281234567890") == BlindIndex(k)("+6281234567890")
    assert BlindIndex(k)("+6281234567890") != BlindIndex(new_key())("+6281234567890")


def test_argon2id_passwords():
    h = hash_password("rahasia-123")
    assert h.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert "rahasia" not in h
    assert verify_password("rahasia-123", h)
    assert not verify_password("rahasia-124", h)
    assert hash_password("rahasia-123") != h  # salted
    assert not verify_password("x", "garbage")


def test_format_rupiah():
    assert format_rupiah(15000) == "Rp 15.000"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(1_234_567_890) == "Rp 1.234.567.890"
    assert format_rupiah(-500) == "-Rp 500"
