"""sync/prebookings.py over a stand-in client (the real server's answers are in
tests/integration/test_dropoff_two_outlets.py): the keys at most once an hour, a key that
does not hash to its id not kept, conflicts kept once, a server without the routes left
alone, an unreadable answer a transient error."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from outlet_pos.protocol.prebooking import key_id_of
from outlet_pos.sync.errors import TRANSIENT, SyncError
from outlet_pos.sync.prebookings import CONFLICTS_PATH, KEYS_PATH, PrebookingSync

RAW = Ed25519PrivateKey.from_private_bytes(bytes(range(32))).public_key().public_bytes_raw()
OTHER = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33))).public_key().public_bytes_raw()
CONFLICT = {"code": "PB83AG9BF0", "reason": "used_twice", "at": "2026-12-02T03:00:00Z",
            "first": {"outlet": 41, "waybill": "0041010000012", "used_at": None},
            "second": {"outlet": 42, "waybill": "0042010000011", "used_at": None}}


class _Response:
    def __init__(self, status: int, body: object) -> None:
        self.status_code, self.body = status, body

    def close(self) -> None:
        pass


class _Client:
    def __init__(self, answers: dict[str, tuple[int, object]]) -> None:
        self.answers, self.asked = answers, []

    def _send(self, method: str, path: str, signed: bool = True) -> _Response:
        self.asked.append((path, signed))
        return _Response(*self.answers[path])

    def _json(self, r: _Response) -> object:
        return r.body


def _keys(*raws: bytes, wrong_id: bool = False) -> dict:
    return {"keys": [{"key_id": "00000000" if wrong_id else key_id_of(r),
                      "public_key": base64.b64encode(r).decode()} for r in raws]}


def test_keys_once_an_hour_conflicts_every_pass(app, clock):
    client = _Client({KEYS_PATH: (200, _keys(RAW)),
                      CONFLICTS_PATH: (200, {"conflicts": [CONFLICT]})})
    sync = PrebookingSync(app.db.uow, clock, lambda: client)
    sync.cycle()
    clock.advance(minutes=59)
    sync.cycle()
    assert [p for p, _ in client.asked] == [KEYS_PATH, CONFLICTS_PATH, CONFLICTS_PATH]
    assert (KEYS_PATH, False) in client.asked  # the keys are public: unsigned
    with app.db.uow() as uow:
        assert uow.prebookings.keys() == {key_id_of(RAW): RAW}
        assert len(uow.prebookings.conflicts()) == 1  # fetched twice, kept once
    client.answers[KEYS_PATH] = (200, _keys(OTHER))  # the server changed its key
    clock.advance(minutes=1)
    again = PrebookingSync(app.db.uow, clock, lambda: client)  # a restart: the stored time
    again.cycle()
    with app.db.uow() as uow:
        assert uow.prebookings.keys() == {key_id_of(OTHER): OTHER}


def test_a_key_not_matching_its_id_is_not_kept(app, clock):
    client = _Client({KEYS_PATH: (200, _keys(RAW, wrong_id=True)),
                      CONFLICTS_PATH: (200, {"conflicts": []})})
    assert PrebookingSync(app.db.uow, clock, lambda: client).refresh_keys() == 0
    with app.db.uow() as uow:
        assert uow.prebookings.keys() == {}


def test_a_server_without_prebookings_is_left_alone(app, clock):
    client = _Client({KEYS_PATH: (404, None), CONFLICTS_PATH: (404, None)})
    sync = PrebookingSync(app.db.uow, clock, lambda: client)
    sync.cycle()
    sync.cycle()
    assert [p for p, _ in client.asked] == [KEYS_PATH, CONFLICTS_PATH, CONFLICTS_PATH]


@pytest.mark.parametrize("answer", [{"conflicts": [{"code": "PB83AG9BF0"}]}, {"x": 1}, "?"])
def test_an_unreadable_answer_is_a_transient_error(app, clock, answer):
    client = _Client({KEYS_PATH: (200, _keys(RAW)), CONFLICTS_PATH: (200, answer)})
    with pytest.raises(SyncError) as e:
        PrebookingSync(app.db.uow, clock, lambda: client).cycle()
    assert e.value.kind == TRANSIENT
