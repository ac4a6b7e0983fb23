"""The New shipment page: a mnemonic on every field, completing an address from the
first letters of a village or district, and translated choices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from outlet_pos.i18n import set_language
from outlet_pos.ui.pages.new_shipment import NewShipmentPage


@pytest.fixture
def page(app, clerk, qtbot):
    p = NewShipmentPage(app, clerk)
    qtbot.addWidget(p)
    return p


def _inputs(p: NewShipmentPage) -> list:
    s, r = p.sender, p.recipient
    return [s.phone, s.known, s.name, s.street, s.postal, s.village, r.phone, r.known,
            r.name, r.street, r.postal, r.village, p.weight, p.dims, p.pieces,
            p.description, p.declared, p.insured, p.cod, p.packing, p.services, p.method,
            p.tendered, p.reference]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_field_has_its_own_mnemonic(app, clerk, qtbot, lang):
    set_language(lang)
    try:
        p = NewShipmentPage(app, clerk)
        qtbot.addWidget(p)
        keys: dict[object, str] = {}
        for label in p.findChildren(QLabel):
            text = label.text().replace("&&", "")
            if label.buddy() is not None and "&" in text:
                keys[label.buddy()] = text[text.index("&") + 1].lower()
        missing = [w.accessibleName() for w in _inputs(p) if w not in keys]
        assert not missing, f"no mnemonic on: {missing}"
        letters = [keys[w] for w in _inputs(p)]
        twice = {k for k in letters if letters.count(k) > 1}
        assert not twice, f"mnemonics used twice in {lang}: {twice}"
    finally:
        set_language("id")


def test_an_address_completes_from_the_first_letters_of_a_district(page, qtbot):
    box = page.recipient
    box.postal.setFocus()
    qtbot.keyClicks(box.postal, "cobl")
    popup = box.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    labels = box.areas.stringList()
    assert labels and all("Coblong" in s for s in labels)
    assert any(s.startswith("Dago, Coblong, Kota Bandung") for s in labels)
    # Arrow down to Dago and Enter: the postal code and the village are filled.
    row = next(i for i, s in enumerate(labels) if s.startswith("Dago,"))
    for _ in range(row + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert box.postal.text() == "40135"
    v = box.village_obj()
    assert (v.name, v.district, v.postal_code) == ("Dago", "Coblong", "40135")
    assert box.to_dict()["address"]["village"] == "Dago"


def test_a_village_name_shared_across_the_country_lists_each_place(page, qtbot):
    qtbot.keyClicks(page.sender.postal, "dago")
    labels = page.sender.areas.stringList()
    assert len(labels) >= 2 and len({s.rsplit("—", 1)[1] for s in labels}) == len(labels)


def test_two_letters_or_a_partial_postal_code_propose_nothing(page, qtbot):
    qtbot.keyClicks(page.sender.postal, "co")
    assert page.sender.areas.stringList() == [] or not page.sender.completer.popup().isVisible()
    page.sender.postal.clear()
    qtbot.keyClicks(page.sender.postal, "401")
    assert page.sender.village.count() == 0


def test_payment_and_packing_show_names_but_book_codes(page):
    set_language("id")
    assert page.method.itemText(0) == "Tunai"
    page.method.setCurrentIndex(1)
    page.reference.setText("QR-123")
    assert page.order()["payment"] == {"method": "qris", "reference": "QR-123"}
    page.packing.setCurrentIndex(2)
    assert page._parcel()["packing"] == "wood"
    assert not page.tendered.isEnabled() and page.reference.isEnabled()


def test_a_superscript_in_the_amount_tendered_shows_no_change(page, monkeypatch):
    """'²' passes str.isdigit() but not int(): the change stays empty, nothing raises."""
    from types import SimpleNamespace

    reg = SimpleNamespace(service="REG", total=15_000)
    monkeypatch.setattr(page.services, "selected_quote", lambda: reg)
    page.tendered.setText("20000")
    page._show_change()
    assert page.change.text() == "Rp 5.000"
    page.tendered.setText("2²")
    page._show_change()
    assert page.change.text() == ""


def test_nothing_is_cut_off_the_village_and_the_price_breakdown(page, qtbot):
    page.resize(1280, 760)
    page.show()
    box = page.recipient
    box.postal.setText("40132")
    box._fill_villages("40132", None)
    view = box.village.view()
    assert view.minimumWidth() >= view.sizeHintForColumn(0)  # the list shows whole names
    v = box.village_obj()
    assert box.place.wordWrap() and box.place.text() == (
        f"{v.name}, {v.district}, {v.city}, {v.province} {v.postal_code}")
    page.weight.setText("1,3")
    page.dims.setText("30x20x10")
    page.declared.setText("500000")
    page.insured.setChecked(True)
    qtbot.waitUntil(lambda: bool(page._quotes), timeout=5_000)
    q = page.services.selected_quote()
    text = page.services.breakdown.text()
    assert page.services.breakdown.wordWrap() and len(q.lines) >= 2
    assert all(line.label in text for line in q.lines)
    fm = page.services.breakdown.fontMetrics()
    rect = fm.boundingRect(0, 0, page.services.breakdown.width(), 10_000,
                           int(Qt.TextFlag.TextWordWrap), text)
    assert rect.height() <= page.services.breakdown.height()  # every line of it visible


def test_hints_cannot_be_taken_for_values(app, clerk, qtbot):
    set_language("id")
    try:
        p = NewShipmentPage(app, clerk)
        qtbot.addWidget(p)
        for w in (p.weight, p.dims, p.description, p.tendered, p.recipient.postal):
            assert w.text() == "" and w.placeholderText().startswith("mis. ")
        assert p.weight.placeholderText() == "mis. 1,3"  # the decimal comma, as typed here
        pale = p.weight.palette().color(p.weight.palette().ColorRole.PlaceholderText)
        assert pale.alpha() < 255
    finally:
        set_language("id")
