"""Running service calls off the GUI thread and getting the answer back on it.

``run_in_background(owner, fn, on_done, on_failed)`` runs ``fn`` on Qt's global
thread pool; the callbacks run on the GUI thread, and are dropped if ``owner``
was destroyed meanwhile (a page closed while its call was out).

One long-lived dispatcher on the GUI thread carries every answer back (a queued
signal): no QObject is made or deleted per call, so none can die on a worker thread.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
_ids = itertools.count(1)


class _Dispatcher(QObject):
    finished = Signal(int, bool, object)  # call id, ok, result or exception

    def __init__(self) -> None:
        super().__init__()
        self.pending: dict[int, tuple[QObject, Callable[[Any], None],
                                      Callable[[Exception], None] | None]] = {}
        self.finished.connect(self._deliver)

    @Slot(int, bool, object)
    def _deliver(self, call_id: int, ok: bool, value: Any) -> None:
        owner, on_done, on_failed = self.pending.pop(call_id)
        if not shiboken6.isValid(owner):
            return  # the page is gone; nobody to tell
        if ok:
            on_done(value)
        elif on_failed is not None:
            on_failed(value)
        else:
            log.error("background call failed: %s", type(value).__name__)


_dispatcher: _Dispatcher | None = None


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:  # made on the GUI thread by the first call
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Job(QRunnable):
    def __init__(self, call_id: int, fn: Callable[[], Any], out: _Dispatcher) -> None:
        super().__init__()
        self._id, self._fn, self._out = call_id, fn, out

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as e:  # handed to the GUI thread, which shows it
            self._out.finished.emit(self._id, False, e)
        else:
            self._out.finished.emit(self._id, True, result)


def run_in_background(owner: QObject, fn: Callable[[], Any],
                      on_done: Callable[[Any], None],
                      on_failed: Callable[[Exception], None] | None = None) -> None:
    out = _get_dispatcher()
    call_id = next(_ids)
    out.pending[call_id] = (owner, on_done, on_failed)
    QThreadPool.globalInstance().start(_Job(call_id, fn, out))


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """Block until every background call has finished (for shutting down and tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
