"""The whole counter flow with the keyboard only, counting keystrokes beyond the data.

Target (issue 15): at most 10 extra keys for a repeat sender to a new recipient with a
postal-code address (12 before): Enter to move on (a postal code with one village needs
no Enter on the village), one arrow key to pick a service, the amount typed straight from
the services table, and F9. The change then stays up; typing the next customer's phone
starts the next shipment, so the next customer costs no extra key either (Enter would
be one).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from outlet_pos.printing.virtual.server import VirtualPrinter
from outlet_pos.ui.login import LoginDialog
from outlet_pos.ui.main_window import MainWindow
from tests.ui.human import Human

MANAGER = ("manajer", "rahasia-manajer")
CLERK = ("kasir1", "rahasia-kasir")


def Keyboard(qtbot) -> Human:
    """A person typing as fast as a test can: every key a real event on the focus widget."""
    return Human(qtbot, pace=0)


@pytest.fixture
def printer(tmp_path):
    vp = VirtualPrinter(tmp_path / "paper", port=0)
    vp.start()
    yield vp
    vp.stop()


def _book(kb: Human, page, qtbot, *, sender_phone: str, known_sender: bool,
          sender: tuple[str, str, str] | None, recipient: tuple[str, str, str, str]) -> str:
    kb.type(sender_phone)
    with qtbot.waitSignal(page.sender.found, timeout=10_000):
        kb.key(Qt.Key.Key_Return)
    if not known_sender:
        assert sender is not None
        for value in sender:  # name, street, postal code (one village: no Enter for it)
            kb.type(value)
            kb.key(Qt.Key.Key_Return)
    assert page.recipient.phone.hasFocus()
    phone, name, street, postal = recipient
    kb.type(phone)
    with qtbot.waitSignal(page.recipient.found, timeout=10_000):
        kb.key(Qt.Key.Key_Return)
    for value in (name, street, postal):
        kb.type(value)
        kb.key(Qt.Key.Key_Return)
    assert page.weight.hasFocus() and page.recipient.village_obj() is not None
    for value in ("1,3", "30x20x10", "Baju batik"):  # weight, dims, description
        kb.type(value)
        kb.key(Qt.Key.Key_Return)
    assert page.services.hasFocus()
    qtbot.waitUntil(lambda: bool(page._quotes), timeout=10_000)
    kb.key(Qt.Key.Key_Down)  # the second service of the tariff, with an arrow key
    second = page._quotes[1]
    kb.type("200000")  # from the services table straight into the amount tendered
    assert page.tendered.text() == "200000" and page.selected_service() == second.service
    with qtbot.waitSignal(page.booked, timeout=15_000) as booked:
        kb.key(Qt.Key.Key_F9)
    # The change stays up, large, until the next customer starts.
    assert page.done.isVisible() and page.done.hasFocus()
    assert page.done.change.text().replace(".", "").endswith(str(200_000 - second.total))
    return booked.args[0]


def test_book_repeat_and_new_customer_print_find_and_reprint(app, qtbot, printer):
    boss = app.auth.login(*MANAGER)
    app.printing.configure(boss, f"net:127.0.0.1:{printer.port}", "generic-80")
    order = {"sender": {"name": "Siti Nurhaliza", "phone": "081223456789",
                        "address": {"street": "Jl. Ir. H. Juanda No. 123", "village": "Dago",
                                    "postal_code": "40135"}},
             "recipient": {"name": "Budi", "phone": "081398765432",
                           "address": {"street": "Jl. Asia Afrika 8", "village": "Senayan",
                                       "postal_code": "12190"}},
             "parcel": {"weight_kg": "1", "dims": "10x10x10", "description": "Buku"},
             "service": "REG",
             "payment": {"method": "cash", "tendered": 100000}}
    app.booking.book(boss, order)  # Siti has sent before: a repeat customer

    login = LoginDialog(app)
    qtbot.addWidget(login)
    kb = Keyboard(qtbot)
    login.show()
    kb.top = login
    login.user.setFocus()
    kb.type(CLERK[0])
    kb.key(Qt.Key.Key_Return)
    kb.type(CLERK[1])
    with qtbot.waitSignal(login.accepted, timeout=10_000):
        kb.key(Qt.Key.Key_Return)

    window = MainWindow(app, login.session, start_sync=False)
    qtbot.addWidget(window)
    window.show()
    kb.top = window
    page = window.new_shipment
    page.sender.phone.setFocus()

    kb.extra = 0
    repeat = _book(kb, page, qtbot, sender_phone="081223456789", known_sender=True, sender=None,
                   recipient=("085711112222", "Andi Wijaya", "Jl. Sudirman 1", "12190"))
    repeat_keys = kb.extra
    print(f"\nrepeat sender to a new recipient: {repeat_keys} keys beyond the data")
    assert repeat_keys <= 10
    qtbot.waitUntil(lambda: "printed" in page.message.text().lower()
                    or "tercetak" in page.message.text().lower(), timeout=15_000)

    kb.extra = 0  # typed into the change screen: the next customer, at no extra key
    new = _book(kb, page, qtbot, sender_phone="081377778888", known_sender=False,
                sender=("Rina Kusuma", "Jl. Merdeka 5", "40115"),
                recipient=("081299990000", "Joko", "Jl. Thamrin 2", "12190"))
    assert kb.extra <= 13  # a new sender: Enter after name, street and postal code
    assert app.shipments.show(boss, repeat).sender.name == "Siti Nurhaliza"
    assert app.shipments.show(boss, new).sender.name == "Rina Kusuma"
    assert app.shipments.show(boss, repeat).recipient.address.postal_code == "12190"

    window.pages.setCurrentWidget(window.today)  # both are in today's list
    with qtbot.waitSignal(window.today.model.modelReset, timeout=10_000):
        window.today.refresh()
    listed = {window.today.model.row_at(i).summary.waybill
              for i in range(window.today.model.rowCount())}
    assert {repeat, new} <= listed
    window.today.search.setFocus()
    kb.type(repeat)
    with qtbot.waitSignal(window.today.model.modelReset, timeout=10_000):
        kb.key(Qt.Key.Key_Return)
    assert window.today.model.rowCount() == 1
    window.today.table.setFocus()
    kb.key(Qt.Key.Key_F6)  # the counter's reprint key
    qtbot.waitUntil(lambda: any(j.reprint and j.status == "done"
                                for j in app.printing.jobs(repeat)), timeout=15_000)
    assert len(printer.wait_for_jobs(5, timeout=10)) >= 5  # 2 × (label, receipt) + reprint
    window.close()
