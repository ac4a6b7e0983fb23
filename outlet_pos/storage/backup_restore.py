"""Restoring a backup file into the data directory: the storage side of the restore rules.

``SqliteRestores`` is ``SqliteBackups`` (``backup_file``: writing, opening and checking
backup files) that can also put one in place: ``plan`` opens and checks a backup and
compares it with the current database (``restore_check.losses``) without changing
anything; ``restore`` does it again, refuses when the current database changed since
the comparison the service accepted, writes the audit row and the sync hold into the
checked image (``restore_check.stamp``), sets the old database and its install file
aside and moves the image in. The database is never moved away under a live
connection (``_in_use``).
"""

from __future__ import annotations

import base64
import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from ..atomic_file import move_into_place
from ..domain.backup_records import (
    BackupError,
    RestorePlan,
    RestoreRefused,
    RestoreReport,
    RestoreStamp,
)
from ..i18n import Msg
from . import restore_check
from .backup_file import BACKUP_KEY, SqliteBackups, _tmp_name, _unlink_db
from .database import DB_NAME, INSTALL_NAME, InstallInfo, NotInitialised
from .keystore import open_keystore, resolve_kind


def _in_use(path: Path) -> bool:
    """Whether another connection holds ``path`` open: an exclusive lock cannot be had (a
    live connection keeps a shared lock on a WAL database)."""
    c = sqlite3.connect(path, timeout=0.5, isolation_level=None)
    try:
        c.execute("PRAGMA locking_mode=EXCLUSIVE")
        c.execute("BEGIN EXCLUSIVE")
        c.execute("ROLLBACK")
        return False
    except sqlite3.DatabaseError as e:  # a damaged file (what a restore is for) is not in use
        return "locked" in str(e) or "busy" in str(e)
    finally:
        c.close()


class SqliteRestores(SqliteBackups):
    """Backups of the outlet database in ``data_dir`` that can also be restored there."""

    def current_state(self) -> str:
        return restore_check.current_state(self.db_path)

    def plan(self, path: Path, passphrase: str | None) -> RestorePlan:
        """Check ``path`` and compare it with the current database; changes nothing."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = _tmp_name(self.data_dir, "plan")
        try:
            opened = self.open(path, passphrase, tmp)
            report = self.verify(opened, tmp)
            state = self.current_state()
            lost = restore_check.losses(self.db_path, tmp) if state == "readable" else None
        finally:
            _unlink_db(tmp)
        plan = RestorePlan(path=path, portable=opened.header["mode"] == "passphrase",
                           created_at=report.created_at, counts=report.counts, current=state)
        return RestorePlan(**{**plan.__dict__, "losses": lost}) if lost else plan

    def backup_login(self, path: Path, passphrase: str | None, username: str,
                     password: str) -> str | None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = _tmp_name(self.data_dir, "login")
        try:
            self.open(path, passphrase, tmp)
            return restore_check.backup_user_role(tmp, username, password)
        finally:
            _unlink_db(tmp)

    def _stamp(self, tmp: Path, manifest: dict[str, Any], stamp: RestoreStamp,
               at: datetime) -> bool:
        readable = self.current_state() == "readable"
        if (stamp.accepted is not None) != readable or (
                readable and restore_check.losses(self.db_path, tmp) != stamp.accepted):
            raise RestoreRefused(Msg("the current database changed after it was compared "
                                     "with the backup; nothing was changed. Check again"))
        return restore_check.stamp(tmp, manifest, stamp, at, self.db_path)

    def restore(self, path: Path, *, force: bool, passphrase: str | None,
                moved_at: datetime, stamp: RestoreStamp | None = None) -> RestoreReport:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.data_dir, 0o700)
        tmp = _tmp_name(self.data_dir, "restore")
        try:
            opened = self.open(path, passphrase, tmp)
            man = opened.manifest
            report = self.verify(opened, tmp)
            had_db = self.db_path.exists()
            existing = None
            with contextlib.suppress(NotInitialised):
                existing = InstallInfo.read(self.data_dir)
            # The same outlet keeps its key store; another PC uses its own (keyring or file).
            kind = existing.keystore if existing and existing.install_id == man["install_id"] \
                else resolve_kind(self.keystore_kind)
            if had_db and not force:
                raise BackupError(Msg("{path} already holds an outlet database; nothing was "
                                      "changed. Add --force to replace it (the old one is kept "
                                      "aside)", path=self.data_dir))
            if had_db and _in_use(self.db_path):
                # Moved away under a live connection, the database would go on taking that
                # program's writes in the folder set aside, seen by no one.
                raise BackupError(Msg("the outlet database in {path} is in use by a running "
                                      "Outlet POS (the counter window or the sync service); "
                                      "nothing was changed. Close it, then restore",
                                      path=self.data_dir))
            held = self._stamp(tmp, man, stamp, moved_at) if stamp is not None else False
            replaced = self._set_aside(moved_at) if had_db or existing else None
            store = open_keystore(kind, self.data_dir, man["install_id"])
            for name, b64 in ((f"master-{man['master_key_id']}", man["master_key"]),
                              (BACKUP_KEY, man.get("backup_key"))):
                if b64 and store.get(name) is None:
                    store.put(name, base64.b64decode(b64))
            move_into_place(tmp, self.db_path)
            InstallInfo(man["install_id"], kind).write(self.data_dir)  # atomic and durable
        finally:
            _unlink_db(tmp)
        return RestoreReport(**{**report.__dict__, "replaced": replaced, "held": held})

    def _set_aside(self, at: datetime) -> Path:
        aside = self.data_dir / f"replaced-{at.strftime('%Y%m%d-%H%M%S')}"
        aside.mkdir(exist_ok=True)
        for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", INSTALL_NAME):
            src = self.data_dir / name
            if src.exists():
                os.replace(src, aside / name)
        return aside
