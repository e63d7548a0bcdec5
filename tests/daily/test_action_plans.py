"""R-ACTION over HTTP: HR opens a quarter's action plans for a unit (one ``action_plan``
instance per approved SKP), the employee lists actions under the SKP's work results, the rater
sends them back or approves them through completeTask — and who may do what."""
from __future__ import annotations

import io
import json

from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.daily.models import ActionPlan, ActionPlanItem
from apps.performance import services as performance
from apps.performance.models import Job, PerformancePeriod, PerformancePlan, PlanEvent, WorkResult
from apps.workflow.models import (
    DefinitionStatus,
    HumanTask,
    ProcessDefinition,
    ProcessInstance,
    ProcessInstanceUserObjectPermission,
)

from ..conftest import gid
from ..performance.conftest import YEAR, quarter  # noqa: F401 (the fixture)
from ..workflow.helpers import COMPLETE, START, complete
from ..workflow.test_definitions import PUBLISH, UPLOAD

OPEN = "mutation($p: ID!, $u: ID!) { openActionPlans(periodId: $p, unitId: $u) { id status progress total errors } }"
JOB = "query($id: ID!) { job(id: $id) { status progress total errors } }"
PLANS = """query($p: ID!) { actionPlans(planId: $p) { id status revisionNotes approvedBy { name } approvedAt
  period { kind number } items { id text target unit position workResult { text } }
  processInstance { status activeTasks { id bpmnId assignee { name } } } } }"""
ONE = "query($id: ID!) { actionPlan(id: $id) { status revisionNotes items { text } plan { employee { name } } } }"
UPSERT = """mutation($a: ID!, $i: ActionItemInput!) { upsertActionItem(actionPlanId: $a, input: $i) {
  id text target unit position workResult { text } } }"""
DELETE = "mutation($id: ID!) { deleteActionItem(id: $id) }"


def code(error: dict) -> str:
    return error["extensions"]["code"]


def section_of(d) -> str:
    return gid("OrgUnit", d.kasi.unit_id)


def plan_id(employee) -> str:
    return gid("PerformancePlan", PerformancePlan.objects.get(employee=employee, year=YEAR).pk)


def result_of(employee) -> str:
    return gid("WorkResult", WorkResult.objects.get(plan__employee=employee, plan__year=YEAR).pk)


def action_plan_of(client, employee) -> dict:
    [action_plan] = client.data(PLANS, {"p": plan_id(employee)})["actionPlans"]
    return action_plan


def task_of(action_plan: dict, bpmn_id: str) -> str:
    return next(t["id"] for t in action_plan["processInstance"]["activeTasks"] if t["bpmnId"] == bpmn_id)


def item(work_result: str, text: str = "Menyusun draf modul ajar kelas 1", target: str = "2", unit: str = "dokumen",
         id: str | None = None) -> dict:
    return {"id": id, "workResultId": work_result, "text": text, "target": target, "unit": unit}


def opened(d, client_for):
    """TW I opened for the curriculum section by HR; the job's final state."""
    hr = client_for(d.hr_all.user.username)
    job = hr.data(OPEN, {"p": gid("PerformancePeriod", PerformancePeriod.objects.get(
        year=YEAR, kind="QUARTER", number=1).pk), "u": section_of(d)})["openActionPlans"]
    return hr.data(JOB, {"id": job["id"]})["job"]


# --- the whole round ------------------------------------------------------------------------

def test_r_action_draft_send_back_fix_and_approve(quarter, client_for):
    d, period, _q1 = quarter
    hr, staff, kasi = (client_for(d.hr_all.user.username), client_for(d.staff.user.username),
                       client_for(d.kasi.user.username))
    job = hr.data(OPEN, {"p": period, "u": section_of(d)})["openActionPlans"]
    assert hr.data(JOB, {"id": job["id"]})["job"] == {"status": "DONE", "progress": 3, "total": 3, "errors": []}
    # kasi, staff and peer: the approved SKPs of the section (the kabid's unit is above it).
    assert set(ActionPlan.objects.values_list("plan__employee__name", flat=True)) == {d.kasi.name, d.staff.name,
                                                                                      d.peer.name}

    mine = action_plan_of(staff, d.staff)
    assert (mine["status"], mine["period"], mine["items"]) == ("DRAFT", {"kind": "QUARTER", "number": 1}, [])
    assert mine["processInstance"]["activeTasks"] == [{"id": task_of(mine, "draft"), "bpmnId": "draft",
                                                       "assignee": {"name": d.staff.name}}]
    rhk = result_of(d.staff)
    first = staff.data(UPSERT, {"a": mine["id"], "i": item(rhk)})["upsertActionItem"]
    assert first == {"id": first["id"], "text": "Menyusun draf modul ajar kelas 1", "target": "2", "unit": "dokumen",
                     "position": 1, "workResult": {"text": f"RHK {d.staff.name}"}}
    second = staff.data(UPSERT, {"a": mine["id"], "i": item(rhk, "Uji coba modul", "1", "kegiatan")})
    second = second["upsertActionItem"]
    assert second["position"] == 2
    complete(staff, task_of(mine, "draft"), {"decision": "SUBMIT", "notes": "Mohon diperiksa."})

    review = action_plan_of(kasi, d.staff)
    assert review["status"] == "SUBMITTED"
    assert review["processInstance"]["activeTasks"][0]["assignee"] == {"name": d.kasi.name}
    # REVISE needs notes (the form says so).
    no_notes = kasi.error(COMPLETE, {"id": task_of(review, "review"), "d": {"decision": "REVISE"}})
    assert code(no_notes) == "BAD_USER_INPUT" and "notes" in no_notes["extensions"]["fields"]
    complete(kasi, task_of(review, "review"), {"decision": "REVISE", "notes": "Target uji coba terlalu rendah."})

    back = action_plan_of(staff, d.staff)
    assert (back["status"], back["revisionNotes"]) == ("DRAFT", "Target uji coba terlalu rendah.")
    fixed = item(rhk, "Uji coba modul di tiga sekolah", "3", "sekolah", id=second["id"])
    staff.data(UPSERT, {"a": back["id"], "i": fixed})
    assert staff.data(DELETE, {"id": first["id"]})["deleteActionItem"] is True
    complete(staff, task_of(back, "draft"), {"decision": "SUBMIT"})

    complete(kasi, task_of(action_plan_of(kasi, d.staff), "review"), {"decision": "APPROVE"})
    done = action_plan_of(staff, d.staff)
    assert (done["status"], done["revisionNotes"], done["approvedBy"]) == ("APPROVED", "", {"name": d.kasi.name})
    assert done["approvedAt"] and done["processInstance"] == {"status": "COMPLETED", "activeTasks": []}
    assert [(i["text"], i["target"], i["unit"]) for i in done["items"]] == [("Uji coba modul di tiga sekolah", "3",
                                                                            "sekolah")]
    assert staff.data(ONE, {"id": done["id"]})["actionPlan"]["status"] == "APPROVED"
    # R-AUDIT: the round is in the SKP's history.
    kinds = list(PlanEvent.objects.filter(plan__employee=d.staff, kind__startswith="ACTION_").order_by("pk")
                 .values_list("kind", flat=True))
    assert kinds == ["ACTION_PLAN_OPENED", "ACTION_ITEM_SAVED", "ACTION_ITEM_SAVED", "ACTION_PLAN_SUBMITTED",
                     "ACTION_PLAN_RETURNED", "ACTION_ITEM_SAVED", "ACTION_ITEM_DELETED", "ACTION_PLAN_SUBMITTED",
                     "ACTION_PLAN_APPROVED"]
    # Approved: nothing changes any more, not even by its employee.
    assert code(staff.error(UPSERT, {"a": done["id"], "i": item(rhk)})) == "FORBIDDEN"


# --- opening -----------------------------------------------------------------------------------

def test_r_action_only_hr_of_the_unit_opens_action_plans(quarter, client_for):
    d, period, _q1 = quarter
    for person in (d.staff, d.kasi, d.kabid, d.hr_dinkes):  # the section's head and HR elsewhere included
        assert code(client_for(person.user.username).error(OPEN, {"p": period, "u": section_of(d)})) == "FORBIDDEN"
    assert not Job.objects.filter(kind="open_action_plans").exists() and not ActionPlan.objects.exists()


def test_r_action_opening_before_the_process_is_published_is_refused_at_once(quarter, client_for):
    d, period, _q1 = quarter
    ProcessDefinition.objects.filter(key="action_plan").update(status=DefinitionStatus.RETIRED)
    hr = client_for(d.hr_all.user.username)
    error = hr.error(OPEN, {"p": period, "u": section_of(d)})
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["fields"] == {"process": "action_plan"}
    assert error["message"] == ("Proses action_plan belum diterbitkan: administrator proses harus menerbitkannya "
                                "terlebih dahulu (proses bawaan: manage.py load_workflows).")
    assert not Job.objects.filter(kind="open_action_plans").exists() and not ActionPlan.objects.exists()
    # Permission first: someone who may not open learns nothing about processes.
    assert code(client_for(d.staff.user.username).error(OPEN, {"p": period, "u": section_of(d)})) == "FORBIDDEN"


def test_r_action_plans_are_per_quarter_not_for_the_year(quarter, client_for):
    d, _period, _q1 = quarter
    year = gid("PerformancePeriod", PerformancePeriod.objects.get(year=YEAR, kind="YEAR").pk)
    error = client_for(d.hr_all.user.username).error(OPEN, {"p": year, "u": section_of(d)})
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["fields"] == {"periodId": "quarter"}
    assert not Job.objects.filter(kind="open_action_plans").exists()


def test_r_action_opening_twice_changes_nothing(quarter, client_for):
    d, _period, _q1 = quarter
    assert opened(d, client_for)["total"] == 3
    before = (list(ActionPlan.objects.order_by("pk").values_list("pk", "process_instance_id")),
              ProcessInstance.objects.count(), HumanTask.objects.count(), PlanEvent.objects.count())
    assert opened(d, client_for) == {"status": "DONE", "progress": 3, "total": 3, "errors": []}
    assert (list(ActionPlan.objects.order_by("pk").values_list("pk", "process_instance_id")),
            ProcessInstance.objects.count(), HumanTask.objects.count(), PlanEvent.objects.count()) == before


def test_r_action_job_reports_the_employee_whose_instance_cannot_start(quarter, client_for):
    """One employee already has a running action_plan instance for the quarter (e.g. started by
    hand before): that one is reported by name, the others are opened."""
    d, _period, q1 = quarter
    from apps.workflow import services as workflow
    from apps.workflow.registry import Binding

    workflow.process_start(actor=None, key="action_plan", subject=d.peer, data={"periodId": str(q1.pk)},
                           binding=Binding("daily.action_plan", 0))
    state = opened(d, client_for)
    assert (state["status"], state["progress"]) == ("FAILED", 3)
    [error] = state["errors"]
    assert error["employeeName"] == d.peer.name and "sudah berjalan" in error["message"]
    assert set(ActionPlan.objects.exclude(process_instance=None).values_list("plan__employee__name", flat=True)) == {
        d.kasi.name, d.staff.name}


def test_r_action_the_process_is_started_by_kinerja_only(quarter, client_for):
    d, _period, q1 = quarter
    hr = client_for(d.hr_all.user.username)
    error = hr.error(START, {"key": "action_plan", "s": gid("Employee", d.staff.pk), "d": {"periodId": str(q1.pk)}})
    assert code(error) == "FORBIDDEN" and not ProcessInstance.objects.filter(key="action_plan").exists()


# --- drafting -----------------------------------------------------------------------------------

def test_r_action_items_only_under_the_own_skp_work_results(quarter, client_for):
    d, _period, _q1 = quarter
    opened(d, client_for)
    staff = client_for(d.staff.user.username)
    mine = action_plan_of(staff, d.staff)
    # The peer's and the rater's work results (both visible to nobody / cascaded from): NOT_FOUND.
    for foreign in (result_of(d.peer), result_of(d.kasi)):
        assert code(staff.error(UPSERT, {"a": mine["id"], "i": item(foreign)})) == "NOT_FOUND"
    # An action of another action plan cannot be changed through this one.
    kasi = client_for(d.kasi.user.username)
    theirs = kasi.data(UPSERT, {"a": action_plan_of(kasi, d.kasi)["id"], "i": item(result_of(d.kasi))})
    changed = staff.error(UPSERT, {"a": mine["id"], "i": item(result_of(d.staff), id=theirs["upsertActionItem"]["id"])})
    assert code(changed) == "NOT_FOUND"
    assert code(staff.error(DELETE, {"id": theirs["upsertActionItem"]["id"]})) == "NOT_FOUND"
    assert not ActionPlanItem.objects.filter(action_plan__plan__employee=d.staff).exists()
    assert ActionPlanItem.objects.get().text == "Menyusun draf modul ajar kelas 1"


def test_r_action_item_input_is_checked(quarter, client_for):
    d, _period, _q1 = quarter
    opened(d, client_for)
    staff = client_for(d.staff.user.username)
    mine = action_plan_of(staff, d.staff)
    bad = staff.error(UPSERT, {"a": mine["id"], "i": item(result_of(d.staff), text=" ", target="x" * 201,
                                                           unit="u" * 51)})
    assert code(bad) == "BAD_USER_INPUT"
    assert bad["extensions"]["fields"] == {"text": "wajib diisi", "target": bad["extensions"]["fields"]["target"],
                                           "unit": bad["extensions"]["fields"]["unit"]}
    assert "200" in bad["extensions"]["fields"]["target"] and "50" in bad["extensions"]["fields"]["unit"]
    assert not ActionPlanItem.objects.exists()


def test_r_action_only_the_employee_holding_the_draft_task_edits(quarter, client_for):
    d, _period, _q1 = quarter
    opened(d, client_for)
    staff, kasi, hr = (client_for(d.staff.user.username), client_for(d.kasi.user.username),
                       client_for(d.hr_all.user.username))
    mine = action_plan_of(staff, d.staff)
    rhk = result_of(d.staff)
    saved = staff.data(UPSERT, {"a": mine["id"], "i": item(rhk)})["upsertActionItem"]
    # The rater and HR see the action plan, but the draft is the employee's.
    for other in (kasi, hr):
        assert code(other.error(UPSERT, {"a": mine["id"], "i": item(rhk)})) == "FORBIDDEN"
        assert code(other.error(DELETE, {"id": saved["id"]})) == "FORBIDDEN"
    complete(staff, task_of(mine, "draft"), {"decision": "SUBMIT"})
    # Submitted: the draft task is closed, the employee waits for the rater.
    assert code(staff.error(UPSERT, {"a": mine["id"], "i": item(rhk, id=saved["id"], text="Diubah")})) == "FORBIDDEN"
    assert code(staff.error(DELETE, {"id": saved["id"]})) == "FORBIDDEN"
    assert list(ActionPlanItem.objects.values_list("text", flat=True)) == ["Menyusun draf modul ajar kelas 1"]


def test_r_action_submitting_without_actions_is_refused(quarter, client_for):
    d, _period, _q1 = quarter
    opened(d, client_for)
    staff = client_for(d.staff.user.username)
    mine = action_plan_of(staff, d.staff)
    error = staff.error(COMPLETE, {"id": task_of(mine, "draft"), "d": {"decision": "SUBMIT"}})
    assert code(error) == "BAD_USER_INPUT" and error["extensions"]["fields"] == {"items": "wajib diisi"}
    still = action_plan_of(staff, d.staff)
    assert still["status"] == "DRAFT" and task_of(still, "draft") == task_of(mine, "draft")


def test_r_action_submitting_actions_under_a_work_result_no_longer_in_the_skp_is_refused(quarter, client_for):
    d, _period, _q1 = quarter
    opened(d, client_for)
    staff = client_for(d.staff.user.username)
    mine = action_plan_of(staff, d.staff)
    saved = staff.data(UPSERT, {"a": mine["id"], "i": item(result_of(d.staff))})["upsertActionItem"]
    # The SKP's work result has moved on since the action was saved (here: to another SKP).
    other = PerformancePlan.objects.get(employee=d.peer, year=YEAR)
    WorkResult.objects.filter(plan__employee=d.staff, plan__year=YEAR).update(plan=other)
    error = staff.error(COMPLETE, {"id": task_of(mine, "draft"), "d": {"decision": "SUBMIT"}})
    assert code(error) == "BAD_USER_INPUT"
    assert error["extensions"]["fields"] == {f"items.{ActionPlanItem.objects.get().pk}": "bukan RHK dari SKP ini"}
    assert saved and action_plan_of(staff, d.staff)["status"] == "DRAFT"


# --- who sees what --------------------------------------------------------------------------------

def test_r_action_a_peer_sees_nothing(quarter, client_for):
    d, _period, _q1 = quarter
    opened(d, client_for)
    staff = client_for(d.staff.user.username)
    mine = action_plan_of(staff, d.staff)
    saved = staff.data(UPSERT, {"a": mine["id"], "i": item(result_of(d.staff))})["upsertActionItem"]
    for person in (d.peer, d.other_rater, d.hr_dinkes):
        outsider = client_for(person.user.username)
        assert code(outsider.error(PLANS, {"p": plan_id(d.staff)})) == "NOT_FOUND"
        assert code(outsider.error(ONE, {"id": mine["id"]})) == "NOT_FOUND"
        assert code(outsider.error(UPSERT, {"a": mine["id"], "i": item(result_of(d.staff))})) == "NOT_FOUND"
        assert code(outsider.error(DELETE, {"id": saved["id"]})) == "NOT_FOUND"
    # Those who see the SKP see its action plans: the rater, the rater's supervisor, HR of the unit.
    for person in (d.kasi, d.kabid, d.hr_all):
        assert client_for(person.user.username).data(ONE, {"id": mine["id"]})["actionPlan"]["items"] == [
            {"text": "Menyusun draf modul ajar kelas 1"}]
    assert ActionPlanItem.objects.count() == 1


def publish_rerouted(d, client_for, task: str, lane: str) -> None:
    """A new version of action_plan with ``task`` moved into another standard lane, published
    by a process administrator (as they may: the flow is theirs to change)."""
    v1 = ProcessDefinition.objects.get(key="action_plan", status=DefinitionStatus.PUBLISHED)
    ref = f"<bpmn:flowNodeRef>{task}</bpmn:flowNodeRef>"
    xml = v1.bpmn_xml.replace(ref + "\n", "", 1)
    head = xml.index(">", xml.index(f'<bpmn:lane id="{lane}"')) + 1
    xml = xml[:head] + f"\n        {ref}" + xml[head:]
    admin = client_for(d.process_admin.user.username)
    v2 = admin.data(UPLOAD, {"x": xml, "f": v1.forms, "b": None, "k": "action_plan"})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": v2["id"]})


def test_r_action_a_changed_flow_cannot_hand_the_decision_to_the_employee(quarter, client_for):
    """Administrators may change the flow, not who decides: the review moved into the employee's
    lane reaches the employee, who is refused when completing it."""
    d, _period, _q1 = quarter
    publish_rerouted(d, client_for, "review", "Lane_pegawai")
    opened(d, client_for)
    staff = client_for(d.staff.user.username)
    mine = action_plan_of(staff, d.staff)
    staff.data(UPSERT, {"a": mine["id"], "i": item(result_of(d.staff))})
    complete(staff, task_of(mine, "draft"), {"decision": "SUBMIT"})
    review = action_plan_of(staff, d.staff)
    assert review["processInstance"]["activeTasks"][0]["assignee"] == {"name": d.staff.name}
    refused = staff.error(COMPLETE, {"id": task_of(review, "review"), "d": {"decision": "APPROVE"}})
    assert code(refused) == "FORBIDDEN"
    assert action_plan_of(staff, d.staff)["status"] == "SUBMITTED"


def test_r_action_a_changed_flow_cannot_hand_the_draft_to_the_rater(quarter, client_for):
    """The draft moved into the rater's lane: the rater holds the task, yet neither edits the
    employee's actions nor submits them."""
    d, _period, _q1 = quarter
    publish_rerouted(d, client_for, "draft", "Lane_penilai")
    opened(d, client_for)
    kasi = client_for(d.kasi.user.username)
    theirs = action_plan_of(kasi, d.staff)
    assert theirs["processInstance"]["activeTasks"][0]["assignee"] == {"name": d.kasi.name}
    assert code(kasi.error(UPSERT, {"a": theirs["id"], "i": item(result_of(d.staff))})) == "FORBIDDEN"
    ActionPlanItem.objects.create(action_plan=ActionPlan.objects.get(plan__employee=d.staff),
                                  work_result=WorkResult.objects.get(plan__employee=d.staff), text="a", target="1")
    assert code(kasi.error(DELETE, {"id": gid("ActionPlanItem", ActionPlanItem.objects.get().pk)})) == "FORBIDDEN"
    refused = kasi.error(COMPLETE, {"id": task_of(theirs, "draft"), "d": {"decision": "SUBMIT"}})
    assert code(refused) == "FORBIDDEN"
    assert action_plan_of(kasi, d.staff)["status"] == "DRAFT" and ActionPlanItem.objects.count() == 1


# --- reads in constant queries ------------------------------------------------------------------

LIST = """query($p: ID!) { actionPlans(planId: $p) { status period { number } approvedBy { name }
  items { text target workResult { text indicators { target } } } processInstance { status } } }"""


def test_r_action_list_query_count_does_not_grow_with_quarters_and_items(demo_db):
    call_command("load_workflows", stdout=io.StringIO())
    performance.periods_create(year=YEAR)
    plan = performance.plan_open(employee=demo_db.staff, year=YEAR, deadline=f"{YEAR}-01-31T23:59:00+07:00", actor=None)
    results = [WorkResult.objects.create(plan=plan, text=f"RHK {n}") for n in range(3)]
    client = Client()
    client.force_login(demo_db.staff.user)

    def count(quarters: int, per_result: int) -> int:
        for number in range(1, quarters + 1):
            period = PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=number)
            action_plan, _created = ActionPlan.objects.get_or_create(plan=plan, period=period)
            ActionPlanItem.objects.bulk_create([ActionPlanItem(action_plan=action_plan, work_result=r, text="aksi",
                                                               target="1") for r in results for _ in range(per_result)])
        with CaptureQueriesContext(connection) as ctx:
            variables = {"p": gid("PerformancePlan", plan.pk)}
            body = client.post("/graphql/", json.dumps({"query": LIST, "variables": variables}),
                               content_type="application/json").json()
        assert "errors" not in body, body
        assert len(body["data"]["actionPlans"]) == quarters
        return len(ctx.captured_queries)

    few = count(1, 1)
    many = count(4, 3)
    assert few == many == 10, (few, many)


INSTANCE = "query($id: ID!) { processInstance(id: $id) { key actionPlan { id items { text } } } }"


def test_r_action_the_instance_shows_its_action_plan_only_to_those_who_see_the_skp(quarter, client_for):
    """ProcessInstance.actionPlan: those who see the instance and the SKP see it; a participant of
    the instance who may not see the SKP (granted view on the instance only) sees the instance
    and no action plan."""
    d, _period, _q1 = quarter
    opened(d, client_for)
    staff = client_for(d.staff.user.username)
    mine = action_plan_of(staff, d.staff)
    staff.data(UPSERT, {"a": mine["id"], "i": item(result_of(d.staff))})
    instance = ActionPlan.objects.get(plan__employee=d.staff).process_instance
    variables = {"id": gid("ProcessInstance", instance.pk)}
    for person in (d.staff, d.hr_all):  # the subject, HR of the unit
        shown = client_for(person.user.username).data(INSTANCE, variables)["processInstance"]
        assert shown == {"key": "action_plan", "actionPlan": {"id": mine["id"], "items": [
            {"text": "Menyusun draf modul ajar kelas 1"}]}}
    ProcessInstanceUserObjectPermission.objects.create(  # as the engine grants a participant
        user=d.peer.user, content_object=instance, permission=Permission.objects.get(codename="view_processinstance"))
    assert client_for(d.peer.user.username).data(INSTANCE, variables)["processInstance"] == {
        "key": "action_plan", "actionPlan": None}
