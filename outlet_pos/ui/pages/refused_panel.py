"""The events the central server refused, one readable row each: the waybill (or the
closing), when, the server's reason in the user's words, and what to do. Long reasons
wrap; the reason and the remedy share the width."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
)

from ...domain.waybill import format_waybill
from ...i18n import N_, tr
from ...protocol.events import DAY_CLOSED, DAY_REOPENED, SHIPMENT_CREATED, SHIPMENT_VOIDED
from ...services.refused import Refused
from .row_model import fill_text_rows

HEADERS = (N_("Waybill"), N_("Time"), N_("Reason"), N_("What to do"))


def event_name(r: Refused) -> str:
    """What the refused event is, as a manager names it: the waybill first."""
    if r.kind == SHIPMENT_CREATED and r.waybill:
        return format_waybill(r.waybill)
    if r.kind == SHIPMENT_VOIDED and r.waybill:
        return tr("void of {waybill}", waybill=format_waybill(r.waybill))
    if r.kind == DAY_CLOSED:
        return tr("closing of the day")
    if r.kind == DAY_REOPENED:
        return tr("reopening of the day")
    return r.kind


class RefusedPanel(QGroupBox):
    """``show_events`` on the GUI thread; the caller reads the events off it."""

    def __init__(self, timezone: tzinfo) -> None:
        super().__init__(tr("Refused by the central server"))
        self._tz = timezone
        self.events: list[Refused] = []
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName(tr("Events the central server refused"))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(col, mode)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def _time(self, stamp: str) -> str:
        try:
            return datetime.fromisoformat(stamp).astimezone(self._tz).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return stamp

    def show_events(self, events: list[Refused]) -> None:
        self.events = events
        self.note.setText(tr("{n} events were refused and are not sent. A manager sends them "
                             "again in Day review once the cause is fixed.", n=len(events))
                          if events else tr("The server refused no event."))
        fill_text_rows(self.table, [(event_name(r), self._time(r.created_at), tr(r.reason),
                                     tr(r.remedy)) for r in events])

    def show_failure(self, text: str) -> None:
        self.events = []
        self.table.setRowCount(0)
        self.note.setText(text)
