"""The print spool's table: jobs move queued → sending → done | failed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select, update

from ..domain.records import PrintJobRow
from .models import PrintJob
from .timeutil import from_iso, to_iso

_j = PrintJob.__table__


def _row(r: object) -> PrintJobRow:
    return PrintJobRow(
        id=r.id, waybill=r.waybill, copy=r.copy, reprint=r.reprint,  # type: ignore[attr-defined]
        status=r.status, requested_by=r.requested_by,  # type: ignore[attr-defined]
        created_at=from_iso(r.created_at), updated_at=from_iso(r.updated_at),  # type: ignore[attr-defined]
        attempts=r.attempts, printer=r.printer, fault=r.fault,  # type: ignore[attr-defined]
        detail=r.detail)  # type: ignore[attr-defined]


class SqlPrintJobs:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(self, waybill: str, copy: str, reprint: int, requested_by: str | None,
            now: datetime) -> int:
        stamp = to_iso(now)
        res = self._conn.execute(_j.insert().values(
            waybill=waybill, copy=copy, reprint=reprint, status="queued",
            requested_by=requested_by, created_at=stamp, updated_at=stamp, attempts=0))
        return int(res.inserted_primary_key[0])  # type: ignore[index]

    def get(self, job_id: int) -> PrintJobRow | None:
        r = self._conn.execute(select(_j).where(_j.c.id == job_id)).first()
        return _row(r) if r else None

    def printed_count(self, waybill: str, copy: str) -> int:
        """How many times this copy already came out of a printer (for REPRINT n)."""
        return int(self._conn.execute(select(func.count()).select_from(_j).where(
            _j.c.waybill == waybill, _j.c.copy == copy, _j.c.status == "done")).scalar() or 0)

    def for_waybill(self, waybill: str) -> list[PrintJobRow]:
        return [_row(r) for r in self._conn.execute(
            select(_j).where(_j.c.waybill == waybill).order_by(_j.c.id))]

    def latest_by_waybill(self, waybills: list[str]) -> dict[str, PrintJobRow]:
        """The newest label/receipt/outlet job of each waybill (the state a clerk cares about)."""
        out: dict[str, PrintJobRow] = {}
        for i in range(0, len(waybills), 500):
            for r in self._conn.execute(select(_j).where(
                    _j.c.waybill.in_(waybills[i:i + 500]), _j.c.copy != "test")
                    .order_by(_j.c.id)):
                out[r.waybill] = _row(r)
        return out

    def with_status(self, *statuses: str, limit: int = 500) -> list[PrintJobRow]:
        return [_row(r) for r in self._conn.execute(
            select(_j).where(_j.c.status.in_(statuses)).order_by(_j.c.id).limit(limit))]

    def claim(self, job_id: int, printer: str, now: datetime) -> bool:
        """queued|failed → sending; False when another worker has it or it is done."""
        res = self._conn.execute(update(_j).where(
            _j.c.id == job_id, _j.c.status.in_(("queued", "failed"))).values(
            status="sending", attempts=_j.c.attempts + 1, printer=printer,
            updated_at=to_iso(now), fault=None, detail=None))
        return res.rowcount == 1

    def finish(self, job_id: int, status: str, fault: str | None, detail: str | None,
               now: datetime) -> None:
        self._conn.execute(update(_j).where(_j.c.id == job_id).values(
            status=status, fault=fault, detail=detail, updated_at=to_iso(now)))

    def fail_stuck(self, now: datetime) -> int:
        """Jobs left 'sending' by a process that died: their fate is unknown → failed."""
        return self._conn.execute(update(_j).where(_j.c.status == "sending").values(
            status="failed", fault="interrupted", detail="the program stopped while printing",
            updated_at=to_iso(now))).rowcount
