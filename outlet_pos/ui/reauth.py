"""Re-authentication for sensitive actions (void, reopen, unmasked export): a user id and
password entered again now, and where the action asks for one, a written reason.

The user id is prefilled with the person at the counter but stays editable, so a manager
can authorise a clerk's request at the clerk's window. The password is checked with
``app.auth.login`` off the GUI thread (Argon2 takes a moment; a wrong password counts
toward the lock-out and is audited like any log-in). A wrong password or a user without
the needed role is shown in the dialog, which stays open. After ``accepted``:
``session`` (the authorising user), ``password`` and ``reason`` are set.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..bootstrap import App
from ..domain.roles import Role
from ..i18n import N_, tr
from ..services.auth import UserSession
from .background import run_in_background
from .texts import error_text

ROLE_NAMES = {Role.MANAGER: N_("a manager"), Role.TECHNICIAN: N_("a technician"),
              Role.CLERK: N_("a clerk")}


class ReauthDialog(QDialog):
    """Callbacks run on the GUI thread; open it with ``open()`` and listen to ``accepted``."""

    def __init__(self, app: App, *, title: str, explanation: str, user: str = "",
                 roles: Collection[Role] = (Role.MANAGER,), reason_min: int | None = None,
                 ok_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.roles, self.reason_min = app, frozenset(roles), reason_min
        self.session: UserSession | None = None
        self.password_text = ""
        self.reason_text = ""
        self.setWindowTitle(title)
        intro = QLabel(explanation)
        intro.setWordWrap(True)
        self.user = QLineEdit(user)
        self.user.setAccessibleName(tr("User id"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Password"))
        form = QFormLayout()
        form.addRow(tr("&User id"), self.user)
        form.addRow(tr("&Password"), self.password)
        self.reason: QPlainTextEdit | None = None
        if reason_min is not None:
            self.reason = QPlainTextEdit()
            self.reason.setAccessibleName(tr("Reason"))
            self.reason.setTabChangesFocus(True)
            self.reason.setFixedHeight(80)
            form.addRow(tr("&Reason"), self.reason)
            hint = QLabel(tr("at least {n} characters", n=reason_min))
            hint.setAccessibleName(tr("Reason hint"))
            form.addRow("", hint)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Authorisation message"))
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(ok_text or tr("&Authorise"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAccessibleName(tr("Authorise"))
        self.ok.setAutoDefault(False)
        cancel = buttons.addButton(tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName(tr("Cancel"))
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        (self.password if user else self.user).setFocus()

    def submit(self) -> None:
        user, password = self.user.text().strip(), self.password.text()
        reason = self.reason.toPlainText().strip() if self.reason is not None else ""
        if not user:
            self.message.setText(tr("User id: type the user id of who authorises this"))
            self.user.setFocus()
            return
        if not password:
            self.message.setText(tr("Password: type the password of {user}", user=user))
            self.password.setFocus()
            return
        if self.reason is not None and len(reason) < (self.reason_min or 0):
            self.message.setText(tr("Reason: write at least {n} characters",
                                    n=self.reason_min))
            self.reason.setFocus()
            return
        self.ok.setEnabled(False)
        self.message.setText(tr("Checking…"))
        self._pending = (password, reason)
        run_in_background(self, lambda: self.app.auth.login(user, password), self._ok,
                          self._failed)

    def _ok(self, session: UserSession) -> None:
        password, reason = self._pending
        self.ok.setEnabled(True)
        if session.role not in self.roles:
            wanted = tr(" or ").join(tr(ROLE_NAMES[r]) for r in sorted(self.roles))
            self.message.setText(tr("{user} may not authorise this; it needs {who}",
                                    user=session.username, who=wanted))
            self.password.clear()
            self.user.setFocus()
            self.user.selectAll()
            return
        self.session, self.password_text, self.reason_text = session, password, reason
        self.accept()

    def _failed(self, e: Exception) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(error_text(e))
