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


def _waybills(page) -> list[str]:
    return [page.model.row_at(i).summary.waybill for i in range(page.model.rowCount())]


def _selected(page) -> str | None:
    row = page.selected()
    return row.summary.waybill if row is not None else None


def test_after_a_void_the_selection_stays_on_the_row_acted_on(app, qtbot, manager):
    book_random(app, manager, 4)
    w = MainWindow(app, manager, start_sync=False)
    qtbot.addWidget(w)
    page = w.today
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        pass
    shown = _waybills(page)
    assert len(shown) == 4
    page.table.selectRow(2)  # not the first row: the bug sent the selection back to row 1
    target = shown[2]
    qtbot.keyClick(page, Qt.Key.Key_F8)
    dialog = page.void_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.password, MANAGER[1])
    dialog.reason.setPlainText("salah tulis alamat")
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert app.shipments.show(manager, target).status == "void"
    assert _selected(page) == target and page.table.currentIndex().row() == 2
    # and so the next F8 acts on the same (now void) waybill, not on another one
    page.void_selected()
    assert "sudah dibatalkan" in page.message.text()
    assert [app.shipments.show(manager, n).status for n in shown].count("void") == 1


def test_a_refresh_keeps_the_selection_and_a_new_list_falls_back_to_the_first(
        app, qtbot, manager):
    book_random(app, manager, 3)
    w = MainWindow(app, manager, start_sync=False)
    qtbot.addWidget(w)
    page = w.today
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        pass
    shown = _waybills(page)
    page.table.selectRow(1)
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        qtbot.keyClick(page, Qt.Key.Key_F5)
    assert _selected(page) == shown[1]
    page.search.setText(shown[2])
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.refresh()
    assert _selected(page) == shown[2]  # the one row the search found


def test_a_closed_day_can_be_looked_at_but_not_voided(app, qtbot, clerk, manager):
    before = book_random(app, clerk, 2)
    closed_day = app.booking.business_date()
    app.closing.close_day(manager, counted_cash=app.closing.totals(manager).cash_expected)
    after = book_random(app, clerk, 1, seed=7)
    w = MainWindow(app, clerk, start_sync=False)
    qtbot.addWidget(w)
    page = w.today
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        pass
    assert _waybills(page) == after  # by default the open day, the one bookings go to
    assert page.date.date().toPython() == app.booking.business_date() != closed_day
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.date.setDate(closed_day)
    assert sorted(_waybills(page)) == sorted(before)
    assert page.day_closed and "ditutup" in page.count.text()
    assert not page.void.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_F8)
    assert page.void_dialog is None and "ditutup" in page.message.text()
    with qtbot.waitSignal(page.model.modelReset, timeout=TIMEOUT):
        page.date.setDate(app.booking.business_date())  # back to the open day
    assert _waybills(page) == after and page.chosen_day is None and page.void.isEnabled()


def test_track_shows_words_and_a_failed_look_up_clears_the_old_history(app, qtbot, clock):
    from outlet_pos.domain.words import TRACKING_STATUSES
    from outlet_pos.ui.pages.track import TrackPage

    boss_waybills = book_random(app, app.auth.login(*MANAGER), 2)
    history = [{"at": clock().isoformat(), "status": code, "location": "Bandung"}
               for code in (*TRACKING_STATUSES, "SOMETHING_NEW")]
    with app.db.uow(write=True) as uow:
        uow.tracking.put(boss_waybills[0], history, clock())
        uow.commit()
    page = TrackPage(app)
    qtbot.addWidget(page)
    page.waybill.setText(boss_waybills[0])
    page.track()  # not enrolled: the last known history, said to be offline
    qtbot.waitUntil(lambda: page.history.count() == len(history), timeout=TIMEOUT)
    lines = [page.history.item(i).text() for i in range(page.history.count())]
    for code in (*TRACKING_STATUSES, "SOMETHING_NEW"):
        assert not any(code in line for line in lines), (code, lines)
    assert any("dalam perjalanan" in line for line in lines)
    assert any("something new" in line for line in lines)  # an unknown code as words
    assert "Luring" in page.note.text() or "luring" in page.note.text().lower()

    page.waybill.setText(boss_waybills[1])  # nothing cached, no server: an error
    page.track()
    assert page.history.count() == 0  # cleared at once, not left under the new answer
    qtbot.waitUntil(lambda: page.note.text() not in ("", "Menanyakan server…"),
                    timeout=TIMEOUT)
    assert page.history.count() == 0
    page.waybill.setText("12")
    page.track()
    assert page.history.count() == 0


def test_track_live_from_the_central_server_in_words(app, qtbot, manager, tmp_path):
    from outlet_pos.bootstrap import utc_now
    from outlet_pos.central.reference import add_tracking
    from outlet_pos.ui.pages.track import TrackPage
    from tests.central_server import CentralServer
    from tests.sync_fixtures import enroll

    srv = CentralServer(tmp_path / "central").start()
    try:
        enroll(app, srv, manager)
        number = book_random(app, manager, 1)[0]
        app.sync.sync_once()
        add_tracking(srv.engine, utc_now, number, "IN_TRANSIT", "hub Bandung",
                     secrets=srv.secrets)
        page = TrackPage(app)
        qtbot.addWidget(page)
        page.waybill.setText(number)
        page.track()
        qtbot.waitUntil(lambda: page.history.count() == 2, timeout=TIMEOUT)
        lines = [page.history.item(i).text() for i in range(2)]
        assert "diterima di outlet" in lines[0] and "dalam perjalanan" in lines[1], lines
        assert not any(code in " ".join(lines) for code in ("BOOKED", "IN_TRANSIT"))
    finally:
        srv.close()
