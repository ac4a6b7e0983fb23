"""Pre-bookings at a real central server (uvicorn on 127.0.0.1; SQLite and PostgreSQL): the
courier's app books with its own token, an outlet's device looks the code up, the QR checks
offline with the published key, a code is used once, and nothing personal is logged or told
to an outlet that is not the booking's (issue 21 item 3)."""

from __future__ import annotations

import base64
import io
import json
import logging
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
import requests
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image
from sqlalchemy import func, select

from outlet_pos.central import admin_view, retention
from outlet_pos.central import prebooking_store as store
from outlet_pos.central.app_clients import Window, add_client, disable_client
from outlet_pos.central.db import utc_now
from outlet_pos.central.enrollment import AuthError, add_outlet, provision
from outlet_pos.central.models import AdminAccess, Prebooking, PrebookingConflict
from outlet_pos.central.secrets_file import load_or_create
from outlet_pos.domain.waybill import make_waybill
from outlet_pos.protocol import prebooking as pb
from outlet_pos.protocol import wire
from outlet_pos.protocol.events import ShipmentCreated
from tests.central_server import CentralServer
from tests.prebooking_canary import canary_booking
from tests.reliability import pii

CANARY_TOKENS = (*pii.TOKENS, "Jamu", "Qwixlqz")


class Device:
    """An outlet's enrolled terminal, signing its requests as the sync client does."""

    def __init__(self, srv: CentralServer, outlet: int, terminal: int = 1) -> None:
        add_outlet(srv.engine, utc_now, outlet, f"Outlet {outlet}")
        cred = provision(srv.engine, utc_now, outlet, terminal)
        self.srv, self.outlet, self.terminal = srv, outlet, terminal
        self.id, self.seed = cred["device_id"], wire.unb64(cred["device_key"])
        self._seq = 0

    def headers(self, method: str, path: str, body: bytes = b"") -> dict[str, str]:
        return wire.sign_headers(self.seed, self.id, method, path, body,
                                 int(datetime.now(UTC).timestamp()))

    def get(self, path: str) -> requests.Response:
        return requests.get(self.srv.url + path, headers=self.headers("GET", path), timeout=10)

    def shipment(self, code: str | None, **use: int) -> dict[str, Any]:
        """A shipment.created event of this terminal, made from pre-booking ``code``."""
        self._seq += 1
        now = datetime.now(UTC).isoformat()
        body = ShipmentCreated(
            shipment_id=str(uuid.uuid4()), waybill=make_waybill(self.outlet, self.terminal,
                                                                self._seq),
            outlet=self.outlet, terminal=self.terminal, booked_at=now,
            business_date=now[:10], service="REG", origin_district="31.71.08",
            dest_district="32.73.12", sender={"name": pii.SENDER_NAME},
            recipient={"name": pii.RECIPIENT_NAME}, parcel={"weight_g": 1700},
            quote={"total": 30_000}, payment={"method": "cash"},
            prebooking=None if code is None else {"code": code, "paid": 27_000,
                                                  "quoted_total": 27_000, **use}).body()
        return {"id": str(uuid.uuid4()), "kind": "shipment.created", "created_at": now,
                "body": body}

    def upload(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        body = orjson.dumps({"events": list(events)})
        headers = {**self.headers("POST", "/v1/events", body),
                   "Content-Type": "application/json"}
        r = requests.post(self.srv.url + "/v1/events", data=body, headers=headers, timeout=20)
        assert r.status_code == 200, r.text
        return r.json()["results"]

    def conflicts(self) -> list[dict[str, Any]]:
        r = self.get("/v1/prebooking-conflicts")
        assert r.status_code == 200, r.text
        return r.json()["conflicts"]


@pytest.fixture
def srv(central: CentralServer) -> CentralServer:
    return central


@pytest.fixture
def token(srv: CentralServer) -> str:
    return add_client(srv.engine, utc_now, "aplikasi-kurir")


def _book(srv: CentralServer, token: str, order: dict[str, Any] | None = None
          ) -> dict[str, Any]:
    r = requests.post(srv.url + "/v1/prebookings", json=order or canary_booking(),
                      headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()


def _keys(srv: CentralServer) -> dict[str, bytes]:
    r = requests.get(srv.url + "/v1/prebooking-keys", timeout=10)  # public: no credential
    assert r.status_code == 200
    return {k["key_id"]: base64.b64decode(k["public_key"]) for k in r.json()["keys"]}


def _count(srv: CentralServer, model: Any) -> int:
    with srv.engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(model.__table__)).scalar_one())


# ---------------------------------------------------------------- credentials

def test_an_app_token_creates_and_a_device_key_cannot(srv, token):
    issued = _book(srv, token)
    assert pb.valid_code(issued["code"]) and issued["qr_text"].startswith("OPB1.")
    assert issued["qr_png_url"] == f"/v1/prebookings/{issued['code']}/qr.png"
    assert _count(srv, Prebooking) == 1
    dev = Device(srv, 42)
    body = orjson.dumps(canary_booking())
    r = requests.post(srv.url + "/v1/prebookings", data=body, timeout=10,
                      headers={**dev.headers("POST", "/v1/prebookings", body),
                               "Content-Type": "application/json"})
    assert (r.status_code, r.json()["code"]) == (403, "wrong_credential")
    for auth in (None, "Bearer opa_not-a-token", f"Basic {token}", token):
        r = requests.post(srv.url + "/v1/prebookings", json=canary_booking(), timeout=10,
                          headers={"Authorization": auth} if auth else {})
        assert r.status_code == 401, (auth, r.text)
    bad = requests.post(srv.url + "/v1/prebookings", json={**canary_booking(), "paid": 99_000},
                        headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert bad.status_code == 422 and not pii.pii_in_text(bad.text)
    long = canary_booking()
    long["recipient"]["address"]["street"] = "Jalan Panjang Sekali " * 80  # no QR holds it
    r = requests.post(srv.url + "/v1/prebookings", json=long, timeout=10,
                      headers={"Authorization": f"Bearer {token}"})
    assert (r.status_code, r.json()["code"]) == (422, "invalid") and "QR" in r.text
    assert issued_headers_say_no_store(srv, token)
    disable_client(srv.engine, utc_now, "aplikasi-kurir")
    r = requests.post(srv.url + "/v1/prebookings", json=canary_booking(), timeout=10,
                      headers={"Authorization": f"Bearer {token}"})
    assert (r.status_code, r.json()["code"]) == (403, "disabled")
    assert _count(srv, Prebooking) == 2  # the first and the no-store one; none refused


def test_a_body_over_the_limit_is_refused_before_any_token_is_looked_at(srv, token):
    big = b'{"sender": "' + b"x" * (65 * 1024) + b'"}'
    for headers in ({}, {"Authorization": f"Bearer {token}"}):
        r = requests.post(srv.url + "/v1/prebookings", data=big, timeout=10,
                          headers={**headers, "Content-Type": "application/json"})
        assert r.status_code == 413, r.text
    assert _count(srv, Prebooking) == 0


def issued_headers_say_no_store(srv: CentralServer, token: str) -> bool:
    r = requests.post(srv.url + "/v1/prebookings", json=canary_booking(), timeout=10,
                      headers={"Authorization": f"Bearer {token}"})
    return r.status_code == 201 and r.headers.get("cache-control") == "no-store"


def test_a_device_looks_up_and_an_app_token_cannot(srv, token):
    issued = _book(srv, token)
    code = issued["code"]
    dev = Device(srv, 42)
    r = dev.get(f"/v1/prebookings/{code}")
    assert r.status_code == 200, r.text
    got = pb.PrebookingLookup.model_validate(r.json())
    assert got.status == "open" and got.used_waybill is None
    assert got.prebooked.code == code and got.prebooked.sender.name == pii.SENDER_NAME
    assert got.prebooked.parcel.weight_g == 1500 and got.prebooked.paid == 27_000
    with srv.engine.connect() as c:  # audited: personal data went to an outlet
        (audit,) = c.execute(select(AdminAccess.__table__)).all()
    assert audit.command == "prebooking.lookup" and audit.scope.startswith("outlet 42")
    assert json.loads(audit.waybills) == [code] and dev.id in audit.operator
    (listed,) = admin_view.entries(srv.engine, srv.secrets, unmasked=True)
    assert listed["reason"] == store.LOOKUP_REASON and listed["records"] == 1
    r = requests.get(srv.url + f"/v1/prebookings/{code}", timeout=10,
                     headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and pii.SENDER_NAME not in r.text
    for path in ("/v1/prebooking-conflicts", "/v1/config"):  # no outlet route takes it
        r = requests.get(srv.url + path, headers={"Authorization": f"Bearer {token}"},
                         timeout=10)
        assert r.status_code == 401, (path, r.text)
    unknown = pb.new_code()
    assert dev.get(f"/v1/prebookings/{unknown}").status_code == 404
    assert dev.get("/v1/prebookings/not-a-code").status_code == 422
    # the QR image is the app's: with its token, not with a device's signature
    png = requests.get(srv.url + issued["qr_png_url"], timeout=10,
                       headers={"Authorization": f"Bearer {token}"})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert _qr_texts(png.content) == [issued["qr_text"]]
    assert dev.get(issued["qr_png_url"]).status_code in (401, 403)
    other = add_client(srv.engine, utc_now, "aplikasi-lain")
    assert requests.get(srv.url + issued["qr_png_url"], timeout=10, headers={
        "Authorization": f"Bearer {other}"}).status_code == 404


def test_a_device_guessing_codes_and_a_flooding_app_are_slowed(srv, token):
    dev = Device(srv, 42)
    answers = [dev.get(f"/v1/prebookings/{pb.new_code()}").status_code for _ in range(31)]
    assert answers[:30] == [404] * 30 and answers[30] == 429
    assert Device(srv, 43).get(f"/v1/prebookings/{pb.new_code()}").status_code == 404
    t = [0.0]
    window = Window(3, monotonic=lambda: t[0])
    for _ in range(3):
        window.admit("aplikasi-kurir", "app client")
    with pytest.raises(AuthError) as err:
        window.admit("aplikasi-kurir", "app client")
    assert (err.value.status, err.value.code) == (429, "rate_limited")
    window.admit("aplikasi-lain", "app client")  # each client its own share
    t[0] = 60.5
    window.admit("aplikasi-kurir", "app client")  # a minute later: room again


# ---------------------------------------------------------------- the QR

def test_a_qr_verifies_with_the_published_key_and_fails_when_altered_or_expired(srv, token):
    issued = _book(srv, token)
    keys = _keys(srv)
    assert list(keys) == [issued["qr_text"].split(".")[2]]
    now = datetime.now(UTC)
    booking = pb.decode_qr(issued["qr_text"], keys, now)
    assert booking.code == issued["code"] and booking.expires_at == issued["expires_at"]
    assert booking.recipient.phone == pii.RECIPIENT_PHONE
    head, payload, key_id, sig = issued["qr_text"].split(".")
    i = len(payload) // 3
    flipped = payload[:i] + ("B" if payload[i] == "A" else "A") + payload[i + 1:]
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(".".join([head, flipped, key_id, sig]), keys, now)
    assert err.value.reason == "bad_signature"
    with pytest.raises(pb.PrebookingInvalid) as err:
        other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
        pb.decode_qr(issued["qr_text"], {pb.key_id_of(other): other}, now)
    assert err.value.reason == "unknown_key"
    with pytest.raises(pb.PrebookingInvalid) as err:
        pb.decode_qr(issued["qr_text"], keys, now + timedelta(days=14, minutes=1))
    assert err.value.reason == "expired"
    # the same server asked again gives the same QR (it is never stored: made again)
    png = requests.get(srv.url + issued["qr_png_url"], timeout=10,
                       headers={"Authorization": f"Bearer {token}"})
    assert _qr_texts(png.content) == [issued["qr_text"]]


def test_the_signing_key_is_the_secrets_files_and_is_read_back_the_same(tmp_path, srv):
    raw = srv.secrets.prebooking_key.public_key().public_bytes_raw()
    assert _keys(srv) == {pb.key_id_of(raw): raw}
    fresh = load_or_create(tmp_path / "new.secrets")
    assert len(fresh.prebooking_seed) == 32
    assert load_or_create(tmp_path / "new.secrets") == fresh  # every instance reads the same
    # a secrets file of before the pre-booking key: one derived from it, the same each time,
    # and not the tariff key
    old = tmp_path / "old.secrets"
    old.write_text(json.dumps({"signing_seed": wire.b64(bytes(32)),
                               "data_key": wire.b64(bytes(range(32)))}))
    a, b = load_or_create(old), load_or_create(old)
    derived = a.prebooking_key.public_key().public_bytes_raw()
    assert derived == b.prebooking_key.public_key().public_bytes_raw()
    assert wire.b64(derived) != a.tariff_public_key
    assert "prebooking_seed" not in json.loads(old.read_text())  # the file is not rewritten


# ---------------------------------------------------------------- the single use

def test_first_use_applied_second_refused_and_both_outlets_see_the_conflict(srv, token):
    code = _book(srv, token)["code"]
    first, second, bystander = Device(srv, 42), Device(srv, 43), Device(srv, 44)
    used = first.shipment(code)
    assert first.upload(used)[0]["result"] == "applied"
    look = pb.PrebookingLookup.model_validate(second.get(f"/v1/prebookings/{code}").json())
    assert look.status == "used" and look.used_waybill == used["body"]["waybill"]
    # the same event again: a duplicate, no conflict; the same shipment under a new event
    # id: refused as ever (never received twice), and no conflict either
    assert first.upload(used)[0]["result"] == "duplicate"
    again = {**used, "id": str(uuid.uuid4())}
    assert first.upload(again)[0]["result"] == "rejected"
    assert first.conflicts() == [] and _count(srv, PrebookingConflict) == 0
    # a second use made offline at another outlet: refused, the conflict both outlets see
    twice = second.shipment(code)
    (result,) = second.upload(twice)
    assert (result["result"], result["reason"]) == ("rejected", "prebooking_used")
    expected = {"code": code, "reason": "used_twice",
                "first": {"outlet": 42, "waybill": used["body"]["waybill"],
                          "used_at": used["body"]["booked_at"]},
                "second": {"outlet": 43, "waybill": twice["body"]["waybill"],
                           "used_at": twice["body"]["booked_at"]}}
    for dev in (first, second):
        (c,) = dev.conflicts()
        assert {k: v for k, v in c.items() if k != "at"} == expected
    assert bystander.conflicts() == []
    # the parked event sent again (a manager's retry): refused again, still one conflict
    assert second.upload({**twice, "id": str(uuid.uuid4())})[0]["reason"] == "prebooking_used"
    assert _count(srv, PrebookingConflict) == 1
    with srv.engine.connect() as c:
        row = c.execute(select(Prebooking.__table__)).one()
    assert (row.status, row.used_outlet, row.used_waybill) == \
        ("used", 42, used["body"]["waybill"])


def test_two_outlets_racing_for_one_code_cannot_both_win(srv, token):
    a, b = Device(srv, 42), Device(srv, 43)
    for _round in range(3):
        code = _book(srv, token)["code"]
        events = {a: a.shipment(code), b: b.shipment(code)}
        start = threading.Barrier(2)
        results: dict[Device, str] = {}

        def send(dev: Device) -> None:
            start.wait(10)
            results[dev] = dev.upload(events[dev])[0]["result"]

        threads = [threading.Thread(target=send, args=(d,)) for d in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results.values()) == ["applied", "rejected"], results
        winner = next(d for d, r in results.items() if r == "applied")
        with srv.engine.connect() as c:
            row = c.execute(select(Prebooking.__table__).where(
                Prebooking.__table__.c.code == code)).one()
        assert row.used_waybill == events[winner]["body"]["waybill"]
        (conflict,) = [x for x in a.conflicts() if x["code"] == code]
        assert conflict["first"]["waybill"] == row.used_waybill


def test_two_uses_in_one_batch_keep_the_first_and_an_unknown_code_keeps_the_shipment(
        srv, token):
    code = _book(srv, token)["code"]
    dev = Device(srv, 42)
    a, b = dev.shipment(code), dev.shipment(code)
    assert [r["result"] for r in dev.upload(a, b)] == ["applied", "rejected"]
    unknown = pb.new_code()
    stray = dev.shipment(unknown)
    assert dev.upload(stray)[0]["result"] == "applied"  # the parcel is real
    got = {c["reason"]: c for c in dev.conflicts()}
    assert got["used_twice"]["first"]["waybill"] == a["body"]["waybill"]
    assert got["unknown_code"]["code"] == unknown and got["unknown_code"]["first"] is None
    assert got["unknown_code"]["second"]["waybill"] == stray["body"]["waybill"]
    assert dev.upload(dev.shipment(None))[0]["result"] == "applied"  # no pre-booking: as ever


def test_nothing_personal_in_the_servers_logs_or_the_conflicts_answer(srv, token, caplog):
    caplog.set_level(logging.DEBUG)
    code = _book(srv, token)["code"]
    first, second = Device(srv, 42), Device(srv, 43)
    assert first.get(f"/v1/prebookings/{code}").status_code == 200
    first.upload(first.shipment(code))
    second.upload(second.shipment(code))
    answer = second.get("/v1/prebooking-conflicts").text
    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}"
                       for r in caplog.records)
    assert logged  # the server did log (issued, looked up, the batches)
    for text in (answer, logged):
        assert not [t for t in CANARY_TOKENS if t.lower() in text.lower()], text
        assert not pii.pii_in_text(text)
    assert code in answer
    # and at rest: the booking is sealed, not in clear, in the database
    with srv.engine.connect() as c:
        blob = c.execute(select(Prebooking.__table__.c.payload_ct)).scalar_one()
    assert not pii.hits_in_bytes(bytes(blob))


def test_a_booking_past_retention_is_gone_not_readable(srv, token):
    """Its month's key destroyed by retention: the code is still known (a second use is
    still caught), its contents are not, and the outlet is told so (410)."""
    long_ago = datetime.now(UTC) - timedelta(days=100)
    old, _qr = store.issue(srv.engine, srv.secrets, lambda: long_ago, "aplikasi-kurir",
                           pb.PrebookingRequest.model_validate(canary_booking()))
    dev = Device(srv, 42)
    assert dev.get(f"/v1/prebookings/{old.code}").status_code == 200
    retention.run(srv.engine, utc_now, 1)
    gone = dev.get(f"/v1/prebookings/{old.code}")
    assert (gone.status_code, gone.json()["code"]) == (410, "prebooking_gone")
    assert not pii.pii_in_text(gone.text)
    assert dev.upload(dev.shipment(old.code))[0]["result"] == "applied"
    other = Device(srv, 43)
    assert other.upload(other.shipment(old.code))[0]["reason"] == "prebooking_used"


def _qr_texts(png: bytes) -> list[str]:
    """The QR codes read in ``png``. QR only: a reader of every format once returned two
    symbols for the one QR (a fresh clone's make test, 2026-12-03; the second not seen)."""
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)),
                                                   formats=zxingcpp.BarcodeFormat.QRCode)]
