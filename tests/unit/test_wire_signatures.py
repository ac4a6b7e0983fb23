"""Request signatures: made by the terminal (cryptography's Ed25519), checked by the server
(libsodium through PyNaCl); the two must agree on every good signature and refuse the rest."""

from __future__ import annotations

import time

import pytest

from outlet_pos.protocol import wire

BODY = b'{"events": []}'


def _signed(seed: bytes) -> tuple[str, bytes]:
    h = wire.sign_headers(seed, "dev-1", "POST", "/v1/events", BODY, int(time.time()))
    return h[wire.H_SIG], wire.signing_string("POST", "/v1/events", h[wire.H_TIME],
                                              h[wire.H_NONCE], BODY)


def test_a_terminals_signature_is_good_for_the_server():
    seed = wire.new_device_key()
    sig, message = _signed(seed)
    assert wire.verify_signature(wire.public_key_of(seed), sig, message)


def test_another_message_another_key_or_a_changed_signature_is_refused():
    seed, other = wire.new_device_key(), wire.new_device_key()
    sig, message = _signed(seed)
    assert not wire.verify_signature(wire.public_key_of(seed), sig, message + b"x")
    assert not wire.verify_signature(wire.public_key_of(other), sig, message)
    raw = bytearray(wire.unb64(sig))
    raw[5] ^= 1
    assert not wire.verify_signature(wire.public_key_of(seed), wire.b64(bytes(raw)), message)


@pytest.mark.parametrize("key, sig", [
    ("", ""), ("not base64 !", "x"), (wire.b64(b"\x01" * 31), wire.b64(b"\x00" * 64)),
    (wire.b64(b"\x01" * 32), wire.b64(b"\x00" * 63)),
    # the identity point as a key and a signature of the identity and zero: OpenSSL
    # (cryptography 50) takes it as good for any message, libsodium refuses it
    (wire.b64(b"\x01" + b"\x00" * 31), wire.b64(b"\x01" + b"\x00" * 63)),
])
def test_malformed_keys_and_signatures_are_a_no(key, sig):
    assert wire.verify_signature(key, sig, b"anything") is False
