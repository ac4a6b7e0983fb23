"""The New shipment form as a plain dict and back: the window rebuilds its pages when the
language changes, and a half-typed customer must survive it. And a scanned phone put in.

The dict holds what was typed (personal data included) and lives only in memory, for
the moment of the rebuild; it is never logged or written anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .new_shipment import NewShipmentPage
    from .party_box import PartyBox

_PARTY_TEXTS = ("phone", "name", "street", "postal")
_PARCEL_TEXTS = ("weight", "dims", "description", "declared", "cod")
_PAYMENT_TEXTS = ("tendered", "reference")


def _party(box: PartyBox) -> dict[str, Any]:
    state: dict[str, Any] = {k: getattr(box, k).text() for k in _PARTY_TEXTS}
    state["village"] = box.village.currentData()
    return state


def _restore_party(box: PartyBox, state: dict[str, Any]) -> None:
    for k in _PARTY_TEXTS:
        getattr(box, k).setText(state.get(k, ""))
    postal = state.get("postal", "")
    if len(postal) == 5 and postal.isdigit():
        box._fill_villages(postal, state.get("village"))


def form_state(page: NewShipmentPage) -> dict[str, Any]:
    state: dict[str, Any] = {"sender": _party(page.sender),
                             "recipient": _party(page.recipient)}
    state.update({k: getattr(page, k).text() for k in _PARCEL_TEXTS + _PAYMENT_TEXTS})
    state.update(pieces=page.pieces.value(), insured=page.insured.isChecked(),
                 packing=page.packing.currentData(), method=page.method.currentData(),
                 service=page.selected_service() or page.services.wanted,
                 weighing=page.parcel_box.weighing_state())
    return state


def restore_form_state(page: NewShipmentPage, state: dict[str, Any]) -> None:
    """Fill the (new, empty) page from ``form_state``'s dict; prices follow by themselves."""
    if not state:
        return
    # The method first: it enables Tendered or Reference, which are then filled.
    page.method.setCurrentIndex(max(0, page.method.findData(state.get("method", "cash"))))
    _restore_party(page.sender, state.get("sender", {}))
    _restore_party(page.recipient, state.get("recipient", {}))
    for k in _PARCEL_TEXTS + _PAYMENT_TEXTS:
        getattr(page, k).setText(state.get(k, ""))
    page.parcel_box.restore_weighing(state.get("weighing"))  # the scale reading on screen
    page.pieces.setValue(int(state.get("pieces", 1)))
    page.insured.setChecked(bool(state.get("insured", False)))
    page.packing.setCurrentIndex(max(0, page.packing.findData(state.get("packing", "none"))))
    page.services.wanted = state.get("service")
    page.pricer.changed()


def fill_phone(page: NewShipmentPage, phone: str) -> bool:
    """A scanned phone QR: the phone of the party with the focus (else the sender's),
    looked up as Enter would. False while a booking is out (the form is locked)."""
    if page.busy:
        return False
    if page.stack.currentWidget() is page.done:
        page._next_customer()  # the change screen: this is the next customer
    focus = page.window().focusWidget()
    box = page.recipient if focus is not None and page.recipient.isAncestorOf(focus) \
        else page.sender
    box.phone.setText(phone)
    box.phone.setFocus()
    box.look_up()
    return True
