"""R-CALENDAR and R-LATE as pure functions of a unit's schedule and the holidays: which days are
working days, when a day's entries are due, and how late a submission is. No queries here —
selectors load the schedule and the holidays once and pass them in."""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SATURDAY = 5


@dataclass(frozen=True)
class Schedule:
    """A unit's working week (5: Monday–Friday, 6: Monday–Saturday) and its time zone."""

    working_days: int = 5
    time_zone: str = "Asia/Jakarta"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def is_working_day(day: dt.date, schedule: Schedule, holidays: Collection[dt.date]) -> bool:
    """A weekday of the unit's week that is no national holiday or collective leave."""
    weekday = day.weekday()
    in_week = weekday < SATURDAY or (weekday == SATURDAY and schedule.working_days == 6)
    return in_week and day not in holidays


def working_days(start: dt.date, end: dt.date, schedule: Schedule, holidays: Collection[dt.date]) -> Iterator[dt.date]:
    """The working days from ``start`` to ``end``, both included."""
    day = start
    while day <= end:
        if is_working_day(day, schedule, holidays):
            yield day
        day += dt.timedelta(days=1)


def next_working_day(day: dt.date, schedule: Schedule, holidays: Collection[dt.date]) -> dt.date:
    """The first working day after ``day``."""
    day += dt.timedelta(days=1)
    while not is_working_day(day, schedule, holidays):
        day += dt.timedelta(days=1)
    return day


def due_day(day: dt.date, schedule: Schedule, holidays: Collection[dt.date], grace: int = 1) -> dt.date:
    """The last day an entry for ``day`` is on time: the end of the ``grace``-th working day after
    it (default the next working day; settings.KINERJA_DAILY_GRACE_DAYS)."""
    for _ in range(grace):
        day = next_working_day(day, schedule, holidays)
    return day


def deadline(day: dt.date, schedule: Schedule, holidays: Collection[dt.date], grace: int = 1) -> dt.datetime:
    """The moment an entry for ``day`` becomes late: midnight after its due day, unit time."""
    after = due_day(day, schedule, holidays, grace) + dt.timedelta(days=1)
    return dt.datetime.combine(after, dt.time.min, tzinfo=schedule.zone)


def late_days(day: dt.date, submitted_at: dt.datetime, schedule: Schedule, holidays: Collection[dt.date],
              grace: int = 1) -> int:
    """R-LATE: how many working days after the due day the submission came (0: on time). Counted
    in the unit's local dates: submitted on the first working day after the due day is 1."""
    due = due_day(day, schedule, holidays, grace)
    submitted_on = submitted_at.astimezone(schedule.zone).date()
    if submitted_on <= due:
        return 0
    late = sum(1 for _ in working_days(due + dt.timedelta(days=1), submitted_on, schedule, holidays))
    return max(late, 1)  # submitted on a later weekend or holiday: still late
