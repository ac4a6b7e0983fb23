"""The central database's schema: created, upgraded or refused when an engine is made.

``prepare`` is what ``db.make_engine`` runs on every start:

- a database at this code's head: one query, nothing else (Alembic is not imported);
- a brand-new empty one: ``create_all`` and ``stamp head`` (Alembic's documented idiom:
  creating the tables from the models is faster than replaying every step);
- an older one, or one an earlier server made with ``create_all`` before migrations
  existed (tables, no ``alembic_version``: the baseline c0001 creates only what is
  missing): upgraded to head;
- one newer than this code (a revision it does not know): ``SchemaTooNew``, untouched.

Creating and upgrading run under a lock, so that two server processes started together
on one database do not both do it: PostgreSQL's transaction-scoped advisory lock (DDL is
transactional there), SQLite's ``BEGIN IMMEDIATE`` (the engine's ``begin`` listener). The
second process waits, then finds the work done.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

SCRIPTS = Path(__file__).parent
log = logging.getLogger("outlet_pos.central")
# the key of the advisory lock the schema work holds: any number no other code of ours uses
PG_LOCK = 20_020_001


class SchemaTooNew(RuntimeError):
    """The database was made by a newer server: this one must not touch it."""


@cache
def revisions() -> tuple[str, ...]:
    """Every revision id, read from the files (no Alembic import: the start path)."""
    ids = []
    for path in (SCRIPTS / "versions").glob("c*.py"):
        m = re.search(r'^revision = "([^"]+)"', path.read_text(encoding="utf-8"), re.M)
        if m:
            ids.append(m.group(1))
    return tuple(sorted(ids))


def head_revision() -> str:
    """The newest revision (they form one line, c0001, c0002…, so the largest id)."""
    return revisions()[-1]


def config() -> Config:
    from alembic.config import Config  # loaded only to create, stamp or upgrade

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    return cfg


def _version(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("select version_num from alembic_version")).scalar()


def current_revision(engine: Engine) -> str | None:
    """The database's revision; None before any (empty, or made before migrations)."""
    with engine.connect() as conn:
        return _version(conn)


def _refuse_newer(current: str | None) -> None:
    if current is not None and current not in revisions():
        raise SchemaTooNew(
            f"the central database has schema {current}, made by a newer Outlet POS "
            f"server (this one knows up to {head_revision()}): run the newer server, or "
            "restore a backup made for this one")


def _locked(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK})")
    # SQLite: the transaction began with BEGIN IMMEDIATE (db.make_engine), the write lock


def _run(conn: Connection, action: str, revision: str = "head") -> None:
    from alembic import command

    cfg = config()
    cfg.attributes["connection"] = conn
    getattr(command, action)(cfg, revision)


@cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def _stamp_head(conn: Connection) -> None:
    """``alembic stamp head`` with the scripts read once per process: ``command.stamp``
    reads them at every call, which cost as much as ``create_all`` (tests make many
    databases)."""
    from alembic.migration import MigrationContext

    MigrationContext.configure(conn).stamp(_scripts(), "head")


def prepare(engine: Engine) -> str:
    """Bring ``engine``'s database to this code's head; what was done ("current",
    "created", "upgraded from X"). Raises ``SchemaTooNew``."""
    head = head_revision()
    with engine.connect() as conn:  # the common case, without the lock
        current = _version(conn)
    if current == head:
        return "current"
    _refuse_newer(current)
    with engine.begin() as conn:
        _locked(conn)
        current = _version(conn)  # again: another process may have done it meanwhile
        if current == head:
            return "current"
        _refuse_newer(current)
        if current is None and not inspect(conn).get_table_names():
            from ..models import Base

            Base.metadata.create_all(conn)
            _stamp_head(conn)
            log.info("central schema created at %s", head)
            return "created"
        _run(conn, "upgrade")
        done = f"upgraded from {current or 'before migrations'}"
        log.warning("central schema %s to %s", done, head)  # operators should see it
        return done


def upgrade(engine: Engine, revision: str = "head") -> Any:
    """Upgrade to ``revision`` (tests build an old schema with this; the server uses
    ``prepare``)."""
    with engine.begin() as conn:
        _locked(conn)
        _refuse_newer(_version(conn))
        _run(conn, "upgrade", revision)
