"""Retention shreds old personal data; canary bytes never reach the disk in clear."""

from __future__ import annotations

import copy
import sqlite3
from datetime import timedelta
from pathlib import Path

from outlet_pos.cli.main import main

CANARY_NAME = "Kanari Zqxjv Wibowo"
CANARY_PHONE = "081299887766"
CANARY_PHONE_E164 = "+6281299887766"
CANARY_STREET = "Jl. Kanari Qqzzx No. 77"


def _mark_all_sent(app) -> None:
    with sqlite3.connect(app.db.path) as c:
        c.execute("update outbox set status='sent', sent_at='2026-01-01T00:00:00+00:00'")


def _canaries() -> list[bytes]:
    out = []
    for s in (CANARY_NAME, CANARY_PHONE, CANARY_PHONE_E164, CANARY_STREET, "Zqxjv", "Qqzzx"):
        out += [s.encode("utf-8"), s.encode("utf-16-le")]
    return out


def _scan(root: Path) -> list[str]:
    hits = []
    for p in root.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            hits += [f"{p.name}: {c!r}" for c in _canaries() if c in data]
    return hits


def _book_canary(app, session, order):
    order = copy.deepcopy(order)
    order["recipient"].update(name=CANARY_NAME, phone=CANARY_PHONE)
    order["recipient"]["address"]["street"] = CANARY_STREET
    return app.booking.book(session, order)


def test_canary_never_on_disk_in_clear(app, clerk, manager, example_order, settings, capsys):
    b = _book_canary(app, clerk, example_order)
    app.shipments.show(clerk, b.waybill)
    app.shipments.find_customer(clerk, CANARY_PHONE)
    app.shipments.void(manager, b.waybill, "uji kanari")
    # The CLI too (its logs, its error paths): a lookup and a bad booking.
    pw = "rahasia-kasir\n"
    import io
    import sys

    old = sys.stdin
    try:
        sys.stdin = io.StringIO(pw)
        main(["customer", "find", CANARY_PHONE, "--data-dir", str(settings.data_dir),
              "--user", "kasir1", "--password-stdin"])
    finally:
        sys.stdin = old
    capsys.readouterr()
    # Scanned while the app is open, so the WAL still holds the recent pages.
    assert (settings.data_dir / "outlet.db-wal").stat().st_size > 0
    assert _scan(settings.data_dir) == []
    app.db.checkpoint()
    assert _scan(settings.data_dir) == []


def test_retention_shreds_synced_old_data_and_keeps_figures(app, clerk, manager, clock,
                                                            example_order, settings):
    start = clock.now
    clock.now = start - timedelta(days=120)
    old = _book_canary(app, clerk, example_order)
    app.cash.carry_over(manager, app.outlet.business_date(clock()), "uji retensi")
    unsynced_clock = start - timedelta(days=100)
    _mark_all_sent(app)
    clock.now = unsynced_clock
    held = app.booking.book(clerk, example_order)  # old, but never reached the server
    app.cash.carry_over(manager, app.outlet.business_date(clock()), "uji retensi")
    clock.now = start
    recent = app.booking.book(clerk, example_order)

    result = app.admin.run_retention(manager, 90)
    assert (result.shipments_shredded, result.held_unsynced) == (1, 1)
    s = app.shipments.show(manager, old.waybill)
    assert s.sender is None and s.recipient is None and s.description is None
    assert s.total == old.total and s.weight_g == 1310 and s.service == "REG"
    assert app.shipments.show(manager, held.waybill).recipient is not None
    assert app.shipments.show(manager, recent.waybill).recipient is not None
    assert app.shipments.find_customer(manager, CANARY_PHONE) == []
    # The period key of the old month covered only shredded data: it is gone.
    assert result.keys_destroyed == 1
    with sqlite3.connect(app.db.path) as c:
        destroyed = c.execute("select count(*) from data_keys where state='destroyed' "
                              "and wrapped is null").fetchone()[0]
    assert destroyed == 1
    assert _scan(settings.data_dir) == []


def test_retention_after_sync_of_the_held_one(app, clerk, manager, clock, example_order):
    start = clock.now
    clock.now = start - timedelta(days=100)
    b = app.booking.book(clerk, example_order)
    clock.now = start
    assert app.admin.run_retention(manager, 90).held_unsynced == 1
    _mark_all_sent(app)
    r = app.admin.run_retention(manager, 90)
    assert (r.shipments_shredded, r.held_unsynced) == (1, 0)
    assert app.shipments.show(manager, b.waybill).recipient is None
