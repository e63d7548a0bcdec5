"""R-DISCIPLINE: per employee and month, how the daily entries kept time — the figures HR hands to
the allowance (Tukin/TPP) calculation. No money here: the formula is a regional regulation.

Definitions, for an employee, a month, and ``today`` (the unit's local date unless given):

- **counted days**: the days of the month up to and including today; later days are not
  counted at all (a month in progress shows what has happened so far).
- **working days**: counted days that are working days of the employee's (current) unit
  (R-CALENDAR: its 5- or 6-day week, minus national holidays and collective leave).
- **excused**: working days covered by an APPROVED leave (cuti, dinas luar, sick leave). An
  excused day is only excused, even if entries were submitted for it (so the share of on-time
  days cannot pass 100%).
- **filled**: a working day with at least one submitted entry — ``first_submitted_at`` set and
  any status but DRAFT (a returned entry was submitted; its resubmission keeps the first
  submission, R-LATE). A day with drafts only is not filled.
- **on time / late**: a filled day is on time when its earliest submission was on time, i.e. the
  smallest ``late_days`` of its submitted entries is 0; late otherwise.
- **missing**: a working day, not excused, not filled, whose due day (R-LATE: by default the next
  working day, settings.KINERJA_DAILY_GRACE_DAYS) is before today — its deadline has passed.
- **pending**: a working day, not excused, not filled, still within its grace period (today or
  the day before, by default): neither missing nor late yet. Counted separately, so that
  working = on time + late + missing + excused + pending.
- **percent on time** = on time ÷ (working − excused) × 100, 2 decimals; None when nothing is
  expected (no working day, or all excused). Pending days stay in the denominator, as the
  definition says: for a finished month (HR's export) there are none left.

``month_summary`` reads everything in 4 queries whatever the number of employees (schedules,
holidays, approved leave, the submitted entries aggregated per employee and day).
"""
from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, NotFound
from apps.organization.models import Employee, OrgUnit
from apps.performance.selectors import may_see_unit_aggregates
from apps.performance.services import MAX_YEAR, MIN_YEAR

from .audience import personally_related
from .calendar import Schedule, due_day, working_days
from .models import DailyEntry, EntryStatus
from .schedule import excused_days_of, holiday_horizon, holidays_between, schedules_for

HUNDRED, CENT = Decimal(100), Decimal("0.01")


@dataclass(frozen=True)
class Row:
    """One employee's month (R-DISCIPLINE)."""

    employee: Employee
    working_days: int
    on_time: int
    late: int
    missing: int
    excused: int
    pending: int

    @property
    def percent_on_time(self) -> Decimal | None:
        expected = self.working_days - self.excused
        if expected <= 0:
            return None
        return (self.on_time * HUNDRED / expected).quantize(CENT, rounding=ROUND_HALF_UP)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the month; BAD_USER_INPUT for a month that does not exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadInput(_("The year is out of range."), fields={"year": "range"})
    if not 1 <= month <= 12:
        raise BadInput(_("The month must be between 1 and 12."), fields={"month": "range"})
    return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])


@dataclass(frozen=True)
class _Calendar:
    """The month as seen by one schedule: its counted working days and when each is due."""

    days: list[dt.date]
    due: dict[dt.date, dt.date]
    today: dt.date


def _calendar(schedule: Schedule, start: dt.date, end: dt.date, holidays: set[dt.date],
              today: dt.date | None) -> _Calendar:
    today = today or timezone.now().astimezone(schedule.zone).date()
    days = list(working_days(start, min(end, today), schedule, holidays))
    grace = settings.KINERJA_DAILY_GRACE_DAYS
    return _Calendar(days, {day: due_day(day, schedule, holidays, grace) for day in days}, today)


def _submitted_days(employee_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[dt.date, int]]:
    """Per employee and day with a submitted entry: the smallest late_days of the day (1 query,
    one row per employee and day)."""
    days: dict[int, dict[dt.date, int]] = defaultdict(dict)
    for employee_id, day, late in (
            DailyEntry.objects.filter(employee_id__in=employee_ids, date__range=(start, end),
                                      first_submitted_at__isnull=False)
            .exclude(status=EntryStatus.DRAFT)
            .values("employee_id", "date").annotate(late=Min("late_days")).order_by()
            .values_list("employee_id", "date", "late")):
        days[employee_id][day] = late
    return days


def _row(employee: Employee, month: _Calendar, excused_days: set[dt.date], submitted: dict[dt.date, int]) -> Row:
    on_time = late = missing = excused = pending = 0
    for day in month.days:
        if day in excused_days:
            excused += 1
        elif day in submitted:
            if submitted[day] == 0:
                on_time += 1
            else:
                late += 1
        elif month.due[day] < month.today:
            missing += 1
        else:
            pending += 1
    return Row(employee=employee, working_days=len(month.days), on_time=on_time, late=late, missing=missing,
               excused=excused, pending=pending)


def month_summary(employees: Sequence[Employee], year: int, month: int, *, today: dt.date | None = None) -> list[Row]:
    """R-DISCIPLINE rows of ``employees`` (with ``unit`` loaded: select_related) for the month, in
    their order. 4 queries whatever their number (none for no employees). ``today``: the day the
    figures are taken on (default: now, in each unit's time zone)."""
    start, end = month_bounds(year, month)
    if not employees:
        return []
    units = list({employee.unit_id: employee.unit for employee in employees}.values())
    schedules = schedules_for(units)
    # Due days of the month's last days fall in the next month: load its holidays too.
    holidays = holidays_between(start, holiday_horizon(end))
    ids = [employee.pk for employee in employees]
    excused = excused_days_of(ids, start, end)
    submitted = _submitted_days(ids, start, end)
    calendars: dict[Schedule, _Calendar] = {}  # a few distinct schedules for thousands of employees
    rows = []
    for employee in employees:
        schedule = schedules[employee.unit_id]
        if schedule not in calendars:
            calendars[schedule] = _calendar(schedule, start, end, holidays, today)
        rows.append(_row(employee, calendars[schedule], excused[employee.pk], submitted.get(employee.pk, {})))
    return rows


# --- who sees whose figures ------------------------------------------------------------------


def subtree_employees(unit: OrgUnit) -> QuerySet[Employee]:
    """The active employees of the unit and its sub-units as HR lists them: by sub-unit in tree
    order, then name (lazy)."""
    return (Employee.objects.filter(is_active=True, unit__path__startswith=unit.path)
            .select_related("unit", "position").order_by("unit__path", "name", "pk"))


def discipline_visible(user: User, unit: OrgUnit, year: int, month: int) -> QuerySet[Employee]:
    """The employees of subtree_employees(unit) whose month the viewer may see: all of them for
    HR of the unit and the leaders of the unit or above (as unitPerformance); otherwise the
    viewer's own row, those they rate and those their ratees rate (apps/daily/audience.py; one
    employee's figures: audience.employee_for_daily). NOT_FOUND when that is
    nobody — the viewer has no business with the unit; then BAD_USER_INPUT for a month that does
    not exist. Lazy; the checks cost 1–3 queries."""
    employees = subtree_employees(unit)
    if not may_see_unit_aggregates(user, unit):
        employees = employees.filter(personally_related(user))
        if not employees.exists():
            raise NotFound()
    month_bounds(year, month)
    return employees
