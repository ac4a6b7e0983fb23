"""Creating and upgrading the database schema with Alembic, on every start.

An existing database from an older version is upgraded in place before the app
uses it; a database newer than this app is refused rather than misread.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

from ..domain.errors import ABOUT_SCHEMA, AppError
from ..i18n import Msg

_SCRIPTS = str(Path(__file__).with_name("migrations"))


class SchemaTooNew(AppError):
    """The database was made by a newer Outlet POS: this one must not touch it."""

    about = ABOUT_SCHEMA


def _config() -> Config:
    from alembic.config import Config  # Alembic loads only to upgrade (~0.15 s of start-up)

    cfg = Config()
    cfg.set_main_option("script_location", _SCRIPTS)
    return cfg


def head_revision() -> str:
    """The newest migration's id, read from the files (they form one line: 0001, 0002…)."""
    ids = []
    for path in (Path(_SCRIPTS) / "versions").glob("*.py"):
        m = re.search(r'^revision = "([^"]+)"', path.read_text(encoding="utf-8"), re.M)
        if m:
            ids.append(m.group(1))
    return max(ids)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("select version_num from alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: this app's newest)."""
    from alembic import command
    from alembic.script import ScriptDirectory

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
