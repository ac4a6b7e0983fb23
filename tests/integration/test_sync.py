"""Sync against a real central server on 127.0.0.1: enrollment, exactly-once upload,
signed tariffs, tracking, and the refusals (replay, wrong or revoked credential)."""

from __future__ import annotations

import json

import pytest
import requests
from sqlalchemy import select

from outlet_pos.central.db import utc_now
from outlet_pos.central.enrollment import provision, revoke
from outlet_pos.central.models import DayClosing, Device, Event, Tariff
from outlet_pos.central.models import Shipment as CentralShipment
from outlet_pos.central.reference import add_tracking
from outlet_pos.protocol import wire
from outlet_pos.services.tariffs import TariffTampered
from outlet_pos.sync.client import SyncClient, SyncError
from tests.central_server import CentralServer
from tests.shipment_factory import book_random
from tests.sync_fixtures import enroll, pending_bodies, server_shipments

MANAGER = ("manajer", "rahasia-manajer")


@pytest.mark.slow
def test_a_thousand_shipments_booked_offline_arrive_exactly_once_with_every_field(
        app, tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    boss = app.auth.login(*MANAGER)
    enroll(app, srv, boss)
    srv.stop()  # the server is down for the whole day of booking

    waybills = book_random(app, boss, 1000, seed=11)
    for number in waybills[:25]:
        app.shipments.void(boss, number, "salah alamat penerima")
    app.closing.close_day(boss, counted_cash=1_000_000, note="selisih uji sinkronisasi")
    down = app.sync.sync_once()
    assert down.error is not None and down.error.kind == "transient"
    assert app.sync.status().queue_depth == 1000 + 25 + 1
    sent = pending_bodies(app)

    srv.start()
    try:
        report = app.sync.sync_once()
        assert report.error is None, report.error
        assert report.applied == 1026 and report.remaining == 0
        assert app.sync.status().queue_depth == 0

        got = {s["waybill"]: s for s in server_shipments(srv)}
        assert sorted(got) == sorted(waybills)
        created = {b["waybill"]: b for k, b in sent.values() if k == "shipment.created"}
        for number, body in created.items():
            on_server = {k: v for k, v in got[number].items() if k not in ("status",
                                                                           "voided_at")}
            assert on_server == body  # every field, personal ones decrypted, intact
        voided = {s["waybill"] for s in got.values() if s["status"] == "void"}
        assert voided == set(waybills[:25])
        with srv.engine.connect() as c:
            assert c.execute(Event.__table__.select()).all().__len__() == 1026
            closing = c.execute(select(DayClosing.sequence, DayClosing.body_json)).one()
        assert closing[0] == 1 and json.loads(closing[1])["cash_counted"] == 1_000_000

        again = app.sync.sync_once()  # nothing left; nothing doubles
        assert again.applied == 0 and len(server_shipments(srv)) == 1000
    finally:
        srv.close()


def test_enrollment_code_is_single_use_and_provisioning_works_offline(app, central, tmp_path):
    boss = app.auth.login(*MANAGER)
    code = central.add_outlet(42)
    assert (app.outlet.terminal, app.outlet.origin_district) == (3, "32.73.02")
    app.enrolment.online(boss, server=central.url, code=code)
    with pytest.raises(SyncError) as e:
        app.enrolment.online(boss, server=central.url, code=code)
    assert e.value.kind == "auth"

    creds = provision(central.engine, utc_now, 42, 3)
    path = tmp_path / "prov.json"
    path.write_text(json.dumps({"format": "outlet-pos-provisioning", "server": central.url,
                                "tariff_public_key": central.secrets.tariff_public_key,
                                **creds}))
    app.enrolment.offline(boss, path)
    book_random(app, boss, 3)
    assert app.sync.sync_once().applied == 3
    with central.engine.connect() as c:
        devices = {r.id for r in c.execute(Device.__table__.select())}
    assert creds["device_id"] in devices


def test_rejected_event_is_parked_with_its_reason_and_does_not_block(enrolled, central):
    boss = enrolled.auth.login(*MANAGER)
    first = book_random(enrolled, boss, 1, seed=1)[0]
    # Another outlet's device already claimed this waybill at the server.
    record = enrolled.shipments.show(boss, first)
    with central.engine.begin() as c:
        c.execute(CentralShipment.__table__.insert().values(
            id="other", waybill=record.waybill, outlet=42, terminal=9, booked_at="x",
            business_date="x", service="REG", origin_district="x", dest_district="x",
            weight_g=1, total=1, cod_amount=0, payment_method="cash", status="booked",
            figures_json="{}", personal_ct=b"\0", received_at="x"))
    book_random(enrolled, boss, 5, seed=2)
    report = enrolled.sync.sync_once()
    assert (report.applied, report.parked, report.remaining) == (5, 1, 0)
    with enrolled.db.uow() as uow:
        parked = uow.queue.parked()
    assert len(parked) == 1 and "already belongs to another shipment" in parked[0].last_error
    assert enrolled.sync.status().parked == 1
    assert enrolled.sync.sync_once().applied == 0  # not retried forever


def test_same_idempotency_key_with_another_body_is_rejected_not_merged(enrolled, central):
    boss = enrolled.auth.login(*MANAGER)
    book_random(enrolled, boss, 1)
    (event_id, (kind, body)), = pending_bodies(enrolled).items()
    client = enrolled.worker.client()
    ev = {"id": event_id, "kind": kind, "created_at": "2026-11-25T02:00:00+00:00",
          "body": body}
    assert client.upload([ev], None)[0]["result"] == "applied"
    assert client.upload([ev], None)[0]["result"] == "duplicate"
    changed = {**ev, "body": {**body, "quote": {**body["quote"], "total": 1}}}
    result = client.upload([changed], None)[0]
    assert result["result"] == "rejected" and "different body" in result["reason"]
    assert server_shipments(central)[0]["quote"]["total"] == body["quote"]["total"]


def test_replayed_request_wrong_and_revoked_credentials_are_refused(enrolled, central):
    import time
    with enrolled.db.uow() as uow:
        cred = uow.device.get()
    seed, device = cred.seed, cred.device_id
    body = wire.encode_batch({"events": [], "audit_head": None})
    headers = wire.sign_headers(seed, device, "POST", "/v1/events", body, int(time.time()))
    headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
    first = requests.post(central.url + "/v1/events", data=body, headers=headers, timeout=5)
    replay = requests.post(central.url + "/v1/events", data=body, headers=headers, timeout=5)
    assert first.status_code == 200
    assert replay.status_code == 409 and replay.json()["code"] == "replay"

    stranger = SyncClient(central.url, device_id=device, seed=wire.new_device_key())
    with pytest.raises(SyncError) as e:
        stranger.config()
    assert e.value.kind == "auth" and e.value.code == "bad_signature"

    tampered = dict(headers, **{wire.H_NONCE: "fresh-nonce"})
    assert requests.post(central.url + "/v1/events", data=body + b"x", headers=tampered,
                         timeout=5).status_code == 401

    revoke(central.engine, utc_now, device)
    report = enrolled.sync.sync_once()
    assert report.error is not None and report.error.code == "revoked"
    assert "revoked" in enrolled.sync.status().last_error


def test_clock_skew_is_tolerated_corrected_and_reported(enrolled, central):
    import time
    cred = enrolled.worker.client()
    fast = SyncClient(central.url, device_id=cred._device_id, seed=cred._seed,
                      clock=lambda: time.time() + 3600)  # this PC is an hour ahead
    assert fast.config()["outlet"] == 42  # refused once, corrected, signed again
    assert 3590 <= fast.last_skew <= 3610
    skew = [3600]
    fixed = SyncClient(central.url, device_id=cred._device_id, seed=cred._seed,
                       clock=lambda: time.time() + skew[0])
    assert fixed.config()["outlet"] == 42
    skew[0] = 0  # the technician sets the PC's clock right
    assert fixed.config()["outlet"] == 42 and fixed.offset == 0


def test_tariff_comes_down_signed_as_a_delta_and_tampering_is_refused(enrolled, central):
    central.publish_sample_tariff(version="2026.12")
    assert enrolled.sync.refresh_reference() is True
    assert enrolled.booking.tariff_version() == "2026.12"
    assert enrolled.sync.refresh_reference() is False  # 204: nothing new

    central.publish_sample_tariff(version="2027.01", bump=40)
    seen: list[dict] = []
    client = enrolled.worker.client()
    original = client.tariffs
    client.tariffs = lambda since: seen.append(original(since)) or seen[-1]
    assert enrolled.sync.refresh_reference() is True
    assert seen[0]["base_version"] == "2026.12" and len(seen[0]["delta"]["rates_set"]) == 40
    assert enrolled.booking.tariff_version() == "2027.01"

    # The server's stored table is altered after signing (or in transit): refused.
    central.publish_sample_tariff(version="2027.02", bump=3)
    with central.engine.begin() as c:
        row = c.execute(Tariff.__table__.select().where(Tariff.version == "2027.02")).one()
        import gzip
        table = json.loads(gzip.decompress(row.body_gz))
        first = next(iter(table["rates"].values()))
        next(iter(first.values()))[0] = 1  # one rupiah per kg
        c.execute(Tariff.__table__.update().where(Tariff.id == row.id).values(
            body_gz=gzip.compress(wire.canonical(table))))
    with pytest.raises(SyncError):
        enrolled.sync.refresh_reference()
    assert enrolled.booking.tariff_version() == "2027.01"


def test_tracking_history_and_the_last_known_one_offline(enrolled, central):
    boss = enrolled.auth.login(*MANAGER)
    number = book_random(enrolled, boss, 1)[0]
    enrolled.sync.sync_once()
    add_tracking(central.engine, utc_now, number, "PICKED_UP", "kurir Budi",
                 secrets=central.secrets)
    history, _, live = enrolled.sync.track(number)
    assert live and [h["status"] for h in history] == ["BOOKED", "PICKED_UP"]
    central.stop()
    history, fetched, live = enrolled.sync.track(number)
    assert not live and [h["status"] for h in history] == ["BOOKED", "PICKED_UP"]
    assert fetched is not None


def test_service_points_and_config_come_down(enrolled, central, tmp_path):
    from outlet_pos.central.reference import import_service_points
    import_service_points(central.engine, [
        {"code": "DP-001", "kind": "drop_point", "name": "Agen Sukajadi",
         "address": "Jl. Sukajadi 5", "city": "Kota Bandung"}])
    enrolled.sync.refresh_reference()
    with enrolled.db.uow() as uow:
        points = uow.reference.get("service_points").body
        config = uow.reference.get("config").body
    assert {p["code"] for p in points} == {"OUTLET-42", "DP-001"}
    assert config["outlet"] == 42 and config["terminal"] == 3


def test_plain_http_is_refused_except_to_loopback():
    with pytest.raises(SyncError) as e:
        SyncClient("http://pusat.example.co.id")
    assert e.value.kind == "config"
    SyncClient("http://127.0.0.1:1")
    SyncClient("https://pusat.example.co.id")


def test_a_rewritten_local_audit_log_shows_at_the_server(enrolled, central):
    boss = enrolled.auth.login(*MANAGER)
    book_random(enrolled, boss, 2)
    enrolled.sync.sync_once()
    book_random(enrolled, boss, 1, seed=8)
    enrolled.sync.sync_once()
    with central.engine.connect() as c:
        assert c.execute(select(Device.audit_alert)).scalar() is None  # honest so far
    with enrolled.db.uow(write=True) as uow:  # someone rewrites the acknowledged link
        acked = int(uow.meta.get("sync_audit_acked"))
        uow.conn.exec_driver_sql("update audit_log set hash = randomblob(32) where seq = ?",
                                 (acked,))
        uow.commit()
    book_random(enrolled, boss, 1, seed=9)
    assert enrolled.sync.sync_once().error is None  # the data still arrives
    with central.engine.connect() as c:
        alert = c.execute(select(Device.audit_alert)).scalar()
    assert alert and f"audit row {acked}" in alert


def test_a_device_cannot_upload_another_outlets_or_terminals_shipments(enrolled, central):
    import uuid
    boss = enrolled.auth.login(*MANAGER)
    book_random(enrolled, boss, 1)
    (_, (kind, body)), = pending_bodies(enrolled).items()
    client = enrolled.worker.client()
    for forged in ({**body, "outlet": 43}, {**body, "terminal": 4}):
        result = client.upload([{"id": str(uuid.uuid4()), "kind": kind,
                                 "created_at": "2026-11-25T02:00:00+00:00",
                                 "body": forged}], None)[0]
        assert result["result"] == "rejected" and "sent by the device of outlet 42 terminal 3" \
            in result["reason"]
    assert server_shipments(central) == []


@pytest.mark.parametrize("change, reason", [
    (lambda b: b["parcel"].update(cod_amount="abc"), "whole numbers"),
    (lambda b: b["parcel"].update(weight_g=2**40), "whole numbers"),
    (lambda b: b["quote"].update(total=2**35), "whole numbers"),
    (lambda b: b.update(service="X" * 9), "longer than 8"),
    (lambda b: b.update(waybill="1" * 17), "longer than 16"),
    (lambda b: b["payment"].update(method="tunai\x00"), "NUL"),
    # looked up before it is stored: PostgreSQL refuses a NUL in a bound value (a 500 once)
    (lambda b: b.update(waybill="1000\x0010"), "NUL"),
    (lambda b: b.update(shipment_id="\x00" * 4), "NUL"),
    (lambda b: b["parcel"].update(weight_g=1.5), "whole"),
])
def test_malformed_bodies_are_rejected_with_a_reason_never_a_server_error(
        enrolled, central, change, reason):
    import copy
    import uuid
    boss = enrolled.auth.login(*MANAGER)
    book_random(enrolled, boss, 1)
    (_, (kind, body)), = pending_bodies(enrolled).items()
    bad = copy.deepcopy(body)
    change(bad)
    result = enrolled.worker.client().upload([{"id": str(uuid.uuid4()), "kind": kind,
                                             "created_at": "2026-11-25T02:00:00+00:00",
                                             "body": bad}], None)[0]
    assert result["result"] == "rejected" and reason in result["reason"]


def test_a_shipment_id_reused_with_another_waybill_is_rejected_not_a_conflict(enrolled,
                                                                             central):
    import uuid
    boss = enrolled.auth.login(*MANAGER)
    book_random(enrolled, boss, 1)
    (_, (kind, body)), = pending_bodies(enrolled).items()
    enrolled.sync.sync_once()
    again = {**body, "waybill": "9" * 16}
    result = enrolled.worker.client().upload([{"id": str(uuid.uuid4()), "kind": kind,
                                             "created_at": "2026-11-25T02:00:00+00:00",
                                             "body": again}], None)[0]
    assert result["result"] == "rejected" and "another waybill" in result["reason"]


def test_tariffs_update_repairs_a_stored_tariff_edited_at_rest(enrolled, central):
    """The remedy the clerk is shown ('outlet-pos tariffs update') must work: a stored
    tariff that fails its check is not a base for a delta, so the update asks for the whole
    table even when the server's version is the same."""
    central.publish_sample_tariff(version="2026.12")
    assert enrolled.sync.refresh_reference() is True
    with enrolled.db.uow(write=True) as uow:
        have = uow.reference.get("tariff")
        edited = {**have.body, "currency_note": "edited in SQL"}  # same version, other bytes
        uow.reference.set("tariff", have.version, edited, have.signature, utc_now())
        uow.commit()
    with pytest.raises(TariffTampered):
        enrolled.booking.tariff_version()
    assert enrolled.sync.refresh_reference() is True
    assert enrolled.booking.tariff_version() == "2026.12"
