"""ProcessInstance.plan / .evaluation: what an instance runs for, for a client to show beside a
task (issue 12) — the binding recorded by the service that started it, never process data."""
from __future__ import annotations

import io

from django.core.management import call_command

from apps.performance.models import Evaluation, PerformancePlan
from apps.workflow.models import HumanTask

from ..conftest import gid
from ..workflow.helpers import start

TASK = """query($id: ID!) { task(id: $id) { processInstance { key plan { id status employee { name } }
  evaluation { id status period { number } } } } }"""


def test_a_task_names_the_plan_or_evaluation_it_is_about(published, client_for):
    d = published
    call_command("load_demo_year", "--year", "2026", stdout=io.StringIO())
    kabid = client_for(d.kabid.user.username)
    review = HumanTask.objects.get(bpmn_id="review", state="READY", subject__user__username="fitri.effendi")
    plan = PerformancePlan.objects.get(employee=review.subject, year=2026)
    seen = kabid.data(TASK, {"id": gid("Task", review.pk)})["task"]["processInstance"]
    assert seen == {"key": "skp_planning", "evaluation": None,
                    "plan": {"id": gid("PerformancePlan", plan.pk), "status": "SUBMITTED",
                             "employee": {"name": review.subject.name}}}

    rate = HumanTask.objects.get(bpmn_id="rate", state="READY", subject=d.peer)
    evaluation = Evaluation.objects.get(plan__employee=d.peer, period__number=1)
    seen = client_for(d.kasi.user.username).data(TASK, {"id": gid("Task", rate.pk)})["task"]["processInstance"]
    assert seen["plan"] is None
    assert seen["evaluation"] == {"id": gid("Evaluation", evaluation.pk), "status": "RATING", "period": {"number": 1}}

    # A process that runs for no domain object names none, whatever its data says.
    staff = client_for(d.staff.user.username)
    draft = start(staff, d.staff, key="approval_demo")["activeTasks"][0]
    seen = staff.data(TASK, {"id": draft["id"]})["task"]["processInstance"]
    assert seen == {"key": "approval_demo", "plan": None, "evaluation": None}
    # Someone who may not see the task learns nothing either.
    assert client_for(d.other_rater.user.username).error(TASK, {"id": gid("Task", review.pk)})[
        "extensions"]["code"] == "NOT_FOUND"
