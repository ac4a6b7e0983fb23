"""The shift dialog at a person's pace, in Indonesian: a clerk opens the shift with the
float from the window (Shift+F7); at noon counts the drawer by note and coin and hands it
to the next clerk, who types their own password at the same PC and owns the window from
then on; a count that is off asks for a note before the shift closes; the X report's PDF
is saved; the status bar names the shift's clerk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from outlet_pos.ui.main_window import MainWindow
from outlet_pos.ui.pages.shift_dialog import ShiftDialog
from tests.conftest import CLERK, MANAGER
from tests.ui.human import Human

TIMEOUT = 15_000
ALT = Qt.KeyboardModifier.AltModifier
CLERK2 = ("kasir2", "rahasia-kasir-dua")


def _window(app, qtbot) -> MainWindow:
    w = MainWindow(app, app.auth.login(*CLERK), start_sync=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    return w


def _dialog(w, qtbot) -> ShiftDialog:
    # Offscreen there is no window manager to hand the activation back to the window when a
    # dialog closes, as a desktop does: without it a window's shortcut goes nowhere.
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    QTest.keyClick(w.windowHandle(), Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(w, "shift_dialog", None) is not None
                    and w.shift_dialog.isVisible(), timeout=TIMEOUT)
    return w.shift_dialog


def test_open_then_hand_over_to_the_next_clerk_who_owns_the_window(app, qtbot, clock,
                                                                   example_order):
    app.auth.add_user(app.auth.login(*MANAGER), CLERK2[0], "clerk", CLERK2[1])
    w = _window(app, qtbot)
    qtbot.waitUntil(lambda: w.status.shift.isHidden(), timeout=TIMEOUT)  # none open yet
    d = _dialog(w, qtbot)
    qtbot.waitUntil(lambda: d.open_box.isVisible(), timeout=TIMEOUT)
    assert d.windowTitle() == "Shift" and d.float_.hasFocus()
    person = Human(qtbot, d)
    person.field("200.000", then=None)
    person.key(Qt.Key.Key_U, ALT)  # B&uka shift
    qtbot.waitUntil(lambda: d.shift is not None, timeout=TIMEOUT)
    assert "Shift dibuka untuk kasir1" in d.message.text() and "Rp 200.000" in d.message.text()
    qtbot.waitUntil(lambda: w.status.shift.text() == "Shift: kasir1", timeout=TIMEOUT)
    with qtbot.waitSignal(d.finished, timeout=TIMEOUT):
        person.key(Qt.Key.Key_Escape)
    assert w.shift_dialog is None

    clock.advance(minutes=30)
    sale = app.booking.book(w.session, {**example_order, "payment": {
        "method": "cash", "tendered": 1_000_000}})
    clock.advance(hours=4)
    expected = 200_000 + sale.total
    d = _dialog(w, qtbot)
    qtbot.waitUntil(lambda: d.close_box.isVisible(), timeout=TIMEOUT)
    assert d.expected.text() == f"Rp {expected:,}".replace(",", ".")
    assert d.count.first().hasFocus()
    person = Human(qtbot, d)
    hundreds, rest = divmod(expected, 100_000)
    counts = {100_000: hundreds, 50_000: rest // 50_000, 20_000: 0, 10_000: 0, 5_000: 0,
              2_000: 0, 1_000: rest % 50_000 // 1_000}
    person.key(Qt.Key.Key_1, ALT)  # Rp 100.000 (&1)
    for face, n in counts.items():  # typed over each 0, Tab to the next note
        assert d.count.spins[face].hasFocus()
        person.type(str(n))  # counted in the hand already: no pause between notes
        person.key(Qt.Key.Key_Tab)
    assert d.count.total() == expected and d.difference.text() == "Rp 0"
    person.key(Qt.Key.Key_R, ALT)  # Se&rah terima with nobody typed in yet: named
    qtbot.waitUntil(lambda: "Kasir berikutnya" in d.message.text(), timeout=TIMEOUT)
    assert d.incoming.hasFocus()
    person.field(CLERK2[0], then=None)
    person.key(Qt.Key.Key_N, ALT)  # Kata sa&ndi
    person.field(CLERK2[1], then=None)
    with qtbot.waitSignal(d.handed_over, timeout=TIMEOUT):
        person.key(Qt.Key.Key_R, ALT)
    assert w.session.username == CLERK2[0]  # the window is the incoming clerk's now
    assert "Pengguna: kasir2" in w.status.user.text() or "kasir2" in w.status.user.text()
    assert d.password.text() == ""  # never kept on the screen
    qtbot.waitUntil(lambda: d.pdf_path is not None and d.pdf_path.exists(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: w.status.shift.text() == "Shift: kasir2", timeout=TIMEOUT)
    now = app.shifts.current()
    assert now.clerk == CLERK2[0] and now.opening_float == expected
    d.close()


def test_a_count_that_is_off_needs_a_note_before_the_shift_closes(app, qtbot):
    w = _window(app, qtbot)
    app.shifts.open(w.session, 150_000)
    (button,) = [b for b in w.findChildren(QPushButton) if b.accessibleName() == "Shift"]
    assert button.text() == "Shift (Shift+F7)"  # beside Kas laci (F7), for the mouse
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(w, "shift_dialog", None) is not None, timeout=TIMEOUT)
    d = w.shift_dialog
    qtbot.waitUntil(lambda: d.close_box.isVisible(), timeout=TIMEOUT)
    person = Human(qtbot, d)
    person.key(Qt.Key.Key_1, ALT)
    person.field("1", then=None)
    person.key(Qt.Key.Key_2, ALT)  # Rp 50.000 (&2)
    person.field("0", then=None)  # Rp 50.000 short
    assert d.difference.text() == "-Rp 50.000" and "b00020" in d.difference.styleSheet()
    person.key(Qt.Key.Key_T, ALT)  # &Tutup shift (a mnemonic clicks the button 100 ms on)
    qtbot.waitUntil(lambda: "Catatan" in d.message.text(), timeout=TIMEOUT)
    assert d.note.hasFocus()
    assert app.shifts.current() is not None  # nothing sent
    person.field("uang dibawa manajer ke bank", then=None)
    with qtbot.waitSignal(d.closed, timeout=TIMEOUT):
        person.key(Qt.Key.Key_T, ALT)
    assert "-Rp 50.000" in d.message.text()
    assert app.shifts.current() is None
    closed = app.shifts.x_report(w.session)
    assert closed.difference == -50_000 and closed.shift.note == "uang dibawa manajer ke bank"
    d.close()


def test_the_status_bar_names_the_open_shift_and_says_nothing_without_one(app, qtbot):
    w = _window(app, qtbot)
    qtbot.waitUntil(lambda: w.status.shift.isHidden() and w.status.shift.text() == "",
                    timeout=TIMEOUT)  # a terminal that never keeps shifts: no room taken
    app.shifts.open(app.auth.login(*CLERK), 200_000)
    w.switch_language("en")
    try:
        qtbot.waitUntil(lambda: w.status.shift.text() == "Shift: kasir1"
                        and w.status.shift.isVisible(), timeout=TIMEOUT)
    finally:
        w.switch_language("id")
