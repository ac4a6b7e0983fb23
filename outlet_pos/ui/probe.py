"""A test probe: what the screen shows, as JSON, for the X session test to read.

Only when the environment variable ``OUTLET_POS_UI_PROBE`` names a file: each SIGUSR1 makes
the window write there every *visible* widget's text (labels, fields, buttons, group and
window titles, tab titles, table cells and headers, combo boxes, spin boxes, message boxes),
its accessible name, class, geometry on the screen and whether it is enabled, plus a little
state that is not personal (the language, each tab widget's current page, the focused widget,
the modal window). Tests drive the real app through the window system and read this instead
of guessing text from pixels.

Without the variable nothing is installed and nothing is written. The file holds what the
screen holds (customers' names while they are shown), so it is created readable by this user
only (0600) and replaced whole (write to a sibling, then rename). Password fields are written
as their length, never their text.

The dump runs on the GUI thread: the signal only wakes a ``QSocketNotifier`` through
``signal.set_wakeup_fd``; Python's handler itself does nothing.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSocketNotifier, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ..atomic_file import write_text

ENV = "OUTLET_POS_UI_PROBE"
MAX_ROWS = 200  # a long table: the rows a person can scroll to, enough for any check


def install_probe(qt: QApplication) -> UiProbe | None:
    """Start answering SIGUSR1 with a dump, if ``OUTLET_POS_UI_PROBE`` is set."""
    path = os.environ.get(ENV)
    if not path or not hasattr(signal, "SIGUSR1"):
        return None
    probe = UiProbe(qt, Path(path))
    probe.write()  # a first dump says "ready": signals sent before now would end the app
    return probe


class UiProbe(QObject):
    def __init__(self, qt: QApplication, path: Path) -> None:
        super().__init__(qt)  # the application keeps it alive
        self.path, self.seq = path, -1
        self._rx, self._tx = socket.socketpair()
        for s in (self._rx, self._tx):
            s.setblocking(False)
        # The default action of SIGUSR1 would end the app.
        self._handler = signal.signal(signal.SIGUSR1, lambda _n, _f: None)
        self._wakeup = signal.set_wakeup_fd(self._tx.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._rx.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def close(self) -> None:
        """Give back SIGUSR1 and the wake-up fd as they were (tests; the app never closes it)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._wakeup)
        signal.signal(signal.SIGUSR1, self._handler)
        self._rx.close()
        self._tx.close()

    def _woken(self) -> None:
        try:
            wanted = signal.SIGUSR1.value in self._rx.recv(64)
        except BlockingIOError:
            return
        if wanted:
            self.write()

    def write(self) -> None:
        self.seq += 1
        data = snapshot(self.seq)
        # Read by the test driver only: atomic, not worth an fsync on the GUI thread.
        write_text(self.path, json.dumps(data, ensure_ascii=False), permissions=0o600,
                   durable=False)


def snapshot(seq: int = 0) -> dict[str, Any]:
    """The visible windows and their widgets' texts, now."""
    from ..i18n import get_language  # at call time: the window may switch language

    qt = QApplication.instance()
    windows = [w for w in qt.topLevelWidgets() if w.isVisible()]
    focus, modal, active = qt.focusWidget(), qt.activeModalWidget(), qt.activeWindow()
    return {
        "seq": seq, "time": time.time(), "language": get_language(), "pid": os.getpid(),
        "focus": _describe(focus) if focus is not None else None,
        "modal": modal.windowTitle() if modal is not None else None,
        "active": active.windowTitle() if active is not None else None,
        "tabs": [{"name": t.accessibleName(), "current": t.currentIndex(),
                  "count": t.count()}
                 for w in qt.topLevelWidgets() for t in w.findChildren(QTabWidget)],
        "windows": [{"title": w.windowTitle(), "cls": type(w).__name__,
                     "modal": w.isModal(), "active": w.isActiveWindow(), "rect": _rect(w),
                     "widgets": [_describe(c) for c in _visible(w)]} for w in windows],
    }


def _visible(window: QWidget) -> list[QWidget]:
    return [c for c in window.findChildren(QWidget) if c.isVisible()]


def _rect(w: QWidget) -> list[int]:
    top_left = w.mapToGlobal(w.rect().topLeft())
    return [top_left.x(), top_left.y(), w.width(), w.height()]


def _describe(w: QWidget) -> dict[str, Any]:
    d: dict[str, Any] = {"cls": type(w).__name__, "name": w.accessibleName(),
                         "rect": _rect(w), "enabled": w.isEnabled(),
                         "focus": w.hasFocus()}
    d.update(_texts(w))
    return d


def _texts(w: QWidget) -> dict[str, Any]:
    if isinstance(w, QLineEdit):
        if w.echoMode() != QLineEdit.EchoMode.Normal:
            return {"secret_length": len(w.text())}
        return {"text": w.text(), "placeholder": w.placeholderText()}
    if isinstance(w, QLabel):
        return {"text": w.text()}
    if isinstance(w, QAbstractButton):
        return {"text": w.text(), "checked": w.isChecked()}
    if isinstance(w, QGroupBox):
        return {"text": w.title()}
    if isinstance(w, QComboBox):
        return {"text": w.currentText(), "count": w.count()}
    if isinstance(w, QAbstractSpinBox):
        return {"text": w.text()}
    if isinstance(w, (QPlainTextEdit, QTextEdit)):
        return {"text": w.toPlainText()}
    if isinstance(w, QTabBar):
        return {"tabs": [w.tabText(i) for i in range(w.count())], "current": w.currentIndex()}
    if isinstance(w, QStatusBar):
        return {"text": w.currentMessage()}
    if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
        return _table(w)  # a header's texts are in its table's dump
    if isinstance(w, QMainWindow):
        return {"text": w.windowTitle()}
    return {}


def _table(view: QAbstractItemView) -> dict[str, Any]:
    model = view.model()
    if model is None:
        return {"rows": 0, "cells": []}
    root = view.rootIndex() if view.rootIndex().isValid() else QModelIndex()
    # A list's model (QListWidget's) keeps columnCount private: a list has one column.
    rows = model.rowCount(root)
    cols = 1 if isinstance(view, QListView) else model.columnCount(root)
    display = Qt.ItemDataRole.DisplayRole
    header = [str(model.headerData(c, Qt.Orientation.Horizontal, display) or "")
              for c in range(cols)]
    cells = [[_cell(model.data(model.index(r, c, root), display)) for c in range(cols)]
             for r in range(min(rows, MAX_ROWS))]
    selection = view.selectionModel()
    selected = sorted({i.row() for i in selection.selectedIndexes()}) if selection else []
    return {"rows": rows, "header": header, "cells": cells, "selected": selected}


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
