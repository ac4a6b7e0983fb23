"""A date range's figures by day, ISO week and month: buckets clipped to the range, every
shipment in exactly one bucket, the total the sum of the buckets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outlet_pos.domain.day_figures import (
    PeriodReport,
    bucket_of,
    month_of,
    waybill_matches,
    week_of,
)
from outlet_pos.domain.records import ShipmentSummary


def row(n: int, on: date, total: int = 10_000, status: str = "booked") -> ShipmentSummary:
    return ShipmentSummary(
        waybill=f"{n:016d}", booked_at=datetime.combine(on, datetime.min.time(), UTC)
        + timedelta(hours=3), clerk="kasir1", service="REG", dest_district="32.73.02",
        weight_g=1000, chargeable_kg=1, pieces=1, cod_amount=0, total=total,
        payment_method="cash", status=status, synced=True)


def test_iso_weeks_and_months():
    assert bucket_of(date(2026, 11, 25), "week") == ("2026-W48", date(2026, 11, 23))
    assert bucket_of(date(2027, 1, 1), "week") == ("2026-W53", date(2026, 12, 28))
    assert week_of(date(2026, 11, 29)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert month_of(date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_of(date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        bucket_of(date(2026, 1, 1), "year")


def test_buckets_are_clipped_to_the_range():
    start, end = date(2026, 11, 26), date(2026, 12, 2)
    days = {date(2026, 11, 26): [row(1, date(2026, 11, 26))],
            date(2026, 12, 2): [row(2, date(2026, 12, 2), 5_000),
                                row(3, date(2026, 12, 2), 7_000, "void")],
            date(2026, 12, 5): [row(4, date(2026, 12, 5))]}  # outside: left out
    weeks = PeriodReport.from_days(start, end, "week", days)
    assert [(b.label, b.start, b.end) for b in weeks.buckets] == [
        ("2026-W48", date(2026, 11, 26), date(2026, 11, 29)),
        ("2026-W49", date(2026, 11, 30), date(2026, 12, 2))]
    assert [b.figures.revenue for b in weeks.buckets] == [10_000, 5_000]
    assert (weeks.total.shipments, weeks.total.voided, weeks.total.revenue) == (2, 1, 15_000)
    months = PeriodReport.from_days(start, end, "month", days)
    assert [b.label for b in months.buckets] == ["2026-11", "2026-12"]
    assert len(PeriodReport.from_days(start, end, "day", days).buckets) == 7


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
       st.integers(0, 120), st.sampled_from(["day", "week", "month"]),
       st.lists(st.tuples(st.integers(0, 120), st.integers(1, 90_000)), max_size=40))
def test_every_shipment_counts_once(start, length, by, booked):
    end = start + timedelta(days=length)
    days: dict[date, list[ShipmentSummary]] = {}
    for i, (offset, total) in enumerate(booked):
        on = start + timedelta(days=offset)
        days.setdefault(on, []).append(row(i, on, total))
    report = PeriodReport.from_days(start, end, by, days)
    inside = [r for on, rows in days.items() if on <= end for r in rows]
    assert report.total.shipments == len(inside)
    assert sum(b.figures.revenue for b in report.buckets) == report.total.revenue == \
        sum(r.total for r in inside)
    assert report.buckets[0].start == start and report.buckets[-1].end == end
    for a, b in zip(report.buckets, report.buckets[1:], strict=False):
        assert b.start == a.end + timedelta(days=1)


@pytest.mark.parametrize(("text", "found"), [
    ("", True), ("  ", True), (None, True), ("1234", True), ("0042 0312", True),
    ("0042-0312-3456", True), ("9999", False), ("abc", False)])
def test_waybill_search(text, found):
    assert waybill_matches("0042031234567890", text) is found
