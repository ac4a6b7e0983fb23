"""When the disk under the database fails: one clear error naming the fault and the fix.

SQLite reports a full disk, a read-only directory, a lock held by another
program and a damaged file as ``OperationalError``/``DatabaseError`` with terse
English texts. ``install`` turns them, for every statement and commit on an
engine, into a ``StorageFault`` whose message says what happened, that nothing
was saved (the transaction rolled back whole) and what to do. It is a
``DomainError``, so the CLI and the counter window show the message instead of
"unexpected error".
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from ..domain.errors import ABOUT_DAMAGED, ABOUT_LOCKED, EXIT_FAULT, DomainError
from ..i18n import Msg

DISK_FULL, READ_ONLY, LOCKED, CORRUPT, IO = "disk_full", "read_only", "locked", "corrupt", "io"

# SQLite's primary result code (extended codes carry it in their low byte) → our kind.
_BY_CODE = {
    13: DISK_FULL,   # SQLITE_FULL
    8: READ_ONLY,    # SQLITE_READONLY
    14: READ_ONLY,   # SQLITE_CANTOPEN (WAL index or database cannot be created/opened)
    5: LOCKED,       # SQLITE_BUSY
    6: LOCKED,       # SQLITE_LOCKED
    11: CORRUPT,     # SQLITE_CORRUPT
    26: CORRUPT,     # SQLITE_NOTADB
    10: IO,          # SQLITE_IOERR
}


class StorageFault(DomainError):
    """The database's disk failed; ``kind`` is disk_full, read_only, locked, corrupt or io.

    The disk's fault, not the user's input: exit code 1."""

    exit_code = EXIT_FAULT

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.about = ABOUT_LOCKED if kind == LOCKED else ABOUT_DAMAGED if kind == CORRUPT else ""


def _message(kind: str, data_dir: Path, busy_s: int) -> Msg:
    if kind == DISK_FULL:
        return Msg("the disk holding {path} is full; nothing was saved. Free some space on it "
                   "(outlet-pos doctor shows how much is left), then try again", path=data_dir)
    if kind == READ_ONLY:
        return Msg("{path} is read-only or not writable for this user; nothing was saved. "
                   "Give this user write access to it (outlet-pos doctor checks), then try "
                   "again", path=data_dir)
    if kind == LOCKED:
        return Msg("the database is locked by another program for more than {seconds} s; "
                   "nothing was saved. Close the other Outlet POS window or program using "
                   "{path}, then try again", seconds=busy_s, path=data_dir)
    if kind == CORRUPT:
        return Msg("the database in {path} is damaged; nothing was saved. Run outlet-pos "
                   "doctor, then restore the newest backup", path=data_dir)
    return Msg("the disk holding {path} failed to read or write; nothing was saved. Check "
               "the disk (outlet-pos doctor), then try again", path=data_dir)


def classify(e: BaseException, data_dir: Path, busy_s: int) -> StorageFault | None:
    """The StorageFault for a SQLite error, or None for an error that is not the disk's."""
    if not isinstance(e, sqlite3.DatabaseError) or isinstance(e, sqlite3.IntegrityError):
        return None
    code = getattr(e, "sqlite_errorcode", None)
    kind = _BY_CODE.get(code & 0xFF) if isinstance(code, int) else None
    if kind is None:
        text = str(e)
        kind = (DISK_FULL if "is full" in text else
                READ_ONLY if "readonly" in text or "unable to open" in text else
                LOCKED if "locked" in text else
                CORRUPT if "malformed" in text or "not a database" in text else None)
    if kind == IO and not os.access(data_dir, os.W_OK):
        kind = READ_ONLY  # a write refused by a read-only mount shows up as an I/O error
    return StorageFault(kind, _message(kind, data_dir, busy_s)) if kind else None


def install(engine: Engine, data_dir: Path, busy_s: int) -> None:
    """Raise a StorageFault instead of SQLite's own error for every disk fault on ``engine``."""

    def on_error(context: Any) -> None:
        fault = classify(context.original_exception, data_dir, busy_s)
        if fault is not None:
            raise fault from context.original_exception

    event.listen(engine, "handle_error", on_error)
