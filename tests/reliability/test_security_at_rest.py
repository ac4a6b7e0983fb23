"""No plaintext personal data at rest, whatever path the data took.

Canary customers (tests/reliability/pii.py) are booked through the service and
through the real CLI, looked up, shown, printed on the virtual thermal printer,
written as PDF and CSV on request, voided and synced to a real central server,
with TMPDIR pointing at a directory of the test. Then every file of the data
directory (database, WAL, SHM, keys, logs, anything a backup leaves there), every
temporary file and the central server's directory are read as raw bytes and
searched for the canaries in UTF-8, UTF-16 LE/BE, any case, and inside gzip/zlib
streams. The printed paper is the positive control: the same search finds the
recipient there, so a search that finds nothing elsewhere is a real result.
"""

from __future__ import annotations

import io
import json
import tempfile

import pytest

from outlet_pos.domain.waybill_document import Copy
from outlet_pos.printing.virtual.server import VirtualPrinter
from tests.central_server import CentralServer
from tests.conftest import open_today_for_the_cli
from tests.integration.test_cli import run
from tests.reliability import pii
from tests.sync_fixtures import enroll, server_shipments


@pytest.fixture
def tmpdir_for_test(tmp_path, monkeypatch):
    """TMPDIR (and Python's tempfile) of this process and its children: a test directory."""
    d = tmp_path / "tmp"
    d.mkdir()
    monkeypatch.setenv("TMPDIR", str(d))
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


def _cli(data, *args, password="rahasia-kasir", user="kasir1"):
    p = run(data, *args, "--user", user, "--password-stdin", stdin=password + "\n")
    assert p.returncode == 0, p.stderr
    return p


def test_canaries_never_reach_any_file_in_clear(app, settings, tmp_path, tmpdir_for_test,
                                                example_order, figures):
    figures.describe("canary customers booked (service and CLI), printed, exported, voided "
                     "and synced; every file of the data directory, TMPDIR and the server "
                     "searched for them (UTF-8, UTF-16, any case, inside gzip/zlib)")
    data = settings.data_dir
    clerk = app.auth.login("kasir1", "rahasia-kasir")
    boss = app.auth.login("manajer", "rahasia-manajer")
    paper = tmp_path / "paper"
    vp = VirtualPrinter(paper, port=0, width_dots=576)
    vp.start()
    srv = CentralServer(tmp_path / "central").start()
    out = tmp_path / "exports"  # where a user deliberately writes personal data
    out.mkdir()
    try:
        app.printing.configure(boss, f"net:127.0.0.1:{vp.port}", "generic-80")
        enroll(app, srv, boss)
        # Through the service: book and print, look up, show, export, void.
        a = app.booking.book(clerk, pii.canary_order(example_order), print_copies=["label",
                                                                                  "receipt"])
        assert all(o.ok for o in app.printing.run_pending())
        b = app.booking.book(clerk, pii.canary_order(example_order, swap=True))
        assert app.shipments.find_customer(clerk, pii.SENDER_PHONE)
        assert app.shipments.show(clerk, b.waybill).sender.name == pii.RECIPIENT_NAME
        app.shipments.day_waybills_for_phone(clerk, pii.RECIPIENT_PHONE,
                                             app.booking.business_date())
        app.printing.export_pdf(clerk, a.waybill, [Copy.LABEL, Copy.RECEIPT], out / "a.pdf")
        app.printing.print_waybill(clerk, a.waybill, [Copy.LABEL])  # a reprint
        app.reports.export_csv(boss, io.StringIO())
        with (out / "day.csv").open("w", encoding="utf-8") as f:
            app.reports.export_csv(boss, f, unmasked=True, reason="permintaan polisi 7/XI/2026",
                                   password="rahasia-manajer")
        app.shipments.void(boss, b.waybill, "pelanggan batal kirim")
        app.backup.backup()  # the daily backup, in <data dir>/backups
        app.backup.backup_portable(boss, tmp_path / "portable" / "pindah.bak",  # a manager's
                                   "frasa sandi teknisi 2026")

        # Through the CLI, in other processes with the same TMPDIR.
        open_today_for_the_cli(app)
        order_file = tmp_path / "input" / "order.json"
        order_file.parent.mkdir()
        order_file.write_text(json.dumps(pii.canary_order(example_order)), encoding="utf-8")
        booked = json.loads(_cli(data, "book", "--json", str(order_file), "--output",
                                 "json").stdout)
        c = booked[0]["waybill"] if isinstance(booked, list) else booked["waybill"]
        _cli(data, "customer", "find", pii.RECIPIENT_PHONE)
        _cli(data, "shipments", "show", c)
        _cli(data, "print", c, "--copy", "label")
        _cli(data, "print", c, "--pdf", str(out / "c.pdf"))
        _cli(data, "backup", user="manajer", password="rahasia-manajer")
        order_file.unlink()

        # Everything goes to the server.
        report = app.sync.sync_once(reference=True)
        assert report.error is None and app.sync.status().queue_depth == 0
        got = {s["waybill"]: s for s in server_shipments(srv)}
        assert got[c]["recipient"]["name"] == pii.RECIPIENT_NAME  # it really travelled

        assert vp.wait_for_jobs(4, timeout=10)
        scanned_open = pii.scan_tree_in_child(data, tmpdir_for_test)
        wal, shm = data / "outlet.db-wal", data / "outlet.db-shm"
        assert wal.stat().st_size > 0 and shm.exists()  # scanned while the log is full
    finally:
        vp.stop()
        srv.stop()
    app.db.checkpoint()
    app.close()
    backups = sorted((data / "backups").glob("*"))
    assert len(backups) >= 2, backups  # the service's and the CLI's
    hits, files, size = pii.scan_tree(data, tmpdir_for_test, tmp_path / "central",
                                      tmp_path / "portable")
    control, _, _ = pii.scan_tree(paper)
    print(f"\nscanned {files} files, {size} bytes; tmp files: "
          f"{[str(p.relative_to(tmpdir_for_test)) for p in tmpdir_for_test.rglob('*')]}; "
          f"control hits on paper: {len(control)}")
    figures.runs = 2  # scans: with the WAL full, and after checkpoint and close
    figures.faults = len(pii.TOKENS)  # canary values looked for
    figures.leaks = len(hits) + len(scanned_open[0])
    figures.detail = {"files scanned": files, "bytes scanned": size, "backups": len(backups),
                      "canary hits on the printed paper (control)": len(control)}
    assert any("qwixl" in h for h in control), "the detector does not see printed canaries"
    assert scanned_open[0] == [], scanned_open[0]
    assert hits == [], hits
    srv.engine.dispose()


def test_a_validation_failure_leaves_no_trace_on_disk(app, clerk, settings, tmpdir_for_test,
                                                      example_order, figures):
    """A refused order (bad postal code) with canary data: nothing of it is written."""
    from outlet_pos.domain.errors import ValidationError

    bad = pii.canary_order(example_order)
    bad["recipient"]["address"]["postal_code"] = "99999"
    bad["sender"]["phone"] = pii.SENDER_PHONE + "999999"
    for _ in range(3):
        with pytest.raises(ValidationError):
            app.booking.book(clerk, bad)
    order_file = tmpdir_for_test.parent / "order.json"
    order_file.write_text(json.dumps(bad), encoding="utf-8")
    p = run(settings.data_dir, "book", "--json", str(order_file), "--user", "kasir1",
            "--password-stdin", stdin="rahasia-kasir\n")
    assert p.returncode == 2 and "postal_code" in p.stderr
    assert pii.pii_in_text(p.stderr + p.stdout) == []
    app.db.checkpoint()
    hits, files, _ = pii.scan_tree_in_child(settings.data_dir, tmpdir_for_test)
    figures.describe("refused canary orders (service and CLI) leave nothing on disk or in "
                     "the CLI's output")
    figures.runs, figures.faults = 4, 4
    figures.leaks = len(hits)
    assert hits == [] and files >= 3
