"""Domain effects of the SKP planning process, registered with the workflow runtime by name."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, Conflict
from apps.workflow import registry
from apps.workflow.registry import StepContext

from . import cascade
from .models import PerformancePlan, PlanEvent, PlanStatus


def _plan(step: StepContext) -> PerformancePlan:
    return (PerformancePlan.objects.select_for_update(of=("self",)).select_related("employee__unit")
            .get(process_instance=step.instance))


def _refuse_cascade(plan: PerformancePlan) -> None:
    problems = cascade.cascade_problems(plan)
    if problems:
        raise BadInput(_("The plan does not cascade from the organization (R-CASCADE): %(count)d problem(s).")
                       % {"count": len(problems)}, errors=problems)


@registry.register("performance.plan.submit")
def plan_submit(step: StepContext) -> None:
    plan = _plan(step)
    _refuse_cascade(plan)
    plan.status = PlanStatus.SUBMITTED
    plan.save(update_fields=["status", "updated_at"])
    PlanEvent.objects.create(plan=plan, actor=step.actor, kind="SUBMITTED", data={"notes": step.data.get("notes", "")})


@registry.register("performance.plan.review")
def plan_review(step: StepContext) -> None:
    plan = _plan(step)
    if step.data.get("decision") == "REVISE":
        plan.status, plan.revision_notes = PlanStatus.DRAFT, step.data.get("notes", "")
        plan.save(update_fields=["status", "revision_notes", "updated_at"])
        PlanEvent.objects.create(plan=plan, actor=step.actor, kind="RETURNED", data={"notes": plan.revision_notes})
        return
    upper = cascade.supervisor_plan(plan)
    if upper is not None and upper.status != PlanStatus.APPROVED:
        raise Conflict(_("Your own plan for this year must be approved before you approve your staff's."))
    _refuse_cascade(plan)
    plan.status, plan.approved_at, plan.approved_by = PlanStatus.APPROVED, timezone.now(), step.actor
    plan.revision_notes = ""
    plan.save(update_fields=["status", "approved_at", "approved_by", "revision_notes", "updated_at"])
    PlanEvent.objects.create(plan=plan, actor=step.actor, kind="APPROVED", data={})


@registry.register("performance.plan.flag_overdue")
def plan_flag_overdue(step: StepContext) -> bool:
    plan = _plan(step)
    plan.is_overdue = True
    plan.save(update_fields=["is_overdue", "updated_at"])
    PlanEvent.objects.create(plan=plan, kind="OVERDUE", data={})
    return True
