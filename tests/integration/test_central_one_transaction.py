"""An upload is one transaction on the server (issue 20, "cheap per request"): the nonce,
the device's status and the batch commit together, and every refusal the two-step path
gave is still given: a revoked device (its key known from before), a replay, a replay of a
malformed body and of a batch that lost a race. On SQLite and PostgreSQL."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from outlet_pos.central import ingest as ingest_module
from outlet_pos.central.db import utc_now
from outlet_pos.central.enrollment import provision, revoke
from outlet_pos.central.models import Event, Nonce
from outlet_pos.domain.waybill import make_waybill
from outlet_pos.protocol import wire
from tests.central_server import CentralServer

OUTLET = 321


@pytest.fixture(params=["sqlite", "postgres"])
def srv(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentralServer]:
    url = request.getfixturevalue("pg_url_factory")("onetx") \
        if request.param == "postgres" else None
    s = CentralServer(tmp_path / "central", url).start()
    s.add_outlet(OUTLET, origin="32.73.01")
    yield s
    s.close()


def _device(srv: CentralServer) -> tuple[str, bytes]:
    cred = provision(srv.engine, utc_now, OUTLET, 1)
    return cred["device_id"], wire.unb64(cred["device_key"])


def _event(seq: int) -> dict[str, Any]:
    body = {
        "shipment_id": str(uuid.uuid4()), "waybill": make_waybill(OUTLET, 1, seq),
        "outlet": OUTLET, "terminal": 1, "booked_at": "2026-12-01T09:00:00+07:00",
        "business_date": "2026-12-01", "service": "REG", "origin_district": "32.73.01",
        "dest_district": "31.71.01", "sender": {"name": "Siti", "phone": "+6281234567890"},
        "recipient": {"name": "Budi", "phone": "+6281298765432"},
        "parcel": {"weight_g": 1200, "cod_amount": None, "description": "baju"},
        "quote": {"total": 15000}, "payment": {"method": "cash"}}
    return {"id": str(uuid.uuid4()), "kind": "shipment.created",
            "created_at": "2026-12-01T02:00:00+00:00", "body": body}


def _signed(dev: tuple[str, bytes], body: bytes) -> dict[str, str]:
    return {**wire.sign_headers(dev[1], dev[0], "POST", "/v1/events", body, int(time.time())),
            "Content-Type": "application/json", "Content-Encoding": "gzip"}


def _post(srv: CentralServer, body: bytes, headers: dict[str, str]) -> requests.Response:
    return requests.post(srv.url + "/v1/events", data=body, headers=headers, timeout=30)


def _count(srv: CentralServer, model: Any) -> int:
    with srv.engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_one_event_upload_commits_once(srv):
    dev = _device(srv)
    warm = wire.encode_batch({"events": [_event(1)], "audit_head": None})
    assert _post(srv, warm, _signed(dev, warm)).status_code == 200  # the key is looked up
    commits: list[Any] = []

    def committed(conn: Any) -> None:
        commits.append(conn)

    event.listen(srv.engine, "commit", committed)
    try:
        body = wire.encode_batch({"events": [_event(2)], "audit_head": None})
        r = _post(srv, body, _signed(dev, body))
    finally:
        event.remove(srv.engine, "commit", committed)
    assert r.status_code == 200 and r.json()["results"][0]["result"] == "applied"
    assert len(commits) == 1  # nonce, device and batch together
    assert _count(srv, Event) == 2 and _count(srv, Nonce) == 2


def test_a_device_revoked_after_its_key_was_remembered_is_refused(srv):
    dev = _device(srv)
    first = wire.encode_batch({"events": [_event(1)], "audit_head": None})
    assert _post(srv, first, _signed(dev, first)).status_code == 200
    assert revoke(srv.engine, utc_now, dev[0])
    body = wire.encode_batch({"events": [_event(2)], "audit_head": None})
    r = _post(srv, body, _signed(dev, body))
    assert (r.status_code, r.json()["code"]) == (403, "revoked")
    assert _count(srv, Event) == 1


def test_a_malformed_body_spends_its_nonce_so_its_replay_is_refused(srv):
    dev = _device(srv)
    body = wire.encode_batch({"events": [{"id": "x"}], "audit_head": None})
    headers = _signed(dev, body)
    assert _post(srv, body, headers).status_code == 422
    again = _post(srv, body, headers)
    assert (again.status_code, again.json()["code"]) == (409, "replay")


def test_a_batch_that_lost_a_race_spends_its_nonce_and_applies_on_a_fresh_request(
        srv, monkeypatch):
    dev = _device(srv)
    apply = ingest_module.Ingest._apply
    raced: list[bool] = []

    def lose_once(self: Any, conn: Any, *args: Any) -> Any:
        if not raced:
            raced.append(True)
            raise IntegrityError("INSERT INTO events", {}, Exception("another instance"))
        return apply(self, conn, *args)

    monkeypatch.setattr(ingest_module.Ingest, "_apply", lose_once)
    body = wire.encode_batch({"events": [_event(1)], "audit_head": None})
    headers = _signed(dev, body)
    r = _post(srv, body, headers)
    assert (r.status_code, r.json()["code"]) == (503, "conflict")
    assert _count(srv, Event) == 0
    replay = _post(srv, body, headers)
    assert (replay.status_code, replay.json()["code"]) == (409, "replay")
    retry = _post(srv, body, _signed(dev, body))  # what the client does: signs again
    assert retry.status_code == 200 and retry.json()["results"][0]["result"] == "applied"
    assert _count(srv, Event) == 1
