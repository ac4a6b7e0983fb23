"""Two apps on one data directory (the GUI and a CLI command): keys stay in step."""

from __future__ import annotations

from tests.conftest import CLERK, MANAGER


def test_shipment_keyed_by_another_process_is_readable(app, clerk, example_order, reopen,
                                                       clock):
    other = reopen()
    clock.advance(days=40)  # a new month: the other process creates that month's data key
    waybill = other.booking.book(other.auth.login(*CLERK), example_order).waybill
    assert app.shipments.show(clerk, waybill).recipient.name == "Budi Santoso"


def test_rotation_elsewhere_does_not_strand_new_keys(app, clerk, example_order, reopen,
                                                     clock):
    other = reopen()
    other.admin.rotate_keys(other.auth.login(*MANAGER))
    clock.advance(days=40)
    waybill = app.booking.book(clerk, example_order).waybill  # new month key, wrapped here
    app.close()
    fresh = reopen()
    s = fresh.auth.login(*CLERK)
    assert fresh.shipments.show(s, waybill).recipient.name == "Budi Santoso"
    clock.advance(days=1)
    assert fresh.booking.book(s, example_order).waybill


def test_rotation_elsewhere_then_rotation_here(app, manager, reopen):
    other = reopen()
    other.admin.rotate_keys(other.auth.login(*MANAGER))
    app.admin.rotate_keys(manager)
    app.close()
    assert reopen().admin.verify_audit(manager).ok


