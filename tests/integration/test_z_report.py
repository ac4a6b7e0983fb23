"""The Z report on the receipt printer: closing the day queues it with the closing, the
spool sends it to a real (virtual, TCP) printer, and the ESC/POS bytes, decoded by the
virtual printer's interpreter, carry the closing's figures in the screen's Indonesian,
within the paper's columns. A printer fault never loses the closing: the job waits and
prints on retry, and a second print is marked CETAK ULANG."""

from __future__ import annotations

import pytest

from outlet_pos.domain.day_figures import DayFigures
from outlet_pos.domain.money import format_rupiah
from outlet_pos.printing.profiles import get_profile
from outlet_pos.printing.virtual.interpreter import transcribe_escpos
from outlet_pos.printing.virtual.server import VirtualPrinter
from outlet_pos.services.closing import Z_COPY
from tests.central_server import free_port
from tests.shipment_factory import book_random


@pytest.fixture
def printer(tmp_path):
    p = VirtualPrinter(tmp_path / "paper", port=0)
    p.start()
    yield p
    p.stop()


def _close(app, manager, clerk, **kw):
    waybills = book_random(app, clerk, 12, seed=5)
    app.shipments.void(manager, waybills[0], "salah input berat", requested_by="kasir1")
    expected = app.closing.totals(manager).cash_expected
    return app.closing.close_day(manager, counted_cash=expected + 5_000,
                                 note="uang kembalian lebih", **kw)


def _paper(job, profile: str) -> list[str]:
    return transcribe_escpos(job.bin_path.read_bytes(), get_profile(profile).width_dots)


@pytest.mark.parametrize("profile", ["generic-58", "generic-80"])
def test_the_z_report_prints_the_closing_in_indonesian(app, manager, clerk, printer, profile):
    app.printing.configure(manager, f"net:127.0.0.1:{printer.port}", profile)
    c = _close(app, manager, clerk)
    day = c.business_date
    # written with the closing, before anything is printed
    (job,) = app.printing.z_report_jobs(day, c.sequence)
    assert (job.copy, job.status, job.reprint) == (Z_COPY, "queued", 0)

    outcome = app.printing.print_z_report(manager, day, c.sequence)
    assert outcome.ok, outcome
    (printed,) = printer.wait_for_jobs(1, timeout=10)
    lines = _paper(printed, profile)
    text = "\n".join(lines)
    columns = get_profile(profile).columns_a
    assert all(len(line) <= columns for line in lines), (columns, lines)

    figures = DayFigures.from_rows(day, app.shipments.list_day(manager, day),
                                   tz=app.outlet.timezone)
    for expected in ("LAPORAN Z: TUTUP HARI", f"{app.outlet.number:05d}-{app.outlet.terminal:02d}",
                     day.strftime("%d-%m-%Y"), "Nomor penutupan", "Ditutup oleh", "manajer",
                     "Kas seharusnya", format_rupiah(c.cash_expected), "Kas dihitung",
                     format_rupiah(c.cash_counted), "Selisih", format_rupiah(5_000),
                     "Pendapatan", format_rupiah(c.revenue), "Tanda tangan manajer",
                     "Catatan: uang kembalian lebih"):
        assert expected in text, (expected, text)
    # totals by payment method, in the screen's words (Tunai, never "cash")
    assert figures.by_payment and {g.name for g in figures.by_payment} <= {"cash", "qris"}
    for g in figures.by_payment:
        name = {"cash": "Tunai", "qris": "QRIS"}[g.name]
        line = next(x for x in lines if x.startswith(f"{name} ({g.count})"))
        assert line.rstrip().endswith(format_rupiah(g.revenue)), line
    assert "cash" not in text.lower().split() and "REPRINT" not in text
    assert "CETAK ULANG" not in text
    closed_line = next(x for x in lines if x.startswith("Nomor penutupan"))
    assert closed_line.rstrip().endswith(str(c.sequence))

    again = app.printing.print_z_report(manager, day, c.sequence)  # a copy, marked so
    assert again.ok and again.reprint == 1
    second = printer.wait_for_jobs(2, timeout=10)[-1]
    assert "CETAK ULANG 1" in "\n".join(_paper(second, profile))


def test_a_printer_fault_keeps_the_closing_and_the_job_prints_on_retry(
        app, manager, clerk, tmp_path):
    port = free_port()  # nothing listens: the printer is off
    app.printing.configure(manager, f"net:127.0.0.1:{port}", "generic-80")
    c = _close(app, manager, clerk)
    failed = app.printing.print_z_report(manager, c.business_date, c.sequence)
    assert not failed.ok and failed.fault == "unreachable"
    assert app.closing.current(manager, c.business_date).sequence == c.sequence
    assert [j.id for j in app.printing.failed()] == [failed.job_id]

    vp = VirtualPrinter(tmp_path / "paper", port=port)  # the printer is switched on
    vp.start()
    try:
        retried = app.printing.print_z_report(manager, c.business_date, c.sequence)
        assert retried.ok and retried.job_id == failed.job_id and retried.reprint == 0
        (job,) = vp.wait_for_jobs(1, timeout=10)
        assert "LAPORAN Z: TUTUP HARI" in "\n".join(_paper(job, "generic-80"))
    finally:
        vp.stop()
    assert app.printing.failed() == []


def test_a_queued_z_report_prints_with_the_pending_jobs(app, manager, clerk, printer):
    """A window killed right after closing left the job queued: the spool sends it later."""
    app.printing.configure(manager, f"net:127.0.0.1:{printer.port}", "generic-80")
    c = _close(app, manager, clerk)
    outcomes = app.printing.run_pending()
    assert [(o.copy, o.ok) for o in outcomes if o.copy == Z_COPY] == [(Z_COPY, True)]
    jobs = printer.wait_for_jobs(1, timeout=10)
    texts = ["\n".join(_paper(j, "generic-80")) for j in jobs]
    assert any("LAPORAN Z" in t and str(c.sequence) in t for t in texts)


def test_the_closing_pdf_is_private_and_outside_the_data_directory(app, manager, clerk,
                                                                   tmp_path, monkeypatch):
    import stat

    from outlet_pos.domain.errors import ValidationError
    from outlet_pos.reports.private_file import EXPORTS_ENV, exports_dir

    c = _close(app, manager, clerk)
    monkeypatch.setenv(EXPORTS_ENV, str(app.settings.data_dir / "exports"))
    with pytest.raises(ValidationError):
        exports_dir(app.settings.data_dir)
    assert not (app.settings.data_dir / "exports").exists()
    monkeypatch.setenv(EXPORTS_ENV, str(tmp_path / "exports"))
    out = exports_dir(app.settings.data_dir)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    path = app.reports.closing_pdf(manager, out, c.business_date, c.sequence)
    assert path.parent == out and path.name == f"penutupan-{c.business_date}-1.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
