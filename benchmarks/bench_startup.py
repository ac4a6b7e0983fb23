"""Counter window start-up, measured from a cold process, beside a bare PySide6 window.

- bare: interpreter start → a QWidget shown (the floor any PySide6 app pays);
- log-in window: interpreter start → the outlet opened and the log-in dialog shown;
- log-in to booking: from pressing Enter with the password → the main window shown
  with the New shipment page ready (Argon2 check, pages built, first list loaded).
Offscreen platform; medians of ``ROUNDS`` runs. Target (counter issue): ≤ 1 s each.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

from outlet_pos.bootstrap import init_outlet
from outlet_pos.config import Settings

from .common import fresh_dir

ROUNDS = int(os.environ.get("BENCH_STARTUP_ROUNDS", "7"))
PASSWORD = "bench-kasir-1"

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.show(); app.processEvents()
print(time.time())
"""

COUNTER = """
import sys, time, json
from outlet_pos.bootstrap import open_app
from outlet_pos.config import Settings
from PySide6.QtWidgets import QApplication
from outlet_pos.ui.login import LoginDialog
qt = QApplication([])
app = open_app(Settings(__import__("pathlib").Path(sys.argv[1]), keystore="file"))
d = LoginDialog(app); d.show(); qt.processEvents()
shown = time.time()
t0 = time.perf_counter()
session = app.auth.login("kasir1", sys.argv[2])
from outlet_pos.ui.main_window import MainWindow
w = MainWindow(app, session, start_sync=False); w.show(); qt.processEvents()
from outlet_pos.ui.background import wait_for_background
wait_for_background(); qt.processEvents()
ready = time.perf_counter() - t0
print(json.dumps({"shown": shown, "login_to_booking": ready}))
w.close(); app.close()
"""


def _run(code: str, *args: str) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, timeout=120, check=True).stdout.strip().splitlines()[-1]
    return start, out


def run() -> dict:
    d = fresh_dir("startup")
    app = init_outlet(Settings(d / "data", keystore="file"), outlet_number=1, terminal=1,
                      manager="manajer", password="bench-manajer-1")
    app.auth.add_user(app.auth.login("manajer", "bench-manajer-1"), "kasir1", "clerk",
                      PASSWORD)
    app.close()
    bare, login, booking = [], [], []
    for _ in range(ROUNDS):
        start, out = _run(BARE)
        bare.append(float(out) - start)
        start, out = _run(COUNTER, str(d / "data"), PASSWORD)
        got = json.loads(out)
        login.append(got["shown"] - start)
        booking.append(got["login_to_booking"])
    result = {"bare_pyside6_window_s": round(statistics.median(bare), 3),
              "cold_start_to_login_s": round(statistics.median(login), 3),
              "login_to_booking_page_s": round(statistics.median(booking), 3)}
    print(f"  bare PySide6 window:          {result['bare_pyside6_window_s']:.3f} s")
    print(f"  cold start to log-in window:  {result['cold_start_to_login_s']:.3f} s")
    print(f"  log-in to booking page ready: {result['login_to_booking_page_s']:.3f} s"
          "   (target <= 1 s each)")
    return result


if __name__ == "__main__":
    run()
