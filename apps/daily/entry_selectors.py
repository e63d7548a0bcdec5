"""Reads of daily progress (R-DAILY, R-LATE, R-CALENDAR), scoped to the viewer.

Who sees an employee's entries: the rule of all daily records (apps/daily/audience.py) — the
employee, their current rater and the rater's rater, HR of their unit, the leaders of their unit
or above. Nobody else.

The week view's day marks follow R-DISCIPLINE's definitions (apps/daily/discipline.py): a day
is *filled* by an entry submitted at least once (a returned entry counts, R-LATE), *late* when
its earliest submission was, *missing* when it is a working day, not excused, not filled, and
its due day is past.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from apps.organization.models import Employee

from . import calendar
from .audience import records_visible_to
from .models import DailyEntry, EntryStatus
from .schedule import day_rules, holiday_horizon


def entries_visible_to(user: User) -> QuerySet[DailyEntry]:
    """The entries the viewer may read (apps/daily/audience.py; lazy, up to 3 queries to build)."""
    return records_visible_to(user, DailyEntry)


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
    entry_ids: list[int] = field(default_factory=list)  # oldest first; callers load what they show
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
    each day working or not (holiday, weekend, excused), the ids of its entries, whether it is
    missing, and how late it was filled. 2 queries whatever the number of entries: the
    calendar's rules (schedule, holidays, leave, closed months: schedule.day_rules) and the
    entries' day marks (no entry rows: the caller loads the fields it shows)."""
    start = any_date - dt.timedelta(days=any_date.weekday())
    end = start + dt.timedelta(days=6)
    grace = settings.KINERJA_DAILY_GRACE_DAYS
    # Due days of the week's last days fall after it.
    rules = day_rules(employee, start, end, holiday_horizon(end))
    schedule, holidays, excused, closed = rules.schedule, rules.holidays, rules.excused, rules.closed
    today = today or timezone.now().astimezone(schedule.zone).date()
    entry_ids: dict[dt.date, list[int]] = {}
    submitted: dict[dt.date, list[int]] = {}  # late_days of the day's submitted entries
    for pk, date, status, first_submitted_at, late_days in (
            DailyEntry.objects.filter(employee=employee, date__range=(start, end)).order_by("date", "pk")
            .values_list("pk", "date", "status", "first_submitted_at", "late_days")):
        entry_ids.setdefault(date, []).append(pk)
        if first_submitted_at is not None and status != EntryStatus.DRAFT:
            submitted.setdefault(date, []).append(late_days)
    days = []
    for offset in range(7):
        date = start + dt.timedelta(days=offset)
        working = calendar.is_working_day(date, schedule, holidays)
        filled = submitted.get(date, [])
        days.append(Day(
            date=date, is_working_day=working, holiday=holidays.get(date),
            is_weekend=not calendar.is_working_day(date, schedule, ()),
            is_excused=working and date in excused,
            is_closed=(date.year, date.month) in closed,
            deadline=calendar.deadline(date, schedule, holidays, grace) if working else None,
            entry_ids=entry_ids.get(date, []), is_filled=bool(filled), late_days=min(filled) if filled else None,
            is_missing=(working and date not in excused and not filled
                        and calendar.due_day(date, schedule, holidays, grace) < today)))
    return Week(employee=employee, start=start, days=days)


# --- the rater's inbox -------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    employee: Employee
    waiting: int
    oldest: dt.date


def _awaiting_review_by(rater_user: User) -> Q:
    """Submitted entries of the employees whose current rater (an acting official included) is
    ``rater_user``."""
    return Q(status=EntryStatus.SUBMITTED, employee__rater__user=rater_user)


def review_queue(rater_user: User) -> list[QueueItem]:
    """One item per subordinate with submitted entries waiting for this rater (as current rater,
    an acting official included), the longest waiting first. 2 queries."""
    rows = list(DailyEntry.objects.filter(_awaiting_review_by(rater_user))
                .values("employee_id").annotate(waiting=Count("pk"), oldest=Min("date"))
                .order_by("oldest", "employee_id"))
    if not rows:
        return []
    employees = Employee.objects.select_related("unit", "position").in_bulk([row["employee_id"] for row in rows])
    return [QueueItem(employee=employees[row["employee_id"]], waiting=row["waiting"], oldest=row["oldest"])
            for row in rows]


# --- what the GraphQL resolvers read ----------------------------------------------------------

def scope_to_visible_entries(queryset: QuerySet, entries: QuerySet[DailyEntry], field: str = "pk") -> QuerySet:
    """``queryset`` narrowed to the rows whose entry (``field``; "pk" for entries) is one of
    ``entries`` (entries_visible_to the viewer)."""
    return queryset.filter(**{f"{field}__in": entries})


def entries_by_pks(pks) -> QuerySet[DailyEntry]:
    """Entries a service returned or a week holds, by day (to be optimized for a selection)."""
    return DailyEntry.objects.filter(pk__in=list(pks)).order_by("date", "pk")


def entries_filtered(entries: QuerySet[DailyEntry], *, employee_id: int | None = None,
                     from_: dt.date | None = None, to: dt.date | None = None,
                     status: str | None = None, awaiting_review_by: User | None = None) -> QuerySet[DailyEntry]:
    """dailyEntries: the visible entries (``entries``: entries_visible_to the viewer), newest
    first, narrowed to an employee, a span of days, a status, and to those waiting for
    ``awaiting_review_by`` as the employee's current rater (review_queue's entries)."""
    if awaiting_review_by is not None:
        entries = entries.filter(_awaiting_review_by(awaiting_review_by))
    if employee_id is not None:
        entries = entries.filter(employee_id=employee_id)
    if from_:
        entries = entries.filter(date__gte=from_)
    if to:
        entries = entries.filter(date__lte=to)
    if status:
        entries = entries.filter(status=status)
    return entries.order_by("-date", "-pk")
