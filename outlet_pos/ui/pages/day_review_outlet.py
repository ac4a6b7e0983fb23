"""The Day review's whole-outlet tab: every terminal of the outlet on one line (this one's
figures live from its own database, the others' as the central server last received them),
the outlet's totals, and per terminal how fresh its part is ("data until 14.05, 2 h ago"),
in the outlet's time zone.

Loading never waits on the network: this PC's part (and the last answer kept) is read
first, then the server is asked, both through ``run_in_background``; offline, the kept
answer stays on screen marked with its age.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.day_figures import GroupTotal
from ...domain.money import format_rupiah
from ...i18n import N_, tr
from ...services.auth import UserSession
from ...services.outlet_day import OutletDayView, TerminalPart
from ..background import run_in_background
from ..texts import error_text
from .day_review_model import method_name

HEADERS = (N_("Terminal"), N_("Shipments"), N_("Voided"), N_("Revenue"), N_("Cash sales"),
           N_("COD total"), N_("Closing"), N_("Freshness"))
NONE = "–"


def clock_text(at: datetime, tz: tzinfo) -> str:
    """``14.05`` (``14:05`` in English) on the outlet's clock."""
    local = at.astimezone(tz)
    return tr("{hour}:{minute}", hour=f"{local.hour:02d}", minute=f"{local.minute:02d}")


def ago_text(at: datetime, now: datetime) -> str:
    """``2 h ago``: how long before ``now``, in whole minutes, hours or days."""
    minutes = max(0, int((now - at) / timedelta(minutes=1)))
    if minutes < 1:
        return tr("just now")
    if minutes < 60:
        return tr("{n} min ago", n=minutes)
    if minutes < 24 * 60:
        return tr("{n} h ago", n=minutes // 60)
    return tr("{n} d ago", n=minutes // (24 * 60))


def moment_text(at: datetime, now: datetime, tz: tzinfo) -> str:
    """``14.05, 2 h ago``; a moment of another day also names its date."""
    when = clock_text(at, tz)
    if at.astimezone(tz).date() != now.astimezone(tz).date():
        when = f"{at.astimezone(tz):%d-%m} {when}"
    return tr("{time}, {ago}", time=when, ago=ago_text(at, now))


def freshness_text(part: TerminalPart, now: datetime, tz: tzinfo) -> str:
    if part.this_terminal:
        return tr("live (this terminal)")
    if part.known and part.data_until is not None:
        return tr("data until {moment}", moment=moment_text(part.data_until, now, tz))
    if part.last_seen is not None:
        return tr("no data of this day yet; last contact {moment}",
                  moment=moment_text(part.last_seen, now, tz))
    return tr("no data of this day yet; never heard from")


def _day_text(part: TerminalPart) -> str:
    if not part.known:
        return NONE
    if part.closed:
        return tr("closed (no. {n})", n=part.closing_sequence or "?")
    return tr("open")


def _methods(groups: tuple[GroupTotal, ...]) -> str:
    return ", ".join(f"{method_name(g.name)} {format_rupiah(g.revenue)} ({g.count})"
                     for g in groups) or NONE


class OutletDayPanel(QWidget):
    """Shown as a tab of the Day review page; ``refresh(day)`` reloads it."""

    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__()
        self.app, self.session = app, session
        self.view: OutletDayView | None = None
        self._generation = 0
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setAccessibleName(tr("Where the other terminals' figures come from"))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName(tr("The whole outlet's day by terminal"))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.by_method = QLabel()
        self.by_method.setWordWrap(True)
        self.by_method.setAccessibleName(tr("The outlet's revenue by payment method"))
        self.cash = QLabel()
        self.cash.setWordWrap(True)
        self.cash.setAccessibleName(tr("Drawer cash of each terminal"))
        v.addWidget(self.source)
        v.addWidget(self.table, 1)
        v.addWidget(self.by_method)
        v.addWidget(self.cash)

    def refresh(self, day: date) -> None:
        """This PC's part at once, then the server's: each off the GUI thread."""
        self._generation += 1
        generation = self._generation
        self.source.setText(tr("Loading…"))
        run_in_background(
            self, lambda: self.app.outlet_day.view(self.session, day, ask_server=False),
            lambda view: self._shown(generation, view, ask=day), self._failed)

    def _shown(self, generation: int, view: OutletDayView, ask: date | None = None) -> None:
        if generation != self._generation:
            return  # the date changed meanwhile
        self.view = view
        self._fill(view, asking=ask is not None)
        if ask is not None:
            run_in_background(
                self, lambda: self.app.outlet_day.view(self.session, ask),
                lambda v: self._shown(generation, v), self._failed)

    def _failed(self, e: Exception) -> None:
        self.source.setText(error_text(e))

    # -- filling ------------------------------------------------------------------------

    def _fill(self, view: OutletDayView, *, asking: bool) -> None:
        tz = self.app.outlet.timezone
        self.source.setText(self._source_text(view, asking, tz))
        rows = [self._cells(p, view.now, tz) for p in view.terminals]
        t = view.total
        rows.append([tr("Whole outlet"), str(t.shipments), str(t.voided),
                     format_rupiah(t.revenue), format_rupiah(t.cash_sales),
                     format_rupiah(t.cod_total),
                     tr("{closed} of {all} closed", closed=t.terminals_closed, all=t.terminals),
                     ""])
        self.table.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 0 < c < 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if r == len(rows) - 1 or (r < len(view.terminals)
                                          and view.terminals[r].this_terminal and c == 0):
                    item.setFont(bold)
                if c == 3:  # the revenue's split by payment method, on the row's own cell
                    item.setToolTip(_methods(t.by_payment if r == len(rows) - 1
                                             else view.terminals[r].by_payment))
                self.table.setItem(r, c, item)
        self.by_method.setText(tr("Revenue by payment method: {list}",
                                  list=_methods(t.by_payment)))
        moved = [tr("Terminal {n}: float {float}, cash in {cash_in}, cash out {cash_out}",
                    n=p.terminal, float=format_rupiah(p.cash_float),
                    cash_in=format_rupiah(p.cash_in), cash_out=format_rupiah(p.cash_out))
                 for p in view.terminals if p.known and (p.cash_float or p.cash_in or p.cash_out)]
        self.cash.setText(tr("Drawer cash: {list}", list="; ".join(moved) or NONE))

    def _cells(self, p: TerminalPart, now: datetime, tz: tzinfo) -> list[str]:
        name = tr("Terminal {n} (this one)", n=p.terminal) if p.this_terminal else \
            tr("Terminal {n}", n=p.terminal)
        if not p.known:
            return [name, NONE, NONE, NONE, NONE, NONE, NONE, freshness_text(p, now, tz)]
        return [name, str(p.shipments), str(p.voided), format_rupiah(p.revenue),
                format_rupiah(p.cash_sales), format_rupiah(p.cod_total), _day_text(p),
                freshness_text(p, now, tz)]

    def _source_text(self, view: OutletDayView, asking: bool, tz: tzinfo) -> str:
        if view.live and view.fetched_at is not None:
            return tr("The other terminals' figures as the central server has them now "
                      "({time}).", time=clock_text(view.fetched_at, tz))
        lines = []
        if view.problem:
            lines.append(tr("The central server cannot be asked now: {why}",
                            why=tr(view.problem)))
        elif asking:
            lines.append(tr("Asking the central server…"))
        if view.fetched_at is not None:
            lines.append(tr("The other terminals' figures were fetched at {moment}: they may "
                            "be out of date.", moment=moment_text(view.fetched_at, view.now,
                                                                  tz)))
        else:
            lines.append(tr("No figures of the other terminals yet for this day."))
        return " ".join(lines)
