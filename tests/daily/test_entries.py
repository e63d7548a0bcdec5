"""R-DAILY, R-CALENDAR and R-LATE over HTTP: the employee records and submits daily entries for
the working days of their unit, with the work results of their approved SKP; lateness is counted
in working days; a month HR closed refuses entries. The clock is moved into 2027 (the demo's
approved plans are for 2027, the ``quarter`` fixture).

The shared fixtures and helpers of tests/daily/test_entries*.py live here."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from apps.daily.models import DailyEntry, EntryStatus, Holiday, HolidayKind, Leave, LeaveKind, LeaveStatus, UnitSchedule
from apps.organization.models import OrgUnit
from apps.performance.models import PerformancePlan, PlanStatus, WorkResult

from ..conftest import gid
from ..performance.conftest import YEAR, quarter  # noqa: F401 (the fixture)

WIB = dt.timezone(dt.timedelta(hours=7))
ENTRY = ("id date status quantity outputUnit text minutes evidenceLink lateDays isLate firstSubmittedAt returnNote "
         "reviewedBy { name } reviewedAt workResult { id } employee { name }")
RECORD = f"mutation($i: RecordDailyEntryInput!) {{ recordDailyEntry(input: $i) {{ {ENTRY} }} }}"
SUBMIT = f"mutation($ids: [ID!]!) {{ submitDailyEntries(ids: $ids) {{ {ENTRY} }} }}"
DELETE = "mutation($id: ID!) { deleteDailyEntry(id: $id) }"
CLOSE = "mutation($u: ID!, $y: Int!, $m: Int!) { closeMonth(unitId: $u, year: $y, month: $m) { year month unit { code } } }"
REOPEN = "mutation($u: ID!, $y: Int!, $m: Int!) { reopenMonth(unitId: $u, year: $y, month: $m) }"
ENTRIES = f"query($f: DailyEntryFilter) {{ dailyEntries(first: 100, filter: $f) {{ totalCount edges {{ node {{ {ENTRY} }} }} }} }}"


# --- shared fixtures and helpers -----------------------------------------------------------------


@pytest.fixture
def now_at(monkeypatch):
    """Stop the clock at a moment of WIB (``now_at("2027-04-14 10:00")``), for the daily services
    and everything else that reads django.utils.timezone.now (tokens, auto_now) alike."""
    state = {}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])

    def set_to(moment: str) -> dt.datetime:
        state["now"] = dt.datetime.fromisoformat(moment).replace(tzinfo=WIB)
        return state["now"]

    set_to("2027-04-14 10:00")  # a Wednesday
    return set_to


@pytest.fixture
def daily(quarter, now_at, client_for):  # noqa: F811 (the fixture)
    """The curriculum section with approved 2027 plans, the clock on Wednesday 14 April 2027, and
    a logged-in client per demo person: ``daily.staff`` is the staff member's client."""
    d, _period_id, _q1 = quarter
    return Clients(d, client_for)


class Clients:
    def __init__(self, demo, client_for) -> None:
        self.d, self._make, self._clients = demo, client_for, {}

    def __getattr__(self, name: str):
        if name not in self._clients:
            self._clients[name] = self._make(getattr(self.d, name).user.username)
        return self._clients[name]


def result_of(employee, year: int = YEAR) -> str:
    return gid("WorkResult", WorkResult.objects.get(plan__employee=employee, plan__year=year).pk)


def entry_input(d, date: str, *, employee=None, submit: bool = False, **values) -> dict:
    fields = {"date": date, "workResultId": result_of(employee or d.staff), "text": "Menyusun modul ajar tema 3",
              "quantity": "1", "outputUnit": "dokumen", "submit": submit}
    fields.update(values)
    return fields


def record(client, d, date: str, **kwargs) -> dict:
    return client.data(RECORD, {"i": entry_input(d, date, **kwargs)})["recordDailyEntry"]


def refused(client, d, date: str, **kwargs) -> dict:
    return client.error(RECORD, {"i": entry_input(d, date, **kwargs)})


def code(error: dict) -> str:
    return error["extensions"]["code"]


def unit_id(code_: str) -> str:
    return gid("OrgUnit", OrgUnit.objects.get(code=code_).pk)


# --- recording and submitting (R-DAILY) --------------------------------------------------------


def test_r_daily_employee_records_a_draft_and_submits_it_on_time(daily):
    d = daily.d
    draft = record(daily.staff, d, "2027-04-13", quantity="2,5", minutes=90, evidenceLink="https://drive.example/x")
    assert draft["status"] == "DRAFT" and draft["quantity"] == "2.5" and draft["minutes"] == 90
    assert draft["firstSubmittedAt"] is None and draft["employee"]["name"] == d.staff.name
    [submitted] = daily.staff.data(SUBMIT, {"ids": [draft["id"]]})["submitDailyEntries"]
    # Tuesday's entry submitted on Wednesday: the end of the next working day is the deadline.
    assert submitted["status"] == "SUBMITTED" and submitted["lateDays"] == 0 and not submitted["isLate"]
    assert dt.datetime.fromisoformat(submitted["firstSubmittedAt"]) == timezone.now()
    today = record(daily.staff, d, "2027-04-14", submit=True)
    assert today["status"] == "SUBMITTED" and today["lateDays"] == 0


def test_r_daily_an_entry_is_changed_while_draft_and_deleted_while_draft_only(daily):
    d = daily.d
    draft = record(daily.staff, d, "2027-04-13")
    changed = record(daily.staff, d, "2027-04-12", id=draft["id"], text="Rapat tim kurikulum", quantity="3")
    assert (changed["id"], changed["date"], changed["text"], changed["quantity"]) == (
        draft["id"], "2027-04-12", "Rapat tim kurikulum", "3")
    submitted = record(daily.staff, d, "2027-04-13", submit=True)
    error = refused(daily.staff, d, "2027-04-13", id=submitted["id"], text="diubah")
    assert code(error) == "CONFLICT"
    assert code(daily.staff.error(DELETE, {"id": submitted["id"]})) == "CONFLICT"
    assert daily.staff.data(DELETE, {"id": draft["id"]})["deleteDailyEntry"] is True
    assert list(DailyEntry.objects.values_list("status", flat=True)) == [EntryStatus.SUBMITTED]


def test_r_daily_values_are_checked_all_at_once(daily):
    error = refused(daily.staff, daily.d, "2027-04-13", text="  ", quantity="0", outputUnit="", minutes=0,
                    evidenceLink="ftp://server/file")
    assert code(error) == "BAD_USER_INPUT"
    assert set(error["extensions"]["fields"]) == {"text", "quantity", "outputUnit", "minutes", "evidenceLink"}
    for quantity in ("abc", "-1", "1.005", "NaN", "12345678901"):
        error = refused(daily.staff, daily.d, "2027-04-13", quantity=quantity)
        assert set(error["extensions"]["fields"]) == {"quantity"}, quantity
    error = refused(daily.staff, daily.d, "2027-04-13", text="x" * 2001)
    assert set(error["extensions"]["fields"]) == {"text"}
    assert not DailyEntry.objects.exists()


def test_r_daily_only_the_employee_writes_their_entries(daily):
    d = daily.d
    entry = record(daily.staff, d, "2027-04-13")
    # The peer may not see it at all; the rater sees it but does not write it.
    for client, expected in ((daily.peer, "NOT_FOUND"), (daily.other_rater, "NOT_FOUND"), (daily.kasi, "FORBIDDEN")):
        assert code(refused(client, d, "2027-04-13", id=entry["id"])) == expected
        assert code(client.error(SUBMIT, {"ids": [entry["id"]]})) == expected
        assert code(client.error(DELETE, {"id": entry["id"]})) == expected
    assert DailyEntry.objects.get().status == EntryStatus.DRAFT


def test_r_daily_work_result_of_another_plan_or_year_is_refused(daily):
    d = daily.d
    # Another employee's plan the staff member may not see: as if it did not exist.
    assert code(refused(daily.staff, d, "2027-04-13", workResultId=result_of(d.peer))) == "NOT_FOUND"
    # Ids no row can have: NOT_FOUND too, not an error of the database (SQLite binds 64 bits).
    for pk in (2**70, 2**63, 0, -5):
        assert code(refused(daily.staff, d, "2027-04-13", workResultId=gid("WorkResult", pk))) == "NOT_FOUND", pk
    # Her rater's work result (visible to her: what she cascades from) is not hers.
    error = refused(daily.staff, d, "2027-04-13", workResultId=result_of(d.kasi))
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-DAILY"
    assert "2027" in error["extensions"]["fields"]["workResultId"]
    # Her own approved SKP of another year.
    old = PerformancePlan.objects.create(employee=d.staff, year=2026, status=PlanStatus.APPROVED)
    WorkResult.objects.create(plan=old, text="RHK 2026")
    error = refused(daily.staff, d, "2027-04-13", workResultId=result_of(d.staff, 2026))
    assert code(error) == "BAD_USER_INPUT" and "workResultId" in error["extensions"]["fields"]
    # Her own SKP of the year while it is not approved.
    PerformancePlan.objects.filter(employee=d.staff, year=YEAR).update(status=PlanStatus.SUBMITTED)
    assert code(refused(daily.staff, d, "2027-04-13")) == "BAD_USER_INPUT"
    assert not DailyEntry.objects.exists()


def test_r_daily_no_entry_for_a_day_to_come(daily):
    error = refused(daily.staff, daily.d, "2027-04-15")
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-DAILY"
    assert "date" in error["extensions"]["fields"]


# --- the calendar (R-CALENDAR) -------------------------------------------------------------------


def test_r_calendar_no_entry_on_a_holiday(daily):
    Holiday.objects.create(date=dt.date(2027, 4, 13), name="Hari Libur Uji", kind=HolidayKind.NATIONAL)
    error = refused(daily.staff, daily.d, "2027-04-13")
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-CALENDAR"
    assert "Hari Libur Uji" in error["message"]
    assert record(daily.staff, daily.d, "2027-04-12")["status"] == "DRAFT"


def test_r_calendar_saturday_refused_in_a_five_day_unit_accepted_in_a_six_day_unit(daily, now_at):
    now_at("2027-04-19 08:00")  # Monday
    error = refused(daily.staff, daily.d, "2027-04-17")
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-CALENDAR"
    assert code(refused(daily.staff, daily.d, "2027-04-18")) == "BAD_USER_INPUT"  # Sunday
    # The division above the section works six days: the section inherits its week.
    UnitSchedule.objects.create(unit=daily.d.kabid.unit, working_days=6)
    saturday = record(daily.staff, daily.d, "2027-04-17", submit=True)
    assert saturday["status"] == "SUBMITTED" and saturday["lateDays"] == 0  # due on Monday
    assert code(refused(daily.staff, daily.d, "2027-04-18")) == "BAD_USER_INPUT"


def test_r_calendar_approved_leave_excuses_the_day(daily):
    d = daily.d
    Leave.objects.create(employee=d.staff, starts_on=dt.date(2027, 4, 12), ends_on=dt.date(2027, 4, 13),
                         kind=LeaveKind.CUTI, status=LeaveStatus.APPROVED)
    Leave.objects.create(employee=d.staff, starts_on=dt.date(2027, 4, 14), ends_on=dt.date(2027, 4, 14),
                         kind=LeaveKind.DINAS_LUAR, status=LeaveStatus.PENDING)
    for day in ("2027-04-12", "2027-04-13"):
        error = refused(daily.staff, d, day)
        assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-CALENDAR", day
    assert record(daily.staff, d, "2027-04-14")["status"] == "DRAFT"  # leave not approved: a working day
    assert record(daily.peer, d, "2027-04-13", employee=d.peer)["status"] == "DRAFT"  # only her leave


# --- lateness and closed months (R-LATE) ---------------------------------------------------------


def test_r_late_by_one_and_by_three_working_days(daily):
    d = daily.d
    # Wednesday 14 April: Monday's entry was due at the end of Tuesday (1 working day late);
    # Thursday 8 April's at the end of Friday 9 (Monday, Tuesday, Wednesday: 3 late).
    monday = record(daily.staff, d, "2027-04-12", submit=True)
    assert (monday["lateDays"], monday["isLate"]) == (1, True)
    thursday = record(daily.staff, d, "2027-04-08")
    [thursday] = daily.staff.data(SUBMIT, {"ids": [thursday["id"]]})["submitDailyEntries"]
    assert (thursday["lateDays"], thursday["isLate"]) == (3, True)
    # A holiday in between is no working day: Friday 9 April off makes Thursday's due day Monday.
    Holiday.objects.create(date=dt.date(2027, 4, 9), name="Libur", kind=HolidayKind.COLLECTIVE_LEAVE)
    assert record(daily.staff, d, "2027-04-08", submit=True)["lateDays"] == 2


def test_r_late_closed_month_refuses_entries_until_reopened(daily, now_at):
    d = daily.d
    draft = record(daily.staff, d, "2027-04-14")
    now_at("2027-05-03 09:00")  # Monday after April
    section, division = unit_id("DISDIK-SD-KUR"), unit_id("DISDIK")
    assert code(daily.hr_all.error(CLOSE, {"u": division, "y": 2027, "m": 5})) == "BAD_USER_INPUT"  # not ended
    for client in (daily.staff, daily.kasi, daily.hr_dinkes):
        assert code(client.error(CLOSE, {"u": division, "y": 2027, "m": 4})) == "FORBIDDEN"
    closed = daily.hr_all.data(CLOSE, {"u": division, "y": 2027, "m": 4})["closeMonth"]
    assert closed == {"year": 2027, "month": 4, "unit": {"code": "DISDIK"}}
    assert code(daily.hr_all.error(CLOSE, {"u": division, "y": 2027, "m": 4})) == "CONFLICT"
    # The section lies below the closed unit: record, submit, change and delete are refused.
    error = refused(daily.staff, d, "2027-04-30")
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-LATE"
    assert code(daily.staff.error(SUBMIT, {"ids": [draft["id"]]})) == "BAD_USER_INPUT"
    assert code(refused(daily.staff, d, "2027-05-03", id=draft["id"])) == "BAD_USER_INPUT"  # moving it out
    assert code(daily.staff.error(DELETE, {"id": draft["id"]})) == "BAD_USER_INPUT"
    assert record(daily.staff, d, "2027-05-03")["status"] == "DRAFT"  # May is open
    # Reopened where it was closed (the section has no closure of its own).
    assert code(daily.hr_all.error(REOPEN, {"u": section, "y": 2027, "m": 4})) == "CONFLICT"
    assert code(daily.hr_dinkes.error(REOPEN, {"u": division, "y": 2027, "m": 4})) == "FORBIDDEN"
    assert daily.hr_all.data(REOPEN, {"u": division, "y": 2027, "m": 4})["reopenMonth"] is True
    [submitted] = daily.staff.data(SUBMIT, {"ids": [draft["id"]]})["submitDailyEntries"]
    assert (submitted["status"], submitted["lateDays"]) == ("SUBMITTED", 12)
    assert record(daily.staff, d, "2027-04-30", submit=True)["lateDays"] == 0


def test_r_late_closed_month_of_another_unit_does_not_refuse(daily, now_at):
    now_at("2027-05-03 09:00")
    daily.hr_all.data(CLOSE, {"u": unit_id("DINKES"), "y": 2027, "m": 4})
    assert record(daily.staff, daily.d, "2027-04-30")["status"] == "DRAFT"
