"""New shipment: the clerk's main page, built to be driven without a mouse at a busy counter.

The Tab order follows the paper form. Enter moves on along the short path a clerk
takes (a known sender's phone jumps straight to the recipient; a postal code with one
village skips the village; the contents jump to the services, where typing the amount
goes straight into Tendered). The services table prices the parcel as it is typed
(new_shipment_prices.py). F9 books and prints in the background: while it runs the
form is locked and further F9s do nothing; a booking identical to one of the last
minutes asks first. Then the waybill, total and change stay up, large, until the clerk
starts the next customer (new_shipment_done.py). F2 starts a new one; Esc clears.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import App
from ...domain.errors import ValidationError
from ...domain.money import format_rupiah, rupiah_digits
from ...domain.waybill import format_waybill
from ...i18n import N_, tr
from ...services.auth import UserSession
from ...services.booking import Booking, DuplicateBooking
from ..background import run_in_background
from ..texts import error_text
from .new_shipment_done import ActionBar, DonePanel, same_parcel_question
from .new_shipment_dropoff import DropOffController
from .new_shipment_fields import ParcelBox, PaymentBox, mark, unmark, widget_for
from .new_shipment_prices import Pricer, ServicesTable
from .new_shipment_scale import ScaleControl
from .new_shipment_state import fill_phone, form_state, restore_form_state
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
        self._in_flight = False  # a booking is out: the form is locked, F9 does nothing
        self.question: QMessageBox | None = None  # "book the same parcel again?"
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # holds the keys while locked
        self.sender = PartyBox(app, tr("Sender"), "sender", _SENDER_KEYS)
        self.recipient = PartyBox(app, tr("Recipient"), "recipient", _RECIPIENT_KEYS)
        for box in (self.sender, self.recipient):
            box.session = session
        self.parcel_box = ParcelBox()
        self.scale = ScaleControl(self, app, self.parcel_box)  # F4 weighs (off the GUI thread)
        pb = self.parcel_box
        self.weight, self.dims, self.pieces = pb.weight, pb.dims, pb.pieces
        self.description, self.declared, self.insured = pb.description, pb.declared, pb.insured
        self.cod, self.packing = pb.cod, pb.packing
        self.services = ServicesTable()
        self.services_label = QLabel(tr("Ser&vices"))
        self.services_label.setBuddy(self.services)
        self.payment_box = PaymentBox()
        pay = self.payment_box
        self.method, self.tendered, self.reference = pay.method, pay.tendered, pay.reference
        self.total, self.change = pay.total, pay.change
        self.message = QLabel()
        self.message.setAccessibleName(tr("Booking message"))
        self.message.setWordWrap(True)
        self.done = DonePanel()
        self.done.next_customer.connect(self._next_customer)
        self.actions = ActionBar([(tr("F9 Save && print"), self.save_and_print),
                                  (tr("F2 New customer"), self.new),
                                  (tr("Esc Clear"), self.new)])
        self._lay_out()
        self._wire_keys()
        # The reader holds the boxes, not the page: no reference cycle through the page,
        # which Python's collector would have to break (on whichever thread it runs).
        pb, r = self.parcel_box, self.recipient
        self.pricer = Pricer(self, app, self.services,
                             lambda: (pb.values(), r.village_obj(), r.postal.text()))
        self.pricer.priced.connect(self._priced)
        for w in (self.weight, self.dims, self.declared, self.cod, self.recipient.postal):
            w.textChanged.connect(lambda _t: self.pricer.changed())
        self.pieces.valueChanged.connect(lambda _v: self.pricer.changed())
        self.insured.toggled.connect(lambda _v: self.pricer.changed())
        self.packing.currentIndexChanged.connect(lambda _i: self.pricer.changed())
        self.recipient.village.currentIndexChanged.connect(lambda _i: self.pricer.changed())
        self.services.itemSelectionChanged.connect(self._show_change)
        self.services.typed.connect(self._typed_in_services)
        self.tendered.textChanged.connect(self._show_change)
        self.sender.found.connect(self._sender_found)
        self.recipient.found.connect(self._recipient_found)
        self.dropoff = DropOffController(self)  # a pre-booked parcel (after the above)
        self.pricer.reset()

    # -- building -----------------------------------------------------------------------
    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.sender)
        left.addWidget(self.recipient)
        right = QVBoxLayout()
        right.addWidget(self.parcel_box)
        right.addWidget(self.services_label)
        right.addWidget(self.services, 1)
        right.addWidget(self.services.breakdown)
        right.addWidget(self.payment_box)
        self.form = QWidget()
        columns = QHBoxLayout(self.form)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.form)
        self.stack.addWidget(self.done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.actions)

    def _wire_keys(self) -> None:
        s, r = self.sender, self.recipient
        order = [s.phone, s.known, s.name, s.street, s.postal, s.village, r.phone, r.known,
                 r.name, r.street, r.postal, r.village, self.weight, self.dims, self.pieces,
                 self.description, self.declared, self.insured, self.cod, self.packing,
                 self.services, self.method, self.tendered, self.reference]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        QWidget.setTabOrder(s.village, s.loyalty)  # the sender's card (optional): Tab only
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
            nxt = self._next_after(watched)
            if nxt is not None:
                nxt.setFocus()
            return nxt is not None or watched in (self.tendered, self.reference)
        return False

    def _next_after(self, watched: Any) -> Any:
        nxt = self._enter.get(watched)
        for box in (self.sender, self.recipient):
            if watched is box.postal and box.village.count() == 1:
                nxt = self._enter[box.village]  # one village: nothing to choose
        if nxt is self.tendered and not self.tendered.isEnabled():
            nxt = self.reference
        return nxt

    # -- customers ----------------------------------------------------------------------
    def _sender_found(self, known: bool) -> None:
        (self.recipient.phone if known else self.sender.name).setFocus()

    def _recipient_found(self, known: bool) -> None:
        (self.weight if known else self.recipient.name).setFocus()

    # -- prices -------------------------------------------------------------------------
    def _parcel(self) -> dict[str, Any]:
        return self.parcel_box.values()

    @property
    def _quotes(self) -> list:
        return self.services.quotes

    @property
    def quoted_parcel(self) -> Any:
        """The parcel the prices on screen are for (None while the table says what's missing)."""
        return self.pricer.quoted

    def services_hint(self) -> str:
        """What the services table says instead of prices ("" when it shows prices)."""
        return self.services.hint()

    def _show_quotes(self, quotes: list) -> None:
        self.services.show_quotes(quotes)
        self._priced()

    def _priced(self) -> None:
        unmark(self.services)
        self._show_change()

    def selected_service(self) -> str | None:
        return self.services.selected_service()

    def _typed_in_services(self, text: str) -> None:
        target = self.tendered if self.tendered.isEnabled() else self.reference
        target.setFocus()
        target.insert(text)

    def _show_change(self) -> None:
        q = self.services.selected_quote()
        self.total.setText(format_rupiah(q.total) if q is not None else "")
        digits = rupiah_digits(self.tendered.text())
        if q is not None and digits.isdecimal():  # "²" is a digit, not a number
            self.change.setText(format_rupiah(int(digits) - q.total))
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

    @property
    def busy(self) -> bool:
        return self._in_flight

    def save_and_print(self) -> None:
        if self._in_flight or self.stack.currentWidget() is self.done:
            return  # one press, one shipment: a second F9 while the first runs is nothing
        if self.pricer.pending():
            # F9 right after the last digit: not an old price nor "service required".
            self.pricer.ask()
            self.message.setText(tr("The prices are coming: check the service, then F9 again."))
            return
        self._in_flight = True
        self._clear_marks()
        order = self.order()
        self._lock(True)
        self.message.setText(tr("Saving…"))
        self._book(order, allow_duplicate=False)

    def _book(self, order: dict[str, Any], allow_duplicate: bool) -> None:
        session, booker = self.session, self.dropoff.booker()

        def book() -> Booking:
            return booker(session, order, print_copies=["label", "receipt"],
                          allow_duplicate=allow_duplicate)

        run_in_background(self, book, lambda b: self._booked(b, order),
                          lambda e: self._refused(e, order))

    def _lock(self, locked: bool) -> None:
        self.form.setEnabled(not locked)
        self.actions.setEnabled(not locked)
        if locked:
            self.setFocus()  # the keys land on the page, where F9 is ignored

    def _booked(self, booking: Booking, order: dict[str, Any]) -> None:
        waybill = booking.waybill
        self.message.setText(tr("Booked {waybill}; printing…",
                                waybill=format_waybill(waybill)))
        pay = order["payment"]
        tendered = pay.get("tendered")
        self.done.show_booking(waybill, booking.total, self.method.currentText(),
                               pay["method"] == "cash",
                               int(tendered) if str(tendered or "").isdecimal() else None,
                               booking.change)
        self._clear_form()
        self._in_flight = False
        self._lock(False)
        self._show(self.done)
        self.done.setFocus()
        self.booked.emit(waybill)
        run_in_background(self, self.app.printing.run_pending,
                          lambda out: self._printed(waybill, out), self._print_failed)

    def _print_failed(self, e: Exception) -> None:
        self.message.setText(error_text(e))
        self.done.status.setText(error_text(e))

    def _printed(self, waybill: str, outcomes: list) -> None:
        failed = [o for o in outcomes if not o.ok]
        if failed:
            text = tr("Booked {waybill}, but NOT printed: {reason}. Reprint it from Today's "
                      "shipments.", waybill=format_waybill(waybill),
                      reason=tr(failed[0].message or ""))
        else:
            text = tr("Booked and printed {waybill}", waybill=format_waybill(waybill))
        self.message.setText(text)
        self.done.status.setText(text)

    def _refused(self, e: Exception, order: dict[str, Any]) -> None:
        if isinstance(e, DuplicateBooking):
            self._ask_again(e, order)
            return
        self._in_flight = False
        self._lock(False)
        self.message.setText(error_text(e))
        first = None
        if isinstance(e, ValidationError):
            for field, msg in e.problems:
                w = widget_for(self, field)
                if w is not None:
                    mark(w, tr(msg))
                    first = first or w
        (first or self.sender.phone).setFocus()

    def _ask_again(self, e: DuplicateBooking, order: dict[str, Any]) -> None:
        """The same parcel minutes ago: book it again only if the clerk says so."""
        box, again = same_parcel_question(self.window(), e.minutes, e.waybill)
        self.question = box

        def answered(_result: int) -> None:
            self.question = None
            book_again = box.clickedButton() is again
            box.deleteLater()
            if book_again:
                self.message.setText(tr("Saving…"))
                self._book(order, allow_duplicate=True)
                return
            self._in_flight = False
            self._lock(False)
            self.message.setText(tr("Not booked again (waybill {waybill} stands).",
                                    waybill=format_waybill(e.waybill)))
            self.focus_first_field()

        box.finished.connect(answered)
        box.open()

    def _clear_marks(self) -> None:
        for w in self.findChildren(QWidget):
            unmark(w)

    # -- the next customer --------------------------------------------------------------
    def _clear_form(self) -> None:
        self._clear_marks()
        self.sender.clear()
        self.recipient.clear()
        self.parcel_box.clear()
        self.payment_box.clear()
        self.services.wanted = None
        self.pricer.reset()
        self.dropoff.clear()

    def _show(self, screen: QWidget) -> None:
        """The form or the change screen (which shows the booking's message itself)."""
        self.stack.setCurrentWidget(screen)
        self.message.setVisible(screen is self.form)
        self.actions.buttons["F9"].setEnabled(screen is self.form)

    def _next_customer(self, typed: str = "") -> None:
        self._show(self.form)
        self.message.clear()
        self.sender.phone.setFocus()
        if typed:
            self.sender.phone.insert(typed)

    def new(self, keep_message: bool = False) -> None:
        if self._in_flight:
            return  # the booking's answer decides what the form shows next
        self._clear_form()
        self._show(self.form)
        if not keep_message:
            self.message.clear()
        self.sender.phone.setFocus()

    # -- language switch (the window rebuilds its pages; the form goes along) -----------
    def form_state(self) -> dict[str, Any]:
        """Everything typed, to hand to a rebuilt page (held in memory only)."""
        return form_state(self)

    def restore_form_state(self, state: dict[str, Any]) -> None:
        restore_form_state(self, state)

    def fill_phone(self, phone: str) -> bool:
        """A scanned phone QR (ui/scanner.py): see new_shipment_state.fill_phone."""
        return fill_phone(self, phone)

    def focus_first_field(self) -> None:
        """Where the keys should go now: the sender's phone, or the change screen."""
        if self.stack.currentWidget() is self.done:
            self.done.setFocus()
        elif self.form.isEnabled():
            self.sender.phone.setFocus()
