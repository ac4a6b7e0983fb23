"""Doctor's backup and key findings are exact (issue 17, point 4): a backup's age only when a
backup file is there; on a corrupt database the keys are not called broken (nor a portable
restore advised) when they are fine; a lost master key that a daily backup can bring back
is named with that backup."""

from __future__ import annotations

from outlet_pos.bootstrap import doctor_for, open_app
from outlet_pos.services.doctor import FAIL, OK, WARN
from tests.conftest import TECH
from tests.integration.test_cli import run
from tests.shipment_factory import book_random


def _checks(app, clock):
    return {r.check: r for r in doctor_for(app.settings, clock,
                                           free_bytes=lambda _p: 50 * 1024**3).run()}


def test_a_recorded_time_without_a_backup_file_is_no_backup(app, clerk, clock):
    book_random(app, clerk, 1)
    info = app.backup.backup()
    assert _checks(app, clock)["backup"].finding == "last backup 0 h ago"
    info.path.unlink()  # a data directory copied without its backups, or a folder cleaned
    backup = _checks(app, clock)["backup"]
    assert backup.finding == "no backup yet" and backup.status == WARN  # a young outlet
    clock.advance(days=8)
    assert _checks(app, clock)["backup"].status == FAIL
    to = app.backup.backup(app.settings.data_dir.parent / "usb" / "b.opbk")  # a --to backup
    assert to.path.exists() and _checks(app, clock)["backup"].finding == "last backup 0 h ago"


def test_on_a_corrupt_database_the_fine_keys_do_not_fail_nor_ask_for_a_portable_restore(
        app, clerk, clock):
    book_random(app, clerk, 40)
    app.db.checkpoint()
    app.close()
    path = app.settings.data_dir / "outlet.db"
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2 - (size // 2) % 4096)
        f.write(b"\xa5" * 8192)
    results = _checks(app, clock)
    assert results["database"].status == FAIL
    keys = results["keys"]
    assert keys.status in (OK, WARN), keys
    assert "--portable" not in (keys.remedy or "") and "cannot be used" not in keys.finding


def test_a_lost_master_key_names_the_daily_backup_that_brings_it_back(app, clerk, clock):
    book_random(app, clerk, 3)
    daily = app.backup.backup().path
    app.close()
    for k in (app.settings.data_dir / "keys").glob("master-*.key"):
        k.unlink()
    keys = _checks(app, clock)["keys"]
    assert keys.status == FAIL and "master key" in keys.finding
    assert str(daily) in keys.remedy and "--portable" not in keys.remedy
    assert "brings the keys back" in keys.remedy
    daily.unlink()  # no daily backup here: only a portable one can help
    assert "--portable" in _checks(app, clock)["keys"].remedy


def test_the_remedy_for_a_lost_master_key_works_as_written(app, clerk, clock):
    book_random(app, clerk, 2)
    daily = app.backup.backup().path
    book_random(app, clerk, 1, seed=3)  # booked after the backup: listed, then given up
    app.close()
    for k in (app.settings.data_dir / "keys").glob("master-*.key"):
        k.unlink()
    d = app.settings.data_dir
    login = ("--user", TECH[0], "--password-stdin")
    p = run(d, "restore", "--force", *login, str(daily), stdin=f"{TECH[1]}\n")
    assert p.returncode == 2 and "1 shipments" in p.stdout and "--confirm" in p.stderr, p
    p = run(d, "restore", "--force", "--confirm", *login, str(daily), stdin=f"{TECH[1]}\n")
    assert p.returncode == 0, (p.stdout, p.stderr)
    assert _checks(app, clock)["keys"].status == OK  # the daily backup brought the key back
    restored = open_app(app.settings, clock)
    try:
        assert len(restored.shipments.list_day(restored.auth.login(*TECH),
                                               clock.now.date())) == 2
    finally:
        restored.close()
