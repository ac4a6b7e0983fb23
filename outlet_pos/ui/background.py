"""Running service calls off the GUI thread and getting the answer back on it.

``run_in_background(owner, fn, on_done, on_failed)`` runs ``fn`` on Qt's global
thread pool; the callbacks run on the GUI thread, and are dropped if ``owner``
was destroyed meanwhile (a page closed while its call was out).

One long-lived dispatcher on the GUI thread carries every answer back (a queued
signal): no QObject is made or deleted per call, so none can die on a worker thread.

Qt objects must also never be *destroyed* on a worker thread, and two things can do
that behind our back: the worker dropping the last reference to something its call
captured (a page's ``self``), and Python's cyclic garbage collector, which runs on
whichever thread crosses an allocation threshold and deletes the C++ widget of any
wrapper it frees (the segfault after the first-run wizard: its pages formed a cycle,
and a pool thread loading the region data collected it). So a job hands everything it
held back to the GUI thread, and ``GuiThreadCollector`` moves the collector there.
"""

from __future__ import annotations

import gc
import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

from ..i18n.errors import log_details

log = logging.getLogger(__name__)
_ids = itertools.count(1)


class _Dispatcher(QObject):
    finished = Signal(int, bool, object)  # call id, ok, result or exception

    def __init__(self) -> None:
        super().__init__()
        # The GUI thread holds every call's owner, callbacks and function until the answer
        # is delivered, so their last reference is always dropped on this thread.
        self.pending: dict[int, tuple[QObject, Callable[[Any], None],
                                      Callable[[Exception], None] | None,
                                      Callable[[], Any]]] = {}
        self.finished.connect(self._deliver)

    @Slot(int, bool, object)
    def _deliver(self, call_id: int, ok: bool, value: Any) -> None:
        owner, on_done, on_failed, _fn = self.pending.pop(call_id)
        if not shiboken6.isValid(owner):
            return  # the page is gone; nobody to tell
        if ok:
            on_done(value)
        elif on_failed is not None:
            on_failed(value)
        else:  # nobody shows it: the log keeps what support needs (no personal data)
            log.error("background call failed: %s", type(value).__name__)
            log_details(value, log)


_dispatcher: _Dispatcher | None = None


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None or not shiboken6.isValid(_dispatcher):
        _dispatcher = _Dispatcher()  # made on the GUI thread by the first call
    return _dispatcher


class _Job(QRunnable):
    def __init__(self, call_id: int, fn: Callable[[], Any], out: _Dispatcher) -> None:
        super().__init__()
        self._id, self._fn, self._out = call_id, fn, out

    def run(self) -> None:
        # The pool deletes this job on the worker thread: it must hold nothing by then.
        fn, self._fn = self._fn, None
        assert fn is not None
        ok = True
        try:
            value = fn()
        except Exception as e:  # handed to the GUI thread, which shows it
            ok, value = False, e
        del fn
        self._send(ok, value)
        del value  # the queued answer now holds it; the GUI thread lets it go

    def _send(self, ok: bool, value: Any) -> None:
        out = self._out
        if not shiboken6.isValid(out):
            log.debug("background answer dropped: the application has shut down")
            return
        try:
            out.finished.emit(self._id, ok, value)
        except RuntimeError:  # deleted between the check and the emit, at shutdown
            log.debug("background answer dropped: the application has shut down")


def run_in_background(owner: QObject, fn: Callable[[], Any],
                      on_done: Callable[[Any], None],
                      on_failed: Callable[[Exception], None] | None = None) -> None:
    """Call on the GUI thread; ``fn`` runs on a worker, the callbacks back on the GUI thread."""
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        # The dispatcher and the callbacks' owner live on the GUI thread; a call from a
        # worker would make or touch them there (the class of bug behind the old segfault).
        raise RuntimeError("run_in_background is called on the GUI thread only")
    # From the first worker on, Python's cyclic collector runs only on this thread: any
    # window or page (in the app, the demo or a test) that starts background work is safe,
    # not only the ones run_gui made (a collection on a pool thread crashed a test window).
    collect_garbage_on_gui_thread()
    out = _get_dispatcher()
    call_id = next(_ids)
    out.pending[call_id] = (owner, on_done, on_failed, fn)
    QThreadPool.globalInstance().start(_Job(call_id, fn, out))


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """Block until every background call has finished (for shutting down and tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


class GuiThreadCollector(QObject):
    """Python's cyclic garbage collection, only on the GUI thread, between events.

    Automatic collection is switched off; a timer on the GUI thread collects the
    generation the automatic collector would have collected (same thresholds), so
    memory stays bounded while no wrapper of a Qt object is ever freed on a worker
    thread, nor in the middle of delivering an event to the object it deletes.
    ``stop`` gives collection back to Python (tests, and leaving the window).
    """

    def __init__(self, interval_ms: int = 500) -> None:
        super().__init__()
        self._was_enabled = gc.isenabled()
        self._threshold = gc.get_threshold()
        self._after_full = len(gc.get_objects())
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @Slot()
    def collect_due(self) -> int:
        """Collect what the automatic collector would have by now; returns the generation, or -1."""
        t0, t1, t2 = self._threshold
        c0, c1, c2 = gc.get_count()
        generation = 2 if c2 > t2 else 1 if c1 > t1 else 0 if c0 > t0 else -1
        # CPython's own rule against quadratic full collections: only when the objects
        # that survived since the last one are a quarter of those that survived it.
        if generation == 2 and len(gc.get_objects()) - self._after_full <= self._after_full // 4:
            generation = 1
        if generation >= 0:
            gc.collect(generation)
        if generation == 2:
            self._after_full = len(gc.get_objects())
        return generation

    def settle(self) -> None:
        """The start-up is done (window built, reference data loaded): collect once, then
        leave what survived out of every later collection (``gc.freeze``). A full collection
        of the running window took 140 ms, a pause a clerk could feel; after this, only
        objects made since are looked at."""
        gc.collect()
        gc.freeze()
        self._after_full = len(gc.get_objects())

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()
        gc.collect()  # what piled up since the last tick, still on this thread


_collector: GuiThreadCollector | None = None


def collect_garbage_on_gui_thread() -> GuiThreadCollector:
    """Install the one collector of this process (call on the GUI thread; idempotent)."""
    global _collector
    if _collector is None or not shiboken6.isValid(_collector):
        _collector = GuiThreadCollector()
    elif gc.isenabled():  # another collector's stop gave collection back to Python
        gc.disable()
    return _collector


def stop_gui_thread_collection() -> None:
    """Python collects on its own again (tests that ran a window's start-up)."""
    global _collector
    if _collector is not None and shiboken6.isValid(_collector):
        _collector.stop()
    _collector = None
    gc.enable()  # even when another collector had switched it off before this one began


def dispose(widget: QObject | None) -> None:
    """Delete a finished top-level dialog's C++ object now, on this (the GUI) thread.

    A parentless widget belongs to its Python wrapper; if that wrapper sits in a
    reference cycle, the C++ object would die whenever and wherever the collector
    runs. Deleting it here leaves only an empty wrapper, harmless to collect anywhere."""
    if widget is not None and shiboken6.isValid(widget):
        shiboken6.delete(widget)
