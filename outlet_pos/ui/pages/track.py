"""Track: a waybill's status history from the server; offline, the last one seen, saying so."""

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
from ...i18n import tr
from ..background import run_in_background
from ..texts import error_text


class TrackPage(QWidget):
    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
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

    def track(self) -> None:
        try:
            number = normalize_waybill(self.waybill.text())
        except Exception as e:
            self.note.setText(error_text(e))
            return
        self.note.setText(tr("Asking the server…"))
        run_in_background(self, lambda: self.app.sync.track(number),
                          lambda got: self._show(number, *got), self._failed)

    def _show(self, number: str, history: list[dict], fetched: datetime | None,
              live: bool) -> None:
        tz = self.app.outlet.timezone
        self.history.clear()
        for h in history:
            at = datetime.fromisoformat(h["at"]).astimezone(tz)
            self.history.addItem(f"{at:%Y-%m-%d %H:%M}  {h['status']}  "
                                 f"{h.get('location') or ''}  {h.get('note') or ''}".rstrip())
        if not live and fetched is not None:
            self.note.setText(tr("Offline: the last known history of {waybill}, from {when}",
                                 waybill=format_waybill(number),
                                 when=fetched.astimezone(tz).strftime("%Y-%m-%d %H:%M")))
        elif not history:
            self.note.setText(tr("no tracking events yet for {waybill}", waybill=number))
        else:
            self.note.setText(format_waybill(number))

    def _failed(self, e: Exception) -> None:
        self.history.clear()
        self.note.setText(error_text(e))
