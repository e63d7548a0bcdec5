"""R-CALENDAR reads (apps/daily/schedule.py) on the demo organization: inherited schedules and
time zones, excused days, one employee's calendar — each in a constant number of queries."""
from __future__ import annotations

import datetime as dt

import pytest

from apps.daily.calendar import Schedule, late_days
from apps.daily.models import Holiday, HolidayKind, Leave, LeaveKind, LeaveStatus, UnitSchedule
from apps.daily.schedule import (
    closed_months,
    day_rules,
    employee_calendar,
    excused_days,
    excused_days_of,
    holidays_between,
    holidays_named_between,
    leaves_visible_to,
    schedule_for,
    schedule_source,
    schedules_for,
)
from apps.organization.models import Employee, OrgUnit

pytestmark = pytest.mark.django_db

MAY = (dt.date(2026, 5, 1), dt.date(2026, 5, 31))


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def leave(employee, first, last, status=LeaveStatus.APPROVED, kind=LeaveKind.CUTI) -> Leave:
    return Leave.objects.create(employee=employee, starts_on=first, ends_on=last, status=status, kind=kind)


def test_r_calendar_default_is_monday_to_friday_wib(demo_db):
    assert schedule_source(unit("DISDIK-SD-KUR")) == (Schedule(5, "Asia/Jakarta"), None)


def test_r_calendar_a_unit_inherits_the_nearest_schedule_above(demo_db):
    UnitSchedule.objects.create(unit=unit("LEBONG"), working_days=5, time_zone="Asia/Makassar")
    UnitSchedule.objects.create(unit=unit("DINKES"), working_days=6, time_zone="Asia/Jakarta")
    assert schedule_for(unit("PKM-TUBEI")) == Schedule(6, "Asia/Jakarta")        # from Dinas Kesehatan
    assert schedule_source(unit("DISDIK-SD-KUR")) == (Schedule(5, "Asia/Makassar"), unit("LEBONG").pk)
    units = list(OrgUnit.objects.filter(code__in=["PKM-TUBEI", "DISDIK-SD-KUR", "LEBONG"]))
    assert {u.code: schedules_for(units)[u.pk] for u in units} == {
        "PKM-TUBEI": Schedule(6, "Asia/Jakarta"), "DISDIK-SD-KUR": Schedule(5, "Asia/Makassar"),
        "LEBONG": Schedule(5, "Asia/Makassar")}


def test_r_late_a_unit_inheriting_wita_judges_a_2330_wib_submission_by_its_own_date(demo_db):
    UnitSchedule.objects.create(unit=unit("DISDIK"), working_days=5, time_zone="Asia/Makassar")
    section = unit("DISDIK-SD-KUR")
    assert not UnitSchedule.objects.filter(unit=section).exists()
    tuesday_2330_wib = dt.datetime(2026, 5, 5, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    # Monday 4 May is due Tuesday; 23:30 WIB is 00:30 Wednesday in WITA: one working day late.
    assert late_days(dt.date(2026, 5, 4), tuesday_2330_wib, schedule_for(section), set()) == 1
    assert late_days(dt.date(2026, 5, 4), tuesday_2330_wib, schedule_for(unit("DINKES")), set()) == 0


def test_schedules_for_many_units_is_one_query(demo_db, django_assert_num_queries):
    units = list(OrgUnit.objects.all())
    with django_assert_num_queries(1):
        assert len(schedules_for(units)) == len(units)


def test_r_calendar_excused_days_are_approved_leave_within_the_span(demo_db, django_assert_num_queries):
    staff = demo_db.staff
    leave(staff, dt.date(2026, 4, 28), dt.date(2026, 5, 2))                         # clipped at 1 May
    leave(staff, dt.date(2026, 5, 20), dt.date(2026, 5, 21), status=LeaveStatus.PENDING)
    leave(staff, dt.date(2026, 5, 25), dt.date(2026, 5, 25), status=LeaveStatus.REJECTED)
    leave(staff, dt.date(2026, 5, 29), dt.date(2026, 6, 3), kind=LeaveKind.DINAS_LUAR)
    with django_assert_num_queries(1):
        days = excused_days(staff, *MAY)
    assert days == {dt.date(2026, 5, 1), dt.date(2026, 5, 2), dt.date(2026, 5, 29), dt.date(2026, 5, 30),
                    dt.date(2026, 5, 31)}


@pytest.mark.parametrize("count", [2, 40])
def test_r_discipline_excused_days_of_many_employees_is_one_query(demo_db, django_assert_num_queries, count):
    employees = list(Employee.objects.order_by("pk")[:count])
    for employee in employees[::2]:
        leave(employee, dt.date(2026, 5, 11), dt.date(2026, 5, 12))
    with django_assert_num_queries(1):
        excused = excused_days_of([e.pk for e in employees], *MAY)
    assert set(excused) == {e.pk for e in employees}
    assert excused[employees[0].pk] == {dt.date(2026, 5, 11), dt.date(2026, 5, 12)}
    assert excused[employees[1].pk] == set()


@pytest.mark.parametrize("last_day", [dt.date(2026, 5, 7), dt.date(2027, 5, 3)])
def test_employee_calendar_is_three_queries_whatever_the_span(demo_db, national_holidays, django_assert_num_queries,
                                                              last_day):
    staff = Employee.objects.select_related("unit").get(pk=demo_db.staff.pk)
    leave(staff, dt.date(2026, 5, 5), dt.date(2026, 5, 6), kind=LeaveKind.SAKIT)
    with django_assert_num_queries(3):
        days = employee_calendar(staff, dt.date(2026, 5, 4), last_day)
    assert len(days) == (last_day - dt.date(2026, 5, 4)).days + 1


def test_r_calendar_employee_calendar_marks_weekends_holidays_and_leave(demo_db, national_holidays):
    staff = Employee.objects.select_related("unit").get(pk=demo_db.staff.pk)
    leave(staff, dt.date(2026, 5, 12), dt.date(2026, 5, 13), kind=LeaveKind.DINAS_LUAR)
    leave(staff, dt.date(2026, 5, 18), dt.date(2026, 5, 18), status=LeaveStatus.PENDING)
    days = {day.date.day: day for day in employee_calendar(staff, dt.date(2026, 5, 11), dt.date(2026, 5, 18))}
    assert [n for n, day in days.items() if day.is_working_day] == [11, 12, 13, 18]
    assert (days[14].holiday, days[14].holiday_kind) == ("Kenaikan Yesus Kristus", HolidayKind.NATIONAL)
    assert days[15].holiday_kind == HolidayKind.COLLECTIVE_LEAVE and not days[15].is_working_day
    assert [n for n, day in days.items() if day.excused] == [12, 13]
    assert days[12].excused == LeaveKind.DINAS_LUAR
    assert days[16].holiday is None and not days[16].is_working_day


def test_employee_calendar_refuses_a_span_over_a_year(demo_db):
    staff = Employee.objects.select_related("unit").get(pk=demo_db.staff.pk)
    with pytest.raises(ValueError):
        employee_calendar(staff, dt.date(2026, 1, 1), dt.date(2027, 1, 2))  # 367 days
    with pytest.raises(ValueError):
        employee_calendar(staff, dt.date(2026, 1, 2), dt.date(2026, 1, 1))


def test_holidays_between(demo_db, national_holidays):
    assert holidays_between(dt.date(2026, 12, 20), dt.date(2027, 1, 10)) == {
        dt.date(2026, 12, 24), dt.date(2026, 12, 25), dt.date(2027, 1, 1), dt.date(2027, 1, 5)}
    assert Holiday.objects.count() == 51


def test_leaves_visible_to_follows_rater_hr_and_leaders(demo_db):
    mine = leave(demo_db.staff, dt.date(2026, 5, 4), dt.date(2026, 5, 4))
    nurse = leave(demo_db.nurse, dt.date(2026, 5, 4), dt.date(2026, 5, 4))

    def sees(name: str) -> set[int]:
        return set(leaves_visible_to(getattr(demo_db, name).user).values_list("pk", flat=True))

    assert sees("staff") == {mine.pk}
    assert sees("kasi") == {mine.pk}            # the rater
    assert sees("kabid") == {mine.pk}           # leader of the unit above
    assert sees("kadis") == {mine.pk}
    assert sees("hr_all") == {mine.pk, nurse.pk}
    assert sees("hr_dinkes") == {nurse.pk}
    assert sees("plt_kapus") == {nurse.pk}      # the acting official rates the nurse
    assert sees("peer") == sees("other_rater") == sees("process_admin") == set()
    # A rater set by HR who leads no unit above: Sekda rates Camat Tubei (the sub-district).
    camat = Employee.objects.get(position__title="Camat Tubei")
    assert camat.rater_id == demo_db.sekda.pk
    camat_leave = leave(camat, dt.date(2026, 5, 4), dt.date(2026, 5, 4))
    assert sees("sekda") == {camat_leave.pk}


def test_day_rules_are_the_four_reads_in_one_statement(demo_db, national_holidays, django_assert_num_queries):
    """schedule.day_rules (recording and the week view) answers what schedule_for,
    holidays_named_between, excused_days and closed_months answer, in one statement: a schedule
    set above, leave that overlaps the span, closures of the unit above and of another unit."""
    from apps.daily.models import MonthClosure

    staff = Employee.objects.select_related("unit").get(position__title="Pengembang Kurikulum")
    UnitSchedule.objects.create(unit=unit("DISDIK"), working_days=6, time_zone="Asia/Makassar")
    leave(staff, dt.date(2026, 4, 28), dt.date(2026, 5, 4))
    leave(staff, dt.date(2026, 5, 20), dt.date(2026, 5, 21), status=LeaveStatus.PENDING)
    MonthClosure.objects.create(unit=unit("DISDIK-SD"), year=2026, month=5)
    MonthClosure.objects.create(unit=unit("DINKES"), year=2026, month=4)
    start, end, horizon = dt.date(2026, 4, 27), dt.date(2026, 5, 8), dt.date(2026, 6, 30)
    with django_assert_num_queries(1):
        rules = day_rules(staff, start, end, horizon)
    assert rules.schedule == schedule_for(staff.unit) == Schedule(6, "Asia/Makassar")
    assert rules.holidays == holidays_named_between(start, horizon) and rules.holidays
    assert rules.excused == excused_days(staff, start, end) == {dt.date(2026, 4, 28) + dt.timedelta(days=n)
                                                                for n in range(7)}
    assert rules.closed == closed_months(staff.unit, start, end) == {(2026, 5)}
    # A unit whose path was never filled in (the importer and the admin always fill it) still
    # gets an answer, on PostgreSQL too.
    staff.unit.path = ""
    assert day_rules(staff, start, end, horizon).closed == set()
