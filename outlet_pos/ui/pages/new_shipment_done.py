"""What the counter shows after F9, and the bar of the page's keys.

``DonePanel`` keeps the waybill number, the total, the amount tendered and the change
up, large, until the clerk dismisses it: Enter (or F2/Esc) starts the next customer,
and so does typing the next customer's phone (the digit goes into the phone field), so
a busy counter pays no extra key for it. ``ActionBar`` shows the keys as real buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ...domain.money import format_rupiah
from ...domain.waybill import format_waybill
from ...i18n import tr
from .new_shipment_fields import enlarge


class DonePanel(QFrame):
    """``next_customer(text)``: dismissed; ``text`` is what the clerk began to type."""

    next_customer = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Booked: waybill and change"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(tr("Booked"))
        enlarge(self.title, 1.4)
        self.waybill = QLabel()
        self.waybill.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        enlarge(self.waybill, 3.0)
        self.total, self.tendered, self.change = QLabel(), QLabel(), QLabel()
        enlarge(self.total, 2.0)
        enlarge(self.tendered, 1.6, bold=False)
        enlarge(self.change, 3.0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        enlarge(self.status, 1.2, bold=False)
        self.next_hint = QLabel(tr("Enter: next customer (or type the next phone number)"))
        enlarge(self.next_hint, 1.2, bold=False)
        grid = QGridLayout(self)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(self.waybill, 1, 0, 1, 2)
        self._labels = []
        for row, (label, value) in enumerate(((tr("Total"), self.total),
                                              (tr("Tendered"), self.tendered),
                                              (tr("Change"), self.change)), start=2):
            name = QLabel(label)
            enlarge(name, 1.4, bold=False)
            self._labels.append(name)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
        grid.addWidget(self.status, 5, 0, 1, 2)
        grid.addWidget(self.next_hint, 6, 0, 1, 2)
        grid.setRowStretch(7, 1)
        grid.setColumnStretch(1, 1)

    def show_booking(self, waybill: str, total: int, method_name: str, cash: bool,
                     tendered: int | None, change: int) -> None:
        self.waybill.setText(format_waybill(waybill))
        self.total.setText(format_rupiah(total))
        self.tendered.setText(format_rupiah(tendered) if cash and tendered else
                              tr("exact amount") if cash else method_name)
        self.change.setText(format_rupiah(change))
        self.status.setText(tr("Printing…"))

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_customer.emit("")
            return
        text = event.text()
        if text and (text.isdecimal() or text == "+") and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                     | Qt.KeyboardModifier.AltModifier)):
            self.next_customer.emit(text)
            return
        super().keyPressEvent(event)


class ActionBar(QWidget):
    """The page's keys as buttons. They take no focus: the keyboard path stays the form's."""

    def __init__(self, actions: list[tuple[str, Callable[[], None]]]) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for text, slot in actions:
            b = QPushButton(text)
            b.setAccessibleName(text.replace("&&", "&"))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumHeight(b.sizeHint().height() * 3 // 2)
            b.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(b)
            self.buttons[text.split()[0]] = b  # by key: "F9", "F2", "Esc"
        row.addStretch(1)


def same_parcel_question(parent: QWidget, minutes: int, waybill: str
                         ) -> tuple[QMessageBox, QAbstractButton]:
    """"Book the same parcel again?" with our own buttons; No is the default, so a key
    pressed twice by mistake books nothing. Returns the box and its Yes button."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Same parcel again?"),
                      tr("The same sender, recipient and parcel were booked {minutes} min "
                         "ago as waybill {waybill}. Book another shipment?",
                         minutes=minutes, waybill=format_waybill(waybill)),
                      QMessageBox.StandardButton.NoButton, parent)
    again = box.addButton(tr("Yes, book another"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(tr("No, do not book"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box, again
