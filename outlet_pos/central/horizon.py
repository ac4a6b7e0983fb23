"""The idempotency horizon: events created before it are refused, since their record is gone.

``events`` is what makes a re-sent event a ``duplicate``. ``retention prune`` deletes the
rows of events created before a month boundary (the horizon, in ``retention_horizons``);
from then on the server cannot tell a re-send of such an event from a new one, so it
refuses every event created before the horizon, with a reason, and applies nothing of it.
The comparison is on the text of ``created_at``, the same comparison the prune deletes
by, so a row deleted is always a row whose re-send is refused, whatever form the time
was sent in (the outlet sends ``to_iso``: UTC, microseconds).

Order, so that no server ever takes a pruned event for new: the prune first moves the
horizon (``advance``), and deletes under a horizon only once it has stood for
``SETTLE``; each server reads the horizon at most ``TTL`` before it uses it. A server's
transaction that still uses the older horizon began at most ``TTL`` plus its own length
after the move, long before anything under the new one is deleted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from .db import iso
from .models import RetentionHorizon

_h = RetentionHorizon.__table__
EVENTS = "events"
SETTLE = timedelta(hours=1)  # a horizon stands this long before rows under it are deleted
TTL = timedelta(seconds=60)  # how long a server uses the horizon it read
_READ = select(_h.c.before, _h.c.set_at).where(_h.c.what == bindparam("what"))


def too_old(created_at: str, before: str | None) -> str | None:
    """The reason an event created at ``created_at`` is refused, or None."""
    if before is None or created_at >= before:
        return None
    return (f"event created before {before}: the server no longer keeps the record of "
            "events that old (retention prune), so it cannot tell this one from one it "
            "applied before; nothing of it was applied")  # services/refused.py words it


def read(conn: Any, what: str = EVENTS) -> tuple[str, str] | None:
    """(horizon, when it was set), or None before the first prune."""
    row = conn.execute(_READ, {"what": what}).first()
    return None if row is None else (row.before, row.set_at)


def settled(conn: Any, now: datetime, what: str = EVENTS) -> str | None:
    """The horizon rows may be deleted under now: one that has stood for ``SETTLE``."""
    row = read(conn, what)
    if row is None or datetime.fromisoformat(row[1]) > now - SETTLE:
        return None
    return row[0]


def advance(conn: Any, before: str, now: datetime, what: str = EVENTS) -> str:
    """Move the horizon forward to ``before`` (never back: what is deleted stays deleted);
    the horizon in force after."""
    row = read(conn, what)
    if row is None:
        conn.execute(insert(_h).values(what=what, before=before, set_at=iso(now)))
        return before
    if before > row[0]:
        conn.execute(update(_h).where(_h.c.what == what).values(before=before,
                                                                 set_at=iso(now)))
        return before
    return row[0]


class Horizon:
    """One server's copy of the events horizon, read again when ``TTL`` old (by the clock
    the server stamps with): one query a minute instead of one a batch."""

    def __init__(self) -> None:
        self._before: str | None = None
        self._read_at: datetime | None = None

    def before(self, conn: Any, now: datetime) -> str | None:
        if self._read_at is None or not self._read_at <= now < self._read_at + TTL:
            row = read(conn)
            self._before, self._read_at = (row[0] if row else None), now
        return self._before
