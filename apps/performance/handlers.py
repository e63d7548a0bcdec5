"""Domain effects of the SKP planning and periodic evaluation processes, registered with the
workflow runtime by name.

Each handler acts on the plan or evaluation its instance is bound to (``step.bound_id``; the
runtime checks the kind declared here), never on an id from process or form data: those come
from clients (docs/design.md, Trust boundaries). And each step is taken only by the person the
regulation names for it (the employee, the rater, the rater's supervisor), whatever lane a
changed definition puts the task in."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.errors import BadInput, Conflict, Forbidden
from apps.organization.models import Employee
from apps.workflow import registry
from apps.workflow import lanes
from apps.workflow.lanes import EMPLOYEE, RATER, RATER_SUPERVISOR
from apps.workflow.registry import StepContext

from . import cascade, history, rules, services
from .models import DevelopmentPlanItem, Evaluation, EvaluationStatus, PerformancePlan, PlanStatus


PLAN, EVALUATION = services.PLAN_BINDING, services.EVALUATION_BINDING


def _plan(step: StepContext, role: str | None) -> PerformancePlan:
    # By the instance's binding, not plan.process_instance: a timer already due at start runs its
    # service task before the new instance is linked to the plan.
    plan = (PerformancePlan.objects.select_for_update(of=("self",)).select_related("employee__unit", "employee__rater__rater")
            .get(pk=step.bound_id))
    require_role(step, plan.employee, role)
    return plan


_ROLE_REFUSED = {
    EMPLOYEE: gettext_lazy("Only the employee may take this step of their plan."),
    RATER: gettext_lazy("Only the employee's rater may take this step."),
    RATER_SUPERVISOR: gettext_lazy("Only the rater's supervisor may take this step."),
}


def require_role(step: StepContext, employee: Employee, role: str | None) -> None:
    """The person completing the step holds the role it is for towards the plan's employee. The
    shipped processes' lanes give each task to exactly that person; this check makes it hold
    for any definition (a changed lane, a migrated instance) — the regulation names who acts."""
    if role is None:  # an engine step (timer, service task) with no person acting
        return
    # Exactly whom the standard lane gives the step to (HR of the unit where nobody in the system
    # holds the role, e.g. the Sekda's rater).
    allowed = lanes.assign(role, employee).candidates
    if step.actor is None or step.actor.pk not in {person.user_id for person in allowed}:
        raise Forbidden(_ROLE_REFUSED[role])


def _refuse_cascade(plan: PerformancePlan, upper=cascade.NOT_LOADED) -> None:
    problems = cascade.cascade_problems(plan, upper)
    if problems:
        raise BadInput(_("The plan does not cascade from the organization (R-CASCADE): %(count)d problem(s).")
                       % {"count": len(problems)}, errors=problems)


@registry.register("performance.plan.submit", binds=PLAN)
def plan_submit(step: StepContext) -> None:
    plan = _plan(step, EMPLOYEE)
    _refuse_cascade(plan)
    plan.status = PlanStatus.SUBMITTED
    plan.save(update_fields=["status", "updated_at"])
    history.record(plan=plan, actor=step.actor, kind="SUBMITTED", data={"notes": step.data.get("notes", "")})


@registry.register("performance.plan.review", binds=PLAN)
def plan_review(step: StepContext) -> None:
    plan = _plan(step, RATER)
    if step.data.get("decision") == "REVISE":
        plan.status, plan.revision_notes = PlanStatus.DRAFT, step.data.get("notes", "")
        plan.save(update_fields=["status", "revision_notes", "updated_at"])
        history.record(plan=plan, actor=step.actor, kind="RETURNED", data={"notes": plan.revision_notes})
        return
    upper = cascade.supervisor_plan(plan)
    if upper is not None and upper.status != PlanStatus.APPROVED:
        raise Conflict(_("Your own plan for this year must be approved before you approve your staff's."))
    _refuse_cascade(plan, upper)
    plan.status, plan.approved_at, plan.approved_by = PlanStatus.APPROVED, timezone.now(), step.actor
    plan.revision_notes = ""
    plan.save(update_fields=["status", "approved_at", "approved_by", "revision_notes", "updated_at"])
    history.record(plan=plan, actor=step.actor, kind="APPROVED", data={})


@registry.register("performance.plan.flag_overdue", binds=PLAN)
def plan_flag_overdue(step: StepContext) -> bool:
    plan = _plan(step, None)
    plan.is_overdue = True
    plan.save(update_fields=["is_overdue", "updated_at"])
    history.record(plan=plan, kind="OVERDUE", data={})
    return True


# --- periodic evaluation ----------------------------------------------------------------------

def _evaluation(step: StepContext, role: str) -> Evaluation:
    evaluation = (Evaluation.objects.select_for_update(of=("self",))
                  .select_related("plan__employee__unit", "plan__employee__rater__rater", "period")
                  .get(pk=step.bound_id))
    require_role(step, evaluation.plan.employee, role)
    return evaluation


def _log(evaluation: Evaluation, actor, kind: str, data: dict | None = None) -> None:
    history.record(plan=evaluation.plan, actor=actor, kind=kind,
                   data={"evaluationId": evaluation.pk, "period": str(evaluation.period), **(data or {})})


@registry.register("performance.evaluation.submit", binds=EVALUATION)
def evaluation_submit(step: StepContext) -> None:
    evaluation = _evaluation(step, EMPLOYEE)
    evaluation.status, evaluation.self_notes = EvaluationStatus.RATING, step.data.get("notes", "")
    evaluation.save(update_fields=["status", "self_notes"])
    _log(evaluation, step.actor, "SELF_ASSESSMENT_SUBMITTED", {"notes": evaluation.self_notes})


def _sent_back(step: StepContext, evaluation: Evaluation, status: str, kind: str) -> bool:
    """REVISE: the evaluation goes back one step (the process loops back the same way)."""
    if step.data.get("decision") != "REVISE":
        return False
    evaluation.status = status
    evaluation.save(update_fields=["status"])
    _log(evaluation, step.actor, kind, {"notes": step.data.get("notes", "")})
    return True


@registry.register("performance.evaluation.rate_decision", binds=EVALUATION)
def evaluation_rate_decision(step: StepContext) -> None:
    evaluation = _evaluation(step, RATER)
    if _sent_back(step, evaluation, EvaluationStatus.SELF_ASSESSMENT, "EVALUATION_RETURNED_TO_EMPLOYEE"):
        return
    if not evaluation.predicate:
        raise BadInput(_("Rate results and behaviour (rateEvaluation) before passing the evaluation on."),
                       fields={"rating": "missing"})
    evaluation.status = EvaluationStatus.APPROVAL
    evaluation.save(update_fields=["status"])
    _log(evaluation, step.actor, "EVALUATION_RATED", {"predicate": evaluation.predicate})


@registry.register("performance.evaluation.approve", binds=EVALUATION)
def evaluation_approve(step: StepContext) -> None:
    evaluation = _evaluation(step, RATER_SUPERVISOR)
    if _sent_back(step, evaluation, EvaluationStatus.RATING, "EVALUATION_RETURNED_TO_RATER"):
        return
    # R-ORG: the unit's organizational predicate comes before its employees' are final.
    services.required_org_rating(evaluation.plan.employee.unit, evaluation.period)
    evaluation.status, evaluation.finalized_at = EvaluationStatus.FINAL, timezone.now()
    evaluation.approved_by = Employee.objects.filter(user=step.actor).first() if step.actor else None
    evaluation.save(update_fields=["status", "finalized_at", "approved_by"])
    _log(evaluation, step.actor, "EVALUATION_FINAL", {"predicate": evaluation.predicate})


# --- annual evaluation ------------------------------------------------------------------------

@registry.register("performance.annual.rate_decision", binds=EVALUATION)
def annual_rate_decision(step: StepContext) -> None:
    """Before the rater's annual rating is final: R-ORG set, and R-DIST respected or overridden
    with a recorded reason."""
    evaluation = _evaluation(step, RATER)
    if step.data.get("decision") == "REVISE" or not evaluation.predicate:
        evaluation_rate_decision(step)
        return
    unit = evaluation.plan.employee.unit
    org_rating = services.required_org_rating(unit, evaluation.period)
    others = list(Evaluation.objects.filter(period=evaluation.period, plan__employee__unit__path__startswith=unit.path,
                                            predicate__isnull=False).exclude(pk=evaluation.pk)
                  .values_list("predicate", flat=True))
    violations = rules.distribution_violations(org_rating.rating, [*others, evaluation.predicate])
    reason = (step.data.get("overrideReason") or "").strip()
    if violations and not reason:
        raise BadInput(_("The unit's predicate distribution breaks the rule for its organizational rating (R-DIST); "
                         "give overrideReason to go on."),
                       errors=[{"rule": v.rule, "message": v.message} for v in violations])
    if violations:
        evaluation.override_reason = reason
        evaluation.save(update_fields=["override_reason"])
        _log(evaluation, step.actor, "DISTRIBUTION_OVERRIDDEN",
             {"reason": reason, "violations": [v.rule for v in violations]})
    evaluation_rate_decision(step)


@registry.register("performance.annual.follow_up", binds=EVALUATION)
def annual_follow_up(step: StepContext) -> None:
    """Development plan items; R-CREDIT credit points for functional positions."""
    evaluation = _evaluation(step, RATER)
    plan = evaluation.plan
    items = [DevelopmentPlanItem(plan=plan, need=i["need"].strip(), activity=i["activity"].strip(), created_by=step.actor)
             for i in step.data.get("items", [])]
    DevelopmentPlanItem.objects.bulk_create(items)
    position = plan.employee.position
    if position.position_class == "FUNGSIONAL" and evaluation.predicate:
        coefficient = rules.credit_coefficient(position.title)
        if coefficient is not None:
            evaluation.credit_points = rules.credit_points(coefficient, evaluation.predicate)
            evaluation.save(update_fields=["credit_points"])
    _log(evaluation, step.actor, "DEVELOPMENT_PLAN", {"items": step.data.get("items", []),
                                                      "creditPoints": str(evaluation.credit_points or "")})
