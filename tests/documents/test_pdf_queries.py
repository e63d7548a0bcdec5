"""Each document loads its data in a fixed number of queries, whatever the size of the plan or of
the unit: a 1-result and a 30-result plan, a section and the whole regional government."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.organization.models import OrgUnit
from apps.performance import services
from apps.performance.documents import evaluation as evaluation_document
from apps.performance.documents import predicates, skp
from apps.performance.models import (
    DevelopmentPlanItem,
    Evaluation,
    Indicator,
    PerformancePeriod,
    PerformancePlan,
    Realization,
    UnitOrgRating,
    WorkResult,
)

YEAR = 2026
SKP_QUERIES, EVALUATION_QUERIES, ANNUAL_QUERIES, PREDICATES_QUERIES = 6, 9, 10, 6


def plan_with(employee, rater, results: int) -> PerformancePlan:
    """A plan of ``results`` work results (two indicators each), each supporting the rater's one,
    with its evaluations of TW I and of the year (realizations for every indicator)."""
    upper = PerformancePlan.objects.get_or_create(employee=rater, year=YEAR)[0]
    parent = upper.work_results.first() or WorkResult.objects.create(plan=upper, text="RHK pimpinan")
    plan = PerformancePlan.objects.create(employee=employee, year=YEAR, rater=rater, rater_supervisor=rater.rater)
    q1 = PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=1)
    year = PerformancePeriod.objects.get(year=YEAR, kind="YEAR")
    for n in range(results):
        result = WorkResult.objects.create(plan=plan, text=f"RHK {n}", position=n,
                                           type="UTAMA" if n % 5 else "TAMBAHAN")
        result.parents.add(parent)
        for aspect in ("KUANTITAS", "WAKTU"):
            indicator = Indicator.objects.create(work_result=result, aspect=aspect, text="IKI", target="4")
            Realization.objects.create(indicator=indicator, period=q1, value="3")
    for period in (q1, year):
        Evaluation.objects.create(plan=plan, period=period, status="FINAL", result_rating="SESUAI_EKSPEKTASI",
                                  behavior_rating="SESUAI_EKSPEKTASI", predicate="BAIK", approved_by=rater.rater)
    DevelopmentPlanItem.objects.create(plan=plan, need="Asesmen", activity="Pelatihan")
    return plan


def queries_of(render, *args) -> int:
    with CaptureQueriesContext(connection) as captured:
        pdf = render(*args)
    assert pdf.startswith(b"%PDF-")
    return len(captured)


@pytest.mark.parametrize("results", [1, 30])
def test_the_skp_and_evaluations_load_in_a_fixed_number_of_queries(demo_db, results):
    d = demo_db
    services.periods_create(year=YEAR)
    plan = plan_with(d.staff, d.kasi, results)
    UnitOrgRating.objects.create(unit=d.staff.unit, period=PerformancePeriod.objects.get(year=YEAR, kind="YEAR"),
                                 rating="BAIK")  # the unit's own rating (R-ORG), as the approval requires
    assert queries_of(skp.render, plan) == SKP_QUERIES
    quarter, annual = plan.evaluations.order_by("period__kind")
    assert queries_of(evaluation_document.render, quarter) == EVALUATION_QUERIES
    assert queries_of(evaluation_document.render, annual) == ANNUAL_QUERIES


@pytest.mark.parametrize("unit_code", ["DISDIK-SD-KUR", "LEBONG"])
def test_the_predicate_determination_loads_in_a_fixed_number_of_queries(demo_db, unit_code):
    d = demo_db
    services.periods_create(year=YEAR)
    plan_with(d.staff, d.kasi, 2)
    plan_with(d.nurse, d.kapus, 2)
    unit = OrgUnit.objects.get(code=unit_code)
    q1 = PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=1)
    UnitOrgRating.objects.create(unit=unit, period=q1, rating="BAIK")
    # The regional government's own name needs no query when the unit is the root.
    expected = PREDICATES_QUERIES - (1 if unit.parent_id is None else 0)
    assert queries_of(predicates.render, unit, q1, lambda employee: True) == expected
