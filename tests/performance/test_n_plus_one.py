"""Lists whose nested fields used to cost a query per row: `supervisorWorkResults` over a list of
plans and `realizations` over a plan's evaluations. Each count is locked at a few rows and at
many, through the whole request to /graphql/, and the answers are checked against the models."""
from __future__ import annotations

import io
import json

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.organization.models import Employee
from apps.performance import cascade, services
from apps.performance.models import (Evaluation, Indicator, Job, PerformancePeriod, PerformancePlan, PeriodKind,
                                     PlanStatus, Realization, WorkResult)
from apps.workflow import services as workflow
from apps.workflow.models import HumanTask
from apps.workflow.registry import Binding

from ..conftest import gid

YEAR = 2027
SUPERVISOR_RESULTS = """{ performancePlans(first: 50, filter: {year: 2027}) { totalCount edges { node {
  id supervisorWorkResults { id text indicators { id } } } } } }"""
# session, user, HR role and scope (4); the plans with their employee and both raters, the count
# (2); the recorded raters' plans, their work results, their indicators (3); the current raters'
# plans that an SKP without a recorded rater falls back to, their work results and indicators (3).
SUPERVISOR_QUERIES = 12

EVALUATIONS = """query($p: ID!) { evaluations(planId: $p) { period { kind number }
  realizations { value indicator { text } period { kind number } evidenceFiles { name } } } }"""
# session, user, HR role and scope (4); the plan, the HR role and scope again, the evaluations with
# their periods (4); the plan's realizations of every period, their indicators (scoped), their
# evidence files (3).
EVALUATION_QUERIES = 11

# The job (1); the chunk's savepoint (2): the period, the plans with their employees, units, raters
# and accounts, their evaluations, the new ones (4); the bulk start in its savepoint (2): the
# published definition, the instances with their states, tasks, candidates, task grants, view
# grants (subjects and candidates), the audit (7); the evaluations' processes (1); the job's
# progress in its savepoint (4).
REVIEW_OPENING_QUERIES = 21


def post(client, query, variables=None):
    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", json.dumps({"query": query, "variables": variables or {}}),
                           content_type="application/json").json()
    assert "errors" not in body, body
    return len(ctx.captured_queries), body["data"]


def open_plans(employees, year=YEAR):
    plans = services.plans_open_many(employees=employees, year=year, deadline=f"{year}-01-31T23:59:00+07:00",
                                     actor=None)
    for plan in plans:
        for n in range(2):
            result = WorkResult.objects.create(plan=plan, text=f"RHK {n} {plan.employee.name} {year}", position=n)
            Indicator.objects.bulk_create([Indicator(work_result=result, aspect="KUANTITAS", text="i", target="1"),
                                           Indicator(work_result=result, aspect="WAKTU", text="w", target="12")])
    return plans


def expected_supervisor_results():
    """What cascade.supervisor_plan gives each plan: the work results and their indicators."""
    shown = {}
    for plan in PerformancePlan.objects.filter(year=YEAR).select_related("employee"):
        rater_plan = cascade.supervisor_plan(plan)
        results = rater_plan.work_results.order_by("position", "pk") if rater_plan else []
        shown[gid("PerformancePlan", plan.pk)] = [
            (gid("WorkResult", r.pk), r.text, sorted(gid("Indicator", i.pk) for i in r.indicators.all()))
            for r in results]
    return shown


def supervisor_results(client):
    queries, data = post(client, SUPERVISOR_RESULTS)
    shown = {edge["node"]["id"]: [(r["id"], r["text"], sorted(i["id"] for i in r["indicators"]))
                                  for r in edge["node"]["supervisorWorkResults"]]
             for edge in data["performancePlans"]["edges"]}
    assert len(shown) == min(50, data["performancePlans"]["totalCount"])
    expected = expected_supervisor_results()
    assert shown == {plan: expected[plan] for plan in shown}
    return queries, shown


def test_supervisor_work_results_over_a_list_of_plans_cost_the_same_at_3_and_50_plans(demo_db):
    call_command("load_workflows", stdout=io.StringIO())
    client = Client()
    client.force_login(demo_db.hr_all.user)
    staff, kasi, kabid = demo_db.staff, demo_db.kasi, demo_db.kabid
    open_plans([kabid], year=YEAR - 1)  # another year's work results of a rater: never shown
    open_plans([staff, kasi, kabid])
    # An SKP opened before the employee had a rater falls back to the current one (R-CASCADE).
    PerformancePlan.objects.filter(employee=staff, year=YEAR).update(rater=None)
    few, shown = supervisor_results(client)
    assert len(shown) == 3
    assert [text for _id, text, _i in shown[gid("PerformancePlan", PerformancePlan.objects.get(
        employee=staff, year=YEAR).pk)]] == [f"RHK 0 {kasi.name} {YEAR}", f"RHK 1 {kasi.name} {YEAR}"]

    open_plans(list(Employee.objects.exclude(pk__in=[staff.pk, kasi.pk, kabid.pk])))
    many, shown = supervisor_results(client)
    assert len(shown) == 50
    assert sum(map(bool, shown.values())) >= 40  # most plans do show their rater's work results
    assert few == many == SUPERVISOR_QUERIES, (few, many)


def test_realizations_over_a_plans_evaluations_cost_the_same_at_3_and_19_evaluations(demo_db):
    """19 is every period a year can have (12 months, 4 quarters, 2 semesters, the year): the most
    evaluations a plan can list; with 6 indicators, 114 realizations."""
    call_command("load_workflows", stdout=io.StringIO())
    client = Client()
    client.force_login(demo_db.hr_all.user)
    plan, other = open_plans([demo_db.staff, demo_db.peer])
    for result in WorkResult.objects.filter(plan=plan):
        Indicator.objects.create(work_result=result, aspect="KUALITAS", text="q", target="100")
    periods = [PerformancePeriod.objects.create(year=YEAR, kind=kind, number=n, starts_on=f"{YEAR}-01-01",
                                                ends_on=f"{YEAR}-12-31")
               for kind, count in [(PeriodKind.MONTH, 12), (PeriodKind.QUARTER, 4), (PeriodKind.SEMESTER, 2),
                                   (PeriodKind.YEAR, 1)] for n in range(1, count + 1)]

    def evaluate(periods):
        for period in periods:
            Evaluation.objects.create(plan=plan, period=period)
            Realization.objects.bulk_create(
                [Realization(indicator=i, period=period, value=f"{i.pk}/{period.kind}{period.number}")
                 for i in Indicator.objects.filter(work_result__plan=plan)])
            Evaluation.objects.create(plan=other, period=period)  # another plan's: never shown
            Realization.objects.bulk_create([Realization(indicator=i, period=period, value="other")
                                             for i in Indicator.objects.filter(work_result__plan=other)])
        queries, data = post(client, EVALUATIONS, {"p": gid("PerformancePlan", plan.pk)})
        shown = {(e["period"]["kind"], e["period"]["number"]): sorted(
            (r["value"], r["period"]["kind"], r["period"]["number"]) for r in e["realizations"])
            for e in data["evaluations"]}
        expected = {(e.period.kind, e.period.number): sorted(
            (r.value, r.period.kind, r.period.number)
            for r in Realization.objects.filter(indicator__work_result__plan=plan, period=e.period))
            for e in Evaluation.objects.filter(plan=plan).select_related("period")}
        assert shown == expected and all(len(found) == 6 for found in shown.values())
        return queries, len(shown)

    few, n_few = evaluate(periods[:3])
    many, n_many = evaluate(periods[3:])
    assert (n_few, n_many) == (3, 19)
    assert few == many == EVALUATION_QUERIES, (few, many)


def test_opening_a_review_period_costs_the_same_statements_for_3_and_50_plans(demo_db):
    """Each chunk of the job creates its evaluations and starts their review processes in bulk
    (workflow.processes_start_many), as opening the year does."""
    call_command("load_workflows", stdout=io.StringIO())
    services.periods_create(year=YEAR)
    people = list(Employee.objects.select_related("unit", "rater__rater", "user").order_by("pk"))
    plans = services.plans_open_many(employees=people, year=YEAR, deadline=f"{YEAR}-01-31T23:59:00+07:00",
                                     actor=None)
    PerformancePlan.objects.filter(year=YEAR).update(status=PlanStatus.APPROVED)
    q1 = PerformancePeriod.objects.get(year=YEAR, kind=PeriodKind.QUARTER, number=1)
    job = Job.objects.create(kind="open_review_period", params={"period_id": q1.pk, "unit_id": people[0].unit_id},
                             created_by=demo_db.hr_all.user, total=len(plans))
    services.job_run_chunk(job.pk, [plans[0].pk])  # warms the caches (the published definition)
    counts = []
    for batch in (plans[1:4], plans[4:54]):
        with CaptureQueriesContext(connection) as ctx:
            services.job_run_chunk(job.pk, [p.pk for p in batch])
        counts.append(len(ctx.captured_queries))
    job.refresh_from_db()
    assert job.errors == [] and job.progress == 54
    evaluations = Evaluation.objects.filter(period=q1).select_related("process_instance")
    assert evaluations.count() == 54 and {e.plan_id for e in evaluations} == {p.pk for p in plans[:54]}
    for evaluation in evaluations:
        instance = evaluation.process_instance
        assert (instance.key, instance.subject_id, instance.period_id, instance.bound_kind, instance.bound_id) == (
            "periodic_review", evaluation.plan.employee_id, str(q1.pk), services.EVALUATION_BINDING, evaluation.pk)
    tasks = HumanTask.objects.filter(instance__evaluation__period=q1, state="READY")
    assert sorted(tasks.values_list("instance__evaluation", flat=True)) == sorted(e.pk for e in evaluations)
    assert counts[0] == counts[1] == REVIEW_OPENING_QUERIES, counts


def test_a_review_already_running_for_one_employee_is_reported_and_the_others_are_opened(demo_db):
    """A subject with a running review for the period makes the bulk start of the chunk CONFLICT;
    the chunk is then done one plan at a time, and only that plan is reported."""
    call_command("load_workflows", stdout=io.StringIO())
    services.periods_create(year=YEAR)
    people = [demo_db.kasi, demo_db.staff, demo_db.peer]
    plans = services.plans_open_many(employees=people, year=YEAR, deadline=f"{YEAR}-01-31T23:59:00+07:00",
                                     actor=None)
    q1 = PerformancePeriod.objects.get(year=YEAR, kind=PeriodKind.QUARTER, number=1)
    workflow.process_start(actor=None, key="periodic_review", subject=demo_db.staff,
                           data={"periodId": str(q1.pk), "evaluationId": 0},
                           binding=Binding(services.EVALUATION_BINDING, 0))
    job = Job.objects.create(kind="open_review_period", params={"period_id": q1.pk, "unit_id": demo_db.kasi.unit_id},
                             created_by=demo_db.hr_all.user, total=3)
    services.job_run_chunk(job.pk, [p.pk for p in plans])
    job.refresh_from_db()
    staff_plan = plans[1]
    assert [(e["id"], "sudah berjalan" in e["message"]) for e in job.errors] == [(staff_plan.pk, True)]
    assert job.status == "FAILED" and job.progress == 3
    opened = Evaluation.objects.filter(period=q1, process_instance__isnull=False)
    assert sorted(opened.values_list("plan_id", flat=True)) == sorted([plans[0].pk, plans[2].pk])
    assert not Evaluation.objects.filter(plan=staff_plan, period=q1, process_instance__isnull=False).exists()
