"""Settings → Users at a person's pace: a manager resets a clerk's forgotten password, and
the clerk, logging in with the temporary one, is made to choose their own first.

Before: no screen could reset, disable or unlock anyone, and nothing forced a change
after a reset. Here the real main window, log-in dialog and services run on a real data
directory; the Argon2 work runs off the GUI thread, and the test waits on what the
screen shows, never on the clock.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from outlet_pos.domain.roles import Role
from outlet_pos.i18n import tr
from outlet_pos.services.auth import LoginFailed
from outlet_pos.ui.login import LoginDialog
from outlet_pos.ui.main_window import MainWindow
from tests.conftest import CLERK, MANAGER, TECH

from .human import Human

TEMPORARY, CHOSEN = "sementara-2026-x", "pilihan-kasir-2026"


def _users_section(app, qtbot, who):
    w = MainWindow(app, app.auth.login(*who), start_sync=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.settings is not None
    w.pages.setCurrentWidget(w.settings)  # shown: it loads the list
    return w, w.settings.users


def test_only_a_manager_has_the_users_section(app, qtbot):
    _, section = _users_section(app, qtbot, TECH)
    assert section is None


def test_a_manager_resets_a_clerk_who_must_then_choose_a_new_password(app, qtbot):
    w, section = _users_section(app, qtbot, MANAGER)
    qtbot.waitUntil(lambda: section.table.rowCount() == 3, timeout=10_000)
    section.select(CLERK[0])
    assert section.reset.isEnabled() and not section.unlock.isEnabled()
    person = Human(qtbot, w)
    person.click(section.reset)
    qtbot.waitUntil(lambda: section.dialog is not None and section.dialog.isVisible())
    dialog = section.dialog
    qtbot.waitUntil(dialog.password.hasFocus)
    manager = Human(qtbot, dialog)
    manager.field("pendek")  # too short: the dialog says so and stays
    manager.field("pendek")
    qtbot.waitUntil(lambda: "10" in dialog.message.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.password.text() == ""
    manager.field(TEMPORARY)
    manager.field(TEMPORARY)
    qtbot.waitUntil(lambda: section.dialog is None, timeout=10_000)
    qtbot.waitUntil(lambda: tr("must change password") in _row_text(section, CLERK[0]),
                    timeout=10_000)
    assert CLERK[0] in section.message.text()
    with pytest.raises(LoginFailed):  # the forgotten password is gone
        app.auth.login(*CLERK)

    login = LoginDialog(app)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitUntil(login.user.hasFocus)
    clerk = Human(qtbot, login)
    clerk.field(CLERK[0])
    clerk.field(TEMPORARY)
    qtbot.waitUntil(login.new_password.isVisible, timeout=10_000)
    assert login.session is None and login.new_password.hasFocus()
    assert not login.password.isVisible() and login.user.isReadOnly()
    clerk.field(CHOSEN)
    clerk.field(CHOSEN + "x")  # a slip on the repeat: both typed again
    assert login.session is None and login.new_password.text() == ""
    clerk.field(CHOSEN)
    clerk.type(CHOSEN)
    clerk.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.session is not None, timeout=10_000)
    assert login.session.username == CLERK[0] and login.session.role is Role.CLERK
    assert app.auth.login(CLERK[0], CHOSEN).role is Role.CLERK
    with pytest.raises(LoginFailed):
        app.auth.login(CLERK[0], TEMPORARY)


def _row_text(section, username: str) -> str:
    for i in range(section.table.rowCount()):
        if section.table.item(i, 0).text() == username:
            return section.table.item(i, 2).text()
    return ""
