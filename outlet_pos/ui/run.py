"""Starting the counter window: QApplication, log-in, main window (``outlet-pos gui``)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDialog

from ..bootstrap import App
from .login import LoginDialog
from .main_window import MainWindow
from .translation import translations


def run_gui(app: App, idle_minutes: int = 10) -> int:
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    qt.setApplicationName("Outlet POS")
    translations(qt).apply()
    login = LoginDialog(app)
    if login.exec() != QDialog.DialogCode.Accepted or login.session is None:
        return 1
    window = MainWindow(app, login.session, idle_minutes)
    window.resize(1100, 700)
    window.show()
    return int(qt.exec())
