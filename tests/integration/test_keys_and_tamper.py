"""Keys: missing or wrong master key, rotation, tampered ciphertexts and audit rows."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from outlet_pos.storage.crypto import TamperedData
from outlet_pos.storage.keys import MissingMasterKey


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sql(app, sql: str, *params) -> list:
    with sqlite3.connect(app.db.path) as c:
        rows = c.execute(sql, params).fetchall()
        c.commit()
        return rows


def test_master_key_file_is_private(app):
    files = list((app.settings.data_dir / "keys").glob("master-*.key"))
    assert len(files) == 1 and files[0].stat().st_mode & 0o077 == 0


def test_missing_master_key_is_a_clear_error_and_changes_nothing(app, clerk, example_order,
                                                                   reopen):
    app.booking.book(clerk, example_order)
    app.db.checkpoint()
    app.close()
    key = next((app.settings.data_dir / "keys").glob("master-*.key"))
    hidden = key.with_suffix(".bak")
    key.rename(hidden)
    before = _sha(app.db.path)
    with pytest.raises(MissingMasterKey, match="restore the keys"):
        reopen()
    assert _sha(app.db.path) == before
    hidden.rename(key)
    again = reopen()  # opens again once the key is back, and reads
    s = again.auth.login("kasir1", "rahasia-kasir")
    assert again.shipments.find_customer(s, "081398765432")[0].party.name == "Budi Santoso"


def test_wrong_master_key_decrypts_nothing(app, reopen):
    app.close()
    key = next((app.settings.data_dir / "keys").glob("master-*.key"))
    import base64
    import os

    key.write_bytes(base64.b64encode(os.urandom(32)))
    with pytest.raises(TamperedData, match="master key does not open"):
        reopen()


def test_rotation_keeps_old_data_readable(app, clerk, manager, example_order, reopen):
    first = app.booking.book(clerk, example_order).waybill
    old_keys = {p.name for p in (app.settings.data_dir / "keys").glob("*.key")}
    new_id = app.admin.rotate_keys(manager)
    assert {p.name for p in (app.settings.data_dir / "keys").glob("*.key")} == \
        {f"master-{new_id}.key"} != old_keys
    second = app.booking.book(clerk, example_order).waybill
    app.close()
    again = reopen()
    s = again.auth.login("kasir1", "rahasia-kasir")
    assert again.shipments.show(s, first).recipient.name == "Budi Santoso"
    assert again.shipments.show(s, second).recipient.name == "Budi Santoso"
    key_ids = {r[0] for r in _sql(again, "select key_id from shipments")}
    assert len(key_ids) == 2  # the second booking used the new data key


def test_flipped_byte_is_detected(app, clerk, example_order):
    w = app.booking.book(clerk, example_order).waybill
    (ct,) = _sql(app, "select recipient_name_ct from shipments")[0]
    flipped = bytes([ct[0]]) + bytes([ct[1] ^ 0x01]) + ct[2:]
    _sql(app, "update shipments set recipient_name_ct=?", flipped)
    with pytest.raises(TamperedData):
        app.shipments.show(clerk, w)


def test_ciphertext_swapped_between_rows_or_columns_is_detected(app, clerk, example_order):
    a = app.booking.book(clerk, example_order).waybill
    example_order["recipient"]["name"] = "Orang Lain"
    b = app.booking.book(clerk, example_order).waybill
    rows = dict(_sql(app, "select waybill, recipient_name_ct from shipments"))
    _sql(app, "update shipments set recipient_name_ct=? where waybill=?", rows[b], a)
    with pytest.raises(TamperedData):
        app.shipments.show(clerk, a)
    (sender_ct,) = _sql(app, "select sender_name_ct from shipments where waybill=?", b)[0]
    _sql(app, "update shipments set recipient_name_ct=? where waybill=?", sender_ct, b)
    with pytest.raises(TamperedData):
        app.shipments.show(clerk, b)


def test_audit_chain_verifies_and_finds_the_first_edited_row(app, clerk, manager,
                                                             example_order):
    for _ in range(3):
        app.booking.book(clerk, example_order)
    report = app.admin.verify_audit(manager)
    assert report.ok and report.rows >= 6
    seq = _sql(app, "select seq from audit_log where action='shipment_booked' order by seq")[1][0]
    _sql(app, "update audit_log set details='{\"total\":1}' where seq=?", seq)
    report = app.admin.verify_audit(manager)
    assert not report.ok and report.first_broken == seq and "altered" in report.reason


def test_deleted_audit_row_is_found(app, clerk, manager, example_order):
    app.booking.book(clerk, example_order)
    app.booking.book(clerk, example_order)
    seq = _sql(app, "select min(seq) from audit_log where action='shipment_booked'")[0][0]
    _sql(app, "delete from audit_log where seq=?", seq)
    report = app.admin.verify_audit(manager)
    assert not report.ok and report.first_broken == seq + 1
