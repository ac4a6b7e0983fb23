"""New shipment's drop-off: a pre-booked parcel brought to the counter (services/dropoff.py).

A scanned pre-booking QR (or its code) is read in the background (a QR is checked with
the server's keys this PC keeps, offline too; a code is looked up at the server). The
form is then filled from it — sender, recipient, the declared parcel, the service —
and a banner above the form says the code, what the customer already paid in the app
and the difference, updated as the clerk weighs the parcel or changes it: the payment
box's total is the difference to take, or says the refund to give. F3 asks for a code
typed by hand (a QR that will not scan), looked up at the server. F9 books it through
the drop-off service, which carries the code into the shipment (a code is used once).
Esc, F2 or the booking ends the drop-off.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QLabel, QVBoxLayout

from ...domain.dropoff import Difference
from ...domain.money import format_rupiah, rupiah_digits
from ...i18n import tr
from ...services.booking import Booking
from ...services.dropoff import DropOff
from ..background import run_in_background
from ..texts import error_text
from .new_shipment_state import restore_form_state

if TYPE_CHECKING:
    from ...domain.address import RegionDirectory
    from ...services.auth import UserSession
    from .new_shipment import NewShipmentPage

CODE_KEY = Qt.Key.Key_F3  # a code typed when the QR will not scan (looked up online)
BANNER_STYLE = "QLabel { background: #fff4c2; border: 1px solid #d9b400; padding: 6px; }"


class DropOffController(QObject):
    """The page's drop-off, if one is going on (``drop``); ``filled`` once the form shows it."""

    filled = Signal(str)  # the booking code
    refused = Signal(str)  # what the clerk reads

    def __init__(self, page: NewShipmentPage) -> None:
        super().__init__(page)
        self._page = page
        self.drop: DropOff | None = None
        self._outcome: list[Difference] = []
        self.banner = QLabel()
        self.banner.setAccessibleName(tr("Pre-booked drop-off"))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        cast(QVBoxLayout, page.layout()).insertWidget(0, self.banner)
        # After the page's own handlers: the page shows the total, this the difference.
        page.services.itemSelectionChanged.connect(self.show_difference)
        page.pricer.priced.connect(self.show_difference)
        page.tendered.textChanged.connect(lambda _t: self.show_difference())
        page.booked.connect(self._booked)
        self.asking: QInputDialog | None = None
        QShortcut(QKeySequence(CODE_KEY), page, activated=self.ask_code)

    # -- starting -----------------------------------------------------------------------
    def start(self, text: str) -> bool:
        """Read a scanned QR or a typed code in the background; False while a booking is
        out (the form is locked)."""
        page = self._page
        if page.busy:
            return False
        if page.stack.currentWidget() is page.done:
            page._next_customer()  # the change screen: this is the next customer
        page.message.setText(tr("Reading the pre-booking…"))
        session, service = page.session, page.app.dropoff
        directory = page.app.directory

        def read() -> tuple[DropOff, dict[str, Any]]:
            drop = service.read(session, text)
            return drop, form_state_of(drop, directory)

        run_in_background(self, read, self._read, self._failed)
        return True

    def ask_code(self) -> None:
        """F3: the clerk types the booking code (the QR will not scan); asked, not blocking."""
        if self._page.busy or self.asking is not None:
            return
        box = QInputDialog(self._page.window())
        box.setWindowTitle(tr("Pre-booked drop-off"))
        box.setLabelText(tr("Pre-booking code (PB and 8 letters or digits):"))
        self.asking = box

        def answered(result: int) -> None:
            text = box.textValue()
            self.asking = None
            box.deleteLater()
            if result and text.strip():
                self.start(text)

        box.finished.connect(answered)
        box.open()

    def _read(self, got: tuple[DropOff, dict[str, Any]]) -> None:
        drop, state = got
        page = self._page
        if page.busy:
            return
        page.new()
        restore_form_state(page, state)
        self.drop = drop
        page.message.setText(tr("Pre-booking {code} read: weigh the parcel and check it.",
                                code=drop.prebooked.code))
        self.show_difference()
        page.weight.setFocus()
        page.weight.selectAll()
        self.filled.emit(drop.prebooked.code)

    def _failed(self, e: Exception) -> None:
        text = error_text(e)
        self._page.message.setText(text)
        self.refused.emit(text)

    def clear(self) -> None:
        self.drop = None
        self.banner.hide()
        self.banner.clear()

    # -- the difference -----------------------------------------------------------------
    def difference(self) -> Difference | None:
        """The selected price against what the app took (None without a drop-off or price)."""
        q = self._page.services.selected_quote()
        if self.drop is None or q is None:
            return None
        return Difference(paid=self.drop.prebooked.paid, total=q.total)

    def show_difference(self) -> None:
        drop = self.drop
        if drop is None:
            return
        page, diff = self._page, self.difference()
        code, paid = drop.prebooked.code, format_rupiah(drop.prebooked.paid)
        if diff is None:
            text = tr("Pre-booked drop-off {code}: already paid {paid}; weigh the parcel "
                      "for the difference", code=code, paid=paid)
        elif diff.due > 0:
            text = tr("Pre-booked drop-off {code}: already paid {paid}; difference {amount} "
                      "to take", code=code, paid=paid, amount=format_rupiah(diff.due))
        elif diff.due < 0:
            text = tr("Pre-booked drop-off {code}: already paid {paid}; refund {amount} to "
                      "the customer", code=code, paid=paid, amount=format_rupiah(diff.refund))
        else:
            text = tr("Pre-booked drop-off {code}: already paid {paid}; nothing more to pay",
                      code=code, paid=paid)
        self.banner.setText(text)
        self.banner.show()
        if diff is None:
            return
        if diff.refund:
            page.total.setText(tr("Refund {amount}", amount=format_rupiah(diff.refund)))
            page.change.setText("")
            return
        page.total.setText(format_rupiah(diff.to_take))
        digits = rupiah_digits(page.tendered.text())
        page.change.setText(format_rupiah(int(digits) - diff.to_take)
                            if digits.isdecimal() else "")

    # -- booking ------------------------------------------------------------------------
    def booker(self) -> Any:
        """What F9 books with (taken on the GUI thread, called on the worker): the plain
        booking, or the drop-off's with its code."""
        drop, app = self.drop, self._page.app
        # The worker puts the difference here; the GUI thread reads it once booked.
        self._outcome = outcome = []
        if drop is None:
            return app.booking.book

        def book(session: UserSession, order: dict[str, Any], print_copies: list[str],
                 allow_duplicate: bool = True) -> Booking:
            # The code is the twin check here: the service refuses it used twice.
            done = app.dropoff.book(session, order, drop, print_copies)
            outcome.append(done.difference)
            return done.booking

        return book

    def _booked(self, _waybill: str) -> None:
        """The change screen says what the drawer took (the difference) or gives back."""
        if not self._outcome:
            return
        diff, total = self._outcome.pop(), self._page.done.total
        total.setText(tr("Refund {amount}", amount=format_rupiah(diff.refund)) if diff.refund
                      else format_rupiah(diff.to_take))


def _kg(grams: int) -> str:
    return format(Decimal(grams) / 1000, "f").rstrip("0").rstrip(".")


def _village_code(directory: RegionDirectory, address: Any) -> str | None:
    if address is None or not address.postal_code:
        return None
    if address.village_code:
        return str(address.village_code)
    villages = directory.villages_with_postal_code(address.postal_code)
    named = [v for v in villages if v.name.casefold() == (address.village or "").casefold()]
    chosen = named or (villages if len(villages) == 1 else [])
    return chosen[0].code if chosen else None


def form_state_of(drop: DropOff, directory: RegionDirectory) -> dict[str, Any]:
    """The form (new_shipment_state's dict) filled from the pre-booking; the payment empty."""
    p = drop.prebooked

    def party(who: Any) -> dict[str, Any]:
        a = who.address
        return {"phone": who.phone or "", "name": who.name or "",
                "street": (a.street or "") if a else "", "postal": (a.postal_code or "")
                if a else "", "village": _village_code(directory, a)}

    parcel = p.parcel
    dims = (parcel.length_cm, parcel.width_cm, parcel.height_cm)
    return {"sender": party(p.sender), "recipient": party(p.recipient),
            "weight": _kg(parcel.weight_g),
            "dims": "x".join(str(d) for d in dims) if all(dims) else "",
            "description": parcel.description or "",
            "declared": str(parcel.declared_value) if parcel.declared_value else "",
            "cod": "", "pieces": parcel.pieces, "packing": parcel.packing or "none",
            "service": p.service, "method": "cash"}
