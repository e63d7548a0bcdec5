"""R-ACTION: quarterly action plans (rencana aksi) under the approved SKP's work results.

Each ActionPlan runs the BPMN process ``action_plan`` (draft by the employee → review by the
rater: APPROVE, or REVISE with notes back to the draft), one instance per plan and quarter,
bound to the action plan (``Binding(ACTION_PLAN_BINDING, id)``): its handlers (handlers.py)
act on nothing else. HR opens them for a unit as a background job, the way review periods are
opened (apps.performance's job machinery, through ``register_job``). Every write is one
transaction; every change is also appended to the SKP's history (R-AUDIT)."""
from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, Forbidden, NotFound
from apps.organization import selectors as org
from apps.organization.models import OrgUnit
from apps.performance import history
from apps.performance import selectors as performance_selectors
from apps.performance import services as performance
from apps.performance.models import Job, PerformancePeriod, PerformancePlan, PeriodKind, PlanEvent
from apps.performance.steps import require_role
from apps.workflow import selectors as workflow_selectors
from apps.workflow import services as workflow
from apps.workflow.lanes import EMPLOYEE, RATER
from apps.workflow.registry import Binding

from .models import ActionPlan, ActionPlanItem, ActionPlanStatus

ACTION_PLAN_PROCESS = "action_plan"
ACTION_PLAN_BINDING = "daily.action_plan"  # the kind of object an action_plan instance is bound to
OPEN_JOB = "open_action_plans"
TEXT_MAX, TARGET_MAX, UNIT_MAX = 2000, 200, 50  # target and unit: the model's column sizes


# --- opening a quarter for a unit ---------------------------------------------------------------

@transaction.atomic
def action_plans_open(*, actor: User, period: PerformancePeriod, unit: OrgUnit) -> Job:
    """HR of the unit: one action plan + ``action_plan`` instance per APPROVED SKP of the
    period's year in the unit's subtree, as a background job (idempotent: running it again
    adds only what is missing)."""
    if period.kind == PeriodKind.YEAR:
        raise BadInput(_("Action plans are made per quarter, not for the whole year."), fields={"periodId": "quarter"})
    return performance.job_start(actor=actor, unit=unit, kind=OPEN_JOB, params={"period_id": period.pk},
                                 process=ACTION_PLAN_PROCESS)


def _open_items(job: Job) -> list[int]:
    """The approved SKPs of the period's year in the unit's subtree, top-down."""
    period = PerformancePeriod.objects.get(pk=job.params["period_id"])
    return performance_selectors.approved_plan_ids(OrgUnit.objects.get(pk=job.params["unit_id"]), period.year)


def _open_chunk(job: Job, plan_ids: list[int]) -> None:
    """The chunk's action plans and their instances, created where missing, in a handful of
    statements (a running instance for one of them fails the chunk; the job machinery then
    goes one by one and reports who)."""
    period = PerformancePeriod.objects.get(pk=job.params["period_id"])
    plans = list(PerformancePlan.objects.filter(pk__in=plan_ids).select_related(
        "employee__unit", "employee__rater__rater", "employee__user"))
    existing = {a.plan_id: a for a in ActionPlan.objects.filter(plan__in=plans, period=period)}
    created = ActionPlan.objects.bulk_create([ActionPlan(plan=plan, period=period)
                                              for plan in plans if plan.pk not in existing])
    existing.update({a.plan_id: a for a in created})
    by_plan = {plan.pk: plan for plan in plans}
    waiting = [existing[plan.pk] for plan in plans if existing[plan.pk].process_instance_id is None]
    if not waiting:
        return
    instances = workflow.processes_start_many(key=ACTION_PLAN_PROCESS, requests=[
        workflow.StartRequest(by_plan[action_plan.plan_id].employee,
                              {"periodId": str(period.pk), "actionPlanId": action_plan.pk},
                              Binding(ACTION_PLAN_BINDING, action_plan.pk))
        for action_plan in waiting])
    for action_plan, instance in zip(waiting, instances, strict=True):
        action_plan.process_instance = instance
    ActionPlan.objects.bulk_update(waiting, ["process_instance"])
    PlanEvent.objects.bulk_create([PlanEvent(plan=by_plan[a.plan_id], actor=job.created_by, kind="ACTION_PLAN_OPENED",
                                             data={"actionPlanId": a.pk, "period": str(period)}) for a in created])


def register_job() -> None:
    """Called from DailyConfig.ready()."""
    performance.register_job(OPEN_JOB, items=_open_items, chunk=_open_chunk, owners=performance.plan_owners)


# --- drafting ------------------------------------------------------------------------------------

def audit(action_plan: ActionPlan, actor, kind: str, data: dict | None = None) -> None:
    """R-AUDIT: action plans are part of the SKP's history."""
    history.record(plan=action_plan.plan, actor=actor, kind=kind,
                   data={"actionPlanId": action_plan.pk, "period": str(action_plan.period), **(data or {})})


def _locked(action_plan: ActionPlan) -> ActionPlan:
    return (ActionPlan.objects.select_for_update(of=("self",)).select_related("plan__employee", "period")
            .get(pk=action_plan.pk))


def _require_drafting(actor: User, action_plan: ActionPlan) -> None:
    """Only the employee holding the action plan's open drafting task may change its items."""
    if action_plan.plan.employee.user_id != actor.pk or action_plan.process_instance_id is None or \
            not workflow_selectors.holds_open_task(actor, action_plan.process_instance_id, "draft"):
        raise Forbidden(_("The action plan can only be edited by its employee while the drafting task is open."))


def _item_fields(text: str, target: str, unit: str) -> tuple[str, str, str]:
    text, target, unit = (text or "").strip(), (target or "").strip(), (unit or "").strip()
    fields = {}
    if not text:
        fields["text"] = _("required")
    elif len(text) > TEXT_MAX:
        fields["text"] = _("at most %(n)d characters") % {"n": TEXT_MAX}
    if not target:
        fields["target"] = _("required")
    elif len(target) > TARGET_MAX:
        fields["target"] = _("at most %(n)d characters") % {"n": TARGET_MAX}
    if len(unit) > UNIT_MAX:
        fields["unit"] = _("at most %(n)d characters") % {"n": UNIT_MAX}
    if fields:
        raise BadInput(fields=fields)
    return text, target, unit


@transaction.atomic
def action_item_upsert(*, actor: User, action_plan: ActionPlan, item_id: int | None,
                       work_result_id: int, text: str, target: str, unit: str = "") -> ActionPlanItem:
    """The drafting employee adds or changes an action under a work result of the action plan's
    own SKP. Any other work result (another plan's, another year's) answers like a missing id."""
    action_plan = _locked(action_plan)
    _require_drafting(actor, action_plan)
    text, target, unit = _item_fields(text, target, unit)
    work_result = action_plan.plan.work_results.filter(pk=work_result_id).first()
    item: ActionPlanItem | None
    if item_id is None:
        position = (action_plan.items.aggregate(m=Max("position"))["m"] or 0) + 1
        item = ActionPlanItem(action_plan=action_plan, position=position)
    else:
        item = action_plan.items.filter(pk=item_id).first()
    if work_result is None or item is None:
        raise NotFound()
    item.work_result, item.text, item.target, item.unit = work_result, text, target, unit
    item.save()
    audit(action_plan, actor, "ACTION_ITEM_SAVED", {"itemId": item.pk, "workResultId": work_result.pk,
                                                   "text": text, "target": target, "unit": unit})
    return item


@transaction.atomic
def action_item_delete(*, actor: User, item: ActionPlanItem) -> None:
    action_plan = _locked(item.action_plan)
    _require_drafting(actor, action_plan)
    audit(action_plan, actor, "ACTION_ITEM_DELETED", {"itemId": item.pk, "text": item.text})
    item.delete()


# --- the process's steps (called by handlers.py inside the step's transaction) --------------------

def _for_step(actor: User | None, action_plan_id: int, role: str) -> ActionPlan:
    """The bound action plan, locked, once the person completing the step holds ``role`` towards
    its employee (performance.steps.require_role: the regulation names who acts)."""
    action_plan = (ActionPlan.objects.select_for_update(of=("self",))
                   .select_related("plan__employee__unit", "plan__employee__rater__rater", "period")
                   .get(pk=action_plan_id))
    require_role(actor=actor, employee=action_plan.plan.employee, role=role)
    return action_plan


@transaction.atomic(savepoint=False)
def action_plan_submit(*, actor: User | None, action_plan_id: int, notes: str) -> ActionPlan:
    """The employee submits: at least one action, each under a work result of the action plan's own SKP."""
    action_plan = _for_step(actor, action_plan_id, EMPLOYEE)
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
    audit(action_plan, actor, "ACTION_PLAN_SUBMITTED", {"notes": notes})
    return action_plan


@transaction.atomic(savepoint=False)
def action_plan_return(*, actor: User | None, action_plan_id: int, notes: str) -> ActionPlan:
    """The rater sends it back to the employee with notes (REVISE)."""
    action_plan = _for_step(actor, action_plan_id, RATER)
    action_plan.status, action_plan.revision_notes = ActionPlanStatus.DRAFT, notes
    action_plan.save(update_fields=["status", "revision_notes"])
    audit(action_plan, actor, "ACTION_PLAN_RETURNED", {"notes": notes})
    return action_plan


@transaction.atomic(savepoint=False)
def action_plan_approve(*, actor: User | None, action_plan_id: int) -> ActionPlan:
    """The rater approves."""
    action_plan = _for_step(actor, action_plan_id, RATER)
    assert actor is not None  # _for_step (require_role) refuses a step without a person
    action_plan.status, action_plan.approved_at, action_plan.revision_notes = (
        ActionPlanStatus.APPROVED, timezone.now(), "")
    # HR acting for a rater outside the system (the Sekda's) has no employee record: None.
    action_plan.approved_by = org.employee_of(actor)
    action_plan.save(update_fields=["status", "approved_at", "approved_by", "revision_notes"])
    audit(action_plan, actor, "ACTION_PLAN_APPROVED")
    return action_plan
