"""New shipment: the clerk's main page, built to be driven without a mouse.

The Tab order follows the paper form. Enter moves on along the short path a clerk
takes (a known sender's phone jumps straight to the recipient; the description jumps
to the services); F9 books and prints in the background and clears the form for the
next customer; F2 starts a new one; Esc clears. The services table re-prices as the
parcel or the destination changes; arrow keys pick a service.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.errors import ValidationError
from ...domain.money import format_rupiah, rupiah_digits
from ...domain.parcel import PACKING_KINDS
from ...domain.shipment import PAYMENT_METHODS, parse_parcel
from ...domain.tariff import Quote
from ...domain.waybill import format_waybill
from ...i18n import N_, tr
from ...services.auth import UserSession
from ..background import run_in_background
from ..texts import error_text
from .party_box import PartyBox

# Every field has an Alt mnemonic, unique on the page in both languages (a test checks):
# the party boxes are numbered like the boxes of a paper form, the rest use letters.
_SENDER_KEYS = {"phone": N_("&1 Sender phone"), "known": N_("C&ustomer"),
                "name": N_("&3 Name"), "street": N_("&4 Street"),
                "postal": N_("&5 Postal code / area"), "village": N_("&6 Village")}
_RECIPIENT_KEYS = {"phone": N_("&2 Recipient phone"), "known": N_("Custom&er"),
                   "name": N_("&7 Name"), "street": N_("&8 Street"),
                   "postal": N_("&9 Postal code / area"), "village": N_("&0 Village")}


class NewShipmentPage(QWidget):
    booked = Signal(str)  # waybill, once saved (printing follows)

    def __init__(self, app: App, session: UserSession) -> None:
        super().__init__()
        self.app, self.session = app, session
        self._quotes: list[Quote] = []
        self.sender = PartyBox(app, tr("Sender"), "sender", _SENDER_KEYS)
        self.recipient = PartyBox(app, tr("Recipient"), "recipient", _RECIPIENT_KEYS)
        for box in (self.sender, self.recipient):
            box.session = session
        self._build_parcel()
        self._build_services()
        self._build_payment()
        self.message = QLabel()
        self.message.setAccessibleName(tr("Booking message"))
        self.message.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.sender)
        left.addWidget(self.recipient)
        right = QVBoxLayout()
        right.addWidget(self.parcel_box)
        right.addWidget(self.services_label)
        right.addWidget(self.services, 1)
        right.addWidget(self.payment_box)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        self._wire_keys()
        self._requote = QTimer(self)
        self._requote.setSingleShot(True)
        self._requote.setInterval(250)
        self._requote.timeout.connect(self._quote)
        for w in (self.weight, self.dims, self.declared, self.cod, self.recipient.postal):
            w.textChanged.connect(lambda _t: self._requote.start())
        for w in (self.pieces,):
            w.valueChanged.connect(lambda _v: self._requote.start())
        self.insured.toggled.connect(lambda _v: self._requote.start())
        self.recipient.village.currentIndexChanged.connect(lambda _i: self._requote.start())
        self.sender.found.connect(self._sender_found)
        self.recipient.found.connect(self._recipient_found)

    # -- building -----------------------------------------------------------------------
    def _build_parcel(self) -> None:
        self.parcel_box = QGroupBox(tr("Parcel"))
        self.weight = QLineEdit()
        self.weight.setPlaceholderText("1,3")
        self.dims = QLineEdit()
        self.dims.setPlaceholderText("30x20x10")
        self.pieces = QSpinBox()
        self.pieces.setRange(1, 99)
        self.description = QLineEdit()
        self.declared = QLineEdit()
        self.insured = QCheckBox()
        self.cod = QLineEdit()
        self.packing = QComboBox()
        packing_names = {"none": tr("No packing"), "bubble": tr("Bubble wrap"),
                         "wood": tr("Wooden crate")}
        for kind in PACKING_KINDS:
            self.packing.addItem(packing_names.get(kind, kind), kind)
        form = QFormLayout(self.parcel_box)
        for label, w, name in (("&Weight (kg)", self.weight, "Weight in kg"),
                               ("&Size (cm)", self.dims, "Dimensions in cm"),
                               ("P&ieces", self.pieces, "Pieces"),
                               ("&Contents", self.description, "Goods description"),
                               ("&Declared value", self.declared, "Declared value"),
                               ("Insu&red", self.insured, "Insured"),
                               ("C&OD", self.cod, "Cash on delivery amount"),
                               ("Pac&king", self.packing, "Packing")):
            form.addRow(tr(label), w)
            w.setAccessibleName(tr(name))

    def _build_services(self) -> None:
        self.services = QTableWidget(0, 4)
        self.services_label = QLabel(tr("Ser&vices"))
        self.services_label.setBuddy(self.services)
        self.services.setAccessibleName(tr("Services and prices"))
        self.services.setHorizontalHeaderLabels([tr("Service"), tr("Total"), tr("Price"),
                                                 tr("Arrives by")])
        self.services.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.services.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.services.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.services.horizontalHeader().setStretchLastSection(True)

    def _build_payment(self) -> None:
        self.payment_box = QGroupBox(tr("Payment"))
        self.method = QComboBox()
        method_names = {"cash": tr("Cash"), "qris": "QRIS", "transfer": tr("Bank transfer"),
                        "card": tr("Debit/credit card")}
        for method in PAYMENT_METHODS:
            self.method.addItem(method_names.get(method, method), method)
        self.tendered = QLineEdit()
        self.reference = QLineEdit()
        self.change = QLabel()
        self.change.setAccessibleName(tr("Change"))
        form = QFormLayout(self.payment_box)
        for label, w, name in (("Pay&ment", self.method, "Payment method"),
                               ("&Tendered", self.tendered, "Amount tendered"),
                               ("Re&ference", self.reference, "Payment reference"),
                               ("Change", self.change, "Change")):
            form.addRow(tr(label), w)
            w.setAccessibleName(tr(name))
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self.tendered.textChanged.connect(self._show_change)
        self._method_changed()

    def _wire_keys(self) -> None:
        s, r = self.sender, self.recipient
        order = [s.phone, s.known, s.name, s.street, s.postal, s.village, r.phone, r.known,
                 r.name, r.street, r.postal, r.village, self.weight, self.dims, self.pieces,
                 self.description, self.declared, self.insured, self.cod, self.packing,
                 self.services, self.method, self.tendered, self.reference]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        # Enter: the short path (optional fields are reached with Tab).
        self._enter = {s.name: s.street, s.street: s.postal, s.postal: s.village,
                       s.village: r.phone, r.name: r.street, r.street: r.postal,
                       r.postal: r.village, r.village: self.weight, self.weight: self.dims,
                       self.dims: self.description, self.description: self.services,
                       self.declared: self.cod, self.cod: self.services,
                       self.services: self.tendered, self.reference: None,
                       self.tendered: None}
        for w in self._enter:
            w.installEventFilter(self)
        s.phone.returnPressed.connect(s.look_up)
        r.phone.returnPressed.connect(r.look_up)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, activated=self.save_and_print)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, activated=self.new)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.new)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                   Qt.Key.Key_Enter):
            nxt = self._enter.get(watched)
            if nxt is not None:
                nxt.setFocus()
            return nxt is not None or watched in (self.tendered, self.reference)
        return False

    # -- customers ----------------------------------------------------------------------
    def _sender_found(self, known: bool) -> None:
        (self.recipient.phone if known else self.sender.name).setFocus()

    def _recipient_found(self, known: bool) -> None:
        (self.weight if known else self.recipient.name).setFocus()

    # -- prices -------------------------------------------------------------------------
    def _parcel(self) -> dict[str, Any]:
        def rupiah(w: QLineEdit) -> str | int:
            return rupiah_digits(w.text()) or 0  # not a number: the booking names the field

        return {"weight_kg": self.weight.text().strip().replace(",", "."),
                "dims": self.dims.text().strip(), "pieces": self.pieces.value(),
                "description": self.description.text().strip(),
                "declared_value": rupiah(self.declared), "insured": self.insured.isChecked(),
                "cod_amount": rupiah(self.cod), "packing": self.packing.currentData()}

    def _quote(self) -> None:
        village = self.recipient.village_obj()
        if village is None or not self.weight.text().strip() or not self.dims.text().strip():
            return
        try:
            parcel = parse_parcel(self._parcel())
        except ValidationError:
            return  # the form shows it on F9; while typing, half a number is normal
        district = village.district_code
        run_in_background(self, lambda: self.app.booking.quote(parcel, district),
                          self._show_quotes, lambda e: self.message.setText(error_text(e)))

    def _show_quotes(self, quotes: list[Quote]) -> None:
        chosen = self.selected_service()
        self._quotes = quotes
        self.services.setRowCount(len(quotes))
        for i, q in enumerate(quotes):
            lines = ", ".join(f"{ln.label} {format_rupiah(ln.amount)}" for ln in q.lines)
            for c, text in enumerate((f"{q.service} {q.service_name}", format_rupiah(q.total),
                                      lines, q.eta_date.strftime("%d-%m-%Y"))):
                self.services.setItem(i, c, QTableWidgetItem(text))
        codes = [q.service for q in quotes]
        self.services.selectRow(codes.index(chosen) if chosen in codes else 0)
        self._show_change()

    def selected_service(self) -> str | None:
        rows = self.services.selectionModel().selectedRows()
        return self._quotes[rows[0].row()].service if rows and self._quotes else None

    def _method_changed(self) -> None:
        cash = self.method.currentData() == "cash"
        self.tendered.setEnabled(cash)
        self.reference.setEnabled(not cash)

    def _show_change(self) -> None:
        service = self.selected_service()
        total = next((q.total for q in self._quotes if q.service == service), None)
        digits = rupiah_digits(self.tendered.text())
        if total is not None and digits.isdecimal():  # "²" is a digit, not a number
            self.change.setText(format_rupiah(int(digits) - total))
        else:
            self.change.setText("")

    # -- booking ------------------------------------------------------------------------
    def order(self) -> dict[str, Any]:
        method = self.method.currentData()
        payment: dict[str, Any] = {"method": method}
        if method == "cash":
            if self.tendered.text().strip():
                payment["tendered"] = rupiah_digits(self.tendered.text())
        else:
            payment["reference"] = self.reference.text().strip()
        return {"sender": self.sender.to_dict(), "recipient": self.recipient.to_dict(),
                "parcel": self._parcel(), "service": self.selected_service() or "",
                "payment": payment}

    def save_and_print(self) -> None:
        self._clear_marks()
        order, session = self.order(), self.session
        self.message.setText(tr("Saving…"))

        def book() -> str:
            return self.app.booking.book(session, order,
                                         print_copies=["label", "receipt"]).waybill

        run_in_background(self, book, self._booked, self._refused)

    def _booked(self, waybill: str) -> None:
        self.message.setText(tr("Booked {waybill}; printing…",
                                waybill=format_waybill(waybill)))
        self.booked.emit(waybill)
        self.new(keep_message=True)
        run_in_background(self, self.app.printing.run_pending,
                          lambda out: self._printed(waybill, out),
                          lambda e: self.message.setText(error_text(e)))

    def _printed(self, waybill: str, outcomes: list) -> None:
        failed = [o for o in outcomes if not o.ok]
        if failed:
            self.message.setText(tr("Booked {waybill}, but NOT printed: {reason}. Reprint it "
                                    "from Today's shipments.", waybill=format_waybill(waybill),
                                    reason=tr(failed[0].message or "")))
        else:
            self.message.setText(tr("Booked and printed {waybill}",
                                    waybill=format_waybill(waybill)))

    def _refused(self, e: Exception) -> None:
        self.message.setText(error_text(e))
        if isinstance(e, ValidationError):
            first = None
            for field, msg in e.problems:
                w = self._widget_for(field)
                if w is not None:
                    w.setStyleSheet("border: 2px solid #b00020")
                    w.setToolTip(tr(msg))
                    first = first or w
            if first is not None:
                first.setFocus()

    def _widget_for(self, field: str) -> Any:
        head = field.split(".")[0]
        rest = field[len(head):]
        if head in ("sender", "recipient"):
            return (self.sender if head == "sender" else self.recipient).widget_for(rest)
        for key, w in (("weight", self.weight), ("dims", self.dims), ("length", self.dims),
                       ("width", self.dims), ("height", self.dims), ("pieces", self.pieces),
                       ("description", self.description), ("declared", self.declared),
                       ("cod", self.cod), ("service", self.services),
                       ("destination", self.recipient.postal),
                       ("tendered", self.tendered), ("reference", self.reference),
                       ("method", self.method)):
            if key in field:
                return w
        return None

    def _clear_marks(self) -> None:
        for w in self.findChildren(QWidget):
            if w.styleSheet():
                w.setStyleSheet("")
                w.setToolTip("")

    def new(self, keep_message: bool = False) -> None:
        self._clear_marks()
        self.sender.clear()
        self.recipient.clear()
        for w in (self.weight, self.dims, self.description, self.declared, self.cod,
                  self.tendered, self.reference):
            w.clear()
        self.pieces.setValue(1)
        self.insured.setChecked(False)
        self.packing.setCurrentIndex(0)
        self.method.setCurrentIndex(0)
        self.services.setRowCount(0)
        self._quotes = []
        if not keep_message:
            self.message.clear()
        self.sender.phone.setFocus()
