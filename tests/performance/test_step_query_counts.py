"""The statements of a plan's approval — the BPMN step whose handler checks R-CASCADE over every
work result — are locked and do not grow with the plan's work results."""
from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ..conftest import gid
from ..workflow.helpers import COMPLETE
from .test_planning import GOAL, MY_PLAN, OPEN, UPSERT, YEAR, indicator, task


def post(client: Client, query: str, variables: dict) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", json.dumps({"query": query, "variables": variables}),
                           content_type="application/json").json()
    assert "errors" not in body, body
    return body["data"], len(ctx.captured_queries)


def logged_in(employee) -> Client:
    client = Client()
    client.force_login(employee.user)
    return client


@pytest.mark.parametrize("work_results", [1, 6])
def test_approving_a_plan_costs_the_same_statements_whatever_its_work_results(published, work_results):
    d = published
    hr, head, sekda = logged_in(d.hr_all), logged_in(d.kadis), logged_in(d.sekda)
    unit = gid("OrgUnit", d.kadis.unit_id)
    goal = post(hr, GOAL, {"u": unit, "y": YEAR, "t": "Meningkatnya mutu pendidikan dasar"})[0]["upsertOrgGoal"]
    post(hr, OPEN, {"y": YEAR, "u": unit})
    plan = post(head, MY_PLAN, {"y": YEAR})[0]["myPlan"]
    for n in range(work_results):
        post(head, UPSERT, {"p": plan["id"], "i": {"text": f"Sasaran {n}", "orgGoalId": goal["id"],
                                                   "indicators": indicator()}})
    post(head, COMPLETE, {"id": task(plan, "draft")["id"], "d": {"decision": "SUBMIT"}})
    inbox = post(sekda, "{ tasks(first: 5, filter: {mine: true}) { edges { node { id bpmnId } } } }", {})[0]
    review = next(e["node"]["id"] for e in inbox["tasks"]["edges"] if e["node"]["bpmnId"] == "review")

    data, statements = post(sekda, COMPLETE, {"id": review, "d": {"decision": "APPROVE"}})

    assert data["completeTask"]["task"]["state"] == "COMPLETED"
    assert post(head, MY_PLAN, {"y": YEAR})[0]["myPlan"]["status"] == "APPROVED"
    assert statements == 17, statements
