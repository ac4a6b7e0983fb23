"""``ShipmentRepository.booking_checks`` reads in one statement what a booking checks before it
numbers a waybill, and says the same as the reads it stands for (``closings.for_date``, the
device's meta rows, ``cash.never_closed_before``, ``next_sequence``) in every state a booking
meets: a fresh outlet, a closed day, an earlier day left open or carried over, a restored
waybill floor, an enrolment to another terminal, a revoked device."""

from __future__ import annotations

from datetime import date, timedelta

from outlet_pos.domain.stored_settings import (
    SYNC_DEVICE_ID,
    SYNC_REVOKED_DEVICE,
    TERMINAL,
    WAYBILL_SEQUENCE_FLOOR,
)
from outlet_pos.domain.waybill import parse_waybill
from tests.conftest import MANAGER


def _one_by_one(uow, outlet: int, terminal: int, day: date) -> tuple:
    return (uow.closings.for_date(terminal, day.isoformat()) is not None,
            uow.meta.get(SYNC_DEVICE_ID.key), uow.meta.get(SYNC_REVOKED_DEVICE.key),
            uow.meta.get(TERMINAL.key), uow.cash.never_closed_before(terminal, day.isoformat()),
            uow.shipments.next_sequence(outlet, terminal))


def _agree(app, day: date) -> tuple:
    with app.db.uow() as uow:
        r = uow.shipments.booking_checks(42, 3, day)
        together = (r.day_closed, r.device_id, r.revoked_device, r.terminal,
                    r.unclosed_before, r.next_sequence)
        assert together == _one_by_one(uow, 42, 3, day)
        return together


def _set(app, key: str, value: str) -> None:
    with app.db.uow(write=True) as uow:
        uow.meta.set(key, value)
        uow.commit()


def test_the_one_read_says_what_the_five_say(app, clerk, example_order, clock):
    today = app.booking.business_date()
    assert _agree(app, today) == (False, None, None, "3", None, 1)  # init writes the terminal
    app.booking.book(clerk, example_order)
    assert _agree(app, today)[5] == 2
    clock.advance(days=1)  # yesterday was left open
    assert _agree(app, today + timedelta(days=1))[4] == today.isoformat()
    boss = app.auth.login(*MANAGER)
    app.cash.carry_over(boss, today, "lupa tutup")
    assert _agree(app, today + timedelta(days=1))[4] is None
    _set(app, WAYBILL_SEQUENCE_FLOOR.key, "500")
    assert _agree(app, today)[5] == 501
    _set(app, SYNC_DEVICE_ID.key, "dev-1")
    _set(app, SYNC_REVOKED_DEVICE.key, "dev-0")
    _set(app, TERMINAL.key, "7")
    assert _agree(app, today)[1:4] == ("dev-1", "dev-0", "7")


def test_a_closed_day_is_read_as_closed_and_the_booking_moves_on(app, clerk, example_order):
    first = app.booking.book(clerk, example_order)
    boss = app.auth.login(*MANAGER)
    app.closing.close_day(boss, counted_cash=app.closing.totals(boss).cash_expected)
    assert _agree(app, app.shipments.show(clerk, first.waybill).business_date)[0] is True
    second = app.booking.book(clerk, example_order)
    assert app.shipments.show(clerk, second.waybill).business_date > \
        app.shipments.show(clerk, first.waybill).business_date
    assert parse_waybill(second.waybill).sequence == parse_waybill(first.waybill).sequence + 1
