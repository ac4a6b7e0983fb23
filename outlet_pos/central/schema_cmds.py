"""``outlet-pos-central db current|upgrade`` (the central database's schema revision) and
``retention prune`` (its growth: docs/central-data.md).

Every other command (``serve`` first) brings the schema to this code's head on its own
(``db.make_engine``); these two let an operator look first and upgrade on purpose, in a
quiet hour, before starting the new servers. ``current`` never changes the database.
They take ``--db`` like the other commands but build no engine before they run, which
every other command's context would do (and upgrade on the way).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from . import migrations
from .db import open_engine

DEFAULT_DB = "sqlite:///central.db"  # as cli.DEFAULT_DB


def _url(a: argparse.Namespace) -> str:
    return str(a.db_url)


def _look(url: str) -> tuple[str | None, bool]:
    """(the revision, whether there are tables), changing nothing."""
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return migrations.current_revision(engine), bool(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _current(_ctx: Any, a: argparse.Namespace) -> int:
    parsed = make_url(_url(a))
    if parsed.get_backend_name() == "sqlite" and parsed.database and \
            not Path(parsed.database).exists():  # connecting would create the file
        print(f"no database at {parsed.database}: the first command creates it")
        return 1
    current, tables = _look(_url(a))
    head = migrations.head_revision()
    if current is None:
        state = ("empty: the first command creates it at head" if not tables else
                 "made before migrations: the first command (or db upgrade) upgrades it")
        print(f"schema: none ({state}); this server's head: {head}")
    elif current == head:
        print(f"schema: {current} (head)")
    elif current in migrations.revisions():
        print(f"schema: {current}; this server's head: {head} (db upgrade brings it there)")
    else:
        print(f"schema: {current}, newer than this server (head {head}): run the newer one")
        return 1
    return 0


def _upgrade(_ctx: Any, a: argparse.Namespace) -> int:
    engine = open_engine(_url(a))
    try:
        done = migrations.prepare(engine)  # under the lock; or SchemaTooNew
        after = migrations.current_revision(engine)
    finally:
        engine.dispose()
    print(f"schema: {after} ({done})")
    return 0


def register_db(sub: Any) -> None:
    """Add ``db current`` and ``db upgrade`` to the ``outlet-pos-central`` subcommands."""
    db = sub.add_parser("db", help="the central database's schema").add_subparsers(
        dest="sub", required=True)
    for name, func, what in (
            ("current", _current, "print the schema revision (changes nothing)"),
            ("upgrade", _upgrade, "create or upgrade the schema to this server's head")):
        p = db.add_parser(name, help=what)
        # its own dest: the common --db would make the CLI build (and upgrade) an engine first
        p.add_argument("--db", dest="db_url",
                       default=os.environ.get("OUTLET_POS_CENTRAL_DB", DEFAULT_DB),
                       help="SQLAlchemy URL, as the other commands take")
        p.set_defaults(func=func)


def _prune(ctx: Any, a: argparse.Namespace) -> int:
    from . import retention
    from .db import utc_now

    event_months = retention.default_event_months() if a.event_months is None \
        else a.event_months
    tracking_months = retention.default_months() if a.tracking_months is None \
        else a.tracking_months
    r = retention.prune(ctx.engine, utc_now, event_months, tracking_months)
    deleted = (f"{r.events} deleted (created before {r.deleted_before})" if r.deleted_before
               else "none deleted yet: the horizon must stand an hour first; run again later")
    print(f"events: refused when created before {r.horizon}; {deleted}\n"
          f"tracking: {r.tracking} rows deleted (before {r.tracking_before})")
    return 0


def register_prune(retention_sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``retention prune`` beside ``retention run``."""
    from . import retention

    p = retention_sub.add_parser(
        "prune", parents=[common], help="delete events and tracking rows of months past "
        "their periods (run daily; events created before the horizon are refused)")
    p.add_argument("--event-months", type=int, help="months of events kept (default: "
                   f"${retention.EVENT_MONTHS_ENV} or {retention.DEFAULT_EVENT_MONTHS}; "
                   f"at least {retention.MIN_EVENT_MONTHS})")
    p.add_argument("--tracking-months", type=int, help="months of tracking kept (default: "
                   f"${retention.MONTHS_ENV} or {retention.DEFAULT_MONTHS})")
    p.set_defaults(func=_prune)
