"""The figures of the manager's reports, computed from day lists: one day's, and a date
range's by day, ISO week or month (the accountant's weekly and monthly summaries).

Voided shipments are counted as voided and left out of every money and parcel total,
as the end-of-day closing does. Money is integer rupiah throughout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from zoneinfo import ZoneInfo

from .records import ShipmentSummary

VOID = "void"
_SEP = {"id": (".", ","), "en": (",", ".")}  # (thousands, decimal) per language
JAKARTA = ZoneInfo("Asia/Jakarta")  # WIB, where most outlets are


@dataclass(frozen=True)
class GroupTotal:
    """Shipments and revenue of one service, payment method or clerk."""

    name: str
    count: int
    revenue: int


@dataclass(frozen=True)
class DayFigures:
    """Totals of one business day. Everything but ``voided`` leaves voided rows out."""

    day: date
    shipments: int
    voided: int
    revenue: int
    pieces: int
    weight_g: int
    cod_total: int
    cash_total: int  # revenue paid in cash at the counter: what the till should hold
    by_service: tuple[GroupTotal, ...]
    by_payment: tuple[GroupTotal, ...]
    by_clerk: tuple[GroupTotal, ...]
    per_hour: tuple[int, ...]  # 24 counts, index = local hour of booking

    @property
    def revenue_by_service(self) -> tuple[tuple[str, int], ...]:
        """(service, revenue), highest revenue first."""
        return tuple((g.name, g.revenue) for g in self.by_service)

    @classmethod
    def from_rows(cls, day: date, rows: Sequence[ShipmentSummary], *,
                  tz: tzinfo = JAKARTA) -> DayFigures:
        """The figures of ``rows`` (the day list of ``day``), hours read in ``tz``.

        ``tz`` is the outlet's zone: outlets span WIB, WITA and WIT, and a manager reads
        "shipments at 9" on the outlet's clock. Rows are taken as given, not filtered by
        date: the day list already holds the business day's rows.
        """
        booked = [r for r in rows if r.status != VOID]
        per_hour = [0] * 24
        for i, r in enumerate(rows):
            if r.booked_at.tzinfo is None:
                # Only the position: a naive time means a bug upstream, not bad input.
                raise ValueError(f"booked_at of row {i} has no timezone")
            if r.status != VOID:
                per_hour[r.booked_at.astimezone(tz).hour] += 1
        return cls(
            day=day,
            shipments=len(booked),
            voided=len(rows) - len(booked),
            revenue=sum(r.total for r in booked),
            pieces=sum(r.pieces for r in booked),
            weight_g=sum(r.weight_g for r in booked),
            cod_total=sum(r.cod_amount for r in booked),
            # a drop-off's drawer took the difference only (paid_before: in the app)
            cash_total=sum(r.total - r.paid_before for r in booked
                           if r.payment_method == "cash"),
            by_service=_group(booked, lambda r: r.service),
            by_payment=_group(booked, lambda r: r.payment_method),
            by_clerk=_group(booked, lambda r: r.clerk),
            per_hour=tuple(per_hour),
        )


def _group(rows: Iterable[ShipmentSummary],
           key: Callable[[ShipmentSummary], str]) -> tuple[GroupTotal, ...]:
    counts: dict[str, int] = {}
    revenue: dict[str, int] = {}
    for r in rows:
        k = key(r)
        counts[k] = counts.get(k, 0) + 1
        revenue[k] = revenue.get(k, 0) + r.total
    order = sorted(counts, key=lambda k: (-revenue[k], k))
    return tuple(GroupTotal(k, counts[k], revenue[k]) for k in order)


def filter_rows(rows: Iterable[ShipmentSummary], *, clerk: str | None = None,
                service: str | None = None, payment_method: str | None = None,
                status: str | None = None, search: str | None = None) -> list[ShipmentSummary]:
    """The rows matching every criterion given; ``None`` means any. ``search`` is the Day
    review's waybill box: the rows whose number holds those digits (``waybill_matches``)."""
    wanted = {"clerk": clerk, "service": service, "payment_method": payment_method,
              "status": status}
    wanted = {k: v for k, v in wanted.items() if v is not None}
    return [r for r in rows if all(getattr(r, k) == v for k, v in wanted.items())
            and waybill_matches(r.waybill, search)]


def waybill_matches(waybill: str, text: str | None) -> bool:
    """The Day review's search box: True when ``text`` is blank or its digits are part of
    ``waybill``. Spaces and dashes are ignored (the screen and the paper group a number:
    ``0042 0312`` finds ``00420312…``); text without a digit matches no waybill."""
    if not text or not text.strip():
        return True
    digits = "".join(c for c in text if c.isdigit())
    return bool(digits) and digits in waybill


BY = ("day", "week", "month")
MAX_DAYS = 366  # a year: what an accountant asks for at most, and a bounded amount of work


@dataclass(frozen=True)
class Bucket:
    """One day, ISO week or month of a period, clipped to the period's dates."""

    label: str  # 2026-11-25, 2026-W48 or 2026-11
    start: date
    end: date  # inclusive
    figures: DayFigures  # ``figures.day`` is ``start``


@dataclass(frozen=True)
class PeriodReport:
    """A date range's figures, in buckets of ``by`` and in total (voids left out of every
    total, as in the daily report). ``total.day`` is ``start``."""

    start: date
    end: date
    by: str
    buckets: tuple[Bucket, ...]
    total: DayFigures

    @classmethod
    def from_days(cls, start: date, end: date, by: str,
                  days: Mapping[date, Sequence[ShipmentSummary]], *,
                  tz: tzinfo = JAKARTA) -> PeriodReport:
        """``days`` maps each business date of the range to its day list (a missing date
        is a day without shipments)."""
        groups: dict[tuple[str, date], list[ShipmentSummary]] = {}
        for on in _dates(start, end):
            key = bucket_of(on, by)
            groups.setdefault(key, []).extend(days.get(on, ()))
        buckets = []
        for (label, first), rows in groups.items():
            lo = max(first, start)
            hi = min(_bucket_end(first, by), end)
            buckets.append(Bucket(label, lo, hi, DayFigures.from_rows(lo, rows, tz=tz)))
        every = [r for on in _dates(start, end) for r in days.get(on, ())]
        return cls(start, end, by, tuple(buckets), DayFigures.from_rows(start, every, tz=tz))


def bucket_of(on: date, by: str) -> tuple[str, date]:
    """(label, first day) of the bucket holding ``on``: the day, its ISO week (Monday
    first, as the outlet's week is) or its month."""
    if by == "day":
        return on.isoformat(), on
    if by == "week":
        year, week, weekday = on.isocalendar()
        return f"{year}-W{week:02d}", on - timedelta(days=weekday - 1)
    if by == "month":
        return f"{on.year}-{on.month:02d}", on.replace(day=1)
    raise ValueError(f"unknown grouping {by!r}")  # a caller's bug: the CLI offers BY only


def week_of(on: date) -> tuple[date, date]:
    """Monday and Sunday of ``on``'s ISO week."""
    first = bucket_of(on, "week")[1]
    return first, first + timedelta(days=6)


def month_of(on: date) -> tuple[date, date]:
    """The first and last day of ``on``'s month."""
    first = on.replace(day=1)
    return first, _bucket_end(first, "month")


def _bucket_end(first: date, by: str) -> date:
    if by == "day":
        return first
    if by == "week":
        return first + timedelta(days=6)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _dates(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def count_text(n: int, lang: str) -> str:
    """``12500`` → ``12.500`` (Indonesian) or ``12,500``."""
    return f"{n:,}".replace(",", _SEP.get(lang, _SEP["id"])[0])


def kg_text(grams: int, lang: str) -> str:
    """``865_420`` g → ``865,4 kg`` (Indonesian) or ``865.4 kg``; rounded in integers."""
    tenths = (grams + 50) // 100
    return f"{count_text(tenths // 10, lang)}{_SEP.get(lang, _SEP['id'])[1]}{tenths % 10} kg"
