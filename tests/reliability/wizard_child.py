"""One fresh ``outlet-pos gui`` process, driven like a technician and a clerk would.

``python -m tests.reliability.wizard_child DATA_DIR MODE [ORDER_JSON]`` runs the real
command (``outlet_pos.cli.main.main(["gui", ...])``) and drives its real windows with
key events (QTest) from a timer on the GUI thread:

- ``first``: the first-run wizard (typed, Enter for Next), Finish, log-in, main window;
  then the worst timing for the old crash (a garbage collection on a pool thread while
  the region data loads, as the fault trace showed), typing into the window, close.
- ``again``: log-in and main window on a data directory already set up; close.
- ``crash``: as ``again``, books ORDER_JSON through the window's services, says its
  waybill, then dies of a segmentation fault (what a native fault in Qt does).

Each step prints one JSON line (``{"step": ..., "t": seconds since start}``); the exit
code is the command's.
"""

from __future__ import annotations

import faulthandler
import gc
import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QRunnable, Qt, QThreadPool, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

START = time.monotonic()
MANAGER = ("manajer", "rahasia-manajer")


def say(step: str, **more: object) -> None:
    print(json.dumps({"step": step, "t": round(time.monotonic() - START, 3), **more}),
          flush=True)


class _Collect(QRunnable):
    def run(self) -> None:
        say("worker_gc", collected=gc.collect())


class Driver:
    def __init__(self, qt: QApplication, data_dir: Path, mode: str, order: dict | None) -> None:
        self.qt, self.data_dir, self.mode, self.order = qt, data_dir, mode, order
        self.stage = "wizard" if mode == "first" else "login"
        self.ticks_in_main = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(20)

    def tick(self) -> None:
        from outlet_pos.ui.login import LoginDialog
        from outlet_pos.ui.main_window import MainWindow
        from outlet_pos.ui.setup_wizard import SetupWizard

        w = self.qt.activeModalWidget() or self.qt.activeWindow()
        if self.stage == "wizard" and isinstance(w, SetupWizard) and w.isVisible():
            self.stage = "wizard_running"
            say("wizard_shown")
            self.fill_wizard(w)
        elif self.stage == "wizard_running" and isinstance(w, SetupWizard):
            if w.done_ok and not w.running:
                self.stage = "login"
                say("setup_done", steps=[s.step for s in w.steps if s.ok])
                QTest.mouseClick(w.button(QWizard.WizardButton.FinishButton),
                                 Qt.MouseButton.LeftButton)
        elif self.stage == "login" and isinstance(w, LoginDialog) and w.isVisible():
            self.stage = "logging_in"
            say("login_shown")
            QTest.keyClicks(w.user, MANAGER[0])
            QTest.keyClick(w.user, Qt.Key.Key_Return)
            QTest.keyClicks(w.password, MANAGER[1])
            QTest.keyClick(w.password, Qt.Key.Key_Return)
        elif self.stage == "logging_in" and isinstance(w, MainWindow) and w.isVisible():
            self.stage = "main"
            say("main_window")
            if self.mode == "first":  # the old crash's timing, forced
                QThreadPool.globalInstance().start(_Collect())
            if self.mode == "crash":
                self.book_then_crash(w)
        elif self.stage == "main" and isinstance(w, MainWindow):
            self.ticks_in_main += 1
            focus = self.qt.focusWidget()
            if focus is not None:
                QTest.keyClicks(focus, "4")
            if self.ticks_in_main >= 15:  # ~0.3 s of a clerk at work, region data loading
                self.stage = "closing"
                say("closing")
                w.close()

    def fill_wizard(self, w) -> None:
        QTest.keyClick(w, Qt.Key.Key_Return)  # page 1 as proposed: Next
        for field, text in ((w.manager, MANAGER[0]), (w.password, MANAGER[1]),
                            (w.password2, MANAGER[1])):
            field.setFocus()
            QTest.keyClicks(field, text)
        QTest.keyClick(w.password2, Qt.Key.Key_Return)
        QTest.keyClick(w.currentPage(), Qt.Key.Key_Return)  # no server: enroll later
        w.connection.setFocus()
        QTest.keyClicks(w.connection, f"file:{self.data_dir.parent / 'paper.bin'}")
        QTest.keyClick(w.connection, Qt.Key.Key_Return)

    def book_then_crash(self, w) -> None:
        assert self.order is not None
        booked = w.app.booking.book(w.session, self.order)
        say("booked", waybill=booked.waybill)
        QTimer.singleShot(50, faulthandler._sigsegv)


def main() -> int:
    data_dir, mode = Path(sys.argv[1]), sys.argv[2]
    order = json.loads(Path(sys.argv[3]).read_text()) if len(sys.argv) > 3 else None
    qt = QApplication(sys.argv[:1])  # the command takes this one, as run_gui does
    driver = Driver(qt, data_dir, mode, order)
    from outlet_pos.cli.main import main as outlet_pos

    rc = outlet_pos(["gui", "--data-dir", str(data_dir)])
    driver.timer.stop()
    say("exit", rc=rc, stage=driver.stage)
    return rc


if __name__ == "__main__":
    sys.exit(main())
