"""The ``action_plan`` process's handlers (R-ACTION), registered with the workflow runtime by
name (DailyConfig.ready): adapters, like the SKP's (apps/performance/handlers.py), that read the
step and call the step's service in action_plans.py with the action plan the instance is bound
to (``step.bound_id``), never an id from the form. The service checks that the person
completing the step is the one the regulation names — the employee submits, the rater decides —
whatever lane a changed definition puts the task in."""
from __future__ import annotations

from apps.workflow import registry
from apps.workflow.registry import StepContext

from . import action_plans
from .action_plans import ACTION_PLAN_BINDING


@registry.register("daily.action_plan.submit", binds=ACTION_PLAN_BINDING)
def action_plan_submit(step: StepContext) -> None:
    action_plans.action_plan_submit(actor=step.actor, action_plan_id=step.bound_id, notes=step.data.get("notes", ""))


@registry.register("daily.action_plan.review", binds=ACTION_PLAN_BINDING)
def action_plan_review(step: StepContext) -> None:
    """The rater's decision: REVISE (back to the employee with notes) or APPROVE."""
    if step.data.get("decision") == "REVISE":
        action_plans.action_plan_return(actor=step.actor, action_plan_id=step.bound_id,
                                        notes=step.data.get("notes", ""))
    else:
        action_plans.action_plan_approve(actor=step.actor, action_plan_id=step.bound_id)
