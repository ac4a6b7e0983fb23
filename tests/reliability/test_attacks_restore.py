"""Restore inside the trust boundary (issue 16, finding 7) and saying what it costs (issue 17,
point 4), attacked as found: ``restore --force`` of the daily backup by nobody, cutting the
audit log with no trace; an older backup over a newer database losing a day's shipments, a
void and the closings without a word; unsent events left behind; sync going on from the
rolled-back outlet; the server not noticing. Real data directories, the real CLI, a real
central server on loopback."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from outlet_pos.bootstrap import backup_service, doctor_for, open_app
from outlet_pos.domain.roles import NotAllowed
from outlet_pos.services.backup import RestoreRefused
from outlet_pos.storage.backup_file import SqliteBackups
from tests.central_server import CentralServer
from tests.conftest import CLERK, TECH
from tests.integration.test_cli import run
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll


def _audit(db: Path) -> list[tuple[str | None, str, dict]]:
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as c:
        return [(a, b, json.loads(d)) for a, b, d in
                c.execute("select actor, action, details from audit_log order by seq")]


def _ino(db: Path) -> int:
    return os.stat(db).st_ino


def _restore(d: Path, backup: Path, *extra: str, user: tuple[str, str] | None = TECH,
             lang: str = "en") -> subprocess.CompletedProcess[str]:
    login = ["--user", user[0], "--password-stdin"] if user else []
    return run(d, "restore", str(backup), "--force", *login, *extra,
               stdin=f"{user[1]}\n" if user else "", lang=lang)


def _older_backup_and_a_newer_day(app, clerk, manager, tmp_path: Path) -> tuple[Path, list[str]]:
    """A backup after three shipments; then two more, a void and a closing."""
    book_random(app, clerk, 3, seed=1)
    backup = app.backup.backup().path
    later = book_random(app, clerk, 2, seed=2)
    app.shipments.void(manager, later[0], "salah tujuan")
    app.closing.close_day(manager, 0, note="kas diambil untuk uji")
    return backup, later


def test_restore_without_a_log_in_is_refused_and_a_clerk_is_refused_audited(
        app, clerk, tmp_path, clock, figures):
    figures.describe("restore --force of the daily backup with no user, then as a clerk and "
                     "with a wrong password: refused, nothing replaced, the clerk's try audited")
    book_random(app, clerk, 2)
    backup = app.backup.backup().path
    with pytest.raises(NotAllowed):
        app.backup.authorise_restore(clerk)
    app.close()
    d = app.settings.data_dir
    db = d / "outlet.db"
    before = _ino(db)
    p = _restore(d, backup, user=None)
    assert p.returncode == 2 and "--user" in p.stderr, (p.stdout, p.stderr)
    svc = backup_service(app.settings, clock, lambda: "x")
    with pytest.raises(RestoreRefused, match="--user"):  # the service itself, as the GUI calls it
        svc.restore(backup, force=True, confirm=True)
    with pytest.raises(RestoreRefused, match="wrong user id or password"):
        svc.authorise_from_backup(backup, TECH[0], "salah-sekali-123")
    with pytest.raises(NotAllowed):  # the backup's clerk is no technician either
        svc.authorise_from_backup(backup, *CLERK)
    assert _ino(db) == before and not list(d.glob("replaced-*"))
    assert (CLERK[0], "refused", {"role": "clerk"}) in [
        (a, b, x) for a, b, x in _audit(db) if b == "refused"]
    figures.faults += 4


def test_restore_with_a_log_in_is_audited_in_the_restored_database(
        app, clerk, manager, tmp_path, clock, figures):
    figures.describe("an older daily backup restored by a technician: the restored database "
                     "says who, when, which backup and what was lost; its chain verifies")
    backup, later = _older_backup_and_a_newer_day(app, clerk, manager, tmp_path)
    rows_before = len(_audit(app.db.path))
    app.close()
    d = app.settings.data_dir
    out = tmp_path / "usb" / "unsent.opbk"
    out.parent.mkdir()
    p = _restore(d, backup, "--confirm", "--export-unsent", str(out))
    assert p.returncode == 0, (p.stdout, p.stderr)
    rows = _audit(d / "outlet.db")
    assert len(rows) < rows_before  # the older chain, cut: but the cut is on record
    actor, action, details = rows[-1]
    assert (actor, action) == (TECH[0], "restored")
    assert details["how"] == "login" and details["role"] == "technician"
    assert details["backup"]["kind"] == "daily" and details["backup"]["file"] == backup.name
    assert details["lost"]["shipments"] == 2 and set(details["lost"]["waybills"]) == set(later)
    assert details["lost"]["voids"] == 1 and len(details["lost"]["closings"]) == 1
    assert details["lost"]["unsent"] >= 4 and details["unsent_exported"] is True
    v = run(d, "audit", "verify", "--user", TECH[0], "--password-stdin", stdin=f"{TECH[1]}\n")
    assert v.returncode == 0 and "intact" in v.stdout, (v.stdout, v.stderr)
    again = open_app(app.settings, clock)  # the next booking takes no lost waybill number
    try:
        booked = book_random(again, again.auth.login(*CLERK), 1, seed=9)
    finally:
        again.close()
    assert booked[0] not in later and booked[0][7:15] == "00000006", booked
    # the export restores like any backup: the newer day, its unsent events included
    store = SqliteBackups(d)
    opened = store.open(out, None, tmp_path / "x.db")
    assert store.verify(opened, tmp_path / "x.db").counts["shipments"] == 5
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_an_older_backup_over_a_newer_database_lists_the_losses_and_stops(
        app, clerk, manager, tmp_path, clock, figures):
    figures.describe("an older backup over a newer day: restore names the 2 shipments, the "
                     "void, the closing and the unsent events, and stops (exit 2) without "
                     "--confirm; with unsent events even --confirm is refused")
    backup, later = _older_backup_and_a_newer_day(app, clerk, manager, tmp_path)
    grant = app.backup.authorise_restore(app.auth.login(*TECH))
    app.close()
    d = app.settings.data_dir
    db = d / "outlet.db"
    before = _ino(db)
    p = _restore(d, backup)
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "2 shipments" in p.stdout and all(w in p.stdout for w in later)
    assert "1 voids" in p.stdout and "1 day closings" in p.stdout
    assert "events not yet sent" in p.stdout
    assert "--export-unsent" in p.stderr and "nothing was changed" in p.stderr
    svc = backup_service(app.settings, clock, lambda: "x")
    with pytest.raises(RestoreRefused, match="not received yet"):
        svc.restore(backup, grant=grant, force=True, confirm=True)
    assert _ino(db) == before and not list(d.glob("replaced-*"))
    p = _restore(d, backup, lang="id")  # the clerk's language, with the same figures
    assert p.returncode == 2 and "2 kiriman" in p.stdout, p.stdout
    figures.losses += 0


def test_a_rolled_back_outlet_holds_sync_until_confirmed_and_the_server_flags_it(
        app, clerk, manager, tmp_path, clock, figures):
    figures.describe("an enrolled outlet syncs a day, restores an older backup (confirmed): "
                     "sync is held (sync --once exit 1, doctor fails saying why) until "
                     "confirm-restore; then the server's device list flags the rollback")
    srv = CentralServer(tmp_path / "central").start()
    try:
        enroll(app, srv, manager)
        backup, _later = _older_backup_and_a_newer_day(app, clerk, manager, tmp_path)
        assert app.sync.sync_once().error is None  # the server has the whole day
        grant = app.backup.authorise_restore(app.auth.login(*TECH))
        app.close()
        d = app.settings.data_dir
        svc = backup_service(app.settings, clock, lambda: "x")
        plan = svc.plan_restore(backup)
        assert plan.losses.sent > 0 and plan.losses.server_rows > 0 and not plan.losses.unsent
        report = svc.restore(backup, grant=grant, force=True, confirm=True)
        assert report.held
        with contextlib.closing(sqlite3.connect(d / "outlet.db")) as conn:  # before any pass
            said = conn.execute("select value from meta where key = 'sync_last_error'").fetchone()
        assert "confirm-restore" in said[0]  # what the status bar and sync status show
        s = run(d, "sync", "--once")
        assert s.returncode != 0 and "confirm-restore" in (s.stdout + s.stderr), (s.stdout,
                                                                                 s.stderr)
        doc = {r.check: r for r in doctor_for(app.settings, clock).run()}
        assert doc["backup"].status == "fail" and "confirm-restore" in doc["backup"].remedy
        again = open_app(app.settings, clock)
        try:
            assert "confirm-restore" in str(again.sync.sync_once().error.message)
            with pytest.raises(NotAllowed):
                again.backup.confirm_restore(again.auth.login(*CLERK))
            assert again.backup.confirm_restore(again.auth.login(*TECH))
            assert _audit(d / "outlet.db")[-1][:2] == (TECH[0], "restore_confirmed")
            assert again.sync.sync_once().error is None  # the rolled-back chain reaches it
        finally:
            again.close()
        listed = subprocess.run(
            [sys.executable, "-m", "outlet_pos.central.cli", "devices", "list", "--db",
             srv.db_url], capture_output=True, text=True, timeout=60,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert listed.returncode == 0, listed.stderr
        assert "ROLLED BACK" in listed.stdout and "outlet 42/3" in listed.stdout, listed.stdout
        figures.faults += 1
    finally:
        srv.close()


def test_a_manager_may_restore_and_a_portable_backup_on_a_new_pc_needs_no_user(
        app, clerk, manager, tmp_path):
    assert app.backup.authorise_restore(manager).how == "login"
    book_random(app, clerk, 2)
    portable = app.backup.backup_portable(manager, tmp_path / "p.opbk", "kunci-pindah-42x")
    p = run(tmp_path / "new-pc", "restore", "--portable", "--passphrase-stdin",
            str(portable.path), stdin="kunci-pindah-42x\n")
    assert p.returncode == 0, p.stderr
    rows = _audit(tmp_path / "new-pc" / "outlet.db")
    assert rows[-1][:2] == (None, "restored") and rows[-1][2]["how"] == "passphrase"
