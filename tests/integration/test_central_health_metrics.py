"""Issue 20, health and numbers for operators: liveness (/v1/health) and readiness
(/v1/ready: the database answers at the head schema, the process is not draining), the
Prometheus metrics on a listener of their own, and the log lines, which name no person.

Real servers on 127.0.0.1: uvicorn in a thread, and ``outlet-pos-central serve`` itself for
SIGTERM's drain and the listener bound to loopback.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, text

from outlet_pos.central import logs
from outlet_pos.central.admission import AdmissionLimits
from outlet_pos.sync.errors import SyncError
from tests.central_batches import shipments, terminals, write_lock
from tests.central_server import CentralServer, free_port
from tests.reliability import pii

CENTRAL = Path(sys.executable).with_name("outlet-pos-central")


def _until(what: Any, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (got := what()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
    return got


def _ready(srv: CentralServer) -> tuple[int, dict[str, Any]]:
    r = requests.get(srv.url + "/v1/ready", timeout=10)
    return r.status_code, r.json()


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """The server's log lines (``serve --log-format json``) in a buffer; loggers restored."""
    saved = {n: (lg.handlers[:], lg.level, lg.propagate) for n in logs.OURS
             if (lg := logging.getLogger(n))}
    access = logging.getLogger("uvicorn.access").disabled
    buf = io.StringIO()
    logs.configure("json", stream=buf)
    yield buf
    for name, (handlers, level, propagate) in saved.items():
        lg = logging.getLogger(name)
        lg.handlers[:], lg.level, lg.propagate = handlers, level, propagate
    logging.getLogger("uvicorn.access").disabled = access


# ------------------------------------------------------------------ readiness

def test_ready_follows_the_database_and_health_does_not(tmp_path: Path, pg_url_factory) -> None:
    url = pg_url_factory("ready")
    dbname = url.rsplit("/", 1)[1]
    admin = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    srv = CentralServer(tmp_path / "c", url).start()
    try:
        assert _ready(srv) == (200, {"status": "ready"})
        with admin.connect() as conn:  # the database goes away under the running server
            conn.execute(text(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS false'))
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :d AND pid <> pg_backend_pid()"), {"d": dbname})
        _, body = _until(lambda: (got := _ready(srv))[0] == 503 and got)
        assert body["code"] == "not_ready" and "database" in body["message"]
        assert requests.get(srv.url + "/v1/health", timeout=10).json()["status"] == "ok"
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS true'))
        _until(lambda: _ready(srv)[0] == 200)
    finally:
        srv.close()
        admin.dispose()


def test_ready_wants_the_head_schema_and_no_drain(tmp_path: Path) -> None:
    srv = CentralServer(tmp_path / "c").start()
    try:
        with srv.engine.begin() as conn:
            head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            conn.execute(text("UPDATE alembic_version SET version_num = 'c0001'"))
        _, body = _until(lambda: (got := _ready(srv))[0] == 503 and got)
        assert "db upgrade" in body["message"]
        with srv.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :h"), {"h": head})
        _until(lambda: _ready(srv)[0] == 200)
        srv.app.state.readiness.draining = True
        assert _ready(srv) == (503, {"code": "not_ready",
                                     "message": "draining: this process is stopping"})
    finally:
        srv.close()


# ------------------------------------------------------------------ serve itself

@contextlib.contextmanager
def _serve(tmp_path: Path, *options: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    err = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [str(CENTRAL), "serve", "--db", f"sqlite:///{tmp_path / 'c.db'}",
         "--secrets", str(tmp_path / "c.secrets"), "--port", str(port), *options],
        stdout=subprocess.DEVNULL, stderr=err)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(url + "/v1/health", timeout=2).ok:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.1)
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(15)
        err.close()


def test_sigterm_drains_with_ready_503_then_stops_metrics_on_loopback(tmp_path: Path) -> None:
    metrics_port = free_port()
    with _serve(tmp_path, "--drain-seconds", "2", "--metrics-port", str(metrics_port),
                "--log-format", "json") as (proc, url):
        assert requests.get(url + "/v1/ready", timeout=5).status_code == 200
        assert requests.get(url + "/metrics", timeout=5).status_code == 404  # not public
        conns = Path(f"/proc/{proc.pid}/net/tcp").read_text().splitlines()[1:]
        listening = [c.split()[1] for c in conns if c.split()[3] == "0A"]  # LISTEN
        ours = [a for a in listening if int(a.split(":")[1], 16) == metrics_port]
        assert ours == [f"0100007F:{metrics_port:04X}"], listening  # 127.0.0.1 only
        scraped = requests.get(f"http://127.0.0.1:{metrics_port}/", timeout=5).text
        assert 'outlet_pos_central_ready 1.0' in scraped
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        (r,) = _until(lambda: (got := requests.get(url + "/v1/ready", timeout=5)).status_code
                      == 503 and (got,))  # a Response is falsy when it is not ok
        assert r.json()["message"].startswith("draining")
        assert requests.get(url + "/v1/health", timeout=5).status_code == 200  # still serving
        assert 'outlet_pos_central_draining 1.0' in requests.get(
            f"http://127.0.0.1:{metrics_port}/", timeout=5).text
        proc.wait(20)
        assert time.monotonic() - t0 >= 2
    lines = (tmp_path / "serve.log").read_text().splitlines()
    parsed = [json.loads(line) for line in lines]  # every line one JSON object
    assert {"time", "level", "event"} <= set(parsed[0])
    assert "draining" in [p["event"] for p in parsed]


# ------------------------------------------------------------------ metrics and logs

def _scrape(port: int) -> dict[str, float]:
    out = {}
    for line in requests.get(f"http://127.0.0.1:{port}/", timeout=5).text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            out[name] = float(value)
    return out


def test_metrics_move_and_the_log_names_nobody(tmp_path: Path, captured: io.StringIO) -> None:
    srv = CentralServer(tmp_path / "c", admission_limits=AdmissionLimits(
        slots=1, room=0, max_wait_s=5)).start()
    port = free_port()
    listener = srv.app.state.metrics.start_listener(port)
    try:
        term, other = terminals(srv.engine, 81, 2)
        client = term.client(srv.url)
        batch = shipments(term, 1, 7)
        assert {r["result"] for r in client.upload(batch, None)} == {"applied"}
        assert {r["result"] for r in client.upload(batch, None)} == {"duplicate"}
        bad = shipments(term, 50, 1)
        bad[0]["body"]["outlet"] = 999  # not this device's outlet: rejected with a reason
        assert client.upload(bad, None)[0]["result"] == "rejected"
        waybill = batch[0]["body"]["waybill"]
        assert client.tracking(waybill) is not None
        other.client(srv.url).config()  # known to the process before the lock below
        with write_lock(srv.db_url.removeprefix("sqlite:///")):
            held = threading.Thread(target=lambda: other.client(srv.url).upload(
                shipments(other, 1, 1), None), daemon=True)
            held.start()
            _until(lambda: srv.app.state.admission.running == 1)
            seen = _scrape(port)
            with pytest.raises(SyncError) as refused:
                client.upload(shipments(term, 60, 1), None)
            assert refused.value.code == "busy"
        held.join(20)
        requests.request("PROPFIND", srv.url + "/v1/health", timeout=5)  # a method no route has
        after = _scrape(port)
    finally:
        listener.shutdown()
        srv.close()
    ns = "outlet_pos_central"
    assert seen[f"{ns}_batches_in_progress"] == 1 and seen[f"{ns}_batch_slots"] == 1
    assert after[f"{ns}_batches_in_progress"] == 0
    assert after[f'{ns}_events_total{{result="applied"}}'] == 8
    assert after[f'{ns}_events_total{{result="duplicate"}}'] == 7
    assert after[f'{ns}_events_total{{result="rejected"}}'] == 1
    assert after[f'{ns}_unavailable_total{{reason="busy"}}'] == 1
    assert after[f'{ns}_requests_total{{method="POST",route="/v1/events",status="200"}}'] == 4
    assert after[f'{ns}_requests_total{{method="POST",route="/v1/events",status="503"}}'] == 1
    assert after[f'{ns}_requests_total{{method="GET",route="/v1/tracking/{{waybill}}",'
                 'status="200"}'] == 1
    assert after[f"{ns}_batch_seconds_count"] == 4
    scraped = "\n".join(after)
    assert after[f'{ns}_requests_total{{method="other",route="/v1/health",status="405"}}'] == 1
    for secret in (waybill, term.device_id, other.device_id, "81", "PROPFIND"):
        assert secret not in scraped  # route templates only: no waybill, device, outlet

    lines = [json.loads(line) for line in captured.getvalue().splitlines()]
    batches = [x for x in lines if x.get("route") == "/v1/events" and x["status"] == 200]
    assert [b["events"] for b in batches][:3] == [7, 7, 1]
    assert batches[0]["device"] == term.device_id and batches[0]["applied"] == 7
    assert all({"time", "level", "event", "duration_ms"} <= set(b) for b in batches)
    text_ = captured.getvalue()
    assert pii.pii_in_text(text_) == [] and pii.hits_in_bytes(text_.encode()) == []
    assert waybill not in text_


def test_an_exception_is_logged_by_type_and_place_never_its_text() -> None:
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    for formatter in (logs.JsonFormatter(), logs.TextFormatter()):
        handler.setFormatter(formatter)
        lg = logging.getLogger("test.central.logs")
        lg.addHandler(handler)
        try:
            raise ValueError(f"Input should be valid: {pii.SENDER_NAME} {pii.SENDER_PHONE}")
        except ValueError:
            lg.exception("batch failed")
        finally:
            lg.removeHandler(handler)
    out = buf.getvalue()
    assert "ValueError" in out and "test_central_health_metrics.py" in out
    assert pii.pii_in_text(out) == [], out
    assert os.linesep.join(out.splitlines()) and len(out.splitlines()) == 2  # one line each
