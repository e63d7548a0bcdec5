"""SKP planning over HTTP for a chain head → kabid → kasi → staff: open the year, draft,
R-CASCADE refusals, REVISE once, approve top-down, and who could see and do what."""
from __future__ import annotations

import pytest

from apps.performance.models import PerformancePlan, PlanEvent
from apps.workflow.models import HumanTask

from schema.ids import decode_id

from ..conftest import gid
from ..workflow.helpers import COMPLETE, complete

OPEN = "mutation($y: Int!, $u: ID!) { openPerformanceYear(year: $y, unitId: $u) { id status } }"
JOB = "query($id: ID!) { job(id: $id) { status progress total errors } }"
GOAL = """mutation($u: ID!, $y: Int!, $t: String!) { upsertOrgGoal(unitId: $u, year: $y, text: $t,
  source: PERJANJIAN_KINERJA, indicator: "Angka partisipasi sekolah", target: "98%") { id text } }"""
MY_PLAN = """query($y: Int!) { myPlan(year: $y) { id status revisionNotes isOverdue rater { name } raterSupervisor { name }
  workResults { id text parents { id } orgGoal { id } indicators { aspect target } }
  supervisorWorkResults { id text } behaviorExpectations { coreValue text } history { kind }
  processInstance { activeTasks { id bpmnId assignee { name } } } } }"""
UPSERT = """mutation($p: ID!, $i: WorkResultInput!) { upsertWorkResult(planId: $p, input: $i) { id text } }"""
PLAN = "query($id: ID!) { performancePlan(id: $id) { status employee { name } } }"
YEAR = 2027


def indicator(target="100"):
    return [{"aspect": "KUANTITAS", "text": "Jumlah sekolah dibina", "target": target, "unit": "sekolah"}]


def plan_of(client):
    return client.data(MY_PLAN, {"y": YEAR})["myPlan"]


def task(plan, bpmn_id):
    return next(t for t in plan["processInstance"]["activeTasks"] if t["bpmnId"] == bpmn_id)


def rater_task(client, bpmn_id="review"):
    edges = client.data("{ tasks(first: 20, filter: {mine: true}) { edges { node { id bpmnId processInstance { subject { name } } } } } }")
    return {e["node"]["processInstance"]["subject"]["name"]: e["node"]["id"]
            for e in edges["tasks"]["edges"] if e["node"]["bpmnId"] == bpmn_id}


@pytest.fixture
def year_open(published, client_for):
    d = published
    hr = client_for(d.hr_all.user.username)
    goal = hr.data(GOAL, {"u": gid("OrgUnit", d.kadis.unit_id), "y": YEAR, "t": "Meningkatnya mutu pendidikan dasar"})
    job = hr.data(OPEN, {"y": YEAR, "u": gid("OrgUnit", d.kadis.unit_id)})["openPerformanceYear"]
    return d, hr, job, goal["upsertOrgGoal"]["id"]


def test_open_year_is_a_job_with_progress_and_idempotent(year_open, client_for):
    d, hr, job, _goal = year_open
    assert hr.data(JOB, {"id": job["id"]})["job"] == {"status": "DONE", "progress": 15, "total": 15, "errors": []}
    assert PerformancePlan.objects.filter(year=YEAR).count() == 15
    again = hr.data(OPEN, {"y": YEAR, "u": gid("OrgUnit", d.kadis.unit_id)})["openPerformanceYear"]
    assert hr.data(JOB, {"id": again["id"]})["job"]["status"] == "DONE"
    assert PerformancePlan.objects.filter(year=YEAR).count() == 15
    assert HumanTask.objects.filter(bpmn_id="draft", instance__key="skp_planning").count() == 15
    plan = plan_of(client_for(d.staff.user.username))
    assert plan["status"] == "DRAFT" and plan["rater"]["name"] == d.kasi.name
    assert plan["raterSupervisor"]["name"] == d.kabid.name
    assert len(plan["behaviorExpectations"]) == 7 and plan["history"] == [{"kind": "CREATED"}]
    draft = HumanTask.objects.get(subject=d.staff, bpmn_id="draft")
    assert draft.due_at.isoformat() == "2027-01-31T16:59:00+00:00"  # 31 January 23:59 WIB
    # Only HR of the unit opens a year; the job is the opener's to watch.
    assert client_for(d.hr_dinkes.user.username).error(OPEN, {"y": YEAR, "u": gid("OrgUnit", d.kadis.unit_id)})[
        "extensions"]["code"] == "FORBIDDEN"
    assert client_for(d.staff.user.username).error(JOB, {"id": job["id"]})["extensions"]["code"] == "NOT_FOUND"


def test_a_year_of_planning_top_down(year_open, client_for, django_user_model):
    d, hr, _job, goal_id = year_open
    sekda = client_for(d.sekda.user.username)
    kadis, kabid = client_for(d.kadis.user.username), client_for(d.kabid.user.username)
    kasi, staff = client_for(d.kasi.user.username), client_for(d.staff.user.username)

    # The head of agency cascades from the organization's goal (his rater has no plan here).
    head = plan_of(kadis)
    kadis_rhk = kadis.data(UPSERT, {"p": head["id"], "i": {"text": "Meningkatnya mutu SD", "orgGoalId": goal_id,
                                                             "indicators": indicator()}})["upsertWorkResult"]
    complete(kadis, task(head, "draft")["id"], {"decision": "SUBMIT"})

    # The kabid first forgets to cascade: refused, naming the work result.
    mid = plan_of(kabid)
    orphan = kabid.data(UPSERT, {"p": mid["id"], "i": {"text": "Pembinaan kurikulum SD", "indicators": indicator()}})[
        "upsertWorkResult"]
    error = kabid.error(COMPLETE, {"id": task(mid, "draft")["id"], "d": {"decision": "SUBMIT"}})
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "R-CASCADE" in error["message"]
    assert error["extensions"]["errors"][0]["workResultId"] == decode_id(orphan["id"], "WorkResult")
    assert [w["text"] for w in plan_of(kabid)["supervisorWorkResults"]] == ["Meningkatnya mutu SD"]
    kabid_rhk = kabid.data(UPSERT, {"p": mid["id"], "i": {"id": orphan["id"], "text": "Pembinaan kurikulum SD",
                                                            "parentIds": [kadis_rhk["id"]], "indicators": indicator("12")}})[
        "upsertWorkResult"]
    complete(kabid, task(mid, "draft")["id"], {"decision": "SUBMIT"})

    # The kasi submits; the kabid cannot approve her before his own plan is approved.
    low = plan_of(kasi)
    kasi_rhk = kasi.data(UPSERT, {"p": low["id"], "i": {"text": "Penilaian kurikulum di 12 SD",
                                                         "parentIds": [kabid_rhk["id"]], "indicators": indicator("12")}})[
        "upsertWorkResult"]
    complete(kasi, task(low, "draft")["id"], {"decision": "SUBMIT"})
    too_early = kabid.error(COMPLETE, {"id": rater_task(kabid)[d.kasi.name], "d": {"decision": "APPROVE"}})
    assert too_early["extensions"]["code"] == "CONFLICT"

    # Top-down: Sekda approves the head, the head sends the kabid back once, then approves.
    complete(sekda, rater_task(sekda)[d.kadis.name], {"decision": "APPROVE"})
    assert plan_of(kadis)["status"] == "APPROVED"
    complete(kadis, rater_task(kadis)[d.kabid.name], {"decision": "REVISE", "notes": "Tambahkan target waktu."})
    returned = plan_of(kabid)
    assert returned["status"] == "DRAFT" and returned["revisionNotes"] == "Tambahkan target waktu."
    kabid.data(UPSERT, {"p": mid["id"], "i": {"id": kabid_rhk["id"], "text": "Pembinaan kurikulum SD",
                                               "parentIds": [kadis_rhk["id"]],
                                               "indicators": indicator("12") + [{"aspect": "WAKTU", "text": "Selesai",
                                                                                 "target": "12", "unit": "bulan"}]}})
    complete(kabid, task(returned, "draft")["id"], {"decision": "SUBMIT"})
    complete(kadis, rater_task(kadis)[d.kabid.name], {"decision": "APPROVE"})
    complete(kabid, rater_task(kabid)[d.kasi.name], {"decision": "APPROVE"})
    assert plan_of(kasi)["status"] == "APPROVED"

    # The staff member names a work result that is not his rater's: refused as if it did not
    # exist (tests/performance/test_cascade_links.py has the cases), and nothing is saved.
    bottom = plan_of(staff)
    foreign = staff.error(UPSERT, {"p": bottom["id"], "i": {"text": "Menyusun instrumen penilaian",
                                                            "parentIds": [kadis_rhk["id"]], "indicators": indicator("4")}})
    assert foreign["extensions"]["code"] == "NOT_FOUND" and plan_of(staff)["workResults"] == []
    assert kasi_rhk

    history = [e.kind for e in PlanEvent.objects.filter(plan__employee=d.kabid, plan__year=YEAR)]
    assert history == ["CREATED", "WORK_RESULT_SAVED", "WORK_RESULT_SAVED", "SUBMITTED", "RETURNED",
                       "WORK_RESULT_SAVED", "SUBMITTED", "APPROVED"]


def test_who_may_edit_and_see_a_plan(year_open, client_for):
    d, hr, _job, goal_id = year_open
    staff_plan = plan_of(client_for(d.staff.user.username))
    change = {"p": staff_plan["id"], "i": {"text": "x", "orgGoalId": goal_id, "indicators": indicator()}}
    kasi = client_for(d.kasi.user.username)
    assert kasi.error(UPSERT, change)["extensions"]["code"] == "FORBIDDEN"          # the rater does not draft it
    assert client_for(d.peer.user.username).error(UPSERT, change)["extensions"]["code"] == "NOT_FOUND"
    assert hr.error(UPSERT, change)["extensions"]["code"] == "FORBIDDEN"
    for who, sees in [("staff", True), ("kasi", True), ("kabid", True), ("hr_all", True), ("peer", False),
                      ("hr_dinkes", False), ("other_rater", False)]:
        result = client_for(getattr(d, who).user.username)(PLAN, {"id": staff_plan["id"]})
        assert ("errors" not in result) == sees, who
    kasi_rhk = kasi.data(UPSERT, {"p": plan_of(kasi)["id"], "i": {"text": "Penilaian kurikulum",
                                                                  "indicators": indicator()}})["upsertWorkResult"]
    staff = client_for(d.staff.user.username)
    change["i"] = {"text": "x", "parentIds": [kasi_rhk["id"]], "indicators": indicator()}
    assert staff.data(UPSERT, change)["upsertWorkResult"]["text"] == "x"
    complete(staff, task(staff_plan, "draft")["id"], {"decision": "SUBMIT"})
    # Once submitted the drafting task is closed: no more edits.
    assert staff.error(UPSERT, change)["extensions"]["code"] == "FORBIDDEN"
    attachments = """mutation($p: ID!) { setPlanAttachments(planId: $p, resources: ["Laptop"], accountability: [],
      consequences: []) { attachments } }"""
    assert staff.error(attachments, {"p": staff_plan["id"]})["extensions"]["code"] == "FORBIDDEN"


def test_attachments_while_drafting(year_open, client_for):
    d, _hr, _job, _goal = year_open
    staff = client_for(d.staff.user.username)
    plan = plan_of(staff)
    result = staff.data("""mutation($p: ID!) { setPlanAttachments(planId: $p, resources: ["Laptop", " "],
      accountability: ["Laporan bulanan"], consequences: ["Teguran"]) { attachments history { kind } } }""",
                        {"p": plan["id"]})["setPlanAttachments"]
    assert result["attachments"] == {"resources": ["Laptop"], "accountability": ["Laporan bulanan"],
                                     "consequences": ["Teguran"]}
    assert result["history"][-1] == {"kind": "ATTACHMENTS_SET"}


def test_overdue_plans_are_flagged_to_hr(year_open, client_for, clock):
    import io

    from django.core.management import call_command

    d, hr, _job, _goal = year_open
    clock(days=(365 * 2))
    call_command("run_timers", stdout=io.StringIO())
    assert PerformancePlan.objects.filter(year=YEAR, is_overdue=True).count() == 15
    follow_ups = HumanTask.objects.filter(bpmn_id="overdue_follow_up", state="READY")
    assert follow_ups.count() == 15
    assert set(follow_ups.values_list("candidates__user__username", flat=True)) == {d.hr_all.user.username}


DELETE = "mutation($id: ID!) { deleteWorkResult(id: $id) }"


def test_deleting_work_results_and_changing_goals(year_open, client_for):
    d, hr, _job, goal_id = year_open
    kasi, staff = client_for(d.kasi.user.username), client_for(d.staff.user.username)
    kasi_rhk = kasi.data(UPSERT, {"p": plan_of(kasi)["id"], "i": {"text": "Penilaian", "indicators": indicator()}})[
        "upsertWorkResult"]["id"]
    staff_rhk = staff.data(UPSERT, {"p": plan_of(staff)["id"], "i": {"text": "Instrumen", "parentIds": [kasi_rhk],
                                                                       "indicators": indicator()}})["upsertWorkResult"]["id"]
    # A result that staff plans already support cannot go; the rater cannot delete the staff's.
    assert kasi.error(DELETE, {"id": kasi_rhk})["extensions"]["code"] == "CONFLICT"
    assert kasi.error(DELETE, {"id": staff_rhk})["extensions"]["code"] == "FORBIDDEN"
    assert client_for(d.peer.user.username).error(DELETE, {"id": staff_rhk})["extensions"]["code"] == "NOT_FOUND"
    assert staff.data(DELETE, {"id": staff_rhk})["deleteWorkResult"] is True
    assert plan_of(staff)["workResults"] == []
    assert kasi.data(DELETE, {"id": kasi_rhk})["deleteWorkResult"] is True
    assert plan_of(staff)["history"][-1] == {"kind": "WORK_RESULT_DELETED"}

    # Goals: HR changes one; everyone below sees the goals of their unit and the units above.
    changed = hr.data("""mutation($u: ID!, $id: ID!) { upsertOrgGoal(unitId: $u, year: 2027, id: $id,
      text: "Mutu pendidikan dasar merata", target: "99%") { text target } }""",
                      {"u": gid("OrgUnit", d.kadis.unit_id), "id": goal_id})["upsertOrgGoal"]
    assert changed == {"text": "Mutu pendidikan dasar merata", "target": "99%"}
    goals = staff.data("query($u: ID!) { orgGoals(unitId: $u, year: 2027) { text unit { code } } }",
                       {"u": gid("OrgUnit", d.staff.unit_id)})["orgGoals"]
    assert goals == [{"text": "Mutu pendidikan dasar merata", "unit": {"code": "DISDIK"}}]
    assert hr.error("""mutation($u: ID!) { upsertOrgGoal(unitId: $u, year: 2027, text: " ") { id } }""",
                    {"u": gid("OrgUnit", d.kadis.unit_id)})["extensions"]["fields"] == {"text": "wajib diisi"}


def test_a_resubmission_without_notes_records_none(published, client_for):
    """An optional field left empty is empty: the SUBMITTED event does not pick up the rater's
    return notes from the process data."""
    import io

    from django.core.management import call_command

    call_command("load_demo_year", "--year", "2026", stdout=io.StringIO())
    returned = PerformancePlan.objects.get(year=2026, revision_notes__startswith="Tambahkan")
    client = client_for(returned.employee.user.username)
    draft = HumanTask.objects.get(subject=returned.employee, bpmn_id="draft", state="READY")
    complete(client, gid("Task", draft.pk), {"decision": "SUBMIT"})
    events = list(PlanEvent.objects.filter(plan=returned, kind__in=["RETURNED", "SUBMITTED"]).order_by("pk")
                  .values_list("kind", "data"))
    assert events[-2][0] == "RETURNED" and events[-2][1]["notes"].startswith("Tambahkan")
    assert events[-1] == ("SUBMITTED", {"notes": ""})
