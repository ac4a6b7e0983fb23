"""Day closings of this terminal: one row per closed business date, numbered 1, 2, 3…"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select

from .models import DayClosing

_dc = DayClosing.__table__


class SqlClosings:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def last(self, terminal: int) -> dict[str, Any] | None:
        r = self._conn.execute(select(_dc).where(_dc.c.terminal == terminal)
                               .order_by(_dc.c.sequence.desc()).limit(1)).first()
        return dict(r._mapping) if r else None

    def for_date(self, terminal: int, business_date: str) -> dict[str, Any] | None:
        r = self._conn.execute(select(_dc).where(_dc.c.terminal == terminal,
                                                 _dc.c.business_date == business_date)).first()
        return dict(r._mapping) if r else None

    def add(self, row: dict[str, Any]) -> None:
        self._conn.execute(insert(_dc).values(**row))
