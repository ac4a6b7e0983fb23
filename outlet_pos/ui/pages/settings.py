"""Settings, after setup: the printer, the central server and the language.

For managers and technicians (Action.CHANGE_SETTINGS; the services check their own
actions too). The same services as the command line: ``printer use``/``printer
test`` (settings_printer.py), ``enroll`` (services.enrolment) and the language the window
opens in (services.preferences). Everything that touches the disk or the network
runs off the GUI thread; callbacks run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.enrolment import Enrolled
from ...domain.roles import Action, allowed
from ...i18n import get_language, tr
from ...services.auth import UserSession
from ..background import run_in_background
from ..texts import error_text
from .settings_printer import PrinterSettings
from .users_page import UsersSection

LANGUAGE_NAMES = (("id", "Bahasa Indonesia"), ("en", "English"))  # each in its own language


def _labelled(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class SettingsPage(QWidget):
    def __init__(self, app: App, session: UserSession,
                 switch_language: Callable[[str], None]) -> None:
        super().__init__()
        self.app, self.session, self._switch_language = app, session, switch_language
        self.printer = PrinterSettings(app, session)
        layout = QVBoxLayout(self)
        layout.addWidget(self.printer)
        layout.addWidget(self._build_server())
        layout.addWidget(self._build_language())
        self.users: UsersSection | None = None
        if allowed(session.role, Action.DISABLE_USER):  # a manager's: who may log in
            self.users = UsersSection(app, session)
            layout.addWidget(self.users)
        layout.addStretch(1)
        self.confirm: QMessageBox | None = None
        self._enrolled: tuple[str, str] | None = None

    # -- building ---------------------------------------------------------------------
    def _build_server(self) -> QGroupBox:
        box = QGroupBox(tr("Central server"))
        self.server = QLineEdit()
        self.server.setAccessibleName(tr("Server address"))
        self.server.setPlaceholderText(tr("e.g. https://pusat.example.co.id"))
        self.code = QLineEdit()
        self.code.setAccessibleName(tr("Enrollment code"))
        self.ca_file = QLineEdit()
        self.ca_file.setAccessibleName(tr("CA certificate file"))
        self.enroll = QPushButton(tr("Enro&ll"))
        self.enroll.setAccessibleName(tr("Enroll"))
        self.enroll.clicked.connect(self.ask_enroll)
        self.server_state = QLabel()
        self.server_state.setAccessibleName(tr("Server state"))
        self.server_state.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(_labelled(tr("&Server address"), self.server), self.server)
        form.addRow(_labelled(tr("Enrollment co&de"), self.code), self.code)
        form.addRow(_labelled(tr("CA certificate f&ile (optional)"), self.ca_file),
                    self.ca_file)
        row = QHBoxLayout()
        row.addWidget(self.enroll)
        row.addStretch(1)
        form.addRow("", row)
        form.addRow("", self.server_state)
        return box

    def _build_language(self) -> QGroupBox:
        box = QGroupBox(tr("Language"))
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Language"))
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(get_language())))
        self.change_language = QPushButton(tr("&Change language"))
        self.change_language.setAccessibleName(tr("Change language"))
        self.change_language.clicked.connect(self.save_language)
        self.language_state = QLabel()
        self.language_state.setAccessibleName(tr("Language state"))
        row = QHBoxLayout()
        row.addWidget(self.language, 1)
        row.addWidget(self.change_language)
        form = QFormLayout(box)
        form.addRow(_labelled(tr("Lang&uage"), self.language), row)
        form.addRow("", self.language_state)
        return box

    # -- loading ----------------------------------------------------------------------
    def refresh(self) -> None:
        self.printer.refresh()
        if self.users is not None:
            self.users.refresh()
        run_in_background(self, self.app.preferences.enrolled_server, self._show_server,
                          lambda e: self.server_state.setText(error_text(e)))

    def _show_server(self, enrolled: tuple[str, str] | None) -> None:
        self._enrolled = enrolled
        if enrolled is None:
            self.server_state.setText(tr("This terminal is not enrolled at a server yet."))
            return
        if not self.server.text():
            self.server.setText(enrolled[0])
        self.enroll.setText(tr("Enro&ll again"))
        self.enroll.setAccessibleName(tr("Enroll again"))
        self.server_state.setText(tr("Enrolled at {server} as device {device}.",
                                     server=enrolled[0], device=enrolled[1]))

    # -- the server -------------------------------------------------------------------
    def ask_enroll(self) -> None:
        """Enroll with the code; when already enrolled, ask first (the old device id ends)."""
        server, code = self.server.text().strip(), self.code.text().strip()
        if not server:
            self.server_state.setText(tr("Server address: type it, e.g. "
                                         "https://pusat.example.co.id"))
            self.server.setFocus()
            return
        if not code:
            self.server_state.setText(tr("Enrollment code: type the code the head office "
                                         "gave for this terminal"))
            self.code.setFocus()
            return
        if self._enrolled is None:
            self.enroll_now()
            return
        box = QMessageBox(QMessageBox.Icon.Question, tr("Enroll again"),
                          tr("This terminal is enrolled at {server} as device {device}. Enroll "
                             "it again at {new}? Events not yet sent are sent with the new "
                             "device.", server=self._enrolled[0], device=self._enrolled[1],
                             new=server), parent=self)
        # Our own buttons: Qt's standard ones carry no Indonesian.
        yes = box.addButton(tr("&Enroll again"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.accepted.connect(self.enroll_now)
        box.finished.connect(lambda _r: setattr(self, "confirm", None))
        self.confirm = box
        box.open()

    def enroll_now(self) -> None:
        server, code = self.server.text().strip(), self.code.text().strip()
        ca = self.ca_file.text().strip() or None
        app, session = self.app, self.session

        def enroll() -> Enrolled:
            ca_pem = Path(ca).read_text(encoding="utf-8") if ca else None
            return app.enrolment.online(session, server=server, code=code, ca_pem=ca_pem,
                                        ca_path=ca)

        self.enroll.setEnabled(False)
        self.server_state.setText(tr("Enrolling…"))
        run_in_background(self, enroll, self._enrolled_now, self._enroll_failed)

    def _enrolled_now(self, got: Enrolled) -> None:
        self.enroll.setEnabled(True)
        self.code.clear()  # a code is used once
        self._show_server((self.server.text().strip(), got.device_id))
        self.app.sync.sync_now()  # the worker picks the new credential up on its next pass

    def _enroll_failed(self, e: Exception) -> None:
        self.enroll.setEnabled(True)
        if isinstance(e, OSError):  # the CA file; its name is the technician's own typing
            self.server_state.setText(tr("CA certificate file: cannot be read ({error})",
                                         error=type(e).__name__))
        else:
            self.server_state.setText(tr("Not enrolled: {why}", why=error_text(e)))

    # -- the language -----------------------------------------------------------------
    def save_language(self) -> None:
        lang = self.language.currentData()
        prefs, session = self.app.preferences, self.session
        self.change_language.setEnabled(False)
        run_in_background(self, lambda: prefs.save_language(session, lang),
                          lambda _none: self._switch_language(lang), self._language_failed)

    def _language_failed(self, e: Exception) -> None:
        self.change_language.setEnabled(True)
        self.language_state.setText(error_text(e))
