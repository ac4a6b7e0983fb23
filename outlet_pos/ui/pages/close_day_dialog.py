"""The end-of-day closing (Z report): notes and coins counted one spin box per
denomination, the cash expected (loaded off the GUI thread), the difference live, a note
required when the cash is off, a confirmation showing the figures, and the closing made
off the GUI thread.

``closed(Closing)`` is emitted on the GUI thread once the day is closed; the dialog then
shows the closing number, prints the Z report on the receipt printer (the job was written
with the closing, so a printer fault leaves it to retry here or with ``printer retry``)
and saves the closing's PDF into the exports folder; it offers only to finish.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.money import format_rupiah
from ...i18n import tr
from ...reports.private_file import exports_dir
from ...services.auth import UserSession
from ...services.closing import DENOMINATIONS, Closing, DayTotals
from ..background import run_in_background
from ..texts import error_text
from .denomination_count import DenominationCount

MIN_NOTE = 5  # as ClosingService asks when the cash is off


class CloseDayDialog(QDialog):
    closed = Signal(object)  # Closing

    def __init__(self, app: App, session: UserSession, day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.session, self.day = app, session, day
        self.expected: int | None = None
        self.totals: DayTotals | None = None
        self.closing: Closing | None = None
        self.confirm: QMessageBox | None = None
        self.confirm_yes: QAbstractButton | None = None
        self.exports: Path | None = None  # None: reports.private_file.exports_dir
        self.pdf_path: Path | None = None
        self.setWindowTitle(tr("Close the day {day}", day=day.isoformat()))
        self.summary = QLabel(tr("Loading…"))
        self.summary.setAccessibleName(tr("The day's figures"))
        self.cash_parts = QLabel()
        self.cash_parts.setAccessibleName(tr("What the cash expected is made of"))
        self.cash_parts.setWordWrap(True)
        counts = DenominationCount()  # the grid the shift's count uses too
        counts.changed.connect(self._recount)
        self.spins, self.lines = counts.spins, counts.lines
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
        self.z_state = QLabel()
        self.z_state.setAccessibleName(tr("Z report state"))
        self.z_state.setWordWrap(True)
        self.z_retry = QPushButton(tr("&Print the Z report again"))
        self.z_retry.setAccessibleName(tr("Print the Z report again"))
        self.z_retry.setAutoDefault(False)
        self.z_retry.clicked.connect(self.print_z_report)
        self.z_retry.hide()
        self.pdf_state = QLabel()
        self.pdf_state.setAccessibleName(tr("Closing PDF state"))
        self.pdf_state.setWordWrap(True)
        self.pdf_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        layout.addWidget(self.cash_parts)
        layout.addWidget(counts)
        layout.addLayout(sums)
        layout.addWidget(self.message)
        layout.addWidget(self.z_state)
        layout.addWidget(self.z_retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.pdf_state)
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
        self.totals = totals
        self.expected = totals.cash_expected
        self.expected_label.setText(format_rupiah(totals.cash_expected))
        self.summary.setText(tr("{day}: {n} shipments ({void} void), revenue {revenue}",
                                day=totals.business_date.isoformat(), n=totals.shipments,
                                void=totals.voided, revenue=format_rupiah(totals.revenue)))
        self.cash_parts.setText(tr(
            "Cash expected = float {float} + cash sales {sales} + cash in {cin} − cash out "
            "{cout}", float=format_rupiah(totals.float), sales=format_rupiah(totals.cash_sales),
            cin=format_rupiah(totals.cash_in), cout=format_rupiah(totals.cash_out)))
        self.ok.setEnabled(True)
        self._recount()

    def _recount(self, _total: int | None = None) -> None:
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
        self.message.setStyleSheet("")
        self.message.setText("")
        self._ask(diff, note)

    def _ask(self, diff: int, note: str) -> None:
        """Closing locks the day: the manager sees the figures once more and says yes."""
        t = self.totals
        assert t is not None
        box = QMessageBox(QMessageBox.Icon.Question, tr("Close the day {day}",
                                                        day=self.day.isoformat()), "", parent=self)
        box.setText(tr("Close {day} now?", day=self.day.isoformat()))
        box.setInformativeText("\n".join((
            tr("{day}: {n} shipments ({void} void), revenue {revenue}",
               day=t.business_date.isoformat(), n=t.shipments, void=t.voided,
               revenue=format_rupiah(t.revenue)),
            tr("Cash expected {expected}, counted {counted}, difference {diff}.",
               expected=format_rupiah(t.cash_expected),
               counted=format_rupiah(self.total_counted()), diff=format_rupiah(diff)),
            tr("Bookings made after this go to the next day; only a manager or a technician "
               "can reopen this day."))))
        yes = box.addButton(tr("Close &the day"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(tr("&Back to the count"), QMessageBox.ButtonRole.RejectRole)
        yes.setAccessibleName(tr("Close the day"))
        back.setAccessibleName(tr("Back to the count"))
        box.setDefaultButton(back)  # Enter pressed twice never closes a day by accident
        box.setEscapeButton(back)
        self.confirm, self.confirm_yes = box, yes
        box.buttonClicked.connect(lambda b: self._answered(b is yes, note))
        box.open()

    def _answered(self, yes: bool, note: str) -> None:
        if self.confirm is not None:
            self.confirm.deleteLater()  # asked once; a new count asks anew
        self.confirm = self.confirm_yes = None
        if not yes:
            self.spins[DENOMINATIONS[0]].setFocus()
            return
        self.ok.setEnabled(False)
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
        self.note_hint.clear()  # nothing is required any more
        self.ok.hide()
        self.cancel.setText(tr("&Finish"))
        self.cancel.setAccessibleName(tr("Finish"))
        self.cancel.setFocus()
        self.closed.emit(closing)
        self.print_z_report()
        self._save_pdf(closing)

    def print_z_report(self) -> None:
        """Send the Z report to the receipt printer (again, after a fault), off the GUI
        thread."""
        c = self.closing
        assert c is not None
        self.z_retry.setEnabled(False)
        self.z_state.setStyleSheet("")
        self.z_state.setText(tr("Printing the Z report…"))
        run_in_background(self, lambda: self.app.printing.print_z_report(
            self.session, c.business_date, c.sequence), self._z_printed, self._z_failed)

    def _z_printed(self, outcome) -> None:
        if outcome.ok:
            self.z_state.setText(tr("Z report printed."))
            self.z_retry.hide()
            return
        remedy = tr(outcome.remedy or "")
        self._z_failed_text(tr("Z report NOT printed: {reason}. {remedy} The closing is "
                               "saved; print it again when the printer is ready.",
                               reason=tr(outcome.message or ""),
                               remedy=remedy[:1].upper() + remedy[1:]))  # a new sentence

    def _z_failed(self, e: Exception) -> None:
        self._z_failed_text(tr("Z report NOT printed: {reason}. The closing is saved; print "
                               "it again when the printer is ready.", reason=error_text(e)))

    def _z_failed_text(self, text: str) -> None:
        self.z_state.setStyleSheet("color: #b00020")
        self.z_state.setText(text)
        self.z_retry.show()
        self.z_retry.setEnabled(True)

    def _save_pdf(self, c: Closing) -> None:
        chosen, data_dir = self.exports, self.app.settings.data_dir

        def write() -> Path:
            folder = chosen if chosen is not None else exports_dir(data_dir)
            return self.app.reports.closing_pdf(self.session, folder, c.business_date,
                                                c.sequence)

        self.pdf_state.setText(tr("Saving the closing as PDF…"))
        run_in_background(self, write, self._pdf_saved, lambda e: self.pdf_state.setText(
            tr("The closing PDF was not saved: {reason}", reason=error_text(e))))

    def _pdf_saved(self, path: Path) -> None:
        self.pdf_path = path
        self.pdf_state.setText(tr("Closing saved as PDF: {path}", path=str(path)))

    def _failed(self, e: Exception) -> None:
        self.ok.setEnabled(self.expected is not None)
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(error_text(e))
