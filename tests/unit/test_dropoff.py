"""The drop-off service (services/dropoff.py) on a real outlet database: a QR read offline
with the stored keys, the form's order, the price again and the difference taken or
refunded, the code carried into the shipment and its event, used once here; a typed
code looked up through the directory port; the storage of keys and conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import inspect, select

from outlet_pos.domain.dropoff import (
    ConflictSide,
    Difference,
    PrebookingConflict,
    PrebookingUsedHere,
    due_now,
)
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.roles import NotAllowed
from outlet_pos.domain.shipment import parse_parcel
from outlet_pos.protocol.prebooking import PrebookingLookup
from outlet_pos.services.dropoff import DropOffService, PrebookingRefused
from outlet_pos.storage.models import Shipment
from tests.prebooking_helpers import give_keys, prebooked, qr
from tests.sync_fixtures import pending_bodies

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


@pytest.fixture
def keyed(app, clock):
    give_keys(app, KEY, clock())
    return app


def _weighed(app, drop, weight_g: int, tendered: int | None = None) -> dict:
    data = DropOffService.order_data(drop)
    data["parcel"]["weight_g"] = weight_g
    data["payment"] = {"method": "cash", "tendered": tendered}
    return data


def _price(app, weight_g: int) -> int:
    parcel = parse_parcel({"weight_g": weight_g, "length_cm": 30, "width_cm": 20,
                           "height_cm": 10, "description": "x"})
    dest = app.booking.destination_district("12190")
    return app.booking.quote(parcel, dest, "REG")[0].total


def test_a_qr_is_read_offline_and_the_parcel_booked_with_its_code_and_the_difference(
        keyed, clerk, clock, example_order):
    app = keyed
    paid = _price(app, 1000)
    p = prebooked(example_order, clock(), quoted_total=paid, paid=paid, weight_g=1000)
    drop = app.dropoff.read(clerk, qr(p, KEY))
    assert drop.source == "qr" and drop.prebooked == p
    data = _weighed(app, drop, 2600, tendered=100_000)  # heavier on the counter's scale
    assert data["sender"]["name"] == "Siti Nurhaliza"
    assert data["recipient"]["address"]["postal_code"] == "12190"
    assert data["service"] == "REG"
    now = _price(app, 2600)
    assert now > paid
    done = app.dropoff.book(clerk, data, drop)
    assert done.difference == Difference(paid=paid, total=now)
    assert done.difference.to_take == now - paid and done.difference.refund == 0
    assert done.booking.total == now
    assert done.booking.change == 100_000 - (now - paid)  # change from the difference only
    with app.db.engine.connect() as c:
        row = c.execute(select(Shipment.__table__).where(
            Shipment.__table__.c.waybill == done.booking.waybill)).one()
    assert (row.prebooking_code, row.prebooking_paid, row.total) == (p.code, paid, now)
    (kind, body), = pending_bodies(app).values()
    assert kind == "shipment.created"
    assert body["prebooking"] == {"code": p.code, "paid": paid, "quoted_total": paid}
    from outlet_pos.protocol.events import ShipmentCreated

    again = ShipmentCreated.model_validate(body).body()  # as the server hashes it
    assert again["prebooking"] == body["prebooking"]


def test_a_code_already_dropped_off_here_is_refused_at_once_until_that_waybill_is_voided(
        keyed, clerk, manager, clock, example_order):
    app = keyed
    p = prebooked(example_order, clock(), quoted_total=30_000, paid=30_000)
    drop = app.dropoff.read(clerk, qr(p, KEY))
    first = app.dropoff.book(clerk, _weighed(app, drop, 1000), drop)
    with pytest.raises(PrebookingUsedHere) as e:
        app.dropoff.read(clerk, qr(p, KEY))  # the same QR scanned again
    assert e.value.waybill == first.booking.waybill
    with pytest.raises(PrebookingUsedHere):  # a form filled before the first was booked
        app.dropoff.book(clerk, _weighed(app, drop, 1000), drop)
    app.shipments.void(manager, first.booking.waybill, "salah timbang, diulang")
    again = app.dropoff.book(clerk, _weighed(app, app.dropoff.read(clerk, qr(p, KEY)), 1000),
                             drop)
    assert again.booking.waybill != first.booking.waybill


def test_a_lighter_parcel_is_refunded_and_cash_tendered_is_checked_against_the_difference(
        keyed, clerk, clock, example_order):
    app = keyed
    dear = _price(app, 5000)
    p = prebooked(example_order, clock(), quoted_total=dear, paid=dear, weight_g=5000)
    drop = app.dropoff.read(clerk, qr(p, KEY))
    cheap = _price(app, 800)
    dest = app.booking.destination_district("12190")
    parcel = parse_parcel({"weight_g": 800, "length_cm": 30, "width_cm": 20, "height_cm": 10,
                           "description": "x"})
    shown = app.dropoff.difference(drop, parcel, dest)
    assert shown.refund == dear - cheap > 0 and shown.to_take == 0
    done = app.dropoff.book(clerk, _weighed(app, drop, 800), drop)
    assert done.difference.due == cheap - dear < 0 and done.booking.change == 0

    q = prebooked(example_order, clock(), quoted_total=cheap, paid=0, weight_g=800)
    unpaid = app.dropoff.read(clerk, qr(q, KEY))
    with pytest.raises(ValidationError) as e:  # nothing paid in the app: the whole price
        app.dropoff.book(clerk, _weighed(app, unpaid, 800, tendered=cheap - 1), unpaid)
    assert e.value.problems[0][0] == "payment.tendered"
    assert due_now(cheap, unpaid.use) == cheap


@pytest.mark.parametrize("spoil, reason", [
    (lambda t: t[:-3] + ("AAA" if t[-3:] != "AAA" else "BBB"), "bad_signature"),
    (lambda t: t.replace(".", "!", 1), "malformed"),
])
def test_an_altered_qr_is_refused_with_the_clerks_words(keyed, clerk, clock, example_order,
                                                        spoil, reason):
    p = prebooked(example_order, clock(), quoted_total=20_000, paid=20_000)
    with pytest.raises(PrebookingRefused) as e:
        keyed.dropoff.read(clerk, spoil(qr(p, KEY)))
    assert e.value.reason == reason
    assert "Siti" not in str(e.value)  # nothing of the booking in the message


def test_a_qr_of_an_unknown_key_or_expired_is_refused(app, clerk, clock, example_order):
    p = prebooked(example_order, clock(), quoted_total=20_000, paid=20_000)
    with pytest.raises(PrebookingRefused) as e:  # no keys fetched yet
        app.dropoff.read(clerk, qr(p, KEY))
    assert e.value.reason == "unknown_key"
    give_keys(app, KEY, clock())
    old = prebooked(example_order, clock() - timedelta(days=15), quoted_total=1, paid=1)
    with pytest.raises(PrebookingRefused) as e:
        app.dropoff.read(clerk, qr(old, KEY))
    assert e.value.reason == "expired"


class _Directory:
    def __init__(self, answer: PrebookingLookup | None) -> None:
        self.answer, self.asked = answer, []

    def lookup(self, code: str) -> PrebookingLookup | None:
        self.asked.append(code)
        return self.answer


def test_a_typed_code_is_normalized_and_looked_up_used_or_unknown_refused(
        app, clerk, clock, example_order):
    p = prebooked(example_order, clock(), quoted_total=20_000, paid=15_000)
    typed = f"{p.code[:5].lower()}-{p.code[5:]}"
    open_ = _Directory(PrebookingLookup(prebooked=p, status="open"))
    service = DropOffService(app.db.uow, app.booking, clock, open_)
    drop = service.read(clerk, f"  {typed} ")
    assert drop.source == "lookup" and drop.use.paid == 15_000 and open_.asked == [p.code]
    used = DropOffService(app.db.uow, app.booking, clock, _Directory(
        PrebookingLookup(prebooked=p, status="used", used_waybill="0042010000017")))
    with pytest.raises(PrebookingRefused, match="0042010000017"):
        used.read(clerk, p.code)
    with pytest.raises(PrebookingRefused) as e:
        DropOffService(app.db.uow, app.booking, clock, _Directory(None)).read(clerk, p.code)
    assert e.value.reason == "unknown_code"
    wrong = p.code[:-1] + ("0" if p.code[-1] != "0" else "1")  # the check character catches it
    with pytest.raises(PrebookingRefused) as e:
        service.read(clerk, wrong)
    assert e.value.reason == "malformed" and open_.asked == [p.code]


def test_conflicts_are_kept_once_each_and_shown_to_managers_only(app, clerk, manager, clock):
    c = PrebookingConflict(code="PB00000000", reason="used_twice",
                           first=ConflictSide(41, "0041010000012", "2026-12-02T01:00:00Z"),
                           second=ConflictSide(42, "0042030000015", "2026-12-02T02:00:00Z"),
                           at="2026-12-02T03:00:00Z")
    unknown = replace(c, code="PB11111111", reason="unknown_code", first=None)
    with app.db.uow(write=True) as uow:
        assert uow.prebookings.put_conflicts([c, unknown], clock()) == 2
        assert uow.prebookings.put_conflicts([c], clock()) == 0  # fetched again next pass
        uow.commit()
    assert app.dropoff.conflicts(manager) == [unknown, c]  # the newest first
    with pytest.raises(NotAllowed):
        app.dropoff.conflicts(clerk)


def test_the_schema_holds_the_drop_off_columns_and_tables(app):
    found = inspect(app.db.engine)
    assert {"prebooking_code", "prebooking_paid"} <= {
        c["name"] for c in found.get_columns("shipments")}
    assert "ix_shipments_prebooking_code" in {i["name"] for i in found.get_indexes("shipments")}
    from outlet_pos.storage.models import Base
    for table in ("prebooking_keys", "prebooking_conflicts"):
        assert {c["name"] for c in found.get_columns(table)} == set(
            Base.metadata.tables[table].c.keys())


def test_a_scanned_prebooking_qr_or_code_is_a_prebooking_for_the_scanner(clock, example_order):
    from outlet_pos.domain.key_burst import ScanKind, classify

    p = prebooked(example_order, clock(), quoted_total=20_000, paid=20_000)
    text = qr(p, KEY)
    assert classify(text).kind is ScanKind.PREBOOKING and classify(text).value == text
    assert "Siti" not in repr(classify(text)) and text not in repr(classify(text))
    assert classify(p.code).kind is ScanKind.PREBOOKING
    assert classify(p.code.lower()).kind is ScanKind.PREBOOKING  # caps lock off
    assert classify("PBI0000000").kind is ScanKind.UNKNOWN  # no I in Crockford's base32
    assert classify("0812-2345-6789").kind is ScanKind.PHONE  # the others stay theirs


def test_the_drawer_counts_the_difference_only_and_the_revenue_the_whole_price(
        keyed, clerk, manager, clock, example_order):
    app = keyed
    paid = _price(app, 1000)
    p = prebooked(example_order, clock(), quoted_total=paid, paid=paid, weight_g=1000)
    drop = app.dropoff.read(clerk, qr(p, KEY))
    done = app.dropoff.book(clerk, _weighed(app, drop, 4000), drop)
    plain = app.booking.book(clerk, {**_weighed(app, drop, 1000), "payment": {"method": "cash"}})
    totals = app.closing.totals(manager)
    assert totals.revenue == done.booking.total + plain.total
    assert totals.cash_sales == done.difference.due + plain.total  # charged once
    assert app.reports.review(manager).figures.cash_total == totals.cash_sales


def test_the_command_line_drops_off_through_the_same_service(keyed, settings, clock,
                                                            example_order, monkeypatch, capsys):
    import io
    import json
    import sys

    from outlet_pos.cli import common
    from outlet_pos.cli.main import main as cli_main
    from tests.conftest import CLERK

    paid = _price(keyed, 1000)
    p = prebooked(example_order, clock(), quoted_total=paid, paid=paid, weight_g=1000)

    def run(*argv: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{CLERK[1]}\n{qr(p, KEY)}\n"))
        monkeypatch.setattr(common, "STDIN", common.Stdin())
        capsys.readouterr()
        code = cli_main(["dropoff", "-", "--data-dir", str(settings.data_dir), "--user",
                         CLERK[0], "--password-stdin", *argv])
        got = capsys.readouterr()
        assert code == 0, got.err
        return code, got.out

    code, out = run("--weight", "2,6", "--check", "--json")
    assert code == 0
    checked = json.loads(out)
    assert checked == {"code": p.code, "paid": paid, "total": _price(keyed, 2600),
                       "difference": _price(keyed, 2600) - paid}
    code, out = run("--weight", "2.6", "--tendered", str(checked["difference"]), "--json")
    booked = json.loads(out)
    assert code == 0 and booked["change"] == 0 and booked["difference"] == checked["difference"]
    with keyed.db.uow() as uow:
        assert uow.prebookings.used_by(p.code) == booked["waybill"]
    assert "Siti" not in out  # the QR's personal data went in on stdin, not out


def test_a_qr_of_a_key_not_yet_kept_fetches_the_servers_keys_once(app, clerk, clock,
                                                                   example_order):
    p = prebooked(example_order, clock(), quoted_total=20_000, paid=20_000)
    fetched: list[int] = []

    class Server(_Directory):
        def refresh_keys(self) -> int:  # as sync/prebookings.py does: kept, then counted
            fetched.append(1)
            give_keys(app, KEY, clock())
            return 1

    service = DropOffService(app.db.uow, app.booking, clock, Server(None))
    assert service.read(clerk, qr(p, KEY)).prebooked == p and fetched == [1]
    other = Ed25519PrivateKey.from_private_bytes(bytes(range(2, 34)))
    with pytest.raises(PrebookingRefused) as e:  # still unknown after one fetch: refused
        service.read(clerk, qr(p, other))
    assert e.value.reason == "unknown_key" and fetched == [1, 1]
