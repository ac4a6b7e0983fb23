"""Day review's pre-booking conflicts: a booking code dropped off twice (the second use,
made offline at another outlet, is refused by the server and parked there), or a code
the server does not know. Both outlets' managers see the same row, as the sync last
fetched it (sync/prebookings.py): the code, the waybill the server kept and the one it
refused, with outlet and time; no personal data. Hidden while there is none."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
)

from ...bootstrap import App
from ...domain.dropoff import ConflictSide, PrebookingConflict
from ...domain.waybill import format_waybill
from ...i18n import N_, tr
from ...services.auth import UserSession
from ..background import run_in_background
from ..texts import error_text
from .row_model import fill_text_rows

HEADERS = (N_("Code"), N_("Kept by the server"), N_("Refused (parked)"), N_("Noted at"))


class PrebookingConflictsPanel(QGroupBox):
    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__(tr("Pre-booking codes used twice"))
        self.app, self.session = app, session
        self.conflicts: list[PrebookingConflict] = []
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName(tr("Pre-booking conflicts"))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.hide()

    def refresh(self) -> None:
        """Read the kept conflicts off the GUI thread (no network: the sync fetched them)."""
        session, service = self.session, self.app.dropoff
        run_in_background(self, lambda: service.conflicts(session), self.show_conflicts,
                          self._failed)

    def _side(self, side: ConflictSide | None) -> str:
        if side is None:
            return tr("(the server does not know this code)")
        where = tr("outlet {outlet}: {waybill}", outlet=side.outlet,
                   waybill=format_waybill(side.waybill))
        return f"{where}, {self._time(side.used_at)}" if side.used_at else where

    def _time(self, stamp: str | None) -> str:
        try:
            return self.app.outlet.local(datetime.fromisoformat(stamp or "")).strftime(
                "%Y-%m-%d %H:%M")
        except ValueError:
            return stamp or ""

    def show_conflicts(self, conflicts: list[PrebookingConflict]) -> None:
        self.conflicts = conflicts
        self.setVisible(bool(conflicts))
        self.note.setText(tr(
            "{n} pre-booking codes were used twice or are unknown to the server. The refused "
            "waybill is parked at its outlet: take the full price for it, or void it.",
            n=len(conflicts)))
        fill_text_rows(self.table, [(c.code, self._side(c.first), self._side(c.second),
                                     self._time(c.at)) for c in conflicts])

    def _failed(self, e: Exception) -> None:
        self.conflicts = []
        self.table.setRowCount(0)
        self.note.setText(error_text(e))
        self.show()
