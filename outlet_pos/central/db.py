"""The central database: engine, schema creation, the clock, time stamps, and the
statements that take a whole batch at once.

SQLite (one machine; WAL, ``BEGIN IMMEDIATE`` for writes so two instances never
deadlock) or PostgreSQL (several instances; READ COMMITTED, and the unique keys
turn a race between instances into a retryable conflict, never a duplicate).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    Row,
    Table,
    create_engine,
    event,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import DBAPIError

from .migrations import prepare

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for ``url``, its schema at this code's head (``migrations.prepare``:
    created, upgraded, or ``SchemaTooNew``). Nothing else connects at import."""
    engine = open_engine(url)
    prepare(engine)
    return engine


def open_engine(url: str) -> Engine:
    """An engine for ``url`` configured as the server uses it, the schema untouched (``db
    current`` looks with it; everything else wants ``make_engine``)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        # "?prepare_threshold=none" on a URL through PgBouncer's transaction pooling: psycopg
        # prepares no statement (the next transaction may run on another server connection).
        threshold = parsed.query.get("prepare_threshold")
        connect_args = {} if threshold is None else {
            "prepare_threshold": None if str(threshold).lower() == "none" else int(str(threshold))}
        # No pre-ping (a round trip on every checkout, 1 of a one-event upload's 15): a
        # dropped connection fails its first statement, SQLAlchemy then renews the whole
        # pool, and the request is a retryable 503 (app.py, ``database_lost``).
        engine = create_engine(parsed.difference_update_query(["prepare_threshold"]),
                               connect_args=connect_args, pool_pre_ping=False, pool_size=5,
                               max_overflow=10)
    return engine


def _own(table: Table, names: tuple[str, ...]) -> tuple[str, ...]:
    """``names`` if each is a column of ``table`` (KeyError if not): only our models'
    names are ever written into SQL text."""
    return tuple(table.c[n].name for n in names)


# The batch statements are driver SQL, run with exec_driver_sql: SQLAlchemy's compile and
# per-row parameter processing cost more than the statements. On PostgreSQL a look-up's
# list is one parameter sent in binary (%b): psycopg's text form of an array escapes every
# element with a regular expression, ~0.2 ms per row of a shipment. An insert's rows go as
# one JSON text (orjson, in C) that PostgreSQL reads with json_populate_recordset: psycopg
# dumped the binary arrays of a batch's 20 columns element by element in Python (about 10 %
# of a 300-event batch's serve CPU). No text can hold a NUL here: the bodies' bounds refuse it.

@lru_cache(maxsize=64)
def _insert_sql(table: Table, columns: tuple[str, ...], dialect: Dialect) -> str:
    columns = _own(table, columns)
    if dialect.name == "postgresql":
        names = ", ".join(columns)
        return (f"INSERT INTO {table.name} ({names}) SELECT {names} "  # noqa: S608
                f"FROM json_populate_recordset(NULL::{table.name}, %(rows)s::json)")
    return (f"INSERT INTO {table.name} ({', '.join(columns)}) "  # noqa: S608 - our names
            f"VALUES ({', '.join('?' * len(columns))})")


def _bytea(value: Any) -> str:
    if isinstance(value, bytes):
        return "\\x" + value.hex()  # bytea's text form
    raise TypeError(type(value).__name__)


def text_array(values: list[str]) -> str:
    """``values`` as PostgreSQL's array literal (``{"a","b"}``), for a ``%(name)s::VARCHAR[]``
    parameter: psycopg's list dumper looks at every element's type to choose how to send
    it, about 8 us a list here; this is one string, sent as text. Every element is quoted,
    backslash and double quote escaped, so none is read as NULL or splits the list; a NUL
    is refused by PostgreSQL as in any text (the batch's model keeps them out)."""
    return "{" + ",".join(['"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
                           for v in values]) + "}"


def _json_rows(rows: list[dict[str, Any]]) -> str:
    return orjson.dumps(rows, default=_bytea).decode()


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) in one statement.

    On PostgreSQL one ``INSERT … SELECT FROM json_populate_recordset(rows as JSON)``: a
    fixed text that the server plans once, where executemany sends and converts each row
    (bytes as bytea's ``\\x`` hex text). On SQLite the driver's executemany (its loop is C)
    with plain tuples."""
    if not rows:
        return
    columns = tuple(rows[0])
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_insert_sql(table, columns, conn.dialect),
                             {"rows": _json_rows(rows)})
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql(_insert_sql(table, columns, conn.dialect),
                             [tuple(r[c] for c in columns) for r in rows])
    else:
        conn.execute(insert(table), rows)


@lru_cache(maxsize=64)
def _together_sql(parts: tuple[tuple[Table, tuple[str, ...]], ...], ctes: str, select: str,
                  dialect: Dialect) -> str:
    inserts = [f"i{i} AS ({_insert_sql(table, columns, dialect)})".replace("%(", f"%(i{i}_")
               for i, (table, columns) in enumerate(parts)]
    tail = _driver_text(f"{ctes} {select}" if ctes else select, "postgresql")
    if not inserts:
        return f"WITH {tail}" if ctes else tail
    return f"WITH {', '.join(inserts)}{', ' if ctes else ' '}{tail}"


def insert_together(conn: Connection, parts: list[tuple[Table, list[dict[str, Any]]]],
                    ctes: str = "", select: str = "SELECT 1",
                    params: dict[str, Any] | None = None) -> tuple[Any, ...]:
    """PostgreSQL: every table's ``rows`` (``insert_rows``' statement each) and our fixed
    ``ctes`` and ``select`` (``:name`` parameters ``params``) in **one** statement and round
    trip, as data-modifying CTEs; the select's one row. psycopg's client side costs about
    0.1 ms per statement, which a one-event upload paid for each of its inserts."""
    wanted = [(table, rows) for table, rows in parts if rows]
    values: dict[str, Any] = dict(params or {})
    for i, (_table, rows) in enumerate(wanted):
        values[f"i{i}_rows"] = _json_rows(rows)
    sql = _together_sql(tuple((t, tuple(rows[0])) for t, rows in wanted), ctes, select,
                        conn.dialect)
    (row,) = pg_rows(conn, sql, values)
    return row


def pg_rows(conn: Connection, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """PostgreSQL: driver SQL ``sql`` (psycopg's ``%(name)s``) that returns rows, on the
    connection's own psycopg cursor, in its transaction; the rows.

    A one-event upload's three statements paid ~0.2 ms each in SQLAlchemy's execution
    context and result set-up around psycopg's own work. What SQLAlchemy would do still
    happens: ``before_cursor_execute`` listeners hear the statement, a driver error is
    raised as SQLAlchemy's (``IntegrityError`` for a unique key, so a race is still a
    ``Conflict``), and a lost connection invalidates the pool (a retryable 503)."""
    dbapi: Any = conn.connection.dbapi_connection  # psycopg's, whose cursor closes on exit
    assert dbapi is not None
    with dbapi.cursor() as cursor:
        if conn.dispatch.before_cursor_execute:
            conn.dispatch.before_cursor_execute(conn, cursor, sql, params, None, False)
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()  # (``description`` would build a Column per column)
        except conn.dialect.loaded_dbapi.Error as e:
            lost = conn.dialect.is_disconnect(e, dbapi, cursor)
            if lost:
                conn.invalidate(e)
            raise DBAPIError.instance(sql, None, e, conn.dialect.loaded_dbapi.Error,
                                      hide_parameters=True, connection_invalidated=lost,
                                      dialect=conn.dialect) from e


@lru_cache(maxsize=64)
def _keyed_select(table: Table, wanted: tuple[str, ...], keys: tuple[str, ...],
                  dialect_name: str) -> str:
    wanted, keys = _own(table, wanted), _own(table, keys)
    if dialect_name == "postgresql":
        tests = [f"{k} = ANY(%({k})s::VARCHAR[])" for k in keys]
    else:  # one JSON array parameter instead of one placeholder per value
        tests = [f"{k} IN (SELECT value FROM json_each(:{k}))" for k in keys]  # noqa: S608
    return (f"SELECT {', '.join(wanted)} FROM {table.name} "  # noqa: S608 - our names
            f"WHERE {' OR '.join(tests)}")


@lru_cache(maxsize=64)
def _driver_text(sql: str, dialect_name: str) -> str:
    # ``:name`` is sqlite3's own named style; psycopg's is ``%(name)s``
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", sql) if dialect_name == "postgresql" else sql


def run_sql(conn: Connection, sql: str, params: dict[str, Any]) -> CursorResult[Any]:
    """Our fixed statement ``sql`` (``:name`` parameters) run as driver SQL on SQLite and
    PostgreSQL: a request's few small statements cost less than SQLAlchemy's compile cache
    look-up of each (its cache key), which a one-event upload paid several times."""
    if conn.dialect.name in ("postgresql", "sqlite"):
        return conn.exec_driver_sql(_driver_text(sql, conn.dialect.name), params)
    return conn.execute(text(sql), params)


def select_where_in(conn: Connection, table: Table, wanted: tuple[str, ...],
                    **keys: list[str]) -> list[Row[*tuple[Any, ...]]]:
    """``SELECT wanted FROM table WHERE k1 IN keys[k1] OR k2 IN …`` with each list bound as
    one parameter (an array on PostgreSQL, JSON on SQLite), so the text is the same for any
    number of values: planned once, not once per list length."""
    if conn.dialect.name not in ("postgresql", "sqlite"):
        test = or_(*(table.c[k].in_(v) for k, v in keys.items()))
        return list(conn.execute(select(*(table.c[w] for w in wanted)).where(test)).all())
    sql = _keyed_select(table, wanted, tuple(keys), conn.dialect.name)
    if conn.dialect.name == "postgresql":
        params: dict[str, Any] = {k: text_array(v) for k, v in keys.items()}
    else:
        params = {k: orjson.dumps(v).decode() for k, v in keys.items()}
    return list(conn.exec_driver_sql(sql, params).all())
