"""The cash drawer opens on a cash sale: a pulse (ESC p) with the sender's receipt.

Through the real chain: a booking queues its copies, the print service renders them for
the configured profile and sends them over TCP to the virtual printer, which records every
drawer pulse it is sent. Non-cash sales, reprints and printers without a drawer port never
pulse it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from outlet_pos.domain.waybill_document import Copy, Document, Text
from outlet_pos.printing.escpos_render import render_escpos
from outlet_pos.printing.profiles import get_profile
from outlet_pos.printing.virtual.interpreter import drawer_pulses
from outlet_pos.printing.virtual.server import VirtualPrinter


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(tmp_path / "paper", port=0)
    printer.start()
    yield printer
    printer.stop()


def _book(app, clerk, order, method: str, **pay):
    order = {**order, "payment": {"method": method, **pay}}
    return app.booking.book(clerk, order, print_copies=["label", "receipt"])


def test_a_cash_sale_opens_the_drawer_with_the_receipt_only(app, clerk, manager, vp,
                                                            example_order):
    app.printing.configure(manager, f"net:127.0.0.1:{vp.port}", "generic-80")
    cash = _book(app, clerk, example_order, "cash", tendered=500_000)
    app.printing.run_pending()
    label, receipt = vp.wait_for_jobs(2)
    assert (label.drawer_pulses, receipt.drawer_pulses) == (0, 1)

    qris = _book(app, clerk, example_order, "qris", reference="QR-7781")
    app.printing.run_pending()
    assert [j.drawer_pulses for j in vp.wait_for_jobs(4)[2:]] == [0, 0]

    app.printing.print_waybill(clerk, cash.waybill, [Copy.RECEIPT])  # a reprint
    assert vp.wait_for_jobs(5)[4].drawer_pulses == 0
    assert qris.waybill != cash.waybill


def test_the_pulse_is_the_drawer_ports_own_command_and_only_where_the_profile_has_one():
    doc = Document("t", (Text("Tunai"),), open_drawer=True)
    profile = get_profile("generic-80")
    data = render_escpos(doc, profile)
    assert b"\x1bp\x00\x32\x32" in data  # ESC p, pin 2, 100 ms on, 100 ms off
    assert drawer_pulses(data) == [0]
    assert drawer_pulses(render_escpos(replace(doc, open_drawer=False), profile)) == []
    no_drawer = replace(profile, cash_drawer=False)
    assert drawer_pulses(render_escpos(doc, no_drawer)) == []


def test_a_technician_opens_the_drawer_to_check_its_cable_and_it_is_audited(app, manager,
                                                                             tech, vp):
    app.printing.configure(manager, f"net:127.0.0.1:{vp.port}", "generic-80")
    app.printing.open_drawer(tech)
    (job,) = vp.wait_for_jobs(1)
    assert job.drawer_pulses == 1
    with app.db.uow() as uow:
        rows = [r["action"] for r in uow.conn.exec_driver_sql(
            "SELECT action FROM audit_log").mappings()]
    assert rows[-1] == "drawer_opened"
