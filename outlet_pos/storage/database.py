"""The outlet database as a whole: create, open (upgrading the schema), units of work.

Data directory layout::

    outlet.db (+ -wal, -shm)   the encrypted SQLite database
    install.json               install id and which key store holds the master key
    keys/                      master key files (only where no OS key store exists)
    logs/                      rotating logs, never with personal data
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from ..atomic_file import write_text
from ..domain.errors import ABOUT_MISSING, AppError
from ..domain.stored_settings import CREATED_AT, INSTALL_ID
from ..i18n import Msg
from . import keys as keymod
from .db import make_engine, writer
from .keystore import KeyStore, open_keystore, resolve_kind
from .models import Meta
from .repos import SqlMeta
from .schema import current_revision, head_revision, upgrade
from .timeutil import period_of, to_iso
from .uow import SqlUnitOfWork

DB_NAME = "outlet.db"
INSTALL_NAME = "install.json"


class NotInitialised(AppError):
    """No usable outlet database in the data directory; the message says how to make one."""

    about = ABOUT_MISSING


class AlreadyInitialised(AppError):
    """``init`` refused: the data directory already holds an outlet (exit 1, as ever)."""


@dataclass(frozen=True)
class InstallInfo:
    install_id: str
    keystore: str  # file | keyring

    @classmethod
    def read(cls, data_dir: Path) -> InstallInfo:
        path = data_dir / INSTALL_NAME
        try:
            d = json.loads(path.read_text())
            return cls(d["install_id"], d["keystore"])
        except FileNotFoundError:
            raise NotInitialised(Msg(
                "no outlet database in {path}; run: outlet-pos init --outlet-number N "
                "--terminal T --manager NAME", path=data_dir)) from None
        except (ValueError, KeyError):
            raise NotInitialised(Msg("{path} is damaged; restore it from backup",
                                     path=path)) from None

    def write(self, data_dir: Path) -> None:
        # Durable: it names the key store that holds the master key.
        write_text(data_dir / INSTALL_NAME,
                   json.dumps({"install_id": self.install_id, "keystore": self.keystore}))


class Database:
    def __init__(self, data_dir: Path, clock: Callable[[], datetime]) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DB_NAME
        self.clock = clock
        self.engine: Engine | None = None
        self.keys: keymod.Keys | None = None
        self.store: KeyStore | None = None

    def _engine(self) -> Engine:
        if self.engine is None:
            self.engine = make_engine(self.path)
        return self.engine

    def create(self, keystore_kind: str, meta: dict[str, str]) -> None:
        """A new database with fresh keys. Refuses to touch an existing one."""
        if self.path.exists() or (self.data_dir / INSTALL_NAME).exists():
            raise AlreadyInitialised(Msg(
                "{path} already holds an outlet database; nothing was changed",
                path=self.data_dir))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.data_dir, 0o700)
        info = InstallInfo(secrets.token_hex(8), resolve_kind(keystore_kind))
        store = open_keystore(info.keystore, self.data_dir, info.install_id)
        try:
            engine = self._engine()
            upgrade(engine)
            now = self.clock()
            with writer(engine).begin() as conn:
                self.keys = keymod.create_all(conn, store, to_iso(now), period_of(now))
                m = SqlMeta(conn)
                for k, v in {**meta, INSTALL_ID.key: info.install_id,
                             CREATED_AT.key: to_iso(now)}.items():
                    m.set(k, v)
            info.write(self.data_dir)
        except BaseException:
            self.close()
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(str(self.path) + suffix).unlink()
            raise
        self.store = store

    def open(self) -> None:
        """Open an existing database: upgrade its schema, then unwrap its keys."""
        info = InstallInfo.read(self.data_dir)
        if not self.path.exists():
            raise NotInitialised(Msg(
                "{path} is missing although {other} is there; restore the database from "
                "backup", path=self.path, other=INSTALL_NAME))
        engine = self._engine()
        if current_revision(engine) != head_revision():
            upgrade(engine)
            # An upgrade may rewrite rows (0005 encrypts free text): the old pages leave the
            # file now, not at some later checkpoint.
            self.checkpoint()
        self.store = open_keystore(info.keystore, self.data_dir, info.install_id)
        with engine.connect() as conn:
            self.keys = keymod.load(conn, self.store)

    def uow(self, write: bool = False) -> SqlUnitOfWork:
        assert self.keys is not None and self.store is not None, "open() first"
        engine = self._engine()
        return SqlUnitOfWork(writer(engine) if write else engine, self.keys, self.store,
                             self.clock)

    def meta(self) -> dict[str, str]:
        with self._engine().connect() as conn:
            return {r.key: r.value for r in conn.execute(Meta.__table__.select())}

    def checkpoint(self) -> None:
        """Move the WAL into the main file and truncate it (after shredding)."""
        with self._engine().connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None
