"""Starting the counter window: QApplication, log-in, main window (``outlet-pos gui``);
or, when this outlet's data cannot be used, the fault screen instead (fault_screen.py).

A database that does not open at all (damaged header, missing master key, a newer
schema) reaches ``run_fault_screen`` from ``outlet-pos gui``. One that opens but has
damaged pages is found by the doctor's integrity check, run off the GUI thread while the
log-in is up: the log-in (or the window, if someone was quicker) gives way to the fault
screen, so a damaged outlet never looks like an empty day.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ..bootstrap import App, doctor_for, utc_now
from ..config import Settings
from ..i18n import tr
from ..i18n.errors import describe
from ..services.doctor import FAIL, CheckResult
from .background import (
    GuiThreadCollector,
    collect_garbage_on_gui_thread,
    dispose,
    run_in_background,
    wait_for_background,
)
from .fault_screen import DAMAGED, LOCKED, FaultScreen, fault_kind, fault_message
from .login import LoginDialog
from .main_window import MainWindow
from .platform_check import XCB_PACKAGES, missing_display_library
from .translation import translations

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def _start_qt() -> tuple[QApplication, GuiThreadCollector] | None:
    """The application object, styled and translated; None (said on stderr) when Qt
    cannot show a window on this system."""
    lib = missing_display_library()
    if lib is not None:
        print(tr("The counter window cannot open: Qt needs the system library {lib}. "
                 "Install: sudo apt-get install {packages}", lib=lib,
                 packages=" ".join(XCB_PACKAGES)), file=sys.stderr)
        return None
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    qt.setApplicationName("Outlet POS")
    collector = collect_garbage_on_gui_thread()  # Qt wrappers freed here, never on a worker
    from .style import apply_base_font
    apply_base_font(qt)  # readable type (≥ 11 pt) before any window is made
    translations(qt).apply()
    from .probe import install_probe  # the X session test reads the screen through it
    install_probe(qt)  # nothing unless OUTLET_POS_UI_PROBE is set
    return qt, collector


def open_fault_screen(settings: Settings, kind: str, detail: str = "",
                      clock: Clock = utc_now) -> FaultScreen:
    screen = FaultScreen(settings, clock, kind, detail)
    screen.show()
    screen.raise_()
    screen.activateWindow()
    return screen


def run_fault_screen(settings: Settings, error: BaseException,
                     clock: Clock = utc_now) -> int:
    """The outlet could not be opened: say so in a window (and on stderr, for scripts),
    with the doctor's checks; exit 1 when it is closed."""
    detail = fault_message(error)
    log.error("the counter window cannot open the outlet: %s", type(error).__name__)
    for line in describe(error).terminal_lines():  # as every other command tells it
        print(f"outlet-pos: {line}", file=sys.stderr)
    started = _start_qt()
    if started is None:
        return 1
    qt, _collector = started
    screen = open_fault_screen(settings, fault_kind(error), detail, clock)
    qt.exec()
    _shut_down(screen)
    return 1


class StartupCheck(QObject):
    """The doctor's database check, off the GUI thread; ``found`` (GUI thread) when it
    fails, with the fault's kind."""

    found = Signal(str)

    def __init__(self, settings: Settings, clock: Clock) -> None:
        super().__init__()
        self.fault: str | None = None
        run_in_background(self, lambda: doctor_for(settings, clock).database(), self._checked,
                          self._not_run)

    def _checked(self, result: CheckResult) -> None:
        if result.status != FAIL:
            return
        template = getattr(result.finding, "template", "")
        self.fault = LOCKED if "locked" in template else DAMAGED
        log.error("start-up: the database check failed (%s)", self.fault)
        self.found.emit(self.fault)

    def _not_run(self, error: Exception) -> None:  # the probe never raises; a bug is logged
        log.error("start-up: the database check could not run (%s)", type(error).__name__)


def run_gui(app: App, idle_minutes: int = 10) -> int:
    started = _start_qt()
    if started is None:
        return 1
    qt, collector = started
    check = StartupCheck(app.settings, app.clock)
    login = LoginDialog(app)
    check.found.connect(lambda _kind: login.reject())
    accepted = login.exec() == QDialog.DialogCode.Accepted and login.session is not None
    check.found.disconnect()  # the log-in is done either way
    if not accepted:
        _shut_down(login)
        return _fault_instead(qt, app, check.fault) if check.fault else 1
    assert login.session is not None
    window = MainWindow(app, login.session, idle_minutes)
    screens: list[FaultScreen] = []

    def fault_after_login(kind: str) -> None:
        screens.append(open_fault_screen(app.settings, kind, clock=app.clock))
        window.close()  # stops sync; the fault screen (shown first) is the window left

    check.found.connect(fault_after_login)
    if check.fault:  # found between the log-in and now
        fault_after_login(check.fault)
    else:
        window.showMaximized()  # a counter screen: all of it for the work
    QTimer.singleShot(5_000, collector, collector.settle)  # after the region data has loaded
    rc = int(qt.exec())
    _shut_down(window, login, *screens)
    return 1 if screens else rc


def _fault_instead(qt: QApplication, app: App, kind: str) -> int:
    screen = open_fault_screen(app.settings, kind, clock=app.clock)
    qt.exec()
    _shut_down(screen)
    return 1


def _shut_down(*windows: QWidget) -> None:
    """Calls still out finish before the caller closes the database; then the windows go,
    on this thread, rather than whenever the collector finds them."""
    if not wait_for_background(10_000):
        log.warning("background calls still running at shutdown")
    for w in windows:
        dispose(w)
