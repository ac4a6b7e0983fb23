"""The count of the drawer per rupiah note and coin: one spin box per denomination, each
with its amount, Alt+1 … Alt+0 on the captions (the same keys in every language), in two
groups of five; ``changed(total)`` as the count moves. The day's closing and the shift's
count both use it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSpinBox, QWidget

from ...domain.money import format_rupiah
from ...i18n import tr
from ...services.closing import DENOMINATIONS

MNEMONIC_KEYS = "1234567890"  # one per denomination, the same in every language


class DenominationCount(QGroupBox):
    changed = Signal(int)  # the total counted, rupiah

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Notes and coins counted"), parent)
        grid = QGridLayout(self)
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

    def counts(self) -> dict[int, int]:
        return {face: spin.value() for face, spin in self.spins.items()}

    def total(self) -> int:
        return sum(face * n for face, n in self.counts().items())

    def first(self) -> QSpinBox:
        return self.spins[DENOMINATIONS[0]]

    def _recount(self) -> None:
        for face, spin in self.spins.items():
            self.lines[face].setText(format_rupiah(face * spin.value()))
        self.changed.emit(self.total())
