"""The whole outlet's day for the manager's Day review: this terminal's own figures, live
from its own database, beside each other terminal's as the central server last received
them, and the outlet's totals.

The server's answer holds figures only (``protocol.outlet_day``: counts, rupiah, closing
numbers and times; no waybill, name, user or typed text), so the last answer of each
recently viewed date is kept in the reference store: offline, or with the server down,
the manager still sees the other terminals' figures, marked with the time they were
fetched. This terminal's own part never comes from the server: its database is fresher.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from pydantic import ValidationError as ModelError

from ..domain.day_figures import DayFigures, GroupTotal
from ..domain.errors import AppError
from ..domain.roles import Action
from ..protocol.outlet_day import OutletDay, TerminalDay
from .auth import UserSession
from .cash import cash_day
from .outlet import OutletInfo
from .ports import Clock, UnitOfWork, UnitOfWorkFactory
from .refusals import require

KEPT = "outlet_day"  # the reference store's kind
KEEP_DATES = 7  # answers of the last dates looked at: a week of "how was Monday?"


class OutletDaySource(Protocol):
    """The outlet's day at the central server (``SyncFront.outlet_day``); raises an
    ``AppError`` (the sync failure) when the server cannot be asked. Here, not in
    ``ports``: its answer is the protocol's model, as ``SyncEngine``'s port is."""

    def outlet_day(self, day: date) -> OutletDay: ...


@dataclass(frozen=True)
class TerminalPart:
    """One terminal's figures of the day. ``known`` is False for a terminal the server has
    nothing of that day from (its figures are zeros then, not facts)."""

    terminal: int
    this_terminal: bool
    known: bool
    shipments: int
    voided: int
    revenue: int
    cod_total: int
    cash_sales: int
    by_payment: tuple[GroupTotal, ...]
    cash_float: int
    cash_in: int
    cash_out: int
    closed: bool
    closing_sequence: int | None
    data_until: datetime | None  # this terminal: now; another: its last batch or day's data
    last_seen: datetime | None  # another terminal's last contact with the server


@dataclass(frozen=True)
class OutletTotals:
    shipments: int
    voided: int
    revenue: int
    cod_total: int
    cash_sales: int
    by_payment: tuple[GroupTotal, ...]
    terminals_closed: int
    terminals: int


@dataclass(frozen=True)
class OutletDayView:
    day: date
    now: datetime
    terminals: tuple[TerminalPart, ...]  # by terminal number
    total: OutletTotals  # of the known parts
    fetched_at: datetime | None  # when the server's answer shown came; None: never asked
    live: bool  # that answer came just now
    problem: str | None  # why it is not live: the sync failure's message (a Msg)


class OutletDayService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, outlet: OutletInfo,
                 server: OutletDaySource) -> None:
        self._uow, self._clock, self._outlet, self._server = uow, clock, outlet, server

    def view(self, session: UserSession, day: date | None = None, *,
             ask_server: bool = True) -> OutletDayView:
        """The outlet's day. ``ask_server=False`` reads only this PC (instant: the page
        shows it first); else the server is asked, its answer kept, and when it cannot be
        asked the last answer kept for the date is shown with its time."""
        require(self._uow, session, Action.REVIEW_DAY)
        on = day or self._outlet.business_date(self._clock())
        answer: OutletDay | None = None
        fetched: datetime | None = None
        problem: str | None = None
        if ask_server:
            try:
                answer = self._server.outlet_day(on)
            except AppError as e:  # the network's or the server's; a bug is raised
                problem = e.message
            else:
                fetched = self._clock()
                self._keep(on, answer, fetched)
        with self._uow() as uow:
            own = self._own(uow, on)
            if answer is None:
                answer, fetched = _kept(uow.reference.get(KEPT), on)
        others = [self._part(t, on) for t in (answer.terminals if answer else ())
                  if t.terminal != self._outlet.terminal]
        parts = tuple(sorted([own, *others], key=lambda p: p.terminal))
        return OutletDayView(day=on, now=self._clock(), terminals=parts, total=_total(parts),
                             fetched_at=fetched, live=problem is None and ask_server,
                             problem=problem)

    def _own(self, uow: UnitOfWork, on: date) -> TerminalPart:
        terminal = self._outlet.terminal
        f = DayFigures.from_rows(on, uow.shipments.list_day(on), tz=self._outlet.timezone)
        cash = cash_day(uow, terminal, on)
        standing = uow.closings.for_date(terminal, on.isoformat())
        history = uow.closings.history(terminal, on.isoformat())
        sequence = standing.sequence if standing else (
            history[-1].sequence if history else None)
        return TerminalPart(
            terminal=terminal, this_terminal=True, known=True, shipments=f.shipments,
            voided=f.voided, revenue=f.revenue, cod_total=f.cod_total, cash_sales=f.cash_total,
            by_payment=f.by_payment, cash_float=cash.float, cash_in=cash.cash_in,
            cash_out=cash.cash_out, closed=standing is not None, closing_sequence=sequence,
            data_until=self._clock(), last_seen=None)

    def _part(self, t: TerminalDay, on: date) -> TerminalPart:
        """Another terminal's part. Its outbox goes oldest first, so a batch it sent after
        the day began carries all of the day it had until then: its figures are known (0
        is a figure then), as they are once any of the day's data has arrived."""
        received, batch = _at(t.last_received_at), _at(t.last_batch_at)
        until = max(filter(None, (received, batch)), default=None)
        known = received is not None or (
            batch is not None and self._outlet.local(batch).date() >= on)
        return TerminalPart(
            terminal=t.terminal, this_terminal=False, known=known,
            shipments=t.shipments, voided=t.voided, revenue=t.revenue, cod_total=t.cod_total,
            cash_sales=t.cash_sales,
            by_payment=tuple(GroupTotal(p.method, p.shipments, p.amount)
                             for p in t.by_payment),
            cash_float=t.cash_float, cash_in=t.cash_in, cash_out=t.cash_out, closed=t.closed,
            closing_sequence=t.closing_sequence, data_until=until,
            last_seen=_at(t.last_seen_at))

    def _keep(self, on: date, answer: OutletDay, fetched: datetime) -> None:
        with self._uow(write=True) as uow:
            stored = uow.reference.get(KEPT)
            days = dict(stored.body.get("days", {})) if stored and isinstance(
                stored.body, dict) else {}
            days[on.isoformat()] = {"fetched_at": fetched.isoformat(),
                                    "answer": answer.model_dump(mode="json")}
            # the dates fetched last are kept, not the latest dates
            newest = sorted(days, key=lambda d: days[d]["fetched_at"])[-KEEP_DATES:]
            uow.reference.set(KEPT, "1", {"days": {d: days[d] for d in newest}}, None,
                              fetched)
            uow.commit()


def _kept(stored: Any, on: date) -> tuple[OutletDay | None, datetime | None]:
    """The answer kept for ``on`` and when it was fetched (a kept answer this version
    cannot read counts as none)."""
    entry = stored.body.get("days", {}).get(on.isoformat()) if stored and isinstance(
        stored.body, dict) else None
    if not isinstance(entry, dict):
        return None, None
    try:
        return (OutletDay.model_validate(entry["answer"]),
                datetime.fromisoformat(entry["fetched_at"]))
    except (KeyError, TypeError, ValueError, ModelError):
        return None, None


def _at(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp) if stamp else None




def _total(parts: tuple[TerminalPart, ...]) -> OutletTotals:
    known = [p for p in parts if p.known]
    counts: dict[str, int] = {}
    amounts: dict[str, int] = {}
    for p in known:
        for g in p.by_payment:
            counts[g.name] = counts.get(g.name, 0) + g.count
            amounts[g.name] = amounts.get(g.name, 0) + g.revenue
    methods = sorted(counts, key=lambda m: (-amounts[m], m))
    return OutletTotals(
        shipments=sum(p.shipments for p in known), voided=sum(p.voided for p in known),
        revenue=sum(p.revenue for p in known), cod_total=sum(p.cod_total for p in known),
        cash_sales=sum(p.cash_sales for p in known),
        by_payment=tuple(GroupTotal(m, counts[m], amounts[m]) for m in methods),
        terminals_closed=sum(1 for p in parts if p.closed), terminals=len(parts))
