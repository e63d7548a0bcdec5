"""F1 (issue 11): handlers act only on the plan or evaluation their instance is bound to by the
service that started it — never on an id sent by a client in process or form data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from apps.core.errors import Forbidden
from apps.performance import services, steps
from apps.performance.models import Evaluation, PerformancePlan, PlanStatus, WorkResult
from apps.workflow.models import HumanTask, ProcessDefinition, ProcessInstance

from ..conftest import gid
from ..workflow.helpers import COMPLETE, START
from ..workflow.test_definitions import DEMO_XML, FORMS, PUBLISH, UPLOAD
from ..workflow.test_migration import MIGRATE
from .conftest import YEAR

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"


def start(client, subject, key, data):
    return client(START, {"key": key, "s": gid("Employee", subject.pk), "d": data})


def code(result):
    assert result.get("errors"), result
    return result["errors"][0]["extensions"]["code"]


def test_a_client_cannot_start_the_plan_process_for_someone_elses_plan(quarter, client_for):
    """HR of Dinas Kesehatan starts skp_planning for herself naming an approved plan of Dinas
    Pendidikan: refused before anything runs, and the plan stays approved."""
    d, _q1_id, q1 = quarter
    victim = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    hr = client_for(d.hr_dinkes.user.username)
    result = start(hr, d.hr_dinkes, "skp_planning",
                   {"periodId": "2099", "planId": victim.pk, "deadline": "2099-01-31T23:59:00+07:00"})
    assert code(result) == "FORBIDDEN"
    assert "HR" in result["errors"][0]["message"]  # says who starts it (Indonesian by default)
    assert not ProcessInstance.objects.filter(subject=d.hr_dinkes).exists()
    victim.refresh_from_db()
    assert victim.status == PlanStatus.APPROVED


def test_a_client_cannot_start_a_review_for_someone_elses_evaluation(quarter, client_for):
    d, q1_id, q1 = quarter
    hr = client_for(d.hr_all.user.username)
    hr.data("""mutation($p: ID!, $u: ID!) { openReviewPeriod(periodId: $p, unitId: $u) { id } }""",
            {"p": q1_id, "u": gid("OrgUnit", d.kasi.unit_id)})
    evaluation = Evaluation.objects.get(plan__employee=d.staff, period=q1)
    attacker = client_for(d.hr_dinkes.user.username)
    result = start(attacker, d.hr_dinkes, "periodic_review", {"periodId": "x", "evaluationId": evaluation.pk})
    assert code(result) == "FORBIDDEN"
    assert not ProcessInstance.objects.filter(subject=d.hr_dinkes).exists()


def test_a_definition_using_a_plan_handler_cannot_be_started_by_a_client(published, client_for):
    """A process administrator attaches performance.plan.submit to a task of a new process whose
    form carries planId: nobody can start it over startProcess, so the handler never runs."""
    d = published
    xml = DEMO_XML.replace('<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>',
                           '<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>'
                           '<spiffworkflow:property name="handler" value="performance.plan.submit"/>')
    admin = client_for(d.process_admin.user.username)
    definition = admin.data(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": "uji_plan"})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": definition["id"]})
    staff = client_for(d.staff.user.username)
    assert code(start(staff, d.staff, "uji_plan", {"periodId": "2026", "planId": 1})) == "FORBIDDEN"
    assert not ProcessInstance.objects.filter(key="uji_plan").exists()


def test_an_unbound_instance_never_runs_a_plan_handler(quarter, client_for):
    """An instance bound to nothing (as one started by a client before binding existed): its
    completion handler is refused at run time, the step rolls back, the plan is unchanged."""
    d, _q1_id, _q1 = quarter
    plan = services.plan_open(employee=d.nurse, year=YEAR, deadline=f"{YEAR}-01-31T23:59:00+07:00", actor=None)
    assert plan.process_instance.bound_kind == "performance.plan" and plan.process_instance.bound_id == plan.pk
    ProcessInstance.objects.filter(pk=plan.process_instance_id).update(bound_kind="", bound_id=None)
    draft = HumanTask.objects.get(instance=plan.process_instance, bpmn_id="draft")
    nurse = client_for(d.nurse.user.username)
    result = nurse(COMPLETE, {"id": gid("Task", draft.pk), "d": {"decision": "SUBMIT"}})
    assert code(result) == "FORBIDDEN"
    draft.refresh_from_db()
    plan.refresh_from_db()
    assert draft.state == "READY" and plan.status == PlanStatus.DRAFT


def test_the_bound_plan_is_the_one_submitted_whatever_the_process_data_says(quarter, client_for):
    """The planId seeded into the process data is a value for display; the handler uses the
    binding: a tampered planId in the stored state changes nothing."""
    d, _q1_id, _q1 = quarter
    victim = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    plan = PerformancePlan.objects.get(employee=d.peer, year=YEAR)  # its drafting task is still open
    PerformancePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    kasi_result = WorkResult.objects.get(plan__employee=d.kasi, plan__year=YEAR)
    WorkResult.objects.get(plan=plan).parents.add(kasi_result)  # R-CASCADE holds
    instance = plan.process_instance
    instance.state = instance.state.replace(f'"planId": {plan.pk}', f'"planId": {victim.pk}')
    assert f'"planId": {victim.pk}' in instance.state
    instance.save(update_fields=["state"])
    draft = HumanTask.objects.get(instance=instance, bpmn_id="draft")
    client_for(d.peer.user.username).data(COMPLETE, {"id": gid("Task", draft.pk), "d": {"decision": "SUBMIT"}})
    plan.refresh_from_db()
    victim.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and victim.status == PlanStatus.APPROVED


def test_instances_do_not_migrate_to_a_version_whose_handlers_need_another_object(published, client_for):
    """approval_demo instances are bound to nothing; a v2 that submits plans would make them act on
    an object named by their data: the migration refuses them (and the dry run says why)."""
    d = published
    staff = client_for(d.staff.user.username)
    instance = start(staff, d.staff, "approval_demo", {"periodId": "2026"})["data"]["startProcess"]
    admin = client_for(d.process_admin.user.username)
    xml = DEMO_XML.replace('<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>',
                           '<spiffworkflow:property name="formJsonSchemaFilename" value="draft.schema.json"/>'
                           '<spiffworkflow:property name="handler" value="performance.plan.submit"/>')
    v2 = admin.data(UPLOAD, {"x": xml, "f": FORMS, "b": None, "k": "approval_demo"})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": v2["id"]})
    v1 = ProcessDefinition.objects.get(key="approval_demo", version=1)
    for dry in (True, False):
        [report] = admin.data(MIGRATE, {"f": gid("ProcessDefinition", v1.pk), "t": v2["id"], "dry": dry})[
            "migrateProcessInstances"]
        assert report["processInstanceId"] == instance["id"]
        assert report["canMigrate"] is False and report["migrated"] is False and report["reason"]
    assert ProcessInstance.objects.get(subject=d.staff).definition_id == v1.pk


def test_shipped_processes_declare_what_they_act_on():
    """Every handler the shipped BPMN files name acts on the object its service binds."""
    from apps.workflow import registry

    for key, kind in (("skp_planning", "performance.plan"), ("periodic_review", "performance.evaluation"),
                      ("annual_review", "performance.evaluation"), ("action_plan", "daily.action_plan")):
        xml = (WORKFLOWS / f"{key}.bpmn").read_text(encoding="utf-8")
        names = {n for n in registry.names() if f'"{n}"' in xml}
        assert names and {registry.binds(n) for n in names} == {kind}, (key, names)
    assert json.loads((WORKFLOWS / "forms" / "skp_submit.schema.json").read_text())["properties"].keys() == {
        "decision", "notes"}


def _reroute(xml: str, task: str, to_lane: str) -> str:
    """The planning BPMN with ``task`` moved into another lane."""
    ref = f"<bpmn:flowNodeRef>{task}</bpmn:flowNodeRef>"
    xml = xml.replace(ref + "\n", "", 1)
    return xml.replace(f'<bpmn:lane id="{to_lane}" name="Pegawai">', f'<bpmn:lane id="{to_lane}" name="Pegawai">\n{ref}')


def test_a_changed_definition_cannot_hand_a_plan_step_to_someone_else(quarter, client_for):
    """A process administrator may change the flow, not who decides on a plan: a step that
    changes a plan cannot sit in a lane bound to a user (refused at upload), and a step moved into
    another standard lane is refused at run time to anyone but the person the regulation names."""
    d, _q1_id, _q1 = quarter
    v1 = ProcessDefinition.objects.get(key="skp_planning")
    admin = client_for(d.process_admin.user.username)
    admin.language = "en"
    mine = {"Pejabat Penilai": f"USER:{d.process_admin.user.username}"}
    refused = admin(UPLOAD, {"x": v1.bpmn_xml, "f": v1.forms, "b": mine, "k": "skp_planning"})
    assert code(refused) == "BAD_USER_INPUT"
    assert [(p["elementId"], "rater's supervisor" in p["message"]) for p in refused["errors"][0]["extensions"]["errors"]
            ] == [("review", True)]

    rerouted = _reroute(v1.bpmn_xml, "review", "Lane_pegawai")
    v2 = admin.data(UPLOAD, {"x": rerouted, "f": v1.forms, "b": None, "k": "skp_planning"})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": v2["id"]})
    moved = admin.data(MIGRATE, {"f": gid("ProcessDefinition", v1.pk), "t": v2["id"], "dry": False})
    assert all(r["migrated"] for r in moved["migrateProcessInstances"])
    plan = PerformancePlan.objects.get(employee=d.peer, year=YEAR)
    PerformancePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    WorkResult.objects.get(plan=plan).parents.add(WorkResult.objects.get(plan__employee=d.kasi, plan__year=YEAR))
    peer = client_for(d.peer.user.username)
    draft = HumanTask.objects.get(instance=plan.process_instance, bpmn_id="draft", state="READY")
    peer.data(COMPLETE, {"id": gid("Task", draft.pk), "d": {"decision": "SUBMIT"}})
    review = HumanTask.objects.get(instance=plan.process_instance, bpmn_id="review", state="READY")
    assert review.assignee == d.peer  # the lane gives it to the employee now ...
    result = peer(COMPLETE, {"id": gid("Task", review.pk), "d": {"decision": "APPROVE"}})
    assert code(result) == "FORBIDDEN"  # ... who still may not approve their own plan
    plan.refresh_from_db()
    review.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and review.state == "READY"


def test_a_step_the_regulation_gives_a_person_is_refused_when_nobody_acts(quarter):
    """A changed definition may call a step's handler from a service task after a timer, where
    nobody completes anything: the step is refused as it is to the wrong person (FORBIDDEN, not
    a crash), and the plan stays as it was."""
    d, _q1_id, _q1 = quarter
    plan = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    with pytest.raises(Forbidden):
        steps.plan_approve(actor=None, plan_id=plan.pk)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
