"""The log-in dialog: user id and password; also the unlock screen of a locked counter.

As the unlock screen (``lock=True``) it is application-modal over the main window and
cannot be cancelled (no Cancel button; Esc and the window's close button do nothing),
so nothing behind it takes a key or a click until someone logs in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..bootstrap import App
from ..i18n import tr
from ..services.auth import UserSession
from .background import run_in_background
from .texts import error_text


class LoginDialog(QDialog):
    def __init__(self, app: App, locked_by: str | None = None, *, lock: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.lock = app, lock
        self.session: UserSession | None = None
        self.setWindowTitle(tr("Outlet POS — log in"))
        if lock:
            self.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.user = QLineEdit()
        self.user.setAccessibleName(tr("User id"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Password"))
        self.message = QLabel()
        self.message.setAccessibleName(tr("Log-in message"))
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("&User id"), self.user)
        form.addRow(tr("&Password"), self.password)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("&Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        # Enter on the user id moves to the password; Enter on the password logs in.
        # (A default button would make the first Enter submit an empty password.)
        self.ok.setAutoDefault(False)
        if not lock:
            cancel = buttons.addButton(tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
            cancel.setAutoDefault(False)
            cancel.setAccessibleName(tr("Cancel"))
        self.ok.setAccessibleName(tr("Log in"))
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        for field in (self.user, self.password):
            field.installEventFilter(self)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._try)
        layout = QVBoxLayout(self)
        if locked_by:
            heading = tr("Counter locked by {user}; log in to continue", user=locked_by)
        elif lock:
            heading = tr("Switch user: log in")
        else:
            heading = tr("{outlet} — terminal {terminal}", outlet=app.outlet.name,
                         terminal=app.outlet.terminal)
        title = QLabel(heading)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setAccessibleName(tr("Log-in title"))
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.user.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An Alt key no shortcut took (a page's mnemonic pressed at the lock) is not typing:
        # a line edit would insert its letter into the user id.
        return (event.type() == QEvent.Type.KeyPress
                and bool(event.modifiers() & Qt.KeyboardModifier.AltModifier))

    def reject(self) -> None:
        # A lock is not cancelled: only a log-in ends it (QDialog's closeEvent and Esc
        # both come here, and the dialog stays when nothing is rejected).
        if not self.lock:
            super().reject()

    def _try(self) -> None:
        user, password = self.user.text().strip(), self.password.text()
        if not user:
            self.message.setText(tr("Type your user id"))
            self.user.setFocus()
            return
        if not password:  # Enter on the user id (the default button): on to the password
            self.password.setFocus()
            return
        self.ok.setEnabled(False)
        self.message.setText(tr("Checking…"))
        # Argon2 takes a moment; the window keeps answering meanwhile.
        run_in_background(self, lambda: self.app.auth.login(user, password), self._ok,
                          self._failed)

    def _ok(self, session: UserSession) -> None:
        self.session = session
        self.accept()

    def _failed(self, e: Exception) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(error_text(e))
