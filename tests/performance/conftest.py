"""Fixtures of the performance tests."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.performance import services
from apps.performance.models import Indicator, PerformancePeriod, PerformancePlan, PlanStatus, WorkResult

from ..conftest import gid

YEAR = 2027


@pytest.fixture
def quarter(published):
    """Approved plans for the section DISDIK-SD-KUR (kasi and three staff), TW I open."""
    d = published
    call_command("load_workflows", stdout=io.StringIO())
    services.periods_create(year=YEAR)
    for employee in [d.kabid, d.kasi, d.staff, d.peer]:
        plan = services.plan_open(employee=employee, year=YEAR, deadline=f"{YEAR}-01-31T23:59:00+07:00", actor=None)
        result = WorkResult.objects.create(plan=plan, text=f"RHK {employee.name}")
        Indicator.objects.create(work_result=result, aspect="KUANTITAS", text="Dokumen", target="4", unit="dokumen")
    PerformancePlan.objects.filter(year=YEAR).update(status=PlanStatus.APPROVED)  # planning is tested elsewhere
    q1 = PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=1)
    return d, gid("PerformancePeriod", q1.pk), q1
