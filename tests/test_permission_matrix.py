"""The permission matrix (DESIGN.md "Permissions"): the queries and mutations, as each of ten
viewers, asserting exactly who may. Scenario: the staff member's plan-approval process waits
for the rater's review, and the year 2027 is open for the staff member's section. Each cell runs in its own rolled-back transaction through the whole
Django + GraphQL stack (in-process client; the HTTP tests elsewhere cover the wire)."""
from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from strawberry import relay

from apps.organization.models import Employee
from apps.workflow import services
from apps.workflow.models import HumanTask, ProcessDefinition

from .conftest import Demo, load_demo

VIEWERS = ["anonymous", "subject", "peer", "rater", "rater_supervisor", "other_rater",
           "hr_unit", "hr_other", "process_admin", "superuser"]
DEMO_NAME = {"subject": "staff", "peer": "peer", "rater": "kasi", "rater_supervisor": "kabid",
             "other_rater": "other_rater", "hr_unit": "hr_all", "hr_other": "hr_dinkes",
             "process_admin": "process_admin"}


def gid(type_name: str, pk: int) -> str:
    return str(relay.GlobalID(type_name, str(pk)))


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()
        call_command("load_workflows", stdout=io.StringIO())
        demo = Demo()
        staff = demo.staff
        instance = services.process_start(actor=staff.user, key="approval_demo", subject=staff, data={"periodId": "2026"})
        draft = instance.tasks.get()
        services.task_complete(actor=staff.user, task_id=draft.pk,
                               data={"summary": "Rencana kerja tahun 2026", "decision": "SUBMIT"})
        review = HumanTask.objects.get(instance=instance, bpmn_id="review")
        published = ProcessDefinition.objects.get(key="approval_demo")
        xml = published.bpmn_xml.replace('name="Susun rencana kerja"', 'name="Susun SKP"')
        draft_v2 = services.definition_upload(actor=None, bpmn_xml=xml, forms=published.forms)
        from django.contrib.auth import get_user_model

        root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
        from apps.performance import services as performance
        from apps.performance.models import PerformancePeriod, WorkResult

        section = demo.kasi.unit
        performance.performance_year_open(actor=demo.hr_all.user, year=2027, unit=section)  # job runs on commit
        staff_plan = staff.plans.get(year=2027)
        work_result = WorkResult.objects.create(plan=staff_plan, text="RHK uji")
        q1 = PerformancePeriod.objects.get(year=2027, kind="QUARTER", number=1)
        users = {v: (getattr(demo, DEMO_NAME[v]).user if v in DEMO_NAME else None) for v in VIEWERS}
        users["superuser"] = root
        ids = {
            "staff": staff.pk, "kasi": demo.kasi.pk, "kabid": demo.kabid.pk, "peer": demo.peer.pk,
            "review": review.pk, "instance": instance.pk, "published": published.pk, "draft_v2": draft_v2.pk,
            "xml": published.bpmn_xml, "forms": published.forms,
            "plan": staff_plan.pk, "work_result": work_result.pk, "section": section.pk, "q1": q1.pk,
        }
    yield users, ids
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)


def operations(ids):
    employee_csv = ("nip,name,email,username,unit_code,position,position_class,employment_type,"
                    "supervisor_nip,acting_for_nip,roles\n")
    return {
        # name: (query, variables, who may)
        "employee.nip": ("query($id: ID!) { employee(id: $id) { nip } }", {"id": gid("Employee", ids["staff"])},
                         {"subject", "rater", "rater_supervisor", "hr_unit", "superuser"}),
        "task": ("query($id: ID!) { task(id: $id) { name } }", {"id": gid("Task", ids["review"])},
                 {"subject", "rater", "hr_unit", "superuser"}),
        "processInstance": ("query($id: ID!) { processInstance(id: $id) { status history { kind } } }",
                            {"id": gid("ProcessInstance", ids["instance"])}, {"subject", "rater", "hr_unit", "superuser"}),
        "tasks(mine)": ("{ tasks(first: 20, filter: {mine: true}) { edges { node { bpmnId } } } }", {}, {"rater"}),
        "processDefinition(draft)": ("query($id: ID!) { processDefinition(id: $id) { version } }",
                                     {"id": gid("ProcessDefinition", ids["draft_v2"])}, {"process_admin", "superuser"}),
        "completeTask": ("mutation($id: ID!) { completeTask(id: $id, data: {decision: \"APPROVE\"}) { task { state } } }",
                         {"id": gid("Task", ids["review"])}, {"rater"}),
        "claimTask": ("mutation($id: ID!) { claimTask(id: $id) { state } }", {"id": gid("Task", ids["review"])}, {"rater"}),
        "saveTaskDraft": ("mutation($id: ID!) { saveTaskDraft(id: $id, data: {notes: \"x\"}) { state } }",
                          {"id": gid("Task", ids["review"])}, {"rater"}),
        "reassignTask": ("mutation($id: ID!, $e: ID!) { reassignTask(id: $id, employeeId: $e) { state } }",
                         {"id": gid("Task", ids["review"]), "e": gid("Employee", ids["kabid"])}, {"hr_unit", "superuser"}),
        "startProcess": ("mutation($s: ID!) { startProcess(key: \"approval_demo\", subjectEmployeeId: $s, "
                         "data: {periodId: \"2027\"}) { status } }", {"s": gid("Employee", ids["staff"])},
                         {"subject", "hr_unit", "superuser"}),
        "uploadProcessDefinition": ("mutation($x: String!, $f: JSON) { uploadProcessDefinition(bpmnXml: $x, forms: $f) "
                                    "{ version } }", {"x": ids["xml"], "f": ids["forms"]}, {"process_admin", "superuser"}),
        "publishProcessDefinition": ("mutation($id: ID!) { publishProcessDefinition(id: $id) { status } }",
                                     {"id": gid("ProcessDefinition", ids["draft_v2"])}, {"process_admin", "superuser"}),
        "retireProcessDefinition": ("mutation($id: ID!) { retireProcessDefinition(id: $id) { status } }",
                                    {"id": gid("ProcessDefinition", ids["published"])}, {"process_admin", "superuser"}),
        "migrateProcessInstances": ("mutation($f: ID!, $t: ID!) { migrateProcessInstances(fromDefinitionId: $f, "
                                    "toDefinitionId: $t, dryRun: true) { canMigrate } }",
                                    {"f": gid("ProcessDefinition", ids["published"]),
                                     "t": gid("ProcessDefinition", ids["draft_v2"])}, {"process_admin", "superuser"}),
        "setSupervisor": ("mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) { name } }",
                          {"e": gid("Employee", ids["staff"]), "s": gid("Employee", ids["kabid"])}, {"hr_unit", "superuser"}),
        "setActing": ("mutation($e: ID!, $a: ID) { setActing(employeeId: $e, actingForEmployeeId: $a) { name } }",
                      {"e": gid("Employee", ids["peer"]), "a": gid("Employee", ids["kasi"])}, {"hr_unit", "superuser"}),
        "performancePlan": ("query($id: ID!) { performancePlan(id: $id) { status } }",
                            {"id": gid("PerformancePlan", ids["plan"])},
                            {"subject", "rater", "rater_supervisor", "hr_unit", "superuser"}),
        "upsertWorkResult": ("mutation($p: ID!) { upsertWorkResult(planId: $p, input: {text: \"RHK\", indicators: "
                             "[{aspect: KUANTITAS, text: \"i\", target: \"1\"}]}) { id } }",
                             {"p": gid("PerformancePlan", ids["plan"])}, {"subject"}),
        "setBehaviorExpectation": ("mutation($p: ID!) { setBehaviorExpectation(planId: $p, coreValue: AKUNTABEL, "
                                   "text: \"Tepat waktu\") { text } }", {"p": gid("PerformancePlan", ids["plan"])},
                                   {"subject", "rater"}),
        "openPerformanceYear": ("mutation($u: ID!) { openPerformanceYear(year: 2028, unitId: $u) { status } }",
                                {"u": gid("OrgUnit", ids["section"])}, {"hr_unit", "superuser"}),
        "upsertOrgGoal": ("mutation($u: ID!) { upsertOrgGoal(unitId: $u, year: 2027, text: \"Tujuan\") { text } }",
                          {"u": gid("OrgUnit", ids["section"])}, {"rater", "hr_unit", "superuser"}),
        "submitSatisfactionSurvey": ("mutation($u: ID!) { submitSatisfactionSurvey(unitId: $u, year: 2027, "
                                     "responses: [[4,4,4,4,4,4,4,4,4]]) { score } }",
                                     {"u": gid("OrgUnit", ids["section"])}, {"rater", "hr_unit", "superuser"}),
        "setOrgRating": ("mutation($u: ID!, $p: ID!) { setOrgRating(unitId: $u, periodId: $p, rating: BAIK) }",
                         {"u": gid("OrgUnit", ids["section"]), "p": gid("PerformancePeriod", ids["q1"])},
                         {"rater_supervisor", "superuser"}),
        "unitPerformance": ("query($u: ID!) { unitPerformance(unitId: $u, year: 2027) { overduePlans } }",
                            {"u": gid("OrgUnit", ids["section"])}, {"rater", "rater_supervisor", "hr_unit", "superuser"}),
        "giveFeedback": ("mutation($w: ID!) { giveFeedback(workResultId: $w, text: \"Bagus\") { text } }",
                         {"w": gid("WorkResult", ids["work_result"])}, {"rater"}),
        "developmentPlan": ("query($e: ID!) { developmentPlan(employeeId: $e, year: 2027) { need } }",
                            {"e": gid("Employee", ids["staff"])},
                            {"subject", "rater", "rater_supervisor", "hr_unit", "superuser"}),
        "distributionCheck": ("query($u: ID!, $p: ID!) { distributionCheck(unitId: $u, periodId: $p) { orgRating } }",
                              {"u": gid("OrgUnit", ids["section"]), "p": gid("PerformancePeriod", ids["q1"])},
                              set(VIEWERS) - {"anonymous"}),
        "importOrganization": ("mutation($u: String!, $e: String!) { importOrganization(unitsCsv: $u, employeesCsv: $e) "
                               "{ unitsCreated } }", {"u": "code,name,parent_code,kind\n", "e": employee_csv},
                               {"hr_unit", "hr_other", "superuser"}),
    }


OPERATION_NAMES = list(operations({k: 0 for k in ("staff", "kasi", "kabid", "peer", "review", "instance",
                                                   "published", "draft_v2", "xml", "forms", "plan", "work_result",
                                                   "section", "q1")}))


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("operation", OPERATION_NAMES)
def test_permission_matrix(scenario, viewer, operation):
    users, ids = scenario
    query, variables, allowed = operations(ids)[operation]
    client = Client()
    if users[viewer] is not None:
        client.force_login(users[viewer])
    body = client.post("/graphql/", json.dumps({"query": query, "variables": variables}),
                       content_type="application/json").json()
    errors = body.get("errors")
    if operation == "employee.nip" and not errors:
        granted = body["data"]["employee"]["nip"] is not None
    elif operation == "tasks(mine)" and not errors:
        granted = "review" in [e["node"]["bpmnId"] for e in body["data"]["tasks"]["edges"]]
    else:
        granted = not errors
    assert granted == (viewer in allowed), body
    if errors:
        expected = {"UNAUTHENTICATED"} if viewer == "anonymous" else {"FORBIDDEN", "NOT_FOUND"}
        assert errors[0]["extensions"]["code"] in expected, errors
    assert Employee.objects.exists()
