"""The sender's loyalty card end to end: the courier's format, encrypted at rest, remembered
with the repeat customer, masked on the receipt's ESC/POS bytes, shredded by retention, and
synced to a real central server, which seals it with the rest of the sender."""

from __future__ import annotations

import copy
import io
import json
import sqlite3
import sys
from datetime import timedelta

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from outlet_pos.central.models import Shipment as CentralShipment
from outlet_pos.cli import common
from outlet_pos.cli.main import main
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.loyalty import DIGITS, CardFormat
from outlet_pos.domain.roles import NotAllowed
from outlet_pos.domain.waybill_document import Copy
from outlet_pos.printing.virtual.server import VirtualPrinter
from tests.reliability.pii import hits_in_bytes, pii_in_text, scan_tree_in_child
from tests.sync_fixtures import pending_bodies, server_shipments

# A canary card: a valid Luhn number of the courier's format below, found nowhere else.
CARD = "8874193650284713"
CARD_TYPED = "8874 1936-5028 4713"
NEEDLES = [CARD.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")] + \
    [CARD[:8].encode(), CARD[8:].encode()]
JLC = CardFormat(pattern=DIGITS, min_length=16, max_length=16, prefix="88", luhn=True)


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(tmp_path / "paper", port=0)
    printer.start()
    yield printer
    printer.stop()


def _order(example_order: dict, card: str | None = CARD_TYPED) -> dict:
    o = copy.deepcopy(example_order)
    if card is not None:
        o["sender"]["loyalty_card"] = card
    return o


def test_booked_with_a_card_it_is_encrypted_on_disk_and_remembered_by_phone(
        app, clerk, manager, example_order, settings):
    app.loyalty.set_format(manager, JLC)
    b = app.booking.book(clerk, _order(example_order))
    assert app.shipments.show(manager, b.waybill).sender.loyalty_card == CARD

    # The next booking: the phone finds the customer, and the card comes back with them.
    (match,) = app.shipments.find_customer(clerk, example_order["sender"]["phone"])
    assert match.as_role == "sender" and match.party.loyalty_card == CARD
    # A later booking as a recipient (no card there) and one without a card do not forget it.
    swapped = copy.deepcopy(example_order)
    swapped["sender"], swapped["recipient"] = example_order["recipient"], \
        example_order["sender"]
    app.booking.book(clerk, swapped)
    app.booking.book(clerk, _order(example_order, None))
    (match,) = app.shipments.find_customer(clerk, example_order["sender"]["phone"])
    assert match.times == 3 and match.party.loyalty_card == CARD

    with app.db.uow() as uow:
        ct = uow.conn.exec_driver_sql("select sender_loyalty_ct from shipments where "
                                      "waybill = ?", (b.waybill,)).scalar_one()
    assert ct is not None and CARD.encode() not in ct
    # Scanned (in a child process) while the app is open: the WAL holds the recent pages.
    assert (settings.data_dir / "outlet.db-wal").stat().st_size > 0
    hits, files, size = scan_tree_in_child(settings.data_dir, needles=NEEDLES)
    assert hits == [] and files > 0 and size > 0
    app.db.checkpoint()
    assert scan_tree_in_child(settings.data_dir, needles=NEEDLES)[0] == []


def test_a_card_the_courier_format_refuses_names_the_field_and_books_nothing(
        app, clerk, manager, example_order):
    app.loyalty.set_format(manager, JLC)
    for bad in ("8874193650284718", "7774193650284716", "887419365028471"):
        with pytest.raises(ValidationError) as e:
            app.booking.book(clerk, _order(example_order, bad))
        assert e.value.fields == ["sender.loyalty_card"]
        assert bad not in str(e.value) and pii_in_text(str(e.value)) == []
    assert app.shipments.list_day(manager, app.today()) == []
    # the default format takes any 8 to 19 digits: a shorter card once the format allows it
    app.loyalty.set_format(manager, CardFormat())
    assert app.booking.book(clerk, _order(example_order, "12345678")).waybill


def test_only_a_manager_or_technician_sets_the_format_and_it_is_audited(app, clerk, manager,
                                                                        tech):
    with pytest.raises(NotAllowed):
        app.loyalty.set_format(clerk, JLC)
    app.loyalty.set_format(tech, JLC)
    assert app.loyalty.card_format() == JLC
    with app.db.uow() as uow:
        rows = uow.conn.exec_driver_sql(
            "select actor, action, subject from audit_log order by seq").fetchall()
    assert ("teknisi", "refused", "change_settings") not in rows
    assert [r for r in rows if r[1] == "loyalty_format_set"] == [
        ("teknisi", "loyalty_format_set", None)]
    assert [r for r in rows if r[1] == "refused"] == [("kasir1", "refused", "change_settings")]


def test_the_receipt_prints_the_card_masked_and_the_label_not_at_all(app, clerk, manager, vp,
                                                                     example_order):
    app.printing.configure(manager, f"net:127.0.0.1:{vp.port}", "generic-80")
    app.booking.book(clerk, _order(example_order), print_copies=["label", "receipt"])
    app.printing.run_pending()
    label, receipt = (j.bin_path.read_bytes() for j in vp.wait_for_jobs(2))
    assert b"Kartu loyalitas" in receipt and b"**** 4713" in receipt
    assert b"Kartu loyalitas" not in label
    assert hits_in_bytes(receipt + label, NEEDLES) == []
    # the 58 mm printer's code page too (cp437): the mask prints as text, not as a picture
    app.printing.configure(manager, f"net:127.0.0.1:{vp.port}", "generic-58")
    b = app.booking.book(clerk, _order(example_order, CARD), allow_duplicate=True)
    app.printing.print_waybill(clerk, b.waybill, [Copy.RECEIPT])
    assert b"**** 4713" in vp.wait_for_jobs(3)[2].bin_path.read_bytes()


def test_retention_shreds_the_card_with_the_rest_of_the_sender(app, clerk, manager, clock,
                                                               example_order, settings):
    start = clock.now
    clock.now = start - timedelta(days=120)
    old = app.booking.book(clerk, _order(example_order))
    app.cash.carry_over(manager, app.outlet.business_date(clock()), "uji retensi")
    with sqlite3.connect(app.db.path) as c:
        c.execute("update outbox set status='sent', sent_at='2026-01-01T00:00:00+00:00'")
    clock.now = start
    assert app.admin.run_retention(manager, 90).shipments_shredded == 1
    with app.db.uow() as uow:
        assert uow.conn.exec_driver_sql("select sender_loyalty_ct from shipments where "
                                        "waybill = ?", (old.waybill,)).scalar_one() is None
    assert app.shipments.find_customer(manager, example_order["sender"]["phone"]) == []
    app.db.checkpoint()
    assert scan_tree_in_child(settings.data_dir, needles=NEEDLES)[0] == []


def test_the_body_carries_the_card_only_when_there_is_one(app, clerk, example_order):
    app.booking.book(clerk, _order(example_order))
    app.booking.book(clerk, _order(example_order, None), allow_duplicate=True)
    with_card, without = (body for _kind, body in pending_bodies(app).values())
    assert with_card["sender"]["loyalty_card"] == CARD
    assert "loyalty_card" not in without["sender"]
    assert "loyalty_card" not in with_card["recipient"]


def test_synced_to_the_server_it_is_sealed_with_the_sender_and_read_back(enrolled, central,
                                                                         example_order):
    app = enrolled
    clerk = app.auth.login("kasir1", "rahasia-kasir")
    b = app.booking.book(clerk, _order(example_order))
    assert app.sync.sync_once().applied == 1
    (row,) = server_shipments(central, app.outlet.number)
    assert row["waybill"] == b.waybill and row["sender"]["loyalty_card"] == CARD
    assert "loyalty_card" not in row["recipient"]
    with central.engine.connect() as c:
        figures, sealed = c.execute(select(CentralShipment.figures_json,
                                           CentralShipment.personal_ct)).one()
    assert CARD not in figures and "loyalty" not in figures
    assert hits_in_bytes(bytes(sealed), NEEDLES) == []


def test_the_cli_sets_the_format_and_books_a_card_from_json(app, settings, example_order,
                                                            tmp_path, capsys, monkeypatch):
    data = ["--data-dir", str(settings.data_dir)]

    def run(args: list[str], password: str | None = None) -> int:
        monkeypatch.setattr(common.STDIN, "_lines", None)  # it keeps the first stdin's lines
        old = sys.stdin
        sys.stdin = io.StringIO(f"{password}\n" if password else "")
        try:
            return main(args + data + (["--password-stdin"] if password else []))
        finally:
            sys.stdin = old

    assert run(["loyalty", "format", "--pattern", "digits", "--length", "16", "--prefix",
                "88", "--luhn", "--user", "kasir1"], "rahasia-kasir") == 2  # not a clerk's
    assert run(["loyalty", "format", "--length", "16", "--prefix", "88", "--luhn",
                "--user", "manajer"], "rahasia-manajer") == 0
    capsys.readouterr()
    assert run(["loyalty", "format", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == JLC.to_dict()
    for card, code in (("8874193650284718", 2), (CARD_TYPED, 0)):
        path = tmp_path / f"order-{code}.json"
        path.write_text(json.dumps(_order(example_order, card)))
        assert run(["book", "--json", str(path), "--output", "json", "--user", "kasir1"],
                   "rahasia-kasir") == code
        out = capsys.readouterr()
        assert card not in out.err + out.out and CARD not in out.err + out.out
        if code:
            assert "No. kartu loyalitas" in out.err or "Loyalty card no." in out.err
    (booked,) = json.loads(out.out)
    shown = app.shipments.show(app.auth.login("manajer", "rahasia-manajer"), booked["waybill"])
    assert shown.sender.loyalty_card == CARD


def test_the_customers_copy_shows_their_card_and_masks_it_for_the_other_party(
        app, manager, clerk, example_order, tmp_path):
    def text_of(path) -> str:
        pdf = pdfium.PdfDocument(path)
        try:
            return "\n".join(p.get_textpage().get_text_range() for p in pdf)
        finally:
            pdf.close()

    b = app.booking.book(clerk, _order(example_order))
    mine, theirs = tmp_path / "pengirim.pdf", tmp_path / "penerima.pdf"
    assert app.customer_requests.copy(manager, example_order["sender"]["phone"],
                                      "Surat 1/XII", mine) == 1
    assert app.customer_requests.copy(manager, example_order["recipient"]["phone"],
                                      "Surat 2/XII", theirs) == 1
    sender_copy, recipient_copy = text_of(mine), text_of(theirs)
    assert b.waybill in sender_copy and CARD in sender_copy
    assert "No. kartu loyalitas" in sender_copy or "Loyalty card no." in sender_copy
    assert CARD not in recipient_copy and "**** 4713" in recipient_copy
