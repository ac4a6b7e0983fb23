"""Customer requests at a person's pace: a manager finds a customer by phone, corrects the
recipient's street of a parcel on its way, gives a copy, and erases what no hold keeps.

The real main window and services on a real data directory (no server: the shipment's
events are marked sent and its delivery cached, as a sync would leave them); the test waits
on the page's signal and on what it shows, never on the clock.
"""

from __future__ import annotations

import contextlib
import sqlite3

from PySide6.QtCore import Qt

from outlet_pos.domain.customer_requests import HOLD_WORDS, Hold
from outlet_pos.i18n import tr
from outlet_pos.ui.main_window import MainWindow
from outlet_pos.ui.pages.customer_requests import CustomerRequestsPage
from tests.conftest import CLERK, MANAGER
from tests.reliability import pii

from .human import Human


def _all_sent(app) -> None:
    with contextlib.closing(sqlite3.connect(app.db.path)) as c, c:
        c.execute("update outbox set status = 'sent'")


def _page(w: MainWindow) -> CustomerRequestsPage | None:
    pages = [w.pages.widget(i) for i in range(w.pages.count())]
    return next((p for p in pages if isinstance(p, CustomerRequestsPage)), None)


def test_only_a_manager_has_the_page(app, qtbot):
    w = MainWindow(app, app.auth.login(*CLERK), start_sync=False)
    qtbot.addWidget(w)
    assert _page(w) is None


def test_a_manager_corrects_copies_and_erases_at_a_persons_pace(app, qtbot, example_order,
                                                                 tmp_path):
    boss = app.auth.login(*MANAGER)
    waybill = app.booking.book(boss, pii.canary_order(example_order)).waybill
    _all_sent(app)
    w = MainWindow(app, boss, start_sync=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    page = _page(w)
    assert page is not None
    w.pages.setCurrentWidget(page)
    person = Human(qtbot, w)

    def answered(action) -> str:
        with qtbot.waitSignal(page.done, timeout=20_000) as got:
            action()
        return got.args[0]

    person.click(page.phone)
    person.type(pii.SENDER_PHONE)
    assert answered(lambda: person.key(Qt.Key.Key_Return)) == "found"
    assert page.shipments.count() == 1
    assert tr(HOLD_WORDS[Hold.IN_DELIVERY]) in page.shipments.item(0).text()

    person.click(page.reference)
    person.type("Surat 12/XII")
    page.shipments.setCurrentRow(0)
    page.field.setCurrentIndex(page.field.findData("recipient.street"))
    person.click(page.value)
    person.type("Jl. Koreksi Baru No. 5")
    answered(lambda: person.click(page.correct_button))
    assert app.shipments.show(boss, waybill).recipient.address.street == \
        "Jl. Koreksi Baru No. 5"

    out = tmp_path / "salinan.pdf"
    person.click(page.out)
    person.type(str(out))
    answered(lambda: person.click(page.copy_button))
    assert out.exists() and out.stat().st_mode & 0o777 == 0o600

    _all_sent(app)  # the correction reached the server; then the parcel is delivered
    with app.db.uow(write=True) as uow:
        uow.tracking.put(waybill, [{"status": "DELIVERED", "at": "2026-11-26T09:00:00+00:00",
                                    "note": None, "location": "Jakarta"}], app.clock())
        uow.commit()
    person.click(page.erase_button)  # the first press only asks
    assert app.shipments.show(boss, waybill).sender is not None
    text = answered(lambda: person.click(page.erase_button))
    assert text == page.note.text() and "1" in text
    assert app.shipments.show(boss, waybill).sender is None
    assert page.shipments.count() == 0  # the list is asked again: nothing of theirs left
