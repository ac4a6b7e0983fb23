"""A booking is one transaction: the tariff version, the business day, the checks, the
number and the writes between one ``BEGIN IMMEDIATE`` and its ``COMMIT``, on one
connection checked out once (issue 19).

Every statement SQLite runs is traced on each connection the pool hands out. The second
half proves that what a booking reads per booking (the tariff version, the day closed, the
terminal, the revoked flag, the waybill floor) is read again each time: a change made by
another App on the same data directory (another connection, as the CLI beside the window)
is seen by the very next booking here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.stored_settings import (
    SYNC_REVOKED_DEVICE,
    SYNC_TARIFF_KEY,
    WAYBILL_SEQUENCE_FLOOR,
)
from outlet_pos.domain.waybill import parse_waybill
from outlet_pos.protocol import wire
from outlet_pos.refdata.tariffs import load_sample_tariff
from outlet_pos.services.booking import DeviceRevoked
from tests.conftest import MANAGER

SEED = bytes(range(32))  # the test's stand-in for the server's tariff signing key


class Trace:
    """The statements run and the connections checked out while it is on."""

    def __init__(self) -> None:
        self.sql: list[str] = []
        self.checkouts = 0

    def begins(self) -> list[str]:
        return [s for s in self.sql if s.upper().startswith("BEGIN")]

    def transactions(self) -> list[list[str]]:
        """The statements grouped from each BEGIN to its COMMIT or ROLLBACK."""
        out: list[list[str]] = []
        for s in self.sql:
            if s.upper().startswith("BEGIN"):
                out.append([])
            if out:
                out[-1].append(s)
        return out


@contextmanager
def traced(app) -> Iterator[Trace]:
    trace = Trace()
    engine = app.db.engine

    def on_checkout(dbapi_conn, _record, _proxy) -> None:
        trace.checkouts += 1
        dbapi_conn.set_trace_callback(trace.sql.append)

    event.listen(engine, "checkout", on_checkout)
    try:
        yield trace
    finally:
        event.remove(engine, "checkout", on_checkout)
        pool = [engine.raw_connection() for _ in range(2)]  # stop tracing the pooled ones
        for c in pool:
            c.driver_connection.set_trace_callback(None)
            c.close()


def _shipments(app) -> int:
    with app.db.uow() as uow:
        return int(uow.conn.exec_driver_sql("select count(*) from shipments").scalar())


def test_one_booking_is_one_write_transaction_on_one_connection(app, clerk, example_order):
    order = app.booking.validate(example_order)
    app.booking.book(clerk, order)  # warm: keys, tariff table, statements
    with traced(app) as t:
        app.booking.book(clerk, order)
    assert t.checkouts == 1
    assert t.begins() == ["BEGIN IMMEDIATE"]
    assert t.sql[0] == "BEGIN IMMEDIATE" and t.sql[-1] == "COMMIT"
    inside = " ".join(t.sql).lower()
    for read in ("reference_data.version", "from day_closings", "insert into shipments",
                 "insert into outbox", "insert into audit_log"):
        assert read in inside, read


def test_from_json_the_same_one_transaction(app, clerk, example_order):
    app.booking.book(clerk, example_order)
    with traced(app) as t:
        app.booking.book(clerk, copy.deepcopy(example_order), ["label"])
    assert t.checkouts == 1
    assert [tx[0] for tx in t.transactions()] == ["BEGIN IMMEDIATE"]
    assert "insert into print_jobs" in " ".join(t.transactions()[0]).lower()
    assert t.sql[-1] == "COMMIT"


def test_several_orders_are_checked_in_one_read_then_each_booked_in_its_own(
        app, clerk, example_order):
    app.booking.book(clerk, example_order)
    other = copy.deepcopy(example_order)
    other["parcel"]["description"] = "Buku"
    with traced(app) as t:
        app.booking.book_many(clerk, [example_order, other])
    assert t.begins() == ["BEGIN DEFERRED", "BEGIN IMMEDIATE", "BEGIN IMMEDIATE"]
    assert t.checkouts == 3
    writes = [tx for tx in t.transactions() if tx[0] == "BEGIN IMMEDIATE"]
    assert all(tx[-1] == "COMMIT" for tx in writes)
    assert not any(s.lower().startswith("insert") for s in t.transactions()[0])


def test_an_order_refused_inside_the_transaction_writes_nothing(app, clerk, example_order):
    app.booking.book(clerk, example_order)
    before = _shipments(app)
    short = copy.deepcopy(example_order)
    short["payment"] = {"method": "cash", "tendered": 1000}
    with traced(app) as t, pytest.raises(ValidationError) as e:
        app.booking.book(clerk, short)
    assert e.value.problems[0][0] == "payment.tendered"
    assert t.begins() == ["BEGIN IMMEDIATE"] and t.sql[-1] == "ROLLBACK"
    assert _shipments(app) == before
    assert app.admin.verify_audit(app.auth.login(*MANAGER)).ok


# ------------------------------------------- what each booking reads, changed elsewhere

def _set_meta(other, key: str, value: str) -> None:
    with other.db.uow(write=True) as uow:
        uow.meta.set(key, value)
        uow.commit()


def test_a_tariff_stored_by_another_process_prices_the_next_booking(app, clerk, example_order,
                                                                   reopen):
    first = app.booking.book(clerk, example_order)
    assert first.quote.tariff_version == load_sample_tariff().version
    other = reopen()
    body = {**load_sample_tariff().to_dict(), "version": "2026-12-ELSEWHERE"}
    with other.db.uow(write=True) as uow:
        uow.meta.set(SYNC_TARIFF_KEY.key, wire.public_key_of(SEED))
        uow.reference.set("tariff", body["version"], body, wire.sign_tariff(SEED, body),
                          datetime(2026, 12, 1, tzinfo=UTC))
        uow.commit()
    assert app.booking.book(clerk, example_order).quote.tariff_version == "2026-12-ELSEWHERE"


def test_a_day_closed_by_another_process_moves_the_next_booking(app, clerk, example_order,
                                                               reopen):
    first = app.booking.book(clerk, example_order)
    other = reopen()
    boss = other.auth.login(*MANAGER)
    other.closing.close_day(boss, counted_cash=other.closing.totals(boss).cash_expected)
    second = app.booking.book(clerk, example_order)
    shown = app.shipments.show(clerk, second.waybill)
    assert shown.business_date > app.shipments.show(clerk, first.waybill).business_date


def test_a_terminal_given_elsewhere_numbers_the_next_booking(app, clerk, example_order,
                                                            reopen):
    assert parse_waybill(app.booking.book(clerk, example_order).waybill).terminal == 3
    _set_meta(reopen(), "terminal", "7")
    assert parse_waybill(app.booking.book(clerk, example_order).waybill).terminal == 7


def test_a_waybill_floor_set_elsewhere_is_never_numbered_below(app, clerk, example_order,
                                                              reopen):
    assert parse_waybill(app.booking.book(clerk, example_order).waybill).sequence == 1
    _set_meta(reopen(), WAYBILL_SEQUENCE_FLOOR.key, "500")
    assert parse_waybill(app.booking.book(clerk, example_order).waybill).sequence == 501


def test_a_revocation_stored_elsewhere_stops_the_next_booking(app, clerk, example_order,
                                                             reopen):
    app.booking.book(clerk, example_order)
    other = reopen()
    _set_meta(other, "sync_device_id", "dev-1")
    _set_meta(other, SYNC_REVOKED_DEVICE.key, "dev-1")
    before = _shipments(app)
    with pytest.raises(DeviceRevoked):
        app.booking.book(clerk, example_order)
    assert _shipments(app) == before


def test_a_unit_of_work_entered_again_gets_repositories_on_its_new_connection(app):
    uow = app.db.uow()
    with uow:
        first = uow.meta
        assert first.get("install_id")
    with uow:  # repositories are made on first use: none may outlive its connection
        assert uow.meta is not first
        assert uow.meta.get("install_id")
