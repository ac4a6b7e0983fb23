"""The audit chain's canonical row and seal are the bytes they always were.

``storage.audit.canonical`` writes with orjson and ``seal`` copies a keyed HMAC (both faster
on the booking path); rows sealed before were written by ``json.dumps(ensure_ascii=False,
separators=(",", ":"))`` and ``hmac.digest``, and ``verify`` recomputes them, so any
difference would break the chain of every older database."""

from __future__ import annotations

import hmac
import json

import pytest

from outlet_pos.storage import audit

_OLD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# every code point but the surrogates, in slices, so each row holds a few thousand
_TEXT = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
_SLICES = [_TEXT[i:i + 4096] for i in range(0, len(_TEXT), 4096)]


def _old_canonical(seq, at, actor, action, subject, details, ct=None, key_id=None,
                   encrypted=False) -> bytes:
    fields = [seq, at, actor, action, subject, details]
    if encrypted:
        fields += [ct.hex() if ct is not None else None, key_id]
    return _OLD(fields).encode()


@pytest.mark.parametrize("i", range(0, len(_SLICES), 17))
def test_canonical_rows_are_the_bytes_json_wrote(i):
    text = _SLICES[i]
    for args in [(1, "2026-11-25T02:00:00.000000+00:00", text, "shipment_booked", None,
                  '{"service":"REG","total":15000}'),
                 (2**62, text, None, text, text, text, b"\x00\xff", "k-1", True),
                 (3, "t", "kasir \"1\"\n\t\\", "a\x00b\x1f\x7f\u2028", "", "{}", None, None,
                  True)]:
        assert audit.canonical(*args) == _old_canonical(*args)


def test_the_seal_is_hmac_sha256_of_the_link_and_the_row():
    key, prev, body = bytes(range(32)), bytes(32), b'[1,"at"]'
    assert audit.seal(key, prev, body) == hmac.digest(key, prev + body, "sha256")
    other = bytes(reversed(range(32)))  # a second database's key in the same process
    assert audit.seal(other, prev, body) == hmac.digest(other, prev + body, "sha256")
    assert audit.seal(key, prev, body) != audit.seal(other, prev, body)


def test_details_are_the_text_json_wrote_and_what_orjson_refuses_still_goes_through_json():
    old = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    usual = {"service": "REG", "total": 15000, "insured": True, "note_ref": None,
             "lines": [1, "dua", {"b": 2, "a": "Ñ ☺ \n"}]}
    assert audit.dumps(usual) == old(usual)
    for refused in ({50000: 11, 1000: 48}, {"big": 2**70}):
        assert audit.dumps(refused) == old(refused)
