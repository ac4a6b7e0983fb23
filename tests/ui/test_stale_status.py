"""Stale status is never shown as fresh: the status bar goes offline within one sync
interval after the central server (127.0.0.1) stops, with nothing waiting to be sent;
and the printer it names is the one saved in Settings, by a readable name."""

from __future__ import annotations

import pytest

import outlet_pos.i18n as i18n
from outlet_pos.i18n import set_language
from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.main_window import MainWindow
from outlet_pos.ui.status_bar import printer_text
from tests.central_server import CentralServer
from tests.conftest import MANAGER
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll

TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def indonesian():
    before = i18n._language
    set_language("id")
    yield
    i18n._language = before


def test_offline_is_shown_within_one_sync_interval_with_an_empty_queue(qtbot, app, tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    boss = app.auth.login(*MANAGER)
    enroll(app, srv, boss)
    book_random(app, boss, 2, seed=3)
    app.worker.interval_s = 0.5  # the counter's is 60 s; the rule is the same: one interval
    w = MainWindow(app, boss, start_sync=False)
    qtbot.addWidget(w)
    passes: list[bool | None] = []  # what each pass of the worker's thread found
    w.bridge.changed.connect(lambda s: passes.append(s.online))
    app.sync.start()
    try:
        # Two passes online: the upload (and reference data), then one with nothing to do.
        qtbot.waitUntil(lambda: passes[-2:] == [True, True], timeout=TIMEOUT)
        assert w.status.sync.text() == "Daring · semua tersinkron ke pusat"
        srv.stop()  # nothing waits to be sent: only asking the server can tell
        # Within one interval (plus the pass itself): five intervals is generous.
        qtbot.waitUntil(lambda: w.status.sync.text().startswith("Luring"), timeout=2_500)
        assert "Daring" not in w.status.sync.text()
    finally:
        app.sync.stop()
        srv.close()
    assert wait_for_background()


def test_the_printer_saved_in_settings_is_the_one_shown_by_name(qtbot, app):
    boss = app.auth.login(*MANAGER)
    app.printing.configure(boss, "net:192.168.1.50:9100", "generic-80")
    w = MainWindow(app, boss, start_sync=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "192.168.1.50" in w.status.printer.text(), timeout=TIMEOUT)
    assert w.status.printer.text().startswith("Printer: jaringan 192.168.1.50 (")
    assert "net:" not in w.status.printer.text()

    assert w.settings is not None
    w.pages.setCurrentWidget(w.settings)
    printer = w.settings.printer
    qtbot.waitUntil(lambda: printer.connection.text() == "net:192.168.1.50:9100",
                    timeout=TIMEOUT)
    printer.connection.setText("net:10.0.0.7:9100")
    printer.save.click()
    qtbot.waitUntil(lambda: "10.0.0.7" in w.status.printer.text(), timeout=TIMEOUT)
    assert "192.168.1.50" not in w.status.printer.text()
    assert wait_for_background()


def test_printer_names_for_each_kind_of_connection():
    assert printer_text(None) == "Printer belum diatur"
    assert printer_text("net:192.168.1.50:9100") == "Printer: jaringan 192.168.1.50"
    assert printer_text("net:192.168.1.50:9101") == "Printer: jaringan 192.168.1.50:9101"
    assert printer_text("usb:0416:5011") == "Printer: USB 0416:5011"
    assert printer_text("serial:/dev/ttyUSB0") == "Printer: port serial /dev/ttyUSB0"
    assert printer_text("win:EPSON TM-T82") == "Printer: EPSON TM-T82"
    assert printer_text("file:/tmp/out/paper.bin") == "Printer: file paper.bin"
