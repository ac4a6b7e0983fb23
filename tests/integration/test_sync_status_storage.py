"""The sync status when this PC's own database fails, and when the server refused events:
neither may read as "all sent" (seen at a counter: "Daring · semua terkirim" over a database
that could no longer be written)."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from outlet_pos.domain.sync_status import SyncStatus
from outlet_pos.i18n import set_language, tr
from tests.central_server import CentralServer
from tests.conftest import MANAGER
from tests.sync_fixtures import enroll

# Garbage over a table's root page, written by a child process: this one holds the database
# (a plain open and close of the file here would drop SQLite's locks on it).
_DAMAGE = """
import sqlite3, sys
path, table = sys.argv[1:]
c = sqlite3.connect(path)
c.execute("pragma wal_checkpoint(TRUNCATE)")
size = c.execute("pragma page_size").fetchone()[0]
root = c.execute("select rootpage from sqlite_master where name = ?", (table,)).fetchone()[0]
c.close()
with open(path, "r+b") as f:
    f.seek((root - 1) * size)
    f.write(bytes((i * 37 + 11) % 251 for i in range(size)))
"""


@pytest.fixture(autouse=True)
def english():
    import outlet_pos.i18n as i18n

    before = i18n._language
    set_language("en")
    yield
    i18n._language = before


@pytest.fixture
def synced(app, example_order, tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    try:
        enroll(app, srv, app.auth.login(*MANAGER))
        app.booking.book(app.auth.login("kasir1", "rahasia-kasir"), example_order)
        assert app.sync.sync_once().error is None
        yield app
    finally:
        srv.close()


def _damage(app, table: str) -> None:
    app.db.engine.dispose()  # no connection of ours stays open on the file meanwhile
    subprocess.run([sys.executable, "-c", _DAMAGE, str(app.db.path), table], check=True)


def test_a_database_that_cannot_be_read_is_a_failure_not_all_sent(synced):
    from outlet_pos.ui.status_bar import sync_detail, sync_text

    text, level = sync_text(synced.sync.status())
    assert level == "ok" and "all sent" in text  # the starting point: all is well
    _damage(synced, "outbox")
    status = synced.sync.status()  # never raises: the failure is the status
    assert status.local_error
    text, level = sync_text(status)
    assert level == "error", text
    assert "all sent" not in text and "Online" not in text
    assert "Failure on this PC" in text and "damaged" in sync_detail(status)
    set_language("id")
    try:
        text, _ = sync_text(synced.sync.status())
        assert "Gangguan di PC ini" in text and "semua" not in text and "Daring" not in text
        # The storage fault's own message, in Indonesian, is the tooltip.
        assert "rusak" in sync_detail(synced.sync.status())
    finally:
        set_language("en")


def test_a_pass_that_fails_on_the_database_tells_the_listeners_then_raises(synced,
                                                                         example_order):
    from outlet_pos.ui.status_bar import sync_text

    seen: list[SyncStatus] = []
    synced.sync.subscribe(seen.append)
    synced.booking.book(synced.auth.login("kasir1", "rahasia-kasir"), example_order)
    _damage(synced, "outbox")
    with pytest.raises(Exception) as caught:
        synced.sync.sync_once()
    assert type(caught.value).__name__ == "StorageFault"
    assert seen and seen[-1].local_error
    assert sync_text(seen[-1])[1] == "error"
    assert "all sent" not in sync_text(synced.sync.status())[0]


def test_refused_events_are_counted_and_never_all_sent(synced, example_order):
    from outlet_pos.ui.status_bar import sync_text

    synced.booking.book(synced.auth.login("kasir1", "rahasia-kasir"), example_order)
    synced.booking.book(synced.auth.login("kasir1", "rahasia-kasir"),
                        {**example_order, "parcel": {**example_order["parcel"],
                                                     "weight_kg": "2.5"}})
    with synced.db.uow(write=True) as uow:  # what the worker does with a refusal
        for item in uow.queue.batch(10):
            uow.queue.park(item.event_id, "refused by the server: not this outlet's")
        uow.commit()
    status = synced.sync.status()
    assert (status.queue_depth, status.parked) == (0, 2)
    text, level = sync_text(status)
    assert level == "warn" and "all sent" not in text
    assert "2 refused by the server" in text
    set_language("id")
    try:
        text, _ = sync_text(status)
        assert "2 ditolak server" in text and "semua" not in text
    finally:
        set_language("en")


def test_status_texts_for_every_state():
    from outlet_pos.ui.status_bar import sync_detail, sync_text

    base = dict(enrolled=True, online=True, queue_depth=0, parked=0, oldest_unsent_age=None,
                last_success=None, last_error=None, last_error_at=None, clock_skew_s=None)
    assert sync_text(SyncStatus(**base)) == (tr("Online · {waiting}",
                                                waiting=tr("all sent")), "ok")
    waiting = sync_text(SyncStatus(**{**base, "queue_depth": 3,
                                      "oldest_unsent_age": timedelta(minutes=5)}))[0]
    assert "3 waiting" in waiting and "all sent" not in waiting
    for broken in (SyncStatus(**base, local_error="the disk is full"),
                   SyncStatus(**{**base, "enrolled": False}, local_error="the disk is full"),
                   SyncStatus(**{**base, "online": False}, local_error="the disk is full")):
        text, level = sync_text(broken)
        assert level == "error" and "all sent" not in text and "Online" not in text
        assert sync_detail(broken) == "the disk is full"


def test_sync_status_on_the_command_line_says_the_database_failed(synced):
    import os

    _damage(synced, "outbox")
    synced.close()
    env = {**os.environ, "OUTLET_POS_KEYSTORE": "file", "OUTLET_POS_LANG": "en"}
    p = subprocess.run([sys.executable, "-m", "outlet_pos.cli.main", "sync", "status",
                        "--data-dir", str(synced.settings.data_dir)], capture_output=True,
                       text=True, env=env, timeout=120)
    assert p.returncode == 1 and "damaged" in p.stderr, (p.stdout, p.stderr)
    assert "waiting to be sent" not in p.stdout and "Traceback" not in p.stderr
