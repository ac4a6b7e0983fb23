"""Typing like a person: real key events, one at a time, into whatever has the focus.

A clerk types 80–200 ms per key and pauses 0.3–2 s between fields (reading the next
value off a form, weighing the parcel). Timers and background answers land in those
pauses, which is where the window's bugs hid while the tests typed in microseconds.
The pauses are the point here, so this is the one place a test waits on the clock.

``OUTLET_POS_HUMAN_PACE`` scales every pause: 1 is a person's pace; the default suite
runs at 0.25 (still slower than the page's 250 ms re-pricing timer between fields half
the time). A test that must run at full pace passes ``pace=1``.
"""

from __future__ import annotations

import os
import random

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton, QWidget

KEY_GAP_S = (0.08, 0.2)
FIELD_GAP_S = (0.3, 2.0)
DEFAULT_PACE = float(os.environ.get("OUTLET_POS_HUMAN_PACE", "0.25"))

_KEYS = {"\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab, " ": Qt.Key.Key_Space}


class Human:
    """Types into the focus widget of ``top`` (the window a person looks at).

    ``extra`` counts the keys that are not data (Enter, arrows, F9...): the cost of the
    screen to the clerk. ``rng`` and ``pace`` make a run repeatable."""

    def __init__(self, qtbot, top: QWidget | None = None, *, pace: float | None = None,
                 rng: random.Random | None = None) -> None:
        self.qtbot, self.top = qtbot, top
        self.pace = DEFAULT_PACE if pace is None else pace
        self.rng = rng or random.Random(15)
        self.extra = 0

    # -- where the keys go ----------------------------------------------------------------
    def focused(self) -> QWidget:
        # The window's focus widget: offscreen, a window need not become the active one,
        # but its focus moves exactly as on a screen.
        w = self.top.focusWidget() if self.top is not None else QApplication.focusWidget()
        assert w is not None, "nothing has the keyboard focus: the keys would go nowhere"
        return w

    # -- the clock of a person ------------------------------------------------------------
    def _wait(self, bounds: tuple[float, float], seconds: float | None = None) -> None:
        s = self.rng.uniform(*bounds) if seconds is None else seconds
        ms = int(s * self.pace * 1000)
        if ms > 0:
            self.qtbot.wait(ms)  # runs the event loop: timers fire, answers arrive

    def think(self, seconds: float | None = None) -> None:
        """A pause between fields (``seconds`` at full pace, or a random 0.3–2 s)."""
        self._wait(FIELD_GAP_S, seconds)

    # -- keys -----------------------------------------------------------------------------
    def type(self, text: str) -> None:
        """Each character as its own key press on whatever has the focus at that moment
        (a key can move the focus, as Enter does, and the next one follows it)."""
        for ch in text:
            key = _KEYS.get(ch)
            if key is not None:
                QTest.keyClick(self.focused(), key)
            else:
                QTest.keyClicks(self.focused(), ch)
            self._wait(KEY_GAP_S)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
            ) -> None:
        """A key that is not data (counted in ``extra``)."""
        self.extra += 1
        QTest.keyClick(self.focused(), key, modifier)
        self._wait(KEY_GAP_S)

    def field(self, text: str, then: Qt.Key | None = Qt.Key.Key_Return) -> None:
        """Type a field's value, press ``then`` (Enter moves on), and pause."""
        self.type(text)
        if then is not None:
            self.key(then)
        self.think()

    def click(self, widget: QWidget) -> None:
        """Go to a field with the mouse, as a clerk fixing one field does (a check box is
        clicked on its box, where a person aims: its middle may be empty space)."""
        pos = widget.rect().center()
        if isinstance(widget, QCheckBox):
            opt = QStyleOptionButton()
            widget.initStyleOption(opt)
            pos = widget.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt,
                                                widget).center()
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
        if not widget.hasFocus():  # a click on a read-only part: focus it as a person would
            widget.setFocus(Qt.FocusReason.MouseFocusReason)
        self._wait(KEY_GAP_S)
