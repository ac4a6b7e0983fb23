"""Void on Today's shipments: a clerk asks, a manager authorises with their own user id and
password; the row shows void, the audit names both, and a reprint says BATAL / VOID."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from outlet_pos.printing.virtual.server import VirtualPrinter
from outlet_pos.ui.main_window import MainWindow
from outlet_pos.ui.reauth import ReauthDialog
from tests.conftest import CLERK, MANAGER
from tests.shipment_factory import book_random
from tests.ui.daybook import audit_rows

TIMEOUT = 15_000


@pytest.fixture
def printer(tmp_path):
    p = VirtualPrinter(tmp_path / "paper", port=0)
    p.start()
    yield p
    p.stop()


def test_a_clerk_voids_with_a_managers_authorisation_and_the_reprint_says_void(
        app, qtbot, printer):
    boss = app.auth.login(*MANAGER)
    app.printing.configure(boss, f"net:127.0.0.1:{printer.port}", "generic-80")
    clerk = app.auth.login(*CLERK)
    waybills = book_random(app, clerk, 3)
    w = MainWindow(app, clerk, start_sync=False)
    qtbot.addWidget(w)
    page = w.today
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        pass
    assert w.day_review is None
    page.search.setText(waybills[1])
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.refresh()
    assert page.model.rowCount() == 1

    qtbot.keyClick(page, Qt.Key.Key_F8)
    dialog = page.void_dialog
    assert isinstance(dialog, ReauthDialog) and dialog.isVisible()
    assert dialog.user.text() == ""  # the manager types their own user id

    qtbot.keyClicks(dialog.user, CLERK[0])  # the clerk cannot authorise themselves
    qtbot.keyClicks(dialog.password, CLERK[1])
    dialog.reason.setPlainText("pelanggan batal kirim")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.ok.isEnabled() and "kasir1" in dialog.message.text(),
                    timeout=TIMEOUT)
    assert dialog.isVisible()

    dialog.user.setText(MANAGER[0])
    qtbot.keyClicks(dialog.password, "bukan-sandinya")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.ok.isEnabled() and dialog.message.text() != "Memeriksa…",
                    timeout=TIMEOUT)
    assert dialog.isVisible() and app.shipments.show(boss, waybills[1]).status == "booked"

    qtbot.keyClicks(dialog.password, MANAGER[1])
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert page.model.row_at(0).summary.status == "void"
    assert page.model.index(0, 6).data() == "batal"
    assert "BATAL" in page.message.text()
    (_actor, _s, details), = [r for r in audit_rows(app, "shipment_voided")
                              if r[1] == waybills[1]]
    assert details == {"reason": "pelanggan batal kirim", "requested_by": CLERK[0]}
    assert _actor == MANAGER[0]

    # A second void is refused before asking anyone.
    page.void_selected()
    assert "sudah" in page.message.text()

    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        qtbot.keyClick(page, Qt.Key.Key_F6)  # reprint the voided waybill
    jobs = printer.wait_for_jobs(1, timeout=10)
    assert jobs and all(b"BATAL" in j.bin_path.read_bytes() for j in jobs)


def test_after_closing_today_lists_the_next_business_day(app, qtbot, clerk, manager):
    book_random(app, clerk, 2)
    app.closing.close_day(manager, counted_cash=app.closing.totals(manager).cash_expected)
    after = book_random(app, clerk, 1, seed=7)[0]
    w = MainWindow(app, clerk, start_sync=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.today.model.modelReset, timeout=TIMEOUT):
        pass
    assert [w.today.model.row_at(i).summary.waybill
            for i in range(w.today.model.rowCount())] == [after]
