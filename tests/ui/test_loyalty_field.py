"""The sender's loyalty card on the New shipment page, typed at a person's pace: the phone
of a repeat customer fills the card in; a card the courier's format refuses is shown at
its field, by its name, and nothing is booked until it is right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from outlet_pos.domain.loyalty import DIGITS, CardFormat
from outlet_pos.i18n import set_language
from outlet_pos.ui.pages.new_shipment import NewShipmentPage
from tests.ui.human import Human

CARD = "8874193650284713"  # a valid Luhn number with the courier's prefix
JLC = CardFormat(pattern=DIGITS, min_length=16, max_length=16, prefix="88", luhn=True)
SENDER_PHONE = "081223456789"
ORDER = {"sender": {"name": "Siti Nurhaliza", "phone": SENDER_PHONE, "loyalty_card": CARD,
                    "address": {"street": "Jl. Ir. H. Juanda No. 123", "village": "Dago",
                                "postal_code": "40135"}},
         "recipient": {"name": "Budi", "phone": "081398765432",
                       "address": {"street": "Jl. Asia Afrika 8", "village": "Senayan",
                                   "postal_code": "12190"}},
         "parcel": {"weight_kg": "1", "dims": "10x10x10", "description": "Buku"},
         "service": "REG", "payment": {"method": "cash", "tendered": 100000}}


@pytest.fixture
def page(app, clerk, manager, qtbot):
    app.loyalty.set_format(manager, JLC)
    app.booking.book(manager, ORDER)  # Siti has sent before, with her card
    p = NewShipmentPage(app, clerk)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    return p


def _rest_of_the_order(person: Human, page) -> None:
    """From the recipient's phone to the amount tendered, typed."""
    page.recipient.phone.setFocus()
    person.type("085711112222")
    person.key(Qt.Key.Key_Return)
    for value in ("Andi Wijaya", "Jl. Sudirman 1", "12190", "1,3", "30x20x10", "Baju batik"):
        person.think()
        person.field(value)
    person.qtbot.waitUntil(lambda: bool(page._quotes), timeout=10_000)
    person.type("200000")


def test_a_repeat_customers_phone_fills_the_card_and_a_bad_card_is_named(app, clerk,
                                                                         manager, page, qtbot):
    person = Human(qtbot, page)
    page.sender.phone.setFocus()
    person.type(SENDER_PHONE)
    with qtbot.waitSignal(page.sender.found, timeout=10_000) as found:
        person.key(Qt.Key.Key_Return)
    assert found.args == [True]
    assert page.sender.loyalty.text() == "8874 1936 5028 4713"  # grouped as on the card
    assert page.sender.name.text() == "Siti Nurhaliza"
    assert not page.recipient.loyalty.isVisibleTo(page)  # the sender's box only

    # The customer hands over another card; the clerk types it, one digit wrong.
    person.think()
    person.key(Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # "No. kartu loyalitas (&V)"
    assert page.sender.loyalty.hasFocus()
    page.sender.loyalty.selectAll()
    person.type("8874 1936 5028 4718")
    _rest_of_the_order(person, page)
    person.key(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "No. kartu loyalitas" in page.message.text(), timeout=15_000)
    assert page.sender.loyalty.property("marked") and page.sender.loyalty.hasFocus()
    assert page.sender.loyalty.toolTip() == "bukan nomor kartu yang sah; periksa lagi angkanya"
    assert "No. kartu loyalitas: bukan nomor kartu yang sah" in page.message.text()
    assert "4718" not in page.message.text()  # the number is never quoted back
    assert len(app.shipments.list_day(manager, app.today())) == 1  # nothing booked

    # Corrected at the field (its red border goes), and booked with the card.
    page.sender.loyalty.selectAll()
    person.type("8874 1936 5028 4713")
    with qtbot.waitSignal(page.booked, timeout=15_000) as booked:
        person.key(Qt.Key.Key_F9)
    record = app.shipments.show(manager, booked.args[0])
    assert record.sender.loyalty_card == CARD


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_card_field_has_an_alt_key_of_its_own(app, clerk, qtbot, lang):
    set_language(lang)
    try:
        p = NewShipmentPage(app, clerk)
        qtbot.addWidget(p)
        keys: dict[object, str] = {}
        for label in p.findChildren(QLabel):
            text = label.text().replace("&&", "")
            if label.buddy() is not None and "&" in text:
                keys[label.buddy()] = text[text.index("&") + 1].lower()
        card = keys.get(p.sender.loyalty)
        assert card == {"id": "v", "en": "l"}[lang]
        others = [k for w, k in keys.items() if w is not p.sender.loyalty]
        assert card not in others
    finally:
        set_language("id")


def test_two_customers_on_one_phone_each_bring_their_own_card_or_none(app, manager, page,
                                                                     qtbot, clock):
    # Rina uses Siti's phone too, later, without a card: choosing either fills hers.
    rina = {**ORDER, "sender": {**ORDER["sender"], "name": "Rina Kusuma",
                                "address": {"street": "Jl. Merdeka 5", "village": "Dago",
                                            "postal_code": "40135"}}}
    del rina["sender"]["loyalty_card"]
    clock.advance(minutes=20)
    app.booking.book(manager, rina)
    person = Human(qtbot, page)
    page.sender.phone.setFocus()
    person.type(SENDER_PHONE)
    with qtbot.waitSignal(page.sender.found, timeout=10_000):
        person.key(Qt.Key.Key_Return)
    assert page.sender.known.count() == 2 and page.sender.name.text() == "Rina Kusuma"
    assert page.sender.loyalty.text() == ""
    page.sender.known.setFocus()
    person.key(Qt.Key.Key_Down)  # the other customer of this phone
    qtbot.waitUntil(lambda: page.sender.name.text() == "Siti Nurhaliza", timeout=5_000)
    assert page.sender.loyalty.text().replace(" ", "") == CARD
    person.key(Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: page.sender.name.text() == "Rina Kusuma", timeout=5_000)
    assert page.sender.loyalty.text() == ""


def test_a_card_scanned_into_its_field_stays_there_whatever_it_looks_like(app, qtbot):
    from outlet_pos.domain.waybill import make_waybill
    from tests.ui.test_scanner import _open, scan

    w, clock = _open(app, qtbot)
    w.pages.setCurrentWidget(w.new_shipment)
    field = w.new_shipment.sender.loyalty
    # a card barcode whose digits happen to pass a waybill's check, and one like a phone
    for card in (make_waybill(42, 3, 7), "6281234567890"):
        field.clear()
        field.setFocus()
        qtbot.waitUntil(field.hasFocus, timeout=5_000)
        scan(w, clock, card)
        assert w.pages.currentWidget() is w.new_shipment
        assert field.text() == card and w.new_shipment.sender.phone.text() == ""
