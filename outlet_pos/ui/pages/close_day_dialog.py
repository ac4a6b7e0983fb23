"""The end-of-day closing (Z report): notes and coins counted one spin box per
denomination, the cash expected (loaded off the GUI thread), the difference live, a note
required when the cash is off, and the closing made off the GUI thread.

``closed(Closing)`` is emitted on the GUI thread once the day is closed; the dialog then
shows the closing number and offers only to finish.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.money import format_rupiah
from ...i18n import tr
from ...services.auth import UserSession
from ...services.closing import DENOMINATIONS, Closing, DayTotals
from ..background import run_in_background
from ..texts import error_text

MIN_NOTE = 5  # as ClosingService asks when the cash is off
MNEMONIC_KEYS = "1234567890"  # one per denomination, the same in every language


class CloseDayDialog(QDialog):
    closed = Signal(object)  # Closing

    def __init__(self, app: App, session: UserSession, day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.session, self.day = app, session, day
        self.expected: int | None = None
        self.closing: Closing | None = None
        self.setWindowTitle(tr("Close the day {day}", day=day.isoformat()))
        self.summary = QLabel(tr("Loading…"))
        self.summary.setAccessibleName(tr("The day's figures"))
        counts = QGroupBox(tr("Notes and coins counted"))
        grid = QGridLayout(counts)
        self.spins: dict[int, QSpinBox] = {}
        self.lines: dict[int, QLabel] = {}
        for i, face in enumerate(DENOMINATIONS):
            spin = QSpinBox()
            spin.setRange(0, 1_000_000)
            spin.setAccessibleName(tr("Count of {face}", face=format_rupiah(face)))
            spin.valueChanged.connect(self._recount)
            caption = QLabel(f"{format_rupiah(face)} (&{MNEMONIC_KEYS[i]})")
            caption.setBuddy(spin)
            line = QLabel(format_rupiah(0))
            line.setAccessibleName(tr("Amount in {face}", face=format_rupiah(face)))
            line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            line.setMinimumWidth(130)
            row, col = i % 5, (i // 5) * 4  # two groups of five, a gap between
            grid.addWidget(caption, row, col)
            grid.addWidget(spin, row, col + 1)
            grid.addWidget(line, row, col + 2)
            self.spins[face], self.lines[face] = spin, line
        grid.setColumnMinimumWidth(3, 28)
        self.counted = QLabel(format_rupiah(0))
        self.counted.setAccessibleName(tr("Cash counted"))
        self.expected_label = QLabel(tr("Loading…"))
        self.expected_label.setAccessibleName(tr("Cash expected"))
        self.difference = QLabel("–")
        self.difference.setAccessibleName(tr("Difference"))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        self.note_hint = QLabel()
        self.note_hint.setAccessibleName(tr("Note hint"))
        sums = QFormLayout()
        sums.addRow(tr("Cash counted"), self.counted)
        sums.addRow(tr("Cash expected"), self.expected_label)
        sums.addRow(tr("Difference"), self.difference)
        note_caption = QLabel(tr("N&ote"))
        note_caption.setBuddy(self.note)
        sums.addRow(note_caption, self.note)
        sums.addRow("", self.note_hint)
        for w in (self.counted, self.expected_label, self.difference):
            w.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Closing message"))
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(tr("Close &the day"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAccessibleName(tr("Close the day"))
        self.ok.setEnabled(False)  # until the cash expected is known
        self.cancel = self.buttons.addButton(tr("&Cancel"),
                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel.setAccessibleName(tr("Cancel"))
        for b in (self.ok, self.cancel):
            b.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(counts)
        layout.addLayout(sums)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.spins[DENOMINATIONS[0]].setFocus()
        run_in_background(self, lambda: app.closing.totals(session, day), self._totals,
                          self._failed)

    def denominations(self) -> dict[int, int]:
        return {face: spin.value() for face, spin in self.spins.items()}

    def total_counted(self) -> int:
        return sum(face * n for face, n in self.denominations().items())

    def diff(self) -> int | None:
        return None if self.expected is None else self.total_counted() - self.expected

    def _totals(self, totals: DayTotals) -> None:
        self.expected = totals.cash_expected
        self.expected_label.setText(format_rupiah(totals.cash_expected))
        self.summary.setText(tr("{day}: {n} shipments ({void} void), revenue {revenue}",
                                day=totals.business_date.isoformat(), n=totals.shipments,
                                void=totals.voided, revenue=format_rupiah(totals.revenue)))
        self.ok.setEnabled(True)
        self._recount()

    def _recount(self) -> None:
        for face, spin in self.spins.items():
            self.lines[face].setText(format_rupiah(face * spin.value()))
        self.counted.setText(format_rupiah(self.total_counted()))
        diff = self.diff()
        if diff is None:
            return
        self.difference.setText(format_rupiah(diff))
        off = diff != 0
        self.difference.setStyleSheet("color: #b00020; font-weight: bold" if off else "")
        self.note_hint.setText(tr("required: the cash is off; at least {n} characters",
                                  n=MIN_NOTE) if off else tr("optional"))

    def submit(self) -> None:
        diff = self.diff()
        if diff is None:
            return
        note = self.note.toPlainText().strip()
        if diff != 0 and len(note) < MIN_NOTE:
            self.message.setStyleSheet("color: #b00020")
            self.message.setText(tr("Note: the cash is {diff} off; say in a few words why",
                                    diff=format_rupiah(diff)))
            self.note.setFocus()
            return
        self.ok.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(tr("Closing the day…"))
        counts = self.denominations()
        run_in_background(self, lambda: self.app.closing.close_day(
            self.session, day=self.day, denominations=counts, note=note or None),
            self._closed, self._failed)

    def _closed(self, closing: Closing) -> None:
        self.closing = closing
        self.message.setStyleSheet("font-weight: bold")
        self.message.setText(tr("Closed: closing number {n}. New bookings go to the next "
                                "business day.", n=closing.sequence))
        for w in (*self.spins.values(), self.note):
            w.setEnabled(False)
        self.ok.hide()
        self.cancel.setText(tr("&Finish"))
        self.cancel.setAccessibleName(tr("Finish"))
        self.cancel.setFocus()
        self.closed.emit(closing)

    def _failed(self, e: Exception) -> None:
        self.ok.setEnabled(self.expected is not None)
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(error_text(e))
