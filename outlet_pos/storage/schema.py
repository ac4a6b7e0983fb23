"""Creating and upgrading the database schema with Alembic, on every start.

An existing database from an older version is upgraded in place before the app
uses it; a database newer than this app is refused rather than misread.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from ..i18n import Msg

_SCRIPTS = str(Path(__file__).with_name("migrations"))


class SchemaTooNew(RuntimeError):
    pass


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", _SCRIPTS)
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: this app's newest)."""
    known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
    current = current_revision(engine)
    if current is not None and current not in known:
        raise SchemaTooNew(
            Msg("the database has schema {current}, made by a newer Outlet POS; install the "
                "newer version instead of this one", current=current)
        )
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
