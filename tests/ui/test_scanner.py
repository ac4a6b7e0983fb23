"""A keyboard-wedge scanner in the counter window: real key events into the focused field,
their times from a clock the test holds (the window's scanner takes it), so a burst and a
person's pace are exactly what the test says. A waybill scanned on any page opens where
it makes sense, a phone QR fills the phone on New shipment, an unknown code says so
without its text, and a person typing the same digits keeps what they typed."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest

from outlet_pos.domain.waybill import format_waybill, make_waybill
from outlet_pos.ui.main_window import MainWindow
from tests.conftest import MANAGER
from tests.shipment_factory import book_random
from tests.ui.human import Human


class Clock:
    """The scanner's clock: the time of each key is what the test says it is."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self, _event) -> float:
        return self.now


def _open(app, qtbot) -> tuple[MainWindow, Clock]:
    w = MainWindow(app, app.auth.login(*MANAGER), start_sync=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.today.model.modelReset, timeout=10_000):
        w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.focusWidget() is not None, timeout=5_000)
    clock = Clock()
    w.scanner.clock = clock
    return w, clock


def _keys(w: MainWindow, clock: Clock, text: str, gaps) -> None:
    """``text`` then Enter into the window's focus widget, each key ``gap`` ms after the
    one before (a key can move the focus: the next one follows it)."""
    for ch, gap in zip([*text, "\n"], gaps, strict=True):
        clock.now += gap
        target = w.focusWidget()
        if ch == "\n":
            QTest.keyClick(target, Qt.Key.Key_Return)
        else:
            QTest.keyClick(target, ch)


def scan(w: MainWindow, clock: Clock, code: str) -> None:
    _keys(w, clock, code, [300.0] + [4.0] * len(code))  # after a pause, 4 ms a key


def type_slowly(w: MainWindow, clock: Clock, text: str, seed: int = 21) -> None:
    rng = random.Random(seed)
    _keys(w, clock, text, [rng.uniform(80, 300) for _ in range(len(text) + 1)])


@pytest.fixture
def waybills(app):
    return book_random(app, app.auth.login(*MANAGER), 3)


def _today_shows(w: MainWindow, qtbot, waybill: str) -> None:
    qtbot.waitUntil(lambda: w.today.selected() is not None
                    and w.today.selected().summary.waybill == waybill, timeout=10_000)
    assert w.today.model.rowCount() == 1


def test_a_waybill_scanned_on_every_page_opens_where_it_makes_sense(app, qtbot, waybills):
    w, clock = _open(app, qtbot)
    first, second, third = waybills
    # New shipment, the clerk halfway through a name: Today opens with it selected, and
    # the name keeps what the clerk typed (the burst is taken back out of it).
    w.new_shipment.sender.name.setFocus()
    type_slowly(w, clock, "Siti")
    scan(w, clock, first)
    assert w.pages.currentWidget() is w.today
    _today_shows(w, qtbot, first)
    assert w.new_shipment.sender.name.text() == "Siti"
    assert w.status.currentMessage() == f"Resi dipindai: {format_waybill(first)}"
    # On Today, its search field focused: selected there (F6 reprints, F8 voids).
    w.today.search.setFocus()
    scan(w, clock, second)
    assert w.pages.currentWidget() is w.today
    _today_shows(w, qtbot, second)
    assert w.today.search.text() == format_waybill(second)  # not the scan twice over
    # On Track: looked up.
    w.pages.setCurrentWidget(w.track)
    w.track.waybill.setFocus()
    scan(w, clock, third)
    assert w.pages.currentWidget() is w.track
    assert w.track.waybill.text() == format_waybill(third)
    qtbot.waitUntil(lambda: w.track.note.text() not in ("", "Menanyakan server…"),
                    timeout=10_000)
    # On Day review: found and selected, so Void is one key away.
    w.pages.setCurrentWidget(w.day_review)
    qtbot.waitUntil(lambda: w.day_review.model.rowCount() == 3, timeout=10_000)
    w.day_review.table.setFocus()
    scan(w, clock, second)
    assert w.pages.currentWidget() is w.day_review
    qtbot.waitUntil(lambda: w.day_review.selected() is not None
                    and w.day_review.selected().waybill == second, timeout=10_000)
    assert w.day_review.model.rowCount() == 1
    # Service points: this terminal's waybill opens on Today...
    w.pages.setCurrentWidget(w.points)
    w.points.setFocus()
    scan(w, clock, third)
    assert w.pages.currentWidget() is w.today
    _today_shows(w, qtbot, third)
    # ...another terminal's on Track (Today lists this terminal's only).
    other = make_waybill(app.outlet.number + 1, 1, 42)
    w.pages.setCurrentWidget(w.new_shipment)
    w.new_shipment.sender.phone.setFocus()
    scan(w, clock, other)
    assert w.pages.currentWidget() is w.track
    assert w.track.waybill.text() == format_waybill(other)
    assert w.new_shipment.sender.phone.text() == ""
    w.close()


def test_a_phone_qr_fills_the_phone_of_the_party_with_the_focus(app, qtbot):
    w, clock = _open(app, qtbot)
    page = w.new_shipment
    assert w.focusWidget() is page.sender.phone  # where a new customer starts
    scan(w, clock, "tel:+6281234567890")
    assert page.sender.phone.text() == "+6281234567890"
    assert w.status.currentMessage() == "Nomor HP dipindai"
    assert "81234567890" not in w.status.currentMessage()
    page.recipient.name.setFocus()
    type_slowly(w, clock, "Budi")
    page.recipient.name.setFocus()  # Enter moved on; the clerk comes back to the name
    scan(w, clock, "085712345678")
    assert page.recipient.phone.text() == "085712345678"
    assert page.recipient.name.text() == "Budi"
    assert page.sender.phone.text() == "+6281234567890"
    # Elsewhere a phone is typing like any other: on Today its Enter searches by it.
    w.pages.setCurrentWidget(w.today)
    w.today.search.setFocus()
    with qtbot.waitSignal(w.today.model.modelReset, timeout=10_000):
        scan(w, clock, "081299990000")
    assert w.today.search.text() == "081299990000"
    assert w.today.model.rowCount() == 0
    w.close()


def test_a_person_typing_a_waybill_keeps_it_and_nothing_opens(app, qtbot, waybills):
    w, clock = _open(app, qtbot)
    w.new_shipment.description.setFocus()
    type_slowly(w, clock, waybills[0])  # 80-300 ms a key, then Enter
    assert w.pages.currentWidget() is w.new_shipment
    assert w.new_shipment.description.text() == waybills[0]
    assert w.status.currentMessage() == ""
    # the same digits as a burst into the same field: Today opens, the field is as before
    w.new_shipment.description.setFocus()
    scan(w, clock, waybills[1])
    assert w.pages.currentWidget() is w.today
    assert w.new_shipment.description.text() == waybills[0]
    _today_shows(w, qtbot, waybills[1])
    w.close()


def test_an_unknown_code_says_so_without_its_text_and_stays_as_typed(app, qtbot):
    """None of ours: it may be a machine typing (a password manager, autotype), so the
    field keeps it and Enter moves on as it would; the status bar says what it was."""
    w, clock = _open(app, qtbot)
    page = w.new_shipment
    page.sender.name.setFocus()
    scan(w, clock, "XK9PLQ7734ZZ")
    assert page.sender.name.text() == "XK9PLQ7734ZZ"
    assert page.sender.street.hasFocus()  # the name's Enter went on to the street
    assert w.status.currentMessage() == "Hasil pindai: kode tidak dikenal"
    scan(w, clock, "0001201000004270")  # a waybill misread (its check digit fails)
    assert "pindai ulang" in w.status.currentMessage()
    assert "0001201000004270" not in w.status.currentMessage()
    assert w.pages.currentWidget() is w.new_shipment
    w.close()


def test_on_the_real_clock_a_person_is_a_person_and_a_burst_a_scan(app, qtbot, waybills):
    """No test clock: the window's own (synthetic keys carry no time stamp: monotonic)."""
    w = MainWindow(app, app.auth.login(*MANAGER), start_sync=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.pages.setCurrentWidget(w.track)
    w.track.waybill.setFocus()
    Human(qtbot, w).field(waybills[0])  # 20-50 ms a key at the suite's pace
    assert w.track.waybill.text() == waybills[0]
    assert w.status.currentMessage() == ""
    w.track.waybill.clear()
    QTest.keyClicks(w.focusWidget(), waybills[1])  # microseconds apart
    QTest.keyClick(w.focusWidget(), Qt.Key.Key_Return)
    assert w.status.currentMessage().startswith("Resi dipindai")
    assert w.track.waybill.text() == format_waybill(waybills[1])
    w.close()



def _key_event(ch: str) -> QKeyEvent:
    if ch == "\n":
        return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0 + int(ch), Qt.KeyboardModifier.NoModifier,
                     ch)


def test_a_locked_window_and_other_windows_take_no_scan(app, qtbot, waybills):
    w, clock = _open(app, qtbot)
    w.lock()
    qtbot.waitUntil(lambda: w.lock_dialog is not None and w.lock_dialog.isVisible(),
                    timeout=5_000)
    d = w.lock_dialog
    d.user.setFocus()
    for ch in waybills[0]:  # a burst into the log-in (its own window)
        clock.now += 4
        QTest.keyClick(d.user, ch)
    assert d.user.text() == waybills[0]  # typed, not taken
    # The same burst reaching the locked window itself (a key a dialog let through).
    target = w.focusWidget() or w.new_shipment.sender.name
    eaten = []
    for ch in waybills[0] + "\n":
        clock.now += 4
        eaten.append(w.scanner.eventFilter(target, _key_event(ch)))
    assert not any(eaten)
    assert w.pages.currentWidget() is w.new_shipment
    assert w.status.currentMessage() == ""
    w.close()


def test_a_waybill_not_in_todays_list_says_where_to_look(app, qtbot, waybills):
    w, clock = _open(app, qtbot)
    w.pages.setCurrentWidget(w.today)
    w.today.search.setFocus()
    older = make_waybill(app.outlet.number, app.outlet.terminal, 99_999)  # not booked today
    with qtbot.waitSignal(w.today.model.modelReset, timeout=10_000):
        scan(w, clock, older)
    assert w.today.model.rowCount() == 0
    assert w.today.message.text().startswith(f"{format_waybill(older)} tidak ada di daftar")
    assert "Pelacakan (Alt+P)" in w.today.message.text()
    w.close()


def test_a_scan_into_a_date_or_a_count_leaves_it_as_it_was(app, qtbot, waybills):
    w, clock = _open(app, qtbot)
    w.pages.setCurrentWidget(w.today)
    shown = w.today.date.date()
    w.today.date.setFocus()
    scan(w, clock, waybills[0])
    _today_shows(w, qtbot, waybills[0])
    assert w.today.date.date() == shown
    w.pages.setCurrentWidget(w.new_shipment)
    pieces = w.new_shipment.pieces
    pieces.setFocus()
    before = pieces.value()
    scan(w, clock, waybills[1])
    assert w.pages.currentWidget() is w.today
    assert pieces.value() == before
    w.close()


def test_on_the_change_screen_a_phone_starts_the_next_customer_and_a_waybill_leaves_no_trace(
        app, qtbot):
    from tests.ui.test_one_press_one_shipment import _fill
    w, clock = _open(app, qtbot)
    page = w.new_shipment
    for code, what in (("tel:+6281234567890", "Buku"), (None, "Sepatu")):
        _fill(page, qtbot, description=what)  # not the same parcel twice: no question
        with qtbot.waitSignal(page.booked, timeout=10_000):
            page.save_and_print()
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.done, timeout=10_000)
        page.focus_first_field()
        assert w.focusWidget() is page.done
        if code is not None:
            scan(w, clock, code)
            assert page.stack.currentWidget() is page.form
            assert page.sender.phone.text() == "+6281234567890"
        else:
            waybill = app.shipments.list_day(w.session, app.booking.business_date())[-1].waybill
            scan(w, clock, waybill)
            assert w.pages.currentWidget() is w.today
            _today_shows(w, qtbot, waybill)
            assert page.sender.phone.text() == ""
    w.close()


def test_through_the_window_system_its_own_key_times_tell_a_scan(tmp_path):
    """Real X key events (xdotool under Xvfb), the scanner on its default clock: the X
    server's time stamps. A person's pace reaches the field; a 4 ms burst is a scan, and
    what the person had typed before it stays."""
    import subprocess
    import sys

    from tests.x_driver import ROOT, XSession, missing_programs, wait_until
    missing = missing_programs()
    if missing:
        pytest.skip(f"no {', '.join(missing)}: sh tools/ensure_xsession.sh installs them")
    waybill = make_waybill(12, 1, 427)
    with XSession(tmp_path) as x:
        env = dict(x.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
        child = subprocess.Popen([sys.executable, str(ROOT / "tests/ui/scan_x_child.py")],
                                 env=env, stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "READY"

            def xdotool(*args: str) -> None:
                subprocess.run(["xdotool", *args], env=env, check=True, timeout=30)

            # "\r" is xdotool's Return ("\n" types none); the burst's Enter in its stride
            xdotool("type", "--delay", "120", waybill + "\r")  # a person
            xdotool("type", "--delay", "120", "ab")
            xdotool("type", "--delay", "4", waybill + "\r")  # the scanner
            lines = [child.stdout.readline().strip() for _ in range(2)]
        finally:
            child.terminate()
            wait_until(lambda: child.poll() is not None, 10, "the child to end")
    # the person's Enter reached the field; the burst was taken back out, "ab" stays
    assert lines == [f"ENTER field={waybill}", f"SCAN {waybill} field={waybill}ab"]
