"""Migration 0005: a 0004 database with free text in clear upgrades to one without any,
and the app still shows every text; the audit chain verifies and keeps the hashes the
server saw; a row tampered with before the upgrade is still caught after it."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from datetime import timedelta

from alembic import command

from outlet_pos.bootstrap import open_app
from outlet_pos.storage.db import make_engine
from outlet_pos.storage.schema import _config, current_revision, head_revision
from tests.reliability import pii

OLD_AUDIT_REASON = "Koreksi Qvzoldaudit berat"


def _to_0004(app) -> None:
    app.close()
    engine = make_engine(app.db.path)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    assert current_revision(engine) == "0004"
    engine.dispose()


def _legacy_audit_row(path, audit_key: bytes, reason: str,
                      at: str = "2026-11-20T03:00:00.000000+00:00") -> None:
    """An audit row as the 0004 app wrote it: typed text in clear, sealed over it."""
    with sqlite3.connect(path) as c:
        seq, prev = c.execute("select seq, hash from audit_log order by seq desc limit 1"
                              ).fetchone()
        details = json.dumps({"reason": reason, "rows": 3}, ensure_ascii=False,
                             sort_keys=True, separators=(",", ":"))
        body = json.dumps([seq + 1, at, "manajer", "personal_data_exported", "2026-11-20",
                           details], ensure_ascii=False, separators=(",", ":")).encode()
        digest = hmac.new(audit_key, prev + body, hashlib.sha256).digest()
        c.execute("insert into audit_log(seq, at, actor, action, subject, details, prev_hash,"
                  " hash) values (?, ?, ?, ?, ?, ?, ?, ?)",
                  (seq + 1, at, "manajer", "personal_data_exported", "2026-11-20", details,
                   prev, digest))
    c.close()


def _old_database(app, clerk, manager, example_order):
    """Free text in every field, then the database put back to 0004 (the downgrade writes
    the text back in clear) with one more audit row written the 0004 way."""
    order = {**example_order, "payment": {"method": "qris", "reference": pii.PAYMENT_REF}}
    waybill = app.booking.book(clerk, order).waybill
    app.shipments.void(manager, waybill, pii.VOID_REASON, requested_by=pii.REQUESTED_BY)
    day = app.closing.close_day(manager, 0, note=pii.CLOSING_NOTE).business_date
    app.closing.reopen(manager, day, pii.REOPEN_REASON)
    audit_key = app.db.keys.audit_key
    _to_0004(app)
    _legacy_audit_row(app.db.path, audit_key, OLD_AUDIT_REASON)
    with sqlite3.connect(app.db.path) as c:  # a tracking answer cached the 0004 way
        c.execute("insert into tracking_cache(waybill, body, fetched_at) values (?, ?, ?)",
                  (waybill, json.dumps([{"status": "DELIVERED", "note": pii.TRACKING_NOTE}]),
                   "2026-11-26T09:00:00.000000+00:00"))
    c.close()
    return waybill, day


def test_a_0004_database_upgrades_to_no_free_text_in_clear(app, clerk, manager, settings,
                                                           clock, example_order):
    waybill, day = _old_database(app, clerk, manager, example_order)
    needles = [*pii.FREE_TEXT_NEEDLES, *pii._needles(["Qvzoldaudit"])]
    before, _, _ = pii.scan_tree(settings.data_dir, needles=needles)
    # The control: the old database really holds each text in clear.
    for token in ("kwzrvoid", "pqxreqby", "jxvpayref", "zvqnote", "wqxreopen", "qvzoldaudit",
                  "bqxtrack"):
        assert any(token in h for h in before), (token, before)
    with sqlite3.connect(settings.data_dir / "outlet.db") as c:
        hashes = c.execute("select seq, hash from audit_log order by seq").fetchall()
    c.close()

    again = open_app(settings, clock)
    try:
        assert current_revision(again.db.engine) == head_revision()
        # No checkpoint here: the app's own open must leave no old page with clear text.
        opened, _, _ = pii.scan_tree_in_child(settings.data_dir, needles=needles)
        assert opened == [], opened
        boss = again.auth.login("manajer", "rahasia-manajer")
        s = again.shipments.show(boss, waybill)
        assert (s.void_reason, s.payment_ref) == (pii.VOID_REASON, pii.PAYMENT_REF)
        reopened = again.closing.history(boss, day)[0]
        assert (reopened.note, reopened.reopen_reason) == (pii.CLOSING_NOTE, pii.REOPEN_REASON)
        entries = again.admin.audit_entries(boss)
        voided = next(e for e in entries if e["action"] == "shipment_voided")["details"]
        assert voided == {"reason": pii.VOID_REASON, "requested_by": pii.REQUESTED_BY}
        exported = next(e for e in entries if e["action"] == "personal_data_exported")
        assert exported["details"] == {"reason": OLD_AUDIT_REASON, "rows": 3}
        assert [e["details"] for e in entries if e["action"] == "free_text_encrypted"] == [
            {"shipments": 1, "closings": 1, "audit_rows": 3}]
        assert again.admin.verify_audit(boss).ok
        with again.db.uow() as uow:
            now = uow.conn.exec_driver_sql("select seq, hash from audit_log where seq <= ? "
                                           "order by seq", (len(hashes),)).fetchall()
        assert now == hashes  # the links the server saw are the same links
        again.db.checkpoint()
    finally:
        again.close()
    after, _, _ = pii.scan_tree(settings.data_dir, needles=needles)
    assert after == [], after


def test_a_row_tampered_before_the_upgrade_is_still_caught(app, clerk, manager, settings,
                                                         clock, example_order):
    _old_database(app, clerk, manager, example_order)
    with sqlite3.connect(settings.data_dir / "outlet.db") as c:
        seq = c.execute("select seq from audit_log where action='shipment_voided'").fetchone()[0]
        c.execute("update audit_log set details=? where seq=?",
                  (json.dumps({"reason": "alasan lain sama sekali", "requested_by": "kasir1"}),
                   seq))
    c.close()
    again = open_app(settings, clock)
    try:
        report = again.admin.verify_audit(again.auth.login("manajer", "rahasia-manajer"))
        assert not report.ok and report.first_broken == seq
    finally:
        again.close()


def test_text_of_a_period_already_shredded_is_dropped_not_kept(app, clerk, manager, settings,
                                                               clock, example_order):
    """Text the 0004 app left beside data retention had already shredded (no key to encrypt
    it under any more) is dropped by the upgrade, as retention would have dropped it."""
    start = clock.now
    clock.now = start - timedelta(days=120)
    old = app.booking.book(clerk, example_order).waybill
    with app.db.uow(write=True) as uow:
        uow.conn.exec_driver_sql("update outbox set status='sent', sent_at=created_at")
        uow.commit()
    clock.now = start
    assert app.admin.run_retention(manager, 90).keys_destroyed == 1
    audit_key = app.db.keys.audit_key
    _to_0004(app)
    with sqlite3.connect(settings.data_dir / "outlet.db") as c:
        c.execute("update shipments set void_reason=?, status='void' where waybill=?",
                  (pii.VOID_REASON, old))
        shredded_at = c.execute("select min(at) from audit_log").fetchone()[0]
    c.close()
    _legacy_audit_row(settings.data_dir / "outlet.db", audit_key, OLD_AUDIT_REASON,
                      at=shredded_at[:10] + "T23:59:59.000000+00:00")
    again = open_app(settings, clock)
    try:
        boss = again.auth.login("manajer", "rahasia-manajer")
        assert again.shipments.show(boss, old).void_reason is None
        row = next(e for e in again.admin.audit_entries(boss)
                   if e["action"] == "personal_data_exported")
        assert row["details"] == {"rows": 3}
        assert again.admin.verify_audit(boss).ok
        again.db.checkpoint()
    finally:
        again.close()
    hits, _, _ = pii.scan_tree(settings.data_dir,
                               needles=[*pii.FREE_TEXT_NEEDLES, *pii._needles(["Qvzoldaudit"])])
    assert hits == [], hits
