"""Working days skip weekends and Indonesian public holidays (cuti bersama included)."""

from __future__ import annotations

from datetime import date

from outlet_pos.domain.calendar import WeekendCalendar, add_working_days
from outlet_pos.refdata.holidays import LokalCalendar


def test_weekends():
    cal = WeekendCalendar()
    assert add_working_days(cal, date(2026, 11, 27), 1) == date(2026, 11, 30)  # Fri → Mon
    assert add_working_days(cal, date(2026, 11, 25), 0) == date(2026, 11, 25)


def test_christmas_and_cuti_bersama_are_skipped():
    cal = LokalCalendar()
    assert not cal.is_working_day(date(2026, 12, 24))  # cuti bersama
    assert not cal.is_working_day(date(2026, 12, 25))  # Christmas
    assert add_working_days(cal, date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert LokalCalendar(cuti_bersama=False).is_working_day(date(2026, 12, 24))


def test_idulfitri_2026_week():
    cal = LokalCalendar()
    # 18-24 March 2026: Nyepi and Idulfitri with cuti bersama; Wed 18 → Wed 25 is next.
    assert add_working_days(cal, date(2026, 3, 17), 1) == date(2026, 3, 25)


def test_year_without_official_data_falls_back_to_weekends():
    cal = LokalCalendar()
    assert not cal.has_official_data(2031) and cal.has_official_data(2026)
    assert add_working_days(cal, date(2031, 1, 3), 1) == date(2031, 1, 6)
