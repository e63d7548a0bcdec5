"""Reads of daily progress (R-DAILY, R-LATE, R-CALENDAR), scoped to the viewer.

Who sees an employee's entries (as plans, plus the leaders): the employee; their current rater
(an acting official included) and the rater's rater — so entries follow a change of rater; HR
of their unit; the leaders of their unit or of any unit above it. Nobody else.

The week view's day marks follow R-DISCIPLINE's definitions (apps/daily/discipline.py): a day
is *filled* by an entry submitted at least once (a returned entry counts, R-LATE), *late* when
its earliest submission was, *missing* when it is a working day, not excused, not filled, and
its due day is past.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from apps.organization import selectors as org
from apps.organization.models import Employee, OrgUnit

from . import calendar
from .models import DailyEntry, EntryStatus, Holiday, MonthClosure
from .schedule import excused_days, schedule_for


def entries_visible_to(user: AbstractBaseUser) -> QuerySet[DailyEntry]:
    """The entries the viewer may read (lazy; building it costs up to 3 queries: the units the
    viewer leads, and HR's role and scopes)."""
    if not user.is_authenticated:
        return DailyEntry.objects.none()
    if user.is_superuser:
        return DailyEntry.objects.all()
    condition = Q(employee__user=user) | Q(employee__rater__user=user) | Q(employee__rater__rater__user=user)
    for path in OrgUnit.objects.filter(leader__user=user).values_list("path", flat=True):
        condition |= Q(employee__unit__path__startswith=path)
    if org.is_performance_admin(user):
        condition |= Q(employee__unit__in=org.units_managed_by(user))
    return DailyEntry.objects.filter(condition)


def employee_entries_visible(user: AbstractBaseUser, employee: Employee) -> bool:
    """Whether the viewer may read this employee's entries, whether or not there are any
    (the same rules as entries_visible_to; 1–3 queries)."""
    if user.is_superuser or employee.user_id == user.pk:
        return True
    if employee.rater_id is not None and Employee.objects.filter(
            Q(pk=employee.rater_id, user=user) | Q(pk=employee.rater_id, rater__user=user)).exists():
        return True
    if OrgUnit.objects.filter(pk__in=employee.unit.ancestor_ids, leader__user=user).exists():
        return True
    return org.manages_unit(user, employee.unit)


# --- the week of one employee ------------------------------------------------------------------


@dataclass
class Day:
    date: dt.date
    is_working_day: bool
    holiday: str | None          # the holiday's name
    is_weekend: bool             # outside the unit's working week
    is_excused: bool             # a working day covered by approved leave
    is_closed: bool              # its month is closed (R-LATE)
    deadline: dt.datetime | None  # working days: when an entry for it becomes late
    entries: list[DailyEntry] = field(default_factory=list)
    is_filled: bool = False
    is_missing: bool = False
    late_days: int | None = None  # filled days: the earliest submission's lateness


@dataclass
class Week:
    employee: Employee
    start: dt.date
    days: list[Day]


def week_of(employee: Employee, any_date: dt.date, *, today: dt.date | None = None) -> Week:
    """The week (Monday to Sunday) holding ``any_date`` for an employee (with ``unit`` loaded):
    each day working or not (holiday, weekend, excused), its entries, whether it is missing,
    and how late it was filled. 5 queries whatever the number of entries: the schedule, the
    holidays, leave, closed months and the entries (with their work results)."""
    schedule = schedule_for(employee.unit)
    start = any_date - dt.timedelta(days=any_date.weekday())
    end = start + dt.timedelta(days=6)
    today = today or timezone.now().astimezone(schedule.zone).date()
    grace = settings.KINERJA_DAILY_GRACE_DAYS
    # Due days of the week's last days fall after it: a grace period's reach past a long holiday.
    holidays = dict(Holiday.objects.filter(date__range=(start, end + dt.timedelta(days=31 + 7 * grace)))
                    .values_list("date", "name"))
    excused = excused_days(employee, start, end)
    closed = set(MonthClosure.objects.filter(unit_id__in=employee.unit.ancestor_ids,
                                             year__range=(start.year, end.year)).values_list("year", "month"))
    entries: dict[dt.date, list[DailyEntry]] = {}
    for entry in (DailyEntry.objects.filter(employee=employee, date__range=(start, end))
                  .select_related("work_result").order_by("date", "pk")):
        entries.setdefault(entry.date, []).append(entry)
    days = []
    for offset in range(7):
        date = start + dt.timedelta(days=offset)
        working = calendar.is_working_day(date, schedule, holidays.keys())
        day = Day(date=date, is_working_day=working, holiday=holidays.get(date),
                  is_weekend=not calendar.is_working_day(date, schedule, ()),
                  is_excused=working and date in excused,
                  is_closed=(date.year, date.month) in closed,
                  deadline=calendar.deadline(date, schedule, holidays.keys(), grace) if working else None,
                  entries=entries.get(date, []))
        submitted = [e.late_days for e in day.entries
                     if e.first_submitted_at is not None and e.status != EntryStatus.DRAFT]
        day.is_filled = bool(submitted)
        day.late_days = min(submitted) if submitted else None
        day.is_missing = (working and not day.is_excused and not day.is_filled
                          and calendar.due_day(date, schedule, holidays.keys(), grace) < today)
        days.append(day)
    return Week(employee=employee, start=start, days=days)


# --- the rater's inbox -------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    employee: Employee
    waiting: int
    oldest: dt.date


def review_queue(rater_user: AbstractBaseUser) -> list[QueueItem]:
    """One item per subordinate with submitted entries waiting for this rater (as current rater,
    an acting official included), the longest waiting first. 2 queries."""
    rows = list(DailyEntry.objects.filter(status=EntryStatus.SUBMITTED, employee__rater__user=rater_user)
                .values("employee_id").annotate(waiting=Count("pk"), oldest=Min("date"))
                .order_by("oldest", "employee_id"))
    if not rows:
        return []
    employees = Employee.objects.select_related("unit", "position").in_bulk([row["employee_id"] for row in rows])
    return [QueueItem(employee=employees[row["employee_id"]], waiting=row["waiting"], oldest=row["oldest"])
            for row in rows]
