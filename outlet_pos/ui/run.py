"""Starting the counter window: QApplication, log-in, main window (``outlet-pos gui``)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ..bootstrap import App
from ..i18n import tr
from .background import collect_garbage_on_gui_thread, dispose, wait_for_background
from .login import LoginDialog
from .main_window import MainWindow
from .platform_check import XCB_PACKAGES, missing_display_library
from .translation import translations

log = logging.getLogger(__name__)


def run_gui(app: App, idle_minutes: int = 10) -> int:
    lib = missing_display_library()
    if lib is not None:
        print(tr("The counter window cannot open: Qt needs the system library {lib}. "
                 "Install: sudo apt-get install {packages}", lib=lib,
                 packages=" ".join(XCB_PACKAGES)), file=sys.stderr)
        return 1
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    qt.setApplicationName("Outlet POS")
    collector = collect_garbage_on_gui_thread()  # Qt wrappers freed here, never on a worker
    from .style import apply_base_font
    apply_base_font(qt)  # readable type (≥ 11 pt) before any window is made
    translations(qt).apply()
    from .probe import install_probe  # the X session test reads the screen through it
    install_probe(qt)  # nothing unless OUTLET_POS_UI_PROBE is set
    login = LoginDialog(app)
    if login.exec() != QDialog.DialogCode.Accepted or login.session is None:
        _shut_down(login)
        return 1
    window = MainWindow(app, login.session, idle_minutes)
    window.showMaximized()  # a counter screen: all of it for the work
    QTimer.singleShot(5_000, collector, collector.settle)  # after the region data has loaded
    rc = int(qt.exec())
    _shut_down(window, login)
    return rc


def _shut_down(*windows: QWidget) -> None:
    """Calls still out finish before the caller closes the database; then the windows go,
    on this thread, rather than whenever the collector finds them."""
    if not wait_for_background(10_000):
        log.warning("background calls still running at shutdown")
    for w in windows:
        dispose(w)
