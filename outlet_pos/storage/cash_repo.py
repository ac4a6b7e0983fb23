"""The drawer's cash outside sales, in SQL: float, cash in and out, and day carry-overs.

A movement's reason is encrypted with the data key of the month it was recorded in
(AAD: table, column, row), so retention's crypto-shredding of that month makes it
unreadable like the customers' data; the amounts stay, for the books.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, exists, func, insert, literal_column, select
from sqlalchemy.sql.elements import ColumnClause

from ..domain.records import Movement
from .hotpath import compile_named, cursor
from .keys import Keys, cipher_for, data_key_for
from .keystore import KeyStore
from .models import CashMovement, DayCarryOver, DayClosing, Shipment
from .timeutil import period_of, to_iso

_cm = CashMovement.__table__
_co = DayCarryOver.__table__
_s = Shipment.__table__
_dc = DayClosing.__table__
T = "cash_movements"

# Every booking asks whether an earlier day was left open: compiled once (hotpath.py).
# Each table's own max() walks its index back from the day (SQLite's min/max shortcut);
# scalar max() is NULL if either side is, hence the coalesce to ''.
_EMPTY: ColumnClause[str] = literal_column("''")


def _latest(col: Any, terminal: Any) -> Any:
    return func.coalesce(select(func.max(col)).where(
        terminal == bindparam("terminal"), col < bindparam("day")).scalar_subquery(), _EMPTY)


_last = func.nullif(func.max(_latest(_s.c.business_date, _s.c.terminal),
                             _latest(_cm.c.business_date, _cm.c.terminal)), _EMPTY)
_LAST_DAY = compile_named(select(_last))
_picked = select(_last.label("d")).subquery()
#: The latest day before ``:day`` with activity on ``:terminal`` never closed nor carried
#: over (no row if none); the booking's checks read it with the others in one statement.
NEVER_CLOSED_BEFORE = select(_picked.c.d).where(
    _picked.c.d.is_not(None),
    ~exists().where(_dc.c.terminal == bindparam("terminal"), _dc.c.business_date == _picked.c.d),
    ~exists().where(_co.c.terminal == bindparam("terminal"),
                    _co.c.business_date == _picked.c.d))
_NEVER_CLOSED = compile_named(NEVER_CLOSED_BEFORE)


class SqlCash:
    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn, self._keys, self._store = conn, keys, store

    def add(self, row_id: str, terminal: int, business_date: str, kind: str, amount: int,
            at: datetime, by: str, reason: str | None) -> None:
        now = to_iso(at)
        key_id = data_key_for(self._conn, self._store, self._keys, period_of(at), now)
        blob = (self._keys.ciphers[key_id].encrypt(reason, T, "reason_ct", row_id)
                if reason else None)
        self._conn.execute(insert(_cm).values(
            id=row_id, terminal=terminal, business_date=business_date, kind=kind,
            amount=amount, at=now, by=by, key_id=key_id, reason_ct=blob))

    def list_day(self, terminal: int, business_date: str) -> list[Movement]:
        """The day's movements, oldest first; ``reason`` None once shredded."""
        rows = self._conn.execute(
            select(_cm).where(_cm.c.terminal == terminal, _cm.c.business_date == business_date)
            .order_by(_cm.c.at, _cm.c.id)).all()
        out = []
        for r in rows:
            reason = None
            if r.reason_ct is not None:
                cipher = cipher_for(self._conn, self._store, self._keys, r.key_id)
                if cipher is not None:  # None: the month's key is destroyed (retention)
                    reason = cipher.decrypt(r.reason_ct, T, "reason_ct", r.id)
            out.append(Movement(r.id, r.kind, r.amount, datetime.fromisoformat(r.at), r.by,
                                reason))
        return out

    def carry_over(self, terminal: int, business_date: str, at: datetime, by: str) -> None:
        self._conn.execute(insert(_co).values(terminal=terminal, business_date=business_date,
                                              at=to_iso(at), by=by))

    def carried_over(self, terminal: int, business_date: str) -> bool:
        return self._conn.execute(select(_co.c.at).where(
            _co.c.terminal == terminal, _co.c.business_date == business_date)).first() is not None

    def last_day_before(self, terminal: int, business_date: str) -> str | None:
        """The latest business day before ``business_date`` with a booking or a movement."""
        row = cursor(self._conn).execute(_LAST_DAY, {"terminal": terminal,
                                                     "day": business_date}).fetchone()
        return row[0] if row else None

    def never_closed_before(self, terminal: int, business_date: str) -> str | None:
        """That day, if it was never closed and not carried over: one statement, as every
        booking asks it."""
        row = cursor(self._conn).execute(_NEVER_CLOSED, {"terminal": terminal,
                                                         "day": business_date}).fetchone()
        return row[0] if row else None
