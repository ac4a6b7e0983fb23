"""Tampering with the files is detected, everywhere, never shown as someone else's data.

Systematic versions of tests/integration/test_keys_and_tamper.py: a flipped byte at
every part of every personal ciphertext (version, nonce, body, tag) and of outbox
payloads and wrapped keys; every personal ciphertext moved to every other column
of its row and to the same column of another row (the associated data binds
table, column, row id and key); every column of an audit row edited, rows
swapped, the tail cut off after a sync (the server notices); another outlet's
valid master key (a clear error, nothing changed, no garbage shown).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import sqlite3

import pytest
from sqlalchemy import select

from outlet_pos.bootstrap import init_outlet
from outlet_pos.central.models import Device
from outlet_pos.config import Settings
from outlet_pos.storage.crypto import TamperedData
from tests.central_server import CentralServer
from tests.integration.test_cli import run
from tests.reliability import pii
from tests.sync_fixtures import enroll

CT_COLUMNS = (*(f"{who}_{c}_ct" for who in ("sender", "recipient")
                 for c in ("name", "phone", "email", "address")), "description_ct")


def _sql(app, sql: str, *params) -> list:
    with contextlib.closing(sqlite3.connect(app.db.path)) as c:
        rows = c.execute(sql, params).fetchall()
        c.commit()
        return rows


def _two_shipments(app, clerk, example_order) -> tuple[str, str]:
    a = app.booking.book(clerk, pii.canary_order(example_order)).waybill
    b = app.booking.book(clerk, pii.canary_order(example_order, swap=True)).waybill
    return a, b


def _refused(app, clerk, waybill) -> TamperedData:
    with pytest.raises(TamperedData) as e:
        app.shipments.show(clerk, waybill)
    assert pii.pii_in_text(str(e.value)) == []  # the error never quotes the data
    return e.value


def test_a_flipped_byte_anywhere_in_any_personal_field_is_detected(app, clerk, example_order,
                                                                   figures):
    figures.describe("a byte flipped (version, nonce, body, tag), cut or appended in each "
                     "personal ciphertext: refused, never shown")
    a, _ = _two_shipments(app, clerk, example_order)
    cases = 0
    for col in CT_COLUMNS:
        (orig,) = _sql(app, f"select {col} from shipments where waybill=?", a)[0]
        assert orig, col  # every personal field of the canary order is filled
        # version byte, first and last nonce byte, body, first tag byte, last byte
        for pos in (0, 1, 12, 13, len(orig) - 16, len(orig) - 1):
            for mask in (0x01, 0x80):
                bad = bytearray(orig)
                bad[pos] ^= mask
                _sql(app, f"update shipments set {col}=? where waybill=?", bytes(bad), a)
                _refused(app, clerk, a)
                cases += 1
        for bad in (orig[:-1], orig[:13], orig + b"\x00", b""):  # cut short, or longer
            _sql(app, f"update shipments set {col}=? where waybill=?", bad, a)
            _refused(app, clerk, a)
            cases += 1
        _sql(app, f"update shipments set {col}=? where waybill=?", orig, a)
    assert app.shipments.show(clerk, a).recipient.name == pii.RECIPIENT_NAME  # restored: fine
    assert cases == len(CT_COLUMNS) * 16
    figures.runs = figures.faults = cases


def test_ciphertexts_moved_between_rows_or_columns_are_detected(app, clerk, example_order,
                                                                figures):
    figures.describe("each personal ciphertext moved to another row and to every other "
                     "column: refused (associated data binds table, column, row, key)")
    a, b = _two_shipments(app, clerk, example_order)
    cols = ", ".join(CT_COLUMNS)
    row_a = dict(zip(CT_COLUMNS, _sql(app, f"select {cols} from shipments where waybill=?",
                                      a)[0], strict=True))
    row_b = dict(zip(CT_COLUMNS, _sql(app, f"select {cols} from shipments where waybill=?",
                                      b)[0], strict=True))
    moves = 0
    for col in CT_COLUMNS:  # the same column of another row (same key, same period)
        _sql(app, f"update shipments set {col}=? where waybill=?", row_b[col], a)
        _refused(app, clerk, a)
        _sql(app, f"update shipments set {col}=? where waybill=?", row_a[col], a)
        moves += 1
    for src, dst in itertools.permutations(CT_COLUMNS, 2):  # another column of the row
        _sql(app, f"update shipments set {dst}=? where waybill=?", row_a[src], a)
        _refused(app, clerk, a)
        _sql(app, f"update shipments set {dst}=? where waybill=?", row_a[dst], a)
        moves += 1
    # A whole row's ciphertexts under another row's id (every column moved at once).
    sets = ", ".join(f"{c}=?" for c in CT_COLUMNS)
    _sql(app, f"update shipments set {sets} where waybill=?", *row_b.values(), a)
    _refused(app, clerk, a)
    _sql(app, f"update shipments set {sets} where waybill=?", *row_a.values(), a)
    assert app.shipments.show(clerk, a).sender.name == pii.SENDER_NAME
    assert moves == 9 + 9 * 8
    figures.runs = figures.faults = moves + 1


def test_swapped_blind_index_never_shows_another_customer(app, clerk, example_order, figures):
    figures.describe("a forged phone-index entry: the look-up never shows another customer")
    figures.runs = figures.faults = 1
    """The phone index is only a pointer: a row found through a forged index entry is
    checked against the decrypted phone and left out."""
    a, b = _two_shipments(app, clerk, example_order)
    idx_b = _sql(app, "select recipient_phone_idx from shipments where waybill=?", b)[0][0]
    _sql(app, "update shipments set recipient_phone_idx=?, sender_phone_idx=? "
         "where waybill=?", idx_b, idx_b, a)
    found = app.shipments.find_customer(clerk, pii.SENDER_PHONE)  # b's recipient's phone
    assert {m.party.phone for m in found} == {"+6281277665544"}


def test_outbox_payloads_flipped_or_swapped_are_detected(app, clerk, example_order, figures):
    figures.describe("outbox payloads flipped or swapped between events: refused")
    figures.runs = figures.faults = 5
    _two_shipments(app, clerk, example_order)
    rows = _sql(app, "select id, payload_ct from outbox order by id")
    (id_a, ct_a), (_, ct_b) = rows[:2]

    def read():
        with pytest.raises(TamperedData) as e, app.db.uow() as uow:
            uow.queue.batch(100)
        assert pii.pii_in_text(str(e.value)) == []

    for pos in (0, 5, 20, len(ct_a) - 1):
        bad = bytearray(ct_a)
        bad[pos] ^= 0x04
        _sql(app, "update outbox set payload_ct=? where id=?", bytes(bad), id_a)
        read()
    _sql(app, "update outbox set payload_ct=? where id=?", ct_b, id_a)  # b's event as a's
    read()
    _sql(app, "update outbox set payload_ct=? where id=?", ct_a, id_a)
    with app.db.uow() as uow:
        assert len(uow.queue.batch(100)) == 2


def test_a_damaged_or_swapped_wrapped_key_stops_the_app_with_a_clear_error(app, manager, reopen,
                                                                           figures):
    figures.describe("a wrapped data key damaged or swapped: the app refuses to open, "
                     "clearly")
    figures.runs = figures.faults = 3
    app.admin.rotate_keys(manager)  # two data keys now, and index, audit keys
    app.close()
    rows = _sql(app, "select id, wrapped from data_keys where wrapped is not null order by id")
    (id_a, w_a), (_, w_b) = rows[:2]
    for bad_a in (w_b, bytes([w_a[0] ^ 1]) + w_a[1:], w_a[:-1] + bytes([w_a[-1] ^ 1])):
        _sql(app, "update data_keys set wrapped=? where id=?", bad_a, id_a)
        with pytest.raises(TamperedData, match="master key does not open"):
            reopen()
    _sql(app, "update data_keys set wrapped=? where id=?", w_a, id_a)
    reopen()  # restored: opens


@pytest.mark.parametrize("column", ["at", "actor", "action", "subject", "details", "prev_hash",
                                    "hash"])
def test_any_edit_of_an_audit_row_names_that_row(app, clerk, manager, example_order, column,
                                                 figures):
    figures.describe(f"the {column} of an audit row edited: verify names that row")
    figures.runs = figures.faults = 1
    for _ in range(3):
        app.booking.book(clerk, example_order)
    seqs = [r[0] for r in _sql(app, "select seq from audit_log order by seq")]
    target = seqs[len(seqs) // 2]
    if column in ("prev_hash", "hash"):
        _sql(app, f"update audit_log set {column}=randomblob(32) where seq=?", target)
    else:
        _sql(app, f"update audit_log set {column}=coalesce({column}, '') || 'x' where seq=?",
             target)
    report = app.admin.verify_audit(manager)
    assert not report.ok and report.first_broken == target and report.reason
    # A hash edited by someone without the audit key also breaks the next link.


def test_two_audit_rows_swapped_are_found(app, clerk, manager, example_order, figures):
    figures.describe("two audit rows swapped: verify names the first")
    figures.runs = figures.faults = 1
    for _ in range(3):
        app.booking.book(clerk, example_order)
    rows = _sql(app, "select seq, at, actor, action, subject, details, prev_hash, hash "
                "from audit_log order by seq")
    x, y = rows[2], rows[3]
    for src, dst in ((y, x), (x, y)):
        _sql(app, "update audit_log set at=?, actor=?, action=?, subject=?, details=?, "
             "prev_hash=?, hash=? where seq=?", *src[1:], dst[0])
    report = app.admin.verify_audit(manager)
    assert not report.ok and report.first_broken == x[0]


def test_the_audit_tail_cut_off_after_a_sync_shows_at_the_server(app, manager, clerk,
                                                                 example_order, tmp_path,
                                                                 figures):
    figures.describe("the newest audit rows deleted after a sync: the server raises an alert")
    figures.runs = figures.faults = 1
    """Deleting the newest rows leaves a chain that verifies locally; the server, which
    saw the head, notices that the chain went back."""
    srv = CentralServer(tmp_path / "central").start()
    try:
        enroll(app, srv, manager)
        for _ in range(3):
            app.booking.book(clerk, example_order)
        assert app.sync.sync_once().error is None
        last = _sql(app, "select max(seq) from audit_log")[0][0]
        _sql(app, "delete from audit_log where seq > ?", last - 4)
        assert app.admin.verify_audit(manager).ok  # locally nothing shows
        app.booking.book(clerk, example_order)
        assert app.sync.sync_once().error is None
        with srv.engine.connect() as c:
            alert = c.execute(select(Device.audit_alert)).scalar()
        assert alert and ("went back" in alert or "another hash" in alert), alert
    finally:
        srv.close()


def test_another_outlets_master_key_is_a_clear_error_and_changes_nothing(app, clerk, reopen,
                                                                         example_order,
                                                                         tmp_path, clock,
                                                                         figures):
    figures.describe("another outlet's valid master key: a clear error in the app and the "
                     "CLI, the database unchanged, no garbage shown")
    figures.runs = figures.faults = 2
    app.booking.book(clerk, pii.canary_order(example_order))
    app.db.checkpoint()
    app.close()
    other = init_outlet(Settings(tmp_path / "other", keystore="file"), outlet_number=43,
                        terminal=1, manager="manajer", password="rahasia-manajer", clock=clock)
    other.close()
    theirs = next((tmp_path / "other" / "keys").glob("master-*.key")).read_bytes()
    ours = next((app.settings.data_dir / "keys").glob("master-*.key"))
    assert len(base64.b64decode(theirs)) == 32  # a real, valid key, just not this outlet's
    saved = ours.read_bytes()
    ours.write_bytes(theirs)
    before = hashlib.sha256(app.db.path.read_bytes()).hexdigest()
    with pytest.raises(TamperedData, match="master key does not open") as e:
        reopen()
    assert pii.pii_in_text(str(e.value)) == []
    p = run(app.settings.data_dir, "shipments", "list", "--user", "kasir1", "--password-stdin",
            stdin="rahasia-kasir\n")
    assert p.returncode != 0 and "master key" in p.stderr and pii.pii_in_text(p.stderr) == []
    assert hashlib.sha256(app.db.path.read_bytes()).hexdigest() == before
    ours.write_bytes(saved)
    again = reopen()
    s = again.auth.login("kasir1", "rahasia-kasir")
    assert again.shipments.find_customer(s, pii.SENDER_PHONE)[0].party.name == pii.SENDER_NAME


@pytest.mark.xfail(strict=True, reason="known gap: SQLite hands a TEXT value that is not "
                   "UTF-8 to Python as an OperationalError at fetch time, before the cipher "
                   "can call it tampered (refused all the same, but not the clear message)")
def test_a_ciphertext_rewritten_as_text_is_reported_as_tampering(app, clerk, example_order):
    w = app.booking.book(clerk, example_order).waybill
    _sql(app, "update shipments set recipient_name_ct = cast(recipient_name_ct as text)")
    with pytest.raises(TamperedData):
        app.shipments.show(clerk, w)
