"""Track: a waybill's status history from the server; offline, the last one seen, saying so.

Statuses read as words (``domain.words``), never the server's codes. The history on
screen always belongs to the waybill the note names: it is cleared when a new look-up
starts, so a failed look-up never leaves another waybill's history under its error.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.waybill import format_waybill, normalize_waybill
from ...domain.words import tracking_name
from ...i18n import tr
from ..background import run_in_background
from ..texts import error_text


class TrackPage(QWidget):
    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        self._generation = 0
        self.waybill = QLineEdit()
        self.waybill.setAccessibleName(tr("Waybill to track"))
        self.waybill.returnPressed.connect(self.track)
        label = QLabel(tr("&Waybill"))
        label.setBuddy(self.waybill)
        go = QPushButton(tr("&Track"))
        go.setAccessibleName(tr("Track"))
        go.clicked.connect(self.track)
        self.history = QListWidget()
        self.history.setAccessibleName(tr("Tracking history"))
        self.note = QLabel()
        self.note.setAccessibleName(tr("Tracking message"))
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.waybill, 1)
        top.addWidget(go)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.history, 1)

    def open_waybill(self, waybill: str) -> None:
        """A scanned waybill: looked up at once."""
        self.waybill.setText(format_waybill(waybill))
        self.track()

    def track(self) -> None:
        self._generation += 1
        generation = self._generation
        self.history.clear()  # the old waybill's history must not stand under a new answer
        try:
            number = normalize_waybill(self.waybill.text())
        except Exception as e:
            self.note.setText(error_text(e))
            return
        self.note.setText(tr("Asking the server…"))
        run_in_background(self, lambda: self.app.sync.track(number),
                          lambda got: self._answered(generation, number, got),
                          lambda e: self._failed_for(generation, e))

    def _answered(self, generation: int, number: str,
                  got: tuple[list[dict], datetime | None, bool]) -> None:
        if generation == self._generation:  # else a newer look-up is on its way
            self._show(number, *got)

    def _failed_for(self, generation: int, e: Exception) -> None:
        if generation == self._generation:
            self._failed(e)

    def _show(self, number: str, history: list[dict], fetched: datetime | None,
              live: bool) -> None:
        tz = self.app.outlet.timezone
        self.history.clear()
        for h in history:
            at = datetime.fromisoformat(h["at"]).astimezone(tz)
            self.history.addItem(f"{at:%Y-%m-%d %H:%M}  {tracking_name(str(h['status']))}  "
                                 f"{h.get('location') or ''}  {h.get('note') or ''}".rstrip())
        if not live and fetched is not None:
            self.note.setText(tr("Offline: the last known history of {waybill}, from {when}",
                                 waybill=format_waybill(number),
                                 when=fetched.astimezone(tz).strftime("%Y-%m-%d %H:%M")))
        elif not history:
            self.note.setText(tr("no tracking events yet for {waybill}",
                                 waybill=format_waybill(number)))
        else:
            self.note.setText(format_waybill(number))

    def _failed(self, e: Exception) -> None:
        self.history.clear()
        self.note.setText(error_text(e))
