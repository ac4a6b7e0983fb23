"""Timestamps as stored: ISO-8601 in UTC with microseconds, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime


def to_iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        raise ValueError("naive datetime: times must carry a time zone")
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def period_of(dt: datetime) -> str:
    """The data-key period (UTC calendar month) a timestamp falls in."""
    utc = dt.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}"  # = strftime("%Y-%m"), a third of its cost
