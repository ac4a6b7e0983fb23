"""Working days for delivery estimates: weekends and public holidays are skipped.

The holiday data comes in through the ``WorkingCalendar`` protocol
(``refdata.holidays.LokalCalendar`` in the app), so this module stays pure.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

SATURDAY, SUNDAY = 5, 6


class WorkingCalendar(Protocol):
    def is_working_day(self, d: date) -> bool: ...


class HolidayCalendar:
    """Weekend days (``date.weekday()`` numbers) plus a set of holidays are off."""

    def __init__(self, holidays: frozenset[date] = frozenset(),
                 weekend: tuple[int, ...] = (SATURDAY, SUNDAY)) -> None:
        self.holidays = holidays
        self.weekend = weekend

    def is_working_day(self, d: date) -> bool:
        return d.weekday() not in self.weekend and d not in self.holidays


class WeekendCalendar(HolidayCalendar):
    """Saturdays and Sundays off, no holidays: for tests and unknown years."""

    def __init__(self) -> None:
        super().__init__(frozenset())


def add_working_days(calendar: WorkingCalendar, start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    d = start
    left = n
    while left:
        d += timedelta(days=1)
        if calendar.is_working_day(d):
            left -= 1
    return d
