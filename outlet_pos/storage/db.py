"""Engine creation with the durability settings every connection must have.

WAL with ``synchronous=FULL`` makes a commit durable before the clerk sees a
waybill number. Write transactions start with ``BEGIN IMMEDIATE`` so two
processes (GUI and CLI) never deadlock upgrading a read lock; ``secure_delete``
overwrites deleted personal data instead of leaving it in free pages.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from . import faults

BUSY_TIMEOUT_MS = 5000
#: The durability every connection gets (the booking benchmark's bare baseline runs the same).
PRAGMAS = (f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}", "PRAGMA journal_mode=WAL",
           "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA secure_delete=ON")
#: ``sqlite_begin`` of a connection whose transaction was begun on its driver (``begin``),
#: followed by the mode it began in.
JOINED = "JOINED"


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # We issue BEGIN ourselves (see _on_begin); pysqlite's implicit BEGIN is off.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        for pragma in PRAGMAS:
            cur.execute(pragma)
    except sqlite3.DatabaseError as e:  # a read-only, locked or damaged file: say so
        raise faults.classify(e, _data_dir(dbapi_conn), BUSY_TIMEOUT_MS // 1000) or e from e
    finally:
        cur.close()


def _data_dir(dbapi_conn: sqlite3.Connection) -> Path:
    row = dbapi_conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).parent if row and row[2] else Path(".")


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    dbapi = conn.connection.driver_connection
    if mode.startswith(JOINED):
        if dbapi.in_transaction:  # a unit of work's: it began the transaction itself
            return
        # A Core statement after the unit of work committed: a transaction of its own in
        # the same mode, rolled back when the unit of work closes (as before).
        mode = mode.removeprefix(JOINED).strip()
    begin(dbapi, mode)


def begin(dbapi: sqlite3.Connection, mode: str) -> None:
    """``BEGIN <mode>`` on the driver's connection: SQLAlchemy's bookkeeping around it was
    most of an empty transaction's cost (benchmarks/bench_booking.py). A disk fault keeps
    its message."""
    try:
        dbapi.execute(f"BEGIN {mode}")
    except sqlite3.DatabaseError as e:
        fault = faults.classify(e, _data_dir(dbapi), BUSY_TIMEOUT_MS // 1000)
        if fault is None:
            raise
        raise fault from e


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path``. Nothing connects until first use."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    faults.install(engine, path.parent, BUSY_TIMEOUT_MS // 1000)  # clear disk-fault errors
    return engine


@functools.lru_cache(maxsize=16)  # one per engine: making it cost ~25 us a transaction
def writer(engine: Engine) -> Engine:
    """The same engine, but transactions take the write lock at BEGIN."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


@functools.lru_cache(maxsize=16)
def joined(engine: Engine) -> Engine:
    """The same engine, for a Connection whose transaction its owner began (``begin``)."""
    mode = engine.get_execution_options().get("sqlite_begin", "DEFERRED")
    return engine.execution_options(sqlite_begin=f"{JOINED} {mode}")
