"""Domain effects of the ``action_plan`` process (R-ACTION), registered with the workflow
runtime by name (DailyConfig.ready).

Like the SKP's handlers (apps/performance/handlers.py): each acts on the action plan its
instance is bound to (``step.bound_id``), never on an id from the form, and each step is taken
only by the person the regulation names for it — the employee submits, the rater decides —
whatever lane a changed definition puts the task in."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import BadInput
from apps.organization import selectors as org
from apps.performance.handlers import require_role
from apps.workflow import registry
from apps.workflow.lanes import EMPLOYEE, RATER
from apps.workflow.registry import StepContext

from .action_plans import ACTION_PLAN_BINDING, audit
from .models import ActionPlan, ActionPlanStatus


def _action_plan(step: StepContext, role: str) -> ActionPlan:
    action_plan = (ActionPlan.objects.select_for_update(of=("self",))
                   .select_related("plan__employee__unit", "plan__employee__rater__rater", "period")
                   .get(pk=step.bound_id))
    require_role(step, action_plan.plan.employee, role)
    return action_plan


@registry.register("daily.action_plan.submit", binds=ACTION_PLAN_BINDING)
def action_plan_submit(step: StepContext) -> None:
    """At least one action, each under a work result of the action plan's own SKP."""
    action_plan = _action_plan(step, EMPLOYEE)
    items = list(action_plan.items.select_related("work_result"))
    if not items:
        raise BadInput(_("Add at least one action under a work result before submitting the action plan."),
                       fields={"items": _("required")})
    # The items were checked when saved; the SKP's work results may have moved on since.
    foreign = [item for item in items if item.work_result.plan_id != action_plan.plan_id]
    if foreign:
        raise BadInput(_("Some actions are under a work result that is no longer in the SKP: change or delete them."),
                       fields={f"items.{item.pk}": _("not a work result of this plan") for item in foreign})
    action_plan.status = ActionPlanStatus.SUBMITTED
    action_plan.save(update_fields=["status"])
    audit(action_plan, step.actor, "ACTION_PLAN_SUBMITTED", {"notes": step.data.get("notes", "")})


@registry.register("daily.action_plan.review", binds=ACTION_PLAN_BINDING)
def action_plan_review(step: StepContext) -> None:
    """The rater's decision: REVISE (back to the employee with notes) or APPROVE."""
    action_plan = _action_plan(step, RATER)
    if step.data.get("decision") == "REVISE":
        _revise(step, action_plan)
    else:
        _approve(step, action_plan)


def _revise(step: StepContext, action_plan: ActionPlan) -> None:
    action_plan.status, action_plan.revision_notes = ActionPlanStatus.DRAFT, step.data.get("notes", "")
    action_plan.save(update_fields=["status", "revision_notes"])
    audit(action_plan, step.actor, "ACTION_PLAN_RETURNED", {"notes": action_plan.revision_notes})


def _approve(step: StepContext, action_plan: ActionPlan) -> None:
    action_plan.status, action_plan.approved_at, action_plan.revision_notes = (
        ActionPlanStatus.APPROVED, timezone.now(), "")
    # HR acting for a rater outside the system (the Sekda's) has no employee record: None.
    action_plan.approved_by = org.employee_of(step.actor)
    action_plan.save(update_fields=["status", "approved_at", "approved_by", "revision_notes"])
    audit(action_plan, step.actor, "ACTION_PLAN_APPROVED")
