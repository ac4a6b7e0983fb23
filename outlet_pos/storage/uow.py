"""The SQL unit of work: one connection, one transaction, every repository on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, RootTransaction

from . import faults
from .cash_repo import SqlCash
from .closings_repo import SqlClosings
from .db import BUSY_TIMEOUT_MS
from .keys import Keys, forget_master, reload_into
from .keystore import KeyStore
from .print_jobs_repo import SqlPrintJobs
from .repos import SqlAudit, SqlKeyAdmin, SqlMeta, SqlOutbox
from .shipments_repo import SqlShipments
from .sync_repo import (
    SqlAuditAcks,
    SqlDevice,
    SqlOutboxQueue,
    SqlReference,
    SqlSync,
    SqlTracking,
)
from .users_repo import SqlUsers


class SqlUnitOfWork:
    """``with uow: ...; uow.commit()``. Leaving the block without commit rolls back.

    Not thread-safe: one unit of work belongs to one thread for its short life.
    """

    conn: Connection
    _tx: RootTransaction

    def __init__(self, engine: Engine, keys: Keys, store: KeyStore,
                 clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._keys = keys
        self._store = store
        self._clock = clock
        path = engine.url.database
        self._data_dir = Path(path).parent if path else Path(".")

    def __enter__(self) -> SqlUnitOfWork:
        self.conn = self._engine.connect()
        try:
            self._tx = self.conn.begin()
        except Exception:
            self.conn.close()
            raise
        self.users = SqlUsers(self.conn, self._keys)
        self.shipments = SqlShipments(self.conn, self._keys, self._store)
        self.outbox = SqlOutbox(self.conn, self._keys, self._store)
        self.audit = SqlAudit(self.conn, self._keys, self._clock, self._store)
        self.meta = SqlMeta(self.conn)
        self.keys = SqlKeyAdmin(self.conn, self._keys, self._store)
        self.print_jobs = SqlPrintJobs(self.conn)
        self.queue = SqlOutboxQueue(self.conn, self._keys, self._store)
        self.audit_acks = SqlAuditAcks(self.conn)
        self.device = SqlDevice(self.conn, self._keys, self._store)
        self.reference = SqlReference(self.conn)
        self.tracking = SqlTracking(self.conn, self._keys, self._store)
        self.sync = SqlSync(self.queue, self.audit_acks, self.device, self.reference,
                            self.tracking)
        self.closings = SqlClosings(self.conn, self._keys, self._store)
        self.cash = SqlCash(self.conn, self._keys, self._store)
        return self

    def commit(self) -> None:
        self._tx.commit()
        self._keys.dirty = False
        if self.keys.retired_master:
            # Only now is the new master key the one on record; the old one can go.
            forget_master(self._store, self.keys.retired_master)
            self.keys.retired_master = None

    def __exit__(self, _type: object, exc: BaseException | None, _tb: object) -> None:
        try:
            if self._tx.is_active:
                self._tx.rollback()
                if self._keys.dirty:
                    with self._engine.connect() as conn:
                        reload_into(conn, self._store, self._keys)
                    self._keys.dirty = False
        finally:
            self.conn.close()
        # Statements run on the raw cursor (the booking hot path) bypass the engine's
        # error hook: a disk fault among them gets its clear message here, rolled back.
        fault = faults.classify(getattr(exc, "orig", exc), self._data_dir,
                                BUSY_TIMEOUT_MS // 1000) if exc is not None else None
        if fault is not None:
            raise fault from exc
