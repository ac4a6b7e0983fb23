"""Booking end to end on a real SQLite file: one transaction, nothing lost, data exact."""

from __future__ import annotations

import sqlite3

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.waybill import parse_waybill


def _count(app, sql: str) -> int:
    with sqlite3.connect(app.db.path) as c:
        return c.execute(sql).fetchone()[0]


def test_book_writes_shipment_outbox_and_audit_together(app, clerk, example_order):
    b = app.booking.book(clerk, example_order)
    w = parse_waybill(b.waybill)
    assert (w.outlet, w.terminal, w.sequence) == (42, 3, 1)
    assert b.change == 50_000 - b.total and b.total == sum(ln.amount for ln in b.quote.lines)
    assert _count(app, "select count(*) from shipments") == 1
    assert _count(app, "select count(*) from outbox where kind='shipment.created'") == 1
    assert _count(app, "select count(*) from audit_log where action='shipment_booked'") == 1
    assert app.booking.book(clerk, example_order).waybill.startswith("0004203" "00000002")


def test_database_settings_are_durable(app):
    with app.db.engine.connect() as c:
        assert c.exec_driver_sql("pragma journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("pragma synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("pragma secure_delete").scalar() == 1


def test_show_returns_exactly_what_was_typed(app, clerk, example_order):
    example_order["recipient"]["name"] = "Zoë 🙂 李小龙 محمد"
    example_order["sender"]["name"] = "O'Brien\"; DROP TABLE shipments;--"
    b = app.booking.book(clerk, example_order)
    s = app.shipments.show(clerk, b.waybill)
    assert s.recipient.name == "Zoë 🙂 李小龙 محمد"
    assert s.sender.name == "O'Brien\"; DROP TABLE shipments;--"
    assert s.recipient.phone == "+6281398765432"
    assert s.recipient.address.village == "Senayan"
    assert s.description == "Pakaian (baju batik)"
    assert s.weight_g == 1310 and s.dims_cm == (30, 20, 10) and s.insured
    assert _count(app, "select count(*) from audit_log where action='view_personal'") == 1


def test_day_list_has_figures_and_no_personal_data(app, clerk, example_order):
    app.booking.book(clerk, example_order)
    rows = app.shipments.list_day(clerk, app.outlet.business_date(app.db.clock()))
    assert len(rows) == 1 and rows[0].clerk == "kasir1" and not rows[0].synced
    assert "Budi" not in repr(rows)


def test_customer_found_by_any_spelling_of_the_phone(app, clerk, example_order):
    app.booking.book(clerk, example_order)
    app.booking.book(clerk, example_order)
    for typed in ("081398765432", "+62 813-9876-5432", "6281398765432"):
        matches = app.shipments.find_customer(clerk, typed)
        assert [m.party.name for m in matches] == ["Budi Santoso"]
        assert matches[0].times == 2 and matches[0].as_role == "recipient"
    assert app.shipments.find_customer(clerk, "0811 1111 1111") == []


def test_cash_short_of_total_books_nothing(app, clerk, example_order):
    example_order["payment"]["tendered"] = 1000
    with pytest.raises(ValidationError) as e:
        app.booking.book(clerk, example_order)
    assert e.value.fields == ["payment.tendered"]
    assert _count(app, "select count(*) from shipments") == 0


def test_one_bad_order_in_a_batch_books_none(app, clerk, example_order):
    bad = {**example_order, "service": "XYZ"}
    with pytest.raises(ValidationError) as e:
        app.booking.book_many(clerk, [example_order, bad])
    assert e.value.fields == ["shipments[1].service"]
    assert _count(app, "select count(*) from shipments") == 0


def test_unknown_postal_code_is_refused(app, clerk, example_order):
    example_order["recipient"]["address"]["postal_code"] = "00000"
    with pytest.raises(ValidationError) as e:
        app.booking.book(clerk, example_order)
    assert e.value.fields == ["recipient.address.postal_code"]


def test_reopened_app_continues_the_sequence(app, clerk, example_order, reopen):
    app.booking.book(clerk, example_order)
    app.close()
    again = reopen()
    s = again.auth.login("kasir1", "rahasia-kasir")
    assert parse_waybill(again.booking.book(s, example_order).waybill).sequence == 2


def test_void_needs_a_manager_and_is_queued(app, clerk, manager, example_order):
    from outlet_pos.domain.roles import NotAllowed

    b = app.booking.book(clerk, example_order)
    with pytest.raises(NotAllowed):
        app.shipments.void(clerk, b.waybill, "salah ketik alamat")
    app.shipments.void(manager, b.waybill, "salah ketik alamat")
    assert app.shipments.show(manager, b.waybill).status == "void"
    assert _count(app, "select count(*) from outbox where kind='shipment.voided'") == 1
    with pytest.raises(ValidationError, match="already void"):
        app.shipments.void(manager, b.waybill, "lagi lagi")
