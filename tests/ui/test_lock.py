"""A lock that locks: Lock now and Switch user, an application-modal log-in over a privacy
screen, no key of any page working under it, nothing personal on screen, and who logs in
owning the counter (the same clerk finds the form as it was, another a fresh one)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from outlet_pos.i18n import get_language, set_language
from outlet_pos.ui.main_window import MainWindow
from tests.conftest import CLERK, MANAGER, TECH
from tests.shipment_factory import book_random
from tests.ui.screen_text import visible_texts, window_keys

NAME, PHONE, STREET = "Siti Rahayu Lestari", "081298765432", "Jalan Melati Nomor 7"


def _open(app, qtbot, who) -> MainWindow:
    w = MainWindow(app, app.auth.login(*who), start_sync=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.today.model.modelReset, timeout=10_000):
        w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    return w


def _key(target, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """A real key event: through the window system's entry (QWindow), as a keyboard sends it."""
    QTest.keyClick(target.windowHandle(), key, mods)


def _fill_sender(w: MainWindow, qtbot) -> None:
    s = w.new_shipment.sender
    qtbot.keyClicks(s.phone, PHONE)
    qtbot.keyClicks(s.name, NAME)
    qtbot.keyClicks(s.street, STREET)


def _lock(w: MainWindow, qtbot, key: str = "F12", at=None) -> None:
    _key(at or w, Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier if key == "Shift+F12"
         else Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: w.lock_dialog is not None and w.lock_dialog.isVisible(),
                    timeout=5_000)


def _unlock(w: MainWindow, qtbot, who) -> None:
    d = w.lock_dialog
    qtbot.keyClicks(d.user, who[0])
    qtbot.keyClicks(d.password, who[1])
    with qtbot.waitSignal(d.accepted, timeout=10_000):
        QTest.keyClick(d.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)


@pytest.fixture
def booked(app):
    boss = app.auth.login(*MANAGER)
    waybills = book_random(app, boss, 3)
    people = []
    for wb in waybills:
        r = app.shipments.show(boss, wb)
        people += [r.sender.name, r.recipient.name, r.sender.phone[-8:], r.recipient.phone[-8:]]
    return waybills, people


def test_the_lock_is_application_modal_over_a_privacy_screen(app, qtbot):
    w = _open(app, qtbot, CLERK)
    lock_button = next(b for b in w.findChildren(QPushButton)
                       if b.accessibleName() == "Kunci sekarang")
    assert lock_button.isVisible()
    assert any(b.accessibleName() == "Ganti pengguna" for b in w.findChildren(QPushButton))
    lock_button.click()
    d = w.lock_dialog
    assert d is not None and d.isVisible() and d.parent() is w
    assert d.windowModality() == Qt.WindowModality.ApplicationModal
    assert QApplication.activeModalWidget() is d
    assert w.stack.currentWidget() is w.privacy and w.privacy.isVisible()
    assert w.privacy.accessibleName() == "Layar terkunci"
    assert not w.pages.isVisible()  # hidden, not just disabled
    assert "Outlet Uji" in w.privacy.outlet.text() and CLERK[0] in w.privacy.who.text()
    assert ":" in w.privacy.time.text()
    # Esc, the close button: a lock is not cancelled.
    QTest.keyClick(d.windowHandle(), Qt.Key.Key_Escape)
    d.close()
    assert d.isVisible() and w.locked
    w.close()


@pytest.mark.parametrize("who", [MANAGER, TECH], ids=["manager", "technician"])
def test_no_key_of_any_page_works_while_locked_and_nothing_personal_shows(app, qtbot, booked,
                                                                          who):
    waybills, people = booked
    w = _open(app, qtbot, who)  # between them every page: Day review, Diagnostics, Settings
    _fill_sender(w, qtbot)
    keys = window_keys(w)
    assert (Qt.Key.Key_F9, Qt.KeyboardModifier.NoModifier) in keys
    assert (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier) in keys
    # The keys are live on this path: unlocked, each tab's Alt key shows its tab.
    tabs = [w.pages.tabText(i).replace("&&", "") for i in range(w.pages.count())]
    keyed = [(i, t) for i, t in enumerate(tabs) if "&" in t]
    assert len(keyed) >= 5
    for i, text in keyed[1:] + keyed[:1]:
        _key(w, Qt.Key(ord(text[text.index("&") + 1].upper())), Qt.KeyboardModifier.AltModifier)
        assert w.pages.currentIndex() == i, text
    shown = "\n".join(visible_texts())
    assert NAME in shown and PHONE in shown  # the test can see what it looks for
    synced: list[int] = []
    app.sync.sync_now = lambda: synced.append(1)
    day = app.booking.business_date()
    before = len(app.shipments.list_day(app.auth.login(*MANAGER), day))
    lang = get_language()

    _lock(w, qtbot)
    d = w.lock_dialog
    for key, mods in keys:
        _key(w, key, mods)  # the window the pages are in
        QTest.keyClick(w, key, mods)  # and straight at its widget
        _key(d, key, mods)  # and at the log-in on top, where the keyboard's keys go
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_F9):
        _key(d, key)
    assert w.locked and d.isVisible() and w.lock_dialog is d
    assert d.user.text() == "" and d.password.text() == ""  # an Alt key is not typing
    assert w.stack.currentWidget() is w.privacy and not w.pages.isVisible()
    assert w.pages.currentIndex() == 0  # no tab changed
    assert get_language() == lang and not synced
    assert len(app.shipments.list_day(app.auth.login(*MANAGER), day)) == before
    others = [t for t in QApplication.topLevelWidgets() if t.isVisible() and t not in (w, d)]
    assert not others, others  # no dialog opened
    shown = "\n".join(visible_texts())
    for secret in [NAME, PHONE, STREET, *people, *waybills]:
        assert secret not in shown
    assert "Rp" not in shown  # no price, no revenue
    # The same user unlocks: the form is as it was (no F2/Esc reached it).
    _unlock(w, qtbot, who)
    assert w.new_shipment.sender.name.text() == NAME
    assert QApplication.focusWidget() is w.new_shipment.sender.phone
    w.close()


def test_another_user_gets_a_fresh_form_and_the_tabs_of_their_role(app, qtbot):
    w = _open(app, qtbot, MANAGER)
    assert w.day_review is not None and w.settings is not None
    _fill_sender(w, qtbot)
    _lock(w, qtbot)
    _unlock(w, qtbot, CLERK)
    assert w.session.username == CLERK[0] and CLERK[0] in w.status.user.text()
    assert w.new_shipment.sender.name.text() == "" and w.new_shipment.sender.phone.text() == ""
    assert w.day_review is None and w.settings is None  # a clerk: no Day review, no Settings
    assert w.pages.isVisible() and w.stack.currentWidget() is w.pages
    assert QApplication.focusWidget() is w.new_shipment.sender.phone
    w.close()


def test_switch_user_starts_fresh_even_for_the_same_user(app, qtbot):
    w = _open(app, qtbot, CLERK)
    _fill_sender(w, qtbot)
    _lock(w, qtbot, "Shift+F12")
    assert CLERK[0] not in w.privacy.who.text()  # nobody "locked" it: it is free
    _unlock(w, qtbot, CLERK)
    assert w.new_shipment.sender.name.text() == ""
    w.close()


def test_locking_puts_away_other_dialogs_and_popups(app, qtbot):
    from outlet_pos.ui.reauth import ReauthDialog

    w = _open(app, qtbot, MANAGER)
    other = ReauthDialog(app, title="Void", explanation="x", parent=w)
    other.open()
    qtbot.waitExposed(other)
    _lock(w, qtbot, at=other)  # F12 in the dialog in front locks all the same
    assert not other.isVisible()
    assert QApplication.activeModalWidget() is w.lock_dialog
    w.close()


def test_focus_lands_in_the_first_field_after_log_in_and_language_switch(app, qtbot):
    w = _open(app, qtbot, CLERK)
    assert QApplication.focusWidget() is w.new_shipment.sender.phone  # after log-in
    _fill_sender(w, qtbot)
    try:
        _key(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: get_language() == "en", timeout=5_000)
        assert QApplication.focusWidget() is w.new_shipment.sender.phone
        if hasattr(w.new_shipment, "restore_form_state"):  # New shipment's own part of it
            assert w.new_shipment.sender.name.text() == NAME
        QTest.keyClicks(QApplication.focusWidget(), "0812")  # typing goes somewhere
        assert w.new_shipment.sender.phone.text().endswith("0812")
    finally:
        set_language("id")
    w.close()


def test_a_dialog_a_page_opens_while_locked_is_put_away(app, qtbot):
    """A late answer (a booking's duplicate question, a failed print) must not open over the
    lock: a new modal dialog would take the keyboard and could show the customer."""
    from PySide6.QtWidgets import QMessageBox

    w = _open(app, qtbot, CLERK)
    _lock(w, qtbot)
    late = QMessageBox(QMessageBox.Icon.Question, "Kirim lagi?", NAME, parent=w.new_shipment)
    late.open()
    qtbot.waitUntil(lambda: not late.isVisible(), timeout=5_000)
    assert QApplication.activeModalWidget() is w.lock_dialog
    assert NAME not in "\n".join(visible_texts())
    w.close()


def test_the_locked_window_minimised_and_restored_stays_locked_and_shown(app, qtbot):
    w = _open(app, qtbot, CLERK)
    _lock(w, qtbot)
    w.showMinimized()
    w.showNormal()
    qtbot.wait(50)  # a put-away would run from the event loop: let it run
    assert w.isVisible() and w.locked and w.lock_dialog.isVisible()
    assert w.stack.currentWidget() is w.privacy
    w.close()
