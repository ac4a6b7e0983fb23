"""The wizard's scale rows: a connection, a profile and "Find scales" (on the printer page).

Finding probes the serial ports and USB HID scales through ``SetupService.find_scales``
off the GUI thread, only when the technician presses the button; the first scale found
fills the fields and the others are listed to choose from. The answers go into
``SetupRequest.scale`` / ``scale_profile``; empty means no scale (the weight is typed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..i18n import tr
from ..scales.profiles import all_profiles
from .background import run_in_background
from .texts import error_text


class ScaleFields:
    """Adds its rows to ``page`` (the wizard's ``_Page``); ``owner`` owns the background call."""

    def __init__(self, owner: QWidget, page: Any, finder: Callable[[], Callable[[], Any]]) -> None:
        self._owner, self._finder = owner, finder  # finder: the wizard's setup, asked each time
        self.connection = QLineEdit(placeholderText="serial:/dev/ttyUSB0, serial:COM3, "
                                                    "hid:0922:8003")
        self.connection.setObjectName("scale_connection")
        self.profile = QComboBox()
        self.profile.setObjectName("scale_profile")
        self.profile.addItem(tr("by USB id (HID scales)"), None)
        for name, p in all_profiles().items():
            self.profile.addItem(f"{name} — {p.title}", name)
        self.find = QPushButton(tr("Find sc&ales"))
        self.find.setObjectName("find_scales")
        self.find.clicked.connect(self._find)
        self.found = QComboBox()
        self.found.setObjectName("scales_found")
        self.found.setVisible(False)
        self.found.activated.connect(self._choose)
        self.note = QLabel(wordWrap=True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.connection, 1)
        row.addWidget(self.find)
        holder = QWidget()
        holder.setLayout(row)
        page.row("scale_connection", tr("Scale (empty: the weight is typed)"), holder,
                 self.connection)
        page.row("scale_profile", tr("Scale profile"), self.profile)
        page.form.addRow("", self.found)
        page.form.addRow("", self.note)

    def answers(self) -> tuple[str | None, str | None]:
        connection = self.connection.text().strip() or None
        return connection, self.profile.currentData() if connection else None

    def fill(self, connection: str | None, profile: str | None) -> None:
        if connection:
            self.connection.setText(connection)
        if profile:
            self.profile.setCurrentIndex(max(self.profile.findData(profile), 0))

    def _find(self) -> None:
        self.find.setEnabled(False)
        self.note.setText(tr("Looking for scales (a few seconds)…"))
        run_in_background(self._owner, self._finder(), self._found, self._failed)

    def _found(self, found_problems: tuple[list[Any], list[str]]) -> None:
        self.find.setEnabled(True)
        found, problems = found_problems
        self.found.clear()
        for f in found:
            self.found.addItem(f"{f.connection} ({f.profile}) {getattr(f, 'seen_as', '')}"
                               .strip(), (f.connection, f.profile))
        self.found.setVisible(len(found) > 1)
        if found:
            self._choose(0)
            self.note.setText(tr("found {n} scale(s); the first is chosen", n=len(found)))
        else:
            why = "; ".join(problems)
            self.note.setText(tr("no scale found") + (f" ({why})" if why else ""))

    def _choose(self, index: int) -> None:
        connection, profile = self.found.itemData(index)
        self.fill(connection, profile)

    def _failed(self, error: Exception) -> None:
        self.find.setEnabled(True)
        self.note.setText(error_text(error))
