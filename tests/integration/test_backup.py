"""Backups: restored elsewhere they give the same shipments, decryptable; taken while another
connection writes they are consistent; tampered ones are refused; rotation keeps 7 + 4."""

from __future__ import annotations

import sqlite3
import struct
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from outlet_pos.bootstrap import backup_service, open_app
from outlet_pos.config import Settings
from outlet_pos.domain.roles import NotAllowed
from outlet_pos.services.backup import BackupError, keep
from outlet_pos.storage.backup_file import SqliteBackups
from tests.conftest import CLERK, MANAGER, TECH
from tests.integration.test_cli import run
from tests.shipment_factory import book_random

PASS = "kunci-pindah-outlet-42"


def _shows(app, session, waybills):
    return {w: app.shipments.show(session, w) for w in waybills}


def test_portable_backup_restored_on_a_new_pc_gives_identical_decryptable_shipments(
        app, clerk, manager, tech, clock, tmp_path):
    waybills = book_random(app, clerk, 25, seed=11)
    before = _shows(app, manager, waybills)
    assert all(r.sender and r.recipient for r in before.values())
    info = app.backup.backup_portable(manager, tmp_path / "usb" / "outlet.opbk", PASS)
    assert info.portable and info.counts["shipments"] == 25
    with app.db.uow() as uow:  # keys left the PC: audited, who and which file
        audit = uow.audit.verify()
    assert audit.ok
    with sqlite3.connect(app.db.path) as c:
        row = c.execute("select actor, action from audit_log order by seq desc limit 1").fetchone()
    assert row == (MANAGER[0], "keys_exported")
    assert not (tmp_path / "usb" / "outlet.opbk.part").exists()

    new_pc = Settings(tmp_path / "new-pc" / "data", keystore="file")
    report = backup_service(new_pc, clock, lambda: "x").restore(
        tmp_path / "usb" / "outlet.opbk", passphrase=PASS)
    assert report.counts["shipments"] == 25 and report.decrypted > 0 and report.replaced is None
    moved = open_app(new_pc, clock)
    try:
        after = _shows(moved, moved.auth.login(*MANAGER), waybills)
        assert after == before
        assert moved.outlet.number == 42 and moved.outlet.terminal == 3
    finally:
        moved.close()
    assert list((new_pc.data_dir / "keys").glob("master-*.key"))


def test_daily_backup_restores_over_a_damaged_database_keeping_it_aside(
        app, clerk, manager, clock):
    waybills = book_random(app, clerk, 10, seed=5)
    before = _shows(app, manager, waybills)
    info = app.backup.backup()
    assert info.path.parent == app.settings.data_dir / "backups"
    assert info.path.name.startswith("outlet-42-3-") and info.path.suffix == ".opbk"
    app.close()
    db = app.settings.data_dir / "outlet.db"
    with db.open("r+b") as f:
        f.seek(4096)
        f.write(b"\0" * 4096)
    svc = backup_service(app.settings, clock, lambda: "x")
    with pytest.raises(BackupError) as e:  # issue 16: nobody's log-in, no restore
        svc.restore(info.path)
    assert "--user" in str(e.value)
    with pytest.raises(BackupError) as e:  # the database cannot be opened: the backup's users
        svc.restore(info.path, grant=svc.authorise_from_backup(info.path, *TECH))
    assert "--force" in str(e.value)
    p = run(app.settings.data_dir, "restore", str(info.path), "--force")
    assert p.returncode == 2 and "--user" in p.stderr
    p = run(app.settings.data_dir, "restore", str(info.path), "--force", "--user", TECH[0],
            "--password-stdin", stdin=f"{TECH[1]}\n")
    assert p.returncode == 0, p.stderr
    assert "10 shipments" in p.stdout and "kept in" in p.stdout
    aside = list(app.settings.data_dir.glob("replaced-*/outlet.db"))
    assert len(aside) == 1
    assert not list(app.settings.data_dir.glob(".*.db*"))  # no temporary copy left behind
    restored = open_app(app.settings, clock)
    try:
        assert _shows(restored, restored.auth.login(*MANAGER), waybills) == before
    finally:
        restored.close()


def test_a_tampered_or_wrong_key_backup_is_refused_clearly(app, clerk, manager, clock, tmp_path):
    book_random(app, clerk, 3)
    info = app.backup.backup()
    data = bytearray(info.path.read_bytes())
    for where in (len(data) // 2, 20):  # the sealed body, then the header in clear
        bad = bytearray(data)
        bad[where] ^= 0x01
        (tmp_path / "bad.opbk").write_bytes(bytes(bad))
        target = Settings(tmp_path / f"t{where}", keystore="file")
        svc = SqliteBackups(app.settings.data_dir)
        with pytest.raises(BackupError) as e:
            svc.open(tmp_path / "bad.opbk", None, tmp_path / "out.db")
        assert "integrity check" in str(e.value) or "damaged" in str(e.value)
        assert not (target.data_dir / "outlet.db").exists()
    portable = app.backup.backup_portable(manager, tmp_path / "p.opbk", PASS)
    target = Settings(tmp_path / "other", keystore="file")
    with pytest.raises(BackupError) as e:
        backup_service(target, clock, lambda: "x").restore(portable.path,
                                                           passphrase="salah-sekali-x")
    assert "passphrase is wrong" in str(e.value)
    with pytest.raises(BackupError) as e:  # a daily backup cannot be opened on another PC
        backup_service(target, clock, lambda: "x").restore(info.path)
    assert "portable" in str(e.value)
    assert not (target.data_dir / "outlet.db").exists()
    p = run(tmp_path / "cli-target", "restore", str(tmp_path / "bad.opbk"))
    assert p.returncode != 0 and "outlet-pos:" in p.stderr


def test_backup_taken_while_another_connection_books_is_consistent(
        app, clock, reopen, tmp_path):
    other = reopen()  # a second engine, like the CLI beside the GUI
    session = other.auth.login(*CLERK)
    stop = threading.Event()
    booked = []

    def keep_booking() -> None:
        seed = 100
        while not stop.is_set():
            booked.extend(book_random(other, session, 3, seed=seed))
            seed += 1

    writer = threading.Thread(target=keep_booking)
    writer.start()
    files = []
    try:
        while len(files) < 3:
            if len(booked) >= 3 * (len(files) + 1):
                files.append(app.backup.backup(tmp_path / f"b{len(files)}.opbk"))
            else:
                stop.wait(0.05)
    finally:
        stop.set()
        writer.join(60)
    store = SqliteBackups(app.settings.data_dir)
    counts = []
    for info in files:
        copy = tmp_path / f"{info.path.stem}.db"
        opened = store.open(info.path, None, copy)
        report = store.verify(opened, copy)  # integrity, schema, counts, keys, a canary
        with sqlite3.connect(copy) as c:
            shipments = c.execute("select count(*) from shipments").fetchone()[0]
            created = c.execute("select count(*) from outbox where kind = "
                                "'shipment.created'").fetchone()[0]
        assert shipments == created  # no shipment without its event: one transaction
        counts.append(report.counts["shipments"])
    assert counts == sorted(counts) and counts[-1] > 0


def test_portable_backup_needs_a_manager(app, clerk, tmp_path):
    with pytest.raises(NotAllowed):
        app.backup.backup_portable(clerk, tmp_path / "x.opbk", PASS)
    with pytest.raises(NotAllowed):  # issue 16: technicians restore, they take no data home
        app.backup.backup_portable(app.auth.login(*TECH), tmp_path / "x.opbk", PASS)
    with pytest.raises(BackupError):
        app.backup.backup_portable(app.auth.login(*MANAGER), tmp_path / "x.opbk", "kort")


def test_daily_schedule_and_rotation(app, clock):
    first = app.backup.backup_if_due()
    assert first is not None
    clock.advance(hours=2)
    assert app.backup.backup_if_due() is None
    for _ in range(40):  # forty days of daily backups
        clock.advance(hours=24)
        assert app.backup.backup_if_due() is not None
    names = sorted(p.name for p, _ in app.backup.existing())
    assert len(names) == 11  # 7 daily + 4 weekly


def test_keep_rule():
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    files = [(Path(f"{i}.opbk"), start + timedelta(hours=12 * i)) for i in range(120)]
    kept = keep(files)
    kept_times = sorted((t for p, t in files if p in kept), reverse=True)
    assert len(kept) == 11
    days = [t.date() for t in kept_times[:7]]
    assert len(set(days)) == 7 and days[0] == files[-1][1].date()
    weeks = {t.isocalendar()[:2] for t in kept_times[7:]}
    assert len(weeks) == 4


def test_cli_backup_and_portable_round_trip(app, tmp_path):
    app.close()
    d = app.settings.data_dir
    p = run(d, "backup")
    assert p.returncode == 0, p.stderr
    assert list((d / "backups").glob("*.opbk"))
    p = run(d, "backup", "--portable", "--to", str(tmp_path / "p.opbk"), "--user", MANAGER[0],
            "--password-stdin", "--passphrase-stdin", stdin=f"{MANAGER[1]}\n{PASS}\n")
    assert p.returncode == 0, p.stderr
    p = run(tmp_path / "new", "restore", "--portable", "--passphrase-stdin",
            str(tmp_path / "p.opbk"), stdin=f"{PASS}\n")
    assert p.returncode == 0, p.stderr
    assert "3 shipments" not in p.stdout and "0 shipments" in p.stdout


def test_chunks_cut_off_dropped_or_reordered_are_refused(app, clerk, tmp_path, monkeypatch):
    from outlet_pos.storage import backup_file

    monkeypatch.setattr(backup_file, "CHUNK", 4096)  # many chunks from a small database
    book_random(app, clerk, 5)
    info = app.backup.backup(tmp_path / "small.opbk")
    data = info.path.read_bytes()
    store = SqliteBackups(app.settings.data_dir)
    out = tmp_path / "out.db"
    store.open(info.path, None, out)  # the intact file opens
    assert store.verify(store.open(info.path, None, out), out).counts["shipments"] == 5
    (n,) = struct.unpack(">I", data[8:12])
    start = 12 + n + 8  # magic, header length, header, nonce prefix
    chunks, pos = [], start
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos + 1:pos + 5])
        chunks.append(data[pos:pos + 5 + length])
        pos += 5 + length
    assert len(chunks) > 3 and chunks[-1][:1] == b"\x01"
    head = data[:start]
    for name, body in (("cut", b"".join(chunks[:-1])),  # the final chunk is missing
                       ("dropped", b"".join(chunks[:1] + chunks[2:])),
                       ("swapped", b"".join([chunks[1], chunks[0], *chunks[2:]])),
                       ("trailing", b"".join(chunks) + b"x"),
                       ("truncated", b"".join(chunks)[:-10])):
        bad = tmp_path / f"{name}.opbk"
        bad.write_bytes(head + body)
        with pytest.raises(BackupError, match="integrity check"):
            store.open(bad, None, out)
