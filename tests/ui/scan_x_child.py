"""The child of test_scanner's window-system test: a window with one field and the
scanner on its default clock (the X server's key time stamps). It prints READY once
the field has the focus, then one line per Enter: what the field held and whether it
was a scan. Run by the test under Xvfb, never alone."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

from outlet_pos.domain.key_burst import ScanKind
from outlet_pos.ui.scanner import ScanFilter


def main() -> int:
    app = QApplication(sys.argv)
    window, field = QMainWindow(), QLineEdit()
    window.setCentralWidget(field)
    window.resize(400, 80)
    window.show()
    window.activateWindow()
    field.setFocus()
    scanner = ScanFilter(window, takes=lambda scan: scan.kind is ScanKind.WAYBILL)
    app.installEventFilter(scanner)
    scanner.scanned.connect(lambda scan: print(f"SCAN {scan.value} field={field.text()}",
                                               flush=True))
    field.returnPressed.connect(lambda: print(f"ENTER field={field.text()}", flush=True))

    def ready() -> None:
        if field.hasFocus():
            print("READY", flush=True)
        else:
            QTimer.singleShot(50, ready)

    QTimer.singleShot(0, ready)
    QTimer.singleShot(30_000, app.quit)  # never outlives a stuck test
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
