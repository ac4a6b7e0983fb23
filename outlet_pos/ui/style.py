"""The counter's type: a base font readable across a counter, following the system's scale.

The application font starts from the system's own default point size (which already
follows the user's text-size setting and the screen's scale) and is never smaller than
``MIN_POINT_SIZE``: 9 pt, the default on many outlet PCs, is too small to read at arm's
length with a queue waiting.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

MIN_POINT_SIZE = 11.0


def base_point_size() -> float:
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    return max(MIN_POINT_SIZE, system if system > 0 else 0.0)


def apply_base_font(qt: QApplication) -> QFont:
    """Set the application's font (before any window is made); returns it."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font.setPointSizeF(base_point_size())
    qt.setFont(font)
    return font


def scale_font(widget: QWidget, factor: float) -> None:
    """A widget's text ``factor`` times the base size (the total, the waybill number)."""
    font = widget.font()
    font.setPointSizeF(base_point_size() * factor)
    widget.setFont(font)
