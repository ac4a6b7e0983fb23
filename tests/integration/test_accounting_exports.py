"""Exports an accountant can use (issue 17, point 6): a week and a half of counter days
through the command line and the report service. The CSV and the spreadsheet carry the
outlet's local times (the screen's 07:30, not UTC's 00:30), district names, payment
references and who asked for, who authorised and why each void; they follow the Day
review's filters; a date range, a week and a month add up to the days' own reports, and
the XLSX (opened with openpyxl) has the command line's totals.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import stat
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest

from outlet_pos.bootstrap import init_outlet
from outlet_pos.config import Settings
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.money import format_rupiah
from tests.conftest import MANAGER, Clock
from tests.integration.test_cli import run
from tests.shipment_factory import book_random

CLERKS = (("kasir1", "rahasia-kasir1"), ("kasir2", "rahasia-kasir2"))
# Tuesday to Tuesday across a month's end: weeks 48 and 49, November and December.
DAYS = (date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 30),
        date(2026, 12, 1))
MANAGER_ARGS = ("--user", MANAGER[0], "--password-stdin")
PASSWORD = MANAGER[1] + "\n"


@pytest.fixture(scope="module")
def outlet(tmp_path_factory):
    """(app, data dir, {day: first waybill booked at 07:30 WIB}, {waybill: void reason})."""
    data = tmp_path_factory.mktemp("accounting") / "data"
    clock = Clock(datetime(2026, 11, 24, 0, 30, tzinfo=UTC))
    app = init_outlet(Settings(data, keystore="file"), outlet_number=42, terminal=3,
                      manager=MANAGER[0], password=MANAGER[1], outlet_name="Outlet Buku",
                      clock=clock)
    boss = app.auth.login(*MANAGER)
    for name, password in CLERKS:
        app.auth.add_user(boss, name, "clerk", password)
    first: dict[date, str] = {}
    voided: dict[str, str] = {}
    for n, day in enumerate(DAYS):
        clock.now = datetime.combine(day, datetime.min.time(), UTC) + timedelta(minutes=30)
        for i, (name, password) in enumerate(CLERKS):
            waybills = book_random(app, app.auth.login(name, password), 4, seed=10 * n + i)
            first.setdefault(day, waybills[0])
            clock.advance(minutes=40)
        if n % 2 == 0:  # a void on every other day, asked by a clerk, authorised by the boss
            w = waybills[-1]
            voided[w] = f"salah berat hari {n}"
            app.shipments.void(boss, w, voided[w], requested_by="kasir1")
        clock.advance(hours=8)
        expected = app.closing.totals(boss, day).cash_expected
        app.closing.close_day(boss, expected, day)
    yield app, data, first, voided
    app.close()


def _json(data, *args: str) -> dict:
    p = run(data, "report", *args, *MANAGER_ARGS, "--json", stdin=PASSWORD)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


@pytest.fixture(scope="module")
def days(outlet) -> list[dict]:
    """Each day's figures as ``report daily --json`` prints them (the review's figures;
    the first test checks one against the command line itself, to keep this file short)."""
    app = outlet[0]
    boss = app.auth.login(*MANAGER)
    return [json.loads(json.dumps(dataclasses.asdict(app.reports.review(boss, d).figures),
                                  default=str)) for d in DAYS]


@pytest.fixture(scope="module")
def by_week(outlet) -> dict:
    return _json(outlet[1], "--from", "2026-11-24", "--to", "2026-12-01", "--by", "week")


MONEY = ("shipments", "voided", "revenue", "pieces", "weight_g", "cod_total", "cash_total")


def _sum(days: list[dict]) -> dict[str, int]:
    return {k: sum(d[k] for d in days) for k in MONEY}


def test_the_day_csv_has_local_times_names_refs_and_void_details(outlet, days, tmp_path):
    app, data, first, voided = outlet
    out, book = tmp_path / "hari.csv", tmp_path / "hari.xlsx"
    daily = _json(data, "daily", "--date", "2026-11-24", "--csv", str(out), "--xlsx", str(book))
    assert daily["figures"] == days[0]
    sheet = openpyxl.load_workbook(book)["Summary"]
    total = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "Total")
    assert total[3:5] == (days[0]["shipments"], days[0]["voided"])
    assert total[7] == days[0]["revenue"]
    rows = {r["waybill"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8")))}
    assert len(rows) == 8
    early = rows[first[DAYS[0]]]
    assert (early["date"], early["time"]) == ("2026-11-24", "07:30")  # the screen's clock
    assert early["booked_at"].startswith("2026-11-24T07:30:00+07:00")
    for r in rows.values():
        assert r["dest_district_name"] == app.directory.district_name(r["dest_district"])
        assert r["dest_district_name"] and not r["dest_district_name"][0].isdigit()
        if r["payment_method"] == "qris":
            assert r["payment_ref"] == "QR123"
        else:
            assert r["payment_ref"] == ""
    (w,) = [w for w in voided if w in rows]
    assert (rows[w]["status"], rows[w]["void_reason"]) == ("void", voided[w])
    assert (rows[w]["void_requested_by"], rows[w]["void_authorised_by"]) == ("kasir1", "manajer")
    assert rows[w]["voided_at"].startswith("2026-11-24T") and "+07:00" in rows[w]["voided_at"]
    booked = [r for r in rows.values() if r["status"] == "booked"]
    assert all(r["void_reason"] == r["void_requested_by"] == "" for r in booked)


def test_the_csv_follows_the_review_filters(outlet):
    app, _data, _first, _voided = outlet
    boss = app.auth.login(*MANAGER)
    for filters in ({"clerk": "kasir2"}, {"payment_method": "qris"}, {"status": "void"},
                    {"clerk": "kasir1", "status": "booked"}):
        shown = app.reports.review(boss, DAYS[0], **filters).rows
        out = io.StringIO()
        assert app.reports.export_csv(boss, out, DAYS[0], **filters) == len(shown)
        written = [r["waybill"] for r in csv.DictReader(io.StringIO(out.getvalue()))]
        assert written == [r.waybill for r in shown] and written, filters
    # the waybill search box: any part of the number, spaces as the screen groups it
    target = app.reports.review(boss, DAYS[0]).rows[3].waybill
    out = io.StringIO()
    assert app.reports.export_csv(boss, out, DAYS[0], search=target[-6:]) >= 1
    found = [r["waybill"] for r in csv.DictReader(io.StringIO(out.getvalue()))]
    assert target in found and all(target[-6:] in w for w in found)


def test_a_date_range_adds_up_to_its_days(outlet, days, by_week):
    _app, data, _first, _voided = outlet
    rng = _json(data, "--from", "2026-11-24", "--to", "2026-12-01")
    assert (rng["start"], rng["end"], rng["by"]) == ("2026-11-24", "2026-12-01", "day")
    assert {k: rng["total"][k] for k in MONEY} == _sum(days)
    shown = [b for b in rng["buckets"] if b["figures"]["shipments"] or b["figures"]["voided"]]
    assert [b["label"] for b in shown] == [d.isoformat() for d in DAYS]
    assert len(rng["buckets"]) == 8  # every day of the range, quiet ones too
    assert [b["label"] for b in by_week["buckets"]] == ["2026-W48", "2026-W49"]
    assert {k: by_week["buckets"][0]["figures"][k] for k in MONEY} == _sum(days[:3])
    assert {k: by_week["buckets"][1]["figures"][k] for k in MONEY} == _sum(days[3:])


def test_weekly_and_monthly_summaries(outlet, days):
    _app, data, _first, _voided = outlet
    week = _json(data, "weekly", "--date", "2026-11-25")
    assert (week["start"], week["end"]) == ("2026-11-23", "2026-11-29")  # Monday to Sunday
    assert len(week["buckets"]) == 7
    assert {k: week["total"][k] for k in MONEY} == _sum(days[:3])
    month = _json(data, "monthly", "--month", "2026-11")
    assert (month["start"], month["end"]) == ("2026-11-01", "2026-11-30")
    assert {k: month["total"][k] for k in MONEY} == _sum(days[:4])
    assert [b["label"] for b in month["buckets"]][::29] == ["2026-11-01", "2026-11-30"]


def test_the_xlsx_of_a_range_opens_and_has_the_clis_totals(outlet, by_week, tmp_path):
    app, data, first, voided = outlet
    out = tmp_path / "rekap.xlsx"
    p = run(data, "report", "--from", "2026-11-24", "--to", "2026-12-01", "--by", "week",
            "--xlsx", str(out), *MANAGER_ARGS, stdin=PASSWORD)
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    cli = by_week
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Summary", "Shipments"]
    summary = book["Summary"]
    table = [r for r in summary.iter_rows(values_only=True) if r and r[0]]
    header = next(i for i, r in enumerate(table) if r[0] == "Period")
    cols = list(table[header])
    lines = {r[0]: dict(zip(cols, r, strict=False)) for r in table[header + 1:]}
    assert set(lines) == {"2026-W48", "2026-W49", "Total"}
    for label, fig in [(b["label"], b["figures"]) for b in cli["buckets"]] + \
            [("Total", cli["total"])]:
        line = lines[label]
        assert (line["Shipments"], line["Voided"], line["Revenue (Rp)"], line["Cash (Rp)"],
                line["COD (Rp)"], line["Pieces"]) == \
            (fig["shipments"], fig["voided"], fig["revenue"], fig["cash_total"],
             fig["cod_total"], fig["pieces"])
    rows = list(book["Shipments"].iter_rows(values_only=True))
    head, body = list(rows[0]), rows[1:]
    assert len(body) == cli["total"]["shipments"] + cli["total"]["voided"]
    by_waybill = {r[head.index("Waybill")]: dict(zip(head, r, strict=True)) for r in body}
    early = by_waybill[first[DAYS[1]]]
    assert early["Time"] == "07:30" and early["Date"] == datetime(2026, 11, 25)  # a date cell
    assert early["Destination"] == app.directory.district_name(early["District code"])
    for w, why in voided.items():
        assert (by_waybill[w]["Void reason"], by_waybill[w]["Asked by"],
                by_waybill[w]["Authorised by"]) == (why, "kasir1", "manajer")
    assert sum(r["Total (Rp)"] for r in by_waybill.values() if r["Status"] == "booked") == \
        cli["total"]["revenue"]
    # the command's own text names the same totals
    assert f"2026-W48: {cli['buckets'][0]['figures']['shipments']} shipments" in p.stdout
    assert format_rupiah(cli["total"]["revenue"]) in p.stdout.split("Total")[-1]


def test_the_xlsx_is_never_written_inside_the_data_dir(outlet):
    _app, data, _first, _voided = outlet
    p = run(data, "report", "--from", "2026-11-24", "--to", "2026-11-25", "--xlsx",
            str(data / "r.xlsx"), *MANAGER_ARGS, stdin=PASSWORD)
    assert p.returncode == 2 and "--xlsx" in p.stderr
    assert not (data / "r.xlsx").exists()


def test_a_range_is_checked(outlet):
    app, data, _first, _voided = outlet
    for args in (("--from", "2026-11-30", "--to", "2026-11-24"), ("--from", "2026-11-24")):
        p = run(data, "report", *args, *MANAGER_ARGS, stdin=PASSWORD)
        assert p.returncode == 2 and "--to" in p.stderr, (args, p.stderr)
    boss = app.auth.login(*MANAGER)
    with pytest.raises(ValidationError) as e:  # a year at most
        app.reports.period(boss, date(2025, 11, 30), date(2026, 12, 1))
    assert e.value.problems[0][0] == "end"
    app.reports.period(boss, date(2025, 12, 1), date(2026, 11, 30))  # 365 days are fine
    with pytest.raises(ValidationError):
        app.reports.period(boss, DAYS[0], DAYS[1], by="year")
