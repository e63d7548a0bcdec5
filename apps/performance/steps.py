"""The writes of the SKP planning and evaluation processes' steps, one service per step, each
called by its handler (handlers.py) with the person completing the task and the id of the object
the instance is bound to — never an id from process or form data (docs/design.md, Trust
boundaries).

Each step is taken only by the person the regulation names for it (the employee, the rater, the
rater's supervisor), whatever lane a changed definition puts the task in (``require_role``).
Each runs inside the workflow step's transaction: ``atomic(savepoint=False)`` joins it without a
savepoint (a domain error rolls the whole step back) and is one transaction when called alone."""
from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.errors import BadInput, Conflict, Forbidden
from apps.organization.models import Employee
from apps.workflow import lanes
from apps.workflow.lanes import EMPLOYEE, RATER, RATER_SUPERVISOR

from . import cascade, history, rules, selectors, services
from .models import DevelopmentPlanItem, Evaluation, EvaluationStatus, PerformancePlan, PlanStatus

_ROLE_REFUSED = {
    EMPLOYEE: gettext_lazy("Only the employee may take this step of their plan."),
    RATER: gettext_lazy("Only the employee's rater may take this step."),
    RATER_SUPERVISOR: gettext_lazy("Only the rater's supervisor may take this step."),
}


def require_role(*, actor: User | None, employee: Employee, role: str) -> None:
    """The person completing the step holds the role it is for towards the plan's employee. The
    shipped processes' lanes give each task to exactly that person; this check makes it hold
    for any definition (a changed lane, a migrated instance) — the regulation names who acts."""
    # Exactly whom the standard lane gives the step to (HR of the unit where nobody in the system
    # holds the role, e.g. the Sekda's rater).
    allowed = lanes.assign(role, employee).candidates
    if actor is None or actor.pk not in {person.user_id for person in allowed}:
        raise Forbidden(_ROLE_REFUSED[role])


# --- planning ---------------------------------------------------------------------------------

def _plan(plan_id: int) -> PerformancePlan:
    return (PerformancePlan.objects.select_for_update(of=("self",))
            .select_related("employee__unit", "employee__rater__rater").get(pk=plan_id))


def _plan_for(actor: User | None, plan_id: int, role: str) -> PerformancePlan:
    plan = _plan(plan_id)
    require_role(actor=actor, employee=plan.employee, role=role)
    return plan


def _refuse_cascade(plan: PerformancePlan, upper: PerformancePlan | None | cascade.NotLoaded = cascade.NOT_LOADED) -> None:
    problems = cascade.cascade_problems(plan, upper)
    if problems:
        raise BadInput(_("The plan does not cascade from the organization (R-CASCADE): %(count)d problem(s).")
                       % {"count": len(problems)}, errors=problems)


@transaction.atomic(savepoint=False)
def plan_submit(*, actor: User | None, plan_id: int, notes: str) -> PerformancePlan:
    """The employee submits the drafted SKP, which must cascade (R-CASCADE)."""
    plan = _plan_for(actor, plan_id, EMPLOYEE)
    _refuse_cascade(plan)
    plan.status = PlanStatus.SUBMITTED
    plan.save(update_fields=["status", "updated_at"])
    history.record(plan=plan, actor=actor, kind="SUBMITTED", data={"notes": notes})
    return plan


@transaction.atomic(savepoint=False)
def plan_return(*, actor: User | None, plan_id: int, notes: str) -> PerformancePlan:
    """The rater sends the SKP back to its employee with notes (REVISE)."""
    plan = _plan_for(actor, plan_id, RATER)
    plan.status, plan.revision_notes = PlanStatus.DRAFT, notes
    plan.save(update_fields=["status", "revision_notes", "updated_at"])
    history.record(plan=plan, actor=actor, kind="RETURNED", data={"notes": notes})
    return plan


@transaction.atomic(savepoint=False)
def plan_approve(*, actor: User | None, plan_id: int) -> PerformancePlan:
    """The rater approves the SKP: after their own plan of the year, and only if it cascades."""
    plan = _plan_for(actor, plan_id, RATER)
    upper = cascade.supervisor_plan(plan)
    if upper is not None and upper.status != PlanStatus.APPROVED:
        raise Conflict(_("Your own plan for this year must be approved before you approve your staff's."))
    _refuse_cascade(plan, upper)
    plan.status, plan.approved_at, plan.approved_by = PlanStatus.APPROVED, timezone.now(), actor
    plan.revision_notes = ""
    plan.save(update_fields=["status", "approved_at", "approved_by", "revision_notes", "updated_at"])
    history.record(plan=plan, actor=actor, kind="APPROVED", data={})
    return plan


@transaction.atomic(savepoint=False)
def plan_flag_overdue(*, plan_id: int) -> PerformancePlan:
    """The planning deadline passed (a timer, nobody acting)."""
    plan = _plan(plan_id)
    plan.is_overdue = True
    plan.save(update_fields=["is_overdue", "updated_at"])
    history.record(plan=plan, kind="OVERDUE", data={})
    return plan


# --- periodic and annual evaluation -----------------------------------------------------------

def _evaluation_for(actor: User | None, evaluation_id: int, role: str) -> Evaluation:
    evaluation = (Evaluation.objects.select_for_update(of=("self",))
                  .select_related("plan__employee__unit", "plan__employee__rater__rater", "period")
                  .get(pk=evaluation_id))
    require_role(actor=actor, employee=evaluation.plan.employee, role=role)
    return evaluation


def _log(evaluation: Evaluation, actor: User | None, kind: str, data: dict | None = None) -> None:
    history.record(plan=evaluation.plan, actor=actor, kind=kind,
                   data={"evaluationId": evaluation.pk, "period": str(evaluation.period), **(data or {})})


def _send_back(evaluation: Evaluation, actor: User | None, status: str, kind: str, notes: str) -> Evaluation:
    """REVISE: the evaluation goes back one step (the process loops back the same way)."""
    evaluation.status = status
    evaluation.save(update_fields=["status"])
    _log(evaluation, actor, kind, {"notes": notes})
    return evaluation


@transaction.atomic(savepoint=False)
def evaluation_submit(*, actor: User | None, evaluation_id: int, notes: str) -> Evaluation:
    """The employee submits the self-assessment to the rater."""
    evaluation = _evaluation_for(actor, evaluation_id, EMPLOYEE)
    evaluation.status, evaluation.self_notes = EvaluationStatus.RATING, notes
    evaluation.save(update_fields=["status", "self_notes"])
    _log(evaluation, actor, "SELF_ASSESSMENT_SUBMITTED", {"notes": notes})
    return evaluation


@transaction.atomic(savepoint=False)
def evaluation_return_to_employee(*, actor: User | None, evaluation_id: int, notes: str) -> Evaluation:
    """The rater sends the self-assessment back (REVISE)."""
    evaluation = _evaluation_for(actor, evaluation_id, RATER)
    return _send_back(evaluation, actor, EvaluationStatus.SELF_ASSESSMENT, "EVALUATION_RETURNED_TO_EMPLOYEE", notes)


def _require_rated(evaluation: Evaluation) -> str:
    """The evaluation's predicate, which it must have by now."""
    if not evaluation.predicate:
        raise BadInput(_("Rate results and behaviour (rateEvaluation) before passing the evaluation on."),
                       fields={"rating": "missing"})
    return evaluation.predicate


def _to_approval(evaluation: Evaluation, actor: User | None) -> Evaluation:
    evaluation.status = EvaluationStatus.APPROVAL
    evaluation.save(update_fields=["status"])
    _log(evaluation, actor, "EVALUATION_RATED", {"predicate": evaluation.predicate})
    return evaluation


@transaction.atomic(savepoint=False)
def evaluation_send_for_approval(*, actor: User | None, evaluation_id: int) -> Evaluation:
    """The rater passes the rated evaluation on to their supervisor."""
    evaluation = _evaluation_for(actor, evaluation_id, RATER)
    _require_rated(evaluation)
    return _to_approval(evaluation, actor)


@transaction.atomic(savepoint=False)
def annual_rating_send_for_approval(*, actor: User | None, evaluation_id: int,
                                    override_reason: str) -> Evaluation:
    """As evaluation_send_for_approval, once R-ORG is set and R-DIST respected — or overridden
    with a recorded reason — over the unit's subtree with this evaluation's predicate."""
    evaluation = _evaluation_for(actor, evaluation_id, RATER)
    predicate = _require_rated(evaluation)
    unit = evaluation.plan.employee.unit
    org_rating = services.required_org_rating(unit, evaluation.period)
    others = selectors.predicates_in_subtree(unit, evaluation.period, excluding=evaluation.pk)
    violations = rules.distribution_violations(org_rating.rating, [*others, predicate])
    reason = override_reason.strip()
    if violations and not reason:
        raise BadInput(_("The unit's predicate distribution breaks the rule for its organizational rating (R-DIST); "
                         "give overrideReason to go on."),
                       errors=[{"rule": v.rule, "message": v.message} for v in violations])
    if violations:
        evaluation.override_reason = reason
        evaluation.save(update_fields=["override_reason"])
        _log(evaluation, actor, "DISTRIBUTION_OVERRIDDEN", {"reason": reason, "violations": [v.rule for v in violations]})
    return _to_approval(evaluation, actor)


@transaction.atomic(savepoint=False)
def evaluation_return_to_rater(*, actor: User | None, evaluation_id: int, notes: str) -> Evaluation:
    """The rater's supervisor sends the rating back (REVISE)."""
    evaluation = _evaluation_for(actor, evaluation_id, RATER_SUPERVISOR)
    return _send_back(evaluation, actor, EvaluationStatus.RATING, "EVALUATION_RETURNED_TO_RATER", notes)


@transaction.atomic(savepoint=False)
def evaluation_finalize(*, actor: User | None, evaluation_id: int) -> Evaluation:
    """The rater's supervisor approves: the evaluation is final, once the unit's organizational
    predicate is set (R-ORG: it comes before its employees' are final)."""
    evaluation = _evaluation_for(actor, evaluation_id, RATER_SUPERVISOR)
    services.required_org_rating(evaluation.plan.employee.unit, evaluation.period)
    evaluation.status, evaluation.finalized_at = EvaluationStatus.FINAL, timezone.now()
    evaluation.approved_by = Employee.objects.filter(user=actor).first() if actor else None
    evaluation.save(update_fields=["status", "finalized_at", "approved_by"])
    _log(evaluation, actor, "EVALUATION_FINAL", {"predicate": evaluation.predicate})
    return evaluation


@transaction.atomic(savepoint=False)
def evaluation_follow_up(*, actor: User | None, evaluation_id: int, items: list[dict]) -> Evaluation:
    """After the annual evaluation, the rater records development plan items ({need, activity});
    R-CREDIT: credit points for functional positions."""
    evaluation = _evaluation_for(actor, evaluation_id, RATER)
    plan = evaluation.plan
    DevelopmentPlanItem.objects.bulk_create([
        DevelopmentPlanItem(plan=plan, need=item["need"].strip(), activity=item["activity"].strip(), created_by=actor)
        for item in items])
    position = plan.employee.position
    if position.position_class == "FUNGSIONAL" and evaluation.predicate:
        coefficient = rules.credit_coefficient(position.title)
        if coefficient is not None:
            evaluation.credit_points = rules.credit_points(coefficient, evaluation.predicate)
            evaluation.save(update_fields=["credit_points"])
    _log(evaluation, actor, "DEVELOPMENT_PLAN", {"items": items, "creditPoints": str(evaluation.credit_points or "")})
    return evaluation
