"""The SQL unit of work: one connection, one transaction, every repository on it.

The transaction is begun and ended on the driver's connection (``BEGIN`` … ``COMMIT``);
the repositories get SQLAlchemy's ``Connection`` on that same connection, which joins the
transaction when a Core statement runs. SQLAlchemy's own begin, commit and close were a
tenth of a booking beside the commit (benchmarks/README.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast, overload

from sqlalchemy import Connection, Engine
from sqlalchemy.pool import PoolProxiedConnection

from . import faults
from .cash_repo import SqlCash
from .closings_repo import SqlClosings
from .customer_requests_repo import SqlCustomerRequests
from .db import BUSY_TIMEOUT_MS, begin, joined
from .keys import Keys, forget_master, reload_into
from .keystore import KeyStore
from .prebookings_repo import SqlPrebookings
from .print_jobs_repo import SqlPrintJobs
from .repos import SqlAudit, SqlKeyAdmin, SqlMeta, SqlOutbox
from .shifts_repo import SqlShifts
from .shipments_repo import SqlShipments
from .sync_repo import (
    SqlAuditAcks,
    SqlDevice,
    SqlOutboxQueue,
    SqlReference,
    SqlTracking,
)
from .users_repo import SqlUsers

R = TypeVar("R")


class _repository(cached_property[R]):
    """``functools.cached_property`` without its lock: Python 3.11's takes an RLock on
    each first use, and a booking makes six repositories; a unit of work belongs to one
    thread."""

    @overload
    def __get__(self, uow: None, owner: type[Any] | None = None) -> _repository[R]: ...
    @overload
    def __get__(self, uow: object, owner: type[Any] | None = None) -> R: ...

    def __get__(self, uow: object | None, owner: type[Any] | None = None) -> R | _repository[R]:
        if uow is None:
            return self
        made: R = self.func(uow)
        uow.__dict__[self.attrname] = made  # type: ignore[index]  # found there from now on
        return made


class _OnFirstUse:
    """SQLAlchemy's Connection on the unit of work's pooled connection, made when a Core
    statement first asks for it (every attribute but ``connection`` is the Connection's).

    The booking's statements run on the driver's cursor, which ``hotpath.cursor`` finds
    through ``connection`` (the pooled connection, as ``Connection.connection`` is), so a
    booking never makes one: making it joins the engine's event dispatch, about a
    twentieth of a booking beside the commit (benchmarks/README.md)."""

    __slots__ = ("_engine", "connection", "made")

    def __init__(self, engine: Engine, pooled: PoolProxiedConnection) -> None:
        self.connection = pooled
        self._engine = engine
        self.made: Connection | None = None

    def __getattr__(self, name: str) -> Any:
        made = self.made
        if made is None:
            made = self.made = Connection(self._engine, self.connection)
        return getattr(made, name)


class SqlUnitOfWork:
    """``with uow: ...; uow.commit()``. Leaving the block without commit rolls back.

    Not thread-safe: one unit of work belongs to one thread for its short life.
    Repositories are made on first use (a booking needs six of them; making all of them
    for every transaction was a measurable part of a booking: benchmarks/README.md).
    """

    conn: Connection

    def __init__(self, engine: Engine, keys: Keys, store: KeyStore,
                 clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._joined = joined(engine)
        self._mode = engine.get_execution_options().get("sqlite_begin", "DEFERRED")
        self._keys = keys
        self._store = store
        self._clock = clock
        self._entered = False
        self._open = False  # a transaction begun and neither committed nor rolled back

    def __enter__(self) -> SqlUnitOfWork:
        if self._entered:  # entered again: the repositories made belong to the old connection
            for name in _REPOSITORIES:
                self.__dict__.pop(name, None)
        self._entered = True
        pooled = self._engine.raw_connection()
        self._driver: sqlite3.Connection = pooled.driver_connection  # type: ignore[assignment]
        try:
            begin(self._driver, self._mode)
        except BaseException:
            pooled.close()
            raise
        self._open = True
        self._lazy = _OnFirstUse(self._joined, pooled)
        # Typed as what it stands for: every use of it but ``connection`` is the Connection's.
        self.conn = cast(Connection, self._lazy)
        return self

    @_repository
    def users(self) -> SqlUsers:
        return SqlUsers(self.conn, self._keys)

    @_repository
    def shipments(self) -> SqlShipments:
        return SqlShipments(self.conn, self._keys, self._store)

    @_repository
    def outbox(self) -> SqlOutbox:
        return SqlOutbox(self.conn, self._keys, self._store)

    @_repository
    def audit(self) -> SqlAudit:
        return SqlAudit(self.conn, self._keys, self._clock, self._store)

    @_repository
    def meta(self) -> SqlMeta:
        return SqlMeta(self.conn)

    @_repository
    def keys(self) -> SqlKeyAdmin:
        return SqlKeyAdmin(self.conn, self._keys, self._store)

    @_repository
    def print_jobs(self) -> SqlPrintJobs:
        return SqlPrintJobs(self.conn)

    @_repository
    def queue(self) -> SqlOutboxQueue:
        return SqlOutboxQueue(self.conn, self._keys, self._store)

    @_repository
    def audit_acks(self) -> SqlAuditAcks:
        return SqlAuditAcks(self.conn)

    @_repository
    def device(self) -> SqlDevice:
        return SqlDevice(self.conn, self._keys, self._store)

    @_repository
    def reference(self) -> SqlReference:
        return SqlReference(self.conn)

    @_repository
    def tracking(self) -> SqlTracking:
        return SqlTracking(self.conn, self._keys, self._store)

    @_repository
    def closings(self) -> SqlClosings:
        return SqlClosings(self.conn, self._keys, self._store)

    @_repository
    def cash(self) -> SqlCash:
        return SqlCash(self.conn, self._keys, self._store)

    @_repository
    def customer_requests(self) -> SqlCustomerRequests:
        return SqlCustomerRequests(self.conn, self._keys, self._store)

    @_repository
    def prebookings(self) -> SqlPrebookings:
        return SqlPrebookings(self.conn)

    @_repository
    def shifts(self) -> SqlShifts:
        return SqlShifts(self.conn, self._keys, self._store)

    def commit(self) -> None:
        made = self._lazy.made
        if made is not None and made.in_transaction():  # a Core statement joined in
            made.commit()
        else:
            self._driver.commit()
        self._open = False
        self._keys.dirty = False
        admin: SqlKeyAdmin | None = self.__dict__.get("keys")  # made only if it was used
        if admin is not None and admin.retired_master:
            # Only now is the new master key the one on record; the old one can go.
            forget_master(self._store, admin.retired_master)
            admin.retired_master = None

    def __exit__(self, _type: object, exc: BaseException | None, _tb: object) -> None:
        try:
            if self._open:
                self._open = False
                made = self._lazy.made
                if made is not None and made.in_transaction():
                    made.rollback()
                else:
                    self._driver.rollback()
                if self._keys.dirty:
                    with self._engine.connect() as conn:
                        reload_into(conn, self._store, self._keys)
                    self._keys.dirty = False
        finally:
            made = self._lazy.made
            if made is not None:
                made.close()  # returns the pooled connection too
            else:
                self._lazy.connection.close()
        # Statements run on the raw cursor (the booking hot path) bypass the engine's
        # error hook: a disk fault among them gets its clear message here, rolled back.
        fault = faults.classify(getattr(exc, "orig", exc), self._data_dir(),
                                BUSY_TIMEOUT_MS // 1000) if exc is not None else None
        if fault is not None:
            raise fault from exc

    def _data_dir(self) -> Path:
        path = self._engine.url.database
        return Path(path).parent if path else Path(".")


_REPOSITORIES = tuple(n for n, v in vars(SqlUnitOfWork).items() if isinstance(v, _repository))
