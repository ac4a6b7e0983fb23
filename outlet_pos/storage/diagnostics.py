"""What ``doctor`` reads from the data directory: the database, the keys, the queue, disk, logs.

Nothing here changes the database (no schema upgrade; one write, ``keep_setting``: doctor's
last summary) and nothing raises for a damaged file: every probe returns facts for the
doctor service.
The database is opened with plain ``sqlite3`` so a file SQLAlchemy or Alembic
would choke on is still described.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..domain.doctor_facts import DbFacts, KeyFacts
from ..domain.stored_settings import BACKUP_LAST_AT
from ..i18n import Msg
from . import keys as keymod
from .crypto import TamperedData
from .database import DB_NAME, InstallInfo, NotInitialised
from .db import make_engine
from .keystore import KeyStoreError, open_keystore
from .schema import head_revision
from .users_repo import SqlUsers

BACKUP_DIR = "backups"
FreeBytes = Callable[[Path], int]


def disk_free(path: Path) -> int:
    """Free bytes on the drive holding ``path`` (its nearest existing parent)."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return shutil.disk_usage(path).free


def known_revisions() -> tuple[str, ...]:
    versions = Path(__file__).with_name("migrations") / "versions"
    out = []
    for p in versions.glob("*.py"):
        m = re.search(r'^revision = "([^"]+)"', p.read_text(encoding="utf-8"), re.M)
        if m:
            out.append(m.group(1))
    return tuple(sorted(out))


class LocalProbe:
    """Facts about one data directory. Each method stands alone and catches its own errors."""

    def __init__(self, data_dir: Path, free_bytes: FreeBytes = disk_free) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / DB_NAME
        self._free_bytes = free_bytes

    def _connect(self) -> sqlite3.Connection:
        # Read-only: doctor never creates or changes the database it examines.
        return sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=2)

    def database(self) -> DbFacts:
        head = head_revision()
        if not self.db_path.exists():
            return DbFacts(exists=False, head=head)
        try:
            with contextlib.closing(self._connect()) as c:
                rows = [r[0] for r in c.execute("PRAGMA integrity_check(20)")]
                problems = tuple(r for r in rows if r != "ok")
                revision = None
                with contextlib.suppress(sqlite3.DatabaseError):
                    revision = c.execute("select version_num from alembic_version").fetchone()
                    revision = revision[0] if revision else None
        except sqlite3.DatabaseError as e:
            reason = _sqlite_reason(e)
            return DbFacts(exists=True, unreadable=reason, head=head,
                           locked="locked" in reason or "busy" in reason)
        return DbFacts(exists=True, problems=problems, revision=revision, head=head,
                       known_revisions=known_revisions())

    def meta(self) -> dict[str, str]:
        if not self.db_path.exists():
            return {}
        with contextlib.closing(self._connect()) as c:
            return dict(c.execute("select key, value from meta").fetchall())

    def keys(self) -> KeyFacts:
        try:
            info = InstallInfo.read(self.data_dir)
            store = open_keystore(info.keystore, self.data_dir, info.install_id)
        except (NotInitialised, KeyStoreError, ValueError) as e:
            return KeyFacts(store="-", problem=_first(e))
        if not self.db_path.exists():
            return KeyFacts(store=store.description, problem=Msg("the database is missing"))
        engine = make_engine(self.db_path)
        try:
            with engine.connect() as conn:
                keys = keymod.load(conn, store)
                checked = 0
                row = conn.exec_driver_sql(
                    "select id, key_id, sender_name_ct from shipments where "
                    "personal_destroyed_at is null and sender_name_ct is not null "
                    "order by booked_at desc limit 1").first()
                if row is not None:
                    cipher = keys.ciphers.get(row.key_id)
                    if cipher is None:
                        return KeyFacts(store=store.description,
                                        problem=Msg("the data key of the newest shipment is "
                                                    "missing"))
                    cipher.decrypt(row.sender_name_ct, "shipments", "sender_name_ct", row.id)
                    checked = 1
                edited = tuple(u.username for u in SqlUsers(conn, keys).all() if not u.intact)
                return KeyFacts(store=store.description, rows_checked=checked,
                                edited_users=edited)
        except (KeyStoreError, TamperedData) as e:
            return KeyFacts(store=store.description, problem=_first(e))
        except Exception as e:  # a damaged database: the database check says more
            return KeyFacts(store=store.description, problem=Msg(
                "the key table cannot be read ({error})", error=type(e).__name__))
        finally:
            engine.dispose()

    def oldest_unsent(self) -> datetime | None:
        with contextlib.closing(self._connect()) as c:
            v = c.execute("select min(created_at) from outbox where status = 'pending'") \
                .fetchone()[0]
        return datetime.fromisoformat(v) if v else None

    def refused_events(self) -> int:
        with contextlib.closing(self._connect()) as c:
            return int(c.execute("select count(*) from outbox where status = 'parked'")
                       .fetchone()[0])

    def free_bytes(self) -> int:
        return self._free_bytes(self.data_dir)

    def keep_setting(self, key: str, value: str) -> None:
        """Set one ``meta`` key of the existing database (never creates a file)."""
        with contextlib.closing(sqlite3.connect(f"file:{self.db_path}?mode=rw", uri=True,
                                                timeout=2)) as c, c:
            c.execute("insert into meta (key, value) values (?, ?) on conflict (key) do "
                      "update set value = excluded.value", (key, value))

    def last_backup(self) -> datetime | None:
        """The newest of: the time recorded in the database, the newest backup file."""
        found: list[datetime] = []
        with contextlib.suppress(Exception):
            v = BACKUP_LAST_AT.read(self.meta())
            if v:
                found.append(v)
        with contextlib.suppress(OSError):
            for p in (self.data_dir / BACKUP_DIR).glob("*.opbk"):
                found.append(datetime.fromtimestamp(p.stat().st_mtime).astimezone())
        return max(found) if found else None

    def logs_writable(self) -> str | None:
        log_dir = self.data_dir / "logs"
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=log_dir, prefix=".doctor-")
            os.close(fd)
            os.unlink(name)
        except OSError as e:
            return e.strerror or type(e).__name__
        return None


def _sqlite_reason(e: sqlite3.DatabaseError) -> str:
    text = str(e)
    for known in ("malformed", "not a database", "locked", "unable to open"):
        if known in text:
            return text[:120]
    return type(e).__name__


def _first(e: BaseException) -> str:
    first = e.args[0] if e.args else ""
    return first if isinstance(first, str) else type(e).__name__
