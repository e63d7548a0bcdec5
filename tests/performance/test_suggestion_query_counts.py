"""`evaluations(planId) { suggestedRealizations }`: the suggestions of a plan's evaluations are
read once per plan and request, so the list costs the same with 1 evaluation as with 4, and each
evaluation still gets the sums of its own period."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.daily.models import DailyEntry, EntryStatus
from apps.performance.models import Evaluation, PerformancePeriod, PerformancePlan, WorkResult

from ..conftest import gid
from .conftest import YEAR, quarter  # noqa: F401 (the fixture)

EVALUATIONS = """query($p: ID!) { evaluations(planId: $p) {
  period { kind number } suggestedRealizations { indicator { text } value outputUnit entries } } }"""
# session, user, HR role (3); the plan, its evaluations with periods (2); the plan's approved
# daily outputs of the year (1), whatever the number of evaluations.
QUERIES = 6


def approved(plan, date, quantity):
    DailyEntry.objects.create(employee=plan.employee, work_result=WorkResult.objects.get(plan=plan), date=date,
                              text="Kegiatan", quantity=Decimal(quantity), output_unit="dokumen",
                              status=EntryStatus.APPROVED)


def read(user, plan):
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", json.dumps({"query": EVALUATIONS, "variables": {"p": gid("PerformancePlan", plan.pk)}}),
                           content_type="application/json").json()
    assert "errors" not in body, body
    shown = {(e["period"]["kind"], e["period"]["number"]): [(s["indicator"]["text"], s["value"], s["entries"])
                                                            for s in e["suggestedRealizations"]]
             for e in body["data"]["evaluations"]}
    return len(ctx.captured_queries), shown


def test_a_list_of_evaluations_reads_its_suggestions_in_one_query(quarter):  # noqa: F811
    d, _period, q1 = quarter
    plan = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    approved(plan, dt.date(YEAR, 1, 5), "1")
    approved(plan, dt.date(YEAR, 3, 31), "2")      # Q1's last day
    approved(plan, dt.date(YEAR, 4, 1), "4")       # Q2's first day
    approved(plan, dt.date(YEAR - 1, 12, 31), "100")  # the year before: in no period
    Evaluation.objects.create(plan=plan, period=q1)
    one, shown = read(d.kasi.user, plan)
    assert shown == {("QUARTER", 1): [("Dokumen", "3", 2)]}

    periods = PerformancePeriod.objects.filter(year=YEAR)
    for period in (periods.get(kind="QUARTER", number=2), periods.get(kind="QUARTER", number=3),
                   periods.get(kind="YEAR")):
        Evaluation.objects.create(plan=plan, period=period)
    four, shown = read(d.kasi.user, plan)
    assert shown == {("QUARTER", 1): [("Dokumen", "3", 2)], ("QUARTER", 2): [("Dokumen", "4", 1)],
                     ("QUARTER", 3): [], ("YEAR", 1): [("Dokumen", "7", 3)]}
    assert one == four == QUERIES, (one, four)
