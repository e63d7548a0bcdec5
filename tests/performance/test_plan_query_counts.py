"""`performancePlans(first: 50)` with nested work results, parents and indicators: the query
count is locked and does not grow with the number of plans."""
from __future__ import annotations

import io
import json

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.organization.models import Employee
from apps.performance import services
from apps.performance.models import Indicator, PerformancePlan, WorkResult

PLANS = """{ performancePlans(first: 50, filter: {year: 2027}) { totalCount edges { node {
  year status employee { name unit { code } } rater { name } raterSupervisor { name }
  workResults { text type parents { text } orgGoal { text } indicators { aspect text target unit kind } }
  behaviorExpectations { coreValue text } document { url filename contentType } } } } }"""


def count(client):
    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", json.dumps({"query": PLANS}), content_type="application/json").json()
    assert "errors" not in body, body
    return len(ctx.captured_queries), body["data"]["performancePlans"]["totalCount"]


def open_for(employees):
    for e in employees:
        plan = services.plan_open(employee=e, year=2027, deadline="2027-01-31T23:59:00+07:00", actor=None)
        for n in range(3):
            result = WorkResult.objects.create(plan=plan, text=f"RHK {n}")
            Indicator.objects.bulk_create([Indicator(work_result=result, aspect="KUANTITAS", text="i", target="1"),
                                           Indicator(work_result=result, aspect="WAKTU", text="w", target="12")])


def test_plan_list_query_count_is_constant(demo_db):
    call_command("load_workflows", stdout=io.StringIO())
    client = Client()
    client.force_login(demo_db.hr_all.user)
    everyone = list(Employee.objects.select_related("unit", "rater__rater").order_by("pk"))
    open_for(everyone[:3])
    few, n_few = count(client)
    open_for(everyone[3:])
    many, n_many = count(client)
    assert (n_few, n_many) == (3, PerformancePlan.objects.count()) and n_many > 50
    assert few == many == 10, (few, many)
