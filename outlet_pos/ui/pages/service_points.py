"""Service points: the outlets and drop points the server sent, searchable here offline;
the kind reads as words (``domain.words``), and a search finds those words too."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.words import service_point_kind
from ...i18n import N_, tr
from ..background import run_in_background
from ..texts import error_text

FIELDS = ("code", "kind", "name", "address", "city", "hours", "phone")
HEADERS = (N_("Code"), N_("Kind"), N_("Name"), N_("Address"), N_("City"), N_("Hours"),
           N_("Phone"))


def _cell(p: dict, field: str) -> str:
    value = str(p.get(field) or "")
    return service_point_kind(value) if field == "kind" and value else value


class ServicePointsPage(QWidget):
    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        self._points: list[dict] = []
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Search service points"))
        self.search.textChanged.connect(self._filter)
        label = QLabel(tr("&Search"))
        label.setBuddy(self.search)
        self.table = QTableWidget(0, len(FIELDS))
        self.table.setAccessibleName(tr("Service points"))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel()
        self.note.setAccessibleName(tr("Service points message"))
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def refresh(self) -> None:
        run_in_background(self, self.app.sync.service_points, self._loaded,
                          lambda e: self.note.setText(error_text(e)))

    def _loaded(self, points: list[dict]) -> None:
        self._points = [p for p in points if p.get("active", True)]
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        shown = [p for p in self._points
                 if all(any(w in _cell(p, f).casefold() for f in FIELDS) for w in words)]
        self.table.setRowCount(len(shown))
        for r, p in enumerate(shown):
            for c, f in enumerate(FIELDS):
                self.table.setItem(r, c, QTableWidgetItem(_cell(p, f)))
        self.note.setText(tr("{n} of {total} service points", n=len(shown),
                             total=len(self._points)) if self._points else
                          tr("No service points yet: they come with the first sync"))
