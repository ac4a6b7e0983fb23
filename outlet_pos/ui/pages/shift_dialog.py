"""The clerk's shift (Shift+F7): open it with the float; close it with the count per note
and coin; or hand the drawer over in one step — the outgoing clerk counts, the incoming
clerk types their user id and password here, takes the counted cash as their float, and
the window is theirs from then on. Every call runs off the GUI thread; after a closing the
shift's X report is saved as a PDF into the exports folder.

``show_shift(window)`` puts the open shift's clerk in the status bar;
``open_shift_dialog(window)`` is the main window's hook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.money import format_rupiah, rupiah_digits
from ...domain.shifts import ShiftFigures, ShiftRow
from ...i18n import tr
from ...reports.private_file import exports_dir
from ...services.auth import UserSession
from ..background import run_in_background
from ..texts import error_text
from .denomination_count import DenominationCount

SHIFT_KEY = "Shift+F7"  # beside Drawer cash (F7)
MIN_NOTE = 5  # as ShiftService asks when the cash is off
RED = "color: #b00020"


def _button(text: str, name: str, slot: Any) -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(name)
    b.setAutoDefault(False)
    b.clicked.connect(slot)
    return b


class ShiftDialog(QDialog):
    opened = Signal(object)  # ShiftRow
    closed = Signal(object)  # ShiftFigures
    handed_over = Signal(object)  # the incoming clerk's UserSession

    def __init__(self, app: App, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.session = app, session
        self.shift: ShiftRow | None = None
        self.figures: ShiftFigures | None = None
        self.exports: Path | None = None  # None: reports.private_file.exports_dir
        self.pdf_path: Path | None = None
        self.setWindowTitle(tr("Shift"))
        self.state = QLabel(tr("Loading…"))
        self.state.setAccessibleName(tr("Shift state"))
        self.state.setWordWrap(True)
        # Opening: the float counted into the drawer.
        self.open_box = QWidget()
        form = QFormLayout(self.open_box)
        self.float_ = QLineEdit(placeholderText="200.000")
        self.float_.setAccessibleName(tr("Opening float"))
        caption = QLabel(tr("Float in the &drawer"))
        caption.setBuddy(self.float_)
        form.addRow(caption, self.float_)
        self.open_button = _button(tr("O&pen the shift"), tr("Open the shift"), self.open_shift)
        form.addRow("", self.open_button)
        # Closing or handing over: the count, the note, the incoming clerk.
        self.close_box = QWidget()
        box = QVBoxLayout(self.close_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.count = DenominationCount()
        self.count.changed.connect(self._recount)
        box.addWidget(self.count)
        sums = QFormLayout()
        self.counted = QLabel(format_rupiah(0))
        self.counted.setAccessibleName(tr("Cash counted"))
        self.expected = QLabel("–")
        self.expected.setAccessibleName(tr("Cash expected"))
        self.difference = QLabel("–")
        self.difference.setAccessibleName(tr("Difference"))
        sums.addRow(tr("Cash counted"), self.counted)
        sums.addRow(tr("Cash expected"), self.expected)
        sums.addRow(tr("Difference"), self.difference)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        note_caption = QLabel(tr("N&ote"))
        note_caption.setBuddy(self.note)
        sums.addRow(note_caption, self.note)
        self.incoming = QLineEdit()
        self.incoming.setAccessibleName(tr("Next clerk's user id"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Next clerk's password"))
        for text, w in ((tr("Next clerk's &user id"), self.incoming),
                        (tr("Next clerk's pass&word"), self.password)):
            c = QLabel(text)
            c.setBuddy(w)
            sums.addRow(c, w)
        box.addLayout(sums)
        row = QHBoxLayout()
        self.close_button = _button(tr("Close the &shift"), tr("Close the shift"),
                                    self.close_shift)
        self.handover_button = _button(tr("&Hand over"), tr("Hand over"), self.hand_over)
        row.addWidget(self.close_button)
        row.addWidget(self.handover_button)
        row.addStretch(1)
        box.addLayout(row)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Shift message"))
        self.message.setWordWrap(True)
        self.pdf_state = QLabel()
        self.pdf_state.setAccessibleName(tr("X report PDF state"))
        self.pdf_state.setWordWrap(True)
        self.pdf_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.finish = _button(tr("&Cancel"), tr("Cancel"), self.reject)
        layout = QVBoxLayout(self)
        for w in (self.state, self.open_box, self.close_box, self.message, self.pdf_state):
            layout.addWidget(w)
        layout.addWidget(self.finish, 0, Qt.AlignmentFlag.AlignRight)
        self.open_box.hide()
        self.close_box.hide()
        self.load()

    # -- what is open ---------------------------------------------------------------------
    def load(self) -> None:
        def read() -> tuple[ShiftRow | None, ShiftFigures | None]:
            shift = self.app.shifts.current()
            return shift, self.app.shifts.x_report(self.session) if shift else None

        run_in_background(self, read, self._loaded, self._failed)

    def _loaded(self, found: tuple[ShiftRow | None, ShiftFigures | None]) -> None:
        self.shift, self.figures = found
        if self.shift is None or self.figures is None:
            self.state.setText(tr("No shift is open on this terminal."))
            self.open_box.show()
            self.float_.setFocus()
            return
        s, f = self.shift, self.figures
        self.state.setText(tr(
            "Shift of {clerk} since {time}: float {float} + cash takings {takings} + cash in "
            "{cin} − cash out {cout} − refunds {refunds}", clerk=s.clerk,
            time=f"{self.app.outlet.local(s.opened_at):%H:%M}",
            float=format_rupiah(s.opening_float), takings=format_rupiah(f.cash_takings),
            cin=format_rupiah(f.cash_in), cout=format_rupiah(f.cash_out),
            refunds=format_rupiah(f.refunds)))
        self.expected.setText(format_rupiah(f.expected))
        self.close_box.show()
        self._recount()
        self.count.first().setFocus()
        self.count.first().selectAll()  # the first digit typed replaces the 0, not "20"

    def _recount(self, _total: int | None = None) -> None:
        self.counted.setText(format_rupiah(self.count.total()))
        if self.figures is None:
            return
        diff = self.count.total() - self.figures.expected
        self.difference.setText(format_rupiah(diff))
        self.difference.setStyleSheet(RED + "; font-weight: bold" if diff else "")

    # -- opening --------------------------------------------------------------------------
    def open_shift(self) -> None:
        amount = rupiah_digits(self.float_.text()) or "0"
        self.open_button.setEnabled(False)
        run_in_background(self, lambda: self.app.shifts.open(self.session, amount),
                          self._opened, self._failed)

    def _opened(self, row: ShiftRow) -> None:
        self.shift = row
        self.open_box.setEnabled(False)
        self._done(tr("Shift opened for {clerk} with a float of {float}.", clerk=row.clerk,
                      float=format_rupiah(row.opening_float)))
        self.opened.emit(row)

    # -- closing and handing over ---------------------------------------------------------
    def _note(self) -> str | None:
        """The note, or None after saying it is needed (the cash is off without one)."""
        note = self.note.toPlainText().strip()
        if self.figures and self.count.total() != self.figures.expected and len(note) < MIN_NOTE:
            self._say(tr("Note: the cash is {diff} off; say in a few words why",
                         diff=format_rupiah(self.count.total() - self.figures.expected)), RED)
            self.note.setFocus()
            return None
        return note

    def close_shift(self) -> None:
        note = self._note()
        if note is None:
            return
        counts = self.count.counts()
        self._busy(tr("Closing the shift…"))
        run_in_background(self, lambda: self.app.shifts.close(
            self.session, denominations=counts, note=note or None), self._closed, self._failed)

    def hand_over(self) -> None:
        note = self._note()
        if note is None:
            return
        user, password = self.incoming.text().strip(), self.password.text()
        if not user or not password:
            self._say(tr("The next clerk types their user id and password here."), RED)
            (self.password if user else self.incoming).setFocus()
            return
        counts = self.count.counts()
        self.password.clear()  # typed once, never kept on the screen
        self._busy(tr("Handing over…"))

        def work() -> tuple[ShiftFigures, UserSession]:
            incoming = self.app.auth.login(user, password)
            figures, _new = self.app.shifts.handover(self.session, incoming,
                                                     denominations=counts, note=note or None)
            return figures, incoming

        run_in_background(self, work, self._handed_over, self._failed)

    def _closed(self, figures: ShiftFigures) -> None:
        self._finished(figures, tr("Shift closed: counted {counted}, difference {diff}.",
                                   counted=format_rupiah(figures.counted or 0),
                                   diff=format_rupiah(figures.difference or 0)))
        self.closed.emit(figures)

    def _handed_over(self, done: tuple[ShiftFigures, UserSession]) -> None:
        figures, incoming = done
        self._finished(figures, tr(
            "Handed over: {clerk} takes the drawer with {float}. Difference {diff}.",
            clerk=incoming.username, float=format_rupiah(figures.counted or 0),
            diff=format_rupiah(figures.difference or 0)))
        self.closed.emit(figures)
        self.handed_over.emit(incoming)

    def _finished(self, figures: ShiftFigures, text: str) -> None:
        self.figures = figures
        self.close_box.setEnabled(False)
        self._done(text)
        self._save_pdf(figures.shift.id)

    def _save_pdf(self, shift_id: str) -> None:
        chosen, data_dir, session = self.exports, self.app.settings.data_dir, self.session

        def write() -> Path:
            folder = chosen if chosen is not None else exports_dir(data_dir)
            out = folder / f"shift-{shift_id[:8]}.pdf"
            self.app.shifts.x_pdf(session, out, shift_id)
            return out

        self.pdf_state.setText(tr("Saving the X report as PDF…"))
        run_in_background(self, write, self._pdf_saved, lambda e: self.pdf_state.setText(
            tr("The X report PDF was not saved: {reason}", reason=error_text(e))))

    def _pdf_saved(self, path: Path) -> None:
        self.pdf_path = path
        self.pdf_state.setText(tr("X report saved as PDF: {path}", path=str(path)))

    # -- the message line -----------------------------------------------------------------
    def _say(self, text: str, style: str = "") -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def _busy(self, text: str) -> None:
        self._say(text)
        for b in (self.close_button, self.handover_button):
            b.setEnabled(False)

    def _done(self, text: str) -> None:
        self._say(text, "font-weight: bold")
        self.finish.setText(tr("&Finish"))
        self.finish.setAccessibleName(tr("Finish"))
        self.finish.setFocus()

    def _failed(self, e: Exception) -> None:
        self._say(error_text(e), RED)
        for b in (self.open_button, self.close_button, self.handover_button):
            b.setEnabled(True)


def show_shift(window: Any) -> None:
    """The open shift's clerk in the status bar, read off the GUI thread."""
    def shown(row: ShiftRow | None) -> None:
        # Nothing when no shift is open: most terminals never keep shifts, and a 1366 px
        # screen has no room to spare in the status bar (a booking a shift is missing
        # for says so itself).
        window.status.shift.setText(tr("Shift: {clerk}", clerk=row.clerk) if row else "")
        window.status.shift.setVisible(row is not None)

    run_in_background(window, window.app.shifts.current, shown, lambda _e: None)


def open_shift_dialog(window: Any) -> ShiftDialog | None:
    """The main window's Shift+F7: the dialog, modal to the window; a handover makes the
    incoming clerk the window's user, with fresh pages (as Switch user does)."""
    if window.locked:
        return None
    dialog = ShiftDialog(window.app, window.session, parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def adopt(incoming: UserSession) -> None:
        window.session = incoming
        window._build_pages()  # another clerk: the last one's half-filled form goes
        window.today.refresh()
        window._show_identity()

    dialog.handed_over.connect(adopt)
    for signal in (dialog.opened, dialog.closed):
        signal.connect(lambda _x: show_shift(window))
    dialog.finished.connect(lambda _r: setattr(window, "shift_dialog", None))  # deleted next
    dialog.show()
    window.shift_dialog = dialog
    return dialog
