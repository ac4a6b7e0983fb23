"""The pre-booked drop-off end to end (issue 21 item 3): the courier's app pre-books at a
real central server (POST /v1/prebookings with its own token), two outlets' counters each
fetched the server's QR keys once, then, offline, both accept the same QR: each fills the
form from it, weighs it heavier and takes the difference in cash. Synced, the server
keeps one waybill for the code and refuses the second ('prebooking_used'), which outlet B
parks; both managers see the conflict; the difference was charged once at each drawer
(the day's cash is the difference, not the whole price)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from outlet_pos.bootstrap import App, init_outlet
from outlet_pos.central.app_clients import add_client
from outlet_pos.central.db import utc_now
from outlet_pos.central.models import Prebooking
from outlet_pos.central.models import Shipment as CentralShipment
from outlet_pos.config import Settings
from outlet_pos.domain.shipment import parse_parcel
from outlet_pos.protocol.prebooking import PrebookingIssued
from outlet_pos.services.dropoff import DropOffService, PrebookingRefused
from tests.central_server import CentralServer
from tests.conftest import CLERK, MANAGER, Clock
from tests.prebooking_helpers import request_from
from tests.sync_fixtures import enroll


def _outlet(tmp_path: Path, clock: Clock, number: int) -> App:
    a = init_outlet(Settings(tmp_path / f"outlet{number}", keystore="file"),
                    outlet_number=number, terminal=1, manager=MANAGER[0], password=MANAGER[1],
                    outlet_name=f"Outlet {number}", clock=clock)
    a.auth.add_user(a.auth.login(*MANAGER), CLERK[0], "clerk", CLERK[1])
    return a


@pytest.fixture
def outlets(tmp_path, central) -> Iterator[tuple[App, App]]:
    clock = Clock(datetime.now(UTC))  # the server's QR carries its real issue time
    apps = (_outlet(tmp_path, clock, 41), _outlet(tmp_path, clock, 42))
    for a in apps:
        enroll(a, central, a.auth.login(*MANAGER))
    yield apps
    for a in apps:
        a.close()


def _price(app: App, weight_g: int) -> int:
    parcel = parse_parcel({"weight_g": weight_g, "length_cm": 30, "width_cm": 20,
                           "height_cm": 10, "description": "x"})
    return app.booking.quote(parcel, app.booking.destination_district("12190"), "REG")[0].total


def _drop_off(app: App, qr_text: str, weight_g: int, tendered: int):
    clerk = app.auth.login(*CLERK)
    drop = app.dropoff.read(clerk, qr_text)  # offline: the QR checked with the kept keys
    data = DropOffService.order_data(drop)
    data["parcel"]["weight_g"] = weight_g  # the counter's scale
    data["payment"] = {"method": "cash", "tendered": tendered}
    return app.dropoff.book(clerk, data, drop)


def test_one_code_dropped_off_offline_at_two_outlets_is_one_waybill_and_a_conflict_at_both(
        outlets, central: CentralServer, example_order):
    a, b = outlets
    for o in (a, b):  # online once: the keys come down with the first pass
        assert o.sync.sync_once().error is None
        assert o.dropoff.fetched_at() is not None
    paid = _price(a, 1000)
    token = add_client(central.engine, utc_now, "aplikasi-kurir")
    r = requests.post(central.url + "/v1/prebookings", timeout=10,
                      headers={"Authorization": f"Bearer {token}"},
                      json=request_from(example_order, quoted_total=paid, paid=paid,
                                        weight_g=1000).model_dump(mode="json"))
    assert r.status_code == 201, r.text
    issued = PrebookingIssued.model_validate(r.json())
    typed = a.dropoff.read(a.auth.login(*CLERK), issued.code.lower())  # online: looked up
    assert typed.source == "lookup" and typed.prebooked.paid == paid

    # Offline, both counters take the same parcel's QR (a customer trying twice, or a
    # copied QR) and weigh it at 2.6 kg: the difference is taken in cash at each.
    heavier = _price(a, 2600)
    at_a = _drop_off(a, issued.qr_text, 2600, tendered=heavier - paid)
    at_b = _drop_off(b, issued.qr_text, 2600, tendered=heavier - paid)
    for done in (at_a, at_b):
        assert done.difference.due == heavier - paid > 0 and done.booking.change == 0

    first = a.sync.sync_once()
    assert first.error is None and first.applied >= 1 and first.parked == 0
    second = b.sync.sync_once()
    assert second.error is None and second.parked == 1
    (parked,) = b.refused.list()
    assert parked.waybill == at_b.booking.waybill
    assert parked.kind == "shipment.created"
    assert "pre-booking code was already used" in parked.reason  # the manager's words
    assert "take the full price" in parked.remedy
    assert a.sync.sync_once().error is None  # A's next pass fetches the conflict too

    with central.engine.connect() as c:
        used = c.execute(select(Prebooking.__table__).where(
            Prebooking.__table__.c.code == issued.code)).one()
        waybills = set(c.execute(select(CentralShipment.__table__.c.waybill)).scalars())
    assert (used.status, used.used_waybill, used.used_outlet) == (
        "used", at_a.booking.waybill, 41)
    assert at_a.booking.waybill in waybills and at_b.booking.waybill not in waybills

    with pytest.raises(PrebookingRefused) as e:  # typed at B now: the server says used
        b.dropoff.read(b.auth.login(*CLERK), issued.code)
    assert e.value.reason == "used" and at_a.booking.waybill in str(e.value)

    for o in (a, b):  # both managers see it, the same way round
        (conflict,) = o.dropoff.conflicts(o.auth.login(*MANAGER))
        assert conflict.code == issued.code and conflict.reason == "used_twice"
        assert conflict.first is not None
        assert (conflict.first.outlet, conflict.first.waybill) == (41, at_a.booking.waybill)
        assert (conflict.second.outlet, conflict.second.waybill) == (42, at_b.booking.waybill)

    # Charged once: each drawer holds the difference, each day's revenue the whole price.
    for o, done in ((a, at_a), (b, at_b)):
        totals = o.closing.totals(o.auth.login(*MANAGER))
        assert totals.cash_sales == heavier - paid
        assert totals.revenue == done.booking.total == heavier
