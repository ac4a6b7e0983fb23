"""Statements on the booking hot path, compiled once from the table models to SQL text.

SQLAlchemy's per-execute bookkeeping (~0.1 ms a statement) was most of a
booking's cost beside the commit (benchmarks/bench_booking.py). These run on
the DBAPI cursor of the unit of work's own connection, inside its transaction,
so atomicity is unchanged; the SQL still comes from the models, never by hand.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

_DIALECT = sqlite.dialect(paramstyle="named")
_POSITIONAL = sqlite.dialect(paramstyle="qmark")


def compile_named(stmt: ClauseElement, literal: bool = False) -> str:
    """SQL text with ``:name`` parameters, for sqlite3's named paramstyle.

    ``literal`` renders constant binds (such as LIMIT 1) inline.
    """
    kw = {"literal_binds": True} if literal else {}
    return str(stmt.compile(dialect=_DIALECT, compile_kwargs=kw))


def compile_positional(stmt: ClauseElement) -> tuple[str, tuple[str, ...]]:
    """SQL text with ``?`` parameters and the names they stand for, in order: sqlite3 binds
    a tuple by position several times faster than a dict by name (a booking's INSERT has
    forty)."""
    compiled = stmt.compile(dialect=_POSITIONAL)
    assert isinstance(compiled, SQLCompiler)
    return str(compiled), tuple(compiled.positiontup or ())


def cursor(conn: Connection) -> Any:
    """The raw sqlite3 cursor of ``conn`` (same connection, same transaction)."""
    # dbapi_connection is the driver's for sqlite3: one property fewer per statement
    return conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
