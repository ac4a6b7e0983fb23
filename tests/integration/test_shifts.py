"""Shifts through the real App and database: two clerks share a terminal's drawer in a day,
one hands it to the other, the day's closing adds the shifts up; the X and Z reports'
figures are read back from the PDFs' own text layer (pdfium), not from the objects that
made them; the events go out; a terminal that keeps shifts books only in an open one.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.money import format_rupiah
from outlet_pos.i18n import tr
from outlet_pos.services.shifts import NoShiftOpen
from tests.conftest import CLERK

CLERK2 = ("kasir2", "rahasia-kasir-dua")


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(p.get_textpage().get_text_range() for p in pdf)
    finally:
        pdf.close()


def amount_after(text: str, label: str) -> int:
    """The rupiah amount printed right after ``label`` on its line ("Rp 15.000", "-Rp 1.000")."""
    m = re.search(re.escape(label) + r"\s+(-?)Rp\s?([\d.]+)", text)
    assert m, f"{label!r} with an amount not in the PDF text"
    return int(m.group(2).replace(".", "")) * (-1 if m.group(1) else 1)


def _book(app, session, order, method="cash", **pay):
    pay = pay or ({"tendered": 1_000_000} if method == "cash" else {"reference": "QR-1"})
    return app.booking.book(session, {**order, "payment": {"method": method, **pay}})


def _events(app, kind):
    with closing(sqlite3.connect(app.db.path)) as c:
        return [r[0] for r in c.execute("select kind from outbox where kind = ?", (kind,))]


@pytest.fixture
def clerk2(app, manager):
    app.auth.add_user(manager, CLERK2[0], "clerk", CLERK2[1])
    return app.auth.login(*CLERK2)


def test_two_clerks_one_handover_and_a_closing_that_adds_up(app, clock, clerk, clerk2,
                                                           manager, example_order, tmp_path):
    # Morning: kasir1 takes the drawer with Rp 200.000, which is also the day's float.
    first = app.shifts.open(clerk, 200_000)
    assert app.shifts.current().clerk == CLERK[0]
    assert app.cash.day(clerk).float == 200_000
    clock.advance(minutes=5)
    a = _book(app, clerk, example_order)
    clock.advance(minutes=5)
    b = _book(app, clerk, example_order)
    clock.advance(minutes=5)
    q = _book(app, clerk, example_order, "qris")
    clock.advance(minutes=5)
    app.cash.record(clerk, "out", 20_000, "beli lakban")
    clock.advance(minutes=5)
    x_so_far = app.shifts.x_report(clerk)
    assert x_so_far.counted is None
    expected1 = 200_000 + a.total + b.total - 20_000
    assert x_so_far.expected == expected1 and x_so_far.revenue == a.total + b.total + q.total

    # Noon: kasir1 counts (Rp 1.000 short), kasir2 logs in at the same PC and takes it.
    short = expected1 - 1_000
    with pytest.raises(ValidationError) as e:
        app.shifts.handover(clerk, clerk2, short)  # a difference needs a note
    assert e.value.fields == ["note"]
    done, second = app.shifts.handover(clerk, clerk2, short, note="uang receh kurang")
    assert (done.expected, done.counted, done.difference) == (expected1, short, -1_000)
    assert done.handed_to_clerk == CLERK2[0]
    assert second.opening_float == short and second.clerk == CLERK2[0]
    assert app.shifts.current().id == second.id
    x1 = tmp_path / "x1.pdf"
    app.shifts.x_pdf(clerk, x1, first.id)

    clock.advance(minutes=30)
    c = _book(app, clerk2, example_order)
    clock.advance(minutes=5)
    app.cash.record(clerk2, "in", 50_000, "tambah uang kembalian")
    clock.advance(hours=6)
    expected2 = short + c.total + 50_000
    counts = {100_000: expected2 // 100_000}
    rest = expected2 - 100_000 * counts[100_000]
    counts[1_000] = rest // 1_000
    assert rest % 1_000 == 0  # the tariff's totals are whole thousands
    end = app.shifts.close(clerk2, denominations=counts)
    assert (end.expected, end.counted, end.difference) == (expected2, expected2, 0)
    assert app.shifts.current() is None

    # Evening: the manager closes the day at the last shift's count: it adds up.
    closing_ = app.closing.close_day(manager, expected2, note="kurang seribu siang")
    day = app.shifts.list_day(manager)
    assert [line.clerk for line in day.lines] == [CLERK[0], CLERK2[0]]
    assert day.cash_takings == a.total + b.total + c.total
    assert closing_.difference == day.difference == -1_000
    assert not day.still_open

    # The X report of the first shift, read back from its PDF.
    text = pdf_text(x1)
    assert CLERK[0] in text and CLERK2[0] in text  # handed over to kasir2
    assert amount_after(text, tr("Opening float")) == 200_000
    assert amount_after(text, tr("Cash takings")) == a.total + b.total
    assert amount_after(text, tr("Cash out")) == 20_000
    assert amount_after(text, tr("Cash expected")) == expected1
    assert amount_after(text, tr("Cash counted")) == short
    assert amount_after(text, tr("Difference")) == -1_000

    # The Z report (the closing's A4 PDF): its Shift section, read back.
    z = app.reports.closing_pdf(manager, tmp_path, closing_.business_date, closing_.sequence)
    text = pdf_text(z)
    section = text[text.index(tr("Shifts")):]
    for s, float_, takings, counted, diff in (
            (CLERK[0], 200_000, a.total + b.total, short, -1_000),
            (CLERK2[0], short, c.total, expected2, 0)):
        line = next(x for x in section.splitlines() if x.startswith(s))
        assert [format_rupiah(v) for v in (float_, takings, counted, diff)] == \
            re.findall(r"-?Rp\s?[\d.]+", line)
    total = next(x for x in section.splitlines() if x.startswith(tr("Total")))
    assert re.findall(r"-?Rp\s?[\d.]+", total) == [
        format_rupiah(a.total + b.total + c.total), format_rupiah(-1_000)]
    assert amount_after(text, tr("Difference")) == closing_.difference
    # The receipt printer's Z report carries the same section.
    paper = app.printing.z_report(manager, closing_.business_date, closing_.sequence)
    assert paper.shifts is not None and paper.shifts.lines == day.lines

    # Synced as events: figures only, the note stays here.
    assert _events(app, "shift.opened") == ["shift.opened"] * 2
    assert _events(app, "shift.closed") == ["shift.closed"] * 2
    with closing(sqlite3.connect(app.db.path)) as db:
        stored = [r[0] for r in db.execute("select note_ct from shifts where note_ct is not null")]
    assert len(stored) == 1 and b"receh" not in stored[0]


def test_a_terminal_that_keeps_shifts_books_only_in_an_open_one(app, clerk, example_order):
    _book(app, clerk, example_order)  # never opened a shift: books as before
    app.shifts.open(clerk, 0)
    _book(app, clerk, example_order)
    app.shifts.close(clerk, app.shifts.x_report(clerk).expected)
    with pytest.raises(NoShiftOpen) as e:
        _book(app, clerk, example_order)
    assert e.value.fields == ["shift"]


def test_one_shift_at_a_time_and_only_its_clerk_or_a_manager_counts_it(app, clerk, clerk2,
                                                                       manager):
    app.shifts.open(clerk, 100_000)
    with pytest.raises(ValidationError, match="still open"):
        app.shifts.open(clerk2, 100_000)
    with pytest.raises(ValidationError, match="kasir1"):
        app.shifts.close(clerk2, 100_000)
    with pytest.raises(ValidationError):
        app.shifts.handover(clerk, clerk, 100_000)  # to yourself
    figures = app.shifts.close(manager, 100_000)
    assert figures.shift.closed_by == "manajer" and figures.difference == 0


def test_the_closed_event_carries_the_figures(app, clerk, clerk2):
    app.shifts.open(clerk, 150_000)
    app.shifts.handover(clerk, clerk2, denominations={100_000: 1, 50_000: 1})
    with closing(sqlite3.connect(app.db.path)) as c:
        kinds = [r[0] for r in c.execute("select kind from outbox order by rowid")]
    assert kinds == ["cash.moved", "shift.opened", "shift.closed", "shift.opened"]
    closed = app.db.uow
    with closed() as uow:
        body = next(i.body for i in uow.queue.batch(10) if i.kind == "shift.closed")
    assert body["counted"] == 150_000 and body["difference"] == 0
    assert body["denominations"] == {"100000": 1, "50000": 1}
    assert "note" not in body and json.dumps(body).count("kasir") == 1  # closed_by only


@pytest.fixture
def cli(monkeypatch, capsys):
    """The command line in this process (a subprocess costs seconds each), in English:
    exit code, stdout, stderr."""
    import io
    import sys

    from outlet_pos.cli.common import STDIN
    from outlet_pos.cli.main import main
    from outlet_pos.i18n import set_language

    monkeypatch.setenv("OUTLET_POS_KEYSTORE", "file")

    def run_cli(d: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        monkeypatch.setattr(STDIN, "_lines", None)  # it reads the stdin of its first use
        code = main(["--lang", "en", *args, "--data-dir", str(d)])
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run_cli
    set_language("id")


def test_the_command_line_opens_hands_over_reports_and_lists(app, clerk2, cli, tmp_path):
    from tests.conftest import open_today_for_the_cli

    open_today_for_the_cli(app)
    d = app.settings.data_dir
    as_clerk = ("--user", CLERK[0], "--password-stdin")
    code, out, err = cli(d, "shift", "open", "--float", "Rp 150.000", *as_clerk,
                         stdin=CLERK[1] + "\n")
    assert code == 0 and "Rp 150.000" in out, err
    code, out, err = cli(d, "shift", "handover", "--to", CLERK2[0], "--count", "100000x1",
                         "--count", "50000x1", *as_clerk, stdin=f"{CLERK[1]}\n{CLERK2[1]}\n")
    assert code == 0, err
    assert f"{CLERK2[0]} takes the drawer with Rp 150.000" in out, out
    code, out, err = cli(d, "shift", "handover", "--to", CLERK[0], "--counted-cash", "149000",
                         "--user", CLERK2[0], "--password-stdin",
                         stdin=f"{CLERK2[1]}\n{CLERK[1]}\n")
    assert code == 2 and "note" in err  # Rp 1.000 short: say why
    pdf = tmp_path / "x.pdf"
    code, out, err = cli(d, "shift", "x-report", "--out", str(pdf), "--user", CLERK2[0],
                         "--password-stdin", stdin=CLERK2[1] + "\n")
    assert code == 0 and pdf.exists(), err
    assert amount_after(pdf_text(pdf), tr("Opening float", "en")) == 150_000
    code, out, err = cli(d, "shift", "x-report", "--out", str(d / "x.pdf"), *as_clerk,
                         stdin=CLERK[1] + "\n")
    assert code == 2 and not (d / "x.pdf").exists()  # never inside the data dir
    code, out, err = cli(d, "shift", "list", "--json", *as_clerk, stdin=CLERK[1] + "\n")
    listed = json.loads(out)
    assert [s["clerk"] for s in listed["shifts"]] == [CLERK[0], CLERK2[0]]
    assert listed["still_open"] and listed["difference"] == 0


def test_the_z_report_says_a_shift_is_still_open(app, clerk, manager, tmp_path):
    app.shifts.open(clerk, 100_000)
    closing_ = app.closing.close_day(manager, 100_000)
    text = pdf_text(app.reports.closing_pdf(manager, tmp_path, closing_.business_date,
                                            closing_.sequence))
    assert tr("A shift is still open: it was not counted") in text.replace("\r", "")
    paper = app.printing.z_report(manager, closing_.business_date, closing_.sequence)
    assert paper.shifts is not None and paper.shifts.still_open


@pytest.mark.parametrize("central", ["sqlite"], indirect=True)
def test_the_shift_events_reach_the_server_and_are_kept_there(enrolled, central, clerk2,
                                                              example_order):
    from sqlalchemy import select

    from outlet_pos.central.models import Event

    app = enrolled
    kasir1 = app.auth.login(*CLERK)
    app.shifts.open(kasir1, 100_000)
    sale = _book(app, kasir1, example_order)
    app.shifts.handover(kasir1, clerk2, 100_000 + sale.total)
    report = app.sync.sync_once()
    assert report.parked == 0 and report.remaining == 0
    with central.engine.connect() as c:
        kinds = [k for (k,) in c.execute(select(Event.kind))]
    assert sorted(k for k in kinds if k.startswith("shift.")) == [
        "shift.closed", "shift.opened", "shift.opened"]
