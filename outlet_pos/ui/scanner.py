"""Keyboard-wedge barcode scanners in the counter window: the Qt glue of the burst
detector (domain/key_burst.py) and where a scanned code goes.

A wedge scanner is a keyboard: it types a whole code in a burst and presses Enter, into
whatever field has the focus. An application-wide event filter watches the keys that
reach the window's focus widget and tells a burst from typing without a mode switch.

Why the keys are let through and a scan is taken back afterwards, rather than held
back while a burst may be starting: holding the first key of every run until the next
one comes (or does not, 35 ms later) would delay every key a person types, reorder keys
against other events, and leave a field without its last character until a timer
fires. Here a person's key reaches the field at once and unchanged; only the run's
first key costs a copy of the focused field's text. When the run's Enter shows it was a
scan, the field gets that copy back (textEdited is sent again, so what follows the
field, a postal code's villages, follows it back), the Enter is eaten, and the code is
routed. The price: for the few milliseconds of a burst its characters stand in the
field, and the field's own reactions to them run (and are undone as above).

Only a code the window can use is taken back (a waybill or a pre-booking anywhere, a
phone on New shipment): a burst that is none of ours stays as typed, its Enter included, with a word
in the status bar. Machines other than scanners type too (a password manager's fill,
an autotype tool, the tests at full speed), and the counter must not swallow typed text
it cannot place. Not watched at all: password fields (never a scan, never a copy of a
password), other windows (the log-in, a void's authorisation), the locked window.

Where a waybill goes (``route``): on Today it is selected there (reprint, void), on
Track it is looked up, on Day review it is found (to void it); from any other page a
waybill of this terminal opens on Today, another terminal's on Track (no database read
decides it, so the scan answers at once). A phone's QR fills the phone of the party
that has the focus on New shipment (the sender otherwise); elsewhere it is typing (on
Today, Enter searches by it). An unknown or misread code says so in the status bar,
without the scanned text: it could be personal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..domain.key_burst import BurstRules, KeyBurst, Scan, ScanKind, classify
from ..domain.waybill import format_waybill, parse_waybill
from ..i18n import tr

MESSAGE_MS = 8_000
_MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                  Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock}
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


# A widget with this property set keeps what is scanned into it, as typed, whatever the code
# looks like: the sender's loyalty card field (its barcode may read as a waybill or a phone).
KEEPS_SCANS = "keeps_scans"


def event_time_ms(event: QKeyEvent) -> float:
    """The window system's time of the key (true even when the GUI thread was busy and
    a person's keys queued up); synthetic keys carry none: then the monotonic clock."""
    return float(event.timestamp()) or time.monotonic() * 1000.0


@dataclass
class _Kept:
    """What the focused field held before a run's first key."""

    widget: QWidget
    value: Any
    cursor: int = 0

    @staticmethod
    def of(w: QWidget) -> _Kept | None:
        if isinstance(w, QLineEdit):
            return _Kept(w, w.text(), w.cursorPosition())
        if isinstance(w, QComboBox):
            edit = w.lineEdit()
            return (_Kept(edit, edit.text(), edit.cursorPosition()) if edit is not None
                    else _Kept(w, w.currentIndex()))
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            return _Kept(w, w.value())
        if isinstance(w, QDateTimeEdit):  # Today's and Day review's date: digits change it
            return _Kept(w, w.dateTime())
        return None  # a table, a button: digits do nothing there worth undoing

    def restore(self) -> None:
        w = self.widget
        if isinstance(w, QLineEdit):
            if w.text() != self.value:
                w.setText(self.value)
                w.textEdited.emit(self.value)  # what reacts to the field follows it back
            w.setCursorPosition(self.cursor)
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(self.value)
        elif isinstance(w, QSpinBox | QDoubleSpinBox):
            w.setValue(self.value)
        elif isinstance(w, QDateTimeEdit):
            w.setDateTime(self.value)


def _take_back(kept: _Kept | None, focus: QWidget | None, code: str) -> None:
    if kept is not None:
        kept.restore()
    if (isinstance(focus, QLineEdit) and (kept is None or focus is not kept.widget)
            and focus.text().endswith(code)):
        # The burst moved the focus on its way (the change screen's first key starts the
        # next customer and puts itself in the phone): its keys ended up there.
        focus.setText(focus.text()[:-len(code)])
        focus.textEdited.emit(focus.text())


class ScanFilter(QObject):
    """Installed on the application; emits ``scanned`` (a ``Scan``) for a burst typed
    into ``window``, taken back out of the field first when ``takes`` it.
    ``clock`` gives a key's time in ms (tests pass their own)."""

    scanned = Signal(object)

    def __init__(self, window: QWidget, *, takes: Callable[[Scan], bool],
                 clock: Callable[[QKeyEvent], float] = event_time_ms,
                 rules: BurstRules | None = None,
                 active: Callable[[], bool] = lambda: True) -> None:
        super().__init__(window)
        self._window, self._takes, self.clock, self._active = window, takes, clock, active
        self._burst = KeyBurst(rules or BurstRules())
        self._kept: _Kept | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not watched.isWidgetType():
            return False
        w: QWidget = watched  # type: ignore[assignment]
        top = w.window()
        if top is not self._window or not self._active():
            return False
        focus = top.focusWidget()
        if focus is not None and w is not focus:
            return False  # the same key on its way up to the parents, or sent elsewhere
        if isinstance(w, QLineEdit) and w.echoMode() != QLineEdit.EchoMode.Normal:
            self._burst.other()  # a password is never a scan, nor copied
            return False
        return self._key(w, event)  # type: ignore[arg-type]

    def _key(self, w: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # a scanner presses Shift for capitals, ':' and '+'
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self._burst.enter(self.clock(event))
            kept, self._kept = self._kept, None
            if code is None or (scan := classify(code)).kind is ScanKind.TEXT:
                return False  # a person's Enter (or fast words): the field has it
            if w.property(KEEPS_SCANS):
                return False  # a field made for a scanned code (a loyalty card) keeps it
            taken = self._takes(scan)
            if taken:
                _take_back(kept, self._window.focusWidget(), code)
            self.scanned.emit(scan)
            return taken
        text = event.text()
        if (text and text.isprintable() and not event.isAutoRepeat()
                and not event.modifiers() & _COMMAND_MODIFIERS):
            if self._burst.char(text, self.clock(event)):
                self._kept = _Kept.of(w)
            return False
        self._burst.other()
        return False


def takes(window: Any, scan: Scan) -> bool:
    """Whether the window uses ``scan`` (so it is taken back out of the field)."""
    if scan.kind is ScanKind.WAYBILL:
        return True
    if scan.kind is ScanKind.PREBOOKING:  # on any page: a drop-off on New shipment
        return not window.new_shipment.busy
    return (scan.kind is ScanKind.PHONE and window.pages.currentWidget() is window.new_shipment
            and not window.new_shipment.busy)


def route(window: Any, scan: Scan) -> None:
    """Open a scanned code where it makes sense (see the module's docstring)."""
    say = window.status.showMessage
    page = window.pages.currentWidget()
    if scan.kind is ScanKind.WAYBILL:
        w = scan.value
        if page not in (window.today, window.track, window.day_review):
            n = parse_waybill(w)
            mine = (n.outlet, n.terminal) == (window.app.outlet.number,
                                              int(window.app.outlet.terminal))
            page = window.today if mine else window.track
            window.pages.setCurrentWidget(page)
        page.open_waybill(w)
        say(tr("Scanned waybill {waybill}", waybill=format_waybill(w)), MESSAGE_MS)
    elif scan.kind is ScanKind.PHONE:
        if takes(window, scan) and window.new_shipment.fill_phone(scan.value):
            say(tr("Scanned a phone number"), MESSAGE_MS)
    elif scan.kind is ScanKind.PREBOOKING:
        window.pages.setCurrentWidget(window.new_shipment)
        if window.new_shipment.dropoff.start(scan.value):
            say(tr("Scanned a pre-booking"), MESSAGE_MS)
    elif scan.kind is ScanKind.BAD_WAYBILL:
        say(tr("Scanned a waybill that fails its check digit: scan it again"), MESSAGE_MS)
    else:
        say(tr("Scanned: unknown code"), MESSAGE_MS)
