"""The log-in typed at a person's pace: user id, Enter, password, Enter.

Found driving wizard → log-in → main window under Xvfb with xdotool: the log-in button is
the dialog's default button (QDialogButtonBox makes its accept button so), so Enter on the
user id also submitted an empty password; its refusal arrived while the password was
being typed, cleared the field, and the clerk's password was refused as wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from outlet_pos.ui.login import LoginDialog

from ..conftest import MANAGER
from .human import Human


def test_enter_on_the_user_id_then_the_password_logs_in(qtbot, app):
    d = LoginDialog(app)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(d.user.hasFocus)
    person = Human(qtbot, d, pace=1)
    person.type(MANAGER[0] + "\n")  # Enter on the user id: on to the password, at once
    assert d.password.hasFocus()
    assert d.message.text() == "" and d.ok.isEnabled()  # nothing was submitted
    person.type(MANAGER[1])
    assert d.password.text() == MANAGER[1]  # nothing cleared it while it was typed
    person.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.session is not None, timeout=10_000)
    assert d.session.username == MANAGER[0]
