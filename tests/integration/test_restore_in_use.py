"""A restore beside a running counter: the window's database must not be moved away under
its live connection (its writes would go on into the file set aside, unseen by anyone)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import TECH


def _restore(data_dir, backup, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OUTLET_POS_KEYSTORE": "file", "OUTLET_POS_LANG": "en"}
    p = subprocess.run([sys.executable, "-m", "outlet_pos.cli.main", "restore", str(backup),
                        "--force", "--confirm", "--data-dir", str(data_dir), "--user", TECH[0],
                        "--password-stdin", *extra], input=f"{TECH[1]}\n", capture_output=True,
                       text=True, env=env, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def test_restore_refuses_while_the_database_is_open_elsewhere(app, clerk, example_order,
                                                              tmp_path):
    app.booking.book(clerk, example_order)
    info = app.backup.backup(tmp_path / "b.opbk")
    db = app.db.path
    before = (os.stat(db).st_ino, os.stat(str(db) + "-wal").st_ino)
    p = _restore(app.settings.data_dir, info.path)
    assert p.returncode == 2 and "in use" in p.stderr, (p.stdout, p.stderr)  # as "already holds"
    assert (os.stat(db).st_ino, os.stat(str(db) + "-wal").st_ino) == before
    assert not list(app.settings.data_dir.glob("replaced-*"))
    waybill = app.booking.book(clerk, {**example_order, "service": "YES"}).waybill
    app.close()  # the window closed: now the restore goes ahead (the unsent booking saved)
    p = _restore(app.settings.data_dir, info.path, "--export-unsent",
                 str(tmp_path / "unsent.opbk"))
    assert p.returncode == 0, p.stderr
    assert list(app.settings.data_dir.glob("replaced-*"))
    assert waybill


def test_restore_over_a_damaged_database_still_goes_ahead(app, clerk, example_order,
                                                          tmp_path):
    app.booking.book(clerk, example_order)
    info = app.backup.backup(tmp_path / "b.opbk")
    app.close()
    db = app.db.path
    for suffix in ("-wal", "-shm"):
        if os.path.exists(str(db) + suffix):
            os.unlink(str(db) + suffix)
    db.write_bytes(b"this is no database at all " * 200)  # nothing holds it now
    p = _restore(app.settings.data_dir, info.path)
    assert p.returncode == 0, p.stderr
