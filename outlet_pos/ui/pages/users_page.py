"""Settings → Users, for managers: who may log in, with role and state, and their changes.

The same services as ``outlet-pos user list/add/disable/enable/reset/unlock``. The list
shows no password and nothing personal; a record edited outside the app shows as such
and every change to it is refused by the service. Hashing a password (Argon2) and every
database call run off the GUI thread; callbacks run on the GUI thread. The add and reset
dialogs are deleted once finished.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.errors import ValidationError
from ...i18n import Msg, tr
from ...services.auth import UserInfo, UserSession
from ...services.user_words import ROLE_LABELS, state_text
from ..background import run_in_background
from ..texts import error_text


class PasswordDialog(QDialog):
    """A new user (id, role, password) or a reset (a temporary password), typed twice.

    ``save(password)`` runs in the background; the dialog closes when it succeeds and
    shows the service's message (naming the field) when it does not."""

    def __init__(self, parent: QWidget, title: str, save: Callable[..., Any], *,
                 new_user: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        form = QFormLayout()
        self.user = QLineEdit()
        self.user.setAccessibleName(tr("New user id"))
        self.role = QComboBox()
        self.role.setAccessibleName(tr("Role"))
        for code, label in ROLE_LABELS.items():
            self.role.addItem(tr(label), code)
        if new_user:
            form.addRow(tr("User id"), self.user)
            form.addRow(tr("Role"), self.role)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("New password"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(tr("Repeat the new password"))
        form.addRow(tr("Password") if new_user else tr("Temporary password"), self.password)
        form.addRow(tr("Repeat the password"), self.repeat)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Users message"))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAccessibleName(tr("Save"))
        self.ok.setAutoDefault(False)
        cancel = buttons.addButton(tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.user if new_user else self.password).setFocus()

    def submit(self) -> None:
        # Enter on a field reaches here too (the button box makes Save the default
        # button): an empty field is where the typing goes next, not a mistake.
        password = self.password.text()
        if not self.ok.isEnabled():
            return
        if self.user.isVisible() and not self.user.text().strip():
            self.user.setFocus()
            return
        if not password:
            self.password.setFocus()
            return
        if not self.repeat.text():
            self.repeat.setFocus()
            return
        if password != self.repeat.text():
            self._failed(ValidationError(("password",
                                          Msg("the two entries differ; type it again"))))
            return
        user, role = self.user.text().strip(), self.role.currentData()
        self.ok.setEnabled(False)
        self.message.setText(tr("Saving…"))
        run_in_background(self, lambda: self._save(user, role, password),
                          lambda _none: self.accept(), self._failed)

    def _failed(self, e: Exception) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.repeat.clear()
        self.password.setFocus()
        self.message.setText(error_text(e))


class UsersSection(QGroupBox):
    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__(tr("Users"))
        self.app, self.session = app, session
        self.users: list[UserInfo] = []
        self.dialog: PasswordDialog | None = None
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(tr("Users"))
        self.table.setHorizontalHeaderLabels([tr("User id"), tr("Role"), tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        row = QHBoxLayout()
        self.add = self._button(row, tr("Add user…"), self.ask_add)
        self.disable = self._button(row, tr("Disable"), lambda: self._change("disable_user"))
        self.enable = self._button(row, tr("Enable"), lambda: self._change("enable_user"))
        self.reset = self._button(row, tr("Reset password…"), self.ask_reset)
        self.unlock = self._button(row, tr("Unlock"), lambda: self._change("unlock_user"))
        row.addStretch(1)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Users message"))
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._selection_changed()

    @staticmethod
    def _button(row: QHBoxLayout, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- the list ---------------------------------------------------------------------
    def refresh(self) -> None:
        run_in_background(self, lambda: self.app.auth.list_users(self.session), self._show,
                          lambda e: self.message.setText(error_text(e)))

    def _show(self, users: list[UserInfo]) -> None:
        chosen = self.selected()
        self.users = users
        self.table.setRowCount(len(users))
        roles = ROLE_LABELS
        for i, u in enumerate(users):
            role = tr(roles[u.role.value]) if u.role else "?"
            for col, text in enumerate((u.username, role, state_text(u))):
                self.table.setItem(i, col, QTableWidgetItem(text))
            if u.username == chosen:
                self.table.selectRow(i)
        self._selection_changed()

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()].username if rows and self.users else None

    def select(self, username: str) -> None:
        for i, u in enumerate(self.users):
            if u.username == username:
                self.table.selectRow(i)

    def _selection_changed(self) -> None:
        name = self.selected()
        u = next((u for u in self.users if u.username == name), None)
        changeable = u is not None and u.intact
        self.disable.setEnabled(changeable and u is not None and not u.disabled)
        self.enable.setEnabled(changeable and u is not None and u.disabled)
        self.reset.setEnabled(changeable)
        self.unlock.setEnabled(changeable and u is not None and u.locked_until is not None)

    # -- changes ----------------------------------------------------------------------
    def _change(self, method: str) -> None:
        name = self.selected()
        if name is None:
            return
        change = getattr(self.app.auth, method)
        done = {"disable_user": Msg("User '{user}' is disabled: they can no longer log in. "
                                    "Their history stays."),
                "enable_user": Msg("User '{user}' can log in again."),
                "unlock_user": Msg("User '{user}' is unlocked; their wrong tries start again "
                                   "from zero.")}[method]
        run_in_background(self, lambda: change(self.session, name),
                          lambda _none: self._done(tr(done, user=name)),
                          lambda e: self.message.setText(error_text(e)))

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.refresh()

    def _open(self, dialog: PasswordDialog, done: Callable[[], str]) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._done(done()))
        dialog.finished.connect(self._closed)
        dialog.open()

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def ask_add(self) -> None:
        auth, session = self.app.auth, self.session
        d = PasswordDialog(self, tr("Add user"),
                           lambda user, role, pw: auth.add_user(session, user, role, pw),
                           new_user=True)
        self._open(d, lambda: tr("User '{user}' added with role {role}.",
                                 user=d.user.text().strip(), role=d.role.currentText()))

    def ask_reset(self) -> None:
        name = self.selected()
        if name is None:
            return
        auth, session = self.app.auth, self.session
        d = PasswordDialog(self, tr("Reset the password of {user}", user=name),
                           lambda _u, _r, pw: auth.reset_password(session, name, pw),
                           new_user=False)
        self._open(d, lambda: tr("The password of '{user}' is reset. Give them the temporary "
                                 "password; they must choose their own at their next log-in.",
                                 user=name))
