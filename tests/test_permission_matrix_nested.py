"""Nested paths of the permission matrix (docs/design.md "Permissions": every type scopes to the viewer,
so a nested path can never show more than the root query): each personal field reachable from
more than one root, asked through every path, as each of the ten viewers.

A table, not hand-written cases: each personal item has a unique text planted in the scenario
(tests/matrix/scenario.py), the viewers who may see it (its audience, as the root query of its
own object answers) and the paths that reach it, each with the viewers who can reach the object
holding it. Through a path a viewer must see the item exactly when they are in both — so the same
viewer gets the same answer from every path that reaches it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from .matrix.scenario import (
    ACTION_PLAN_INSTANCE_VIEWERS,
    MARK,
    PERSONAL_DETAILS,
    PLAN_VIEWERS,
    PLANNING_INSTANCE_VIEWERS,
    RATER_PLAN_VIEWERS,
    REVIEW_INSTANCE_VIEWERS,
    SECTION_AGGREGATES,
    SIGNED_IN,
    VIEWERS,
    gid,
    matrix_scenario,  # noqa: F401 (the module's fixture)
)


@dataclass(frozen=True)
class Path:
    query: str
    variables: tuple[tuple[str, str, str], ...]  # (variable, GraphQL type name, scenario id)
    reach: frozenset  # who can reach the object that holds the item along this path

    def bind(self, ids) -> dict:
        return {name: gid(type_name, ids[key]) if type_name else ids[key] for name, type_name, key in self.variables}


PLAN = (("id", "PerformancePlan", "plan"),)
STAFF = (("e", "Employee", "staff"),)
# Whose own 2027 plan is rated by the rater (myPlan then reaches the rater's plan through it).
RATED_BY_RATER = frozenset({"subject", "peer"})
MEETING_READERS = SECTION_AGGREGATES | {"subject", "peer"}


OLD_PLAN = (("p", "PerformancePlan", "old_plan"),)
SECTION = (("u", "OrgUnit", "section"),)
# A month of the section's discipline rows: all of them for HR and the leaders at or above, one's
# own row (and one's ratees') for anyone else in it.
DISCIPLINE = ("query($u: ID!) { discipline(first: 50, unitId: $u, year: 2026, month: 11) "
              "{ edges { node { %s } } } }")
DISCIPLINE_SUBJECT_ROW = SECTION_AGGREGATES | {"subject"}
EVALUATION = (("id", "Evaluation", "evaluation"),)


def plans_of_staff(fields: str) -> str:
    return ("query($e: ID!) { performancePlans(first: 5, filter: {employeeId: $e, year: 2027}) "
            f"{{ edges {{ node {{ {fields} }} }} }} }}")


# item → (its marker, its audience, {path name: path})
ITEMS: dict[str, tuple[str, frozenset, dict[str, Path]]] = {
    # The rater's feedback on the subject's work result.
    "staff_feedback": ("staff_feedback", PLAN_VIEWERS, {
        "performancePlan.workResults.feedback": Path(
            "query($id: ID!) { performancePlan(id: $id) { workResults { feedback { text } } } }", PLAN, PLAN_VIEWERS),
        "performancePlans.workResults.feedback": Path(
            plans_of_staff("workResults { feedback { text } }"), STAFF, PLAN_VIEWERS),
        "myPlan.workResults.feedback": Path(
            "{ myPlan(year: 2027) { workResults { feedback { text } } } }", (), frozenset({"subject"})),
    }),
    # The feedback the rater received from her own rater (issue 11 F5: shown to her staff).
    "rater_feedback": ("rater_feedback", RATER_PLAN_VIEWERS, {
        "performancePlan(rater's).workResults.feedback": Path(
            "query($id: ID!) { performancePlan(id: $id) { workResults { feedback { text } } } }",
            (("id", "PerformancePlan", "rater_plan"),), RATER_PLAN_VIEWERS),
        "myPlan.workResults.feedback": Path(
            "{ myPlan(year: 2027) { workResults { feedback { text } } } }", (), frozenset({"rater"})),
        "performancePlan.supervisorWorkResults.feedback": Path(
            "query($id: ID!) { performancePlan(id: $id) { supervisorWorkResults { feedback { text } } } }",
            PLAN, PLAN_VIEWERS),
        "performancePlan.workResults.parents.feedback": Path(
            "query($id: ID!) { performancePlan(id: $id) { workResults { parents { feedback { text } } } } }",
            PLAN, PLAN_VIEWERS),
        "performancePlans.supervisorWorkResults.feedback": Path(
            plans_of_staff("supervisorWorkResults { feedback { text } }"), STAFF, PLAN_VIEWERS),
        "myPlan.supervisorWorkResults.feedback": Path(
            "{ myPlan(year: 2027) { supervisorWorkResults { feedback { text } } } }", (), RATED_BY_RATER),
    }),
    # What the employee submitted in the approval demo: on the completed task and in the audit trail,
    # for everyone who sees the instance.
    "submitted_data": ("submitted_summary", REVIEW_INSTANCE_VIEWERS, {
        "processInstance.history.data": Path(
            "query($id: ID!) { processInstance(id: $id) { history { data } } }",
            (("id", "ProcessInstance", "instance"),), REVIEW_INSTANCE_VIEWERS),
        "processInstance.history.task.data": Path(
            "query($id: ID!) { processInstance(id: $id) { history { task { data } } } }",
            (("id", "ProcessInstance", "instance"),), REVIEW_INSTANCE_VIEWERS),
        "processInstances.history.data": Path(
            "query($e: ID!) { processInstances(first: 10, filter: {key: \"approval_demo\", subjectEmployeeId: $e}) "
            "{ edges { node { history { data } } } } }", STAFF, REVIEW_INSTANCE_VIEWERS),
        "task(review).processInstance.history.data": Path(
            "query($id: ID!) { task(id: $id) { processInstance { history { data } } } }",
            (("id", "Task", "review"),), REVIEW_INSTANCE_VIEWERS),
        "tasks.data": Path("query($i: ID!) { tasks(first: 10, filter: {processInstanceId: $i}) "
                           "{ edges { node { data } } } }",
                           (("i", "ProcessInstance", "instance"),), REVIEW_INSTANCE_VIEWERS),
    }),
    # The planning instance's audit trail: it says a draft was saved, never what it says (a saved
    # draft is its holder's until submitted), by any path. The rater sees the plan, but was not
    # given a task of the instance yet (issue 11 F5).
    "planning_history": ("planning_draft", frozenset(), {
        "processInstance.history": Path(
            "query($id: ID!) { processInstance(id: $id) { history { data } } }",
            (("id", "ProcessInstance", "planning_instance"),), PLANNING_INSTANCE_VIEWERS),
        "processInstances.history": Path(
            "query($e: ID!) { processInstances(first: 10, filter: {key: \"skp_planning\", subjectEmployeeId: $e}) "
            "{ edges { node { history { data } } } } }", STAFF, PLANNING_INSTANCE_VIEWERS),
        "task.processInstance.history": Path(
            "query($id: ID!) { task(id: $id) { processInstance { history { data } } } }",
            (("id", "Task", "planning_draft"),), PLANNING_INSTANCE_VIEWERS),
        "performancePlan.processInstance.history": Path(
            "query($id: ID!) { performancePlan(id: $id) { processInstance { history { data } } } }", PLAN, PLAN_VIEWERS),
        "performancePlans.processInstance.history": Path(
            plans_of_staff("processInstance { history { data } }"), STAFF, PLAN_VIEWERS),
        "myPlan.processInstance.history": Path(
            "{ myPlan(year: 2027) { processInstance { history { data } } } }", (), frozenset({"subject"})),
    }),
    # The employee's saved draft of the planning task: only the task's holder reads it.
    "planning_draft_data": ("planning_draft", frozenset({"subject"}), {
        "task.data": Path("query($id: ID!) { task(id: $id) { data } }", (("id", "Task", "planning_draft"),),
                          PLANNING_INSTANCE_VIEWERS),
        "tasks.data": Path("query($i: ID!) { tasks(first: 10, filter: {processInstanceId: $i}) "
                           "{ edges { node { data } } } }",
                           (("i", "ProcessInstance", "planning_instance"),), PLANNING_INSTANCE_VIEWERS),
        "tasks(mine).data": Path("{ tasks(first: 50, filter: {mine: true}) { edges { node { data } } } }", (),
                                 frozenset({"subject"})),
        "processInstance.activeTasks.data": Path(
            "query($id: ID!) { processInstance(id: $id) { activeTasks { data } } }",
            (("id", "ProcessInstance", "planning_instance"),), PLANNING_INSTANCE_VIEWERS),
        "performancePlan.processInstance.activeTasks.data": Path(
            "query($id: ID!) { performancePlan(id: $id) { processInstance { activeTasks { data } } } }",
            PLAN, PLAN_VIEWERS),
        "myPlan.processInstance.activeTasks.data": Path(
            "{ myPlan(year: 2027) { processInstance { activeTasks { data } } } }", (), frozenset({"subject"})),
    }),
    # The rater's saved draft of her review task (approval demo): only she reads it.
    "review_draft": ("review_draft", frozenset({"rater"}), {
        "task.data": Path("query($id: ID!) { task(id: $id) { data } }", (("id", "Task", "review"),),
                          REVIEW_INSTANCE_VIEWERS),
        "tasks.data": Path("query($i: ID!) { tasks(first: 10, filter: {processInstanceId: $i}) "
                           "{ edges { node { data } } } }",
                           (("i", "ProcessInstance", "instance"),), REVIEW_INSTANCE_VIEWERS),
        "tasks(mine).data": Path("{ tasks(first: 50, filter: {mine: true}) { edges { node { data } } } }", (),
                                 frozenset({"rater"})),
        "processInstance.activeTasks.data": Path(
            "query($id: ID!) { processInstance(id: $id) { activeTasks { data } } }",
            (("id", "ProcessInstance", "instance"),), REVIEW_INSTANCE_VIEWERS),
        "processInstance.history.data": Path(
            "query($id: ID!) { processInstance(id: $id) { history { data task { data } } } }",
            (("id", "ProcessInstance", "instance"),), REVIEW_INSTANCE_VIEWERS),
        "processInstances.activeTasks.data": Path(
            "query($e: ID!) { processInstances(first: 10, filter: {key: \"approval_demo\", subjectEmployeeId: $e}) "
            "{ edges { node { activeTasks { data } } } } }", STAFF, REVIEW_INSTANCE_VIEWERS),
    }),
    # NIP of the subject (README "API rules": the employee, rater, rater's supervisor, HR).
    "subject_nip": ("staff_nip", PERSONAL_DETAILS, {
        "employee.nip": Path("query($e: ID!) { employee(id: $e) { nip } }", STAFF, SIGNED_IN),
        "employees.nip": Path("query($s: String!) { employees(first: 5, filter: {search: $s}) { edges { node { nip } } } }",
                              (("s", "", "staff_name"),), SIGNED_IN),
        "me.subordinates.nip": Path("{ me { subordinates { nip } } }", (), frozenset({"rater"})),
        "performancePlan.employee.nip": Path("query($id: ID!) { performancePlan(id: $id) { employee { nip } } }",
                                             PLAN, PLAN_VIEWERS),
        "processInstance.subject.nip": Path("query($id: ID!) { processInstance(id: $id) { subject { nip } } }",
                                            (("id", "ProcessInstance", "instance"),), REVIEW_INSTANCE_VIEWERS),
        "task.processInstance.subject.nip": Path(
            "query($id: ID!) { task(id: $id) { processInstance { subject { nip } } } }", (("id", "Task", "review"),),
            REVIEW_INSTANCE_VIEWERS),
        "evaluation.plan.employee.nip": Path("query($id: ID!) { evaluation(id: $id) { plan { employee { nip } } } }",
                                             (("id", "Evaluation", "evaluation"),), PLAN_VIEWERS),
        "evaluationMeetings.attendees.nip": Path(
            "query($u: ID!) { evaluationMeetings(unitId: $u, year: 2027) { attendees { nip } } }",
            (("u", "OrgUnit", "section"),), MEETING_READERS),
        # Issue 14: the daily entries, week, leave, discipline and action plans name their employee.
        "dailyEntries.employee.nip": Path("query($e: ID!) { dailyEntries(first: 10, filter: {employeeId: $e}) "
                                          "{ edges { node { employee { nip } } } } }", STAFF, PLAN_VIEWERS),
        "dailyWeek.employee.nip": Path(
            "query($e: ID!) { dailyWeek(employeeId: $e, date: \"2026-11-02\") { employee { nip } } }",
            STAFF, PLAN_VIEWERS),
        "leaves.employee.nip": Path("query($e: ID!) { leaves(first: 10, employeeId: $e) "
                                    "{ edges { node { employee { nip } } } } }", STAFF, PLAN_VIEWERS),
        "employeeDiscipline.employee.nip": Path(
            "query($e: ID!) { employeeDiscipline(employeeId: $e, year: 2026, month: 11) { employee { nip } } }",
            STAFF, PLAN_VIEWERS),
        "discipline.employee.nip": Path(DISCIPLINE % "employee { nip }", SECTION, DISCIPLINE_SUBJECT_ROW),
        "actionPlan.plan.employee.nip": Path(
            "query($id: ID!) { actionPlan(id: $id) { plan { employee { nip } } } }",
            (("id", "ActionPlan", "action_plan"),), PLAN_VIEWERS),
    }),
    # NIP of the rater: her staff reach her everywhere, but may not see it.
    "rater_nip": ("rater_nip", RATER_PLAN_VIEWERS, {
        "employee.nip": Path("query($e: ID!) { employee(id: $e) { nip } }", (("e", "Employee", "kasi"),), SIGNED_IN),
        "orgUnit.leader.nip": Path("query($u: ID!) { orgUnit(id: $u) { leader { nip } } }",
                                   (("u", "OrgUnit", "section"),), SIGNED_IN),
        "me.rater.nip": Path("{ me { rater { nip } } }", (), RATED_BY_RATER),
        "performancePlan.rater.nip": Path("query($id: ID!) { performancePlan(id: $id) { rater { nip } } }",
                                          PLAN, PLAN_VIEWERS),
        "performancePlan.workResults.feedback.givenBy.nip": Path(
            "query($id: ID!) { performancePlan(id: $id) { workResults { feedback { givenBy { nip } } } } }",
            PLAN, PLAN_VIEWERS),
        "dailyEntries.employee.rater.nip": Path(
            "query($e: ID!) { dailyEntries(first: 10, filter: {employeeId: $e}) "
            "{ edges { node { employee { rater { nip } } } } } }", STAFF, PLAN_VIEWERS),
        # The rater's own row (HR and leaders), and as the rater of one's own row (her staff).
        "discipline.employee.nip": Path(DISCIPLINE % "employee { nip }", SECTION, SECTION_AGGREGATES),
        "discipline.employee.rater.nip": Path(DISCIPLINE % "employee { rater { nip } }", SECTION,
                                              SECTION_AGGREGATES | RATED_BY_RATER),
    }),
    # The rater's TW I feedback on the subject's 2026 evaluation.
    "evaluation_feedback": ("evaluation_feedback", PLAN_VIEWERS, {
        "evaluation.feedback": Path("query($id: ID!) { evaluation(id: $id) { feedback } }",
                                    (("id", "Evaluation", "evaluation"),), PLAN_VIEWERS),
        "evaluations.feedback": Path("query($p: ID!) { evaluations(planId: $p) { feedback } }",
                                     (("p", "PerformancePlan", "old_plan"),), PLAN_VIEWERS),
    }),
    # The subject's TW I realization.
    "realization": ("realization", PLAN_VIEWERS, {
        "evaluation.realizations": Path("query($id: ID!) { evaluation(id: $id) { realizations { value } } }",
                                        (("id", "Evaluation", "evaluation"),), PLAN_VIEWERS),
        "evaluations.realizations": Path("query($p: ID!) { evaluations(planId: $p) { realizations { value } } }",
                                         (("p", "PerformancePlan", "old_plan"),), PLAN_VIEWERS),
        "myProgress.realization": Path("{ myProgress(year: 2026) { realization } }", (), frozenset({"subject"})),
        "evaluation.plan.history": Path("query($id: ID!) { evaluation(id: $id) { plan { history { data } } } }",
                                        (("id", "Evaluation", "evaluation"),), PLAN_VIEWERS),
    }),
    # The plan's attachments (and their change in its history).
    "plan_attachments": ("attachment", PLAN_VIEWERS, {
        "performancePlan.attachments": Path("query($id: ID!) { performancePlan(id: $id) { attachments } }",
                                            PLAN, PLAN_VIEWERS),
        "performancePlans.attachments": Path(plans_of_staff("attachments"), STAFF, PLAN_VIEWERS),
        "myPlan.attachments": Path("{ myPlan(year: 2027) { attachments } }", (), frozenset({"subject"})),
        "performancePlan.history": Path("query($id: ID!) { performancePlan(id: $id) { history { data } } }",
                                        PLAN, PLAN_VIEWERS),
    }),
    # The subject's submitted daily entry (R-DAILY): read as a plan (the rater chain, HR, leaders).
    "daily_entry": ("daily_entry", PLAN_VIEWERS, {
        "dailyEntries.text": Path("query($e: ID!) { dailyEntries(first: 10, filter: {employeeId: $e}) "
                                  "{ edges { node { text } } } }", STAFF, PLAN_VIEWERS),
        "dailyWeek.days.entries.text": Path(
            "query($e: ID!) { dailyWeek(employeeId: $e, date: \"2026-11-02\") { days { entries { text } } } }",
            STAFF, PLAN_VIEWERS),
        "dailyWeek(own).days.entries.text": Path(
            "{ dailyWeek(date: \"2026-11-02\") { days { entries { text } } } }", (), frozenset({"subject"})),
    }),
    # Its evidence file (bukti dukung): as the entry.
    "daily_evidence": ("daily_evidence", PLAN_VIEWERS, {
        "dailyEntries.evidenceFiles.name": Path(
            "query($e: ID!) { dailyEntries(first: 10, filter: {employeeId: $e}) { edges { node { evidenceFiles "
            "{ name } } } } }", STAFF, PLAN_VIEWERS),
        "dailyWeek.days.entries.evidenceFiles.name": Path(
            "query($e: ID!) { dailyWeek(employeeId: $e, date: \"2026-11-02\") { days { entries { evidenceFiles "
            "{ name } } } } }", STAFF, PLAN_VIEWERS),
        "dailyWeek(own).days.entries.evidenceFiles.name": Path(
            "{ dailyWeek(date: \"2026-11-02\") { days { entries { evidenceFiles { name } } } } }", (),
            frozenset({"subject"})),
    }),
    # The subject's TW I action (R-ACTION), and its saving in the SKP's history (R-AUDIT).
    "action_item": ("action_item", PLAN_VIEWERS, {
        "actionPlans.items.text": Path("query($p: ID!) { actionPlans(planId: $p) { items { text } } }",
                                       OLD_PLAN, PLAN_VIEWERS),
        "actionPlan.items.text": Path("query($id: ID!) { actionPlan(id: $id) { items { text } } }",
                                      (("id", "ActionPlan", "action_plan"),), PLAN_VIEWERS),
        "performancePlan.history": Path("query($p: ID!) { performancePlan(id: $p) { history { data } } }",
                                        OLD_PLAN, PLAN_VIEWERS),
        "evaluation.plan.history": Path("query($id: ID!) { evaluation(id: $id) { plan { history { data } } } }",
                                        EVALUATION, PLAN_VIEWERS),
        "actionPlans.plan.history": Path("query($p: ID!) { actionPlans(planId: $p) { plan { history { data } } } }",
                                         OLD_PLAN, PLAN_VIEWERS),
        # The action plan its instance is bound to (ProcessInstance.actionPlan): for whoever sees the
        # instance, and then only if they see the plan.
        "processInstance.actionPlan.items.text": Path(
            "query($id: ID!) { processInstance(id: $id) { actionPlan { items { text } } } }",
            (("id", "ProcessInstance", "action_plan_instance"),), ACTION_PLAN_INSTANCE_VIEWERS),
        "processInstances.actionPlan.items.text": Path(
            "query($e: ID!) { processInstances(first: 10, filter: {key: \"action_plan\", subjectEmployeeId: $e}) "
            "{ edges { node { actionPlan { items { text } } } } } }", STAFF, ACTION_PLAN_INSTANCE_VIEWERS),
        "actionPlan.processInstance.actionPlan.items.text": Path(
            "query($id: ID!) { actionPlan(id: $id) { processInstance { actionPlan { items { text } } } } }",
            (("id", "ActionPlan", "action_plan"),), ACTION_PLAN_INSTANCE_VIEWERS),
        "tasks(mine).processInstance.actionPlan.items.text": Path(
            "{ tasks(first: 50, filter: {mine: true}) { edges { node { processInstance { actionPlan { items "
            "{ text } } } } } } }", (), frozenset({"subject"})),
        # The daily entry that serves it.
        "dailyEntries.actionItem.text": Path(
            "query($e: ID!) { dailyEntries(first: 10, filter: {employeeId: $e}) { edges { node { actionItem "
            "{ text } } } } }", STAFF, PLAN_VIEWERS),
        "dailyWeek.days.entries.actionItem.text": Path(
            "query($e: ID!) { dailyWeek(employeeId: $e, date: \"2026-11-02\") { days { entries { actionItem "
            "{ text } } } } }", STAFF, PLAN_VIEWERS),
    }),
}

CASES = [(item, path) for item, (_marker, _audience, paths) in ITEMS.items() for path in paths]


def _marker(scenario, key: str) -> str:
    return MARK.get(key) or str(scenario.ids[key])


@pytest.mark.django_db
@pytest.mark.parametrize(("item", "path"), CASES, ids=[f"{item}|{path}" for item, path in CASES])
def test_nested_path_shows_no_more_than_the_root(matrix_scenario, item, path):
    marker_key, audience, paths = ITEMS[item]
    marker, route = _marker(matrix_scenario, marker_key), paths[path]
    wrong = {}
    for viewer in VIEWERS:
        body = matrix_scenario.post(viewer, route.query, route.bind(matrix_scenario.ids))
        shown = marker in json.dumps(body.get("data"))
        expected = viewer in audience and viewer in route.reach
        if shown != expected:
            wrong[viewer] = f"{'shown' if shown else 'not shown'} (expected {'shown' if expected else 'not shown'})"
    assert not wrong, "\n".join(f"{item} via {path} as {viewer}: {text}" for viewer, text in wrong.items())


def test_every_item_has_a_root_path_for_its_whole_audience():
    """The table's sanity: each item is reached from more than one root, and at least one path
    reaches its whole audience (so "not shown" is never the only answer tested)."""
    for item, (_marker, audience, paths) in ITEMS.items():
        roots = {name.split(".")[0].split("(")[0] for name in paths}
        assert len(roots) > 1, item
        assert any(audience <= path.reach for path in paths.values()), item
