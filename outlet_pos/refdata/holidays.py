"""Indonesian public holidays (SKB 3 Menteri) from the ``lokal-id`` package.

National holidays and, by default, cuti bersama (collective leave) are off: hubs
run thin on those days. ``lokal`` carries the official decrees for the years it
knows; for other years the calendar falls back to weekends only and
``has_official_data`` says so, so a screen can warn that the estimate ignores
holidays.
"""

from __future__ import annotations

import threading
from datetime import date
from types import ModuleType

from ..domain.calendar import SATURDAY, SUNDAY


def _lokal() -> ModuleType:
    # lokal imports its text detectors too (~0.19 s): loaded on the first date question.
    from lokal import holidays

    return holidays


class LokalCalendar:
    """WorkingCalendar over lokal's holiday data. Thread-safe."""

    def __init__(self, cuti_bersama: bool = True) -> None:
        self.cuti_bersama = cuti_bersama
        self._years: dict[int, frozenset[date]] = {}
        self._lock = threading.Lock()

    def has_official_data(self, year: int) -> bool:
        return year in _lokal().HOLIDAY_YEARS

    def holidays(self, year: int) -> frozenset[date]:
        days = self._years.get(year)
        if days is None:
            with self._lock:
                days = self._load(year)
                self._years[year] = days
        return days

    def _load(self, year: int) -> frozenset[date]:
        if not self.has_official_data(year):
            return frozenset()
        return frozenset(
            date.fromisoformat(h.date)
            for h in _lokal().get_holidays(year).holidays
            if h.type == "libur_nasional" or self.cuti_bersama
        )

    def is_working_day(self, d: date) -> bool:
        return d.weekday() not in (SATURDAY, SUNDAY) and d not in self.holidays(d.year)
