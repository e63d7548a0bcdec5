"""The permission matrix (docs/design.md "Permissions", "Trust boundaries"): every root query,
mutation and subscription of schema.graphql, as each of ten viewers, with the exact outcome —
``ok``, ``absent`` (a list or personal field that leaves the object out), or the error code:
UNAUTHENTICATED for anonymous callers, NOT_FOUND where the object is not visible to the viewer,
FORBIDDEN where it is visible but the act is not theirs (a bulk mutation that answers per item,
reviewDailyEntries, is the code of its one item's refusal). A root field without a row fails
``test_every_root_field_has_a_row``.

The scenario (tests/matrix/scenario.py) is built once for this module and its nested-path file;
each cell runs in its own rolled-back transaction through the whole Django + GraphQL stack
(in-process client with a bearer token; the HTTP tests elsewhere cover the wire). Mutations are asked where they would
succeed for whoever may do them. Subscriptions go over a real WebSocket to the ASGI app.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from graphql import build_schema

from apps.core import events
from apps.organization.models import Employee

from .conftest import DEMO_DIR, PASSWORD, asgi_server
from .matrix.scenario import (
    PLAN_VIEWERS,
    PROCESS_ADMINS,
    REVIEW_INSTANCE_VIEWERS,
    SECTION_AGGREGATES,
    VIEWERS,
    Scenario,
    gid,
    matrix_scenario,  # noqa: F401 (the module's fixture)
)

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"
ROOT_TYPES = ("Query", "Mutation", "Subscription")


def who(*, ok=(), absent=(), forbidden=(), not_found=(), bad_input=(), rest: str | None = None,
        anonymous: str = "UNAUTHENTICATED") -> dict[str, str]:
    """The expected outcome of each viewer; ``rest`` for everyone not named (anonymous aside)."""
    expected = {"anonymous": anonymous}
    for outcome, viewers in (("ok", ok), ("absent", absent), ("FORBIDDEN", forbidden), ("NOT_FOUND", not_found),
                             ("BAD_USER_INPUT", bad_input)):
        for viewer in viewers:
            assert viewer not in expected or viewer == "anonymous", (viewer, outcome)
            expected[viewer] = outcome
    for viewer in VIEWERS:
        if viewer not in expected:
            assert rest is not None, f"no outcome for {viewer}"
            expected[viewer] = rest
    return expected


@dataclass
class Row:
    query: str
    variables: dict
    expected: dict[str, str]
    # For lists and personal fields: whether the answer shows the object (else "absent").
    shows: object = None


def _edges(connection: dict) -> list[dict]:
    return [edge["node"] for edge in connection["edges"]]


@functools.cache
def _import_acting_outside() -> str:
    """Issue 11 F2: HR of Dinas Kesehatan re-imports her own row with a Plt post in Dinas
    Pendidikan (outside her units)."""
    rows = list(csv.reader(io.StringIO((DEMO_DIR / "employees.csv").read_text(encoding="utf-8"))))
    header = rows[0]
    own = next(r for r in rows[1:] if r[header.index("name")] == "Lestari Oktaviani")
    kadis = next(r for r in rows[1:] if r[header.index("position")] == "Kepala Dinas Pendidikan dan Kebudayaan")
    own[header.index("acting_for_nip")] = kadis[header.index("nip")]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, own])
    return out.getvalue()


def operations(ids) -> dict[str, Row]:
    """``field`` or ``field:variant`` → its row. The key before ':' is the root field."""
    plan_editors_refused = PLAN_VIEWERS - {"subject"}
    units_csv = "code,name,parent_code,kind\n"
    employees_csv = ("nip,name,email,username,unit_code,position,position_class,employment_type,"
                     "supervisor_nip,acting_for_nip,roles\n")
    work_result = ("mutation($p: ID!, $parents: [ID!]!) { upsertWorkResult(planId: $p, input: {text: \"RHK\", "
                   "parentIds: $parents, indicators: [{aspect: KUANTITAS, text: \"i\", target: \"1\"}]}) { id } }")
    plan, section = gid("PerformancePlan", ids["plan"]), gid("OrgUnit", ids["section"])
    q1 = gid("PerformancePeriod", ids["q1"])
    review, staff = gid("Task", ids["review"]), gid("Employee", ids["staff"])
    published, draft_v2 = gid("ProcessDefinition", ids["published"]), gid("ProcessDefinition", ids["draft_v2"])
    instance = gid("ProcessInstance", ids["instance"])
    action_item = ("mutation($a: ID!, $w: ID!) { upsertActionItem(actionPlanId: $a, input: {workResultId: $w, "
                   "text: \"Menyusun instrumen\", target: \"2\"}) { id } }")
    action_plan, old_result = gid("ActionPlan", ids["action_plan"]), gid("WorkResult", ids["old_result"])
    leave = gid("Leave", ids["leave_pending"])
    entry_draft, entry_submitted = gid("DailyEntry", ids["entry_draft"]), gid("DailyEntry", ids["entry_submitted"])
    # Entries are read as a plan (the employee, the rater chain, HR of the unit, leaders at or
    # above: here the rater and her supervisor) and written by the employee alone.
    entry_readers_refused = PLAN_VIEWERS - {"subject"}
    return {
        # --- accounts -------------------------------------------------------------------------
        "me": Row("{ me { user { username } } }", {}, who(rest="ok")),
        "login": Row("mutation($u: String!, $p: String!) { login(username: $u, password: $p) { user { username } } }",
                     {"u": ids["staff_username"], "p": PASSWORD}, who(rest="ok", anonymous="ok")),
        # Ending a session you do not have is a no-op, not an error (README: logout revokes the token used).
        "logout": Row("mutation { logout }", {}, who(rest="ok", anonymous="ok")),
        "setEmailNotifications": Row("mutation { setEmailNotifications(enabled: false) }", {}, who(rest="ok")),
        # --- organization: the tree, names and positions for everyone signed in ----------------
        "orgUnits": Row("{ orgUnits(first: 5) { totalCount } }", {}, who(rest="ok")),
        "orgUnit": Row("query($id: ID!) { orgUnit(id: $id) { name leader { name } } }", {"id": section}, who(rest="ok")),
        "employees": Row("query($s: String!) { employees(first: 5, filter: {search: $s}) { edges { node { name } } } }",
                         {"s": ids["staff_name"]}, who(rest="ok")),
        "employees:nip": Row("query($s: String!) { employees(first: 5, filter: {search: $s}) { edges { node { nip } } } }",
                             {"s": ids["staff_name"]}, who(ok=PLAN_VIEWERS, rest="absent"),
                             shows=lambda d: ids["staff_nip"] in [n["nip"] for n in _edges(d["employees"])]),
        "employee": Row("query($id: ID!) { employee(id: $id) { name rater { name } } }", {"id": staff}, who(rest="ok")),
        "employee:nip": Row("query($id: ID!) { employee(id: $id) { nip email } }", {"id": staff},
                            who(ok=PLAN_VIEWERS, rest="absent"),
                            shows=lambda d: d["employee"]["nip"] is not None and d["employee"]["email"] is not None),
        "setSupervisor": Row("mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) { name } }",
                             {"e": staff, "s": gid("Employee", ids["kabid"])},
                             who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        "setActing": Row("mutation($e: ID!, $a: ID) { setActing(employeeId: $e, actingForEmployeeId: $a) { name } }",
                         {"e": gid("Employee", ids["peer"]), "a": gid("Employee", ids["kasi"])},
                         who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        "importOrganization": Row("mutation($u: String!, $e: String!) { importOrganization(unitsCsv: $u, "
                                  "employeesCsv: $e) { unitsCreated } }", {"u": units_csv, "e": employees_csv},
                                  who(ok={"hr_unit", "hr_other", "superuser"}, rest="FORBIDDEN")),
        # Import scope errors are listed per row like every other import error (README "Import").
        "importOrganization:actingOutsideScope": Row(
            "mutation($u: String!, $e: String!) { importOrganization(unitsCsv: $u, employeesCsv: $e) "
            "{ employeesUpdated } }",
            {"u": units_csv, "e": _import_acting_outside()},
            who(ok={"hr_unit", "superuser"}, bad_input={"hr_other"}, rest="FORBIDDEN")),
        # --- process definitions: process administrators; published versions for everyone ------
        "checkProcessDefinition": Row("query($x: String!, $f: JSON) { checkProcessDefinition(bpmnXml: $x, forms: $f) "
                                      "{ valid } }", {"x": ids["xml"], "f": ids["forms"]},
                                      who(ok=PROCESS_ADMINS, rest="FORBIDDEN")),
        "processDefinitions": Row("{ processDefinitions { id } }", {}, who(rest="ok")),
        "processDefinitions:draft": Row("{ processDefinitions(key: \"approval_demo\") { id } }", {},
                                        who(ok=PROCESS_ADMINS, rest="absent"),
                                        shows=lambda d: draft_v2 in [x["id"] for x in d["processDefinitions"]]),
        "processDefinition": Row("query($id: ID!) { processDefinition(id: $id) { version } }", {"id": published},
                                 who(rest="ok")),
        "processDefinition:draft": Row("query($id: ID!) { processDefinition(id: $id) { version } }", {"id": draft_v2},
                                       who(ok=PROCESS_ADMINS, rest="NOT_FOUND")),
        "uploadProcessDefinition": Row("mutation($x: String!, $f: JSON) { uploadProcessDefinition(bpmnXml: $x, forms: $f) "
                                       "{ version } }", {"x": ids["xml"], "f": ids["forms"]},
                                       who(ok=PROCESS_ADMINS, rest="FORBIDDEN")),
        "publishProcessDefinition": Row("mutation($id: ID!) { publishProcessDefinition(id: $id) { status } }",
                                        {"id": draft_v2}, who(ok=PROCESS_ADMINS, rest="NOT_FOUND")),
        "retireProcessDefinition": Row("mutation($id: ID!) { retireProcessDefinition(id: $id) { status } }",
                                       {"id": published}, who(ok=PROCESS_ADMINS, rest="FORBIDDEN")),
        "migrateProcessInstances": Row("mutation($f: ID!, $t: ID!) { migrateProcessInstances(fromDefinitionId: $f, "
                                       "toDefinitionId: $t, dryRun: true) { canMigrate } }",
                                       {"f": published, "t": draft_v2}, who(ok=PROCESS_ADMINS, rest="NOT_FOUND")),
        # --- instances and tasks: the subject, everyone given a task of it, HR of the unit ------
        "startProcess": Row("mutation($s: ID!) { startProcess(key: \"approval_demo\", subjectEmployeeId: $s, "
                            "data: {periodId: \"2027\"}) { status } }", {"s": staff},
                            who(ok={"subject", "hr_unit", "superuser"}, rest="FORBIDDEN")),
        # Issue 11 F1: a process whose handlers act on a plan is started by Kinerja for the plan,
        # never by a client (who could name any plan in the data).
        "startProcess:boundProcess": Row("mutation($s: ID!, $d: JSON) { startProcess(key: \"skp_planning\", "
                                         "subjectEmployeeId: $s, data: $d) { status } }",
                                         {"s": staff, "d": {"periodId": "2030", "planId": ids["rater_plan"],
                                                            "deadline": "2030-01-31T23:59:00+07:00"}},
                                         who(rest="FORBIDDEN")),
        "processInstance": Row("query($id: ID!) { processInstance(id: $id) { status history { kind } } }",
                               {"id": instance}, who(ok=REVIEW_INSTANCE_VIEWERS, rest="NOT_FOUND")),
        "processInstances": Row("{ processInstances(first: 50, filter: {key: \"approval_demo\"}) "
                                "{ edges { node { id } } } }",
                                {}, who(ok=REVIEW_INSTANCE_VIEWERS, rest="absent"),
                                shows=lambda d: instance in [n["id"] for n in _edges(d["processInstances"])]),
        "task": Row("query($id: ID!) { task(id: $id) { name } }", {"id": review},
                    who(ok=REVIEW_INSTANCE_VIEWERS, rest="NOT_FOUND")),
        "tasks": Row("query($i: ID!) { tasks(first: 50, filter: {processInstanceId: $i}) { edges { node { id } } } }",
                     {"i": instance}, who(ok=REVIEW_INSTANCE_VIEWERS, rest="absent"),
                     shows=lambda d: review in [n["id"] for n in _edges(d["tasks"])]),
        "tasks:mine": Row("{ tasks(first: 50, filter: {mine: true}) { edges { node { id } } } }", {},
                          who(ok={"rater"}, rest="absent"),
                          shows=lambda d: review in [n["id"] for n in _edges(d["tasks"])]),
        "claimTask": Row("mutation($id: ID!) { claimTask(id: $id) { state } }", {"id": review},
                         who(ok={"rater"}, forbidden=REVIEW_INSTANCE_VIEWERS - {"rater"}, rest="NOT_FOUND")),
        # HR's follow-up task of the late instance, claimed by HR of the unit (the rater was never
        # given a task of that instance).
        "unclaimTask": Row("mutation($id: ID!) { unclaimTask(id: $id) { state } }", {"id": gid("Task", ids["follow_up"])},
                           who(ok={"hr_unit"}, forbidden={"subject", "superuser"}, rest="NOT_FOUND")),
        "saveTaskDraft": Row("mutation($id: ID!) { saveTaskDraft(id: $id, data: {notes: \"x\"}) { state } }",
                             {"id": review}, who(ok={"rater"}, forbidden=REVIEW_INSTANCE_VIEWERS - {"rater"},
                                                 rest="NOT_FOUND")),
        "reassignTask": Row("mutation($id: ID!, $e: ID!) { reassignTask(id: $id, employeeId: $e) { state } }",
                            {"id": review, "e": gid("Employee", ids["kabid"])},
                            who(ok={"hr_unit", "superuser"}, forbidden={"subject", "rater"}, rest="NOT_FOUND")),
        "completeTask": Row("mutation($id: ID!) { completeTask(id: $id, data: {decision: \"APPROVE\"}) "
                            "{ task { state } } }",
                            {"id": review}, who(ok={"rater"}, forbidden=REVIEW_INSTANCE_VIEWERS - {"rater"},
                                                rest="NOT_FOUND")),
        # --- rules, IKM, goals, periods: reference data for everyone signed in -----------------
        "predicatePreview": Row("{ predicatePreview(resultRating: SESUAI_EKSPEKTASI, behaviorRating: DI_ATAS_EKSPEKTASI) }",
                                {}, who(rest="ok")),
        "satisfactionIndex": Row("query($u: ID!) { satisfactionIndex(unitId: $u, year: 2027) { score } }",
                                 {"u": section}, who(rest="ok")),
        "submitSatisfactionSurvey": Row("mutation($u: ID!) { submitSatisfactionSurvey(unitId: $u, year: 2027, "
                                        "responses: [[4,4,4,4,4,4,4,4,4]]) { score } }", {"u": section},
                                        who(ok={"rater", "hr_unit", "superuser"}, rest="FORBIDDEN")),
        "orgGoals": Row("query($u: ID!) { orgGoals(unitId: $u, year: 2027) { text } }", {"u": section}, who(rest="ok")),
        "upsertOrgGoal": Row("mutation($u: ID!) { upsertOrgGoal(unitId: $u, year: 2027, text: \"Tujuan\") { text } }",
                             {"u": section}, who(ok={"rater", "hr_unit", "superuser"}, rest="FORBIDDEN")),
        "performancePeriods": Row("{ performancePeriods(year: 2027) { number } }", {}, who(rest="ok")),
        "openPerformanceYear": Row("mutation($u: ID!) { openPerformanceYear(year: 2028, unitId: $u) { status } }",
                                   {"u": section}, who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        # The job of opening 2027, started by HR of the unit: its creator's.
        "job": Row("query($id: ID!) { job(id: $id) { status } }", {"id": gid("Job", ids["job"])},
                   who(ok={"hr_unit", "superuser"}, rest="NOT_FOUND")),
        # --- the plan (SKP) ------------------------------------------------------------------
        "performancePlan": Row("query($id: ID!) { performancePlan(id: $id) { status } }", {"id": plan},
                               who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
        "performancePlans": Row("query($e: ID!) { performancePlans(first: 10, filter: {employeeId: $e}) "
                                "{ edges { node { id } } } }", {"e": staff}, who(ok=PLAN_VIEWERS, rest="absent"),
                                shows=lambda d: plan in [n["id"] for n in _edges(d["performancePlans"])]),
        "myPlan": Row("{ myPlan(year: 2027) { year } }", {}, who(rest="ok")),
        "upsertWorkResult": Row(work_result, {"p": plan, "parents": []},
                                who(ok={"subject"}, forbidden=plan_editors_refused, rest="NOT_FOUND")),
        "upsertWorkResult:raterParent": Row(work_result, {"p": plan, "parents": [gid("WorkResult", ids["rater_result"])]},
                                            who(ok={"subject"}, forbidden=plan_editors_refused, rest="NOT_FOUND")),
        # Issue 11 F3: only the rater's results may be chosen; anything else is NOT_FOUND, as a
        # missing id. (Those who may not edit the plan are refused for that first.)
        "upsertWorkResult:foreignParent": Row(work_result, {"p": plan, "parents": [gid("WorkResult", ids["peer_result"])]},
                                              who(forbidden=plan_editors_refused, rest="NOT_FOUND")),
        "deleteWorkResult": Row("mutation($id: ID!) { deleteWorkResult(id: $id) }",
                                {"id": gid("WorkResult", ids["spare_result"])},
                                who(ok={"subject"}, forbidden=plan_editors_refused, rest="NOT_FOUND")),
        "setPlanAttachments": Row("mutation($p: ID!) { setPlanAttachments(planId: $p, resources: [\"Laptop\"], "
                                  "accountability: [], consequences: []) { year } }", {"p": plan},
                                  who(ok={"subject"}, forbidden=plan_editors_refused, rest="NOT_FOUND")),
        "setBehaviorExpectation": Row("mutation($p: ID!) { setBehaviorExpectation(planId: $p, coreValue: AKUNTABEL, "
                                      "text: \"Tepat waktu\") { text } }", {"p": plan},
                                      who(ok={"subject", "rater"}, forbidden={"rater_supervisor", "hr_unit", "superuser"},
                                          rest="NOT_FOUND")),
        "giveFeedback": Row("mutation($w: ID!) { giveFeedback(workResultId: $w, text: \"Bagus\") { text } }",
                            {"w": gid("WorkResult", ids["work_result"])},
                            who(ok={"rater"}, forbidden=PLAN_VIEWERS - {"rater"}, rest="NOT_FOUND")),
        "developmentPlan": Row("query($e: ID!) { developmentPlan(employeeId: $e, year: 2027) { need } }", {"e": staff},
                               who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
        "myProgress": Row("{ myProgress(year: 2026) { target } }", {}, who(rest="ok")),
        # --- evaluations -----------------------------------------------------------------------
        "evaluation": Row("query($id: ID!) { evaluation(id: $id) { status } }",
                          {"id": gid("Evaluation", ids["evaluation"])},
                          who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
        "evaluations": Row("query($p: ID!) { evaluations(planId: $p) { status } }",
                           {"p": gid("PerformancePlan", ids["old_plan"])}, who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
        "openReviewPeriod": Row("mutation($p: ID!, $u: ID!) { openReviewPeriod(periodId: $p, unitId: $u) { status } }",
                                {"p": q1, "u": section}, who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        "recordRealization": Row("mutation($i: ID!, $p: ID!) { recordRealization(indicatorId: $i, periodId: $p, "
                                 "value: \"2\") { value } }",
                                 {"i": gid("Indicator", ids["old_indicator"]), "p": gid("PerformancePeriod", ids["eq2"])},
                                 who(ok={"subject"}, forbidden=plan_editors_refused, rest="NOT_FOUND")),
        "rateEvaluation": Row("mutation($e: ID!) { rateEvaluation(evaluationId: $e, resultRating: SESUAI_EKSPEKTASI, "
                              "behaviorRating: SESUAI_EKSPEKTASI) { predicate } }",
                              {"e": gid("Evaluation", ids["evaluation"])},
                              who(ok={"rater"}, forbidden=PLAN_VIEWERS - {"rater"}, rest="NOT_FOUND")),
        "setOrgRating": Row("mutation($u: ID!, $p: ID!) { setOrgRating(unitId: $u, periodId: $p, rating: BAIK) }",
                            {"u": section, "p": q1}, who(ok={"rater_supervisor", "superuser"}, rest="FORBIDDEN")),
        # --- a unit's aggregates: HR of the unit and the leaders of the unit and above (unitPerformance;
        # issue 11 F4 extends the rule to distributionCheck — DOMAIN R-DIST reports "to the rater and HR").
        "unitPerformance": Row("query($u: ID!) { unitPerformance(unitId: $u, year: 2027) { overduePlans } }",
                               {"u": section}, who(ok=SECTION_AGGREGATES, rest="NOT_FOUND")),
        "distributionCheck": Row("query($u: ID!, $p: ID!) { distributionCheck(unitId: $u, periodId: $p) { orgRating } }",
                                 {"u": section, "p": gid("PerformancePeriod", ids["eq1"])},
                                 who(ok=SECTION_AGGREGATES, rest="NOT_FOUND")),
        # ... and its documents: the predicate determination (PDF) and the recap (XLSX).
        "predicateDetermination": Row("query($u: ID!, $p: ID!) { predicateDetermination(unitId: $u, periodId: $p) "
                                      "{ url } }", {"u": section, "p": gid("PerformancePeriod", ids["eq1"])},
                                      who(ok=SECTION_AGGREGATES, rest="NOT_FOUND")),
        "performanceRecap": Row("query($u: ID!) { performanceRecap(unitId: $u, year: 2027) { url } }",
                                {"u": section}, who(ok=SECTION_AGGREGATES, rest="NOT_FOUND")),
        # ... and the unit's own staff for its meeting minutes (they are who the meeting brings
        # together; tests/performance/test_monitoring.py reads them as the staff member).
        "evaluationMeetings": Row("query($u: ID!) { evaluationMeetings(unitId: $u, year: 2027) { minutes } }",
                                  {"u": section}, who(ok=SECTION_AGGREGATES | {"subject", "peer"}, rest="NOT_FOUND")),
        "recordEvaluationMeeting": Row("mutation($u: ID!, $p: ID!, $a: [ID!]!) { recordEvaluationMeeting(unitId: $u, "
                                       "periodId: $p, heldAt: \"2027-03-30T09:00:00+07:00\", attendeeIds: $a, "
                                       "minutes: \"Rapat\") { minutes } }", {"u": section, "p": q1, "a": [staff]},
                                       who(ok={"rater", "hr_unit", "superuser"}, rest="FORBIDDEN")),
        # --- action plans (R-ACTION): read as the SKP; HR opens; the drafting employee edits ----
        "actionPlans": Row("query($p: ID!) { actionPlans(planId: $p) { status items { text } } }",
                           {"p": gid("PerformancePlan", ids["old_plan"])}, who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
        "actionPlan": Row("query($id: ID!) { actionPlan(id: $id) { status items { text } } }",
                          {"id": action_plan}, who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
        "openActionPlans": Row("mutation($p: ID!, $u: ID!) { openActionPlans(periodId: $p, unitId: $u) { status } }",
                               {"p": gid("PerformancePeriod", ids["eq1"]), "u": section},
                               who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        "upsertActionItem": Row(action_item, {"a": action_plan, "w": old_result},
                                who(ok={"subject"}, forbidden=plan_editors_refused, rest="NOT_FOUND")),
        # Only the SKP's own work results: another plan's answers as a missing id.
        "upsertActionItem:foreignWorkResult": Row(action_item, {"a": action_plan,
                                                                "w": gid("WorkResult", ids["peer_result"])},
                                                  who(forbidden=plan_editors_refused, rest="NOT_FOUND")),
        "deleteActionItem": Row("mutation($id: ID!) { deleteActionItem(id: $id) }",
                                {"id": gid("ActionPlanItem", ids["action_item"])},
                                who(ok={"subject"}, forbidden=plan_editors_refused, rest="NOT_FOUND")),
        # --- calendar (R-CALENDAR): holidays and schedules for everyone; leave read as a plan ----
        "holidays": Row("{ holidays(year: 2026) { date name } }", {}, who(rest="ok"),
                        shows=lambda d: "2026-08-17" in [h["date"] for h in d["holidays"]]),
        "unitSchedule": Row("query($u: ID!) { unitSchedule(unitId: $u) { workingDays timeZone } }", {"u": section},
                            who(rest="ok")),
        # Holidays are public, so refusing reveals nothing: HR of the whole organization keeps them.
        "setHoliday": Row("mutation { setHoliday(date: \"2026-02-27\", name: \"Libur daerah\", kind: NATIONAL) "
                          "{ date } }", {}, who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        "deleteHoliday": Row("mutation { deleteHoliday(date: \"2026-08-17\") }", {},
                             who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        "setUnitSchedule": Row("mutation($u: ID!) { setUnitSchedule(unitId: $u, workingDays: 6, timeZone: WITA) "
                               "{ workingDays } }", {"u": section}, who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        "leaves": Row("query($e: ID!) { leaves(first: 10, employeeId: $e) { edges { node { id } } } }", {"e": staff},
                      who(ok=PLAN_VIEWERS, rest="absent"),
                      shows=lambda d: leave in [n["id"] for n in _edges(d["leaves"])]),
        # The section's leave: a filter of what each one may see (the subject their own).
        "leaves:unit": Row("query($u: ID!) { leaves(first: 10, unitId: $u) { edges { node { id } } } }",
                           {"u": section}, who(ok=PLAN_VIEWERS, rest="absent"),
                           shows=lambda d: leave in [n["id"] for n in _edges(d["leaves"])]),
        "recordLeave": Row("mutation($e: ID!) { recordLeave(employeeId: $e, startsOn: \"2027-06-07\", "
                           "endsOn: \"2027-06-08\", kind: DINAS_LUAR) { status } }", {"e": staff},
                           who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        # Every employee marks their own leave; the matrix superuser has no employee record.
        "requestLeave": Row("mutation { requestLeave(startsOn: \"2027-06-07\", endsOn: \"2027-06-07\", kind: CUTI) "
                            "{ status } }", {}, who(forbidden={"superuser"}, rest="ok")),
        "decideLeave": Row("mutation($l: ID!) { decideLeave(leaveId: $l, approve: true) { status } }", {"l": leave},
                           who(ok={"rater"}, forbidden=PLAN_VIEWERS - {"rater"}, rest="NOT_FOUND")),
        "cancelLeave": Row("mutation($l: ID!) { cancelLeave(leaveId: $l) }", {"l": leave},
                           who(ok={"subject", "hr_unit", "superuser"}, forbidden={"rater", "rater_supervisor"},
                               rest="NOT_FOUND")),
        # --- daily entries (R-DAILY, R-LATE): the employee writes, the rater reviews, HR and leaders read
        "dailyEntries": Row("query($e: ID!) { dailyEntries(first: 10, filter: {employeeId: $e}) "
                            "{ edges { node { id } } } }", {"e": staff}, who(ok=PLAN_VIEWERS, rest="absent"),
                            shows=lambda d: entry_submitted in [n["id"] for n in _edges(d["dailyEntries"])]),
        "dailyWeek": Row("query($e: ID!) { dailyWeek(employeeId: $e, date: \"2026-11-02\") "
                         "{ days { entries { id } } } }", {"e": staff}, who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
        # One's own week: every employee; the matrix superuser has none.
        "dailyWeek:own": Row("{ dailyWeek(date: \"2026-11-02\") { start } }", {},
                             who(not_found={"superuser"}, rest="ok")),
        # One's own queue (an empty list for everyone but the rater).
        "dailyReviewQueue": Row("{ dailyReviewQueue { waiting } }", {}, who(rest="ok")),
        # A new entry for the subject's 2026 work result: a work result not of one's own approved SKP
        # is BAD_USER_INPUT where one may see it, NOT_FOUND otherwise; no employee record: FORBIDDEN.
        "recordDailyEntry": Row("mutation($w: ID!) { recordDailyEntry(input: {date: \"2026-11-04\", "
                                "workResultId: $w, text: \"Rapat\", quantity: \"1\", outputUnit: \"kegiatan\"}) "
                                "{ status } }", {"w": old_result},
                                who(ok={"subject"}, bad_input={"rater", "rater_supervisor", "hr_unit"},
                                    forbidden={"superuser"}, rest="NOT_FOUND")),
        "recordDailyEntry:edit": Row("mutation($id: ID!, $w: ID!) { recordDailyEntry(input: {id: $id, "
                                     "date: \"2026-11-03\", workResultId: $w, text: \"x\", quantity: \"1\", "
                                     "outputUnit: \"k\"}) { status } }", {"id": entry_draft, "w": old_result},
                                     who(ok={"subject"}, forbidden=entry_readers_refused, rest="NOT_FOUND")),
        # Removing a file is changing the entry: its employee alone, while it is a draft.
        "recordDailyEntry:removeEvidence": Row(
            "mutation($id: ID!, $w: ID!, $f: ID!) { recordDailyEntry(input: {id: $id, date: \"2026-11-03\", "
            "workResultId: $w, text: \"x\", quantity: \"1\", outputUnit: \"k\", removeEvidenceIds: [$f]}) "
            "{ evidenceFiles { id } } }", {"id": entry_draft, "w": old_result,
                                          "f": gid("DailyEntryEvidence", ids["draft_evidence"])},
            who(ok={"subject"}, forbidden=entry_readers_refused, rest="NOT_FOUND")),
        "submitDailyEntries": Row("mutation($ids: [ID!]!) { submitDailyEntries(ids: $ids) { status } }",
                                  {"ids": [entry_draft]},
                                  who(ok={"subject"}, forbidden=entry_readers_refused, rest="NOT_FOUND")),
        "deleteDailyEntry": Row("mutation($id: ID!) { deleteDailyEntry(id: $id) }", {"id": entry_draft},
                                who(ok={"subject"}, forbidden=entry_readers_refused, rest="NOT_FOUND")),
        # The answer is ok for everyone signed in; each entry's outcome is in `errors` (the cell is
        # that code, or ok when the entry was approved).
        "reviewDailyEntries": Row("mutation($id: ID!) { reviewDailyEntries(approve: [$id]) "
                                  "{ changed { status } errors { code } } }", {"id": entry_submitted},
                                  who(ok={"rater"}, forbidden=PLAN_VIEWERS - {"rater"}, rest="NOT_FOUND"),
                                  shows=lambda d: _review_outcome(d["reviewDailyEntries"])),
        # Whether the section's month is closed (September 2026 is): read as its discipline figures.
        "monthClosure": Row("query($u: ID!) { monthClosure(unitId: $u, year: 2026, month: 9) { month unit { id } "
                            "closedBy { name } } }", {"u": section},
                            who(ok=SECTION_AGGREGATES, rest="NOT_FOUND"),
                            shows=lambda d: d["monthClosure"] is not None and d["monthClosure"]["unit"]["id"] == section),
        "closeMonth": Row("mutation($u: ID!) { closeMonth(unitId: $u, year: 2026, month: 10) { month } }",
                          {"u": section}, who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        "reopenMonth": Row("mutation($u: ID!) { reopenMonth(unitId: $u, year: 2026, month: 9) }", {"u": section},
                           who(ok={"hr_unit", "superuser"}, rest="FORBIDDEN")),
        # --- discipline (R-DISCIPLINE): a unit's rows for HR and leaders at or above; anyone else
        # their own row and their ratees' (the subject and the peer: one row, their own); else NOT_FOUND.
        "discipline": Row("query($u: ID!) { discipline(unitId: $u, year: 2026, month: 11) { edges { node { "
                          "employee { id } workingDays } } } }", {"u": section},
                          who(ok=SECTION_AGGREGATES, absent={"subject", "peer"}, rest="NOT_FOUND"),
                          shows=lambda d: len(_edges(d["discipline"])) > 1),  # the section, not one's own row
        "employeeDiscipline": Row("query($e: ID!) { employeeDiscipline(employeeId: $e, year: 2026, month: 11) "
                                  "{ workingDays late } }", {"e": staff}, who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
        "disciplineExport": Row("query($u: ID!) { disciplineExport(unitId: $u, year: 2026, month: 11) { url } }",
                                {"u": section}, who(ok=SECTION_AGGREGATES, rest="NOT_FOUND")),
        # --- subscriptions (over the WebSocket) -------------------------------------------------
        "taskEvents": Row("subscription { taskEvents { kind taskId } }", {}, who(rest="ok")),
        "dailyReminders": Row("subscription { dailyReminders { kind date } }", {}, who(rest="ok")),
        "planProgress": Row("subscription($id: ID!) { planProgress(planId: $id) { kind status } }", {"id": plan},
                            who(ok=PLAN_VIEWERS, rest="NOT_FOUND")),
    }


SUBSCRIPTIONS = {"taskEvents", "planProgress", "dailyReminders"}
# The rows' names and expectations do not depend on the ids: list them without a database.
PLACEHOLDER_IDS = {k: 0 for k in (
    "staff", "kasi", "kabid", "peer", "staff_nip", "staff_name", "staff_username", "review", "instance", "follow_up",
    "published", "draft_v2", "xml", "forms", "job", "section", "q1", "eq1", "eq2", "plan", "rater_plan", "work_result",
    "spare_result", "rater_result", "peer_result", "old_plan", "evaluation", "old_indicator", "old_result",
    "action_plan", "action_item", "entry_submitted", "entry_draft", "leave_pending", "draft_evidence")}
OPERATION_NAMES = list(operations(PLACEHOLDER_IDS))


def _review_outcome(result: dict) -> str:
    """reviewDailyEntries of one entry: ok when it was approved, else the code it was refused with."""
    if result["changed"]:
        return "ok"
    return result["errors"][0]["code"] if result["errors"] else "silent"


def outcome(body: dict, row: Row) -> str:
    errors = body.get("errors")
    if errors:
        return errors[0].get("extensions", {}).get("code", "?")
    if row.shows is not None:
        shown = row.shows(body["data"])
        if isinstance(shown, str):  # a row whose answer carries its own outcome (reviewDailyEntries)
            return shown
        if not shown:
            return "absent"
    return "ok"


# --- subscriptions: a real WebSocket (graphql-transport-ws) to the ASGI app on uvicorn ------------

class _Socket:
    def __init__(self, host: str, token: str | None):
        from websockets.sync.client import connect

        self.stack = ExitStack()
        self.ws = self.stack.enter_context(connect(f"ws://{host}/graphql/", subprotocols=["graphql-transport-ws"],
                                                   open_timeout=5))
        self.ws.send(json.dumps({"type": "connection_init",
                                 "payload": {"authorization": f"Bearer {token}"} if token else {}}))
        assert json.loads(self.ws.recv(timeout=5))["type"] == "connection_ack"

    def subscribe(self, row: Row) -> None:
        self.ws.send(json.dumps({"id": "1", "type": "subscribe",
                                 "payload": {"query": row.query, "variables": row.variables}}))

    def next_payload(self, wait: float) -> dict | None:
        try:
            message = json.loads(self.ws.recv(timeout=wait))
        except TimeoutError:
            return None
        return message["payload"] if message["type"] in ("next", "error") else None


def _subscription_outcome(host: str, scenario: Scenario, name: str, viewer: str) -> str:
    """The first thing the subscription answers: an error's code, or "ok" when an event sent
    after it started arrives (for planProgress an event of the plan; for taskEvents one about a
    task the viewer may see, sent to the viewer)."""
    row = operations(scenario.ids)[name]
    sock = _Socket(host, scenario.tokens.get(viewer))
    user = scenario.users[viewer]
    send = async_to_sync(get_channel_layer().group_send)
    try:
        sock.subscribe(row)
        for _attempt in range(100):  # until the server has joined its groups (up to 10 s on a busy machine)
            if name == "planProgress":
                send(events.plan_group(scenario.ids["plan"]), {"type": events.PLAN_EVENT, "kind": "PROBE",
                                                               "status": "DRAFT"})
            elif name == "dailyReminders" and user is not None:
                send(events.user_group(user.pk), {"type": events.DAILY_REMINDER, "kind": "NOT_FILLED",
                                                  "date": "2026-11-02", "has_draft": False,
                                                  "entries_waiting": 0, "employees_waiting": 0})
            elif user is not None:
                send(events.user_group(user.pk), {"type": events.TASK_EVENT, "kind": "ASSIGNED",
                                                  "task_id": scenario.ids["own_tasks"][viewer]})
            payload = sock.next_payload(0.1)
            if payload is not None:
                errors = payload if isinstance(payload, list) else payload.get("errors")
                if errors:
                    return errors[0].get("extensions", {}).get("code", "?")
                return "ok"
        return "silent"
    finally:
        sock.stack.close()


@pytest.fixture(scope="module")
def subscription_outcomes(matrix_scenario, django_db_blocker):
    with django_db_blocker.unblock(), asgi_server() as host:
        return {(name, viewer): _subscription_outcome(host, matrix_scenario, name, viewer)
                for name in SUBSCRIPTIONS for viewer in VIEWERS}


# --- the matrix ----------------------------------------------------------------------------------
# One test per row; each of its ten cells runs in its own rolled-back transaction (a savepoint
# inside the test's), so a mutation that succeeds leaves nothing for the next cell.

def _cell(scenario: Scenario, row: Row, viewer: str) -> tuple[str, dict]:
    cache.clear()  # rate-limit counters (login) start afresh in every cell
    with transaction.atomic():
        body = scenario.post(viewer, row.query, row.variables)
        transaction.set_rollback(True)
    return outcome(body, row), body


def _mismatches(observed: dict[str, tuple[str, dict]], expected: dict[str, str]) -> dict[str, str]:
    """viewer → "observed (expected X)" for every cell that differs, with the error's message."""
    wrong = {}
    for viewer in VIEWERS:
        got, body = observed[viewer]
        if got != expected[viewer]:
            message = (body.get("errors") or [{}])[0].get("message", "")
            wrong[viewer] = f"{got} (expected {expected[viewer]})" + (f": {message}" if message else "")
    return wrong


@pytest.mark.django_db
@pytest.mark.parametrize("operation", [n for n in OPERATION_NAMES if n not in SUBSCRIPTIONS])
def test_permission_matrix(matrix_scenario, operation):
    row = operations(matrix_scenario.ids)[operation]
    observed = {viewer: _cell(matrix_scenario, row, viewer) for viewer in VIEWERS}
    wrong = _mismatches(observed, row.expected)
    assert not wrong, "\n".join(f"{operation} as {viewer}: {text}" for viewer, text in wrong.items())
    # Every cell was rolled back (setSupervisor, allowed for HR, changed this).
    assert Employee.objects.filter(pk=matrix_scenario.ids["staff"], supervisor_override=None).exists()


# The downloads behind the ``document``/``url`` fields answer as their GraphQL objects: the file
# for the object's audience, 404 for everyone else (anonymous included), never a hint it exists.
DOWNLOADS = {
    "plan": (lambda ids: f"/dokumen/skp/{ids['plan']}.pdf", PLAN_VIEWERS),
    "evaluation": (lambda ids: f"/dokumen/evaluasi/{ids['evaluation']}.pdf", PLAN_VIEWERS),
    "predicates": (lambda ids: f"/dokumen/penetapan-predikat/{ids['section']}/{ids['eq1']}.pdf",
                   SECTION_AGGREGATES),
    "recap": (lambda ids: f"/dokumen/rekap/{ids['section']}/2027.xlsx", SECTION_AGGREGATES),
    "discipline": (lambda ids: f"/dokumen/disiplin/{ids['section']}/2026/11.xlsx", SECTION_AGGREGATES),
    # A daily entry's evidence file (DailyEntry.evidenceFiles.url): for the entry's readers.
    "daily_evidence": (lambda ids: f"/evidence/daily/{ids['daily_evidence']}/", PLAN_VIEWERS),
}


@pytest.mark.django_db
@pytest.mark.parametrize("document", sorted(DOWNLOADS))
def test_download_matrix(matrix_scenario, document):
    address, audience = DOWNLOADS[document]
    observed = {}
    for viewer in VIEWERS:
        token = matrix_scenario.tokens.get(viewer)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        response = Client().get(address(matrix_scenario.ids), **headers)
        observed[viewer] = {200: "ok", 404: "NOT_FOUND"}.get(response.status_code, str(response.status_code))
    expected = {viewer: "ok" if viewer in audience else "NOT_FOUND" for viewer in VIEWERS}
    assert observed == expected


@pytest.mark.django_db  # (sets the test database up; the outcomes are taken before its transaction)
@pytest.mark.parametrize("operation", sorted(SUBSCRIPTIONS))
def test_subscription_matrix(subscription_outcomes, operation):
    expected = operations(PLACEHOLDER_IDS)[operation].expected
    observed = {viewer: (subscription_outcomes[(operation, viewer)], {}) for viewer in VIEWERS}
    wrong = _mismatches(observed, expected)
    assert not wrong, "\n".join(f"{operation} as {viewer}: {text}" for viewer, text in wrong.items())


def test_every_root_field_has_a_row():
    """docs/design.md "Trust boundaries": a root field of schema.graphql without a row fails here."""
    sdl = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    fields = {name for root in ROOT_TYPES for name in getattr(sdl, f"{root.lower()}_type").fields}
    rows = {name.split(":")[0] for name in OPERATION_NAMES}
    assert sorted(fields - rows) == [], "root fields without a row in the permission matrix"
    assert sorted(rows - fields) == [], "matrix rows for fields that are not in schema.graphql"
    assert SUBSCRIPTIONS == set(sdl.subscription_type.fields)
