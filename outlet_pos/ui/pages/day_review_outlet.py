"""The Day review's whole-outlet tab: every terminal of the outlet on one line (this one's
figures live from its own database, the others' as the central server last received them),
the outlet's totals, and per terminal how fresh its part is ("data until 14.05, 2 h ago"),
in the outlet's time zone.

Loading never waits on the network: this PC's part (and the last answer kept) is read
first, then the server is asked, both through ``run_in_background``; offline, the kept
answer stays on screen marked with its age.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

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
from ...services.outlet_day_words import (
    NONE,
    closing_text,
    freshness_text,
    source_text,
    terminal_name,
)
from ..background import run_in_background
from ..texts import error_text
from .day_review_model import method_name

HEADERS = (N_("Terminal"), N_("Shipments"), N_("Voided"), N_("Revenue"), N_("Cash sales"),
           N_("COD total"), N_("Closing"), N_("Freshness"))


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
            lambda view: self._shown(generation, view, ask=day),
            lambda e: self._failed(generation, e))

    def _shown(self, generation: int, view: OutletDayView, ask: date | None = None) -> None:
        if generation != self._generation:
            return  # the date changed meanwhile
        self.view = view
        self._fill(view, asking=ask is not None)
        if ask is not None:
            run_in_background(
                self, lambda: self.app.outlet_day.view(self.session, ask),
                lambda v: self._shown(generation, v), lambda e: self._failed(generation, e))

    def _failed(self, generation: int, e: Exception) -> None:
        if generation == self._generation:  # else the date changed meanwhile
            self.source.setText(error_text(e))

    # -- filling ------------------------------------------------------------------------

    def _fill(self, view: OutletDayView, *, asking: bool) -> None:
        tz = self.app.outlet.timezone
        self.source.setText(source_text(view, asking, tz))
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
        name = terminal_name(p)
        if not p.known:
            return [name, NONE, NONE, NONE, NONE, NONE, NONE, freshness_text(p, now, tz)]
        return [name, str(p.shipments), str(p.voided), format_rupiah(p.revenue),
                format_rupiah(p.cash_sales), format_rupiah(p.cod_total), closing_text(p),
                freshness_text(p, now, tz)]
