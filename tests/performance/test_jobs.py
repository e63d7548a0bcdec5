"""Background jobs run in chunks: one transaction per chunk, a failing item reported alone, and
the bulk SKP opening costs the same number of statements for 2 or 20 employees."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.organization.models import Employee
from apps.performance import services
from apps.performance.models import BehaviorExpectation, PerformancePlan
from apps.workflow import services as workflow
from apps.workflow.models import HumanTask, ProcessInstance
from apps.workflow.registry import Binding

from ..conftest import gid
from .test_planning import JOB, OPEN

YEAR = 2027


def test_a_failing_employee_is_reported_and_the_others_are_opened(published, client_for, monkeypatch):
    d = published
    monkeypatch.setattr(services, "JOB_CHUNK", 4)  # several chunks for the 15 employees
    # The staff member already has a planning process running for the year (started by hand):
    # the bulk start of that chunk conflicts; the chunk is retried one by one.
    workflow.process_start(actor=None, key="skp_planning", subject=d.staff,
                           data={"periodId": str(YEAR), "deadline": "2027-01-31T23:59:00+07:00"},
                           binding=Binding(services.PLAN_BINDING, 0))
    hr = client_for(d.hr_all.user.username)
    job = hr.data(OPEN, {"y": YEAR, "u": gid("OrgUnit", d.kadis.unit_id)})["openPerformanceYear"]
    state = hr.data(JOB, {"id": job["id"]})["job"]
    assert state["status"] == "FAILED" and state["progress"] == state["total"] == 15
    assert [e["id"] for e in state["errors"]] == [d.staff.pk]
    assert "sudah berjalan" in state["errors"][0]["message"]
    # The 14 others have their plan and their drafting task; the staff member's plan exists
    # without a second process, and opening again after the cause is fixed completes it.
    assert HumanTask.objects.filter(bpmn_id="draft", instance__key="skp_planning").count() == 15
    assert PerformancePlan.objects.filter(year=YEAR, process_instance__isnull=False).count() == 14
    ProcessInstance.objects.filter(subject=d.staff, key="skp_planning").update(status="CANCELLED")
    again = hr.data(OPEN, {"y": YEAR, "u": gid("OrgUnit", d.kadis.unit_id)})["openPerformanceYear"]
    assert hr.data(JOB, {"id": again["id"]})["job"]["status"] == "DONE"
    assert PerformancePlan.objects.filter(year=YEAR, process_instance__isnull=False).count() == 15


@pytest.mark.django_db
def test_bulk_opening_costs_the_same_statements_for_2_or_20_employees(demo_db):
    call_command("load_workflows", stdout=io.StringIO())
    people = list(Employee.objects.select_related("unit", "rater__rater", "user").order_by("pk"))
    deadline = services.planning_deadline(YEAR).isoformat()
    services.plans_open_many(employees=people[:1], year=YEAR, deadline=deadline, actor=None)  # warms caches
    counts = []
    for batch in (people[1:3], people[3:23]):
        with CaptureQueriesContext(connection) as ctx:
            plans = services.plans_open_many(employees=batch, year=YEAR, deadline=deadline, actor=None)
        counts.append(len(ctx.captured_queries))
        assert all(p.process_instance_id for p in plans)
    assert counts[0] == counts[1], counts
    assert BehaviorExpectation.objects.filter(plan__year=YEAR).count() == 23 * 7
    # Every opened employee got exactly what a one-by-one start gives: a draft task, assigned.
    drafts = HumanTask.objects.filter(bpmn_id="draft", state="READY")
    assert drafts.count() == 23 and not drafts.filter(assignee__isnull=True).exists()
    assert all(t.assignee_id == t.subject_id for t in drafts)
