"""Today's shipments: the day's list loaded off the GUI thread, search by waybill or phone,
reprint (F6; marked REPRINT, audited), and each row's state with the reason when printing failed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...i18n import tr
from ...services.auth import UserSession
from ..background import run_in_background
from ..texts import error_text
from .today_model import TodayModel, TodayRow


def _load(app: App, session: UserSession, query: str) -> list[TodayRow]:
    day = app.outlet.business_date(app.db.clock())
    rows = app.shipments.list_day(session, day)
    q = query.replace(" ", "").replace("-", "")
    if q:
        if q.isdigit() and len(q) == 16:  # a whole waybill (phones have at most 13 digits)
            rows = [r for r in rows if r.waybill == q]
        elif q.startswith(("08", "+62", "62")) and len(q) >= 9:
            wanted = set(app.shipments.day_waybills_for_phone(session, query, day))
            rows = [r for r in rows if r.waybill in wanted]
        else:
            rows = [r for r in rows if q in r.waybill]
    jobs = app.printing.latest_jobs([r.waybill for r in rows])
    return [TodayRow(r, jobs.get(r.waybill)) for r in reversed(rows)]  # newest first


class TodayPage(QWidget):
    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__()
        self.app, self.session = app, session
        self._generation = 0
        self.model = TodayModel(app.outlet.timezone)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("waybill or phone number"))
        self.search.setAccessibleName(tr("Search shipments"))
        self.search.returnPressed.connect(self.refresh)
        find_label = QLabel(tr("&Find"))
        find_label.setBuddy(self.search)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Today's shipments"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.reprint = QPushButton(tr("&Reprint"))
        self.reprint.setAccessibleName(tr("Reprint the selected waybill"))
        self.reprint.clicked.connect(self.reprint_selected)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Message"))
        self.count = QLabel()
        self.count.setAccessibleName(tr("Number of shipments shown"))
        top = QHBoxLayout()
        top.addWidget(find_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.reprint)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.count)
        layout.addLayout(bottom)

    def refresh(self) -> None:
        query = self.search.text().strip()
        self.count.setText(tr("Loading…"))
        self._generation += 1
        generation = self._generation
        run_in_background(self, lambda: _load(self.app, self.session, query),
                          lambda rows: self._loaded(generation, rows), self._failed)

    def _loaded(self, generation: int, rows: list[TodayRow]) -> None:
        if generation != self._generation:
            return  # an older request answered late; a newer one is on its way
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(tr("{n} shipments", n=len(rows)))
        if rows:
            self.table.selectRow(0)

    def _failed(self, e: Exception) -> None:
        self.message.setText(error_text(e))

    def selected(self) -> TodayRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def reprint_selected(self) -> None:
        row = self.selected()
        if row is None:
            self.message.setText(tr("Select a shipment first"))
            return
        waybill = row.summary.waybill
        self.message.setText(tr("Printing {waybill}…", waybill=waybill))
        run_in_background(self, lambda: self.app.printing.print_waybill(self.session, waybill),
                          self._printed, self._failed)

    def _printed(self, outcomes: list) -> None:
        failed = [o for o in outcomes if not o.ok]
        if failed:
            o = failed[0]
            self.message.setText(tr("NOT printed: {reason}. {remedy}",
                                    reason=tr(o.message or ""), remedy=tr(o.remedy or "")))
        elif any(o.reprint for o in outcomes):
            self.message.setText(tr("Printed again, marked REPRINT {n}",
                                    n=max(o.reprint for o in outcomes)))
        else:
            self.message.setText(tr("Printed"))
        self.refresh()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
        elif event.key() == Qt.Key.Key_F6:
            self.reprint_selected()
        else:
            super().keyPressEvent(event)
