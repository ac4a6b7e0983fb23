"""Settings → the printer: connection and profile, USB detection, and a test page.

The same print service as ``outlet-pos printer use`` / ``printer test``; saving,
detecting and printing run off the GUI thread (a printer can hang for seconds).
Callbacks run on the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from ...bootstrap import App
from ...domain.print_faults import PrinterFault
from ...i18n import tr
from ...printing.profiles import all_profiles
from ...services.auth import UserSession
from ...services.setup import choose_usb_printer
from ..background import run_in_background
from ..texts import error_text


def _detect() -> tuple[list[Any], Any]:
    from ...printing.detect import usb_printers

    return usb_printers()


class PrinterSettings(QGroupBox):
    changed = Signal()  # a printer was saved (GUI thread)

    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__(tr("Printer"))
        self.app, self.session = app, session
        self.connection = QLineEdit()
        self.connection.setAccessibleName(tr("Printer connection"))
        self.connection.setPlaceholderText(tr("e.g. usb:0416:5011 or net:192.168.1.50:9100"))
        self.profile = QComboBox()
        self.profile.setAccessibleName(tr("Printer profile"))
        self.profile.addItem(tr("by USB id, else generic-80"), None)
        for name, p in all_profiles().items():
            self.profile.addItem(f"{name} — {p.title}", name)
        self.detect = QPushButton(tr("&Find USB printers"))
        self.detect.setAccessibleName(tr("Find USB printers"))
        self.detect.clicked.connect(self.find_usb)
        self.save = QPushButton(tr("Sa&ve printer"))
        self.save.setAccessibleName(tr("Save printer"))
        self.save.clicked.connect(self.save_printer)
        self.test = QPushButton(tr("Print a t&est page"))
        self.test.setAccessibleName(tr("Print a test page"))
        self.test.clicked.connect(self.test_print)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Printer message"))
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.connection, 1)
        row.addWidget(self.detect)
        connection_label = QLabel(tr("Printer c&onnection"))
        connection_label.setBuddy(self.connection)
        profile_label = QLabel(tr("Printer p&rofile"))
        profile_label.setBuddy(self.profile)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.test)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(connection_label, row)
        form.addRow(profile_label, self.profile)
        form.addRow("", buttons)
        form.addRow("", self.message)

    def refresh(self) -> None:
        run_in_background(self, self.app.printing.printer, self._show_current,
                          lambda e: self.message.setText(error_text(e)))

    def _show_current(self, printer: Any) -> None:
        if printer is None:
            self.message.setText(tr("No printer set up"))
            return
        self.connection.setText(printer.connection)
        self.profile.setCurrentIndex(max(0, self.profile.findData(printer.profile_name)))
        self.message.setText(tr("This counter prints to {connection} as {profile}.",
                                connection=printer.connection, profile=printer.profile_name))

    def _busy(self, busy: bool, text: str = "") -> None:
        for b in (self.detect, self.save, self.test):
            b.setEnabled(not busy)
        if text:
            self.message.setText(text)

    def find_usb(self) -> None:
        self._busy(True, tr("Looking for USB printers…"))
        run_in_background(self, _detect, self._found, self._failed)

    def _found(self, found_problem: tuple[list[Any], Any]) -> None:
        self._busy(False)
        found, problem = found_problem
        chosen = choose_usb_printer(found)
        if chosen:
            self.connection.setText(chosen[0])
            self.profile.setCurrentIndex(max(0, self.profile.findData(chosen[1])))
            self.message.setText(tr("found {connection} ({profile})", connection=chosen[0],
                                    profile=chosen[1]))
        else:
            self.message.setText(tr(problem) if problem else tr("no USB printer found"))

    def save_printer(self) -> None:
        connection, profile = self.connection.text().strip(), self.profile.currentData()
        if not connection:
            self.message.setText(tr("Printer connection: type where the printer is, e.g. "
                                    "usb:0416:5011 or net:192.168.1.50:9100"))
            self.connection.setFocus()
            return
        self._busy(True, tr("Saving…"))
        session = self.session
        run_in_background(self, lambda: self.app.printing.configure(session, connection,
                                                                     profile),
                          self._saved, self._failed)

    def _saved(self, printer: Any) -> None:
        self._busy(False)
        self._show_current(printer)
        self.changed.emit()

    def test_print(self) -> None:
        self._busy(True, tr("Printing the test page…"))
        session = self.session
        run_in_background(self, lambda: self.app.printing.test_page(session), self._tested,
                          self._failed)

    def _tested(self, printer: Any) -> None:
        self._busy(False)
        self.message.setText(tr("The test page went to {connection}: check on paper that the "
                                "barcode and the QR scan and the accents print.",
                                connection=printer.connection))

    def _failed(self, e: Exception) -> None:
        self._busy(False)
        if isinstance(e, PrinterFault):
            self.message.setText(tr("The test page was not printed: {problem}. What to do: "
                                    "{remedy}", problem=tr(e.message), remedy=tr(e.remedy)))
        else:
            self.message.setText(error_text(e))
