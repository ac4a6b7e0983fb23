"""SIGKILL a process that books and syncs, at random moments: never a loss, never a double.

A child process (``crash_child.py``, forked from a warm zygote so a kill costs
well under a second) books shipments and syncs them to a real central server on
127.0.0.1, reporting each waybill after ``book`` returned. The parent kills it
20–400 ms after it is ready (``sizes.kills`` times: 50 in quick mode, 1,000 in
soak) and after every kill checks the database as the next start would find it:

- ``PRAGMA integrity_check`` is ok;
- every reported waybill is there and decrypts (``shipments.show``);
- shipments, their outbox events and their audit entries match one to one, no
  event id twice;
- the audit chain verifies.

At the end the outlet syncs to completion and the server holds every shipment
exactly once, and nothing else.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from outlet_pos.bootstrap import open_app
from outlet_pos.central.models import Event
from tests.central_server import CentralServer
from tests.sync_fixtures import enroll, server_shipments

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ORDER = ROOT / "examples" / "shipment.json"
LINE_TIMEOUT_S = 60  # a worker that neither gets ready nor dies is a hang: fail, not wait

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")


class Zygote:
    """The child process and a thread reading its lines into a queue."""

    def __init__(self, data_dir: Path, log: Path) -> None:
        self._err = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "crash_child.py"), str(data_dir), str(ORDER)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._err, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "OUTLET_POS_KEYSTORE": "file"})
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next() == ["zygote"]

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("eof")

    def next(self) -> list[str]:
        try:
            line = self.lines.get(timeout=LINE_TIMEOUT_S)
        except queue.Empty:
            raise AssertionError("the child stopped answering") from None
        assert line != "eof", "the zygote died; see crash-child.log"
        return line.split()

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("quit")
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._err.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[CentralServer]:
    srv = CentralServer(tmp_path / "central").start()
    yield srv
    srv.close()


def _check_after_kill(settings, boss, reported: set[str], new: list[str]) -> None:
    with sqlite3.connect(settings.data_dir / "outlet.db") as c:
        assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
        waybills = {r[0] for r in c.execute("select waybill from shipments")}
        events = c.execute("select count(*) from outbox where kind='shipment.created'")\
            .fetchone()[0]
        audited = c.execute("select count(*) from audit_log where action='shipment_booked'")\
            .fetchone()[0]
        dupes = c.execute("select count(*) - count(distinct event_id) from outbox").fetchone()[0]
    lost = reported - waybills
    assert not lost, f"lost {len(lost)} reported shipments: {sorted(lost)[:5]}"
    assert len(waybills) == events == audited, (len(waybills), events, audited)
    assert dupes == 0
    app = open_app(settings)
    try:
        assert app.admin.verify_audit(boss).ok
        for w in new[-3:]:  # personal data decrypts (the view is audited: keep it short)
            assert app.shipments.show(boss, w).recipient.name == "Budi Santoso"
        with app.db.uow() as uow:
            for w in new:
                assert uow.shipments.get(w).recipient.phone, w
    finally:
        app.close()


def test_killed_while_booking_and_syncing_loses_nothing_and_syncs_once(
        app, settings, manager, server, sizes, figures, tmp_path):
    figures.describe("SIGKILL a process booking and syncing at a random moment; check the "
                     "database after each kill and the server at the end")
    enroll(app, server, manager)
    app.close()
    rnd = random.Random(20261125)
    reported: set[str] = set()
    syncs = sync_errors = 0
    zygote = Zygote(settings.data_dir, tmp_path / "crash-child.log")
    start = time.monotonic()
    try:
        for kill in range(sizes.kills):
            zygote.send(f"go {rnd.randrange(1 << 30)}")
            kind, pid = zygote.next()
            assert kind == "forked"
            assert zygote.next() == ["ready", pid]
            time.sleep(rnd.uniform(0.020, 0.400))
            os.kill(int(pid), signal.SIGKILL)
            zygote.send(f"reap {pid}")
            new: list[str] = []
            while (words := zygote.next())[0] != "dead":
                if words[0] == "booked":
                    new.append(words[2])
                elif words[0] == "synced":
                    syncs += 1
                    sync_errors += words[-1] == "error"
            assert words == ["dead", pid, str(int(signal.SIGKILL))], words
            assert not reported.intersection(new), "a waybill number was issued twice"
            reported.update(new)
            _check_after_kill(settings, manager, reported, new)
            figures.runs = kill + 1
    finally:
        zygote.close()
    kill_s = time.monotonic() - start
    assert len(reported) > sizes.kills  # the loop really booked between kills
    assert syncs > sizes.kills // 4  # and really synced

    # Heal: sync to completion, then the server holds each shipment once.
    final = open_app(settings)
    try:
        duplicates_acked = 0
        for _ in range(20):
            report = final.sync.sync_once(reference=False)
            assert report.error is None, report.error.message
            duplicates_acked += report.duplicates
            if report.remaining == 0 and final.sync.status().queue_depth == 0:
                break
        with final.db.uow() as uow:
            assert uow.queue.stats().pending == 0
            assert uow.queue.stats().parked == 0
        with sqlite3.connect(settings.data_dir / "outlet.db") as c:
            local = {r[0] for r in c.execute("select waybill from shipments")}
            local_events = c.execute("select count(*) from outbox").fetchone()[0]
    finally:
        final.close()
    on_server = Counter(s["waybill"] for s in server_shipments(server))
    with server.engine.connect() as c:
        server_events = c.execute(select(func.count()).select_from(Event)).scalar()
    doubled = [w for w, n in on_server.items() if n > 1]
    figures.faults = sizes.kills
    figures.losses = len(local - set(on_server)) + len(reported - local)
    figures.duplicates = len(doubled) + max(0, server_events - local_events)
    figures.detail = {"shipments booked": len(local), "reported to the clerk": len(reported),
                      "sync passes": syncs, "kills per second": round(sizes.kills / kill_s, 1)}
    assert not doubled
    assert set(on_server) == local  # every shipment, nothing else
    assert server_events == local_events  # every event exactly once
    print(f"\n{sizes.kills} kills in {kill_s:.0f} s, {len(local)} shipments "
          f"({len(reported)} reported), {syncs} sync passes, {sync_errors} with an error, "
          f"{duplicates_acked} duplicates acknowledged at the end")
