"""POST /v1/events is answered in plain ASGI before routing (central/upload.py): its answers
keep the shape the FastAPI route gave them, through a real HTTP server, on SQLite and
PostgreSQL: the server's time on every answer, the device's clock skew once its signature
was checked, the Problem body and status of each refusal, a large answer gzipped for a
client that takes it, and the route's other methods still the router's."""

from __future__ import annotations

import gzip
import time

import requests

from outlet_pos.protocol import wire
from tests.central_batches import Terminal, shipments, terminals
from tests.central_server import CentralServer

OUTLET = 654


# ``central`` (tests/sync_fixtures.py): the server on SQLite, then on PostgreSQL


def _post(central: CentralServer, term: Terminal, body: bytes, *, sign_as: bytes | None = None,
          accept: str = "gzip", headers: dict[str, str] | None = None) -> requests.Response:
    signed = wire.sign_headers(sign_as or term.seed, term.device_id, "POST", "/v1/events",
                               body, int(time.time()))
    return requests.post(central.url + "/v1/events", data=body, timeout=30, headers={
        **signed, "Content-Type": "application/json", "Content-Encoding": "gzip",
        "Accept-Encoding": accept, **(headers or {})})


def _problem(r: requests.Response, status: int, code: str) -> None:
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"] == "application/json"
    assert r.json()["code"] == code and r.json()["message"]
    assert abs(int(r.headers[wire.H_SERVER_TIME]) - time.time()) < 60


def test_an_upload_and_each_refusal_answer_as_the_route_did(central):
    (term,) = terminals(central.engine, OUTLET, 1)
    body = wire.encode_batch({"events": shipments(term, 1, 1), "audit_head": None})
    ok = _post(central, term, body)
    assert ok.status_code == 200 and ok.headers["content-type"] == "application/json"
    assert [r["result"] for r in ok.json()["results"]] == ["applied"]
    assert abs(int(ok.headers[wire.H_SKEW])) < 60 and wire.H_SERVER_TIME in ok.headers
    assert "content-encoding" not in ok.headers  # a small answer goes as it is

    replayed = requests.post(central.url + "/v1/events", data=body, timeout=30,
                             headers=ok.request.headers)
    _problem(replayed, 409, "replay")

    unsigned = requests.post(central.url + "/v1/events", data=body, timeout=30,
                             headers={"Content-Type": "application/json"})
    _problem(unsigned, 401, "unsigned")
    assert wire.H_SKEW not in unsigned.headers  # no signature was checked

    forged = _post(central, term, body, sign_as=wire.new_device_key())
    _problem(forged, 401, "bad_signature")
    assert wire.H_SKEW not in forged.headers

    malformed = _post(central, term, gzip.compress(b'{"events": "none"}'))
    _problem(malformed, 422, "invalid")
    assert malformed.json()["message"].startswith("events")
    assert wire.H_SKEW in malformed.headers  # signed: its clock was read

    not_gzip = _post(central, term, b'{"events": []}')
    _problem(not_gzip, 422, "invalid")

    other_method = requests.get(central.url + "/v1/events", timeout=30)
    assert other_method.status_code == 405  # the router's answer, as before


def test_a_large_answer_is_gzipped_for_a_client_that_takes_it(central):
    (term,) = terminals(central.engine, OUTLET, 1)
    events = shipments(term, 1, 80)
    zipped = _post(central, term, wire.encode_batch({"events": events[:40], "audit_head": None}))
    assert zipped.headers["content-encoding"] == "gzip"
    assert [r["result"] for r in zipped.json()["results"]] == ["applied"] * 40
    plain = _post(central, term, wire.encode_batch({"events": events[40:], "audit_head": None}),
                  accept="identity")
    assert "content-encoding" not in plain.headers
    assert int(plain.headers["content-length"]) == len(plain.content) > 2048
    assert [r["result"] for r in plain.json()["results"]] == ["applied"] * 40


def test_a_fault_applying_an_upload_is_a_500_counted_and_logged_without_its_text(
        tmp_path, monkeypatch, caplog):
    """The upload path answers before FastAPI's routing (upload.EventsPath): a fault there
    is still a 500, counted in the metrics and logged, and the exception's text (which may
    quote a body) is in no line."""
    from prometheus_client import generate_latest
    from starlette.testclient import TestClient

    from outlet_pos.central.app import create_app
    from outlet_pos.central.ingest import Ingest
    from outlet_pos.central.logs import JsonFormatter

    srv = CentralServer(tmp_path / "central")
    app = create_app(srv.engine, srv.secrets)
    (term,) = terminals(srv.engine, OUTLET, 1)
    body = wire.encode_batch({"events": shipments(term, 1, 1), "audit_head": None})

    def fault(*_a, **_k):
        raise RuntimeError("Budi Santoso, Jl. Melati 5")

    monkeypatch.setattr(Ingest, "receive", fault)
    caplog.set_level("INFO", logger="outlet_pos")
    with TestClient(app, raise_server_exceptions=False) as client:
        signed = wire.sign_headers(term.seed, term.device_id, "POST", "/v1/events", body,
                                   int(time.time()))
        r = client.post("/v1/events", content=body, headers={
            **signed, "Content-Type": "application/json", "Content-Encoding": "gzip"})
        assert r.status_code == 500
        assert "Budi" not in r.text
        metrics = generate_latest(app.state.metrics.registry).decode()
    assert 'route="/v1/events",status="500"' in metrics
    lines = [JsonFormatter().format(rec) for rec in caplog.records]
    assert any('"status":500' in line for line in lines), lines
    assert not any("Budi" in line or "Melati" in line for line in lines)
