"""``GET /v1/outlet-day?date=YYYY-MM-DD``: one outlet's business day per terminal, for the
manager's Day review on any of its terminals (figures only, see ``protocol.outlet_day``).

The outlet is always the asking device's: the request names only the date, and any other
parameter is ignored, so no device can read another outlet's day. The shipments' figures
are one grouped statement on ``ix_central_shipments_outlet_date`` (not one per terminal);
closings, cash movements and the devices (their last contact, and their last batch: the
time of the health report each batch carries, ``fleet``) are one small statement each.
"""

# No ``from __future__ import annotations`` here, as in app.py: FastAPI reads the route's
# annotations at run time, and the device dependency is the app's (a local of create_app).

import json
import re
from collections import defaultdict
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi.responses import JSONResponse
from sqlalchemy import Connection, Engine, Integer, String, bindparam, func, select

from ..protocol import wire
from ..protocol.outlet_day import PATH, OutletDay, PaymentTotal, TerminalDay
from .db import Clock, iso
from .enrollment import DeviceRow
from .models import CashMovement, DayClosing, Device, Shipment, TerminalHealthRow
from .schemas import Problem

_s, _dc, _cm, _d, _h = (Shipment.__table__, DayClosing.__table__, CashMovement.__table__,
                        Device.__table__, TerminalHealthRow.__table__)
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_OUTLET, _DAY = bindparam("outlet", type_=Integer()), bindparam("day", type_=String())
# Built once (a statement built per call costs more than running it). The WHERE is exactly
# the index's columns, so every database answers it from the index's range of the day.
FIGURES = (select(_s.c.terminal, _s.c.status, _s.c.payment_method, func.count(),
                  func.coalesce(func.sum(_s.c.total), 0),
                  func.coalesce(func.sum(_s.c.cod_amount), 0), func.max(_s.c.received_at))
           .where(_s.c.outlet == _OUTLET, _s.c.business_date == _DAY)
           .group_by(_s.c.terminal, _s.c.status, _s.c.payment_method))
_CLOSINGS = select(_dc.c.terminal, _dc.c.sequence, _dc.c.body_json, _dc.c.received_at).where(
    _dc.c.outlet == _OUTLET, _dc.c.business_date == _DAY)
_CASH = (select(_cm.c.terminal, _cm.c.kind, func.coalesce(func.sum(_cm.c.amount), 0),
                func.max(_cm.c.received_at))
         .where(_cm.c.outlet == _OUTLET, _cm.c.business_date == _DAY)
         .group_by(_cm.c.terminal, _cm.c.kind))
# A device's health report comes with its batches (``fleet``): its time is the last batch's.
_DEVICES = (select(_d.c.terminal, _d.c.status, _d.c.last_seen, _h.c.received_at)
            .select_from(_d.outerjoin(_h, _h.c.device_id == _d.c.id))
            .where(_d.c.outlet == _OUTLET))


class _Part:
    """One terminal's figures while they are summed."""

    def __init__(self) -> None:
        self.shipments = self.voided = self.revenue = self.cod = 0
        self.by_payment: dict[str, list[int]] = {}
        self.cash = {"float": 0, "in": 0, "out": 0}
        self.standing: list[int] = []
        self.reopened: list[int] = []
        self.received: list[str] = []
        self.seen: str | None = None
        self.batch: str | None = None

    def answer(self, terminal: int) -> TerminalDay:
        methods = sorted(self.by_payment.items(), key=lambda kv: (-kv[1][1], kv[0]))
        sequence = max(self.standing or self.reopened or [0]) or None
        return TerminalDay(
            terminal=terminal, shipments=self.shipments, voided=self.voided,
            revenue=self.revenue, cod_total=self.cod,
            by_payment=tuple(PaymentTotal(method=m, shipments=n, amount=a)
                             for m, (n, a) in methods),
            cash_float=self.cash["float"], cash_in=self.cash["in"], cash_out=self.cash["out"],
            closed=bool(self.standing), closing_sequence=sequence,
            last_received_at=max(self.received) if self.received else None,
            last_seen_at=self.seen, last_batch_at=self.batch)


def outlet_day(conn: Connection, outlet: int, day: date, now: str) -> OutletDay:
    """The figures of ``outlet``'s terminals on business date ``day``: every terminal an
    active device holds (with zeros until it uploads), and any other with data that day."""
    params = {"outlet": outlet, "day": day.isoformat()}
    parts: dict[int, _Part] = defaultdict(_Part)
    for terminal, status, method, n, total, cod, received in conn.execute(FIGURES, params):
        p = parts[terminal]
        p.received.append(received)
        if status == "void":
            p.voided += n
            continue
        p.shipments += n
        p.revenue += int(total)
        p.cod += int(cod)
        count, amount = p.by_payment.setdefault(method, [0, 0])
        p.by_payment[method] = [count + n, amount + int(total)]
    for terminal, sequence, body, received in conn.execute(_CLOSINGS, params):
        p = parts[terminal]
        (p.reopened if "reopened" in json.loads(body) else p.standing).append(sequence)
        p.received.append(received)
    for terminal, kind, amount, received in conn.execute(_CASH, params):
        p = parts[terminal]
        if kind in p.cash:
            p.cash[kind] += int(amount)
        p.received.append(received)
    devices = conn.execute(_DEVICES, {"outlet": outlet}).all()
    for terminal in {d.terminal for d in devices if d.status == "active"} - set(parts):
        parts[terminal] = _Part()  # listed, with zeros until it uploads
    for terminal, _status, seen, batch in devices:  # a replaced PC's count for its terminal
        if terminal in parts:
            p = parts[terminal]
            p.seen = max(filter(None, (p.seen, seen)), default=None)
            p.batch = max(filter(None, (p.batch, batch)), default=None)
    return OutletDay(outlet=outlet, business_date=day.isoformat(), server_time=now,
                     terminals=tuple(parts[t].answer(t) for t in sorted(parts)))


def install_outlet_day(app: FastAPI, engine: Engine, clock: Clock, device: Any) -> None:
    """Add the route to ``app``; ``device`` is the app's signed-device dependency type
    (``Annotated[DeviceRow, Depends(...)]``)."""

    @app.get(wire.API + PATH, response_model=OutletDay, tags=["reference"],
             responses={401: {"model": Problem}, 403: {"model": Problem},
                        409: {"model": Problem}, 413: {"model": Problem},
                        422: {"model": Problem}})
    def get_outlet_day(dev: device,
                       date_: Annotated[str, Query(
                           alias="date", pattern=DATE_PATTERN, description="the business date",
                           json_schema_extra={"format": "date"})]) -> Any:
        return _answer(engine, clock, dev, date_)


def _answer(engine: Engine, clock: Clock, dev: DeviceRow, text: str) -> Any:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not re.fullmatch(DATE_PATTERN, text):
        return JSONResponse({"code": "invalid", "message": "date: not a calendar date"},
                            status_code=422)
    with engine.connect() as conn:
        return outlet_day(conn, dev.outlet, day, iso(clock()))
