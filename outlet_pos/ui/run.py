"""Starting the counter window: QApplication, log-in, main window (``outlet-pos gui``)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDialog

from ..bootstrap import App
from ..i18n import tr
from .login import LoginDialog
from .main_window import MainWindow
from .platform_check import XCB_PACKAGES, missing_display_library
from .translation import translations


def run_gui(app: App, idle_minutes: int = 10) -> int:
    lib = missing_display_library()
    if lib is not None:
        print(tr("The counter window cannot open: Qt needs the system library {lib}. "
                 "Install: sudo apt-get install {packages}", lib=lib,
                 packages=" ".join(XCB_PACKAGES)), file=sys.stderr)
        return 1
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    qt.setApplicationName("Outlet POS")
    from .style import apply_base_font
    apply_base_font(qt)  # readable type (≥ 11 pt) before any window is made
    translations(qt).apply()
    from .probe import install_probe  # the X session test reads the screen through it
    install_probe(qt)  # nothing unless OUTLET_POS_UI_PROBE is set
    login = LoginDialog(app)
    if login.exec() != QDialog.DialogCode.Accepted or login.session is None:
        return 1
    window = MainWindow(app, login.session, idle_minutes)
    window.showMaximized()  # a counter screen: all of it for the work
    return int(qt.exec())
