"""The Diagnostics page: the doctor's checks for a technician, run off the GUI thread."""

from __future__ import annotations

from outlet_pos.ui.background import wait_for_background
from outlet_pos.ui.main_window import MainWindow
from tests.conftest import CLERK, TECH


def test_technician_sees_the_checks_and_a_clerk_has_no_such_page(qtbot, app, clock):
    w = MainWindow(app, app.auth.login(*TECH), start_sync=False)
    qtbot.addWidget(w)
    assert w.diagnostics is not None
    w.pages.setCurrentWidget(w.diagnostics)  # showing the page starts the checks
    page = w.diagnostics
    qtbot.waitUntil(lambda: len(page.results) == 13 and not page.running, timeout=20_000)
    rows = {page.table.item(r, 0).text(): page.table.item(r, 1).text()
            for r in range(page.table.rowCount())}
    assert len(rows) == 13
    printer = next(r for r in page.results if r.check == "printer")
    assert printer.status == "fail"  # no printer set up yet: a failure with a remedy
    row = [r.check for r in page.results].index("printer")
    assert page.table.item(row, 3).text()  # the remedy is shown
    assert "1" in page.summary.text()
    page.run_button.click()  # again, without blocking the window
    assert page.running and not page.run_button.isEnabled()
    qtbot.waitUntil(lambda: not page.running, timeout=20_000)

    clerk_window = MainWindow(app, app.auth.login(*CLERK), start_sync=False)
    qtbot.addWidget(clerk_window)
    assert clerk_window.diagnostics is None
    assert wait_for_background()  # the windows' start-up loads, before the app closes
