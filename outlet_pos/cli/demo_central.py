"""The demo's central server: ``outlet-pos-central serve`` on loopback in a child process,
with the demo outlet added and this terminal enrolled (once), so sync works out of the box."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine

from ..bootstrap import App, point_sync_at
from ..sync.client import SyncClient, SyncError  # the demo server's health, as a PC asks it

PORT = 8443


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _port() -> int:
    if _free(PORT):
        return PORT
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_served(url: str, proc: subprocess.Popen[bytes], timeout_s: float,
                      log: Path) -> None:
    """Until the server at ``url`` answers its health check as a PC asks it; RuntimeError
    naming ``log`` when ``proc`` ends first or ``timeout_s`` passes."""
    probe = SyncClient(url, timeout=(0.5, 2.0))
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                probe.health()
                return
            except SyncError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the central server did not start; see {log}"
                                       ) from None
                time.sleep(0.1)
    finally:
        probe.close()


@contextlib.contextmanager
def central_server(workdir: Path) -> Iterator[str]:
    """Start the server on ``workdir/central.db``; yields its URL; stops it afterwards."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = _port()
    url = f"http://127.0.0.1:{port}"
    log = (workdir / "central.log").open("ab")
    proc = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "outlet_pos.central.cli", "serve",
         "--db", f"sqlite:///{workdir / 'central.db'}", "--port", str(port)],
        stdout=log, stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        wait_until_served(url, proc, 20, workdir / "central.log")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def ensure_enrolled(app: App, manager, workdir: Path, url: str) -> None:
    """Enroll once; on later runs only point the stored credential at today's port."""
    from ..central.db import make_engine, utc_now
    from ..central.enrollment import add_outlet

    enrolled = app.preferences.enrolled_server()
    engine = make_engine(f"sqlite:///{workdir / 'central.db'}")
    try:
        code = None if enrolled is not None else add_outlet(
            engine, utc_now, app.outlet.number, app.outlet.name, app.outlet.origin_district)
        add_service_points(engine, app.outlet.number, app.outlet.name,
                           app.outlet.origin_district)
    finally:
        engine.dispose()
    if enrolled is not None:
        if enrolled[0] != url:
            point_sync_at(app, url)
        return
    assert code is not None
    app.enrolment.online(manager, server=url, code=code)


DEMO_POINTS = "examples/service-points-bandung.csv"


def demo_service_points(outlet: int, name: str, district: str | None) -> list[dict[str, str]]:
    """The demo city's drop points, hub, outlets and lockers (shipped as a CSV in the
    format ``outlet-pos-central service-points import`` reads), and the demo outlet itself,
    every column filled."""
    text = resources.files("outlet_pos.resources").joinpath(DEMO_POINTS).read_text(
        encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    rows.append({"code": f"OUTLET-{outlet}", "kind": "outlet", "name": name,
                 "address": "Jl. Dipati Ukur No. 35, Lebak Gede, Kec. Coblong, 40132",
                 "district_code": district or "32.73.02", "city": "Kota Bandung",
                 "phone": "+62 22 2503 1135", "hours": "Sen–Sab 08.00–20.00", "active": "1"})
    return rows


def add_service_points(engine: Engine, outlet: int, name: str, district: str | None) -> None:
    """Load the demo's service points once (a later run finds them and leaves them)."""
    from sqlalchemy import func, select

    from ..central.models import ServicePoint
    from ..central.reference import import_service_points

    table = ServicePoint.__table__
    with engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(table).where(
            table.c.city.is_not(None))).scalar()
    if not have:
        import_service_points(engine, demo_service_points(outlet, name, district))
