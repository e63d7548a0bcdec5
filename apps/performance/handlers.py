"""The SKP planning and periodic/annual evaluation processes' handlers, registered with the
workflow runtime by name: adapters that read the step — who completes it, what the form
submitted, the object the instance is bound to (``step.bound_id``; the runtime checks the kind
declared here) — and call the step's service in steps.py, which checks the person and writes.
No id is taken from process or form data: those come from clients (docs/design.md, Trust
boundaries)."""
from __future__ import annotations

from apps.workflow import registry
from apps.workflow.registry import StepContext

from . import services, steps

PLAN, EVALUATION = services.PLAN_BINDING, services.EVALUATION_BINDING


def _revise(step: StepContext) -> bool:
    return step.data.get("decision") == "REVISE"


def _notes(step: StepContext) -> str:
    return step.data.get("notes", "")


@registry.register("performance.plan.submit", binds=PLAN)
def plan_submit(step: StepContext) -> None:
    steps.plan_submit(actor=step.actor, plan_id=step.bound_id, notes=_notes(step))


@registry.register("performance.plan.review", binds=PLAN)
def plan_review(step: StepContext) -> None:
    if _revise(step):
        steps.plan_return(actor=step.actor, plan_id=step.bound_id, notes=_notes(step))
    else:
        steps.plan_approve(actor=step.actor, plan_id=step.bound_id)


@registry.register("performance.plan.flag_overdue", binds=PLAN)
def plan_flag_overdue(step: StepContext) -> bool:
    # By the instance's binding, not plan.process_instance: a timer already due at start runs its
    # service task before the new instance is linked to the plan.
    steps.plan_flag_overdue(plan_id=step.bound_id)
    return True


@registry.register("performance.evaluation.submit", binds=EVALUATION)
def evaluation_submit(step: StepContext) -> None:
    steps.evaluation_submit(actor=step.actor, evaluation_id=step.bound_id, notes=_notes(step))


@registry.register("performance.evaluation.rate_decision", binds=EVALUATION)
def evaluation_rate_decision(step: StepContext) -> None:
    if _revise(step):
        steps.evaluation_return_to_employee(actor=step.actor, evaluation_id=step.bound_id, notes=_notes(step))
    else:
        steps.evaluation_send_for_approval(actor=step.actor, evaluation_id=step.bound_id)


@registry.register("performance.evaluation.approve", binds=EVALUATION)
def evaluation_approve(step: StepContext) -> None:
    if _revise(step):
        steps.evaluation_return_to_rater(actor=step.actor, evaluation_id=step.bound_id, notes=_notes(step))
    else:
        steps.evaluation_finalize(actor=step.actor, evaluation_id=step.bound_id)


@registry.register("performance.annual.rate_decision", binds=EVALUATION)
def annual_rate_decision(step: StepContext) -> None:
    """As the periodic rating, with R-DIST checked (or overridden with a reason) on the way on."""
    if _revise(step):
        steps.evaluation_return_to_employee(actor=step.actor, evaluation_id=step.bound_id, notes=_notes(step))
    else:
        steps.annual_rating_send_for_approval(actor=step.actor, evaluation_id=step.bound_id,
                                              override_reason=step.data.get("overrideReason") or "")


@registry.register("performance.annual.follow_up", binds=EVALUATION)
def annual_follow_up(step: StepContext) -> None:
    steps.evaluation_follow_up(actor=step.actor, evaluation_id=step.bound_id, items=step.data.get("items", []))
