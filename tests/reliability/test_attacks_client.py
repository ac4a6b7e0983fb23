"""Attacks on the sync client, the way the outside review found them (issue 16, finding 5).

A server that answers a redirect must not get our signed request sent somewhere else: a
front on 127.0.0.1 answers 301/302/303/307/308 pointing at a second, plain-HTTP server
that records everything it receives and claims ``applied``. Before the fix the second
server received the gzip batch with ``X-Device`` and ``X-Signature`` and the client
believed it. Now nothing reaches it, the pass fails with an error that names the
redirect, the events stay queued, and they are sent once when the real server answers.
Every call of the client is attacked (upload, enrol, tariffs, service points, config,
tracking, health) and so is doctor's probe; over HTTPS as well as loopback HTTP. A plain
HTTP request to this computer ignores a proxy from the environment (it would carry it
off the machine).
"""

from __future__ import annotations

import gzip
import http.client
import json
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import trustme

from outlet_pos.protocol import wire
from outlet_pos.sync.client import SyncClient, SyncError
from outlet_pos.sync.probe import probe_server
from tests.central_server import CentralServer
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll

REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Recorder:
    """A plain-HTTP server that keeps every request and answers like a friendly server."""

    seen: list[Seen] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def _recorder_handler(rec: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            rec.seen.append(Seen(self.command, self.path, dict(self.headers), body))
            answer: dict = {"status": "ok", "history": [], "results": []}
            if body and self.headers.get("Content-Encoding") == "gzip":
                events = json.loads(gzip.decompress(body))["events"]
                answer["results"] = [{"id": e["id"], "result": wire.RESULT_APPLIED}
                                     for e in events]
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = _any

    return Handler


class Front:
    """The address the outlet is configured with: redirects to ``target`` while
    ``redirect`` is set (with that status), else forwards to the real server."""

    def __init__(self, upstream_port: int | None, target: str,
                 tls: tuple[str, str] | None = None) -> None:
        self.redirect: int | None = 307
        self.target, self.upstream_port = target, upstream_port
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        self.tls = tls is not None
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        front = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                front.requests.append(f"{self.command} {self.path}")
                if front.redirect is not None:
                    self.send_response(front.redirect)
                    self.send_header("Location", front.target + self.path)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                assert front.upstream_port is not None
                conn = http.client.HTTPConnection("127.0.0.1", front.upstream_port, timeout=30)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body or None, headers=headers)
                r = conn.getresponse()
                data = r.read()
                self.send_response(r.status)
                for k, v in r.getheaders():
                    if k.lower() not in ("content-length", "connection", "transfer-encoding",
                                         "date", "server"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_POST = do_PUT = _any

        return Handler


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    rec.server = ThreadingHTTPServer(("127.0.0.1", 0), _recorder_handler(rec))
    threading.Thread(target=rec.server.serve_forever, daemon=True).start()
    yield rec
    rec.server.shutdown()
    rec.server.server_close()


@pytest.fixture
def real(tmp_path: Path) -> Iterator[CentralServer]:
    srv = CentralServer(tmp_path / "central").start()
    yield srv
    srv.close()


def _point_outlet_at(app, url: str) -> None:
    """The enrolled credential, with the server address the technician typed: the front."""
    with app.db.uow(write=True) as uow:
        cred = uow.device.get()
        uow.device.set(type(cred)(server=url, device_id=cred.device_id, seed=cred.seed,
                                  tariff_public_key=cred.tariff_public_key,
                                  ca_pem=cred.ca_pem), app.db.clock())
        uow.commit()


def _server_events(srv: CentralServer) -> int:
    from sqlalchemy import func, select

    from outlet_pos.central.models import Event
    with srv.engine.connect() as c:
        return c.execute(select(func.count()).select_from(Event)).scalar()


@pytest.mark.parametrize("status", REDIRECTS)
def test_a_redirect_never_carries_the_signed_batch_and_the_events_wait_for_the_real_server(
        app, manager, real, recorder, status, figures):
    figures.describe(f"the server answers {status} to a plain-HTTP recorder: nothing reaches "
                     "it, the pass names the redirect, the events are sent once later")
    enroll(app, real, manager)
    front = Front(real.port, recorder.url)
    front.redirect = status
    try:
        _point_outlet_at(app, front.url)
        book_random(app, manager, 3)
        report = app.sync.sync_once(reference=False)
        figures.runs = figures.faults = 1
        assert recorder.seen == [], [(s.method, s.path, sorted(s.headers)) for s in
                                     recorder.seen]
        assert report.error is not None and report.error.kind == "config", report
        assert "redirect" in report.error.message
        assert recorder.url in report.error.message  # it names where it was sent
        assert report.error.message.template.startswith("the server answered with a redirect")
        assert app.sync.status().queue_depth == 3
        assert _server_events(real) == 0

        front.redirect = None  # the real server answers again
        report = app.sync.sync_once(reference=False)
        assert report.error is None, report.error
        assert report.applied == 3 and app.sync.status().queue_depth == 0
        assert _server_events(real) == 3
        assert recorder.seen == []
        figures.leaks = len(recorder.seen)
    finally:
        front.close()


def _calls(client: SyncClient) -> dict:
    return {
        "health": client.health,
        "enroll": lambda: client.enroll("KODE-1", 1, wire.public_key_of(wire.new_device_key()),
                                        None),
        "upload": lambda: client.upload([{"id": "e-1", "kind": "shipment_booked",
                                          "created_at": "2026-12-01T00:00:00+00:00",
                                          "body": {}}], None),
        "tariffs": lambda: client.tariffs(None),
        "service_points": lambda: client.service_points(0),
        "config": client.config,
        "tracking": lambda: client.tracking("120100000017"),
    }


@pytest.fixture
def tls_front(tmp_path: Path, recorder: Recorder) -> Iterator[tuple[Front, str]]:
    ca = trustme.CA()
    leaf = ca.issue_cert("127.0.0.1")
    cert, key, ca_file = tmp_path / "cert.pem", tmp_path / "key.pem", tmp_path / "ca.pem"
    cert.write_bytes(b"".join(b.bytes() for b in leaf.cert_chain_pems))
    key.write_bytes(leaf.private_key_pem.bytes())
    ca.cert_pem.write_to_path(str(ca_file))
    front = Front(None, recorder.url, tls=(str(cert), str(key)))
    yield front, str(ca_file)
    front.close()


@pytest.mark.parametrize("call", list(_calls(SyncClient("http://127.0.0.1:9"))))
@pytest.mark.parametrize("status", (302, 307))
def test_every_call_over_https_refuses_a_redirect_to_plain_http(tls_front, recorder, call,
                                                                 status, figures):
    figures.describe(f"{call}: https answers {status} to http://; refused, nothing sent")
    front, ca = tls_front
    front.redirect = status
    client = SyncClient(front.url, ca_bundle=ca, device_id="d-1", seed=wire.new_device_key())
    try:
        with pytest.raises(SyncError) as e:
            _calls(client)[call]()
    finally:
        client.close()
    figures.runs = figures.faults = 1
    assert e.value.kind == "config"
    assert e.value.message.template.startswith("the server answered with a redirect")
    assert recorder.url in e.value.message
    assert front.requests and recorder.seen == []
    figures.leaks = len(recorder.seen)


def test_doctors_probe_reports_a_redirect_and_follows_none(recorder, figures):
    figures.describe("doctor's health probe against a redirecting server: says so, sends "
                     "nothing on")
    figures.runs = figures.faults = 1
    front = Front(None, recorder.url)
    try:
        facts = probe_server(front.url, None)
    finally:
        front.close()
    assert not facts.ok and facts.kind == "config"
    assert "redirect" in facts.message
    assert recorder.seen == []


def test_a_redirect_location_is_named_without_its_query(recorder, figures):
    figures.describe("the named redirect target keeps scheme, host and path only")
    figures.runs = 1
    front = Front(None, recorder.url + "/x?token=rahasia#frag")
    client = SyncClient(front.url)
    try:
        with pytest.raises(SyncError) as e:
            client.health()
    finally:
        client.close()
        front.close()
    assert "rahasia" not in e.value.message and recorder.url in e.value.message


def test_the_clients_session_cannot_follow_a_redirect_even_when_asked(recorder, figures):
    figures.describe("the session itself knows no redirect target: a call that forgot "
                     "allow_redirects=False still sends nothing on")
    figures.runs = 1
    front = Front(None, recorder.url)
    client = SyncClient(front.url)
    try:
        r = client._session.request("POST", front.url + "/v1/events", data=b"x",
                                    allow_redirects=True, timeout=10)
    finally:
        client.close()
        front.close()
    assert r.status_code == 307 and recorder.seen == []


def test_plain_http_to_this_computer_ignores_a_proxy_from_the_environment(
        app, manager, real, recorder, monkeypatch, figures):
    figures.describe("HTTP_PROXY set to another server: the loopback sync never goes there")
    figures.runs = 1
    enroll(app, real, manager)
    book_random(app, manager, 2)
    monkeypatch.setenv("HTTP_PROXY", recorder.url)
    monkeypatch.setenv("http_proxy", recorder.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    app.worker._client = None  # a client made now, with the proxy in the environment
    report = app.sync.sync_once(reference=False)
    assert report.error is None, report.error
    assert report.applied == 2
    assert recorder.seen == []
