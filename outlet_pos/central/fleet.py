"""Fleet health: each device's last report kept (one row per device), and the fleet's state.

``record`` overwrites a device's row (an upsert: the table never grows with uploads);
``HealthRecorder`` is what the upload route calls with a batch's ``health``: it checks
the report apart from the batch (a bad one is logged and dropped, the events are applied
all the same), takes it only when something an operator looks at changed or once a
``refresh`` per device, and writes what it took every ``FLUSH_EVERY`` in one statement:
per upload a few microseconds, not a transaction. ``fleet_status`` lists the terminals
with their problems.

Nothing here is personal: counts, codes, versions and check names (``protocol.health``).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, func, or_, select
from sqlalchemy.engine import Dialect

from ..protocol.health import HealthReport, parse_report, version_key
from .db import Clock, iso
from .models import Device, Outlet, TerminalHealthRow

log = logging.getLogger("outlet_pos.central.fleet")
_h, _d, _o = TerminalHealthRow.__table__, Device.__table__, Outlet.__table__
PROBLEMS = ("silent", "parked", "doctor", "old_version", "faults")
FLUSH_EVERY = timedelta(seconds=2)  # how late a report taken may reach the table
COLUMNS = ("device_id", "received_at", "app_version", "queue_depth", "oldest_queued_s",
           "parked", "doctor_at", "doctor_failing", "faults")


@dataclass(frozen=True)
class TerminalHealth:
    outlet: str            # outlet number
    terminal: str          # terminal name/number as enrolled
    device_id: str
    app_version: str | None
    last_seen: datetime | None   # UTC: the last authenticated request (batches included)
    queue_depth: int
    oldest_queued_s: int | None  # age in seconds of the oldest unsent event at report time
    parked: int
    doctor_failing: tuple[str, ...]  # doctor check names that failed in the last run
    faults: tuple[str, ...]          # printer/storage fault codes
    problems: tuple[str, ...]        # why listed: any of "silent", "parked", "doctor", ...
    timezone: str = "Asia/Jakarta"   # the outlet's, to show last_seen in local time
    reported_at: datetime | None = None  # UTC, when the report shown was received


@lru_cache(maxsize=4)
def _upsert_sql(dialect: Dialect) -> str:
    """``INSERT … ON CONFLICT (device_id) DO UPDATE`` (PostgreSQL 9.5+, SQLite 3.24+). On
    PostgreSQL all rows in one statement, one array per column (db.py's style); on SQLite
    one row per execution (executemany: the driver's loop is C)."""
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
    if dialect.name == "postgresql":
        arrays = ", ".join(f"%({c})b::{_h.c[c].type.compile(dialect=dialect)}[]"
                           for c in COLUMNS)
        source = f"SELECT * FROM unnest({arrays})"  # noqa: S608 - our column names
    else:
        source = f"VALUES ({', '.join(f':{c}' for c in COLUMNS)})"
    return (f"INSERT INTO {_h.name} ({', '.join(COLUMNS)}) {source} "
            f"ON CONFLICT (device_id) DO UPDATE SET {updates}")


def _row(device_id: str, report: HealthReport, now: datetime) -> dict[str, Any]:
    return {"device_id": device_id, "received_at": iso(now),
            "app_version": report.app_version, "queue_depth": report.queue_depth,
            "oldest_queued_s": report.oldest_queued_s, "parked": report.parked,
            "doctor_at": report.doctor_at, "doctor_failing": ",".join(report.doctor_failing),
            "faults": ",".join(report.faults)}


def record_rows(engine: Engine, rows: list[dict[str, Any]]) -> None:
    """Upsert ``rows`` (``_row``'s, one per device) in one transaction and statement."""
    if not rows:
        return
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(_upsert_sql(conn.dialect),
                                 {c: [r[c] for r in rows] for c in COLUMNS})
        elif conn.dialect.name == "sqlite":
            conn.exec_driver_sql(_upsert_sql(conn.dialect), rows)
        else:  # pragma: no cover - the two databases the server runs on take the upsert
            conn.execute(_h.delete().where(_h.c.device_id.in_([r["device_id"] for r in rows])))
            conn.execute(_h.insert(), rows)


def record(engine: Engine, device_id: str, report: HealthReport, now: datetime) -> None:
    """Keep ``report`` as ``device_id``'s health, received ``now``."""
    record_rows(engine, [_row(device_id, report, now)])


class HealthRecorder:
    """The upload route's side: check, throttle, record in batches; never raises.

    Per process (each instance behind the load balancer on its own): a device's report is
    taken when what ``fleet_status`` judges changed (version, parked, doctor, faults), when
    its queue is emptied, or when the last one taken for it is older than ``refresh``.
    Taken reports are written together, ``flush_every`` after the first of them (at once
    when ``MAX_PENDING`` wait), so a busy process pays one statement for many uploads. The
    app flushes when it stops; a process killed loses at most ``flush_every`` of reports,
    and the terminals send theirs again with their next batches."""

    MAX_PENDING = 1000

    def __init__(self, engine: Engine, clock: Clock, refresh: timedelta = timedelta(minutes=5),
                 flush_every: timedelta | None = None, max_devices: int = 100_000) -> None:
        self._engine, self._clock = engine, clock
        self._refresh_s = refresh.total_seconds()
        self._flush_s = (FLUSH_EVERY if flush_every is None else flush_every).total_seconds()
        self._max = max_devices
        self._last: dict[str, tuple[tuple[Any, ...], float]] = {}
        self._pending: dict[str, dict[str, Any]] = {}
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def note(self, device_id: str, raw: Any) -> None:
        """``raw``: the batch's ``health`` (None from a terminal older than reports)."""
        if raw is None:
            return
        try:
            report = parse_report(raw)
        except ValueError as e:  # the field's place and the error's kind only: no values
            log.warning("device %s: health report dropped (%s)", device_id, e)
            return
        judged = (report.app_version, report.parked, report.doctor_failing, report.faults,
                  report.queue_depth == 0)  # drained: taken at once, not a stale backlog
        now_s = time.monotonic()
        with self._lock:
            seen = self._last.get(device_id)
            if seen is not None and seen[0] == judged and now_s - seen[1] < self._refresh_s:
                return
            if len(self._last) >= self._max:
                self._last.clear()  # a burst of strangers: forget, costs one write each
            self._last[device_id] = (judged, now_s)
            self._pending[device_id] = _row(device_id, report, self._clock())
            at_once = self._flush_s <= 0 or len(self._pending) >= self.MAX_PENDING
            if not at_once and self._timer is None:
                self._timer = threading.Timer(self._flush_s, self.flush)
                self._timer.daemon = True
                self._timer.start()
        if at_once:
            self.flush()

    def flush(self) -> int:
        """Write the reports taken and not yet written; how many."""
        with self._lock:
            rows, self._pending = list(self._pending.values()), {}
            if self._timer is not None:
                self._timer.cancel()  # harmless from the timer's own thread
                self._timer = None
        try:
            record_rows(self._engine, rows)
        except Exception as e:  # the batches' events are applied already: never fail them
            with self._lock:
                for r in rows:
                    self._last.pop(r["device_id"], None)  # taken again with the next batch
            log.error("%d health reports not stored (%s)", len(rows), type(e).__name__)
            return 0
        return len(rows)


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(c for c in (text or "").split(",") if c)


def _utc(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp).astimezone(UTC) if stamp else None


def _candidates(conn: Connection, silent_before: datetime,
                floor: tuple[int, ...] | None) -> ColumnElement[bool]:
    """Rows that may have a problem, so a fleet of 24,000 terminals is not all read: times
    are ``iso`` UTC text (they sort as they happen); the versions older than ``floor`` are
    found among the few the fleet runs."""
    cutoff = iso(silent_before)
    tests = [and_(func.coalesce(_d.c.last_seen, "") < cutoff,
                  func.coalesce(_h.c.received_at, "") < cutoff),
             _h.c.parked > 0, _h.c.doctor_failing != "", _h.c.faults != ""]
    if floor is not None:
        versions = conn.execute(select(_h.c.app_version).distinct()).scalars().all()
        old = [v for v in versions if version_key(v) < floor]
        tests += [_h.c.app_version.is_(None), _h.c.app_version.in_(old)]
    return or_(*tests)


def fleet_status(engine: Engine, now: datetime, *, silent_after: timedelta = timedelta(hours=24),
                 min_version: str | None = None,
                 only_problems: bool = True) -> list[TerminalHealth]:
    """Every active terminal (by outlet, then terminal) with its last report and why it is
    listed; with ``only_problems`` only those with a problem. A terminal never heard from
    after its enrolment is silent; a terminal that never reported a version is old when a
    ``min_version`` is asked for. Versions compare as numbers (1.10 > 1.9)."""
    floor = version_key(min_version) if min_version else None
    query = (select(_d.c.id, _d.c.outlet, _d.c.terminal, _d.c.last_seen, _o.c.timezone,
                    *(_h.c[c] for c in COLUMNS[1:]))
             .select_from(_d.outerjoin(_h, _h.c.device_id == _d.c.id)
                          .outerjoin(_o, _o.c.number == _d.c.outlet))
             .where(_d.c.status == "active").order_by(_d.c.outlet, _d.c.terminal))
    with engine.connect() as conn:
        if only_problems:  # the database picks the few candidates; the loop below judges
            query = query.where(_candidates(conn, now - silent_after, floor))
        rows = conn.execute(query).all()
    out = []
    for r in rows:
        reported = _utc(r.received_at)
        seen = max((t for t in (_utc(r.last_seen), reported) if t is not None), default=None)
        failing, faults = _codes(r.doctor_failing), _codes(r.faults)
        parked = int(r.parked or 0)
        problems = tuple(p for p, bad in (
            ("silent", seen is None or now - seen > silent_after),
            ("parked", parked > 0),
            ("doctor", bool(failing)),
            ("old_version", floor is not None and version_key(r.app_version) < floor),
            ("faults", bool(faults))) if bad)
        if only_problems and not problems:
            continue
        out.append(TerminalHealth(
            outlet=str(r.outlet), terminal=str(r.terminal), device_id=r.id,
            app_version=r.app_version, last_seen=seen, queue_depth=int(r.queue_depth or 0),
            oldest_queued_s=r.oldest_queued_s, parked=parked, doctor_failing=failing,
            faults=faults, problems=problems, timezone=r.timezone or "Asia/Jakarta",
            reported_at=reported))
    return out
