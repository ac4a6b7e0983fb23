"""A client that goes away in the middle of an upload (a killed outlet, a cut cable) is
routine for the central server: answered quietly, never an exception in its log."""

from __future__ import annotations

import asyncio

from outlet_pos.central.app import create_app
from outlet_pos.central.db import utc_now
from outlet_pos.central.enrollment import provision
from tests.central_server import CentralServer


def test_a_client_gone_mid_upload_is_not_an_application_error(tmp_path):
    srv = CentralServer(tmp_path / "central")  # the app only; no socket needed
    app = create_app(srv.engine, srv.secrets)
    srv.add_outlet(42)
    device = provision(srv.engine, utc_now, 42, 1)["device_id"].encode()
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/v1/events", "raw_path": b"/v1/events",
             "root_path": "", "query_string": b"", "server": ("127.0.0.1", 8000),
             "client": ("127.0.0.1", 50000),
             # an enrolled device's headers: a stranger's body is refused before it is read
             "headers": [(b"content-type", b"application/json"), (b"content-length", b"900"),
                         (b"x-device", device), (b"x-timestamp", b"1"), (b"x-nonce", b"n"),
                         (b"x-signature", b"s")]}
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.disconnect"}  # the body never comes

    async def send(message: dict) -> None:
        sent.append(message)

    async def one_request() -> None:
        await app(scope, receive, send)

    asyncio.run(one_request())  # raised ClientDisconnect out of the app before
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 400
