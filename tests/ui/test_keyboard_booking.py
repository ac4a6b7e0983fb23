"""The whole counter flow with the keyboard only, counting keystrokes beyond the data.

Target (counter issue): at most 15 extra keys for a repeat sender to a new recipient
with a postal-code address; here it is Enter to move on, and F9 to save and print.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from outlet_pos.printing.virtual.server import VirtualPrinter
from outlet_pos.ui.login import LoginDialog
from outlet_pos.ui.main_window import MainWindow

MANAGER = ("manajer", "rahasia-manajer")
CLERK = ("kasir1", "rahasia-kasir")


class Keyboard:
    """Types into whatever has focus, counting the keys that are not data."""

    def __init__(self, qtbot) -> None:
        self.qtbot, self.extra = qtbot, 0
        self.top = None  # the window typed into

    def _target(self):
        # The top-level's focus widget: with the offscreen platform a window need not
        # become the active one, but its focus moves exactly as on a screen.
        widget = self.top.focusWidget() if self.top is not None else QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self._target(), text)

    def key(self, key: Qt.Key) -> None:
        self.extra += 1
        self.qtbot.keyClick(self._target(), key)


@pytest.fixture
def printer(tmp_path):
    vp = VirtualPrinter(tmp_path / "paper", port=0)
    vp.start()
    yield vp
    vp.stop()


def _book(kb: Keyboard, page, qtbot, *, sender_phone: str, known_sender: bool,
          sender: tuple[str, str, str] | None, recipient: tuple[str, str, str, str]) -> str:
    kb.type(sender_phone)
    with qtbot.waitSignal(page.sender.found, timeout=10_000):
        kb.key(Qt.Key.Key_Return)
    if not known_sender:
        assert sender is not None
        for value in sender:  # name, street, postal code
            kb.type(value)
            kb.key(Qt.Key.Key_Return)
        kb.key(Qt.Key.Key_Return)  # the village the postal code proposes
    phone, name, street, postal = recipient
    kb.type(phone)
    with qtbot.waitSignal(page.recipient.found, timeout=10_000):
        kb.key(Qt.Key.Key_Return)
    for value in (name, street, postal):
        kb.type(value)
        kb.key(Qt.Key.Key_Return)
    kb.key(Qt.Key.Key_Return)  # village
    for value in ("1,3", "30x20x10", "Baju batik"):  # weight, dims, description
        kb.type(value)
        kb.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.services.rowCount() > 0, timeout=10_000)
    kb.key(Qt.Key.Key_Down)  # the next service up in price, with an arrow key
    kb.key(Qt.Key.Key_Return)  # to the amount tendered
    kb.type("200000")
    with qtbot.waitSignal(page.booked, timeout=15_000) as booked:
        kb.key(Qt.Key.Key_F9)
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
    assert repeat_keys <= 15
    qtbot.waitUntil(lambda: "printed" in page.message.text().lower()
                    or "tercetak" in page.message.text().lower(), timeout=15_000)

    new = _book(kb, page, qtbot, sender_phone="081377778888", known_sender=False,
                sender=("Rina Kusuma", "Jl. Merdeka 5", "40115"),
                recipient=("081299990000", "Joko", "Jl. Thamrin 2", "12190"))
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
