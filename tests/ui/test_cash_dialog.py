"""The drawer's cash from the window (F7): a clerk records the float, cash in and cash
out at a person's pace; a mistake is named by its field in Indonesian and keeps what was
typed; the close-day dialog then shows what the cash expected is made of."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from outlet_pos.domain.money import format_rupiah
from outlet_pos.ui.main_window import MainWindow
from outlet_pos.ui.pages.close_day_dialog import CloseDayDialog
from tests.conftest import CLERK, MANAGER
from tests.ui.human import Human

TIMEOUT = 15_000


def test_a_clerk_records_float_cash_in_and_out_from_the_window(app, qtbot, clock):
    w = MainWindow(app, app.auth.login(*CLERK), start_sync=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    QTest.keyClick(w.windowHandle(), Qt.Key.Key_F7)  # as a keyboard sends it
    qtbot.waitUntil(lambda: getattr(w, "cash_dialog", None) is not None
                    and w.cash_dialog.isVisible(), timeout=TIMEOUT)
    d = w.cash_dialog
    assert d.windowTitle() == "Kas laci" and d.kind.currentText() == "Kas awal"
    person = Human(qtbot, d)
    person.field("200.000")  # Enter saves
    qtbot.waitUntil(lambda: d.list.count() == 1, timeout=TIMEOUT)
    assert "Rp 200.000" in d.list.item(0).text() and "Tersimpan" in d.message.text()

    person.key(Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # to the kind
    person.key(Qt.Key.Key_Down)
    assert d.kind.currentData() == "in"
    person.key(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    person.field("50000", then=Qt.Key.Key_Tab)
    person.field("tambahan uang kecil")
    qtbot.waitUntil(lambda: d.list.count() == 2, timeout=TIMEOUT)

    person.key(Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    person.key(Qt.Key.Key_Down)
    person.key(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    person.field("12.500")  # no reason: refused, named, nothing lost
    qtbot.waitUntil(lambda: "Alasan" in d.message.text(), timeout=TIMEOUT)
    assert d.amount.text() == "12.500" and d.reason.hasFocus() and d.list.count() == 2
    person.field("beli lakban")
    qtbot.waitUntil(lambda: d.list.count() == 3, timeout=TIMEOUT)
    assert "Rp 200.000" in d.totals.text() and "Rp 12.500" in d.totals.text()
    d.close()

    boss = app.auth.login(*MANAGER)
    closing = CloseDayDialog(app, boss, app.outlet.business_date(clock()))
    qtbot.addWidget(closing)
    closing.show()
    qtbot.waitUntil(lambda: closing.ok.isEnabled(), timeout=TIMEOUT)
    assert closing.expected == 200_000 + 50_000 - 12_500
    parts = closing.cash_parts.text()
    for amount in (200_000, 50_000, 12_500):
        assert format_rupiah(amount) in parts
    w.close()


def test_a_manager_carries_over_a_day_never_closed_from_the_dialog(app, qtbot, clock,
                                                                  example_order):
    from outlet_pos.ui.pages.cash_dialog import CashDialog
    from tests.shipment_factory import book_random

    clerk = app.auth.login(*CLERK)
    first = app.outlet.business_date(clock())
    book_random(app, clerk, 1, seed=2)
    clock.advance(days=1)
    told = CashDialog(app, clerk)  # a clerk is told whom to call; no button
    qtbot.addWidget(told)
    told.show()
    qtbot.waitUntil(lambda: told.unclosed_note.isVisible(), timeout=TIMEOUT)
    assert first.isoformat() in told.unclosed_note.text() and not told.carry.isVisible()
    d = CashDialog(app, app.auth.login(*MANAGER))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.carry.isVisible(), timeout=TIMEOUT)
    person = Human(qtbot, d)
    person.click(d.reason)
    person.type("listrik padam kemarin")
    person.click(d.carry)
    qtbot.waitUntil(lambda: not d.carry.isVisible(), timeout=TIMEOUT)
    assert "dilanjutkan" in d.message.text()
    assert app.booking.book(clerk, example_order).waybill  # today opens
