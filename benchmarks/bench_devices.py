"""The counter's devices, as a clerk meets them: a scan to the waybill opened, and the
scale's reading to the weight field shown (``python -m benchmarks scan`` / ``scale``).

The real counter window (offscreen Qt, 1280×800) on a real outlet on the project's disk.

- ``scan``: a waybill's 16 digits and Enter as real key events into the focused field
  (New shipment's sender name: the scan must switch pages), through the window's
  application-wide scanner filter (ui/scanner.py), until Today shows the waybill
  selected and painted. The keys are sent as fast as Qt takes them: the device's own
  time (a scanner types a key every 2-4 ms) is not in the figure, which is all the app's:
  its work per key while the burst comes in, and Enter to the waybill opened.
- ``scale``: F4 (a real key) on New shipment, the virtual scale on a real pseudo-terminal
  (scales/virtual.py, the polled 8217 protocol and the streaming one), until the weight
  field shows the new weight, painted. The device's own time is measured apart: the same
  serial link reading the same virtual scale with nothing else running (the answer over
  the pty; for the stream, the wait for its next line). The app's part is the difference.

Both also report the GUI thread's own CPU time over the same span (``time.thread_time``):
on a machine shared with other work the wall time waits for the CPU, the CPU time does not.

Targets (issue 21): each < 50 ms beyond the device's own time.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from outlet_pos.bootstrap import App, init_outlet
from outlet_pos.config import Settings

from .bench_counter import _order
from .bench_counter import _spin as counter_spin
from .common import fresh_dir, summary

ROUNDS = int(os.environ.get("BENCH_DEVICE_ROUNDS", "30"))
WARMUP = 5  # the first presses pay for fonts, first paints and imports
TARGET_MS = 50
MANAGER = ("manajer", "bench-manajer")
CLERK = ("kasir1", "bench-kasir-1")


def _spin(qt: Any, done: Callable[[], bool], timeout_s: float = 20.0,
          signal: Any = None) -> None:
    """The GUI's event loop until ``done()``: checked at once on ``signal``, else every 5 ms
    (bench_counter's loop: thousands of processEvents(flags, ms) calls crashed PySide6
    with "deallocating None")."""
    counter_spin(qt, done, timeout_s=timeout_s, every_ms=5, signal=signal)


def _outlet(work: Path) -> App:
    app = init_outlet(Settings(work / "outlet", keystore="file"), outlet_number=1,
                      terminal=1, manager=MANAGER[0], password=MANAGER[1])
    app.auth.add_user(app.auth.login(*MANAGER), CLERK[0], "clerk", CLERK[1])
    return app


def _window(qt: Any, app: App) -> Any:
    from outlet_pos.ui.main_window import MainWindow

    w = MainWindow(app, app.auth.login(*CLERK), start_sync=False)
    w.resize(1280, 800)
    w.show()
    _spin(qt, lambda: w.focusWidget() is not None)
    return w


def _qt() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


# ------------------------------------------------------------------ the scanner
def scan(work: Path, rounds: int) -> dict[str, list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    qt = _qt()
    app = _outlet(work)
    clerk = app.auth.login(*CLERK)
    waybills = [app.booking.book(clerk, _order(i), print_copies=[]).waybill for i in range(2)]
    w = _window(qt, app)
    out: dict[str, list[float]] = {"keys": [], "enter_to_open": [], "scan_to_open": [],
                                   "gui_cpu": []}
    try:
        for i in range(rounds + WARMUP):
            code = waybills[i % 2]
            w.pages.setCurrentWidget(w.new_shipment)
            w.new_shipment.sender.name.setFocus()
            _spin(qt, lambda: w.focusWidget() is w.new_shipment.sender.name)
            time.sleep(0.06)  # a pause before the burst, as between a clerk's keys and a scan
            t0, cpu0 = time.perf_counter(), time.thread_time()
            for ch in code:
                QTest.keyClick(w.focusWidget(), ch)
            t_enter = time.perf_counter()
            QTest.keyClick(w.focusWidget(), Qt.Key.Key_Return)

            def opened(c: str = code) -> bool:
                row = w.today.selected()
                return w.pages.currentWidget() is w.today and row is not None \
                    and row.summary.waybill == c

            _spin(qt, opened, signal=w.today.model.modelReset)
            qt.processEvents()  # painted
            t_open, cpu = time.perf_counter(), time.thread_time() - cpu0
            if i >= WARMUP:
                out["gui_cpu"].append(cpu)
                out["keys"].append(t_enter - t0)
                out["enter_to_open"].append(t_open - t_enter)
                out["scan_to_open"].append(t_open - t0)
        return out
    finally:
        w.close()
        w.deleteLater()
        qt.processEvents()
        app.close()


# ------------------------------------------------------------------ the scale
def _device_time(path: str, protocol: str, rounds: int) -> list[float]:
    """The bare link reading the virtual scale over the pty: the device's own time."""
    from outlet_pos.scales.profiles import get_profile
    from outlet_pos.scales.serial_link import SerialScale

    link = SerialScale(path, get_profile(protocol))
    times = []
    try:
        for i in range(rounds + WARMUP):
            t = time.perf_counter()
            reading = link.weigh(2.0)
            if not reading.stable:
                raise RuntimeError(f"the virtual scale gave {reading}")
            if i >= WARMUP:
                times.append(time.perf_counter() - t)
    finally:
        link.close()
    return times


def scale(work: Path, rounds: int, protocol: str) -> dict[str, list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QPushButton

    from outlet_pos.scales.virtual import VirtualScale

    qt = _qt()
    app = _outlet(work)
    vs = VirtualScale(protocol, grams=1000, interval=0.05).start()
    try:
        device = _device_time(vs.path, protocol, rounds)
        app.scale.configure(app.auth.login(*MANAGER), f"serial:{vs.path}", protocol)
        w = _window(qt, app)
        try:
            w.pages.setCurrentWidget(w.new_shipment)
            button = w.findChild(QPushButton, "weigh_button")
            field = w.findChild(QLineEdit, "weight_field")
            if button is None or field is None:
                raise RuntimeError("New shipment has no weigh_button / weight_field")
            _spin(qt, button.isEnabled)  # the page has read that a scale is configured
            out: dict[str, list[float]] = {"device": device, "f4_to_shown": [], "gui_cpu": []}
            for i in range(rounds + WARMUP):
                grams = 1000 + 10 * (i + 1)  # another parcel each round: the field changes
                vs.set(grams=grams)
                field.setFocus()
                _spin(qt, lambda: w.focusWidget() is field)
                want = f"{grams / 1000:.2f}"

                def shown(g: str = want) -> bool:
                    return field.text().replace(",", ".").rstrip("0").rstrip(".") \
                        == g.rstrip("0").rstrip(".")

                t0, cpu0 = time.perf_counter(), time.thread_time()
                QTest.keyClick(w.focusWidget(), Qt.Key.Key_F4)
                _spin(qt, shown, timeout_s=5.0, signal=field.textChanged)
                qt.processEvents()  # painted
                if i >= WARMUP:
                    out["f4_to_shown"].append(time.perf_counter() - t0)
                    out["gui_cpu"].append(time.thread_time() - cpu0)
                _spin(qt, button.isEnabled)  # the read is over: the next press counts
            return out
        finally:
            w.close()
            w.deleteLater()
            qt.processEvents()
    finally:
        vs.stop()
        app.close()


def _print(label: str, s: dict[str, float]) -> None:
    print(f"  {label:44} median {s['median_ms']:7.2f} ms   p99 {s['p99_ms']:7.2f} ms")


def run_scan() -> dict[str, object]:
    samples = scan(fresh_dir("scan"), ROUNDS)
    result: dict[str, object] = {k: summary(v) for k, v in samples.items()}
    result["target_ms"] = TARGET_MS
    for key, label in (("keys", "16 digits through the scanner filter"),
                       ("enter_to_open", "Enter → waybill selected on Today, painted"),
                       ("scan_to_open", "first key → waybill opened (the app's part)"),
                       ("gui_cpu", "  of which the GUI thread's CPU")):
        s = result[key]
        assert isinstance(s, dict)
        _print(label, s)
    return result


def run_scale() -> dict[str, object]:
    result: dict[str, object] = {"target_ms": TARGET_MS}
    for protocol in ("mettler-8217", "stream"):
        samples = scale(fresh_dir(f"scale-{protocol}"), ROUNDS, protocol)
        got: dict[str, object] = {k: summary(v) for k, v in samples.items()}
        app_part = statistics.median(samples["f4_to_shown"]) - statistics.median(
            samples["device"])
        got["app_part_median_ms"] = round(app_part * 1000, 3)
        result[protocol] = got
        for key, label in (("device", f"{protocol}: the scale's answer over the pty"),
                           ("f4_to_shown", f"{protocol}: F4 → weight field shown"),
                           ("gui_cpu", f"{protocol}:   of which the GUI thread's CPU")):
            s = got[key]
            assert isinstance(s, dict)
            _print(label, s)
        print(f"  {protocol + ': the app beyond the device (medians)':44} "
              f"{app_part * 1000:7.2f} ms")
    return result
