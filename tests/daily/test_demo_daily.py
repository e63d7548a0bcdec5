"""`make run`'s month of daily progress (load_demo_daily): the curriculum section fills the last full
month before today and the current week in every state, through the real services at the moments
they happened — the rater's inbox has entries waiting, lateness of 1 and 3 working days, and
R-DISCIPLINE shows on-time, late, missing and excused days. Runs on the real clock, whatever the
day; a second run changes nothing."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from apps.daily.calendar import working_days
from apps.daily.demo import last_full_month
from apps.daily.discipline import month_summary, subtree_employees
from apps.daily.holidays import HOLIDAYS
from apps.daily.models import ActionPlan, DailyEntry, Leave
from apps.daily.schedule import holidays_between, schedule_for
from apps.organization.models import OrgUnit
from apps.performance.models import Evaluation, PerformancePeriod
from apps.performance.suggestions import suggested_realizations
from apps.workflow.models import HumanTask

from ..performance.conftest import quarter  # noqa: F401 (the fixture)

WEEK = """query($d: Date!) { dailyWeek(date: $d) { days { date isWorkingDay
    entries { status firstSubmittedAt lateDays } } } }"""


def _today(section: OrgUnit) -> dt.date:
    return timezone.now().astimezone(schedule_for(section).zone).date()


def _snapshot() -> tuple[list, list]:
    return (list(DailyEntry.objects.order_by("pk").values_list("pk", "status", "late_days", "first_submitted_at",
                                                              "reviewed_at", "updated_at", "text")),
            list(Leave.objects.order_by("pk").values_list("pk", "status", "starts_on", "decided_at")))


def test_demo_month_has_every_state_of_daily_progress(demo, client_for):  # transactional: load_demo_year's job
    section = OrgUnit.objects.get(code="DISDIK-SD-KUR")
    today = _today(section)
    year, month = last_full_month(today)
    for command, *args in [("load_workflows",), ("load_holidays",), ("load_demo_year", "--year", str(year))]:
        call_command(command, *args, stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo_daily", stdout=out)
    assert "late by 1 and 3 working days" in out.getvalue()

    entries = DailyEntry.objects.filter(employee__unit=section)
    assert set(entries.values_list("status", flat=True)) == {"DRAFT", "SUBMITTED", "APPROVED", "RETURNED"}
    assert set(entries.exclude(late_days=0).values_list("late_days", flat=True)) == {1, 3}
    returned = entries.get(status="RETURNED")
    assert returned.return_note and returned.reviewed_by == demo.kasi and returned.late_days == 0
    # Lived, not stamped: each submission at its own moment, reviewed after it (R-LATE decided by the service).
    late3 = entries.get(late_days=3)
    assert late3.first_submitted_at.date() > late3.date and late3.reviewed_at > late3.first_submitted_at
    leave = Leave.objects.get(employee__unit=section)
    assert (leave.status, leave.decided_by, leave.starts_on.month) == ("APPROVED", demo.kasi, month)

    # The rater's inbox: both of her staff with an approved SKP have entries waiting.
    queue = client_for("desi.permata").data("{ dailyReviewQueue { employee { name } waiting } }")["dailyReviewQueue"]
    assert {item["employee"]["name"] for item in queue} == {"Agus Pratama", "Dewi Hidayat"}
    assert all(item["waiting"] > 0 for item in queue)
    assert client_for("hendra.saputra").data("{ dailyReviewQueue { employee { name } } }")["dailyReviewQueue"] == [
        {"employee": {"name": "Desi Permata"}}]

    # The employee's week: filled on its working days so far; today's entry submitted today.
    week = client_for("agus.pratama").data(WEEK, {"d": today.isoformat()})["dailyWeek"]["days"]
    past = [day for day in week if day["isWorkingDay"] and day["date"] <= today.isoformat()]
    if today.year == year:  # in January the week belongs to a year the demo SKP does not cover
        assert past and all(day["entries"] for day in past)
        if past[-1]["date"] == today.isoformat():
            assert any(e["status"] == "SUBMITTED" and e["firstSubmittedAt"] for e in past[-1]["entries"])

    # R-DISCIPLINE of the section for the month: on time, late, missing and excused all appear.
    schedule = schedule_for(section)
    start = dt.date(year, month, 1)
    end = today.replace(day=1) - dt.timedelta(days=1)
    working = len(list(working_days(start, end, schedule, holidays_between(start, end))))
    rows = {row.employee.user.username: row for row in month_summary(list(subtree_employees(section)), year, month)}
    figures = {name: (row.on_time, row.late, row.missing, row.excused, row.pending) for name, row in rows.items()
               if name in ("agus.pratama", "dewi.hidayat", "desi.permata")}
    assert figures == {"agus.pratama": (working - 2, 1, 1, 0, 0),
                       "dewi.hidayat": (working - 2, 1, 0, 1, 0),
                       "desi.permata": (working - 1, 1, 0, 0, 0)}
    assert rows["mulyadi.suryani"].on_time == 0  # his SKP was sent back: nothing to record under (R-DAILY)

    # R-ACTION: the current quarter's action plans opened for the section, two actions drafted by
    # the staff member for him to submit on Rencana aksi.
    if today.year == year:
        plans = ActionPlan.objects.filter(plan__employee__unit=section, period__starts_on__lte=today,
                                          period__ends_on__gte=today)
        assert set(plans.values_list("plan__employee__user__username", flat=True)) == {
            "agus.pratama", "dewi.hidayat", "desi.permata"}
        mine = plans.get(plan__employee=demo.staff)
        assert (mine.status, mine.items.count()) == ("DRAFT", 2)
        assert "Action plans of" in out.getvalue() and "2 actions drafted by Agus Pratama" in out.getvalue()
        # The current quarter's review opened for the section (after the first, which
        # load_demo_year reviews): the staff member's self-assessment suggests the sum of his
        # approved entries of the quarter counted in the indicator's unit.
        period = PerformancePeriod.objects.get(kind="QUARTER", year=year, starts_on__lte=today, ends_on__gte=today)
        if period.number > 1:
            evaluation = Evaluation.objects.get(plan__employee=demo.staff, period=period)
            assert HumanTask.objects.filter(subject=demo.staff, bpmn_id="self_assess", state="READY",
                                            instance__evaluation=evaluation).exists()
            [suggestion] = suggested_realizations(evaluation.plan, period).values()
            approved = DailyEntry.objects.filter(employee=demo.staff, status="APPROVED", date__gte=period.starts_on,
                                                 date__lte=period.ends_on, work_result=suggestion.indicator.work_result,
                                                 output_unit=suggestion.output_unit)
            assert suggestion.value == sum(e.quantity for e in approved) > 0
            assert suggestion.entries == approved.count()
            assert f"Review of {period} opened" in out.getvalue()

    before = _snapshot()
    again = io.StringIO()
    call_command("load_demo_daily", stdout=again)
    assert "already loaded" in again.getvalue()
    assert _snapshot() == before


def test_demo_month_on_a_later_day_skips_the_holidays(quarter, monkeypatch):  # noqa: F811 (the fixture)
    """Run on Wednesday 14 April 2027 (approved 2027 plans from ``quarter``): March 2027 has eight
    weekdays of Nyepi, Idul Fitri and Easter; the story moves around them and the week is Monday
    to today."""
    d, _period, _q1 = quarter
    call_command("load_holidays", stdout=io.StringIO())
    moment = dt.datetime(2027, 4, 14, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    call_command("load_demo_daily", stdout=io.StringIO())

    entries = DailyEntry.objects.filter(employee__unit__code="DISDIK-SD-KUR")
    days = set(entries.values_list("date", flat=True))
    holidays = holidays_between(dt.date(2027, 3, 1), dt.date(2027, 4, 14))
    assert days and not days & holidays and all(day.weekday() < 5 for day in days)
    assert {day for day in days if day.month == 4} == {dt.date(2027, 4, 12), dt.date(2027, 4, 13), dt.date(2027, 4, 14)}
    late = entries.get(late_days=3)  # 2 March, due 3 March, sent on 16 March: 4, 5 and 16 March
    assert (late.date, late.first_submitted_at.date()) == (dt.date(2027, 3, 2), dt.date(2027, 3, 16))
    today = entries.filter(date=moment.date(), status="SUBMITTED")
    assert today.count() == 3 and all(e.first_submitted_at == moment for e in today)
    rows = {row.employee.user.username: (row.working_days, row.on_time, row.late, row.missing, row.excused)
            for row in month_summary([d.kasi, d.staff, d.peer], 2027, 3)}
    assert rows == {"agus.pratama": (15, 13, 1, 1, 0), "dewi.hidayat": (15, 13, 1, 0, 1),
                    "desi.permata": (15, 14, 1, 0, 0)}


def test_demo_month_needs_the_demo_organization(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_demo_daily", stdout=io.StringIO())


def test_demo_month_needs_the_holidays(demo_db):
    year, _month = last_full_month(_today(OrgUnit.objects.get(code="DISDIK-SD-KUR")))
    if year not in HOLIDAYS:
        pytest.skip(f"no holiday data for {year} to require")
    with pytest.raises(CommandError, match="load_holidays"):
        call_command("load_demo_daily", stdout=io.StringIO())
    assert not DailyEntry.objects.exists() and not Leave.objects.exists()


def test_demo_month_needs_approved_plans_of_its_year(demo_db):
    call_command("load_holidays", stdout=io.StringIO())
    year, _month = last_full_month(_today(OrgUnit.objects.get(code="DISDIK-SD-KUR")))
    with pytest.raises(CommandError, match=f"load_demo_year --year {year}"):
        call_command("load_demo_daily", stdout=io.StringIO())
    assert not DailyEntry.objects.exists() and not Leave.objects.exists()


def test_make_run_carries_on_without_the_month_when_its_year_has_no_demo_plans(demo_db):
    """January: `make run` passes --skip-if-not-ready, says why, writes nothing and succeeds."""
    call_command("load_holidays", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo_daily", "--skip-if-not-ready", stdout=out)
    assert "No demo daily progress" in out.getvalue() and "load_demo_year" in out.getvalue()
    assert not DailyEntry.objects.exists() and not Leave.objects.exists()
