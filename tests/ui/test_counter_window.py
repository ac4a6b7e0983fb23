"""The counter window driven like a clerk: log in, today's list, reprint, track, points,
and the window staying responsive while the server and the printer are stalled."""

from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget, QTableView, QWidget

from outlet_pos.printing.virtual.server import VirtualPrinter
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.login import LoginDialog
from outlet_pos.ui.main_window import MainWindow
from tests.shipment_factory import book_random

MANAGER = ("manajer", "rahasia-manajer")
CLERK = ("kasir1", "rahasia-kasir")


@pytest.fixture
def window(app, qtbot):
    w = MainWindow(app, app.auth.login(*CLERK), start_sync=False)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.today.model.modelReset, timeout=10_000):
        pass  # the first load, started by the window, lands
    yield w
    w.close()


def _wait_loaded(qtbot, page) -> None:
    with qtbot.waitSignal(page.model.modelReset, timeout=10_000):
        page.refresh()


def test_log_in_refuses_a_wrong_password_then_accepts(app, qtbot):
    d = LoginDialog(app)
    qtbot.addWidget(d)
    qtbot.keyClicks(d.user, CLERK[0])
    qtbot.keyClicks(d.password, "salah-sandi")
    d.ok.click()
    qtbot.waitUntil(lambda: d.ok.isEnabled(), timeout=10_000)
    assert d.message.text() and d.session is None
    qtbot.keyClicks(d.password, CLERK[1])
    with qtbot.waitSignal(d.accepted, timeout=10_000):
        d.ok.click()
    assert d.session.username == CLERK[0]


def test_today_lists_the_day_finds_by_phone_and_reprints(app, window, qtbot, tmp_path):
    boss = app.auth.login(*MANAGER)
    printer = VirtualPrinter(tmp_path / "paper", port=0)
    printer.start()
    try:
        app.printing.configure(boss, f"net:127.0.0.1:{printer.port}", "generic-80")
        waybills = book_random(app, boss, 3)
        for w in waybills:
            app.printing.print_waybill(boss, w)
        _wait_loaded(qtbot, window.today)
        assert window.today.model.rowCount() == 3
        first = window.today.model.row_at(0).summary.waybill
        assert first == waybills[-1]  # newest first

        window.today.search.setText(waybills[0])
        _wait_loaded(qtbot, window.today)
        assert window.today.model.rowCount() == 1

        record = app.shipments.show(boss, waybills[0])
        window.today.search.setText(record.sender.phone)
        _wait_loaded(qtbot, window.today)
        assert waybills[0] in {window.today.model.row_at(i).summary.waybill
                               for i in range(window.today.model.rowCount())}

        window.today.search.setText(waybills[0])
        _wait_loaded(qtbot, window.today)
        with qtbot.waitSignal(window.today.model.modelReset, timeout=15_000):
            window.today.reprint_selected()
        assert window.today.message.text().endswith(" 1")  # marked REPRINT 1
        assert any(j.reprint for j in app.printing.jobs(waybills[0]))
    finally:
        printer.stop()


def test_today_model_passes_the_model_tester(app, window, qtbot, qtmodeltester):
    book_random(app, app.auth.login(*MANAGER), 4)
    _wait_loaded(qtbot, window.today)
    qtmodeltester.check(window.today.model)


def test_every_input_has_an_accessible_name(window):
    kinds = (QLineEdit, QAbstractButton, QTableView, QListWidget)
    internal = {"qt_tableview_cornerbutton", "qt_spinbox_lineedit"}  # Qt parts; parent named
    unnamed = [f"{type(w).__name__} {w.objectName()}"
               for w in window.findChildren(QWidget)
               if isinstance(w, kinds) and not w.accessibleName()
               and w.objectName() not in internal and type(w).__name__ != "QTabBar"]
    assert not unnamed


class _Stall:
    """A TCP server that accepts and never answers (a hung server or printer)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.conns.append(self.sock.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            c.close()


def test_window_keeps_answering_while_server_and_printer_are_stalled(app, window, qtbot):
    boss = app.auth.login(*MANAGER)
    server, printer = _Stall(), _Stall()
    try:
        with app.db.uow(write=True) as uow:  # enrolled at a server that never answers
            from outlet_pos.domain.records import DeviceCredential
            uow.device.set(DeviceCredential(f"http://127.0.0.1:{server.port}", "d-1",
                                            bytes(32), "k"), app.db.clock())
            uow.commit()
        app.printing.configure(boss, f"net:127.0.0.1:{printer.port}", "generic-80")
        waybill = book_random(app, boss, 1)[0]
        _wait_loaded(qtbot, window.today)
        window.track.waybill.setText(waybill)
        window.track.track()  # blocks on the stalled server, off the GUI thread
        window.today.reprint_selected()  # blocks on the stalled printer, off the GUI thread
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(50)
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=2_000)  # ~0.5 s of a live loop
        timer.stop()
        assert "Asking" in window.track.note.text() or "Menanyakan" in window.track.note.text()
    finally:
        server.close()  # the stalled calls now fail fast; let them end before the app closes
        printer.close()
        assert wait_for_background(15_000)


def test_idle_counter_locks_and_another_user_takes_over(app, window, qtbot):
    window.idle.setInterval(30)
    window.idle.start()
    qtbot.waitUntil(lambda: window.lock_dialog is not None, timeout=5_000)
    assert window.stack.currentWidget() is window.privacy and not window.pages.isVisible()
    dialog = window.lock_dialog
    dialog.user.setText(MANAGER[0])
    dialog.password.setText(MANAGER[1])
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok.click()
    assert window.session.username == MANAGER[0] and window.stack.currentWidget() is window.pages
    assert MANAGER[0] in window.status.user.text()
    assert window.day_review is not None  # the manager's tabs for the manager


def test_language_switches_at_runtime(window, qtbot):
    from outlet_pos.i18n import get_language, set_language

    try:
        window.switch_language("en")
        assert window.pages.tabText(0) == "&New shipment"
        window.switch_language("id")
        assert window.pages.tabText(0) == "Kiriman &baru" and get_language() == "id"
    finally:
        set_language("id")


def test_offline_is_an_amber_banner_and_a_long_wait_warns():
    from datetime import timedelta

    from outlet_pos.domain.sync_status import SyncStatus
    from outlet_pos.ui.status_bar import sync_text

    base = dict(enrolled=True, queue_depth=3, parked=0, last_success=None, last_error=None,
                last_error_at=None, clock_skew_s=None)
    assert sync_text(SyncStatus(online=False, oldest_unsent_age=timedelta(minutes=5),
                                **base))[1] == "offline"
    assert sync_text(SyncStatus(online=True, oldest_unsent_age=timedelta(minutes=5),
                                **base))[1] == "ok"
    assert sync_text(SyncStatus(online=False, oldest_unsent_age=timedelta(hours=30),
                                **base))[1] == "warn"
