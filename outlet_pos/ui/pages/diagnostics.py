"""Diagnostics (technician): the ``doctor`` checks in a table, and the events the central
server refused by waybill (refused_panel.py), both read off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App, doctor_for
from ...i18n import N_, tr
from ...services.doctor import FAIL, TITLES, WARN, CheckResult
from ..background import run_in_background
from ..texts import error_text
from .refused_panel import RefusedPanel

HEADERS = (N_("Check"), N_("Status"), N_("Finding"), N_("What to do"))
STATUS = {"ok": N_("OK"), "warn": N_("Warning"), "fail": N_("FAILED")}
COLOURS = {WARN: "#fff3cd", FAIL: "#f8d7da"}


def checks_table() -> QTableWidget:
    """The table of the doctor's checks: the finding and the remedy share the width and
    wrap, so a long one is read whole (the fault screen shows the same table)."""
    table = QTableWidget(0, len(HEADERS))
    table.setAccessibleName(tr("Diagnostics"))
    table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                QHeaderView.ResizeMode.ResizeToContents,
                                QHeaderView.ResizeMode.Stretch,
                                QHeaderView.ResizeMode.Stretch)):
        header.setSectionResizeMode(col, mode)
    table.setWordWrap(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def fill_checks(table: QTableWidget, results: list[CheckResult]) -> None:
    table.setRowCount(len(results))
    for row, r in enumerate(results):
        cells = (tr(TITLES.get(r.check, r.check)), tr(STATUS[r.status]), tr(r.finding),
                 tr(r.remedy) if r.remedy and r.status != "ok" else "")
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if r.status in COLOURS:
                item.setBackground(QBrush(QColor(COLOURS[r.status])))
            table.setItem(row, col, item)
    table.resizeRowsToContents()


class DiagnosticsPage(QWidget):
    """``refresh`` starts the checks; results arrive on the GUI thread (``_shown``)."""

    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        self.results: list[CheckResult] = []
        self.running = False
        self.run_button = QPushButton(tr("&Run the checks again"))
        self.run_button.clicked.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setAccessibleName(tr("Diagnostics summary"))
        self.table = checks_table()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        self.refused = RefusedPanel(app.outlet.timezone)
        layout.addWidget(self.refused, 1)

    def refresh(self) -> None:
        if self.running:
            return
        self.running = True
        self.run_button.setEnabled(False)
        self.summary.setText(tr("Checking… (the printer and the server may take a few seconds)"))
        settings, clock = self.app.settings, self.app.clock
        run_in_background(self, lambda: doctor_for(settings, clock).run(), self._shown,
                          self._failed)
        run_in_background(self, self.app.refused.list, self.refused.show_events,
                          lambda e: self.refused.show_failure(error_text(e)))

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.run_button.setEnabled(True)
        self.summary.setText(error_text(error))

    def _shown(self, results: list[CheckResult]) -> None:
        self.running = False
        self.run_button.setEnabled(True)
        self.results = results
        fill_checks(self.table, results)
        fails = sum(r.status == FAIL for r in results)
        warns = sum(r.status == WARN for r in results)
        self.summary.setText(tr("{fails} failed, {warns} warnings, {ok} ok", fails=fails,
                                warns=warns, ok=len(results) - fails - warns))
