"""The central server's CPU per event and per one-event upload, in-process, without HTTP.

``python -m benchmarks.ingest_cpu [sqlite|postgres]``: the app (``central.app.create_app``)
is called as an ASGI application, so what is measured is the server's own work (the
middlewares, the route, the signature, the parse, ingest and psycopg's client side), not
uvicorn's HTTP parsing, the load balancer or the simulated outlets. Fast and quiet enough
to compare two trees on a shared machine: run it from each tree (``cd TREE && python -m
benchmarks.ingest_cpu``), alternated, several times; ``py-spy record --format raw -- python
-m benchmarks.ingest_cpu`` shows where the time goes.

``INGEST_CPU_BATCHES`` (default 40) outlets send one batch of 300 shipment.created events
each (copies of real bookings, as ``fleet`` sends), then one outlet sends
``INGEST_CPU_SINGLE`` (default 300) one-event uploads with an audit head. CPU is
``time.process_time()`` of this process (every thread), around the sends only: bodies are
built and signed before. PostgreSQL (a throw-away server, ``tests/pg_server.py``) runs in
its own processes and is not counted. It also counts the statements per one-event upload
(SQLAlchemy's cursor events, BEGIN and COMMIT not included).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from typing import Any

from sqlalchemy import event, insert

from outlet_pos.protocol import wire

from .common import fresh_dir
from .fleet_client import PATH, SimOutlet, build_outlet, one_event_bodies

BATCHES = int(os.environ.get("INGEST_CPU_BATCHES", "40"))
SINGLE = int(os.environ.get("INGEST_CPU_SINGLE", "300"))


async def post(app: Any, body: bytes, signed: dict[str, str]) -> tuple[int, bytes]:
    """One POST /v1/events straight into the ASGI app: (status, answer)."""
    headers = [(b"content-type", b"application/json"), (b"content-encoding", b"gzip"),
               (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in signed.items()]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": PATH, "raw_path": PATH.encode(),
             "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80), "state": {}}
    sent, status, chunks = False, [0], []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client never goes away
        return {}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status[0] = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status[0], b"".join(chunks)


def _provision(engine: Any, n: int) -> list[SimOutlet]:
    from outlet_pos.central.db import iso, utc_now
    from outlet_pos.central.models import Device, Outlet

    now = iso(utc_now())
    outlets = [SimOutlet(20_000 + i, str(uuid.uuid4()), wire.new_device_key()) for i in range(n)]
    with engine.begin() as conn:
        conn.execute(insert(Outlet.__table__), [
            {"number": o.number, "name": f"Outlet {o.number}", "timezone": "Asia/Jakarta",
             "origin_district": "32.73.01", "created_at": now} for o in outlets])
        conn.execute(insert(Device.__table__), [
            {"id": o.device_id, "outlet": o.number, "terminal": 1, "status": "active",
             "public_key": wire.public_key_of(o.seed), "enrolled_at": now} for o in outlets])
    return outlets


async def _measure(app: Any, engine: Any, outlets: list[SimOutlet],
                   templates: list[dict[str, Any]]) -> dict[str, float]:
    warm, single, rest = outlets[0], outlets[1], outlets[2:]
    for body in one_event_bodies(warm, 5, templates, 1):  # validators, the month's key
        first = wire.sign_headers(warm.seed, warm.device_id, "POST", PATH, body,
                                  int(time.time()))
        assert (await post(app, body, first))[0] == 200
    for o in rest:
        build_outlet(o, templates, 300, 300)
    now = int(time.time())
    signed = [wire.sign_headers(o.seed, o.device_id, "POST", PATH, o.bodies[0], now)
              for o in rest]
    cpu = time.process_time()
    for o, s in zip(rest, signed, strict=True):
        status, answer = await post(app, o.bodies[0], s)
        assert status == 200 and b"rejected" not in answer, answer[:300]
    per_event = (time.process_time() - cpu) * 1000 / (300 * len(rest))
    bodies = one_event_bodies(single, SINGLE, templates, 100)
    now = int(time.time())
    signed = [wire.sign_headers(single.seed, single.device_id, "POST", PATH, b, now)
              for b in bodies]
    statements = [0]

    def count(*_a: Any, **_k: Any) -> None:
        statements[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    cpu = time.process_time()
    for b, s in zip(bodies, signed, strict=True):
        status, answer = await post(app, b, s)
        assert status == 200 and b'"applied"' in answer, answer[:300]
    per_request = (time.process_time() - cpu) * 1000 / SINGLE
    return {"server_cpu_ms_per_event": round(per_event, 4),
            "server_cpu_ms_per_one_event_upload": round(per_request, 3),
            "statements_per_one_event_upload": statements[0] / SINGLE}


def run(backend: str = "postgres") -> dict[str, Any]:
    from outlet_pos.central.app import create_app
    from outlet_pos.central.db import make_engine
    from outlet_pos.central.secrets_file import load_or_create

    from .bench_fleet import _templates

    d = fresh_dir("ingest_cpu")
    templates = _templates(d)
    pg = None
    if backend == "postgres":
        from tests.pg_server import start_postgres

        pg = start_postgres(d / "pg")
        url = pg.url
    else:
        url = f"sqlite:///{d / 'central.db'}"
    try:
        engine = make_engine(url)
        app = create_app(engine, load_or_create(d / "central.secrets"))
        outlets = _provision(engine, BATCHES + 2)
        out = asyncio.run(_measure(app, engine, outlets, templates))
        engine.dispose()
    finally:
        if pg is not None:
            pg.stop()
    print(f"  [{backend}] load average {os.getloadavg()[0]:.1f}: "
          f"{out['server_cpu_ms_per_event']:.4f} ms of server CPU per event in batches of "
          f"300, {out['server_cpu_ms_per_one_event_upload']:.3f} ms per one-event upload "
          f"({out['statements_per_one_event_upload']:.1f} statements)")
    return out


if __name__ == "__main__":
    run(sys.argv[1] if len(sys.argv) > 1 else "postgres")
