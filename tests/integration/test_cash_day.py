"""The drawer's cash over a day: an opening float, cash in and out with a reason, the count.

The closing expects the float plus cash sales plus cash in minus cash out; the Z report on
paper (the virtual printer's bytes) and in the PDF (read back with pdftotext) show the
float, each movement, the count by note and coin, and the voids. Every movement is audited
and queued for the server, and its reason is never stored in clear. A day not closed keeps
the next one from opening until a manager closes it or carries it over.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.money import format_rupiah
from outlet_pos.domain.roles import NotAllowed
from outlet_pos.printing.profiles import get_profile
from outlet_pos.printing.virtual.interpreter import transcribe_escpos
from outlet_pos.printing.virtual.server import VirtualPrinter
from outlet_pos.services.cash import DayNotClosed
from tests.integration.test_cli import run
from tests.shipment_factory import book_random
from tests.sync_fixtures import pending_bodies

REASON_IN = "tambahan uang kecil dari brankas"
REASON_OUT = "beli lakban dan plastik"


def _day_with_cash(app, manager, clerk):
    app.cash.record(clerk, "float", 200_000)
    waybills = book_random(app, clerk, 8, seed=21)
    app.shipments.void(manager, waybills[0], "salah input berat", requested_by="kasir1")
    app.cash.record(clerk, "in", "50.000", REASON_IN)
    app.cash.record(manager, "out", 12_500, REASON_OUT)
    return waybills


def test_the_closing_expects_float_plus_sales_plus_in_minus_out(app, manager, clerk):
    _day_with_cash(app, manager, clerk)
    t = app.closing.totals(manager)
    assert (t.float, t.cash_in, t.cash_out) == (200_000, 50_000, 12_500)
    assert t.cash_expected == t.cash_sales + 200_000 + 50_000 - 12_500
    c = app.closing.close_day(manager, counted_cash=t.cash_expected)
    assert c.difference == 0 and c.cash_expected == t.cash_expected
    moved = [b for k, b in pending_bodies(app).values() if k == "cash.moved"]
    assert [(b["kind"], b["amount"]) for b in moved] == [
        ("float", 200_000), ("in", 50_000), ("out", 12_500)]
    assert {b.get("reason") for b in moved} == {None, REASON_IN, REASON_OUT}
    closed = [b for k, b in pending_bodies(app).values() if k == "day.closed"]
    assert (closed[0]["float"], closed[0]["cash_in"], closed[0]["cash_out"]) == (
        200_000, 50_000, 12_500)
    with app.db.uow() as uow:
        actions = [r["action"] for r in uow.conn.exec_driver_sql(
            "SELECT action FROM audit_log").mappings()]
    assert {"cash_float", "cash_in", "cash_out"} <= set(actions)


def test_mistakes_are_named_and_change_nothing(app, manager, clerk):
    for kind, amount, reason, field in (("in", 50_000, None, "reason"),
                                        ("out", 1_000, "ok", "reason"),
                                        ("in", 0, REASON_IN, "amount"),
                                        ("in", "lima puluh", REASON_IN, "amount"),
                                        ("in", 10**13, REASON_IN, "amount"),
                                        ("out", 1_000, REASON_OUT, "amount"),  # drawer empty
                                        ("tip", 1_000, REASON_IN, "kind")):
        with pytest.raises(ValidationError) as e:
            app.cash.record(clerk, kind, amount, reason)
        assert e.value.fields == [field], (kind, amount)
    app.cash.record(clerk, "float", 100_000)
    with pytest.raises(ValidationError) as e:
        app.cash.record(manager, "float", 100_000)  # once a day
    assert e.value.fields == ["amount"]
    assert [m.kind for m in app.cash.day(clerk).movements] == ["float"]
    with pytest.raises(ValidationError):
        app.cash.record(clerk, "out", 100_001, REASON_OUT)  # more than the drawer holds


def test_the_z_report_on_paper_and_in_the_pdf_lists_float_movements_count_and_voids(
        app, manager, clerk, tmp_path):
    waybills = _day_with_cash(app, manager, clerk)
    expected = app.closing.totals(manager).cash_expected
    counts = {100_000: 2, 50_000: 1}
    rest = expected - 250_000
    counts[500] = rest // 500
    counted = sum(f * n for f, n in counts.items())
    c = app.closing.close_day(manager, counted_cash=counted, denominations=counts,
                              note="selisih recehan" if counted != expected else None)
    vp = VirtualPrinter(tmp_path / "paper", port=0)
    vp.start()
    try:
        app.printing.configure(manager, f"net:127.0.0.1:{vp.port}", "generic-80")
        app.printing.run_pending()
        (job,) = vp.wait_for_jobs(1)
        paper = "\n".join(transcribe_escpos(job.bin_path.read_bytes(),
                                            get_profile("generic-80").width_dots))
    finally:
        vp.stop()
    for words in ("Kas awal", "Kas masuk", "Kas keluar", format_rupiah(200_000),
                  format_rupiah(50_000), format_rupiah(12_500), REASON_OUT, waybills[0],
                  "Rp 100.000 x 2"):
        assert words in paper, words
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed: run tools/ensure_poppler.sh")
    pdf = app.reports.closing_pdf(manager, tmp_path, c.business_date, c.sequence)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for words in ("Kas awal", format_rupiah(200_000), "Kas masuk", format_rupiah(50_000),
                  "Kas keluar", format_rupiah(12_500), REASON_IN, REASON_OUT, waybills[0],
                  format_rupiah(expected)):
        assert words in text, words


def test_the_reasons_are_not_stored_in_clear(app, manager, clerk, settings):
    _day_with_cash(app, manager, clerk)
    app.close()  # the file is read only once no connection holds it
    raw = b"".join(p.read_bytes() for p in settings.data_dir.glob("outlet.db*"))
    assert REASON_IN.encode() not in raw and REASON_OUT.encode() not in raw


def test_an_unclosed_day_keeps_the_next_from_opening_until_closed_or_carried_over(
        app, manager, clerk, clock, example_order):
    first = app.outlet.business_date(clock())
    book_random(app, clerk, 2, seed=3)
    clock.advance(days=1)
    with pytest.raises(DayNotClosed) as e:
        app.booking.book(clerk, example_order)
    assert e.value.day == first and e.value.fields == ["date"]
    assert app.cash.unclosed_day(clerk) == first
    with pytest.raises(DayNotClosed):
        app.cash.record(clerk, "float", 100_000)
    with pytest.raises(NotAllowed):
        app.cash.carry_over(clerk, first, "manajer belum datang")  # a manager's decision
    app.cash.carry_over(manager, first, "listrik padam, hitung besok pagi")
    app.booking.book(clerk, example_order)  # the counter works again
    assert app.cash.unclosed_day(clerk) is None
    with pytest.raises(DayNotClosed) as e:  # closings stay in order
        app.closing.close_day(manager, counted_cash=0)
    assert e.value.day == first
    app.closing.close_day(manager, counted_cash=app.closing.totals(manager, first)
                          .cash_expected, day=first)
    second = app.closing.close_day(manager, counted_cash=app.closing.totals(manager)
                                   .cash_expected)
    assert second.business_date > first


def test_the_cash_commands(tmp_path):
    d = tmp_path / "data"
    pw = "rahasia-manajer\n"
    run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
        "--password-stdin", stdin=pw)
    auth = ("--user", "manajer", "--password-stdin")
    p = run(d, "cash", "float", "Rp 150.000", *auth, stdin=pw)
    assert p.returncode == 0 and "Rp 150.000" in p.stdout, p.stderr
    p = run(d, "cash", "in", "20000", "--reason", REASON_IN, *auth, stdin=pw)
    assert p.returncode == 0, p.stderr
    p = run(d, "cash", "out", "5000", "--reason", "x", *auth, stdin=pw)
    assert p.returncode == 2 and "reason" in p.stderr
    p = run(d, "cash", "list", "--json", *auth, stdin=pw)
    assert p.returncode == 0 and '"float": 150000' in p.stdout and '"cash_in": 20000' in p.stdout
    assert REASON_IN not in p.stdout  # the JSON carries figures only


def test_cash_movements_reach_the_server_with_the_reason_sealed(enrolled, central):
    from sqlalchemy import select

    from outlet_pos.central.keyring import Keyring
    from outlet_pos.central.models import CashMovement

    clerk = enrolled.auth.login("kasir1", "rahasia-kasir")
    enrolled.cash.record(clerk, "float", 150_000)
    enrolled.cash.record(clerk, "in", 20_000, REASON_IN)
    report = enrolled.sync.sync_once()
    assert (report.applied, report.parked, report.remaining) == (2, 0, 0)
    with central.engine.connect() as c:
        rows = c.execute(select(CashMovement).order_by(CashMovement.at)).mappings().all()
        opener = Keyring(central.secrets).opener(c)
        reason = opener.open(rows[1]["reason_ct"], f"cash/{rows[1]['id']}")
    assert [(r["kind"], r["amount"], r["outlet"]) for r in rows] == [
        ("float", 150_000, enrolled.outlet.number), ("in", 20_000, enrolled.outlet.number)]
    assert rows[0]["reason_ct"] is None and REASON_IN.encode() not in rows[1]["reason_ct"]
    assert reason == REASON_IN.encode()
