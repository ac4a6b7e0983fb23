"""Day closings of this terminal, numbered 1, 2, 3…; a reopened closing stays, marked.

The note and the reopen reason are typed text: stored only as ciphertext under the
period key of the closing (``key_id``), handed out decrypted as ``note`` and
``reopen_reason``, and shredded by retention with the rest of that period.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, bindparam, insert, select, update

from ..domain.records import ClosingRow
from . import free_text
from .crypto import FieldCipher
from .hotpath import compile_named, cursor
from .keys import Keys, cipher_for, data_key_for
from .keystore import KeyStore
from .models import DayClosing
from .timeutil import period_of, to_iso

_dc = DayClosing.__table__
T = "day_closings"
# Every quote and booking asks whether today is closed: compiled once (hotpath.py).
_FOR_DATE = compile_named(
    select(_dc).where(_dc.c.terminal == bindparam("terminal"),
                      _dc.c.business_date == bindparam("day"), _dc.c.reopened_at.is_(None))
    .order_by(_dc.c.sequence.desc()))  # fetchone(): the newest; a date has few rows


class SqlClosings:
    def __init__(self, conn: Connection, keys: Keys, store: KeyStore) -> None:
        self._conn = conn
        self._keys = keys
        self._store = store

    def _cipher(self, key_id: str | None) -> FieldCipher | None:
        return cipher_for(self._conn, self._store, self._keys, key_id) if key_id else None

    def _row(self, r: RowMapping | Mapping[str, Any]) -> ClosingRow:
        """The row as the services know it: ``note`` and ``reopen_reason`` in clear (None
        once shredded), no ciphertext."""
        has_text = r["note_ct"] is not None or r["reopen_reason_ct"] is not None
        cipher = self._cipher(r["key_id"]) if has_text else None
        rid = free_text.closing_row_id(r["terminal"], r["sequence"])
        return ClosingRow(
            terminal=r["terminal"], sequence=r["sequence"],
            business_date=date.fromisoformat(r["business_date"]), closed_at=r["closed_at"],
            closed_by=r["closed_by"], shipments=r["shipments"], voided=r["voided"],
            revenue=r["revenue"], cash_expected=r["cash_expected"],
            cash_counted=r["cash_counted"],
            note=free_text.decrypt(cipher, r["note_ct"], T, "note_ct", rid),
            denominations={int(k): v for k, v in json.loads(r["denominations"] or "{}").items()},
            reopened_at=r["reopened_at"], reopened_by=r["reopened_by"],
            reopen_reason=free_text.decrypt(cipher, r["reopen_reason_ct"], T,
                                            "reopen_reason_ct", rid))

    def last(self, terminal: int) -> ClosingRow | None:
        r = self._conn.execute(select(_dc).where(_dc.c.terminal == terminal)
                               .order_by(_dc.c.sequence.desc()).limit(1)).first()
        return self._row(r._mapping) if r else None

    def for_date(self, terminal: int, business_date: str) -> ClosingRow | None:
        """The closing in force for the date: the newest one not reopened."""
        cur = cursor(self._conn)
        r = cur.execute(_FOR_DATE, {"terminal": terminal, "day": business_date}).fetchone()
        return (self._row(dict(zip((d[0] for d in cur.description), r, strict=True)))
                if r else None)

    def history(self, terminal: int, business_date: str) -> list[ClosingRow]:
        """Every closing of the date, reopened ones included, oldest first."""
        rows = self._conn.execute(
            select(_dc).where(_dc.c.terminal == terminal, _dc.c.business_date == business_date)
            .order_by(_dc.c.sequence)).all()
        return [self._row(r._mapping) for r in rows]

    def add(self, row: ClosingRow) -> None:
        closed = datetime.fromisoformat(row.closed_at)
        key_id = data_key_for(self._conn, self._store, self._keys, period_of(closed),
                              to_iso(closed))
        rid = free_text.closing_row_id(row.terminal, row.sequence)
        cipher = self._keys.ciphers[key_id]
        self._conn.execute(insert(_dc).values(
            terminal=row.terminal, sequence=row.sequence,
            business_date=row.business_date.isoformat(), closed_at=row.closed_at,
            closed_by=row.closed_by, shipments=row.shipments, voided=row.voided,
            revenue=row.revenue, cash_expected=row.cash_expected,
            cash_counted=row.cash_counted, key_id=key_id,
            denominations=json.dumps({str(k): v for k, v in row.denominations.items()})
            if row.denominations else None,
            reopened_at=row.reopened_at, reopened_by=row.reopened_by,
            note_ct=free_text.encrypt(cipher, row.note, T, "note_ct", rid),
            reopen_reason_ct=free_text.encrypt(cipher, row.reopen_reason, T,
                                               "reopen_reason_ct", rid)))

    def reopen(self, terminal: int, sequence: int, at: str, by: str, reason: str) -> None:
        where = (_dc.c.terminal == terminal, _dc.c.sequence == sequence)
        r = self._conn.execute(select(_dc.c.key_id, _dc.c.note_ct).where(*where)).first()
        if r is None:
            return
        values: dict[str, Any] = {"reopened_at": at, "reopened_by": by}
        cipher = self._cipher(r.key_id)
        if cipher is None:
            # The closing's key is gone (shredded): the reason goes under this month's key,
            # and nothing of the old text is left to keep.
            now = datetime.fromisoformat(at)
            key_id = data_key_for(self._conn, self._store, self._keys, period_of(now),
                                  to_iso(now))
            cipher = self._keys.ciphers[key_id]
            values.update(key_id=key_id, note_ct=None)
        rid = free_text.closing_row_id(terminal, sequence)
        values["reopen_reason_ct"] = cipher.encrypt(reason, T, "reopen_reason_ct", rid)
        self._conn.execute(update(_dc).where(*where).values(**values))
