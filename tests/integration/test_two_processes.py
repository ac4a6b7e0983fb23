"""Two apps on one data directory (the GUI and a CLI command): keys stay in step."""

from __future__ import annotations

import pytest

from tests.conftest import CLERK, MANAGER
from tests.soak import SOAK


def test_shipment_keyed_by_another_process_is_readable(app, clerk, example_order, reopen,
                                                       clock):
    other = reopen()
    clock.advance(days=40)  # a new month: the other process creates that month's data key
    waybill = other.booking.book(other.auth.login(*CLERK), example_order).waybill
    assert app.shipments.show(clerk, waybill).recipient.name == "Budi Santoso"


def test_rotation_elsewhere_does_not_strand_new_keys(app, clerk, example_order, reopen,
                                                     clock):
    other = reopen()
    other.admin.rotate_keys(other.auth.login(*MANAGER))
    clock.advance(days=40)
    waybill = app.booking.book(clerk, example_order).waybill  # new month key, wrapped here
    app.close()
    fresh = reopen()
    s = fresh.auth.login(*CLERK)
    assert fresh.shipments.show(s, waybill).recipient.name == "Budi Santoso"
    fresh.cash.carry_over(fresh.auth.login(*MANAGER), fresh.outlet.business_date(clock()),
                          "uji dua proses")  # the next day opens with this one not closed
    clock.advance(days=1)
    assert fresh.booking.book(s, example_order).waybill


def test_rotation_elsewhere_then_rotation_here(app, manager, reopen):
    other = reopen()
    other.admin.rotate_keys(other.auth.login(*MANAGER))
    app.admin.rotate_keys(manager)
    app.close()
    assert reopen().admin.verify_audit(manager).ok




# ---------------------------------------------------------------- the window beside the CLI
# This process plays the counter window: one App whose pooled connection stays open, as the
# GUI's does. The other process is the real ``outlet-pos`` command, started afresh each time.
# `make soak`: 100 writes here and 100 there, alternately, 200 writes (167 s here); the
# quick mode of `make test` does 12 and 12, which already crosses every step below (the
# technician's commands come at the sixth).
ROUNDS = 100 if SOAK else 12


def _cli(data_dir, *args: str, stdin: str = ""):
    import os
    import subprocess
    import sys

    env = {**os.environ, "OUTLET_POS_KEYSTORE": "file", "PYTHONIOENCODING": "utf-8",
           "OUTLET_POS_LANG": "en"}
    p = subprocess.run([sys.executable, "-m", "outlet_pos.cli.main", *args, "--data-dir",
                        str(data_dir)], input=stdin, capture_output=True, text=True, env=env,
                       timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def _order(example_order, n: int, who: str) -> dict:
    order = {**example_order, "parcel": {**example_order["parcel"]}}
    order["parcel"]["weight_kg"] = f"{1 + n / 1000:.3f}"  # a parcel of its own each time
    order["parcel"]["description"] = f"Paket {who} {n}"
    return order


def _wal_inode(db_path) -> int | None:
    import os

    try:
        return os.stat(str(db_path) + "-wal").st_ino
    except FileNotFoundError:
        return None


def test_plain_file_read_in_the_windows_process_loses_the_wal(app, clerk, example_order,
                                                              settings):
    """The hazard the guard below catches: the old demo's in-process read of outlet.db
    dropped SQLite's locks, and the next command beside the window deleted the WAL."""
    app.booking.book(clerk, _order(example_order, 0, "jendela"))
    assert _wal_inode(app.db.path) is not None
    app.db.path.read_bytes()  # what the demo did (never do this)
    assert _cli(settings.data_dir, "shipments", "list", "--user", CLERK[0],
                "--password-stdin", stdin=CLERK[1] + "\n").returncode == 0
    assert _wal_inode(app.db.path) is None


@pytest.mark.slow
def test_window_and_cli_write_alternately_and_see_each_other(app, example_order, settings,
                                                             tmp_path):
    import json

    from outlet_pos.bootstrap import open_app
    from outlet_pos.cli.demo import count_in_files
    from outlet_pos.domain.waybill import parse_waybill

    window = open_app(settings)  # the real clock, like the CLI's
    try:
        session = window.auth.login(*CLERK)
        window.booking.book(session, _order(example_order, 0, "jendela"))
        wal = _wal_inode(window.db.path)
        assert wal is not None
        mine, theirs, days = [], [], set()
        book = tmp_path / "order.json"
        for n in range(1, ROUNDS + 1):
            w = window.booking.book(session, _order(example_order, n, "jendela")).waybill
            mine.append(w)
            days.add(window.outlet.business_date(window.db.clock()))
            # The demo's "not in the file" check, done the safe way, between the writes.
            assert count_in_files([window.db.path], "Budi Santoso") == 0
            book.write_text(json.dumps(_order(example_order, n, "cli")))
            p = _cli(settings.data_dir, "book", "--json", str(book), "--output", "json",
                     "--user", CLERK[0], "--password-stdin", stdin=CLERK[1] + "\n")
            assert p.returncode == 0, p.stderr
            cli_w = json.loads(p.stdout)[0]["waybill"]
            theirs.append(cli_w)
            days.add(window.outlet.business_date(window.db.clock()))
            # The CLI numbered its parcel right after the window's: it saw that write.
            assert parse_waybill(cli_w).sequence == parse_waybill(w).sequence + 1
            # And the window sees the CLI's write at once.
            seen = window.shipments.show(session, cli_w)
            assert (seen.description, seen.weight_g) == (f"Paket cli {n}", 1000 + n)
            assert _wal_inode(window.db.path) == wal, f"the WAL went away after round {n}"
            if n in (ROUNDS // 2,):  # the technician's commands beside the window, too
                _cli(settings.data_dir, "doctor")
                assert _cli(settings.data_dir, "backup", "--to",
                            str(tmp_path / "b.opbk")).returncode == 0
                assert _wal_inode(window.db.path) == wal
        listed: set[str] = set()
        for day in days:
            p = _cli(settings.data_dir, "shipments", "list", "--json", "--date",
                     day.isoformat(), "--user", CLERK[0], "--password-stdin",
                     stdin=CLERK[1] + "\n")
            assert p.returncode == 0, p.stderr
            listed |= {r["waybill"] for r in json.loads(p.stdout)}
        seen_here = {r.waybill for day in days for r in window.shipments.list_day(session, day)}
        assert set(mine) | set(theirs) <= listed
        assert set(mine) | set(theirs) <= seen_here
        assert len(set(mine) | set(theirs)) == 2 * ROUNDS
        assert _wal_inode(window.db.path) == wal
    finally:
        window.close()
