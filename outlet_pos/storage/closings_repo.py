"""Day closings of this terminal, numbered 1, 2, 3…; a reopened closing stays, marked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from .hotpath import compile_named, cursor
from .models import DayClosing

_dc = DayClosing.__table__
# Every quote and booking asks whether today is closed: compiled once (hotpath.py).
_FOR_DATE = compile_named(
    select(_dc).where(_dc.c.terminal == bindparam("terminal"),
                      _dc.c.business_date == bindparam("day"), _dc.c.reopened_at.is_(None))
    .order_by(_dc.c.sequence.desc()))  # fetchone(): the newest; a date has few rows


class SqlClosings:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def last(self, terminal: int) -> dict[str, Any] | None:
        r = self._conn.execute(select(_dc).where(_dc.c.terminal == terminal)
                               .order_by(_dc.c.sequence.desc()).limit(1)).first()
        return dict(r._mapping) if r else None

    def for_date(self, terminal: int, business_date: str) -> dict[str, Any] | None:
        """The closing in force for the date: the newest one not reopened."""
        cur = cursor(self._conn)
        r = cur.execute(_FOR_DATE, {"terminal": terminal, "day": business_date}).fetchone()
        return dict(zip((d[0] for d in cur.description), r, strict=True)) if r else None

    def history(self, terminal: int, business_date: str) -> list[dict[str, Any]]:
        """Every closing of the date, reopened ones included, oldest first."""
        rows = self._conn.execute(
            select(_dc).where(_dc.c.terminal == terminal, _dc.c.business_date == business_date)
            .order_by(_dc.c.sequence)).all()
        return [dict(r._mapping) for r in rows]

    def add(self, row: dict[str, Any]) -> None:
        self._conn.execute(insert(_dc).values(**row))

    def reopen(self, terminal: int, sequence: int, at: str, by: str, reason: str) -> None:
        self._conn.execute(update(_dc).where(_dc.c.terminal == terminal,
                                             _dc.c.sequence == sequence)
                           .values(reopened_at=at, reopened_by=by, reopen_reason=reason))
