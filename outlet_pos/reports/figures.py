"""The day's figures for the manager's report, computed from the day list.

Voided shipments are counted as voided and left out of every money and parcel total,
as the end-of-day closing does. Money is integer rupiah throughout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from zoneinfo import ZoneInfo

from ..services.ports import ShipmentSummary

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
            cash_total=sum(r.total for r in booked if r.payment_method == "cash"),
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
                status: str | None = None) -> list[ShipmentSummary]:
    """The rows matching every criterion given; ``None`` means any."""
    wanted = {"clerk": clerk, "service": service, "payment_method": payment_method,
              "status": status}
    wanted = {k: v for k, v in wanted.items() if v is not None}
    return [r for r in rows if all(getattr(r, k) == v for k, v in wanted.items())]


def count_text(n: int, lang: str) -> str:
    """``12500`` → ``12.500`` (Indonesian) or ``12,500``."""
    return f"{n:,}".replace(",", _SEP.get(lang, _SEP["id"])[0])


def kg_text(grams: int, lang: str) -> str:
    """``865_420`` g → ``865,4 kg`` (Indonesian) or ``865.4 kg``; rounded in integers."""
    tenths = (grams + 50) // 100
    return f"{count_text(tenths // 10, lang)}{_SEP.get(lang, _SEP['id'])[1]}{tenths % 10} kg"
