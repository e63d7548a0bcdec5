"""R-CALENDAR leave over real HTTP: HR of the unit records it (approved at once), the employee
requests their own, the current rater (an acting official included) decides, the recorder
withdraws a pending one; the employee, the rater, HR of the unit and leaders above see it —
for anyone else it does not exist (NOT_FOUND)."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from apps.daily.models import Leave, LeaveStatus
from apps.organization.models import Employee

from ..conftest import PASSWORD, gid

FIELDS = "id employee { name } startsOn endsOn kind status note decisionNote decidedBy { name }"
RECORD = ("mutation($e: ID!, $s: Date!, $t: Date!, $k: LeaveKind!, $n: String! = \"\") { recordLeave(employeeId: $e, "
          f"startsOn: $s, endsOn: $t, kind: $k, note: $n) {{ {FIELDS} }} }}")
REQUEST = ("mutation($s: Date!, $t: Date!, $k: LeaveKind! = CUTI, $n: String! = \"\") { requestLeave(startsOn: $s, "
           f"endsOn: $t, kind: $k, note: $n) {{ {FIELDS} }} }}")
DECIDE = ("mutation($l: ID!, $a: Boolean!, $n: String! = \"\") { decideLeave(leaveId: $l, approve: $a, note: $n) "
          f"{{ {FIELDS} }} }}")
CANCEL = "mutation($l: ID!) { cancelLeave(leaveId: $l) }"
LEAVES = "query($e: ID, $s: LeaveStatus) { leaves(first: 20, employeeId: $e, status: $s) { edges { node { id } } } }"


@pytest.fixture
def as_(demo, client_for):
    def login(name: str):
        return client_for(getattr(demo, name).user.username)
    return login


def employee(demo, name: str) -> str:
    return gid("Employee", getattr(demo, name).pk)


def code(error: dict) -> str:
    return error["extensions"]["code"]


def requested(as_, name="staff", start="2026-05-11", end="2026-05-12") -> str:
    return as_(name).data(REQUEST, {"s": start, "t": end})["requestLeave"]["id"]


def visible(client, **variables) -> list[str]:
    return [edge["node"]["id"] for edge in client.data(LEAVES, variables)["leaves"]["edges"]]


# --- recordLeave ---------------------------------------------------------------------------------

def test_r_calendar_hr_of_the_unit_records_leave_approved_at_once(as_, demo):
    leave = as_("hr_all").data(RECORD, {"e": employee(demo, "staff"), "s": "2026-05-11", "t": "2026-05-15",
                                        "k": "DINAS_LUAR", "n": " Bimtek kurikulum "})["recordLeave"]
    assert leave["status"] == "APPROVED" and leave["kind"] == "DINAS_LUAR" and leave["note"] == "Bimtek kurikulum"
    assert leave["decidedBy"] == {"name": demo.hr_all.name}
    row = Leave.objects.get()
    assert (row.employee_id, row.recorded_by_id, row.decided_at is not None) == (demo.staff.pk, demo.hr_all.user_id, True)


@pytest.mark.parametrize("name", ["hr_dinkes", "kasi", "kadis", "staff", "peer"])
def test_r_calendar_only_hr_of_the_unit_records_leave(as_, demo, name):
    error = as_(name).error(RECORD, {"e": employee(demo, "staff"), "s": "2026-05-11", "t": "2026-05-11", "k": "CUTI"})
    assert code(error) == "FORBIDDEN"
    assert not Leave.objects.exists()


def test_r_calendar_hr_of_another_unit_records_leave_of_its_own_staff(as_, demo):
    leave = as_("hr_dinkes").data(RECORD, {"e": employee(demo, "nurse"), "s": "2026-05-11", "t": "2026-05-11",
                                           "k": "SAKIT"})["recordLeave"]
    assert leave["status"] == "APPROVED"


def test_r_calendar_record_leave_errors(as_, demo):
    hr = as_("hr_all")
    staff = employee(demo, "staff")
    assert code(hr.error(RECORD, {"e": gid("Employee", 999999), "s": "2026-05-11", "t": "2026-05-11",
                                  "k": "CUTI"})) == "NOT_FOUND"
    error = hr.error(RECORD, {"e": staff, "s": "2026-05-12", "t": "2026-05-11", "k": "CUTI"})
    assert (code(error), list(error["extensions"]["fields"])) == ("BAD_USER_INPUT", ["endsOn"])
    error = hr.error(RECORD, {"e": staff, "s": "2026-01-01", "t": "2027-01-02", "k": "CUTI"})
    assert (code(error), list(error["extensions"]["fields"])) == ("BAD_USER_INPUT", ["endsOn"])
    error = hr.error(RECORD, {"e": staff, "s": "2026-05-11", "t": "2026-05-11", "k": "CUTI", "n": "x" * 2001})
    assert list(error["extensions"]["fields"]) == ["note"]
    assert not Leave.objects.exists()


def test_r_calendar_leave_may_not_overlap_another_pending_or_approved_one(as_, demo):
    hr = as_("hr_all")
    hr.data(RECORD, {"e": employee(demo, "staff"), "s": "2026-05-11", "t": "2026-05-13", "k": "CUTI"})
    staff = as_("staff")
    error = staff.error(REQUEST, {"s": "2026-05-13", "t": "2026-05-20"})
    assert code(error) == "BAD_USER_INPUT" and list(error["extensions"]["fields"]) == ["startsOn"]
    assert "11" in error["message"] and "13" in error["message"]  # names the leave it overlaps
    staff.language = "en"
    assert "overlaps the leave from May 11, 2026 to May 13, 2026" in staff.error(
        REQUEST, {"s": "2026-05-13", "t": "2026-05-20"})["message"]
    pending = requested(as_, start="2026-05-18", end="2026-05-19")
    assert code(hr.error(RECORD, {"e": employee(demo, "staff"), "s": "2026-05-19", "t": "2026-05-19",
                                  "k": "SAKIT"})) == "BAD_USER_INPUT"
    # A rejected leave no longer holds its days.
    as_("kasi").data(DECIDE, {"l": pending, "a": False, "n": "Bertepatan dengan rapat"})
    assert requested(as_, start="2026-05-19", end="2026-05-19")
    # Another employee's leave is no obstacle.
    assert requested(as_, "peer", start="2026-05-11", end="2026-05-13")
    assert Leave.objects.count() == 4


# --- requestLeave and decideLeave --------------------------------------------------------------

def test_r_calendar_employee_requests_and_rater_approves(as_, demo):
    leave = as_("staff").data(REQUEST, {"s": "2026-05-11", "t": "2026-05-12", "k": "SAKIT",
                                        "n": "Surat dokter"})["requestLeave"]
    assert (leave["status"], leave["employee"], leave["decidedBy"]) == ("PENDING", {"name": demo.staff.name}, None)
    decided = as_("kasi").data(DECIDE, {"l": leave["id"], "a": True, "n": "Semoga lekas sembuh"})["decideLeave"]
    assert (decided["status"], decided["decisionNote"], decided["decidedBy"]) == (
        "APPROVED", "Semoga lekas sembuh", {"name": demo.kasi.name})


def test_r_calendar_rater_rejects(as_):
    leave = requested(as_)
    assert as_("kasi").data(DECIDE, {"l": leave, "a": False})["decideLeave"]["status"] == "REJECTED"


def test_r_calendar_a_rater_set_by_hr_sees_and_decides(as_, demo, client_for):
    # Sekda rates Camat Tubei by HR's setting, and leads no unit above the sub-district.
    camat = Employee.objects.select_related("user").get(position__title="Camat Tubei")
    assert camat.rater_id == demo.sekda.pk
    leave = client_for(camat.user.username).data(REQUEST, {"s": "2026-05-11", "t": "2026-05-11"})["requestLeave"]["id"]
    sekda = as_("sekda")
    assert visible(sekda) == [leave]
    assert sekda.data(DECIDE, {"l": leave, "a": True})["decideLeave"]["status"] == "APPROVED"


def test_r_calendar_an_acting_official_decides_as_rater(as_, demo):
    assert demo.nurse.rater_id == demo.plt_kapus.pk and demo.nurse.rater_is_acting
    leave = requested(as_, "nurse")
    assert as_("plt_kapus").data(DECIDE, {"l": leave, "a": True})["decideLeave"]["status"] == "APPROVED"


@pytest.mark.parametrize("name", ["staff", "kabid", "hr_all"])
def test_r_calendar_who_sees_a_leave_but_is_not_the_rater_may_not_decide(as_, name):
    leave = requested(as_)
    assert code(as_(name).error(DECIDE, {"l": leave, "a": True})) == "FORBIDDEN"
    assert Leave.objects.get().status == LeaveStatus.PENDING


@pytest.mark.parametrize("name", ["peer", "other_rater", "hr_dinkes", "kapus"])
def test_r_calendar_who_may_not_see_a_leave_finds_nothing_to_decide(as_, name):
    leave = requested(as_)
    assert code(as_(name).error(DECIDE, {"l": leave, "a": True})) == "NOT_FOUND"
    assert code(as_(name).error(CANCEL, {"l": leave})) == "NOT_FOUND"
    assert Leave.objects.get().status == LeaveStatus.PENDING


def test_r_calendar_a_decided_leave_is_not_decided_again(as_):
    leave = requested(as_)
    rater = as_("kasi")
    rater.data(DECIDE, {"l": leave, "a": True})
    assert code(rater.error(DECIDE, {"l": leave, "a": False})) == "CONFLICT"
    assert Leave.objects.get().status == LeaveStatus.APPROVED


def test_r_calendar_decide_and_cancel_unknown_leave(as_):
    kasi = as_("kasi")
    for query in (DECIDE, CANCEL):
        variables = {"l": gid("Leave", 999999), "a": True}
        assert code(kasi.error(query, variables)) == "NOT_FOUND"
        assert code(kasi.error(query, {**variables, "l": gid("Employee", 1)})) == "NOT_FOUND"


def test_r_calendar_a_user_without_employee_record_cannot_request_leave(demo, client_for):
    get_user_model().objects.create_user("tamu", "tamu@example.com", PASSWORD)
    assert code(client_for("tamu").error(REQUEST, {"s": "2026-05-11", "t": "2026-05-11"})) == "FORBIDDEN"


# --- cancelLeave -----------------------------------------------------------------------------------

def test_r_calendar_the_employee_withdraws_a_pending_request(as_):
    leave = requested(as_)
    assert as_("staff").data(CANCEL, {"l": leave}) == {"cancelLeave": True}
    assert not Leave.objects.exists()


def test_r_calendar_a_decided_request_is_not_withdrawn_by_the_employee(as_):
    leave = requested(as_)
    as_("kasi").data(DECIDE, {"l": leave, "a": True})
    assert code(as_("staff").error(CANCEL, {"l": leave})) == "CONFLICT"
    assert Leave.objects.exists()


@pytest.mark.parametrize("name", ["kasi", "kabid"])
def test_r_calendar_who_did_not_record_it_may_not_cancel(as_, name):
    leave = requested(as_)
    assert code(as_(name).error(CANCEL, {"l": leave})) == "FORBIDDEN"
    assert Leave.objects.exists()


def test_r_calendar_hr_of_the_unit_removes_any_leave(as_, demo):
    hr = as_("hr_all")
    recorded = hr.data(RECORD, {"e": employee(demo, "staff"), "s": "2026-05-04", "t": "2026-05-04",
                                "k": "CUTI"})["recordLeave"]["id"]
    approved = requested(as_)
    as_("kasi").data(DECIDE, {"l": approved, "a": True})
    assert hr.data(CANCEL, {"l": recorded}) == {"cancelLeave": True}
    assert hr.data(CANCEL, {"l": approved}) == {"cancelLeave": True}
    assert not Leave.objects.exists()


# --- the leaves connection -------------------------------------------------------------------------

def test_r_calendar_leaves_are_seen_by_the_employee_rater_hr_and_leaders_only(as_, demo):
    mine = requested(as_)
    nurse = requested(as_, "nurse")
    assert visible(as_("staff")) == [mine]
    assert visible(as_("kasi")) == [mine]
    assert visible(as_("kabid")) == [mine]
    assert visible(as_("hr_all")) == [nurse, mine]  # same first day: the later request first
    assert visible(as_("hr_dinkes")) == [nurse]
    assert visible(as_("plt_kapus")) == [nurse]
    for name in ("peer", "other_rater", "process_admin"):
        assert visible(as_(name)) == []
    assert visible(as_("peer"), e=employee(demo, "staff")) == []
    assert visible(as_("hr_all"), e=employee(demo, "staff")) == [mine]
    assert visible(as_("hr_all"), s="APPROVED") == []


def test_r_calendar_leaves_latest_first_in_pages(as_):
    ids = [requested(as_, start=f"2026-05-{day:02d}", end=f"2026-05-{day:02d}") for day in (4, 5, 6)]
    staff = as_("staff")
    page = staff.data("{ leaves(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }")["leaves"]
    assert [e["node"]["id"] for e in page["edges"]] == ids[:0:-1]
    assert page["pageInfo"]["hasNextPage"]
    rest = staff.data("query($a: String) { leaves(first: 2, after: $a) { edges { node { id } } } }",
                      {"a": page["pageInfo"]["endCursor"]})["leaves"]
    assert [e["node"]["id"] for e in rest["edges"]] == ids[:1]
    assert code(staff.error("{ leaves(first: 2, after: \"bogus\") { edges { node { id } } } }")) == "BAD_USER_INPUT"
