"""Clerks' shifts of this terminal's drawer, in SQL: opened, closed with the count, handed on.

The note a clerk types at the closing is encrypted with the data key of the month it was
written in (AAD: table, column, row), so retention's crypto-shredding of that month makes
it unreadable like the cash reasons; the figures stay, for the books.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from ..domain.shifts import ShiftRow
from .hotpath import cursor
from .keys import Keys, cipher_for, data_key_for
from .keystore import KeyStore
from .models import ShiftRecord
from .timeutil import period_of, to_iso

_sh = ShiftRecord.__table__
T = "shifts"

# Every booking asks whether shifts are in use here and one is open: one statement,
# plain SQL text run on the driver's cursor (hotpath.py). Both halves walk ix_shifts_open.
_GATE = ("SELECT (SELECT id FROM shifts WHERE terminal = :terminal LIMIT 1), "
         "(SELECT id FROM shifts WHERE terminal = :terminal AND closed_at IS NULL LIMIT 1)")


class SqlShifts:
    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn, self._keys, self._store = conn, keys, store

    def _row(self, r: Any) -> ShiftRow:
        note = None
        if r.note_ct is not None:
            cipher = cipher_for(self._conn, self._store, self._keys, r.key_id)
            if cipher is not None:  # None: the month's key is destroyed (retention)
                note = cipher.decrypt(r.note_ct, T, "note_ct", r.id)
        return ShiftRow(
            id=r.id, terminal=r.terminal, business_date=date.fromisoformat(r.business_date),
            clerk_id=r.clerk_id, clerk=r.clerk, opened_at=datetime.fromisoformat(r.opened_at),
            opening_float=r.opening_float,
            closed_at=datetime.fromisoformat(r.closed_at) if r.closed_at else None,
            closed_by=r.closed_by,
            counted={int(k): v for k, v in json.loads(r.counted or "{}").items()},
            counted_total=r.counted_total, expected_total=r.expected_total,
            difference=r.difference, handed_to=r.handed_to, note=note)

    def open(self, row: ShiftRow) -> None:
        self._conn.execute(insert(_sh).values(
            id=row.id, terminal=row.terminal, business_date=row.business_date.isoformat(),
            clerk_id=row.clerk_id, clerk=row.clerk, opened_at=to_iso(row.opened_at),
            opening_float=row.opening_float))

    def close(self, shift_id: str, at: datetime, by: str, counted: dict[int, int],
              counted_total: int, expected_total: int, note: str | None,
              handed_to: str | None) -> None:
        now = to_iso(at)
        key_id, blob = None, None
        if note:
            key_id = data_key_for(self._conn, self._store, self._keys, period_of(at), now)
            blob = self._keys.ciphers[key_id].encrypt(note, T, "note_ct", shift_id)
        self._conn.execute(update(_sh).where(_sh.c.id == shift_id).values(
            closed_at=now, closed_by=by,
            counted=json.dumps({str(k): v for k, v in sorted(counted.items())}),
            counted_total=counted_total, expected_total=expected_total,
            difference=counted_total - expected_total, handed_to=handed_to, key_id=key_id,
            note_ct=blob))

    def get(self, shift_id: str) -> ShiftRow | None:
        r = self._conn.execute(select(_sh).where(_sh.c.id == shift_id)).first()
        return self._row(r) if r else None

    def open_for(self, terminal: int) -> ShiftRow | None:
        """The terminal's open shift (there is at most one)."""
        r = self._conn.execute(select(_sh).where(
            _sh.c.terminal == terminal, _sh.c.closed_at.is_(None))
            .order_by(_sh.c.opened_at.desc()).limit(1)).first()
        return self._row(r) if r else None

    def list_day(self, terminal: int, business_date: str) -> list[ShiftRow]:
        """The day's shifts, oldest first."""
        rows = self._conn.execute(select(_sh).where(
            _sh.c.terminal == terminal, _sh.c.business_date == business_date)
            .order_by(_sh.c.opened_at, _sh.c.id)).all()
        return [self._row(r) for r in rows]

    def latest(self, terminal: int, limit: int = 20) -> list[ShiftRow]:
        """The terminal's latest shifts, newest first."""
        rows = self._conn.execute(select(_sh).where(_sh.c.terminal == terminal)
                                  .order_by(_sh.c.opened_at.desc()).limit(limit)).all()
        return [self._row(r) for r in rows]

    def gate(self, terminal: int) -> tuple[bool, str | None]:
        """(shifts are in use on this terminal, the open shift's id or None)."""
        row = cursor(self._conn).execute(_GATE, {"terminal": terminal}).fetchone()
        return row[0] is not None, row[1]
