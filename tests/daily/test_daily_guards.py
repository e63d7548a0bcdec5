"""Guards of daily progress the scenario's people cannot reach by themselves (review round after
issue 14), over HTTP:

- a rater HR set (setSupervisor) who leads no unit, and that rater's own rater: the rater reads,
  gets the week, the figures and the leave, and reviews; the rater's rater reads only — the
  demo's raters all lead a unit, which hid these branches behind the leaders' one;
- the action an entry serves (R-ACTION): the employee's own, of an APPROVED action plan, under
  the entry's work result, of the day's quarter;
- the size of one review request;
- closed months (R-LATE) for leave and for returning an entry."""
from __future__ import annotations

import datetime as dt

from apps.daily.entries import REVIEW_MAX
from apps.daily.models import (
    ActionPlan,
    ActionPlanItem,
    ActionPlanStatus,
    DailyEntry,
    EntryStatus,
    Leave,
    LeaveKind,
    LeaveStatus,
    MonthClosure,
)
from apps.performance.models import PerformancePeriod, PerformancePlan, WorkResult

from ..conftest import gid
from .test_entries import ENTRIES, code, daily, now_at, quarter, record, refused  # noqa: F401 (fixtures)
from .test_entries_review import REVIEW, SET_SUPERVISOR, WEEK, review, status

DISCIPLINE = ("query($e: ID!) { employeeDiscipline(employeeId: $e, year: 2027, month: 4) "
              "{ workingDays employee { name } } }")
LEAVES = "query($e: ID!) { leaves(first: 10, employeeId: $e) { edges { node { id kind } } } }"
RECORD_LEAVE = ("mutation($e: ID!, $s: Date!, $t: Date!) { recordLeave(employeeId: $e, startsOn: $s, endsOn: $t, "
                "kind: CUTI) { id status } }")
REQUEST_LEAVE = ("mutation($s: Date!, $t: Date!) { requestLeave(startsOn: $s, endsOn: $t, kind: CUTI) "
                 "{ id status } }")
DECIDE_LEAVE = "mutation($l: ID!, $a: Boolean!) { decideLeave(leaveId: $l, approve: $a) { status } }"


# --- a rater set by HR who leads nothing, and her rater ------------------------------------------


def _readers(daily) -> dict:
    """What each person reads of the staff member's April: entries, week, figures, leave."""
    staff = gid("Employee", daily.d.staff.pk)
    seen = {}
    for name in ("peer", "nurse"):
        client = getattr(daily, name)
        listed = client.data(ENTRIES, {"f": {"employeeId": staff}})["dailyEntries"]["totalCount"]
        leaves = len(client.data(LEAVES, {"e": staff})["leaves"]["edges"])
        week = client(WEEK, {"e": staff, "d": "2027-04-13"})
        figures = client(DISCIPLINE, {"e": staff})
        seen[name] = (listed, leaves, "errors" not in week, "errors" not in figures)
    return seen


def test_a_rater_set_by_hr_who_leads_nothing_reads_and_reviews_her_rater_reads(daily):
    d = daily.d
    entry = record(daily.staff, d, "2027-04-13", submit=True)
    Leave.objects.create(employee=d.staff, starts_on=dt.date(2027, 4, 20), ends_on=dt.date(2027, 4, 20),
                         kind=LeaveKind.CUTI, status=LeaveStatus.APPROVED)
    assert _readers(daily) == {"peer": (0, 0, False, False), "nurse": (0, 0, False, False)}
    # HR: the peer (no unit head) rates the staff member; a nurse of a health centre rates the peer.
    daily.hr_all.data(SET_SUPERVISOR, {"e": gid("Employee", d.staff.pk), "s": gid("Employee", d.peer.pk)})
    daily.hr_all.data(SET_SUPERVISOR, {"e": gid("Employee", d.peer.pk), "s": gid("Employee", d.nurse.pk)})
    assert _readers(daily) == {"peer": (1, 1, True, True), "nurse": (1, 1, True, True)}
    week = daily.peer.data(WEEK, {"e": gid("Employee", d.staff.pk), "d": "2027-04-13"})["dailyWeek"]
    assert [e["id"] for day in week["days"] for e in day["entries"]] == [entry["id"]]
    # The rater's rater reads; only the rater reviews.
    assert [e["code"] for e in review(daily.nurse, approve=[entry["id"]])["errors"]] == ["FORBIDDEN"]
    result = review(daily.peer, approve=[entry["id"]])
    assert result["errors"] == [] and result["changed"][0]["reviewedBy"]["name"] == d.peer.name
    assert status(entry) == EntryStatus.APPROVED


# --- the action an entry serves (R-ACTION) -------------------------------------------------------


def _action(employee, *, status=ActionPlanStatus.APPROVED, quarter_number: int = 2, work_result=None) -> str:
    plan = PerformancePlan.objects.get(employee=employee, year=2027)
    period = PerformancePeriod.objects.get(year=2027, kind="QUARTER", number=quarter_number)
    action_plan, _created = ActionPlan.objects.get_or_create(plan=plan, period=period, defaults={"status": status})
    item = ActionPlanItem.objects.create(action_plan=action_plan, work_result=work_result or plan.work_results.get(),
                                         text="Menyusun draf modul ajar", target="2", unit="dokumen")
    return gid("ActionPlanItem", item.pk)


def test_r_action_an_entry_serves_an_approved_action_of_the_own_plan_its_result_and_quarter(daily):
    d = daily.d
    # Another employee's action: as if it did not exist.
    assert code(refused(daily.staff, d, "2027-04-13", actionItemId=_action(d.peer))) == "NOT_FOUND"
    # Her own action of the first quarter for a day of the second; one under another work result.
    kasis = WorkResult.objects.get(plan__employee=d.kasi, plan__year=2027)
    for item in (_action(d.staff, quarter_number=1), _action(d.staff, work_result=kasis)):
        error = refused(daily.staff, d, "2027-04-13", actionItemId=item)
        assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-ACTION"
        assert set(error["extensions"]["fields"]) == {"actionItemId"}
    # Her own action of the quarter, under the work result, while the rater has not approved it.
    ActionPlan.objects.filter(plan__employee=d.staff).update(status=ActionPlanStatus.SUBMITTED)
    error = refused(daily.staff, d, "2027-04-13", actionItemId=_action(d.staff))
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-ACTION"
    assert not DailyEntry.objects.exists()
    ActionPlan.objects.filter(plan__employee=d.staff).update(status=ActionPlanStatus.APPROVED)
    assert record(daily.staff, d, "2027-04-13", actionItemId=_action(d.staff))["status"] == "DRAFT"
    assert DailyEntry.objects.get().action_item_id is not None


# --- one review request ---------------------------------------------------------------------------


def test_r_daily_a_review_of_more_entries_than_the_limit_is_refused_whole(daily):
    d = daily.d
    entry = record(daily.staff, d, "2027-04-13", submit=True)
    ids = [entry["id"]] + [gid("DailyEntry", 100000 + n) for n in range(REVIEW_MAX)]
    error = daily.kasi.error(REVIEW, {"a": ids[:300], "r": [{"id": i, "note": "Lengkapi."} for i in ids[300:]]})
    assert code(error) == "BAD_USER_INPUT"
    assert status(entry) == EntryStatus.SUBMITTED
    assert review(daily.kasi, approve=ids[:REVIEW_MAX])["changed"][0]["id"] == entry["id"]  # the limit itself


# --- closed months (R-LATE): leave, and returning an entry ----------------------------------------


def _close_april(d) -> None:
    MonthClosure.objects.create(unit=d.kabid.unit, year=2027, month=4)  # the division above the section


def test_r_late_no_leave_is_recorded_requested_or_approved_in_a_closed_month(daily, now_at):
    d = daily.d
    pending = daily.staff.data(REQUEST_LEAVE, {"s": "2027-04-29", "t": "2027-05-04"})["requestLeave"]
    now_at("2027-05-03 09:00")
    _close_april(d)
    staff = gid("Employee", d.staff.pk)
    for error in (daily.hr_all.error(RECORD_LEAVE, {"e": staff, "s": "2027-04-19", "t": "2027-04-20"}),
                  daily.staff.error(REQUEST_LEAVE, {"s": "2027-04-26", "t": "2027-04-27"}),
                  daily.kasi.error(DECIDE_LEAVE, {"l": pending["id"], "a": True})):
        assert code(error) == "BAD_USER_INPUT" and error["extensions"]["rule"] == "R-LATE", error
        assert "April 2027" in error["message"]
    assert list(Leave.objects.values_list("status", flat=True)) == [LeaveStatus.PENDING]
    # Rejecting excuses nothing; May is open; another unit's closure does not count.
    assert daily.kasi.data(DECIDE_LEAVE, {"l": pending["id"], "a": False})["decideLeave"]["status"] == "REJECTED"
    assert daily.hr_all.data(RECORD_LEAVE, {"e": staff, "s": "2027-05-05", "t": "2027-05-06"})
    MonthClosure.objects.all().delete()
    MonthClosure.objects.create(unit=d.other_rater.unit, year=2027, month=4)
    assert daily.staff.data(REQUEST_LEAVE, {"s": "2027-04-26", "t": "2027-04-27"})["requestLeave"]["status"] == "PENDING"


def test_r_late_an_entry_of_a_closed_month_is_approved_but_not_returned(daily, now_at):
    d = daily.d
    april = [record(daily.staff, d, day, submit=True) for day in ("2027-04-13", "2027-04-14")]
    now_at("2027-05-03 09:00")
    may = record(daily.staff, d, "2027-05-03", submit=True)
    _close_april(d)
    result = review(daily.kasi, approve=[april[1]["id"]],
                    returns=[(april[0]["id"], "Lengkapi bukti."), (may["id"], "Lengkapi bukti.")])
    [error] = result["errors"]
    assert (error["entryId"], error["code"]) == (april[0]["id"], "BAD_USER_INPUT") and "April 2027" in error["message"]
    assert {e["id"]: e["status"] for e in result["changed"]} == {april[1]["id"]: "APPROVED", may["id"]: "RETURNED"}
    assert status(april[0]) == EntryStatus.SUBMITTED
