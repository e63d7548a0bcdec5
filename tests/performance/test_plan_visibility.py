"""Who sees a plan after the relation changes (README "Who sees what"): a rater who acted on it
keeps it; one replaced before acting loses it."""
from __future__ import annotations

from apps.performance.models import PerformancePlan, PlanStatus, WorkResult
from apps.workflow.models import HumanTask

from ..conftest import gid
from ..workflow.helpers import COMPLETE
from .conftest import YEAR

PLAN = "query($id: ID!) { performancePlan(id: $id) { status workResults { text } } }"
SET_SUPERVISOR = "mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) { name } }"


def _submit(client, plan):
    draft = HumanTask.objects.get(instance=plan.process_instance, bpmn_id="draft", state="READY")
    client.data(COMPLETE, {"id": gid("Task", draft.pk), "d": {"decision": "SUBMIT"}})


def test_a_rater_who_acted_keeps_the_plan_after_being_replaced(quarter, client_for):
    d, _q1_id, _q1 = quarter
    plans = {e: PerformancePlan.objects.get(employee=e, year=YEAR) for e in (d.staff, d.peer)}
    kasi_result = WorkResult.objects.get(plan__employee=d.kasi, plan__year=YEAR)
    for plan in plans.values():
        PerformancePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
        WorkResult.objects.get(plan=plan).parents.add(kasi_result)
    kasi = client_for(d.kasi.user.username)
    # The peer's plan: the kasi sends it back (she acted). The staff plan: she never acts on it.
    _submit(client_for(d.peer.user.username), plans[d.peer])
    review = HumanTask.objects.get(instance=plans[d.peer].process_instance, bpmn_id="review", state="READY")
    kasi.data(COMPLETE, {"id": gid("Task", review.pk), "d": {"decision": "REVISE", "notes": "Perjelas target."}})
    _submit(client_for(d.staff.user.username), plans[d.staff])
    hr = client_for(d.hr_all.user.username)
    for employee in (d.staff, d.peer):
        hr.data(SET_SUPERVISOR, {"e": gid("Employee", employee.pk), "s": gid("Employee", d.kabid.pk)})
    assert kasi.data(PLAN, {"id": gid("PerformancePlan", plans[d.peer].pk)})["performancePlan"]["status"] == "DRAFT"
    assert kasi.error(PLAN, {"id": gid("PerformancePlan", plans[d.staff].pk)})["extensions"]["code"] == "NOT_FOUND"
    kabid = client_for(d.kabid.user.username)  # the new rater sees both
    for plan in plans.values():
        assert kabid.data(PLAN, {"id": gid("PerformancePlan", plan.pk)})["performancePlan"]["workResults"]


SUPERVISOR_RESULTS = "query($id: ID!) { performancePlan(id: $id) { supervisorWorkResults { text } } }"


def test_a_plan_without_its_process_is_still_its_employees(quarter, client_for):
    """A plan whose planning process could not start (the job reports it) has no instance to
    grant anything: the employee sees it as their own, and the rater's results to cascade from
    — also when the plan recorded no rater at the time it was opened."""
    d, _q1_id, _q1 = quarter
    plan = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    PerformancePlan.objects.filter(pk=plan.pk).update(process_instance=None, rater=None)
    staff = client_for(d.staff.user.username)
    assert staff.data(PLAN, {"id": gid("PerformancePlan", plan.pk)})["performancePlan"]["workResults"]
    upper = staff.data(SUPERVISOR_RESULTS, {"id": gid("PerformancePlan", plan.pk)})["performancePlan"]
    assert [r["text"] for r in upper["supervisorWorkResults"]] == [f"RHK {d.kasi.name}"]


def test_an_account_without_an_employee_reads_no_unit_minutes(quarter, client_for, django_user_model):
    """E.g. an auditor's account: not HR, not a leader, in no unit — NOT_FOUND, not a crash."""
    d, _q1_id, _q1 = quarter
    django_user_model.objects.create_user("auditor", password="rahasia-uji-123")
    auditor = client_for("auditor")
    error = auditor.error("query($u: ID!) { evaluationMeetings(unitId: $u, year: 2027) { id } }",
                          {"u": gid("OrgUnit", d.kasi.unit_id)})
    assert error["extensions"]["code"] == "NOT_FOUND"
