"""The end-of-day closing: figures, cash expected against counted, one per day, the event."""

from __future__ import annotations

import pytest

from outlet_pos.domain.errors import ValidationError
from tests.integration.test_cli import run
from tests.shipment_factory import book_random
from tests.sync_fixtures import pending_bodies

MANAGER = ("manajer", "rahasia-manajer")


def test_closing_counts_the_day_and_queues_one_event(app):
    boss = app.auth.login(*MANAGER)
    waybills = book_random(app, boss, 20, seed=4)
    app.shipments.void(boss, waybills[0], "salah timbang")
    rows = [r for r in app.shipments.list_day(boss, app.outlet.business_date(app.db.clock()))
            if r.status != "void"]
    cash = sum(r.total for r in rows if r.payment_method == "cash")
    with pytest.raises(ValidationError) as e:  # a difference needs a note
        app.closing.close_day(boss, counted_cash=cash - 500)
    assert e.value.fields == ["note"]
    c = app.closing.close_day(boss, counted_cash=cash - 500, note="uang kembalian kurang")
    assert (c.sequence, c.shipments, c.voided) == (1, 19, 1)
    assert c.revenue == sum(r.total for r in rows) and c.cash_expected == cash
    assert c.difference == -500
    closed = [b for k, b in pending_bodies(app).values() if k == "day.closed"]
    assert len(closed) == 1 and closed[0]["difference"] == -500 and closed[0]["sequence"] == 1
    with pytest.raises(ValidationError):
        app.closing.close_day(boss, counted_cash=cash)
    with pytest.raises(ValidationError):
        app.closing.close_day(boss, counted_cash=-1)


def test_close_day_from_the_command_line(tmp_path):
    d = tmp_path / "data"
    run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
        "--password-stdin", stdin="rahasia-manajer\n")
    p = run(d, "close-day", "--counted-cash", "Rp 0", "--user", "manajer", "--password-stdin",
            stdin="rahasia-manajer\n")
    assert p.returncode == 0 and "closing 1 of" in p.stdout, p.stderr
    p = run(d, "close-day", "--counted-cash", "lima", "--user", "manajer", "--password-stdin",
            stdin="rahasia-manajer\n")
    assert p.returncode == 2 and "counted_cash" in p.stderr


def test_close_day_from_the_command_line_prints_the_z_report_and_saves_the_pdf(tmp_path):
    from outlet_pos.printing.profiles import get_profile
    from outlet_pos.printing.virtual.interpreter import transcribe_escpos
    from outlet_pos.printing.virtual.server import VirtualPrinter

    d = tmp_path / "data"
    run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
        "--password-stdin", stdin="rahasia-manajer\n")
    # inside the data directory: refused before anything is closed
    p = run(d, "close-day", "--counted-cash", "0", "--pdf", str(d / "laporan"), "--user",
            "manajer", "--password-stdin", stdin="rahasia-manajer\n")
    assert p.returncode == 2 and "data" in p.stderr, p.stderr
    vp = VirtualPrinter(tmp_path / "paper", port=0)
    vp.start()
    try:
        p = run(d, "printer", "use", f"net:127.0.0.1:{vp.port}", "--profile", "generic-58",
                "--user", "manajer", "--password-stdin", stdin="rahasia-manajer\n")
        assert p.returncode == 0, p.stderr
        out = tmp_path / "ekspor"
        p = run(d, "close-day", "--counted-cash", "0", "--pdf", str(out), "--user", "manajer",
                "--password-stdin", stdin="rahasia-manajer\n", lang="id")
        assert p.returncode == 0, p.stderr
        assert "Laporan Z tercetak." in p.stdout and "penutupan-" in p.stdout, p.stdout
        (job,) = vp.wait_for_jobs(1, timeout=10)
        text = "\n".join(transcribe_escpos(job.bin_path.read_bytes(),
                                           get_profile("generic-58").width_dots))
        assert "LAPORAN Z: TUTUP HARI" in text and "Nomor penutupan" in text
        (pdf,) = out.glob("penutupan-*-1.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
    finally:
        vp.stop()


def test_close_day_with_the_printer_off_keeps_the_closing_and_says_how_to_retry(tmp_path):
    from tests.central_server import free_port

    d = tmp_path / "data"
    run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
        "--password-stdin", stdin="rahasia-manajer\n")
    run(d, "printer", "use", f"net:127.0.0.1:{free_port()}", "--profile", "generic-80",
        "--user", "manajer", "--password-stdin", stdin="rahasia-manajer\n")
    p = run(d, "close-day", "--counted-cash", "0", "--user", "manajer", "--password-stdin",
            stdin="rahasia-manajer\n")
    assert p.returncode == 0 and "closing 1 of" in p.stdout, p.stderr
    assert "Z report NOT printed" in p.stderr and "printer retry 1" in p.stderr
    p = run(d, "printer", "jobs", "--user", "manajer", "--password-stdin",
            stdin="rahasia-manajer\n")
    assert "zreport" in p.stdout and "failed" in p.stdout, p.stdout
