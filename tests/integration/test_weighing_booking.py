"""A booking keeps how its weight was had; a weight typed over the scale needs a reason,
is audited with the reason sealed, and the reason is never on disk in clear."""

from __future__ import annotations

import copy
import io
import sys
from datetime import timedelta

import pytest

from outlet_pos.cli import common
from outlet_pos.cli.main import main
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.weighing import OVERRIDE_ACTION
from outlet_pos.protocol.events import ShipmentCreated
from tests.conftest import MANAGER
from tests.reliability import pii

REASON = "Kardus Qzwoverride basah"  # a canary of its own
NEEDLES = pii._needles(("Qzwoverride",))


def _order(example_order: dict, kg: str, reading: int | None, reason: str | None = None,
           source: str | None = None) -> dict:
    order = copy.deepcopy(example_order)
    order["parcel"]["weight_kg"] = kg
    order["parcel"].update({k: v for k, v in (("scale_weight_g", reading),
                                              ("override_reason", reason),
                                              ("weight_source", source)) if v is not None})
    return order


def _created_body(app, shipment_id: str) -> dict:
    with app.db.uow() as uow:
        items = uow.queue.batch(100)
    return next(i.body for i in items
                if i.kind == ShipmentCreated.KIND and i.body["shipment_id"] == shipment_id)


def test_a_stable_reading_booked_is_from_the_scale(app, clerk, manager, example_order):
    b = app.booking.book(clerk, _order(example_order, "1.503", 1503, source="scale"))
    shown = app.shipments.show(manager, b.waybill)
    assert (shown.weight_g, shown.weight_source, shown.scale_weight_g,
            shown.override_reason) == (1503, "scale", 1503, None)
    parcel = _created_body(app, b.shipment_id)["parcel"]
    assert (parcel["weight_source"], parcel["scale_weight_g"]) == ("scale", 1503)
    assert "override_reason" not in parcel
    with app.db.uow() as uow:
        assert not [e for e in uow.audit.entries(OVERRIDE_ACTION) if e["subject"] == b.waybill]


def test_no_scale_is_typed_and_old_orders_book_as_before(app, clerk, manager, example_order):
    b = app.booking.book(clerk, example_order)
    shown = app.shipments.show(manager, b.waybill)
    assert (shown.weight_source, shown.scale_weight_g) == ("typed", None)
    parcel = _created_body(app, b.shipment_id)["parcel"]
    assert "weight_source" not in parcel and "scale_weight_g" not in parcel  # bytes as before
    day = app.shipments.list_day(manager, shown.business_date)
    assert [r.weight_source for r in day] == ["typed"]


def test_typed_over_the_reading_is_refused_without_a_reason(app, clerk, manager,
                                                            example_order):
    with pytest.raises(ValidationError) as e:
        app.booking.book(clerk, _order(example_order, "1.2", 1503))
    assert e.value.fields == ["parcel.override_reason"]
    assert app.shipments.list_day(manager, app.booking.business_date()) == []


def test_an_override_is_flagged_audited_and_its_reason_never_in_clear(
        app, clerk, manager, example_order, settings):
    b = app.booking.book(clerk, _order(example_order, "1.2", 1503, REASON, source="typed"))
    shown = app.shipments.show(manager, b.waybill)
    assert (shown.weight_g, shown.weight_source, shown.scale_weight_g) == \
        (1200, "override", 1503)
    assert shown.override_reason == REASON  # the positive control: it was stored
    [row] = app.shipments.list_day(manager, shown.business_date)
    assert row.weight_source == "override"
    with app.db.uow() as uow:
        [entry] = [e for e in uow.audit.entries(OVERRIDE_ACTION) if e["subject"] == b.waybill]
    assert entry["actor"] == clerk.username
    assert entry["details"] == {"scale_weight_g": 1503, "weight_g": 1200,
                                "override_reason": REASON}
    body = _created_body(app, b.shipment_id)
    assert (body["parcel"]["weight_source"], body["parcel"]["scale_weight_g"]) == \
        ("override", 1503)
    assert REASON not in repr(body)  # the server gets the figures, not the reason
    # on disk: the live database with its WAL (read from another process), then closed
    hits, files, _ = pii.scan_tree_in_child(settings.data_dir, needles=NEEDLES)
    assert files and hits == []
    app.close()
    hits, _, _ = pii.scan_tree(settings.data_dir, needles=NEEDLES)
    assert hits == []



def test_retention_shreds_the_reason_and_keeps_the_flag(app, clerk, manager, clock,
                                                         example_order):
    """An override 120 days old after a 90-day retention run: the reason unreadable in the
    shipment and the audit (its period key destroyed), the flag and the figures kept."""
    start = clock.now
    clock.now = start - timedelta(days=120)
    old = app.booking.book(clerk, _order(example_order, "1.2", 1503, REASON)).waybill
    app.cash.carry_over(manager, app.booking.business_date(), "hari lama tanpa tutup")
    with app.db.uow(write=True) as uow:  # everything reached the server
        uow.conn.exec_driver_sql("update outbox set status='sent', sent_at=created_at")
        uow.commit()
    clock.now = start
    recent = app.booking.book(clerk, _order(example_order, "2", 2500, "karung basah")).waybill
    assert app.admin.run_retention(manager, 90).keys_destroyed >= 1
    shown = app.shipments.show(manager, old)
    assert shown.override_reason is None
    assert (shown.weight_source, shown.scale_weight_g, shown.weight_g) == \
        ("override", 1503, 1200)
    [entry] = [e for e in app.admin.audit_entries(manager)
               if e["action"] == OVERRIDE_ACTION and e["subject"] == old]
    assert "override_reason" not in entry["details"]
    assert entry["details"]["scale_weight_g"] == 1503
    assert app.shipments.show(manager, recent).override_reason == "karung basah"
    assert app.admin.verify_audit(manager).ok


def test_the_command_line_shows_how_the_weight_was_had(app, clerk, example_order, settings,
                                                       monkeypatch, capsys):
    weighed = app.booking.book(clerk, _order(example_order, "1.503", 1503)).waybill
    over = app.booking.book(clerk, _order(example_order, "1.2", 2500, "karung basah")).waybill
    typed = app.booking.book(clerk, _order(example_order, "1.31", None)).waybill
    monkeypatch.setenv("OUTLET_POS_KEYSTORE", "file")

    def show(waybill: str) -> str:
        monkeypatch.setattr(sys, "stdin", io.StringIO(MANAGER[1] + "\n"))
        monkeypatch.setattr(common.STDIN, "_lines", None)
        capsys.readouterr()
        rc = main(["shipments", "show", waybill, "--data-dir", str(settings.data_dir), "--user",
                   MANAGER[0], "--password-stdin"])
        out = capsys.readouterr()
        assert rc == 0, out.err
        return out.out

    assert "ditimbang: 1503 g" in show(weighed)
    assert "diketik ulang, timbangan 2500 g; alasan: karung basah" in show(over)
    assert "timbangan" not in show(typed)
