"""A generated busy day, 2,000 shipments by several clerks, through the manager's day:
totals, the closing by denomination, the locked day, masked and unmasked exports, the CLI.

The day is booked once per module (about ten seconds); the tests read it in file order
and only the last ones change it (void, close, reopen).
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest

from outlet_pos.bootstrap import init_outlet
from outlet_pos.config import Settings
from outlet_pos.domain.errors import DomainError, ValidationError
from outlet_pos.domain.money import format_rupiah
from outlet_pos.domain.party import normalize_phone
from outlet_pos.services.auth import LoginFailed
from tests.conftest import MANAGER, Clock
from tests.integration.test_cli import run
from tests.shipment_factory import random_order
from tests.sync_fixtures import pending_bodies

DAY = date(2026, 11, 25)
SHIPMENTS = 2000
CLERKS = ("kasir1", "kasir2", "kasir3", "kasir4")
SERVICES = ("OKE", "REG", "YES")
MANAGER_ARGS = ("--user", MANAGER[0], "--password-stdin")


@pytest.fixture(scope="module")
def busy(tmp_path_factory):
    """(app, clock, booked orders by waybill, voided waybills) for a day of 2,000."""
    data = tmp_path_factory.mktemp("busy") / "data"
    clock = Clock()  # 09:00 WIB on DAY
    app = init_outlet(Settings(data, keystore="file"), outlet_number=42, terminal=3,
                      manager=MANAGER[0], password=MANAGER[1], outlet_name="Outlet Sibuk",
                      clock=clock)
    boss = app.auth.login(*MANAGER)
    sessions = []
    for name in CLERKS:
        app.auth.add_user(boss, name, "clerk", f"rahasia-{name}")
        sessions.append(app.auth.login(name, f"rahasia-{name}"))
    rng = random.Random(2026)
    codes = sorted(app.directory._postal_index())
    orders: dict[str, tuple[str, dict]] = {}
    while len(orders) < SHIPMENTS:
        # Ten hours of counter work: the clock moves ~18 s per booking.
        clock.advance(seconds=rng.randint(0, 36))
        who = sessions[rng.randrange(len(sessions))]
        order = random_order(app, rng, codes)
        order["service"] = rng.choice(SERVICES)
        try:
            receipt = app.booking.book(who, order)
        except ValidationError:
            continue  # a service that does not reach that village; draw again
        orders[receipt.waybill] = (who.username, order)
    voided = rng.sample(sorted(orders), 25)
    for w in voided:
        app.shipments.void(boss, w, "salah input berat", requested_by="kasir2")
    yield app, clock, orders, set(voided), data
    app.close()


def _manager(app):
    return app.auth.login(*MANAGER)


def _audit(app, action: str) -> list[tuple[str, str | None, dict]]:
    """(actor, subject, details) of the audit rows of ``action``, oldest first; typed text
    (reasons) is stored encrypted, so the rows are read through the repository."""
    with app.db.uow() as uow:
        rows = uow.audit.entries(action)
    return [(e["actor"], e["subject"], e["details"]) for e in rows]


def test_the_days_totals_add_up(busy):
    app, _clock, orders, voided, _ = busy
    review = app.reports.review(_manager(app), DAY)
    rows = {r.waybill: r for r in review.rows}
    assert set(rows) == set(orders) and len(rows) == SHIPMENTS
    kept = [r for w, r in rows.items() if w not in voided]
    f = review.figures
    assert (f.shipments, f.voided) == (SHIPMENTS - 25, 25)
    assert f.revenue == sum(r.total for r in kept)
    assert f.cash_total == sum(r.total for r in kept if r.payment_method == "cash")
    assert 0 < f.cash_total < f.revenue  # both cash and QRIS were taken
    assert f.cod_total == sum(orders[r.waybill][1]["parcel"]["cod_amount"] for r in kept)
    assert f.pieces == sum(orders[r.waybill][1]["parcel"]["pieces"] for r in kept)
    assert f.weight_g == sum(orders[r.waybill][1]["parcel"]["weight_g"] for r in kept)
    by_clerk = Counter(orders[r.waybill][0] for r in kept)
    assert {g.name: g.count for g in f.by_clerk} == by_clerk
    assert set(review.clerks) == set(CLERKS)
    revenue_by_service: dict[str, int] = defaultdict(int)
    for r in kept:
        revenue_by_service[r.service] += r.total
    assert {g.name: g.revenue for g in f.by_service} == revenue_by_service
    assert len(f.by_service) >= 2
    assert sum(g.revenue for g in f.by_payment) == f.revenue
    assert sum(f.per_hour) == f.shipments and max(f.per_hour) < f.shipments  # many hours
    # The closing's expected cash is the report's cash: one arithmetic, two views.
    totals = app.closing.totals(_manager(app), DAY)
    assert (totals.cash_expected, totals.revenue, totals.voided) == \
        (f.cash_total, f.revenue, 25)


def test_filters_narrow_the_review(busy):
    app, _clock, orders, voided, _ = busy
    boss = _manager(app)
    by_kasir2 = app.reports.review(boss, DAY, clerk="kasir2")
    assert by_kasir2.rows and {r.clerk for r in by_kasir2.rows} == {"kasir2"}
    assert by_kasir2.figures.shipments == sum(
        1 for w, (who, _o) in orders.items() if who == "kasir2" and w not in voided)
    qris_yes = app.reports.review(boss, DAY, payment_method="qris", service="YES")
    assert qris_yes.rows and all(r.payment_method == "qris" and r.service == "YES"
                                 for r in qris_yes.rows)
    void_only = app.reports.review(boss, DAY, status="void")
    assert {r.waybill for r in void_only.rows} == voided
    assert void_only.figures.voided == 25 and void_only.figures.revenue == 0


def test_review_is_for_managers_only(busy):
    app = busy[0]
    with pytest.raises(DomainError):
        app.reports.review(app.auth.login("kasir1", "rahasia-kasir1"), DAY)


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_masked_export_by_default_and_unmasked_only_with_password_and_reason(busy):
    app, _clock, orders, _voided, _ = busy
    boss = _manager(app)
    out = io.StringIO()
    assert app.reports.export_csv(boss, out, DAY) == SHIPMENTS
    masked = {r["waybill"]: r for r in _csv_rows(out.getvalue())}
    sample = sorted(orders)[:50]
    for w in sample:
        order = orders[w][1]
        row = masked[w]
        assert order["recipient"]["name"] not in out.getvalue()
        assert row["recipient_name"].startswith(order["recipient"]["name"][0])
        assert "***" in row["recipient_name"] and "*" in row["recipient_phone"]
        assert normalize_phone(order["sender"]["phone"]) not in out.getvalue()
    with pytest.raises(ValidationError) as e:  # no reason
        app.reports.export_csv(boss, io.StringIO(), DAY, unmasked=True,
                               password=MANAGER[1])
    assert e.value.fields == ["reason"]
    with pytest.raises(LoginFailed):  # the password again, and it must be right
        app.reports.export_csv(boss, io.StringIO(), DAY, unmasked=True,
                               reason="Permintaan Polres No. 123/XI/2026", password="salah")
    full = io.StringIO()
    n = app.reports.export_csv(boss, full, DAY, unmasked=True,
                               reason="Permintaan Polres No. 123/XI/2026",
                               password=MANAGER[1])
    assert n == SHIPMENTS
    unmasked = {r["waybill"]: r for r in _csv_rows(full.getvalue())}
    for w in sample:
        order = orders[w][1]
        assert unmasked[w]["recipient_name"] == order["recipient"]["name"].strip()
        assert unmasked[w]["sender_phone"] == normalize_phone(order["sender"]["phone"])
    audit = _audit(app, "personal_data_exported")
    assert len(audit) == 1
    actor, subject, details = audit[0]
    assert (actor, subject) == (MANAGER[0], DAY.isoformat())
    assert details == {"reason": "Permintaan Polres No. 123/XI/2026", "rows": SHIPMENTS}
    assert len(_audit(app, "day_exported_masked")) == 1


def test_cli_daily_report_json_pdf_and_csv(busy, tmp_path):
    app, _clock, _orders, _voided, data = busy
    figures = app.reports.review(_manager(app), DAY).figures
    pdf, masked = tmp_path / "harian.pdf", tmp_path / "harian.csv"
    p = run(data, "report", "daily", "--date", DAY.isoformat(), "--json", "--pdf", str(pdf),
            "--csv", str(masked), *MANAGER_ARGS, stdin=MANAGER[1] + "\n")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)["figures"]
    assert (out["shipments"], out["voided"], out["revenue"], out["cash_total"]) == \
        (figures.shipments, figures.voided, figures.revenue, figures.cash_total)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for figure in (format_rupiah(figures.revenue), format_rupiah(figures.cash_total),
                   format_rupiah(figures.cod_total), f"{figures.shipments:,}"):
        assert figure in text, figure
    assert masked.stat().st_mode & 0o077 == 0  # private to the user who exported
    assert len(_csv_rows(masked.read_text(encoding="utf-8"))) == SHIPMENTS
    p = run(data, "report", "daily", "--date", DAY.isoformat(), "--csv", str(masked),
            "--unmasked", *MANAGER_ARGS, stdin=MANAGER[1] + "\n")
    assert p.returncode == 2 and "reason" in p.stderr
    p = run(data, "report", "daily", "--date", "25-11-2026", *MANAGER_ARGS,
            stdin=MANAGER[1] + "\n")
    assert p.returncode == 2 and "2026-11-25" in p.stderr
    p = run(data, "report", "daily", "--date", DAY.isoformat(), "--user", "kasir1",
            "--password-stdin", stdin="rahasia-kasir1\n")
    assert p.returncode != 0 and "Traceback" not in p.stderr


def test_void_needs_a_reason_and_a_manager(busy):
    app, _clock, orders, voided, data = busy
    w = next(w for w in sorted(orders) if w not in voided)
    with pytest.raises(DomainError):  # a clerk cannot void
        app.shipments.void(app.auth.login("kasir1", "rahasia-kasir1"), w, "salah alamat")
    p = run(data, "void", w, "--reason", "", *MANAGER_ARGS, stdin=MANAGER[1] + "\n")
    assert p.returncode == 2 and "reason" in p.stderr
    p = run(data, "void", w, "--reason", "pelanggan batal kirim", "--requested-by", "kasir3",
            *MANAGER_ARGS, stdin=MANAGER[1] + "\n")
    assert p.returncode == 0, p.stderr
    assert app.shipments.show(_manager(app), w).status == "void"
    voided.add(w)
    entry = [d for _a, s, d in _audit(app, "shipment_voided") if s == w]
    assert entry and entry[0]["requested_by"] == "kasir3"
    assert entry[0]["reason"] == "pelanggan batal kirim"


def test_closing_by_denomination_locks_the_day_and_reopening_unlocks_it(busy):
    app, clock, orders, voided, data = busy
    boss = _manager(app)
    expected = app.closing.totals(boss, DAY).cash_expected
    # Count the drawer as a cashier would, big notes first; one Rp 1.000 note went missing.
    # The tariff rounds its percentage fees up to Rp 100, so every rupiah can be counted.
    counts: dict[int, int] = {}
    left = expected - 1_000
    for face in (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100):
        counts[face], left = divmod(left, face)
    assert left == 0
    short = 1_000
    with pytest.raises(ValidationError) as e:
        app.closing.close_day(boss, denominations=counts, day=DAY)
    assert e.value.fields == ["note"]
    with pytest.raises(ValidationError) as e:  # amount and notes must agree
        app.closing.close_day(boss, counted_cash=expected, denominations=counts, day=DAY,
                              note="selisih seribu")
    assert e.value.fields == ["counted_cash"]
    c = app.closing.close_day(boss, denominations=counts, day=DAY,
                              note="kurang satu lembar seribu")
    assert (c.cash_counted, c.difference, c.sequence) == (expected - short, -short, 1)
    assert c.shipments == SHIPMENTS - len(voided) and c.voided == len(voided)
    assert c.denominations == {k: v for k, v in counts.items() if v}
    assert app.reports.review(boss, DAY).closing.sequence == 1

    # The day is locked: a void is refused, a booking goes to the next business day.
    open_one = next(w for w in sorted(orders) if w not in voided)
    with pytest.raises(ValidationError):
        app.shipments.void(boss, open_one, "terlambat dibatalkan")
    clerk = app.auth.login("kasir1", "rahasia-kasir1")
    order = orders[open_one][1]
    late = app.booking.book(clerk, json.loads(json.dumps(order)))
    assert app.shipments.show(boss, late.waybill).business_date == DAY + timedelta(days=1)
    assert app.reports.review(boss, DAY).figures.shipments == SHIPMENTS - len(voided)

    # Reopening: a clerk may not; a manager with a reason may; it is audited and synced.
    with pytest.raises(DomainError):
        app.closing.reopen(clerk, DAY, "hitung ulang kas")
    with pytest.raises(ValidationError):
        app.closing.reopen(boss, DAY, "")
    app.closing.reopen(boss, DAY, "hitung ulang kas bersama supervisor")
    assert app.reports.review(boss, DAY).closing is None
    app.shipments.void(boss, open_one, "pelanggan batal kirim")
    kinds = [k for k, _b in pending_bodies(app).values()]
    assert kinds.count("day.closed") == 1 and kinds.count("day.reopened") == 1
    assert [d.get("reason") for _a, _s, d in _audit(app, "day_reopened")] == \
        ["hitung ulang kas bersama supervisor"]

    # Closed again from the command line, by denomination: sequence 2.
    counted = app.closing.totals(boss, DAY).cash_expected
    args = [f"--count=100000x{counted // 100_000}", f"--count=100x{counted % 100_000 // 100}"]
    p = run(data, "close-day", "--date", DAY.isoformat(), *args, *MANAGER_ARGS,
            stdin=MANAGER[1] + "\n")
    assert p.returncode == 0, p.stderr  # counted to the rupiah: no note needed
    assert "closing 2 of 2026-11-25" in p.stdout
    p = run(data, "reopen-day", "--date", DAY.isoformat(), "--reason", "cek lagi",
            "--user", "kasir1", "--password-stdin", stdin="rahasia-kasir1\n")
    assert p.returncode != 0
    assert app.closing.current(boss, DAY).sequence == 2
    clock.advance(hours=1)
