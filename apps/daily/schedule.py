"""Reads of the calendar (R-CALENDAR): a unit's effective schedule, the holidays of a span, the
months HR closed (R-LATE) and the closure that applies to a unit's month, the leave an employee
may see and the days it excuses. Each is a constant number of queries;
callers that handle many employees load the holidays once and group the employees by unit."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import QuerySet

from apps.core.errors import NotFound
from apps.organization.models import Employee, OrgUnit
from apps.performance.selectors import readable_unit

from .audience import records_visible_to
from .calendar import Schedule, is_working_day
from .models import Holiday, Leave, LeaveStatus, MonthClosure, TimeZoneName, UnitSchedule

DEFAULT_SCHEDULE_DAYS = 5


def default_schedule() -> Schedule:
    """Monday–Friday in the installation's zone: for a tree where nobody set a schedule. The
    zone is one a unit could choose (WIB, WITA, WIT); any other TIME_ZONE setting means WIB."""
    zone = settings.TIME_ZONE if settings.TIME_ZONE in TimeZoneName.values else TimeZoneName.WIB.value
    return Schedule(DEFAULT_SCHEDULE_DAYS, zone)


def _nearest_schedule(own: dict[int, Schedule], unit: OrgUnit) -> tuple[Schedule, int | None]:
    """Of the schedules set at or above ``unit`` (unit id → schedule), the nearest one and the
    unit that set it; the default and None when none is."""
    for pk in reversed(unit.ancestor_ids):
        if pk in own:
            return own[pk], pk
    return default_schedule(), None


def schedule_source(unit: OrgUnit) -> tuple[Schedule, int | None]:
    """The effective schedule of ``unit`` and the id of the unit that set it (None: nobody, the
    default applies) — 1 query."""
    return _nearest_schedule({s.unit_id: Schedule(s.working_days, s.time_zone)
                              for s in UnitSchedule.objects.filter(unit_id__in=unit.ancestor_ids)}, unit)


def schedule_for(unit: OrgUnit) -> Schedule:
    """The schedule of the nearest unit at or above ``unit`` that has one; Monday–Friday in the
    installation's zone (WIB) when none has (1 query)."""
    return schedule_source(unit)[0]


def schedules_for(units: list[OrgUnit]) -> dict[int, Schedule]:
    """schedule_for of many units at once (1 query): unit id → schedule."""
    ancestors = {pk for unit in units for pk in unit.ancestor_ids}
    own = {s.unit_id: Schedule(s.working_days, s.time_zone) for s in UnitSchedule.objects.filter(unit_id__in=ancestors)}
    return {unit.pk: _nearest_schedule(own, unit)[0] for unit in units}


def holiday_horizon(day: dt.date) -> dt.date:
    """How far past ``day`` the holidays matter for its lateness (R-LATE): its due day lies the
    grace period's working days after it, which never reaches further than a week per grace day
    plus a long run of holidays."""
    return day + dt.timedelta(days=31 + 7 * settings.KINERJA_DAILY_GRACE_DAYS)


def holidays_named_between(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """National holidays and collective leave from ``start`` to ``end``, by date: their names
    (1 query). A dict is also the set of dates the calendar functions take."""
    return dict(Holiday.objects.filter(date__range=(start, end)).values_list("date", "name"))


def holidays_between(start: dt.date, end: dt.date) -> set[dt.date]:
    """The dates of holidays_named_between (1 query)."""
    return set(holidays_named_between(start, end))


def closed_months_of(units: Iterable[OrgUnit], start: dt.date, end: dt.date) -> dict[int, set[tuple[int, int]]]:
    """R-LATE: per unit, the months (year, month) from ``start``'s to ``end``'s that HR closed
    for the unit or a unit above it — the one check of closed months for entries, their review
    and leave. Every unit asked for is a key. 1 query (none for no units)."""
    units = list(units)
    if not units:
        return {}
    rows = MonthClosure.objects.filter(unit_id__in={pk for unit in units for pk in unit.ancestor_ids},
                                       year__range=(start.year, end.year)).values_list("unit_id", "year", "month")
    return _closed_by_unit(rows, units, start, end)


def _closed_by_unit(rows: Iterable[tuple[int, int, int]], units: list[OrgUnit], start: dt.date,
                    end: dt.date) -> dict[int, set[tuple[int, int]]]:
    """Closures (unit id, year, month) → per unit, the months from ``start``'s to ``end``'s closed
    for it or a unit above it."""
    first, last = (start.year, start.month), (end.year, end.month)
    by_unit: dict[int, set[tuple[int, int]]] = {}
    for unit_id, year, month in rows:
        if first <= (year, month) <= last:
            by_unit.setdefault(unit_id, set()).add((year, month))
    return {unit.pk: set().union(*(by_unit.get(pk, set()) for pk in unit.ancestor_ids)) for unit in units}


def closed_months(unit: OrgUnit, start: dt.date, end: dt.date) -> set[tuple[int, int]]:
    """closed_months_of for one unit (1 query)."""
    return closed_months_of([unit], start, end)[unit.pk]


def month_closure(user: User, unit_pk: int, year: int, month: int) -> MonthClosure | None:
    """R-LATE: the closure that applies to the unit's month — the unit's own, else the one of the
    nearest unit above it (HR of the unit can reopen only its own; reopening it may leave one
    above in force, which this then answers) — with its unit and the employee record of who
    closed it loaded; None while the month is open. For whoever may read the unit's discipline
    figures (HR of the unit, leaders of it or above: performance.selectors.readable_unit);
    NOT_FOUND for anyone else and for a unit that does not exist, then BAD_USER_INPUT for a
    month that does not exist (discipline.month_bounds). The access check's few queries and 1 more,
    open or closed."""
    from .discipline import month_bounds  # discipline reads the calendar through this module

    unit = readable_unit(user, unit_pk)
    if unit is None:
        raise NotFound()
    month_bounds(year, month)
    return (MonthClosure.objects.filter(unit_id__in=unit.ancestor_ids, year=year, month=month)
            .select_related("unit", "closed_by__employee").order_by("-unit__depth").first())


# --- leave ------------------------------------------------------------------------------------

def leaves_visible_to(user: User) -> QuerySet[Leave]:
    """Who sees an employee's leave: as their entries (apps/daily/audience.py) — the employee,
    their current rater and the rater's rater, HR of their unit, the leaders of their unit or
    above; anyone else sees none of it (NOT_FOUND). Up to 3 queries to build, evaluated as one."""
    return records_visible_to(user, Leave)


def _approved_overlapping(start: dt.date, end: dt.date) -> QuerySet[Leave]:
    return Leave.objects.filter(status=LeaveStatus.APPROVED, starts_on__lte=end, ends_on__gte=start)


def _days(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    return (first + dt.timedelta(days=n) for n in range((last - first).days + 1))


def excused_days_of(employee_ids: Iterable[int], start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """R-CALENDAR: per employee, the days from ``start`` to ``end`` covered by approved leave
    (every calendar day: callers intersect with working days). Every id asked for is a key
    (an empty set: no leave). 1 query."""
    ids = set(employee_ids)
    excused: dict[int, set[dt.date]] = {pk: set() for pk in ids}
    rows = _approved_overlapping(start, end).filter(employee_id__in=ids).values_list("employee_id", "starts_on", "ends_on")
    for employee_id, starts_on, ends_on in rows:
        excused[employee_id].update(_leave_days(starts_on, ends_on, start, end))
    return excused


def _leave_days(starts_on: dt.date, ends_on: dt.date, start: dt.date, end: dt.date) -> Iterable[dt.date]:
    """The days of a leave that fall from ``start`` to ``end``."""
    return _days(max(starts_on, start), min(ends_on, end))


def excused_days(employee: Employee, start: dt.date, end: dt.date) -> set[dt.date]:
    """excused_days_of for one employee (1 query)."""
    return excused_days_of([employee.pk], start, end)[employee.pk]


# --- one employee's days ------------------------------------------------------------------------

@dataclass(frozen=True)
class DayRules:
    """What decides whether a day is one to record for an employee (R-CALENDAR, R-LATE)."""
    schedule: Schedule
    holidays: dict[dt.date, str]  # from start to the horizon, their names
    excused: set[dt.date]  # covered by approved leave, from start to end
    closed: set[tuple[int, int]]  # (year, month) closed for the unit or a unit above it


def day_rules(employee: Employee, start: dt.date, end: dt.date, horizon: dt.date) -> DayRules:
    """schedule_for, holidays_named_between(start, horizon), excused_days and closed_months of
    one employee (with ``unit`` loaded) over ``start``..``end``, in ONE statement.

    Why SQL of our own here: this is read by every daily entry recorded or submitted and by
    every week view — the busiest path of the product (issue 14: 200 entries/s). As four ORM
    queries it cost four round trips and about a quarter of a recording's CPU, most of it in
    building the SQL; this is one UNION ALL of the same four filters, with parameters."""
    unit = employee.unit
    ancestors = unit.ancestor_ids or [unit.pk]  # a unit's path names it; "IN ()" is no SQL on PostgreSQL
    marks = ", ".join(["%s"] * len(ancestors))
    # Typed NULLs: PostgreSQL matches the branches' column types pair by pair.
    no_id, no_number, no_date, no_text = "CAST(NULL AS BIGINT)", "CAST(NULL AS INTEGER)", "CAST(NULL AS DATE)", \
        "CAST(NULL AS VARCHAR(200))"
    date = connection.ops.quote_name("date")  # a type's name as a column
    sql = (
        f"SELECT 's', unit_id, working_days, {no_number}, {no_date}, {no_date}, time_zone "
        f"FROM {UnitSchedule._meta.db_table} WHERE unit_id IN ({marks}) "
        f"UNION ALL SELECT 'h', {no_id}, {no_number}, {no_number}, {date}, {no_date}, name "
        f"FROM {Holiday._meta.db_table} WHERE {date} BETWEEN %s AND %s "
        f"UNION ALL SELECT 'l', {no_id}, {no_number}, {no_number}, starts_on, ends_on, {no_text} "
        f"FROM {Leave._meta.db_table} WHERE employee_id = %s AND status = %s AND starts_on <= %s AND ends_on >= %s "
        f"UNION ALL SELECT 'c', unit_id, year, month, {no_date}, {no_date}, {no_text} "
        f"FROM {MonthClosure._meta.db_table} WHERE unit_id IN ({marks}) AND year BETWEEN %s AND %s")
    params: list[int | str | dt.date] = [*ancestors, start, horizon, employee.pk, LeaveStatus.APPROVED.value, end,
                                         start, *ancestors, start.year, end.year]
    own: dict[int, Schedule] = {}
    holidays: dict[dt.date, str] = {}
    excused: set[dt.date] = set()
    closures: list[tuple[int, int, int]] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, unit_id, a, b, day, last_day, text in cursor.fetchall():
            if kind == "s":
                own[unit_id] = Schedule(a, text)
            elif kind == "h":
                holidays[_date(day)] = text
            elif kind == "l":
                excused.update(_leave_days(_date(day), _date(last_day), start, end))
            else:
                closures.append((unit_id, a, b))
    return DayRules(_nearest_schedule(own, unit)[0], holidays, excused,
                    _closed_by_unit(closures, [unit], start, end)[unit.pk])


def _date(value: dt.date | str) -> dt.date:
    """A date column read without the ORM: SQLite gives its text."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


MAX_CALENDAR_DAYS = 366


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    is_working_day: bool
    holiday: str | None = None        # the holiday's or collective leave's name
    holiday_kind: str | None = None   # HolidayKind
    excused: str | None = None        # LeaveKind of the approved leave covering the day


def employee_calendar(employee: Employee, start: dt.date, end: dt.date) -> list[CalendarDay]:
    """Each day from ``start`` to ``end`` for the employee: working day by their unit's schedule,
    the holiday if any, the kind of approved leave excusing it if any. 3 queries (schedule,
    holidays, leave) with ``employee.unit`` loaded, whatever the span. A span is at most a year;
    callers check the bounds they accept from clients."""
    if end < start or (end - start).days >= MAX_CALENDAR_DAYS:
        raise ValueError("employee_calendar: the span must be 1 to 366 days")
    schedule = schedule_for(employee.unit)
    holidays = {h.date: h for h in Holiday.objects.filter(date__range=(start, end)).only("date", "name", "kind")}
    leave_kind: dict[dt.date, str] = {}
    for starts_on, ends_on, kind in (_approved_overlapping(start, end).filter(employee=employee)
                                     .values_list("starts_on", "ends_on", "kind")):
        leave_kind.update(dict.fromkeys(_days(max(starts_on, start), min(ends_on, end)), kind))
    days = []
    for day in _days(start, end):
        holiday = holidays.get(day)
        days.append(CalendarDay(date=day, is_working_day=is_working_day(day, schedule, holidays),
                                holiday=holiday.name if holiday else None, holiday_kind=holiday.kind if holiday else None,
                                excused=leave_kind.get(day)))
    return days


# --- what the GraphQL resolvers read ----------------------------------------------------------

def unit_schedule(unit: OrgUnit) -> tuple[Schedule, OrgUnit | None]:
    """The effective schedule of ``unit`` and the unit that set it (None: nobody did)."""
    schedule, source_id = schedule_source(unit)
    source = unit if source_id == unit.pk else OrgUnit.objects.filter(pk=source_id).first() if source_id else None
    return schedule, source


def holidays_of_year(year: int) -> QuerySet[Holiday]:
    return Holiday.objects.filter(date__year=year).order_by("date")


def scope_to_visible_leaves(queryset: QuerySet[Leave], leaves: QuerySet[Leave]) -> QuerySet[Leave]:
    """``queryset`` narrowed to ``leaves`` (leaves_visible_to the viewer)."""
    return queryset.filter(pk__in=leaves)


def leaves_filtered(leaves: QuerySet[Leave], *, employee_id: int | None = None, unit: OrgUnit | None = None,
                    status: str | None = None) -> QuerySet[Leave]:
    """leaves: the visible leave (``leaves``: leaves_visible_to the viewer), latest first,
    narrowed (never widened) to an employee, a unit's subtree and a status."""
    if employee_id is not None:
        leaves = leaves.filter(employee_id=employee_id)
    if unit is not None:
        leaves = leaves.filter(employee__unit__path__startswith=unit.path)
    if status:
        leaves = leaves.filter(status=status)
    return leaves.order_by("-starts_on", "-pk")


def closure_with_unit(closure: MonthClosure) -> MonthClosure:
    """A month closure read again with its unit (1 query)."""
    return MonthClosure.objects.select_related("unit").get(pk=closure.pk)
