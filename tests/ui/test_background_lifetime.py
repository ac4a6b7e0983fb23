"""Qt object lifetime across threads: what killed the window after the first-run wizard.

Python's cyclic garbage collector runs on whichever thread happens to allocate when a
threshold is crossed, a worker of the thread pool included. Collecting the wrapper of a
top-level widget there deletes the C++ widget off the GUI thread: a segmentation fault.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import threading
import time

from PySide6.QtWidgets import QWidget

from outlet_pos.ui.background import (
    GuiThreadCollector,
    run_in_background,
    stop_gui_thread_collection,
    wait_for_background,
)

from ..conftest import ROOT


class _Cycle:
    """A reference cycle, like a dialog whose page points back at it."""

    def __init__(self) -> None:
        self.me = self


def test_garbage_is_collected_only_on_the_gui_thread(qtbot):
    threads: list[str] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "stop":
            threads.append(threading.current_thread().name)

    def allocate() -> int:  # what the region index build does: many objects, off the GUI
        cycles = [_Cycle() for _ in range(50_000)]
        return len(cycles)

    collector = GuiThreadCollector(interval_ms=20)
    gc.callbacks.append(seen)
    try:
        assert not gc.isenabled()
        answers: list[int] = []
        owner = QWidget()
        qtbot.addWidget(owner)
        for _ in range(3):
            run_in_background(owner, allocate, answers.append)
        qtbot.waitUntil(lambda: len(answers) == 3, timeout=20_000)
        assert wait_for_background()
        qtbot.waitUntil(lambda: bool(threads), timeout=5_000)  # the GUI thread's timer collected
    finally:
        gc.callbacks.remove(seen)
        collector.stop()
    assert gc.isenabled()
    assert set(threads) == {threading.main_thread().name}, threads


def test_after_start_up_full_collections_skip_what_the_start_up_made(qtbot):
    keep = [_Cycle() for _ in range(20_000)]  # the start-up's long-lived objects
    collector = GuiThreadCollector(interval_ms=10_000)
    try:
        collector.settle()
        assert gc.get_freeze_count() >= len(keep)
        garbage = [_Cycle() for _ in range(100)]
        del garbage
        assert gc.collect() >= 100  # new cycles are still collected
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_call_from_a_worker_thread_is_refused(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    refused: list[BaseException] = []

    def from_a_worker() -> None:
        try:
            run_in_background(owner, lambda: 1, print)
        except RuntimeError as e:
            refused.append(e)

    t = threading.Thread(target=from_a_worker)
    t.start()
    t.join()
    assert len(refused) == 1


class _Witness:
    """Records the thread that drops the last reference (a widget would be deleted there)."""

    died_on: list[str] = []  # noqa: RUF012 - shared on purpose, read by the test

    def __del__(self) -> None:
        _Witness.died_on.append(threading.current_thread().name)


def test_a_job_never_drops_the_last_reference_to_what_it_captured_on_a_worker(qtbot):
    """A page closed while its call is out: the call's closure may hold the last reference to
    the page. It must be released on the GUI thread, never where the pool deletes the job."""
    owner = QWidget()
    qtbot.addWidget(owner)
    _Witness.died_on.clear()
    answers: list[object] = []
    for _ in range(5):
        witness = _Witness()
        run_in_background(owner, lambda w=witness: time.sleep(0.01) or id(w), answers.append)
        del witness
    qtbot.waitUntil(lambda: len(answers) == 5, timeout=10_000)
    assert wait_for_background()
    qtbot.waitUntil(lambda: len(_Witness.died_on) == 5, timeout=5_000)
    assert set(_Witness.died_on) == {threading.main_thread().name}


def test_leaving_with_work_in_flight_says_nothing_and_exits_0():
    """A window closed while a background call still runs (the process then leaves): the
    call's answer has nobody to go to; that is not an error ("Signal source has been
    deleted" printed by a worker thread before)."""
    script = textwrap.dedent("""
        import sys, time
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QWidget
        from outlet_pos.ui.background import run_in_background, wait_for_background
        qt = QApplication(sys.argv[:1])
        w = QWidget()
        w.show()
        run_in_background(w, lambda: time.sleep(0.5) or 1, print)
        QTimer.singleShot(50, w.close)
        QTimer.singleShot(60, qt.quit)
        rc = qt.exec()
        del w, qt
        sys.exit(rc)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert "Error calling Python override" not in done.stderr, done.stderr
    assert "Signal source has been deleted" not in done.stderr, done.stderr


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_the_first_background_call_keeps_collection_on_the_gui_thread(qtbot):
    """Not only run_gui's window: any widget that starts background work (a test's window,
    the demo) gets the collector, or a pool thread may free a Qt wrapper (seen: a segfault in
    a Day review test's window, collected on the region warm-up's worker)."""
    stop_gui_thread_collection()
    assert gc.isenabled()
    owner = QWidget()
    qtbot.addWidget(owner)
    answers: list[int] = []
    run_in_background(owner, lambda: 1, answers.append)
    assert not gc.isenabled()
    qtbot.waitUntil(lambda: answers == [1], timeout=5_000)
    gc.enable()  # as a stopped collector of another test leaves it
    run_in_background(owner, lambda: 2, answers.append)
    assert not gc.isenabled()
    qtbot.waitUntil(lambda: answers == [1, 2], timeout=5_000)
