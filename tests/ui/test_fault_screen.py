"""Faults shout: the counter window opened on a damaged database, without its master key,
and on a schema made by a newer version shows the fault screen — what is wrong, what to
do, the doctor's checks — in Indonesian; never an empty day or a silent exit.

Each test goes through the real start-up (``outlet-pos gui`` or ``run_gui``) and reads
the screen as a person would (screen_text.visible_texts) while the event loop runs.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import outlet_pos.i18n as i18n
from outlet_pos.cli.main import main
from outlet_pos.i18n import set_language
from outlet_pos.ui.fault_screen import FaultScreen
from outlet_pos.ui.pages.today import TodayPage
from outlet_pos.ui.run import run_gui
from tests.conftest import MANAGER
from tests.reliability.test_io_faults import corrupt_page
from tests.shipment_factory import book_random
from tests.ui.screen_text import visible_texts

TIMEOUT = 30_000


@pytest.fixture(autouse=True)
def indonesian(monkeypatch):
    monkeypatch.setenv("OUTLET_POS_KEYSTORE", "file")
    before = i18n._language
    set_language("id")
    yield
    i18n._language = before


@pytest.fixture
def closed_outlet(app) -> Path:
    """An outlet with a morning's bookings, closed (as the PC is before the window opens)."""
    book_random(app, app.auth.login(*MANAGER), 12, seed=5)
    data_dir = app.settings.data_dir
    app.close()
    return data_dir


def _screen() -> FaultScreen | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, FaultScreen) and w.isVisible()), None)


@dataclass
class Seen:
    kind: str
    title: str
    todo: str
    others: list[str]  # the other windows up beside it


def read_fault_screen(start: Callable[[], int]) -> tuple[int, str, Seen]:
    """Run ``start`` (it runs Qt's event loops: the log-in's, then the window's); a timer
    looks for the fault screen with its checks, reads it and closes it as the technician
    would. (A timer, not qtbot.waitUntil: a nested wait inside the log-in's loop would hold
    that loop open.) The window is gone when ``start`` returns: what it showed is kept."""
    seen: dict[str, object] = {}
    deadline = time.monotonic() + TIMEOUT / 1000
    poll = QTimer()
    poll.setInterval(50)

    def look() -> None:
        screen = _screen()
        if screen is not None and screen.results:
            others = [type(w).__name__ for w in QApplication.topLevelWidgets()
                      if w.isVisible() and w is not screen]
            seen["screen"] = Seen(screen.kind, screen.windowTitle(), screen.todo.text(),
                                  others)
            seen["texts"] = "\n".join(visible_texts())
        elif time.monotonic() < deadline:
            return
        poll.stop()
        for w in QApplication.topLevelWidgets():  # whatever is up, so start() returns
            if w.isVisible():
                w.close()

    poll.timeout.connect(look)
    poll.start()
    try:
        rc = start()
    finally:
        poll.stop()
    assert "screen" in seen, "no fault screen opened"
    return rc, str(seen["texts"]), seen["screen"]  # type: ignore[return-value]


def _gui(data_dir: Path) -> Callable[[], int]:
    return lambda: main(["gui", "--data-dir", str(data_dir)])


def test_without_the_master_key_the_window_says_so_and_names_the_portable_restore(
        qtbot, closed_outlet):
    for key in (closed_outlet / "keys").glob("master-*.key"):
        key.unlink()
    rc, texts, screen = read_fault_screen(_gui(closed_outlet))
    assert rc == 1
    assert screen.kind == "keys"
    assert screen.title == "Outlet POS tidak bisa dibuka"
    assert "Kunci pembuka data outlet ini hilang atau salah" in texts
    assert "--portable" in screen.todo and "Yang harus dilakukan" in screen.todo
    assert "Panggil teknisi" in texts  # what the clerk at the counter does
    assert "Pemeriksaan" in texts and "GAGAL" in texts  # the doctor's table, in Indonesian
    for english in ("master key", "What to do", "Check"):
        assert english not in texts, english


def test_a_schema_from_a_newer_version_says_install_the_newer_version(qtbot, closed_outlet):
    with sqlite3.connect(closed_outlet / "outlet.db") as c:
        c.execute("update alembic_version set version_num = '9999'")
    rc, texts, screen = read_fault_screen(_gui(closed_outlet))
    assert rc == 1 and screen.kind == "schema"
    assert "dibuat oleh Outlet POS yang lebih baru" in texts
    assert "9999" in texts  # the doctor's finding names the schema
    assert "pasang kembali versi Outlet POS yang lebih baru" in screen.todo


def test_damaged_pages_give_the_fault_screen_instead_of_an_empty_day(qtbot, closed_outlet,
                                                                     settings, clock):
    from outlet_pos.bootstrap import open_app

    corrupt_page(closed_outlet, "shipments")
    app = open_app(settings, clock)  # the file still opens: only the shipments' pages are hit
    try:
        rc, texts, screen = read_fault_screen(lambda: run_gui(app))
    finally:
        app.close()
    assert rc == 1 and screen.kind == "damaged" and screen.others == []  # no log-in left
    assert "Database di PC ini rusak" in texts
    assert "restore --force" in screen.todo  # the doctor's remedy
    assert "0 kiriman" not in texts


def test_todays_list_says_the_read_failed_not_zero_shipments(qtbot, closed_outlet, settings,
                                                             clock):
    from outlet_pos.bootstrap import open_app

    corrupt_page(closed_outlet, "shipments")
    app = open_app(settings, clock)
    try:
        page = TodayPage(app, app.auth.login(*MANAGER))
        qtbot.addWidget(page)
        page.show()
        page.refresh()
        qtbot.waitUntil(lambda: page.message.text() != "", timeout=TIMEOUT)
        assert "rusak" in page.message.text()
        assert page.count.text() == "Daftar tidak bisa dibaca"
        assert "kiriman" not in page.count.text()
        from outlet_pos.ui.background import wait_for_background

        assert wait_for_background()
    finally:
        app.close()


def test_damage_found_after_the_log_in_replaces_the_window(qtbot, closed_outlet, settings,
                                                           clock, monkeypatch):
    """The check is slower than the person (a big database): they log in, the counter
    window opens, then the check finds the damage and the fault screen takes its place."""
    import threading

    from outlet_pos.bootstrap import open_app
    from outlet_pos.ui import run as run_module
    from outlet_pos.ui.login import LoginDialog
    from outlet_pos.ui.main_window import MainWindow

    corrupt_page(closed_outlet, "shipments")
    logged_in = threading.Event()
    real = run_module.doctor_for

    class SlowDoctor:
        def __init__(self, *args) -> None:
            self._doctor = real(*args)

        def database(self):
            assert logged_in.wait(TIMEOUT / 1000)  # the check ends only after the log-in
            return self._doctor.database()

    monkeypatch.setattr(run_module, "doctor_for", SlowDoctor)
    seen: list[str] = []

    def log_in() -> None:
        login = next((w for w in QApplication.topLevelWidgets()
                      if isinstance(w, LoginDialog) and w.isVisible()), None)
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
        if login is not None and not login.user.text():
            login.user.setText(MANAGER[0])
            login.password.setText(MANAGER[1])
            login.ok.click()
        elif window is not None and not logged_in.is_set():
            seen.append("window")
            logged_in.set()
        if not logged_in.is_set():
            QTimer.singleShot(50, log_in)

    QTimer.singleShot(0, log_in)
    app = open_app(settings, clock)
    try:
        rc, texts, screen = read_fault_screen(lambda: run_gui(app))
    finally:
        logged_in.set()
        app.close()
    assert seen == ["window"]  # the counter window was up first
    assert rc == 1 and screen.kind == "damaged"
    assert "Database di PC ini rusak" in texts
    assert screen.others == []  # the counter window gave way: the fault screen alone
