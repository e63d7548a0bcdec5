"""R-DISCIPLINE figures (apps/daily/discipline.month_summary) against an independent, deliberately
simple day-by-day count, over March 2026: Nyepi and Idul Fitri with their collective leave,
weekends of a 5-day and a 6-day unit, approved (and pending, and rejected) leave, entries on
time, late by one and by three working days, a returned entry and a returned-and-resubmitted
one, a day with a draft only, days still within their deadline, and days after "today". The
entries are written with the ORM (their service is not what is tested here), with
first_submitted_at and late_days set as R-LATE says (calendar.late_days). Plus: the query count
does not grow with the number of employees."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from apps.core.errors import BadInput
from apps.daily import calendar
from apps.daily.discipline import month_summary
from apps.daily.models import DailyEntry, EntryStatus, Holiday, Leave, LeaveKind, LeaveStatus, UnitSchedule
from apps.daily.schedule import schedule_for
from apps.organization.importer import organization_import
from apps.organization.models import Employee, OrgUnit
from apps.performance.models import PerformancePlan, WorkResult

from ..documents.test_recap import UNITS_CSV, employees_csv

WIB = ZoneInfo("Asia/Jakarta")
YEAR, MONTH = 2026, 3
D = lambda day: dt.date(YEAR, MONTH, day)  # noqa: E731 — a day of March 2026
TODAY = D(27)  # a Friday: the 26th and the 27th are still within their deadline; 28–31 not counted
HOLIDAYS = {
    D(18): ("Cuti bersama Hari Suci Nyepi", "COLLECTIVE_LEAVE"),
    D(19): ("Hari Suci Nyepi (Tahun Baru Saka 1948)", "NATIONAL"),
    D(20): ("Idul Fitri 1447 H", "NATIONAL"),
    D(21): ("Idul Fitri 1447 H", "NATIONAL"),  # a Saturday: a day off for the 6-day unit too
    D(23): ("Cuti bersama Idul Fitri", "COLLECTIVE_LEAVE"),
    D(24): ("Cuti bersama Idul Fitri", "COLLECTIVE_LEAVE"),
    dt.date(YEAR, 4, 3): ("Wafat Yesus Kristus", "NATIONAL"),
}


def at(day: dt.date, hour: int = 16) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=WIB)


@dataclass(frozen=True)
class Made:
    date: dt.date
    status: str
    submitted: dt.datetime | None


class Scenario:
    """The demo org plus March 2026's calendar; ``entry`` and ``leave`` record what they make so
    that the test can count by itself."""

    def __init__(self) -> None:
        for day, (name, kind) in HOLIDAYS.items():
            Holiday.objects.update_or_create(date=day, defaults={"name": name, "kind": kind})
        UnitSchedule.objects.update_or_create(unit=OrgUnit.objects.get(code="PKM-TUBEI"),
                                              defaults={"working_days": 6})
        self.entries: dict[int, list[Made]] = {}
        self.leave: dict[int, set[dt.date]] = {}
        self._work_results: dict[int, WorkResult] = {}

    def work_result(self, employee: Employee) -> WorkResult:
        if employee.pk not in self._work_results:
            plan = PerformancePlan.objects.create(employee=employee, year=YEAR, status="APPROVED")
            self._work_results[employee.pk] = WorkResult.objects.create(plan=plan, text="Kurikulum tersusun")
        return self._work_results[employee.pk]

    def entry(self, employee: Employee, day: dt.date, submitted: dt.datetime | None = None,
              status: str = EntryStatus.SUBMITTED) -> DailyEntry:
        late = 0
        if submitted is not None:
            late = calendar.late_days(day, submitted, schedule_for(employee.unit), set(HOLIDAYS))
        self.entries.setdefault(employee.pk, []).append(Made(day, status, submitted))
        return DailyEntry.objects.create(
            employee=employee, date=day, work_result=self.work_result(employee), text="Menyusun modul ajar",
            quantity=Decimal("1"), output_unit="dokumen", status=status, first_submitted_at=submitted,
            late_days=late, return_note="Lengkapi bukti" if status == EntryStatus.RETURNED else "")

    def leave_for(self, employee: Employee, first: dt.date, last: dt.date, status: str = LeaveStatus.APPROVED,
                  kind: str = LeaveKind.CUTI) -> None:
        Leave.objects.create(employee=employee, starts_on=first, ends_on=last, kind=kind, status=status)
        if status == LeaveStatus.APPROVED:
            days = {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
            self.leave.setdefault(employee.pk, set()).update(days)


def independent_count(scenario: Scenario, employee: Employee, six_days: bool, today: dt.date) -> dict:
    """The month counted by hand: every day from the 1st to the 31st, one at a time."""

    def working(day: dt.date) -> bool:
        return (day.weekday() < 5 or (six_days and day.weekday() == 5)) and day not in HOLIDAYS

    def next_working(day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while not working(day):
            day += dt.timedelta(days=1)
        return day

    count = Counter()
    for n in range(1, 32):
        day = D(n)
        if day > today or not working(day):
            continue
        count["working_days"] += 1
        if day in scenario.leave.get(employee.pk, set()):
            count["excused"] += 1
            continue
        submissions = [e.submitted for e in scenario.entries.get(employee.pk, [])
                       if e.date == day and e.submitted is not None and e.status != EntryStatus.DRAFT]
        if submissions:
            first = min(submissions).astimezone(WIB).date()
            count["on_time" if first <= next_working(day) else "late"] += 1
        elif next_working(day) < today:
            count["missing"] += 1
        else:
            count["pending"] += 1
    return {key: count[key] for key in ("working_days", "on_time", "late", "missing", "excused", "pending")}


def figures(row) -> dict:
    return {key: getattr(row, key) for key in ("working_days", "on_time", "late", "missing", "excused", "pending")}


def build_march(d) -> tuple[Scenario, dict[str, Employee]]:
    """March 2026 for the curriculum section (5-day week) and the Tubei health centre (6-day);
    ``d``: the demo (tests/conftest.py)."""
    s = Scenario()
    staff, nurse, peer = d.staff, d.nurse, d.peer
    kasi = d.kasi
    s.entry(staff, D(2), at(D(2)))                                        # the same day
    s.entry(staff, D(3), at(D(4), 22))                                    # the next day, late evening
    assert s.entry(staff, D(4), at(D(6))).late_days == 1                  # R-LATE: one working day late
    assert s.entry(staff, D(5), at(D(11))).late_days == 3                 # Mon 9, Tue 10, Wed 11
    resubmitted = s.entry(staff, D(6), at(D(6)))                          # returned, then resubmitted:
    resubmitted.return_note, resubmitted.status = "Lengkapi bukti", EntryStatus.SUBMITTED  # the first
    resubmitted.save()                                                    # submission still counts
    s.entry(staff, D(9), None, EntryStatus.DRAFT)                         # a draft only: missing
    s.entry(staff, D(10), at(D(10)))                                      # one on time and one late:
    s.entry(staff, D(10), at(D(13)))                                      # the day was filled on time
    s.leave_for(staff, D(11), D(12))                                      # approved leave: excused,
    s.entry(staff, D(12), at(D(12)))                                      # an entry does not change that
    s.leave_for(staff, D(13), D(13), LeaveStatus.PENDING)                 # not approved: missing
    s.leave_for(staff, D(16), D(16), LeaveStatus.REJECTED)
    s.entry(staff, D(16), at(D(16)), EntryStatus.RETURNED)                # returned, not yet resubmitted
    s.entry(staff, D(14), at(D(14)))                                      # a Saturday: not a working day
    s.entry(staff, D(19), at(D(19)))                                      # Nyepi: not a working day
    assert s.entry(staff, D(17), at(D(25)), EntryStatus.APPROVED).late_days == 0  # due after the holidays
    s.entry(staff, D(27), at(D(27), 9))                                   # today: on time
    # the 25th: nothing, due the 26th: missing; the 26th: nothing, due today: pending
    s.entry(staff, D(30), at(D(27)))                                      # after today: not counted
    s.leave_for(staff, D(31), dt.date(YEAR, 4, 2), kind=LeaveKind.DINAS_LUAR)  # after today

    s.leave_for(nurse, D(2), D(6), kind=LeaveKind.DINAS_LUAR)
    s.entry(nurse, D(7), at(D(9)))                                        # Saturday, due Monday: on time
    assert s.entry(nurse, D(14), at(D(17))).late_days == 1               # due Mon 16
    assert s.entry(nurse, D(17), at(D(27))).late_days == 2               # due Wed 25
    s.entry(nurse, D(26), at(D(26)), EntryStatus.DRAFT)
    s.leave_for(d.kadis, D(1), D(31), kind=LeaveKind.SAKIT)               # a whole month on leave
    return s, {"staff": staff, "nurse": nurse, "peer": peer, "kasi": kasi, "kadis": d.kadis}


@pytest.fixture
def march(demo_db, settings):
    settings.KINERJA_DAILY_GRACE_DAYS = 1  # due at the end of the next working day
    return build_march(demo_db)


def summary(people: dict, today: dt.date):
    employees = list(Employee.objects.select_related("unit").filter(pk__in=[e.pk for e in people.values()])
                     .order_by("name"))
    return {row.employee.pk: row for row in month_summary(employees, YEAR, MONTH, today=today)}


def test_r_discipline_summary_matches_a_day_by_day_count(march):
    scenario, people = march
    rows = summary(people, TODAY)
    for name, employee in people.items():
        six_days = employee.unit.code == "PKM-TUBEI"
        assert figures(rows[employee.pk]) == independent_count(scenario, employee, six_days, TODAY), name


def test_r_discipline_figures_of_the_curriculum_staff_member_by_hand(march):
    """The same month read off the calendar by hand, so that both counts cannot share a mistake:
    working days 2–6, 9–13, 16–17, 25–27 (18–24: Nyepi, Idul Fitri and their collective leave)."""
    _, people = march
    rows = summary(people, TODAY)
    staff = rows[people["staff"].pk]
    assert figures(staff) == {"working_days": 15, "on_time": 7, "late": 2, "missing": 3, "excused": 2, "pending": 1}
    assert staff.percent_on_time == Decimal("53.85")  # 7 / (15 − 2)
    nurse = rows[people["nurse"].pk]  # Monday–Saturday: 2–7, 9–14, 16–17, 25–27
    assert figures(nurse) == {"working_days": 17, "on_time": 1, "late": 2, "missing": 7, "excused": 5, "pending": 2}
    assert nurse.percent_on_time == Decimal("8.33")
    kadis = rows[people["kadis"].pk]
    assert kadis.excused == kadis.working_days == 15 and kadis.percent_on_time is None


def test_r_discipline_a_finished_month_has_nothing_pending(march):
    scenario, people = march
    rows = summary(people, dt.date(YEAR, 4, 15))
    for name, employee in people.items():
        six_days = employee.unit.code == "PKM-TUBEI"
        expected = independent_count(scenario, employee, six_days, dt.date(YEAR, 4, 15))
        assert figures(rows[employee.pk]) == expected, name
        assert rows[employee.pk].pending == 0
    # The staff member's 30th was filled on the 27th; the 31st is on official travel.
    staff = rows[people["staff"].pk]
    assert figures(staff) == {"working_days": 17, "on_time": 8, "late": 2, "missing": 4, "excused": 3, "pending": 0}


def test_r_discipline_days_after_today_are_not_counted(march):
    _, people = march
    rows = summary(people, D(1))  # a Sunday: nothing has happened yet
    assert all(figures(row) == dict.fromkeys(figures(row), 0) for row in rows.values())
    assert all(row.percent_on_time is None for row in rows.values())
    # On the 12th: the 9th (a draft only) was due the 10th: missing; the 11th and 12th: on leave.
    # On the 10th: the 9th is due today: pending (and the 10th was filled today).
    assert figures(summary(people, D(12))[people["staff"].pk]) == {
        "working_days": 9, "on_time": 4, "late": 2, "missing": 1, "excused": 2, "pending": 0}
    assert figures(summary(people, D(10))[people["staff"].pk]) == {
        "working_days": 7, "on_time": 4, "late": 2, "missing": 0, "excused": 0, "pending": 1}


def test_r_discipline_a_month_that_does_not_exist_is_bad_input(demo_db):
    staff = [demo_db.staff]
    for year, month, field in ((YEAR, 13, "month"), (YEAR, 0, "month"), (1999, 3, "year")):
        with pytest.raises(BadInput) as error:
            month_summary(staff, year, month)
        assert field in error.value.extensions["fields"]
    assert month_summary([], YEAR, MONTH) == []


def test_r_discipline_summary_reads_in_four_queries_for_3_or_50_employees(demo_db, django_assert_num_queries):
    """Schedules, holidays, approved leave, the entries per employee and day: whatever the count."""
    scenario = Scenario()
    organization_import(units_csv=UNITS_CSV, employees_csv=employees_csv(0, 3))
    division = OrgUnit.objects.get(code="RKP")

    def fill():
        for employee in Employee.objects.filter(unit=division, daily_entries__isnull=True):
            scenario.entry(employee, D(2), at(D(2)))
            scenario.entry(employee, D(3), at(D(9)))
            scenario.leave_for(employee, D(4), D(5))

    fill()
    for count in (3, 50):
        if count == 50:
            organization_import(units_csv=UNITS_CSV, employees_csv=employees_csv(3, 50))
            fill()
        employees = list(Employee.objects.filter(unit=division).select_related("unit"))
        assert len(employees) == count
        with django_assert_num_queries(4):
            rows = month_summary(employees, YEAR, MONTH, today=TODAY)
        assert {(r.on_time, r.late, r.excused) for r in rows} == {(1, 1, 2)}
