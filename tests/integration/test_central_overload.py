"""Issue 20, graceful under overload: a server process takes on a bounded number of batches
(slots + a short waiting room) and turns the rest away at once with 503 and Retry-After,
before reading their bodies; the clients come back when told and every event lands once;
a batch whose client left while it waited is not done.

A real server (uvicorn on 127.0.0.1, SQLite); "slow" is SQLite's write lock held by another
connection, so every batch in progress waits inside its slot as on a stalled database.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from outlet_pos.central.admission import AdmissionLimits
from outlet_pos.sync.errors import SyncError
from tests.central_batches import (
    Terminal,
    shipments,
    stored_count,
    stored_event_ids,
    terminals,
    write_lock,
)
from tests.central_server import CentralServer
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll

SLOTS, ROOM = 2, 2


@pytest.fixture
def server(tmp_path: Path) -> Iterator[CentralServer]:
    srv = CentralServer(tmp_path / "central",
                        admission_limits=AdmissionLimits(slots=SLOTS, room=ROOM,
                                                         max_wait_s=8)).start()
    yield srv
    srv.close()


def _db_file(srv: CentralServer) -> str:
    return srv.db_url.removeprefix("sqlite:///")


def _wait_for(what: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not what():
        assert time.monotonic() < deadline, f"timed out: {what.__code__.co_firstlineno}"
        time.sleep(0.01)


def _statuses(client: Any, into: list[int]) -> None:
    client._session.hooks["response"].append(lambda r, *_a, **_k: into.append(r.status_code))


def test_beyond_slots_and_room_batches_are_refused_at_once_and_land_once_on_retry(
        server: CentralServer) -> None:
    clients = 8
    terms = terminals(server.engine, 77, clients)
    batches = {t.device_id: shipments(t, 1, 20) for t in terms}
    statuses: list[int] = []
    refusals: list[tuple[float, str, float | None]] = []  # seconds to answer, code, wait
    results: dict[str, list[dict[str, Any]]] = {}
    errors: list[BaseException] = []

    def outlet(term: Terminal) -> None:
        client = term.client(server.url)
        _statuses(client, statuses)
        try:
            for _ in range(20):
                t0 = time.monotonic()
                try:
                    results[term.device_id] = client.upload(batches[term.device_id], None)
                    return
                except SyncError as e:
                    refusals.append((time.monotonic() - t0, e.code, e.retry_after))
                    time.sleep(e.retry_after or 1)  # the worker's Backoff takes it as a floor
        except BaseException as e:  # surfaced below
            errors.append(e)
        finally:
            client.close()

    for t in terms:  # known to this process: a first request's device look-up would also
        t.client(server.url).config()  # wait for the lock, before its batch has a slot
    threads = [threading.Thread(target=outlet, args=(t,), daemon=True) for t in terms]
    with write_lock(_db_file(server)) as db:  # every batch in progress is stuck in its slot
        for t in threads:
            t.start()
        adm = server.app.state.admission
        _wait_for(lambda: len(refusals) >= clients - SLOTS - ROOM and adm.running == SLOTS)
        assert adm.admitted == SLOTS + ROOM
        assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)
    for t in threads:
        t.join(30)
    assert not errors, errors
    assert len(results) == clients
    first = refusals[:clients - SLOTS - ROOM]
    assert all(seconds < 0.5 for seconds, _, _ in first), first
    assert {code for _, code, _ in refusals} == {"busy"}
    assert all(wait is not None and 1 <= wait <= 60 for _, _, wait in refusals), refusals
    assert set(statuses) == {200, 503}, statuses
    assert all(r["result"] == "applied" for rs in results.values() for r in rs)
    ids = stored_event_ids(server.engine)
    sent = [e["id"] for b in batches.values() for e in b]
    assert len(ids) == len(sent) and set(ids) == set(sent)


def _headers_only(port: int, head: bytes) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(head)
    return s


def _answer(s: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def test_a_refused_batch_is_answered_before_its_body_is_sent(server: CentralServer) -> None:
    """The decision needs no body: connections that sent only their headers (a body of
    1 MB announced) are answered 503 at once, beyond the slots and the room."""
    (term,) = terminals(server.engine, 78, 1)
    raw = term.signed_request(shipments(term, 1, 1))
    end = raw.index(b"\r\n\r\n") + 4
    head = raw[:end].replace(b"Content-Length: %d" % (len(raw) - end),
                             b"Content-Length: 1000000")
    held = [_headers_only(server.port, head) for _ in range(SLOTS + ROOM)]
    _wait_for(lambda: server.app.state.admission.admitted == SLOTS + ROOM)
    t0 = time.monotonic()
    extra = [_headers_only(server.port, head) for _ in range(6)]
    answers = [_answer(s) for s in extra]
    assert time.monotonic() - t0 < 0.5 * len(extra)
    for a in answers:
        assert a.startswith(b"HTTP/1.1 503"), a[:100]
        assert b"retry-after: " in a.lower()
    chunked = _headers_only(server.port, head.replace(
        b"Content-Length: 1000000", b"Transfer-Encoding: chunked"))
    answer = _answer(chunked)  # a body of no known length is not drained: the line closes
    assert answer.startswith(b"HTTP/1.1 503") and b"connection: close" in answer.lower()
    for s in [*held, *extra, chunked]:
        s.close()
    _wait_for(lambda: server.app.state.admission.admitted == 0)


def test_a_batch_whose_client_left_while_it_waited_is_not_applied(
        server: CentralServer) -> None:
    first, gone = terminals(server.engine, 79, 2)
    done: list[list[dict[str, Any]]] = []
    adm = server.app.state.admission
    for t in (first, gone):
        t.client(server.url).config()
    with write_lock(_db_file(server)):
        blockers = [threading.Thread(
            target=lambda i=i: done.append(first.client(server.url).upload(
                shipments(first, 100 * i + 1, 5), None)), daemon=True) for i in range(SLOTS)]
        for t in blockers:
            t.start()
        _wait_for(lambda: adm.running == SLOTS)
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        s.sendall(gone.signed_request(shipments(gone, 1, 5)))
        _wait_for(lambda: adm.waiting == 1)  # its whole body read, waiting for a slot
        time.sleep(0.2)  # its body is read before it waits; give the close nothing to race
        s.close()
    for t in blockers:
        t.join(20)
    assert len(done) == SLOTS
    _wait_for(lambda: adm.admitted == 0)
    assert stored_count(server.engine) == 5 * SLOTS  # the blockers' only


def test_the_terminal_worker_is_told_when_to_come_back(app, tmp_path: Path) -> None:
    """The real terminal: its sync pass reads 503 busy and Retry-After, and its backoff
    waits at least that long; once the server has room, the same events land once."""
    srv = CentralServer(tmp_path / "c1", admission_limits=AdmissionLimits(
        slots=1, room=0, max_wait_s=5)).start()
    try:
        enroll(app, srv, app.auth.login("manajer", "rahasia-manajer"))
        book_random(app, app.auth.login("manajer", "rahasia-manajer"), 3)
        (blocker,) = terminals(srv.engine, 80, 1)
        blocker.client(srv.url).config()
        held: list[Any] = []
        with write_lock(_db_file(srv)):
            t = threading.Thread(target=lambda: held.append(blocker.client(srv.url).upload(
                shipments(blocker, 1, 1), None)), daemon=True)
            t.start()
            _wait_for(lambda: srv.app.state.admission.running == 1)
            report = app.worker.sync_once()
        t.join(20)
        assert report.error is not None and report.error.code == "busy"
        assert report.error.retry_after is not None and report.error.retry_after >= 1
        assert app.worker.backoff.failed(report.error.retry_after) >= report.error.retry_after
        report = app.worker.sync_once()
        assert report.error is None and report.applied == 3
        assert stored_count(srv.engine) == 4
    finally:
        srv.close()
