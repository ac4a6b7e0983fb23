"""A pre-booking QR scanned at scanner speed (a key burst into the focused field, the keys'
times from the test's clock, as tests/ui/test_scanner.py sends them): on New shipment and
from another page, it fills the form from the signed booking, the banner says what was
paid and the difference as the clerk weighs, the payment box takes the difference or
shows the refund, F9 books it with its code; the same QR again is refused at once."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from outlet_pos.domain.money import format_rupiah
from outlet_pos.storage.models import Shipment
from tests.prebooking_helpers import give_keys, prebooked, qr
from tests.ui.test_scanner import _open, scan

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))


@pytest.fixture
def keyed(app, clock):
    give_keys(app, KEY, clock())
    return app


def _price(app, weight_g: int) -> int:
    from outlet_pos.domain.shipment import parse_parcel

    parcel = parse_parcel({"weight_g": weight_g, "length_cm": 30, "width_cm": 20,
                           "height_cm": 10, "description": "x"})
    return app.booking.quote(parcel, app.booking.destination_district("12190"), "REG")[0].total


def _filled(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.dropoff.drop is not None, timeout=10_000)
    qtbot.waitUntil(lambda: page.services.selected_quote() is not None
                    and not page.pricer.pending(), timeout=10_000)


def test_a_prebooking_qr_burst_fills_the_form_and_books_the_difference(
        keyed, qtbot, clock, example_order):
    app = keyed
    paid = _price(app, 1000)
    p = prebooked(example_order, clock(), quoted_total=paid, paid=paid, weight_g=1000)
    text = qr(p, KEY)
    assert len(text) < 1200
    w, keys = _open(app, qtbot)
    page = w.new_shipment
    w.pages.setCurrentWidget(w.today)  # scanned on another page: New shipment opens
    w.today.search.setFocus()
    scan(w, keys, text)
    assert w.pages.currentWidget() is page
    assert w.today.search.text() == ""  # the burst was taken back out of the search field
    _filled(qtbot, page)
    assert page.sender.name.text() == "Siti Nurhaliza"
    assert page.sender.phone.text() == "0812-2345-6789"
    assert page.recipient.name.text() == "Budi Santoso"
    assert page.recipient.postal.text() == "12190"
    assert page.recipient.village.currentData() is not None
    assert page.weight.text() == "1" and page.dims.text() == "30x20x10"
    assert page.selected_service() == "REG"
    banner = page.dropoff.banner
    assert banner.isVisible() and p.code in banner.text()
    assert f"sudah dibayar {format_rupiah(paid)}" in banner.text()
    assert "tidak ada selisih" in banner.text()
    # The counter's scale says heavier: the banner and the payment box follow.
    heavier = _price(app, 3200)
    page.weight.setText("3.2")
    qtbot.waitUntil(lambda: format_rupiah(heavier - paid) in banner.text(), timeout=10_000)
    assert "ditagih" in banner.text()
    assert page.total.text() == format_rupiah(heavier - paid)
    page.tendered.setText(str(heavier - paid + 5000))
    assert page.change.text() == format_rupiah(5000)
    with qtbot.waitSignal(page.booked, timeout=15_000) as booked:
        page.save_and_print()
    waybill = booked.args[0]
    with app.db.engine.connect() as c:
        row = c.execute(select(Shipment.__table__).where(
            Shipment.__table__.c.waybill == waybill)).one()
    assert (row.prebooking_code, row.prebooking_paid, row.total) == (p.code, paid, heavier)
    assert not banner.isVisible() and page.dropoff.drop is None
    assert page.done.total.text() == format_rupiah(heavier - paid)  # what the drawer took

    # The same QR again: refused at once, nothing filled.
    page._next_customer()
    with qtbot.waitSignal(page.dropoff.refused, timeout=10_000) as refused:
        scan(w, keys, text)
    assert waybill in refused.args[0] and p.code in refused.args[0]
    assert page.dropoff.drop is None and page.sender.name.text() == ""
    w.close()


def test_a_lighter_parcel_shows_the_refund(keyed, qtbot, clock, example_order):
    app = keyed
    paid = _price(app, 6000)
    p = prebooked(example_order, clock(), quoted_total=paid, paid=paid, weight_g=6000)
    w, keys = _open(app, qtbot)
    page = w.new_shipment
    w.pages.setCurrentWidget(page)
    page.sender.phone.setFocus()
    scan(w, keys, qr(p, KEY))
    assert page.sender.phone.text() == ""  # the burst is taken back out of the phone
    _filled(qtbot, page)
    assert page.sender.phone.text() == "0812-2345-6789"  # the booking's
    lighter = _price(app, 900)
    page.weight.setText("0.9")
    refund = format_rupiah(paid - lighter)
    qtbot.waitUntil(lambda: refund in page.dropoff.banner.text(), timeout=10_000)
    assert "kembalikan" in page.dropoff.banner.text()
    assert page.total.text() == f"Kembalikan {refund}"
    page.new()  # Esc: the drop-off ends with the form
    assert page.dropoff.drop is None and not page.dropoff.banner.isVisible()
    w.close()


def test_a_qr_of_an_unknown_key_says_so_and_fills_nothing(app, qtbot, clock, example_order):
    p = prebooked(example_order, clock(), quoted_total=20_000, paid=20_000)
    w, keys = _open(app, qtbot)
    page = w.new_shipment
    w.pages.setCurrentWidget(page)
    page.sender.phone.setFocus()
    with qtbot.waitSignal(page.dropoff.refused, timeout=10_000) as refused:
        scan(w, keys, qr(p, KEY))
    assert "ketik kodenya" in refused.args[0]
    assert "Siti" not in refused.args[0]
    assert page.sender.name.text() == "" and page.sender.phone.text() == ""
    w.close()


def test_the_managers_day_review_shows_the_codes_used_twice(app, qtbot, clock):
    from outlet_pos.domain.dropoff import ConflictSide, PrebookingConflict

    w, _keys = _open(app, qtbot)
    panel = w.day_review.prebooking_conflicts
    assert not panel.isVisible()  # none yet
    conflict = PrebookingConflict(
        code="PB83AG9BF0", reason="used_twice", at="2026-12-02T03:00:00+00:00",
        first=ConflictSide(41, "0041010000012", "2026-12-02T01:00:00+00:00"),
        second=ConflictSide(42, "0042010000011", "2026-12-02T02:00:00+00:00"))
    with app.db.uow(write=True) as uow:
        uow.prebookings.put_conflicts([conflict], clock())
        uow.commit()
    w.pages.setCurrentWidget(w.day_review)
    w.day_review.refresh()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)
    assert panel.isVisible()
    row = [panel.table.item(0, c).text() for c in range(4)]
    assert row[0] == "PB83AG9BF0"
    assert "outlet 41" in row[1] and "0041" in row[1].replace(" ", "")
    assert "outlet 42" in row[2] and "09:00" in row[2]  # 02:00 UTC in WIB
    assert "terpakai dua kali" in panel.title() and "tagih harga penuh" in panel.note.text()
    w.close()


def test_f3_takes_a_typed_code_and_looks_it_up(app, qtbot, clock, example_order, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from outlet_pos.protocol.prebooking import PrebookingLookup

    p = prebooked(example_order, clock(), quoted_total=25_000, paid=25_000)
    asked: list[str] = []

    class Server:  # the server's answer (the real one: tests/integration/test_dropoff_two_outlets)
        def lookup(self, code: str) -> PrebookingLookup:
            asked.append(code)
            return PrebookingLookup(prebooked=p, status="open")

    monkeypatch.setattr(app.dropoff, "_directory", Server())
    w, _keys = _open(app, qtbot)
    page = w.new_shipment
    w.pages.setCurrentWidget(page)
    page.sender.phone.setFocus()
    QTest.keyClick(page.sender.phone, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: page.dropoff.asking is not None and page.dropoff.asking.isVisible(),
                    timeout=5_000)
    box = page.dropoff.asking
    box.setTextValue(f"{p.code[:4].lower()} {p.code[4:]}")  # as a person types it
    box.accept()
    _filled(qtbot, page)
    assert asked == [p.code] and page.dropoff.drop.source == "lookup"
    assert page.recipient.name.text() == "Budi Santoso"
    w.close()
