"""The daily report's figures: hand-computed totals, voids left out, groups adding up."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.day_figures import DayFigures, GroupTotal, count_text, filter_rows, kg_text
from outlet_pos.domain.records import ShipmentSummary

DAY = date(2026, 11, 25)
WIB = ZoneInfo("Asia/Jakarta")


def row(n: int, at: datetime, clerk: str, service: str, method: str, total: int, *,
        status: str = "booked", pieces: int = 1, weight_g: int = 1000,
        cod: int = 0) -> ShipmentSummary:
    return ShipmentSummary(
        waybill=f"{n:016d}", booked_at=at, clerk=clerk, service=service,
        dest_district="Coblong", weight_g=weight_g, chargeable_kg=max(1, weight_g // 1000),
        pieces=pieces, cod_amount=cod, total=total, payment_method=method, status=status,
        synced=n % 2 == 0)


def wib(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute, tzinfo=WIB)


ROWS = [
    row(1, wib(9, 15), "kasir1", "REG", "cash", 15_000, weight_g=1_200),
    row(2, wib(9, 40), "kasir1", "YES", "qris", 30_000, pieces=2, weight_g=2_500,
        cod=100_000),
    row(3, wib(13, 5), "kasir2", "REG", "cash", 20_000, weight_g=800),
    row(4, wib(14), "kasir2", "REG", "transfer", 50_000, status="void", pieces=3,
        weight_g=9_000, cod=250_000),
    # stored in UTC, as the database gives it: 23:30 WIB
    row(5, datetime(2026, 11, 25, 16, 30, tzinfo=UTC), "kasir2", "OKE", "cash", 10_000),
]


def test_totals_by_hand():
    f = DayFigures.from_rows(DAY, ROWS)
    assert (f.day, f.shipments, f.voided) == (DAY, 4, 1)
    assert f.revenue == 75_000
    assert f.cash_total == 45_000
    assert f.cod_total == 100_000
    assert f.pieces == 5
    assert f.weight_g == 5_500
    assert f.by_service == (GroupTotal("REG", 2, 35_000), GroupTotal("YES", 1, 30_000),
                            GroupTotal("OKE", 1, 10_000))
    assert f.by_payment == (GroupTotal("cash", 3, 45_000), GroupTotal("qris", 1, 30_000))
    assert f.by_clerk == (GroupTotal("kasir1", 2, 45_000), GroupTotal("kasir2", 2, 30_000))
    assert f.revenue_by_service == (("REG", 35_000), ("YES", 30_000), ("OKE", 10_000))
    hours = {h: n for h, n in enumerate(f.per_hour) if n}
    assert hours == {9: 2, 13: 1, 23: 1}  # the void at 14:00 is not a shipment


def test_money_is_int():
    f = DayFigures.from_rows(DAY, ROWS)
    money = [f.revenue, f.cash_total, f.cod_total] + [g.revenue for g in f.by_service]
    assert all(type(m) is int for m in money)


def test_hours_are_read_in_the_outlets_zone():
    f = DayFigures.from_rows(DAY, ROWS, tz=ZoneInfo("Asia/Makassar"))  # WITA = WIB + 1
    assert {h: n for h, n in enumerate(f.per_hour) if n} == {10: 2, 14: 1, 0: 1}
    assert len(f.per_hour) == 24


def test_equal_revenue_is_ordered_by_name():
    rows = [row(1, wib(8), "zaki", "REG", "cash", 10_000),
            row(2, wib(8), "ani", "REG", "cash", 10_000),
            row(3, wib(8), "budi", "REG", "cash", 5_000)]
    assert [g.name for g in DayFigures.from_rows(DAY, rows).by_clerk] == ["ani", "zaki", "budi"]


def test_empty_day():
    f = DayFigures.from_rows(DAY, [])
    assert (f.shipments, f.voided, f.revenue, f.by_service) == (0, 0, 0, ())
    assert f.per_hour == (0,) * 24


def test_only_other_statuses_than_void_count_as_shipments():
    rows = [row(1, wib(8), "a", "REG", "cash", 10_000, status="delivered")]
    assert DayFigures.from_rows(DAY, rows).shipments == 1


def test_a_naive_time_is_refused_without_saying_more_than_the_position():
    bad = [ROWS[0], row(9, datetime(2026, 11, 25, 9), "kasir1", "REG", "cash", 1)]
    with pytest.raises(ValueError, match="row 1 has no timezone"):
        DayFigures.from_rows(DAY, bad)


def test_filter_rows():
    assert [r.waybill[-1] for r in filter_rows(ROWS, clerk="kasir2")] == ["3", "4", "5"]
    assert [r.waybill[-1] for r in filter_rows(ROWS, clerk="kasir2", status="booked")] == \
        ["3", "5"]
    assert [r.waybill[-1] for r in filter_rows(ROWS, service="REG",
                                               payment_method="cash")] == ["1", "3"]
    assert filter_rows(ROWS) == ROWS
    assert filter_rows(ROWS, clerk="nobody") == []
    assert filter_rows(iter(ROWS), status="void") == [ROWS[3]]


summaries = st.builds(
    ShipmentSummary,
    waybill=st.text("0123456789", min_size=16, max_size=16),
    booked_at=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1),
                           timezones=st.sampled_from([UTC, WIB, ZoneInfo("Asia/Jayapura")])),
    clerk=st.sampled_from(["kasir1", "kasir2", "manajer", "Ani"]),
    service=st.sampled_from(["REG", "YES", "OKE", "JTR"]),
    dest_district=st.just("Coblong"),
    weight_g=st.integers(1, 1_000_000),
    chargeable_kg=st.integers(1, 1_000),
    pieces=st.integers(1, 20),
    cod_amount=st.integers(0, 10**9),
    total=st.integers(0, 10**9),
    payment_method=st.sampled_from(["cash", "qris", "transfer", "card", "debit"]),
    status=st.sampled_from(["booked", "booked", "void", "delivered"]),
    synced=st.booleans(),
)


@given(st.lists(summaries, max_size=60))
def test_every_grouping_adds_up_to_the_revenue(rows):
    f = DayFigures.from_rows(DAY, rows)
    for groups in (f.by_service, f.by_payment, f.by_clerk):
        assert sum(g.revenue for g in groups) == f.revenue
        assert sum(g.count for g in groups) == f.shipments
        assert [(-g.revenue, g.name) for g in groups] == \
            sorted((-g.revenue, g.name) for g in groups)
    assert sum(f.per_hour) == f.shipments
    assert f.shipments + f.voided == len(rows)
    assert f.revenue == sum(r.total for r in rows if r.status != "void")


@given(st.lists(summaries, max_size=30), st.lists(summaries, max_size=10))
def test_voids_change_nothing_but_the_void_count(rows, extra):
    voids = [dataclasses.replace(r, status="void") for r in extra]
    base = DayFigures.from_rows(DAY, rows)
    more = DayFigures.from_rows(DAY, rows + voids)
    assert more.voided == base.voided + len(voids)
    assert more == DayFigures(**{**base.__dict__, "voided": more.voided})


def test_void_only_day_has_no_money():
    f = DayFigures.from_rows(DAY, [r for r in ROWS if r.status == "void"])
    assert (f.shipments, f.voided, f.revenue, f.cod_total, f.pieces) == (0, 1, 0, 0, 0)
    assert sum(f.per_hour) == 0


def test_rows_spanning_midnight_utc_land_in_local_hours():
    start = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)  # 06:00 WIB
    rows = [row(i, start + timedelta(hours=i), "a", "REG", "cash", 1_000) for i in range(3)]
    assert [h for h, n in enumerate(DayFigures.from_rows(DAY, rows).per_hour) if n] == \
        [6, 7, 8]


@pytest.mark.parametrize(("grams", "lang", "text"), [
    (1_250, "id", "1,3 kg"), (1_250, "en", "1.3 kg"), (865_420, "id", "865,4 kg"),
    (12_345_678, "id", "12.345,7 kg"), (12_345_678, "en", "12,345.7 kg"), (0, "id", "0,0 kg"),
    (49, "en", "0.0 kg"), (50, "en", "0.1 kg")])
def test_weights_read_in_the_language(grams, lang, text):
    """One formatter for the report, the page and the command line; integer rounding."""
    assert kg_text(grams, lang) == text


def test_counts_grouped_in_the_language():
    assert (count_text(12_500, "id"), count_text(12_500, "en")) == ("12.500", "12,500")
