"""What a person could read on the screen now, and every key a window answers to.

``visible_texts`` walks every visible widget of the application (labels, fields,
buttons, tab titles, combo boxes, every cell of every visible table or list, window
titles). ``window_keys`` collects the keys of a window's QShortcut objects and the
Alt mnemonics of its tabs, labels and buttons, for sending as real key events.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

Key = tuple[Qt.Key, Qt.KeyboardModifier]


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out: list[str] = []
    for c in range(model.columnCount()):
        out.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))

    def walk(parent: QModelIndex) -> None:
        for r in range(model.rowCount(parent)):
            for c in range(model.columnCount(parent)):
                index = model.index(r, c, parent)
                out.append(str(model.data(index) or ""))
                if c == 0 and index.isValid() and model.rowCount(index) > 0:
                    walk(index)  # a tree's children (a table has none)

    walk(QModelIndex())
    return out


def visible_texts() -> list[str]:
    texts: list[str] = []
    for w in QApplication.allWidgets():
        if not w.isVisible():
            continue
        if w.isWindow():
            texts.append(w.windowTitle())
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            texts.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            texts.append(w.currentText())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QAbstractItemView):
            texts += _model_texts(w)
        texts += [w.toolTip(), w.accessibleName()]
    return [t for t in texts if t]


def _mnemonic(text: str) -> str | None:
    text = text.replace("&&", "")
    i = text.find("&")
    return text[i + 1].upper() if 0 <= i < len(text) - 1 else None


def window_keys(window: QWidget) -> list[Key]:
    """Every shortcut and Alt mnemonic of ``window`` (call while its pages are shown)."""
    keys: set[Key] = set()
    for s in window.findChildren(QShortcut):
        seq = s.key()
        for i in range(seq.count()):
            combo = seq[i]
            keys.add((combo.key(), combo.keyboardModifiers()))
    letters: set[str] = set()
    for bar in window.findChildren(QTabBar):
        letters |= {m for i in range(bar.count()) if (m := _mnemonic(bar.tabText(i)))}
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and (m := _mnemonic(label.text())):
            letters.add(m)
    for button in window.findChildren(QAbstractButton):
        if m := _mnemonic(button.text()):
            letters.add(m)
    for group in window.findChildren(QGroupBox):
        if m := _mnemonic(group.title()):
            letters.add(m)
    # Keys pages read in keyPressEvent (Today's F5/F6/F8...) are no QShortcut: every
    # function key, and the keys that move between tabs and fields.
    none, ctrl = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier
    keys |= {(Qt.Key(Qt.Key.Key_F1.value + i), none) for i in range(12)}
    keys |= {(k, none) for k in (Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Delete,
                                 Qt.Key.Key_Tab)}
    keys |= {(k, ctrl) for k in (Qt.Key.Key_Tab, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)}
    letters |= set("1234567890")  # the party boxes' numbered fields
    for m in letters:
        keys.add((Qt.Key(ord(m)), Qt.KeyboardModifier.AltModifier))
    return sorted(keys, key=lambda k: (int(k[1].value), int(k[0].value)))
