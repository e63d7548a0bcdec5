"""F5 (issue 11): a nested path never shows more than the root query. For each personal field
reachable from more than one root, every viewer of the demo gets the same answer from every path
— over HTTP, as each viewer."""
from __future__ import annotations

import pytest

from apps.performance import services
from apps.performance.models import Evaluation, Indicator, PerformancePlan, PlanStatus, WorkResult
from apps.workflow.models import HumanTask

from .conftest import gid

YEAR = 2027
VIEWERS = ["staff", "peer", "kasi", "kabid", "other_rater", "hr_all", "hr_dinkes", "process_admin"]

PLAN_FEEDBACK = """query($id: ID!) { performancePlan(id: $id) { workResults { text feedback { text } } } }"""
VIA_SUPERVISOR = """query($id: ID!) { performancePlan(id: $id) { supervisorWorkResults { text feedback { text } } } }"""
VIA_PARENTS = """query($id: ID!) { performancePlan(id: $id) { workResults { parents {
  text indicators { target } feedback { text } } } } }"""
PLAN_INSTANCE = "query($id: ID!) { performancePlan(id: $id) { processInstance { id history { kind } } } }"
INSTANCE = "query($id: ID!) { processInstance(id: $id) { id history { kind } } }"
TASK_INSTANCE = "query($id: ID!) { task(id: $id) { processInstance { id history { kind } } } }"
EVALUATION = """query($id: ID!) { evaluation(id: $id) { status plan { id } processInstance { id history { kind } } } }"""
EVALUATIONS = """query($p: ID!) { evaluations(planId: $p) { status plan { id } processInstance { id history { kind } } } }"""


def answer(client, query, variables, *path):
    """The data at ``path``, or the error code."""
    result = client(query, variables)
    if result.get("errors"):
        return result["errors"][0]["extensions"]["code"]
    data = result["data"]
    for key in path:
        data = data[key]
    return data


@pytest.fixture
def chain(published):
    """Plans of kabid → kasi → staff (and peer) in drafting, each with one work result; the
    staff's supports the kasi's — and the peer's, a link stored before F3 refused it. Each
    rater has given feedback to her own ratee."""
    d = published
    services.periods_create(year=YEAR)
    results = {}
    for who in ["kabid", "kasi", "staff", "peer"]:
        plan = services.plan_open(employee=getattr(d, who), year=YEAR, deadline=f"{YEAR}-01-31T23:59:00+07:00",
                                  actor=None)
        results[who] = WorkResult.objects.create(plan=plan, text=f"RHK {who}")
        Indicator.objects.create(work_result=results[who], aspect="KUANTITAS", text="Dokumen", target="4")
    results["staff"].parents.add(results["kasi"], results["peer"])
    services.feedback_give(actor=d.kabid.user, work_result=results["kasi"], text="Dari kabid untuk kasi")
    services.feedback_give(actor=d.kasi.user, work_result=results["peer"], text="Dari kasi untuk peer")
    return d, results


def test_the_raters_feedback_is_the_same_from_every_path(chain, client_for):
    """Her own rater's feedback to the kasi: her plan, her staff's supervisorWorkResults and
    her staff's parents answer alike — the staff member sees the kasi's work result, not it."""
    d, r = chain
    kasi_plan, staff_plan = gid("PerformancePlan", r["kasi"].plan_id), gid("PerformancePlan", r["staff"].plan_id)
    seen = {}
    for who in VIEWERS:
        client = client_for(getattr(d, who).user.username)
        root = answer(client, PLAN_FEEDBACK, {"id": kasi_plan}, "performancePlan", "workResults")
        via_supervisor = answer(client, VIA_SUPERVISOR, {"id": staff_plan}, "performancePlan", "supervisorWorkResults")
        via_parents = answer(client, VIA_PARENTS, {"id": staff_plan}, "performancePlan", "workResults")
        if via_parents != "NOT_FOUND":
            kasi_parent = [p for p in via_parents[0]["parents"] if p["text"] == "RHK kasi"]
            assert kasi_parent and kasi_parent[0]["indicators"] == [{"target": "4"}], who
            via_parents = [{"text": "RHK kasi", "feedback": kasi_parent[0]["feedback"]}]
        feedback = [] if root == "NOT_FOUND" else root[0]["feedback"]
        for path in (via_supervisor, via_parents):
            assert path == "NOT_FOUND" or path == [{"text": "RHK kasi", "feedback": feedback}], (who, path)
        seen[who] = (root != "NOT_FOUND", via_supervisor != "NOT_FOUND", bool(feedback))
    assert seen["staff"] == (False, True, False)  # the rater's work result to cascade from, without her feedback
    assert seen["kasi"] == seen["kabid"] == seen["hr_all"] == (True, True, True)
    assert seen["peer"] == seen["other_rater"] == seen["hr_dinkes"] == seen["process_admin"] == (False, False, False)


def test_a_linked_work_result_shows_only_as_far_as_the_viewer_may_see_it(chain, client_for):
    """The staff's result also names the peer's (stored before the fix): the staff member does
    not see it (nor the peer's plan); the kasi, who rates both, sees it with its feedback."""
    d, r = chain
    staff_plan, peer_plan = gid("PerformancePlan", r["staff"].plan_id), gid("PerformancePlan", r["peer"].plan_id)
    for who in VIEWERS:
        client = client_for(getattr(d, who).user.username)
        parents = answer(client, VIA_PARENTS, {"id": staff_plan}, "performancePlan", "workResults")
        if parents == "NOT_FOUND":
            continue
        peer_root = answer(client, PLAN_FEEDBACK, {"id": peer_plan}, "performancePlan", "workResults")
        shown = [p for p in parents[0]["parents"] if p["text"] == "RHK peer"]
        if peer_root == "NOT_FOUND":
            assert shown == [], who
        else:
            assert [{"text": "RHK peer", "feedback": s["feedback"]} for s in shown] == peer_root, who
    staff = client_for(d.staff.user.username)
    assert [p["text"] for p in answer(staff, VIA_PARENTS, {"id": staff_plan}, "performancePlan", "workResults")[0][
        "parents"]] == ["RHK kasi"]


def test_a_plans_process_instance_is_the_same_as_processInstance(chain, client_for):
    """The rater's supervisor (and the rater before her review task) may see the plan, not the
    process instance with its audit trail: null there, NOT_FOUND at processInstance(id)."""
    d, r = chain
    plan = PerformancePlan.objects.get(pk=r["staff"].plan_id)
    instance = gid("ProcessInstance", plan.process_instance_id)
    draft = gid("Task", HumanTask.objects.get(instance_id=plan.process_instance_id, bpmn_id="draft").pk)
    seen = {}
    for who in VIEWERS:
        client = client_for(getattr(d, who).user.username)
        nested = answer(client, PLAN_INSTANCE, {"id": gid("PerformancePlan", plan.pk)}, "performancePlan",
                        "processInstance")
        root = answer(client, INSTANCE, {"id": instance}, "processInstance")
        via_task = answer(client, TASK_INSTANCE, {"id": draft}, "task", "processInstance")
        if nested != "NOT_FOUND":
            assert nested == (None if root == "NOT_FOUND" else root), who
        assert via_task == root, who
        seen[who] = (nested != "NOT_FOUND", root != "NOT_FOUND")
    assert seen["staff"] == seen["hr_all"] == (True, True)
    assert seen["kasi"] == seen["kabid"] == (True, False)
    assert seen["peer"] == seen["hr_dinkes"] == seen["process_admin"] == (False, False)


def test_an_evaluation_and_its_instance_are_the_same_from_every_path(chain, client_for):
    """The evaluation by its id and in its plan's list; its instance there, by id, and through
    the self-assessment task: each viewer gets one answer."""
    d, r = chain
    PerformancePlan.objects.filter(year=YEAR).update(status=PlanStatus.APPROVED)
    period = gid("PerformancePeriod", services.periods_create(year=YEAR)[0].pk)
    client_for(d.hr_all.user.username).data(
        "mutation($p: ID!, $u: ID!) { openReviewPeriod(periodId: $p, unitId: $u) { status } }",
        {"p": period, "u": gid("OrgUnit", d.kasi.unit_id)})
    evaluation = Evaluation.objects.get(plan__employee=d.staff)
    task = HumanTask.objects.get(instance_id=evaluation.process_instance_id, bpmn_id="self_assess")
    ids = {"evaluation": gid("Evaluation", evaluation.pk), "plan": gid("PerformancePlan", evaluation.plan_id),
           "instance": gid("ProcessInstance", evaluation.process_instance_id), "task": gid("Task", task.pk)}
    seen = {}
    for who in VIEWERS:
        client = client_for(getattr(d, who).user.username)
        one = answer(client, EVALUATION, {"id": ids["evaluation"]}, "evaluation")
        listed = answer(client, EVALUATIONS, {"p": ids["plan"]}, "evaluations")
        assert listed == (one if one == "NOT_FOUND" else [one]), who
        root = answer(client, INSTANCE, {"id": ids["instance"]}, "processInstance")
        assert answer(client, TASK_INSTANCE, {"id": ids["task"]}, "task", "processInstance") == root, who
        if one != "NOT_FOUND":
            assert one["processInstance"] == (None if root == "NOT_FOUND" else root), who
        seen[who] = (one != "NOT_FOUND", root != "NOT_FOUND")
    assert seen["staff"] == seen["hr_all"] == (True, True)
    assert seen["kasi"] == seen["kabid"] == (True, False)  # not theirs until the rating / approval task
    assert seen["peer"] == seen["hr_dinkes"] == seen["other_rater"] == (False, False)
