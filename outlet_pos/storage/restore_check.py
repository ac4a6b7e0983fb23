"""What a restore would cost, who may do it, and the mark it leaves in the restored database.

The storage side of ``services.backup``'s restore rules, beside ``backup_file``
(which opens, checks and writes backup files):

- ``losses``: what the current database holds that a backup image lacks — shipments,
  voids, closings, events the server has not received and events it has — read
  through SQLite (the current file read-only, the image attached read-only), never
  with plain file I/O.
- ``current_state``: whether there is a current database, and whether it can be read.
- ``backup_user_role``: a user's password checked against the users of the image (where
  the current database cannot be opened).
- ``stamp``: the audit row of the restore and the sync hold, written into the image
  with its own audit key before it replaces anything; the server's last acknowledged
  audit row is carried over, so the next batch shows the server the rollback.
- ``backup_facts``: what doctor needs to know about the backups that exist.

Nothing here raises for a damaged current database: it is reported as such.
"""

from __future__ import annotations

import base64
import contextlib
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.backup_records import SYNC_HELD, Losses, RestoreStamp
from ..domain.stored_settings import (
    BACKUP_LAST_AT,
    BACKUP_LAST_FILE,
    BACKUP_LAST_PATH,
    OUTLET_NUMBER,
    RESTORE_UNCONFIRMED,
    SYNC_AUDIT_ACKED,
    SYNC_DEVICE_ID,
    SYNC_LAST_ERROR,
    SYNC_LAST_ERROR_AT,
    TERMINAL,
    WAYBILL_SEQUENCE_FLOOR,
)
from . import audit as chain
from . import keys as keymod
from .database import DB_NAME, InstallInfo
from .db import make_engine
from .keystore import MemoryKeyStore
from .passwords import verify_password

BACKUP_DIR = "backups"
_UNSENT = ("pending", "parked")


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)


def current_state(db_path: Path) -> str:
    """none | readable | damaged (cannot be read, or fails its integrity check)."""
    if not db_path.exists():
        return "none"
    try:
        with contextlib.closing(_ro(db_path)) as c:
            if c.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                return "damaged"
            c.execute("select count(*) from shipments").fetchone()
    except sqlite3.DatabaseError:
        return "damaged"
    return "readable"


def losses(current: Path, image: Path) -> Losses:
    """The rows of ``current`` that ``image`` lacks (waybills and counts, no personal data)."""
    with contextlib.closing(_ro(current)) as c:
        c.execute("attach database ? as b", (f"file:{image}?mode=ro",))
        lost = [r[0] for r in c.execute(
            "select waybill from main.shipments where id not in (select id from b.shipments) "
            "order by booked_at")]
        voids = [r[0] for r in c.execute(
            "select s.waybill from main.shipments s left join b.shipments t on t.id = s.id "
            "where s.status = 'void' and (t.id is null or t.status != 'void') "
            "order by s.voided_at")]
        closings = [f"{r[0]} #{r[1]}" for r in c.execute(
            "select business_date, sequence from main.day_closings c where not exists "
            "(select 1 from b.day_closings d where d.terminal = c.terminal and "
            "d.sequence = c.sequence) order by sequence")]
        marks = ",".join("?" * len(_UNSENT))
        missing = "event_id not in (select event_id from b.outbox)"
        unsent = c.execute(f"select count(*) from main.outbox where status in ({marks}) "  # noqa: S608
                           f"and {missing}", _UNSENT).fetchone()[0]
        sent = c.execute(f"select count(*) from main.outbox where status = 'sent' "  # noqa: S608
                         f"and {missing}").fetchone()[0]
        top = c.execute("select coalesce(max(seq), 0) from b.audit_log").fetchone()[0]
        audit_rows = c.execute("select count(*) from main.audit_log where seq > ?",
                               (top,)).fetchone()[0]
    server_rows = max(0, previous_acked(current) - top)
    return Losses(tuple(lost), tuple(voids), tuple(closings), unsent, sent, audit_rows,
                  server_rows)


def backup_user_role(image: Path, username: str, password: str) -> str | None:
    """The role of ``username`` in the image when ``password`` is theirs and they are not
    disabled; None otherwise (the same answer for an unknown user)."""
    with contextlib.closing(_ro(image)) as c:
        row = c.execute("select role, password_hash, disabled from users where username = ?",
                        (username,)).fetchone()
    if row is None or row[2]:
        return None
    return row[0] if verify_password(password, row[1]) else None


def _meta(c: sqlite3.Connection, key: str) -> str | None:
    with contextlib.suppress(sqlite3.DatabaseError):
        row = c.execute("select value from meta where key = ?", (key,)).fetchone()
        return row[0] if row else None
    return None


def previous_acked(current: Path) -> int:
    """The last audit row the server acknowledged, as the current database knows it."""
    if not current.exists():
        return 0
    with contextlib.suppress(sqlite3.DatabaseError), contextlib.closing(_ro(current)) as c:
        v = _meta(c, SYNC_AUDIT_ACKED.key)
        return int(v) if v and v.isdigit() else 0
    return 0




def sequence_top(current: Path, outlet: str | None, terminal: str | None) -> int:
    """The highest waybill sequence of ``outlet``/``terminal`` the current database gave
    out, or was told never to go below (an earlier restore)."""
    if not current.exists() or not outlet or not terminal:
        return 0
    with contextlib.suppress(sqlite3.DatabaseError, ValueError), \
            contextlib.closing(_ro(current)) as c:
        if (_meta(c, OUTLET_NUMBER.key), _meta(c, TERMINAL.key)) != (outlet, terminal):
            return 0  # another terminal's numbers are not this one's
        top = c.execute("select coalesce(max(sequence), 0) from shipments where outlet = ? "
                        "and terminal = ?", (int(outlet), int(terminal))).fetchone()[0]
        floor = _meta(c, WAYBILL_SEQUENCE_FLOOR.key)
        return max(top, int(floor) if floor and floor.isdigit() else 0)
    return 0


def stamp(image: Path, manifest: dict[str, Any], s: RestoreStamp, at: datetime,
          current: Path) -> bool:
    """Write the restore's audit row (and the hold) into ``image``; True when sync is held.

    The hold is set only where there is a server to hold from (the image is enrolled). The
    server's last acknowledged audit row and the highest waybill number of ``current`` are
    carried over: the server sees the rollback, and no waybill number is given twice."""
    acked_before = previous_acked(current)
    store = MemoryKeyStore({f"master-{manifest['master_key_id']}":
                   base64.b64decode(manifest["master_key"])})
    engine = make_engine(image)
    try:
        with engine.begin() as conn:
            keys = keymod.load(conn, store)

            def meta(key: str) -> str | None:
                return conn.exec_driver_sql("select value from meta where key = ?",
                                            (key,)).scalar()

            enrolled = bool(meta(SYNC_DEVICE_ID.key))
            held = s.hold and enrolled
            chain.append(conn, keys.audit_key, at=at.isoformat(), actor=s.actor,
                         action="restored", subject=None,
                         details={**s.details, "sync_held": held})
            values = {}
            top = sequence_top(current, meta(OUTLET_NUMBER.key), meta(TERMINAL.key))
            if top > int(conn.exec_driver_sql("select coalesce(max(sequence), 0) from "
                                              "shipments").scalar() or 0):
                values[WAYBILL_SEQUENCE_FLOOR.key] = WAYBILL_SEQUENCE_FLOOR.dump(top)
            acked = meta(SYNC_AUDIT_ACKED.key)
            if acked_before > (int(acked) if acked and acked.isdigit() else 0):
                values[SYNC_AUDIT_ACKED.key] = SYNC_AUDIT_ACKED.dump(acked_before)
            if held:
                values[RESTORE_UNCONFIRMED.key] = RESTORE_UNCONFIRMED.dump({
                    "at": at.isoformat(), "by": s.actor, "backup": s.details.get("backup")})
                # The status bar and sync status say why from the first start, before any pass.
                values |= {SYNC_LAST_ERROR.key: str(SYNC_HELD),
                           SYNC_LAST_ERROR_AT.key: at.isoformat()}
            for key, value in values.items():
                conn.exec_driver_sql("insert into meta(key, value) values (?, ?) on conflict"
                                     "(key) do update set value = excluded.value", (key, value))
    finally:
        engine.dispose()
    return held


# ---------------------------------------------------------------------- for doctor
def backup_facts(data_dir: Path) -> dict[str, Any]:
    """The newest backup file that still exists (in ``backups/``, or the last one written
    with ``--to``) and its time, and the newest daily backup this PC's backup key opens
    (a restore of it brings the master key back). The time recorded in the database
    counts only while the file it names is there."""
    from .backup_file import SqliteBackups, fingerprint

    found: list[tuple[datetime, Path]] = []
    with contextlib.suppress(OSError):
        for p in (data_dir / BACKUP_DIR).glob("*.opbk"):
            found.append((datetime.fromtimestamp(p.stat().st_mtime).astimezone(), p))
    at, last = _last_recorded(data_dir)
    if at is not None and last is not None and last.is_file():
        found = [(t, p) for t, p in found if p.resolve() != last.resolve()] + [(at, last)]
    found.sort(key=lambda x: x[0], reverse=True)
    backup_key = backup_key_of(data_dir)
    restorable = None
    for _, p in found:
        with contextlib.suppress(Exception), open(p, "rb") as f:
            header, _h = SqliteBackups.read_header(p, f)
            if header.get("mode") == "key" and backup_key is not None and \
                    header.get("key_fingerprint") == fingerprint(backup_key):
                restorable = p
                break
    return {"newest": found[0][0] if found else None,
            "newest_file": str(found[0][1]) if found else None,
            "restorable": str(restorable) if restorable else None}


def _last_recorded(data_dir: Path) -> tuple[datetime | None, Path | None]:
    db = data_dir / DB_NAME
    if not db.exists():
        return None, None
    with contextlib.suppress(sqlite3.DatabaseError, ValueError), contextlib.closing(_ro(db)) as c:
        at, path, name = (_meta(c, s.key) for s in (BACKUP_LAST_AT, BACKUP_LAST_PATH,
                                                     BACKUP_LAST_FILE))
        where = Path(path) if path else (data_dir / BACKUP_DIR / name if name else None)
        return (datetime.fromisoformat(at) if at else None), where
    return None, None


def backup_key_of(data_dir: Path) -> bytes | None:
    """This PC's backup key, when its key store opens (None otherwise)."""
    from .backup_file import BACKUP_KEY
    from .keystore import open_keystore

    with contextlib.suppress(Exception):  # no install, no key store: no key
        info = InstallInfo.read(data_dir)
        return open_keystore(info.keystore, data_dir, info.install_id).get(BACKUP_KEY)
    return None
