"""The wire: TLS refusals and replays, against the real central server on 127.0.0.1.

Adds to tests/integration/test_sync_tls.py (unknown CA, another CA) and
test_sync.py (the same signed request twice → 409): a certificate for another
host, a self-signed one, an expired one, https to a plain-HTTP server, a stored
plain-http address for another host; the same events in a fresh request (applied
once), a request replayed after the replay window (refused by its timestamp,
even once the server has forgotten its nonce), a captured request with a new
nonce or another body (the signature fails). Nothing refused is ever applied.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import time
from pathlib import Path

import pytest
import requests
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import delete, func, select

from outlet_pos.central.enrollment import AuthError, authenticate
from outlet_pos.central.models import Event, Nonce
from outlet_pos.central.models import Shipment as CentralShipment
from outlet_pos.protocol import wire
from outlet_pos.sync.client import SyncClient, SyncError
from tests.central_server import CentralServer
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll


def _tls_server(tmp_path: Path, cert_pem: bytes, key_pem: bytes) -> CentralServer:
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert_pem)
    key_file.write_bytes(key_pem)
    return CentralServer(tmp_path / "central", tls=(str(cert_file), str(key_file))).start()


def _trustme_server(tmp_path: Path, ca: trustme.CA, *hosts: str, **kw) -> CentralServer:
    leaf = ca.issue_cert(*hosts, **kw)
    chain = b"".join(b.bytes() for b in leaf.cert_chain_pems)
    return _tls_server(tmp_path, chain, leaf.private_key_pem.bytes())


def _self_signed(host: str) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(
                ipaddress.ip_address(host))]), critical=False)
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


def _refused(client: SyncClient) -> SyncError:
    with pytest.raises(SyncError) as e:
        client.health()
    assert e.value.kind == "tls", e.value
    return e.value


def test_a_certificate_for_another_host_is_refused_even_from_a_trusted_ca(tmp_path, figures):
    figures.describe("a certificate for another host from a trusted CA: refused")
    figures.runs = figures.faults = 1
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    srv = _trustme_server(tmp_path, ca, "pusat.example.co.id")
    try:
        _refused(SyncClient(srv.url, ca_bundle=str(ca_file)))
    finally:
        srv.close()


def test_an_expired_certificate_is_refused(tmp_path, figures):
    figures.describe("an expired certificate: refused")
    figures.runs = figures.faults = 1
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    now = dt.datetime.now(dt.UTC)
    srv = _trustme_server(tmp_path, ca, "127.0.0.1", not_before=now - dt.timedelta(days=60),
                          not_after=now - dt.timedelta(days=1))
    try:
        _refused(SyncClient(srv.url, ca_bundle=str(ca_file)))
    finally:
        srv.close()


def test_a_self_signed_certificate_is_refused(tmp_path, figures):
    figures.describe("a self-signed certificate: refused")
    figures.runs = figures.faults = 1
    srv = _tls_server(tmp_path, *_self_signed("127.0.0.1"))
    try:
        _refused(SyncClient(srv.url))
    finally:
        srv.close()


def test_https_to_a_plain_http_server_fails_and_never_falls_back(tmp_path, figures):
    figures.describe("https to a plain-HTTP server: fails, no fallback")
    figures.runs = figures.faults = 1
    srv = CentralServer(tmp_path / "central").start()
    try:
        with pytest.raises(SyncError) as e:
            SyncClient(srv.url.replace("http://", "https://")).health()
        assert e.value.kind in ("tls", "transient")
    finally:
        srv.close()


def test_a_stored_plain_http_address_of_another_host_is_refused_and_the_queue_kept(app, manager,
                                                                                   figures):
    figures.describe("a stored plain-http address of another host: refused, queue kept")
    figures.runs = figures.faults = 1
    book_random(app, manager, 2)
    with app.db.uow(write=True) as uow:  # as if someone edited the enrollment record
        uow.device.set(_cred("http://pusat.example.co.id"), app.db.clock())
        uow.commit()
    report = app.sync.sync_once()
    assert report.error is not None and report.error.kind == "config"
    assert "https" in report.error.message
    assert app.sync.status().queue_depth == 2


def _cred(server: str):
    from outlet_pos.domain.records import DeviceCredential

    return DeviceCredential(server=server, device_id="d-1", seed=wire.new_device_key(),
                            tariff_public_key="x", ca_pem=None)


# ------------------------------------------------------------------ replay


@pytest.fixture
def central_sqlite(tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    yield srv
    srv.close()


def _signed_post(srv, cred, body: bytes, ts: int | None = None, nonce: str | None = None):
    headers = wire.sign_headers(cred.seed, cred.device_id, "POST", "/v1/events", body,
                                int(time.time()) if ts is None else ts)
    if nonce:
        headers[wire.H_NONCE] = nonce
    headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
    return headers, requests.post(srv.url + "/v1/events", data=body, headers=headers, timeout=10)


def _counts(srv) -> tuple[int, int]:
    with srv.engine.connect() as c:
        return (c.execute(select(func.count()).select_from(Event)).scalar(),
                c.execute(select(func.count()).select_from(CentralShipment)).scalar())


def _batch(app) -> tuple[bytes, int]:
    with app.db.uow() as uow:
        items = uow.queue.batch(100)
    events = [{"id": i.event_id, "kind": i.kind, "created_at": i.created_at, "body": i.body}
              for i in items]
    return wire.encode_batch({"events": events, "audit_head": None}), len(events)


def test_the_same_events_again_are_duplicates_never_applied_twice(app, manager, central_sqlite,
                                                                  figures):
    figures.describe("the same events in fresh requests: duplicates, applied once")
    figures.runs = figures.faults = 3
    srv = central_sqlite
    enroll(app, srv, manager)
    book_random(app, manager, 3)
    with app.db.uow() as uow:
        cred = uow.device.get()
    body, n = _batch(app)
    _, first = _signed_post(srv, cred, body)
    assert first.status_code == 200
    assert [r["result"] for r in first.json()["results"]] == ["applied"] * n
    for _ in range(3):  # a client retrying after a lost answer: a fresh, valid signature
        _, again = _signed_post(srv, cred, body)
        assert [r["result"] for r in again.json()["results"]] == ["duplicate"] * n
    assert _counts(srv) == (n, n)


def test_a_captured_request_cannot_be_replayed_or_altered(app, manager, central_sqlite, figures):
    figures.describe("a captured request replayed, re-nonced, re-timed, or over another "
                     "body: refused")
    figures.runs = figures.faults = 4
    srv = central_sqlite
    enroll(app, srv, manager)
    book_random(app, manager, 2)
    with app.db.uow() as uow:
        cred = uow.device.get()
    body, n = _batch(app)
    headers, first = _signed_post(srv, cred, body)
    assert first.status_code == 200 and _counts(srv) == (n, n)
    replay = requests.post(srv.url + "/v1/events", data=body, headers=headers, timeout=10)
    assert (replay.status_code, replay.json()["code"]) == (409, "replay")
    for changed in ({**headers, wire.H_NONCE: "nonce-baru"},
                    {**headers, wire.H_TIME: str(int(headers[wire.H_TIME]) + 1)}):
        r = requests.post(srv.url + "/v1/events", data=body, headers=changed, timeout=10)
        assert (r.status_code, r.json()["code"]) == (401, "bad_signature")
    book_random(app, manager, 1, seed=99)  # another body under the captured signature
    other, _ = _batch(app)
    r = requests.post(srv.url + "/v1/events", data=other,
                      headers={**headers, wire.H_NONCE: "nonce-lain"}, timeout=10)
    assert r.status_code == 401
    assert _counts(srv) == (n, n)


def test_an_old_request_is_refused_by_its_timestamp(app, manager, central_sqlite, figures):
    figures.describe("requests 5 min, 1 h, 30 days old or from the future: refused")
    figures.runs = figures.faults = 4
    srv = central_sqlite
    enroll(app, srv, manager)
    book_random(app, manager, 2)
    with app.db.uow() as uow:
        cred = uow.device.get()
    body, _ = _batch(app)
    for age in (wire.MAX_SKEW_S + 5, 3600, 86400 * 30):
        _, r = _signed_post(srv, cred, body, ts=int(time.time()) - age)
        assert (r.status_code, r.json()["code"]) == (401, "clock_skew")
    _, r = _signed_post(srv, cred, body, ts=int(time.time()) + wire.MAX_SKEW_S + 5)
    assert r.json()["code"] == "clock_skew"  # from the future too
    assert _counts(srv) == (0, 0)


def test_a_replay_after_the_server_forgot_the_nonce_is_refused(app, manager, central_sqlite,
                                                               figures):
    """Nonces are forgotten after twice the skew window; by then the request's timestamp
    alone refuses it. Played with the server's clock moved on, at the authentication step."""
    figures.describe("a replay after the nonce was forgotten: refused by its timestamp")
    figures.runs = figures.faults = 4
    srv = central_sqlite
    enroll(app, srv, manager)
    with app.db.uow() as uow:
        cred = uow.device.get()
    t0 = int(time.time())
    body = wire.encode_batch({"events": [], "audit_head": None})
    headers = wire.sign_headers(cred.seed, cred.device_id, "POST", "/v1/events", body, t0)

    def at(seconds: float):
        return lambda: dt.datetime.fromtimestamp(t0 + seconds, dt.UTC)

    authenticate(srv.engine, at(0), headers, "POST", "/v1/events", body)
    with pytest.raises(AuthError) as e:
        authenticate(srv.engine, at(1), headers, "POST", "/v1/events", body)
    assert e.value.code == "replay"
    with srv.engine.begin() as c:  # what the server's clean-up does once the window passed
        c.execute(delete(Nonce))
    for later in (wire.MAX_SKEW_S + 1, 2 * wire.MAX_SKEW_S + 1, 86400):
        with pytest.raises(AuthError) as e:
            authenticate(srv.engine, at(later), headers, "POST", "/v1/events", body)
        assert e.value.code == "clock_skew"
