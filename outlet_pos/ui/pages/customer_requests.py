"""Customer requests (UU PDP), the manager's page: find a customer's shipments by phone,
give them a copy (PDF), correct a party field of a parcel on its way, erase their data.

Every call goes through ``app.customer_requests`` off the GUI thread; the request's
reference is required for each (it is audited, encrypted). The list shows, per shipment,
what holds its data, so the manager can tell the customer why some of it stays. An
erasure asks once more on the same button before it is done.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.customer_requests import CORRECTABLE, HOLD_WORDS, PARTIES, CustomerShipment
from ...domain.waybill import format_waybill
from ...i18n import N_, tr
from ...services.auth import UserSession
from ..background import run_in_background
from ..texts import error_text

FIELD_WORDS = {"name": N_("name"), "phone": N_("phone"), "email": N_("e-mail"),
               "street": N_("street")}


class CustomerRequestsPage(QWidget):
    done = Signal(str)  # what was done, in the manager's words (tests wait on it)

    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__()
        self.app, self.session = app, session
        self.found: list[CustomerShipment] = []
        self._phone = ""  # the phone the list belongs to
        self._erase_armed = False
        self.phone = QLineEdit()
        self.phone.setAccessibleName(tr("Customer's phone"))
        self.phone.setPlaceholderText(tr("e.g. 0812 3456 7890"))
        self.phone.returnPressed.connect(self.find)
        find = QPushButton(tr("Find"))
        find.clicked.connect(self.find)
        self.reference = QLineEdit()
        self.reference.setAccessibleName(tr("Request reference"))
        self.reference.setPlaceholderText(tr("e.g. the letter's number"))
        self.shipments = QListWidget()
        self.shipments.setAccessibleName(tr("The customer's shipments"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(tr("Customer request message"))

        self.out = QLineEdit()
        self.out.setAccessibleName(tr("File for the copy"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        self.copy_button = QPushButton(tr("Give a copy (PDF)"))
        self.copy_button.clicked.connect(self.copy)

        self.field = QComboBox()
        self.field.setAccessibleName(tr("Field to correct"))
        for who in PARTIES:
            for attr in CORRECTABLE:
                self.field.addItem(f"{tr(who)}: {tr(FIELD_WORDS[attr])}", f"{who}.{attr}")
        self.value = QLineEdit()
        self.value.setAccessibleName(tr("New value"))
        self.correct_button = QPushButton(tr("Correct the selected shipment"))
        self.correct_button.clicked.connect(self.correct)
        self.erase_button = QPushButton(tr("Erase the customer's data…"))
        self.erase_button.clicked.connect(self.erase)

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.phone, 1)
        row.addWidget(find)
        form.addRow(tr("Customer's phone"), row)
        form.addRow(tr("Request reference"), self.reference)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.out, 1)
        copy_row.addWidget(browse)
        copy_row.addWidget(self.copy_button)
        fix_row = QHBoxLayout()
        fix_row.addWidget(self.field)
        fix_row.addWidget(self.value, 1)
        fix_row.addWidget(self.correct_button)
        actions = QFormLayout()
        actions.addRow(tr("Copy to the file"), copy_row)
        actions.addRow(tr("Correct"), fix_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.shipments, 1)
        layout.addWidget(self.note)
        layout.addLayout(actions)
        layout.addWidget(self.erase_button)

    # -- the calls ------------------------------------------------------------------
    def _call(self, fn: Any, done: Any) -> None:
        self.note.setText(tr("Working…"))
        run_in_background(self, fn, done, self._failed)

    def find(self) -> None:
        phone = self.phone.text()
        self._disarm()
        self._call(lambda: self.app.customer_requests.find(self.session, phone),
                   lambda found: self._show(phone, found))

    def copy(self) -> None:
        phone, ref, out = self.phone.text(), self.reference.text(), Path(self.out.text())
        self._call(lambda: self.app.customer_requests.copy(self.session, phone, ref, out),
                   lambda n: self._finished(tr("Copy written to {path}: {n} shipments.",
                                               path=str(out), n=n)))

    def correct(self) -> None:
        item = self.shipments.currentRow()
        if not 0 <= item < len(self.found):
            self.note.setText(tr("Choose the shipment to correct in the list first."))
            return
        waybill = self.found[item].record.waybill
        field, value, ref = self.field.currentData(), self.value.text(), self.reference.text()
        self._call(lambda: self.app.customer_requests.correct(self.session, waybill, field,
                                                              value, ref),
                   lambda _r: self._finished(tr(
                       "Corrected {field} of {waybill}; the server is told at the next sync.",
                       field=field, waybill=format_waybill(waybill)), refresh=True))

    def erase(self) -> None:
        if not self._erase_armed:  # the second press on the same button does it
            self._erase_armed = True
            self.erase_button.setText(tr("Press again to erase: this cannot be undone"))
            return
        self._disarm()
        phone, ref = self.phone.text(), self.reference.text()
        self._call(lambda: self.app.customer_requests.erase(self.session, phone, ref),
                   self._erased)

    # -- the answers ----------------------------------------------------------------
    def _show(self, phone: str, found: list[CustomerShipment], emit: bool = True) -> None:
        self._phone, self.found = phone, found
        self.shipments.clear()
        tz = self.app.outlet.timezone
        for s in found:
            holds = "; ".join(tr(HOLD_WORDS[h]) for h in s.holds) or tr("no hold: may be erased")
            self.shipments.addItem(
                f"{format_waybill(s.record.waybill)}  "
                f"{s.record.booked_at.astimezone(tz):%Y-%m-%d}  "
                f"{'/'.join(tr(r) for r in s.roles)}  — {holds}")
        self.note.setText(tr("{n} shipments with this phone number.", n=len(found))
                          if found else tr("No shipment with that phone number."))
        if emit:
            self.done.emit("found")

    def _erased(self, result: Any) -> None:
        text = tr("Erased: {n} shipments; the server is told at the next sync.",
                  n=len(result.erased))
        if result.held:
            text += " " + tr("Kept, a legal hold applies: {n} shipments.", n=len(result.held))
        self._finished(text, refresh=True)

    def _finished(self, text: str, refresh: bool = False) -> None:
        if refresh and self._phone:
            phone = self._phone
            run_in_background(self, lambda: self.app.customer_requests.find(self.session,
                                                                            phone),
                              lambda found: self._refreshed(phone, found, text), self._failed)
            return
        self.note.setText(text)
        self.done.emit(text)

    def _refreshed(self, phone: str, found: list[CustomerShipment], text: str) -> None:
        self._show(phone, found, emit=False)
        self.note.setText(text)
        self.done.emit(text)

    def _failed(self, e: Exception) -> None:
        self.note.setText(error_text(e))
        self.done.emit("failed")

    def _disarm(self) -> None:
        self._erase_armed = False
        self.erase_button.setText(tr("Erase the customer's data…"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the customer's copy"),
                                              self.out.text(), "PDF (*.pdf)")
        if path:
            self.out.setText(path)
