"""A customer's requests under UU PDP end to end, at a real central server (issue 21 item 6):
a copy (a PDF read back), a correction the server applies, and an erasure shredded at
both ends, the figures kept.

The personal columns are never in clear at rest, so scanning for the canaries in clear
alone could not fail. What an erasure must also remove is the *ciphertext*: its period key
lives on for the month's other shipments, so an old ciphertext left in a free page, the
WAL or a backup would still open. The scans below look for the erased shipment's own
ciphertexts (read before the erasure, and found by the same scan then, so the scan is
shown to see them) and for the canaries in clear.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from outlet_pos.central.db import utc_now
from outlet_pos.central.keyring import Keyring
from outlet_pos.central.models import Prebooking as CentralPrebooking
from outlet_pos.central.models import Shipment as CentralShipment
from outlet_pos.central.models import ShipmentCorrection as CentralCorrection
from outlet_pos.central.reference import add_tracking
from outlet_pos.domain.customer_requests import CORRECTION_KEEP_DAYS, HOLD_WORDS, Hold
from outlet_pos.domain.errors import ValidationError
from outlet_pos.i18n import tr
from outlet_pos.storage.backup_file import SqliteBackups
from outlet_pos.storage.shipments_repo import PERSONAL_COLUMNS
from tests.reliability import pii
from tests.sync_fixtures import server_shipments

MANAGER = ("manajer", "rahasia-manajer")
REFERENCE = "Surat Permohonan 12/XII/2026"
NEW_STREET = "Jl. Koreksi Baru No. 5"


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(p.get_textpage().get_text_range() for p in pdf)
    finally:
        pdf.close()


def _local_blobs(app, shipment_id: str) -> list[bytes]:
    """The erased shipment's ciphertexts as stored now: its personal columns, its old
    correction values and the outbox payloads that carried its parties."""
    cols = ", ".join(c for c in PERSONAL_COLUMNS if not c.endswith("_idx"))
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        row = c.execute(f"select {cols} from shipments where id = ?", (shipment_id,)).fetchone()
        olds = [r[0] for r in c.execute("select old_ct from shipment_corrections "
                                        "where shipment_id = ?", (shipment_id,))]
        payloads = [r[0] for r in c.execute("select payload_ct from outbox "
                                            "where aggregate_id = ?", (shipment_id,))]
    return [b for b in (*row, *olds, *payloads) if b]


def _needles(blobs: list[bytes]) -> list[bytes]:
    # the scanner compares lower-cased bytes; 24 bytes of AES-GCM output never recur
    return [b[-24:].lower() for b in blobs]


def _scan(*roots: Path, needles: list[bytes] = pii.NEEDLES) -> list[str]:
    return pii.scan_tree_in_child(*roots, needles=needles)[0]


@pytest.fixture
def booked(enrolled, example_order):
    """The canary customer (the sender) with two shipments, another customer with one;
    all at the server."""
    app = enrolled
    boss = app.auth.login(*MANAGER)
    order = pii.canary_order(example_order)
    made = [app.booking.book(boss, o).waybill for o in (order, order, example_order)]
    assert app.sync.sync_once().applied == 3
    return (app, boss, *(app.shipments.show(boss, w) for w in made))


def test_copy_correction_and_erasure_end_to_end(booked, central, tmp_path):
    app, boss, first, second, other = booked
    requests = app.customer_requests

    found = requests.find(boss, pii.SENDER_PHONE)
    assert [s.record.waybill for s in found] == [first.waybill, second.waybill]
    assert all(s.roles == ("sender",) and Hold.IN_DELIVERY in s.holds for s in found)

    # A correction of the recipient's street while the parcel is on its way.
    requests.correct(boss, first.waybill, "recipient.street", NEW_STREET, REFERENCE)
    record = app.shipments.show(boss, first.waybill)
    assert record.recipient.address.street == NEW_STREET
    assert record.recipient.address.village == "Senayan"  # only the street changed
    assert app.sync.sync_once().applied == 1
    at_server = {s["waybill"]: s for s in server_shipments(central)}
    assert at_server[first.waybill]["recipient"]["address"]["street"] == NEW_STREET
    assert at_server[second.waybill]["recipient"]["address"]["street"] == pii.RECIPIENT_STREET
    with central.engine.connect() as c:
        old = c.execute(select(CentralCorrection)).one()
        opened = Keyring(central.secrets).opener(c).open(
            old.old_ct, f"shipment_corrections/{first.id}/recipient.street")
    assert opened == b'"' + pii.RECIPIENT_STREET.encode() + b'"'

    # Delivered: no more corrections, and no hold left on the first shipment.
    add_tracking(central.engine, utc_now, first.waybill, "DELIVERED", secrets=central.secrets)
    app.sync.track(first.waybill)
    with pytest.raises(ValidationError) as refused:
        requests.correct(boss, first.waybill, "recipient.name", "Orang Lain", REFERENCE)
    assert refused.value.fields == ["waybill"]

    # The copy: the customer's two shipments, their own data in full, nobody else's.
    out = tmp_path / "salinan.pdf"
    assert requests.copy(boss, pii.SENDER_PHONE, REFERENCE, out) == 2
    assert out.stat().st_mode & 0o777 == 0o600
    text = pdf_text(out)
    for expected in (first.waybill, second.waybill, pii.SENDER_NAME, pii.SENDER_STREET,
                     pii.EMAIL, REFERENCE, "recipient.street"):
        assert expected in text, expected
    for absent in (other.waybill, "Siti", "Budi", "Zenobia", "Jwqpf", "Koreksi Baru"):
        assert absent not in text, absent  # another customer, or the other party in clear

    # The erasure: the delivered shipment is erased, the one on its way is held.
    blobs = _local_blobs(app, first.id)
    with central.engine.connect() as c:
        server_blob = c.execute(select(CentralShipment.personal_ct).where(
            CentralShipment.id == first.id)).scalar_one()
    with central.engine.begin() as c:  # as if both came from the courier's app
        c.execute(CentralPrebooking.__table__.insert(), [dict(
            code=f"PB{n}", app_client="app", payload_ct=b"sealed booking", status="used",
            issued_at="2026-11-24T00:00:00Z", expires_at="2026-12-24T00:00:00Z",
            used_shipment_id=s.id, used_outlet=app.outlet.number, used_waybill=s.waybill,
            used_at="2026-11-25T00:00:00Z") for n, s in enumerate((first, second))])
    data_dir = app.settings.data_dir
    assert _scan(data_dir, needles=_needles(blobs))  # the scan sees them before
    (tmp_path / "before").mkdir()  # and a backup made before holds them too
    before = app.backup.backup(tmp_path / "before" / "sebelum.opbk")
    SqliteBackups(data_dir).open(before.path, None, tmp_path / "before" / "sebelum.db")
    assert _scan(tmp_path / "before", needles=_needles(blobs))
    result = requests.erase(boss, pii.SENDER_PHONE, REFERENCE)
    assert result.erased == (first.waybill,)
    assert result.held == ((second.waybill, (Hold.IN_DELIVERY,)),)
    assert result.wal_cleared

    gone = app.shipments.show(boss, first.waybill)
    assert gone.sender is None and gone.recipient is None and gone.description is None
    assert (gone.total, gone.weight_g, gone.service) == (first.total, 1310, "REG")
    assert [s.record.waybill for s in requests.find(boss, pii.SENDER_PHONE)] == [
        second.waybill]
    assert _scan(data_dir, needles=_needles(blobs)) == []
    assert _scan(data_dir) == []  # and no canary in clear
    (tmp_path / "backup").mkdir()
    backup = app.backup.backup(tmp_path / "backup" / "sesudah.opbk")
    copy = tmp_path / "backup" / "sesudah.db"
    SqliteBackups(data_dir).open(backup.path, None, copy)
    assert _scan(tmp_path / "backup", needles=_needles(blobs)) == []  # the file and its db
    assert _scan(tmp_path / "backup") == []  # no canary in clear
    with contextlib.closing(sqlite3.connect(copy)) as c:
        assert c.execute("select count(*) from shipments where id = ? and total = ?",
                         (first.id, first.total)).fetchone()[0] == 1  # figures kept

    # At the server: the sealed parties emptied, the figures kept, the old value gone.
    assert app.sync.sync_once().applied == 1
    at_server = {s["waybill"]: s for s in server_shipments(central)}
    assert at_server[first.waybill].get("shredded") is True
    assert at_server[first.waybill]["sender"] is None
    assert at_server[first.waybill]["quote"]["total"] == first.total
    assert at_server[second.waybill]["sender"]["name"] == pii.SENDER_NAME
    with central.engine.connect() as c:
        assert c.execute(select(CentralCorrection)).all() == []
        assert dict(c.execute(select(CentralPrebooking.code, CentralPrebooking.payload_ct))
                    .all()) == {"PB0": b"", "PB1": b"sealed booking"}
        assert Keyring(central.secrets).opener(c).open(server_blob, f"shipments/{first.id}") \
            is not None  # the month's key is alive: the old blob itself had to go
    if central.engine.dialect.name == "sqlite":
        from outlet_pos.central.retention import _purge_freed

        _purge_freed(central.engine)  # the server's next checkpoint
        root = Path(central.engine.url.database).parent
        assert _scan(root, needles=_needles([server_blob])) == []
        assert _scan(root) == []


def test_each_request_is_a_managers_and_audited_with_its_reference(booked):
    app, boss, first, _second, _other = booked
    clerk = app.auth.login("kasir1", "rahasia-kasir")
    from outlet_pos.domain.roles import NotAllowed

    with pytest.raises(NotAllowed):
        app.customer_requests.erase(clerk, pii.SENDER_PHONE, REFERENCE)
    with pytest.raises(ValidationError) as short:
        app.customer_requests.erase(boss, pii.SENDER_PHONE, "x")
    assert short.value.fields == ["reference"]
    app.customer_requests.correct(boss, first.waybill, "sender.name", "Kanari Pranoto",
                                  REFERENCE)
    rows = app.admin.audit_entries(boss, "customer_correct")
    assert rows[-1]["details"]["reference_text"] == REFERENCE
    assert rows[-1]["details"]["field"] == "sender.name"
    assert "reference_text" in rows[-1]["typed"]  # encrypted at rest, like a void reason
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        clear = c.execute("select details from audit_log where action = 'customer_correct'"
                          ).fetchone()[0]
    assert "Permohonan" not in clear


def test_the_command_line_finds_copies_corrects_and_erases(app, example_order, settings,
                                                           tmp_path, monkeypatch, capsys):
    import io
    import json
    import sys

    from outlet_pos.cli import common
    from outlet_pos.cli.main import main

    boss = app.auth.login(*MANAGER)
    waybill = app.booking.book(boss, pii.canary_order(example_order)).waybill

    def all_sent() -> None:  # as if synced
        with contextlib.closing(sqlite3.connect(app.db.path)) as c, c:
            c.execute("update outbox set status = 'sent'")

    all_sent()

    def run(*args: str, stdin: str = "") -> int:
        monkeypatch.setattr(common.STDIN, "_lines", None)  # it keeps the first stdin's lines
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{MANAGER[1]}\n{stdin}"))
        return main(["customer", *args, "--data-dir", str(settings.data_dir),
                     "--user", MANAGER[0], "--password-stdin"])

    assert run("shipments", "--phone", pii.SENDER_PHONE, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["waybill"], s["as"], s["holds"]) for s in listed] == [
        (waybill, ["sender"], ["in_delivery"])]
    assert run("correct", "--waybill", waybill, "--field", "recipient.name", "--value", "-",
               "--reference", REFERENCE, stdin="Zenobia Hartono\n") == 0
    assert app.shipments.show(boss, waybill).recipient.name == "Zenobia Hartono"
    assert run("correct", "--waybill", waybill, "--field", "recipient.city", "--value", "X",
               "--reference", REFERENCE) == 2
    assert "recipient.street" in capsys.readouterr().err  # names what may be corrected
    out = tmp_path / "salinan.pdf"
    assert run("copy", "--phone", pii.SENDER_PHONE, "--reference", REFERENCE,
               "--out", str(out)) == 0
    assert waybill in pdf_text(out)
    assert run("erase", "--phone", pii.SENDER_PHONE, "--reference", REFERENCE) == 0
    assert tr(HOLD_WORDS[Hold.NOT_SYNCED]) in capsys.readouterr().out  # the correction
    all_sent()
    assert run("erase", "--phone", pii.SENDER_PHONE, "--reference", REFERENCE) == 0
    assert tr(HOLD_WORDS[Hold.IN_DELIVERY]) in capsys.readouterr().out
    assert app.shipments.show(boss, waybill).sender is not None
    with app.db.uow(write=True) as uow:  # the courier's tracking says delivered
        uow.tracking.put(waybill, [{"status": "DELIVERED", "at": "2026-11-26T09:00:00+00:00",
                                    "note": None, "location": "Jakarta"}], app.clock())
        uow.commit()
    assert run("erase", "--phone", pii.SENDER_PHONE, "--reference", REFERENCE) == 0
    assert app.shipments.show(boss, waybill).sender is None


def test_an_old_value_is_kept_encrypted_and_only_until_it_expires(app, clock, example_order):
    boss = app.auth.login(*MANAGER)
    waybill = app.booking.book(boss, pii.canary_order(example_order)).waybill
    with contextlib.closing(sqlite3.connect(app.db.path)) as c, c:  # as if synced
        c.execute("update outbox set status = 'sent'")
    app.customer_requests.correct(boss, waybill, "sender.street", NEW_STREET, REFERENCE)
    [mine] = app.customer_requests.find(boss, pii.SENDER_PHONE)
    [old] = mine.corrections
    assert (old.field, old.old_value) == ("sender.street", pii.SENDER_STREET)
    assert old.expires_at - old.corrected_at == timedelta(days=CORRECTION_KEEP_DAYS)
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        [blob] = c.execute("select old_ct from shipment_corrections").fetchone()
    assert b"Xylofon" not in blob  # encrypted
    clock.advance(days=CORRECTION_KEEP_DAYS - 1)
    app.admin.run_retention(boss, 3650)
    assert app.customer_requests.find(boss, pii.SENDER_PHONE)[0].corrections
    clock.advance(days=2)
    app.admin.run_retention(boss, 3650)  # keeps every shipment, drops the expired old value
    [mine] = app.customer_requests.find(boss, pii.SENDER_PHONE)
    assert mine.corrections == () and mine.record.sender.address.street == NEW_STREET


def test_the_server_drops_an_old_value_when_it_expires(central):
    from datetime import UTC, datetime

    from outlet_pos.central import retention

    with central.engine.begin() as c:
        c.execute(CentralCorrection.__table__.insert(), [
            dict(shipment_id="s-old", field="recipient.street", old_ct=b"x",
                 corrected_at="2026-08-01T00:00:00+00:00",
                 expires_at="2026-10-30T00:00:00+00:00"),
            dict(shipment_id="s-new", field="recipient.street", old_ct=b"y",
                 corrected_at="2026-11-30T00:00:00+00:00",
                 expires_at="2027-02-28T00:00:00+00:00")])
    retention.run(central.engine, lambda: datetime(2026, 12, 2, tzinfo=UTC), 12)
    with central.engine.connect() as c:
        assert c.execute(select(CentralCorrection.shipment_id)).scalars().all() == ["s-new"]


def test_the_server_refuses_an_erasure_or_correction_it_cannot_match(booked, central):
    from outlet_pos.protocol.customer_events import CustomerErased, ShipmentCorrected

    app, _boss, first, _second, other = booked
    now = app.clock()
    bodies = [
        (CustomerErased.KIND, CustomerErased(  # a waybill that is not this shipment's
            request_id="r-1", outlet=app.outlet.number, erased_at=now.isoformat(),
            shipments=[{"shipment_id": first.id, "waybill": other.waybill}]).body()),
        (CustomerErased.KIND, CustomerErased(  # a shipment the server never received
            request_id="r-2", outlet=app.outlet.number, erased_at=now.isoformat(),
            shipments=[{"shipment_id": "00000000-0000-4000-8000-000000000000",
                        "waybill": first.waybill}]).body()),
        (ShipmentCorrected.KIND, ShipmentCorrected(
            shipment_id=first.id, waybill=other.waybill, field="recipient.name",
            value="Orang Lain", corrected_at=now.isoformat(),
            outlet=app.outlet.number).body()),
    ]
    with app.db.uow(write=True) as uow:
        for kind, body in bodies:
            uow.outbox.add(kind, "refused-" + kind, body, now)
        uow.commit()
    report = app.sync.sync_once()
    assert (report.applied, report.parked) == (0, 3)
    at_server = {s["waybill"]: s for s in server_shipments(central)}
    assert at_server[first.waybill]["sender"]["name"] == pii.SENDER_NAME
    assert at_server[first.waybill]["recipient"]["name"] == pii.RECIPIENT_NAME
