"""Facts about this outlet and terminal that every booking needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class OutletInfo:
    number: int
    terminal: int
    name: str
    timezone: ZoneInfo
    origin_district: str

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.timezone)

    def business_date(self, at: datetime) -> date:
        return self.local(at).date()
