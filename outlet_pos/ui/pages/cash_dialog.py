"""The drawer's cash outside sales (F7): the day's opening float, cash in and cash out.

A kind, an amount typed as the clerk says it ("50.000" or "Rp 50.000"), and for cash in or
out a reason; saved off the GUI thread through ``CashService`` (audited, synced, the
reason encrypted), then the day's movements list again. A mistake is named by its field
and keeps what was typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.money import format_rupiah
from ...domain.records import Movement
from ...domain.roles import Action, allowed
from ...i18n import tr
from ...services.auth import UserSession
from ...services.cash import CashDay
from ..background import run_in_background
from ..texts import error_text

CASH_KEY = "F7"


def kind_name(kind: str) -> str:
    return {"float": tr("Opening float"), "in": tr("Cash in"), "out": tr("Cash out")}[kind]


class CashDialog(QDialog):
    saved = Signal(object)  # Movement

    def __init__(self, app: App, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.session = app, session
        self.busy = False
        self.setWindowTitle(tr("Drawer cash"))
        self.kind = QComboBox()
        for kind in ("float", "in", "out"):
            self.kind.addItem(kind_name(kind), kind)
        self.kind.setAccessibleName(tr("Kind"))
        self.amount = QLineEdit(placeholderText="50.000")
        self.amount.setAccessibleName(tr("Amount"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(tr("Reason"))
        self.reason.setMaxLength(200)
        form = QFormLayout()
        for caption, widget in ((tr("&Kind"), self.kind), (tr("&Amount (Rp)"), self.amount),
                                (tr("&Reason"), self.reason)):
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Cash message"))
        self.message.setWordWrap(True)
        # A day never closed keeps today from opening; a manager may carry it over here.
        self.unclosed: date | None = None
        self.unclosed_note = QLabel()
        self.unclosed_note.setAccessibleName(tr("Day not closed"))
        self.unclosed_note.setWordWrap(True)
        self.unclosed_note.setStyleSheet("color: #8a5300; font-weight: bold")
        self.unclosed_note.hide()
        self.carry = QPushButton()
        self.carry.setAccessibleName(tr("Carry the day over"))
        self.carry.setAutoDefault(False)
        self.carry.clicked.connect(self.carry_over)
        self.carry.hide()
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Today's cash movements"))
        self.totals = QLabel()
        self.totals.setAccessibleName(tr("Cash totals"))
        self.buttons = QDialogButtonBox()
        self.save = self.buttons.addButton(tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(tr("&Close"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        for b in (self.save, self.close_button):
            b.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.amount.returnPressed.connect(self.submit)
        self.reason.returnPressed.connect(self.submit)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.unclosed_note)
        layout.addWidget(self.carry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel(tr("Today")))
        layout.addWidget(self.list)
        layout.addWidget(self.totals)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._kind_changed()
        self.amount.setFocus()
        self.refresh()

    def _kind_changed(self) -> None:
        float_ = self.kind.currentData() == "float"
        self.reason.setPlaceholderText(tr("optional") if float_ else
                                       tr("required: why the cash goes in or out"))

    def refresh(self) -> None:
        app, session = self.app, self.session
        run_in_background(self, lambda: (app.cash.day(session), app.cash.unclosed_day(session)),
                          self._show, self._failed)

    def _show(self, got: tuple[CashDay, date | None]) -> None:
        day, self.unclosed = got
        self.unclosed_note.setVisible(self.unclosed is not None)
        may = allowed(self.session.role, Action.CARRY_OVER_DAY)
        self.carry.setVisible(self.unclosed is not None and may)
        if self.unclosed is not None:
            when = self.unclosed.isoformat()
            self.unclosed_note.setText(tr(
                "The business day {day} was never closed: nothing can be booked today until "
                "a manager closes it (Day review) or carries it over with a reason.", day=when)
                if may else tr("The business day {day} was never closed: call the manager "
                               "to close it or carry it over.", day=when))
            self.carry.setText(tr("Carry {day} &over (reason above)", day=when))
        self.list.clear()
        for m in day.movements:
            sign = "−" if m.kind == "out" else "+"
            self.list.addItem(f"{self.app.outlet.local(m.at):%H:%M}  {kind_name(m.kind)}  "
                              f"{sign}{format_rupiah(m.amount)}  {m.by}"
                              + (f" — {m.reason}" if m.reason else ""))
        self.totals.setText(tr("Float {float} · cash in {cin} · cash out {cout}",
                               float=format_rupiah(day.float), cin=format_rupiah(day.cash_in),
                               cout=format_rupiah(day.cash_out)))

    def carry_over(self) -> None:
        if self.busy or self.unclosed is None:
            return
        self.busy = True
        app, session, day, reason = self.app, self.session, self.unclosed, self.reason.text()
        run_in_background(self, lambda: app.cash.carry_over(session, day, reason),
                          lambda _none: self._carried(day), self._failed)

    def _carried(self, day: date) -> None:
        self.busy = False
        self.message.setStyleSheet("")
        self.message.setText(tr("{day} carried over: today opens.", day=day.isoformat()))
        self.reason.clear()
        self.refresh()

    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.save.setEnabled(False)
        app, session = self.app, self.session
        kind, amount, reason = (self.kind.currentData(), self.amount.text(),
                                self.reason.text() or None)
        self.message.setStyleSheet("")
        self.message.setText(tr("Saving…"))
        run_in_background(self, lambda: app.cash.record(session, kind, amount, reason),
                          self._saved, self._failed)

    def _saved(self, m: Movement) -> None:
        self.busy = False
        self.save.setEnabled(True)
        self.message.setText(tr("Saved: {kind} {amount}", kind=kind_name(m.kind),
                                amount=format_rupiah(m.amount)))
        self.amount.clear()
        self.reason.clear()
        self.amount.setFocus()
        self.saved.emit(m)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.save.setEnabled(True)
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(error_text(error))  # what was typed stays in the fields
        fields = getattr(error, "fields", None) or []
        target = {"amount": self.amount, "reason": self.reason}.get(fields[0] if fields else "")
        if target is not None:
            target.setFocus()
            target.selectAll()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
