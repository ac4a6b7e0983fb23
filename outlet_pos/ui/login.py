"""The log-in dialog: user id and password; also the unlock screen of a locked counter.

As the unlock screen (``lock=True``) it is application-modal over the main window and
cannot be cancelled (no Cancel button; Esc and the window's close button do nothing),
so nothing behind it takes a key or a click until someone logs in.

After a manager's reset the right (temporary) password gives no session: the dialog
asks for a new password, twice, and logs in with it (``AuthService.change_password``).
Argon2 runs off the GUI thread; its callbacks run on the GUI thread.
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
from ..domain.errors import ValidationError
from ..i18n import Msg, tr
from ..services.auth import PasswordChangeRequired, UserSession
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
        # Shown only after a manager's reset: the user's own new password, twice.
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setAccessibleName(tr("New password"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(tr("Repeat the new password"))
        self._temporary: str | None = None  # the reset password, held until the change
        self.message = QLabel()
        self.message.setAccessibleName(tr("Log-in message"))
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        form = self.form = QFormLayout()
        form.addRow(tr("&User id"), self.user)
        form.addRow(tr("&Password"), self.password)
        form.addRow(tr("&New password"), self.new_password)
        form.addRow(tr("&Repeat new password"), self.repeat)
        for field in (self.new_password, self.repeat):
            form.setRowVisible(field, False)
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
        for field in (self.user, self.password, self.new_password, self.repeat):
            field.installEventFilter(self)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._try)
        self.new_password.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self._try)
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
        if self._temporary is not None:
            self._change()
            return
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
        self._temporary = None
        self.session = session
        self.accept()

    def _failed(self, e: Exception) -> None:
        self.ok.setEnabled(True)
        if isinstance(e, PasswordChangeRequired) and self._temporary is None:
            self._ask_new_password(self.password.text())
            return
        self.password.clear()
        self.password.setFocus()
        self.message.setText(error_text(e))

    # -- the forced change after a manager's reset -------------------------------------
    def _ask_new_password(self, temporary: str) -> None:
        self._temporary = temporary
        self.user.setReadOnly(True)
        self.form.setRowVisible(self.password, False)
        self.password.clear()
        for field in (self.new_password, self.repeat):
            self.form.setRowVisible(field, True)
        self.ok.setText(tr("&Save and log in"))
        self.ok.setAccessibleName(tr("Save and log in"))
        self.message.setText(tr("A manager reset your password. Choose your own new password "
                                "(at least 10 characters) and type it twice."))
        self.adjustSize()  # two more rows and a longer message: no text cut off
        self.new_password.setFocus()

    def _change(self) -> None:
        new, again = self.new_password.text(), self.repeat.text()
        if not new:
            self.new_password.setFocus()
            return
        if not again:  # Enter on the new password (the default button): on to the repeat
            self.repeat.setFocus()
            return
        if new != again:
            self._change_failed(ValidationError(
                ("password", Msg("the two entries differ; type it again"))))
            return
        user, temporary = self.user.text().strip(), self._temporary or ""
        self.ok.setEnabled(False)
        self.message.setText(tr("Saving…"))
        run_in_background(self, lambda: self.app.auth.change_password(user, temporary, new),
                          self._ok, self._change_failed)

    def _change_failed(self, e: Exception) -> None:
        self.ok.setEnabled(True)
        self.new_password.clear()
        self.repeat.clear()
        self.new_password.setFocus()
        self.message.setText(error_text(e))
