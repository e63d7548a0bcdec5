"""R-CALENDAR and R-LATE as pure functions (apps/daily/calendar.py), against the 2026 holidays
of apps/daily/holidays.py: no database."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from apps.daily.calendar import Schedule, deadline, due_day, is_working_day, late_days, working_days
from apps.daily.holidays import HOLIDAYS_2026

HOLIDAYS = {row.date for row in HOLIDAYS_2026}
FIVE = Schedule(5, "Asia/Jakarta")
SIX = Schedule(6, "Asia/Jakarta")
WIB, WITA = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar")


def d(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


def at(month: int, day: int, hour: int, minute: int = 0, zone=WIB) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=zone)


def test_r_calendar_weekend_of_a_five_day_unit():
    assert [is_working_day(d(5, n), FIVE, HOLIDAYS) for n in (4, 8, 9, 10)] == [True, True, False, False]


def test_r_calendar_weekend_of_a_six_day_unit_is_sunday_only():
    assert [is_working_day(d(5, n), SIX, HOLIDAYS) for n in (8, 9, 10)] == [True, True, False]


def test_r_calendar_national_holiday_is_off_for_every_week():
    independence_day = d(8, 17)  # a Monday
    assert not is_working_day(independence_day, FIVE, HOLIDAYS)
    assert not is_working_day(independence_day, SIX, HOLIDAYS)
    assert is_working_day(independence_day, FIVE, set())


def test_r_calendar_collective_leave_is_off():
    assert not is_working_day(d(3, 20), FIVE, HOLIDAYS)  # Friday, cuti bersama Idul Fitri
    assert not is_working_day(d(5, 15), SIX, HOLIDAYS)   # Friday, cuti bersama Kenaikan


def test_r_calendar_working_days_of_lebaran_fortnight():
    # 16–27 March 2026: Nyepi (19), Idul Fitri (21–22) and four days of collective leave (18, 20, 23, 24).
    five = list(working_days(d(3, 16), d(3, 27), FIVE, HOLIDAYS))
    six = list(working_days(d(3, 16), d(3, 27), SIX, HOLIDAYS))
    assert five == [d(3, 16), d(3, 17), d(3, 25), d(3, 26), d(3, 27)]
    assert six == five  # the only Saturday (21) is Idul Fitri: no difference


def test_r_late_due_day_over_a_weekend_is_monday():
    assert due_day(d(5, 8), FIVE, HOLIDAYS) == d(5, 11)   # Friday → Monday
    assert due_day(d(5, 8), SIX, HOLIDAYS) == d(5, 9)     # a six-day unit: Saturday


def test_r_late_due_day_before_a_long_weekend_skips_holiday_and_collective_leave():
    # Wednesday 13 May; Thursday 14 is Kenaikan, Friday 15 cuti bersama, then the weekend.
    assert due_day(d(5, 13), FIVE, HOLIDAYS) == d(5, 18)
    assert due_day(d(5, 13), FIVE, HOLIDAYS, grace=2) == d(5, 19)


def test_r_late_deadline_is_midnight_after_the_due_day_in_unit_time():
    assert deadline(d(5, 8), FIVE, HOLIDAYS) == at(5, 12, 0)
    assert deadline(d(5, 8), Schedule(5, "Asia/Makassar"), HOLIDAYS) == at(5, 12, 0, zone=WITA)


def test_r_late_on_time_up_to_the_end_of_the_due_day():
    assert late_days(d(5, 4), at(5, 4, 16), FIVE, HOLIDAYS) == 0
    assert late_days(d(5, 4), at(5, 5, 23, 59), FIVE, HOLIDAYS) == 0


def test_r_late_by_one_working_day():
    assert late_days(d(5, 4), at(5, 6, 9), FIVE, HOLIDAYS) == 1   # Monday's entry on Wednesday


def test_r_late_by_three_working_days():
    assert late_days(d(5, 4), at(5, 8, 9), FIVE, HOLIDAYS) == 3   # Monday's entry on Friday


def test_r_late_counts_working_days_only_across_a_long_weekend():
    # Tuesday 12 May is due Wednesday 13; submitted Monday 18: only Monday is a working day after it.
    assert late_days(d(5, 12), at(5, 18, 8), FIVE, HOLIDAYS) == 1


def test_r_late_submitted_on_a_weekend():
    # Thursday's entry is due Friday; sent on Saturday it is late (1) although Saturday is no working day ...
    assert late_days(d(5, 7), at(5, 9, 10), FIVE, HOLIDAYS) == 1
    # ... and on Sunday still 1: no working day passed in between.
    assert late_days(d(5, 7), at(5, 10, 10), FIVE, HOLIDAYS) == 1
    # In a six-day unit Friday's entry is due Saturday: on time.
    assert late_days(d(5, 8), at(5, 9, 10), SIX, HOLIDAYS) == 0


def test_r_late_half_past_eleven_wib_is_already_the_next_day_in_wita():
    wita = Schedule(5, "Asia/Makassar")
    submitted = at(5, 5, 23, 30)  # Tuesday 23:30 WIB = Wednesday 00:30 WITA; Monday's entry was due Tuesday
    assert late_days(d(5, 4), submitted, FIVE, HOLIDAYS) == 0
    assert late_days(d(5, 4), submitted, wita, HOLIDAYS) == 1
