"""UI test fixtures: exports (the closing's PDF) go to the test's temporary directory,
never into the Documents folder of whoever runs the tests; after each module the
GUI-thread garbage collection (which background calls switch on) is handed back to
Python once no worker is left, so the tests after it run with the usual collector; and
each test ends with the application font it started with (a test that runs the app in
this process sets the counter's 11-point type, ``ui/style.apply_base_font``, which
would otherwise be every later test's font in that worker)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from outlet_pos.reports.private_file import EXPORTS_ENV
from outlet_pos.ui.background import stop_gui_thread_collection, wait_for_background


@pytest.fixture(autouse=True)
def exports_in_tmp(tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    monkeypatch.setenv(EXPORTS_ENV, str(folder))
    return folder


@pytest.fixture(autouse=True)
def font_restored(qapp):
    font = qapp.font()
    yield
    QApplication.setFont(font)


@pytest.fixture(autouse=True, scope="module")
def collection_back_to_python():
    yield
    wait_for_background()
    stop_gui_thread_collection()
