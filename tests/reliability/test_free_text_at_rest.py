"""Free text a person types is never at rest in clear, and retention shreds it (issue 16, 3 and 4).

A canary goes into every free-text field of the outlet: the void reason and who asked for
the void, the QRIS reference, the closing note, the reopen reason, the reason of an
unmasked export and a courier's note in a cached tracking answer. Each then goes where the
app takes it (the shipment and closing rows, the audit log, the outbox, the tracking
cache, the daily backup, the logs, the CLI's run) and every file of the data directory is
read as raw bytes, with the WAL full and after checkpoint, looking for each
canary (UTF-8, UTF-16, any case, inside gzip/zlib). The readers must still show the text:
the positive control that the canaries really were stored. Retention must make the text
unreadable for good (its period key destroyed) while the audit chain still verifies.
"""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta

import pytest

from outlet_pos.bootstrap import open_app
from outlet_pos.cli import common
from outlet_pos.cli.main import main
from outlet_pos.sync.errors import SyncError
from tests.conftest import MANAGER, TECH
from tests.reliability import pii


@pytest.fixture
def cli(monkeypatch, capsys):
    """The command line run in this process (a subprocess's start-up would be most of the
    test's time): its output; it must succeed."""
    monkeypatch.setenv("OUTLET_POS_KEYSTORE", "file")

    def run(data, *args: str, user: tuple[str, str] = MANAGER) -> str:
        monkeypatch.setattr(sys, "stdin", io.StringIO(user[1] + "\n"))
        monkeypatch.setattr(common.STDIN, "_lines", None)  # it keeps the first stdin's lines
        capsys.readouterr()
        rc = main([*args, "--data-dir", str(data), "--user", user[0], "--password-stdin"])
        out = capsys.readouterr()
        assert rc == 0, out.err
        return out.out

    return run


def _qris(order: dict) -> dict:
    order["payment"] = {"method": "qris", "reference": pii.PAYMENT_REF}
    return order


def _type_every_free_text(app, clerk, boss, example_order) -> tuple[str, date]:
    """Each free-text field gets its canary through the services: the voided waybill and
    the day closed (twice, reopened between)."""
    kept = app.booking.book(clerk, _qris(example_order)).waybill
    voided = app.booking.book(clerk, _qris(example_order)).waybill
    app.shipments.void(boss, voided, pii.VOID_REASON, requested_by=pii.REQUESTED_BY)
    app.reports.export_csv(boss, io.StringIO(), unmasked=True, reason=pii.EXPORT_REASON,
                           password="rahasia-manajer")
    day = app.closing.close_day(boss, 0, note=pii.CLOSING_NOTE).business_date
    app.closing.reopen(boss, day, pii.REOPEN_REASON)
    app.closing.close_day(boss, 0, day, note=pii.CLOSING_NOTE)
    assert app.shipments.show(boss, kept).payment_ref == pii.PAYMENT_REF
    with app.db.uow(write=True) as uow:  # what the worker keeps of a live tracking answer
        uow.tracking.put(voided, [{"status": "DELIVERED", "at": "2026-11-26T09:00:00Z",
                                   "note": pii.TRACKING_NOTE, "location": "Jakarta"}],
                         app.db.clock())
        uow.commit()
    return voided, day


def _tracking_note(app, waybill) -> str | None:
    """The note as the Track page shows it offline (this outlet is not enrolled)."""
    try:
        history, _at, live = app.sync.track(waybill)
    except SyncError:  # nothing cached (shredded): the page says it cannot ask the server
        return None
    assert not live
    return history[0]["note"]


def _shown(app, boss, waybill, day) -> dict[str, str | None]:
    """What the readers show of each free-text field (None where it is gone)."""
    s = app.shipments.show(boss, waybill)
    closings = app.closing.history(boss, day)
    reopened = [c for c in closings if c.reopened_at]
    audit = {e["action"]: e["details"] for e in app.admin.audit_entries(boss)}
    return {
        "void reason": s.void_reason,
        "requested by": audit["shipment_voided"].get("requested_by"),
        "payment reference": s.payment_ref,
        "closing note": closings[-1].note,
        "reopen reason": reopened[0].reopen_reason if reopened else None,
        "export reason": audit["personal_data_exported"].get("reason"),
        "tracking note": _tracking_note(app, waybill),
        "void reason (audit)": audit["shipment_voided"].get("reason"),
        "reopen reason (audit)": audit["day_reopened"].get("reason"),
    }


def test_free_text_never_reaches_a_file_in_clear(app, clerk, manager, settings, cli,
                                                 example_order, figures):
    figures.describe("a canary typed into every free-text field (void reason, requested by, "
                     "QRIS reference, closing note, reopen reason, export reason, a "
                     "courier's tracking note); every file of the data directory searched "
                     "for them, with the WAL full and after checkpoint; the app still shows "
                     "each one")
    data = settings.data_dir
    voided, day = _type_every_free_text(app, clerk, manager, example_order)
    app.backup.backup()  # the daily backup, in <data dir>/backups
    # The CLI (its own app and log): the void's details shown there, the day reopened and
    # closed once more; below, the audit listing read by the manager and, masked, by a
    # technician.
    assert pii.VOID_REASON in cli(data, "shipments", "show", voided)
    cli(data, "reopen-day", "--date", day.isoformat(), "--reason", pii.REOPEN_REASON)
    cli(data, "close-day", "--date", day.isoformat(), "--counted-cash", "0", "--note",
        pii.CLOSING_NOTE, "--no-print")
    assert len(app.closing.history(manager, day)) == 3

    assert (data / "outlet.db-wal").stat().st_size > 0
    open_hits, files, size = pii.scan_tree_in_child(data, needles=pii.FREE_TEXT_NEEDLES)
    assert open_hits == [], open_hits

    shown = _shown(app, manager, voided, day)
    expected = {**pii.FREE_TEXT, "void reason (audit)": pii.VOID_REASON,
                "reopen reason (audit)": pii.REOPEN_REASON}
    assert shown == expected
    listed = cli(data, "audit", "list", "--action", "shipment_voided")
    assert pii.VOID_REASON in listed and pii.REQUESTED_BY in listed
    listed = cli(data, "audit", "list", "--action", "shipment_voided", user=TECH)
    assert "Kwzrvoid" not in listed and "reason=•••" in listed
    # Reading the text is audited (the readers above and the CLI's), the masked read is not.
    reads = app.admin.audit_entries(manager, "audit_read")
    assert [(e["actor"], e["subject"]) for e in reads] == [("manajer", None),
                                                          ("manajer", "shipment_voided")]
    assert app.admin.verify_audit(manager).ok
    app.db.checkpoint()
    app.close()
    hits, _, _ = pii.scan_tree(data, needles=pii.FREE_TEXT_NEEDLES)
    figures.runs, figures.faults = 2, len(pii.FREE_TEXT_TOKENS)
    figures.leaks = len(open_hits) + len(hits)
    figures.detail = {"files scanned": files, "bytes scanned": size}
    assert open_hits == [], open_hits
    assert hits == [], hits


def test_retention_shreds_the_free_text(app, clerk, manager, clock, settings, example_order,
                                        figures):
    figures.describe("free text typed 120 days ago is unreadable after a 90-day retention "
                     "run (its period key destroyed), the audit chain still verifies, and "
                     "text of this month stays readable")
    start = clock.now
    clock.now = start - timedelta(days=120)
    old, old_day = _type_every_free_text(app, clerk, manager, example_order)
    with app.db.uow(write=True) as uow:  # everything reached the server
        uow.conn.exec_driver_sql("update outbox set status='sent', sent_at=created_at")
        uow.commit()
    clock.now = start
    recent = app.booking.book(clerk, _qris(example_order)).waybill
    app.shipments.void(manager, recent, "salah input berat paket")

    result = app.admin.run_retention(manager, 90)
    assert result.keys_destroyed >= 1
    s = app.shipments.show(manager, old)
    assert (s.void_reason, s.payment_ref) == (None, None)
    assert _tracking_note(app, old) is None  # the cached answer went with its month
    closings = app.closing.history(manager, old_day)
    assert [(c.note, c.reopen_reason) for c in closings] == [(None, None), (None, None)]
    entries = app.admin.audit_entries(manager)
    typed = [e for e in entries if e["at"] < start.isoformat()[:10]
             and e["action"] in ("shipment_voided", "personal_data_exported", "day_reopened")]
    assert len(typed) == 3
    assert all("reason" not in e["details"] and "requested_by" not in e["details"]
               for e in typed), typed
    # Figures survive; so does the chain, sealed over the ciphertext.
    assert s.status == "void" and s.total > 0
    assert app.admin.verify_audit(manager).ok
    assert app.shipments.show(manager, recent).void_reason == "salah input berat paket"
    assert app.shipments.show(manager, recent).payment_ref == pii.PAYMENT_REF
    # What the old month's key covered cannot come back: reopened with fresh keys loaded.
    app.close()
    again = open_app(settings, clock)
    try:
        boss = again.auth.login("manajer", "rahasia-manajer")
        assert again.shipments.show(boss, old).void_reason is None
        assert again.admin.verify_audit(boss).ok
    finally:
        again.close()
    figures.runs, figures.faults = 1, len(pii.FREE_TEXT)
