"""The counter's lock: a privacy screen in place of the pages, and what locking closes.

While the counter is locked the main window shows only ``PrivacyScreen`` (the outlet,
the time, who locked it): the pages are hidden, not just disabled, so nothing a
customer told the clerk and none of the day's figures is on screen. ``Lockdown``
puts away everything else that could show or act on the work: other dialogs
(a void's authorisation, the cash count), popups (a phone's completer list), tool
tips, and every shortcut and shortcut-carrying action of the window; it gives the
shortcuts back, as they were, on unlock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr
from .style import scale_font


class PrivacyScreen(QWidget):
    """Shown instead of the pages while locked; ``show_locked`` fills it in."""

    def __init__(self, outlet_name: str, timezone: tzinfo,
                 clock: Callable[[], datetime]) -> None:
        super().__init__()
        self._outlet_name, self._tz, self._clock = outlet_name, timezone, clock
        self._locked_by: str | None = None
        self.outlet = QLabel()
        self.time = QLabel()
        self.who = QLabel()
        for label, factor in ((self.outlet, 2.0), (self.time, 3.0), (self.who, 1.3)):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            scale_font(label, factor)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.outlet, self.time, self.who):
            layout.addWidget(label)
        layout.addStretch(8)  # high on the screen: the log-in opens over its middle
        self._tick = QTimer(self)
        self._tick.setInterval(15_000)  # the minute shown is never more than 15 s behind
        self._tick.timeout.connect(self._show_time)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(tr("Locked screen"))
        self.outlet.setAccessibleName(tr("Outlet"))
        self.time.setAccessibleName(tr("Time"))
        self.who.setAccessibleName(tr("Locked by"))
        self.outlet.setText(self._outlet_name)
        self.who.setText(tr("Locked by {user}", user=self._locked_by) if self._locked_by
                         else tr("Log in to start"))
        self._show_time()

    def show_locked(self, user: str | None) -> None:
        self._locked_by = user
        self.retranslate()
        self._tick.start()

    def stop(self) -> None:
        self._tick.stop()

    def _show_time(self) -> None:
        self.time.setText(self._clock().astimezone(self._tz).strftime("%H:%M"))


class Lockdown:
    """Puts away what could show or act on the work; ``release`` gives the keys back."""

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self._disabled: list[QShortcut | QAction] = []

    def engage(self, keep: QWidget) -> None:
        QToolTip.hideText()
        for _ in range(8):  # popups stack (a menu over a completer); each close uncovers one
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for w in QApplication.topLevelWidgets():
            if w is not self._window and w is not keep:
                self.put_away(w)
        for s in self._window.findChildren(QShortcut):
            if s.isEnabled():
                s.setEnabled(False)
                self._disabled.append(s)
        for a in self._window.findChildren(QAction):
            if a.isEnabled() and not a.shortcut().isEmpty():
                a.setEnabled(False)
                self._disabled.append(a)

    @staticmethod
    def put_away(w: QWidget) -> None:
        """Close a window that would show over the lock (or that opened under it, late)."""
        if not shiboken6.isValid(w) or not w.isVisible():
            return
        if isinstance(w, QDialog):
            w.reject()
        w.hide()  # a dialog that refuses to be rejected (busy) is hidden all the same

    @staticmethod
    def belongs_to(w: QWidget, owner: QWidget) -> bool:
        """``w`` is ``owner`` or one of its windows (a popup of its field, a tool tip)."""
        while w is not None:
            if w is owner:
                return True
            w = w.parentWidget()
        return False

    def release(self) -> None:
        for s in self._disabled:
            if shiboken6.isValid(s):  # pages rebuilt meanwhile took theirs with them
                s.setEnabled(True)
        self._disabled.clear()
