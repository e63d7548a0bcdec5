"""GraphQL for quarterly action plans (R-ACTION): read with the SKP (whoever may see the plan),
opened by HR for a unit, drafted by the employee while holding the drafting task. Submitting
and deciding go through ``completeTask`` with the form data, as for the SKP."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.types import Info

from apps.core.errors import NotFound
from apps.daily import action_plans as services
from apps.daily import models
from apps.performance import selectors as performance_selectors
from apps.performance.models import Job

from .context import require_user
from .documents import period_by_id
from .ids import decode_id
from .organization import EmployeeType, _one, _unit
from .performance import (
    JobType,
    PerformancePeriodType,
    PerformancePlanType,
    WorkResultType,
    _of_visible_plans,
    _plan,
    plan_visibility,
)
from .workflow import ProcessInstanceType, scoped

ActionPlanStatusEnum = strawberry.enum(models.ActionPlanStatus, name="ActionPlanStatus")


@strawberry_django.type(models.ActionPlanItem, name="ActionPlanItem")
class ActionPlanItemType(relay.Node):
    # Scoped like every work result: null only where it left the SKP (refused at submit).
    work_result: Optional[WorkResultType]
    text: str
    target: str
    unit: str
    position: int

    get_queryset = _of_visible_plans("action_plan__plan")


@strawberry_django.type(models.ActionPlan, name="ActionPlan")
class ActionPlanType(relay.Node):
    plan: PerformancePlanType
    period: PerformancePeriodType
    status: ActionPlanStatusEnum
    revision_notes: str = strawberry_django.field(description="The rater's notes when the plan was sent back.")
    items: list[ActionPlanItemType]
    process_instance: Optional[ProcessInstanceType] = strawberry_django.field(
        description="Null unless you may see the instance itself (processInstance).")
    approved_by: Optional[EmployeeType]
    approved_at: Optional[dt.datetime]
    created_at: dt.datetime

    get_queryset = _of_visible_plans("plan")


def bound_action_plan(info: Info, instance) -> models.ActionPlan | None:
    """ProcessInstance.actionPlan: the action plan the instance is bound to, if the viewer may see its SKP."""
    if instance.bound_kind != services.ACTION_PLAN_BINDING:
        return None
    return models.ActionPlan.objects.filter(plan_visibility(info), pk=instance.bound_id).first()


@strawberry.input
class ActionItemInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="Set to change an existing action.")
    work_result_id: strawberry.ID = strawberry.field(description="A work result of the action plan's own SKP.")
    text: str
    target: str
    unit: str = ""


def _action_plan(user, action_plan_id: strawberry.ID) -> models.ActionPlan:
    action_plan = services.action_plans_visible_to(user).select_related("plan__employee").filter(
        pk=decode_id(action_plan_id, "ActionPlan")).first()
    if action_plan is None:
        raise NotFound()
    return action_plan


@strawberry.type
class ActionPlanQuery:
    @strawberry_django.field(description="R-ACTION: the SKP's quarterly action plans, by quarter.")
    def action_plans(self, info: Info, plan_id: strawberry.ID) -> list[ActionPlanType]:
        plan = _plan(require_user(info), plan_id)
        return scoped(models.ActionPlan.objects.filter(plan=plan).order_by("period__number", "pk"))

    @strawberry_django.field
    def action_plan(self, info: Info, id: strawberry.ID) -> ActionPlanType:
        action_plans = models.ActionPlan.objects.filter(plan_visibility(info), pk=decode_id(id, "ActionPlan"))
        return _one(action_plans, info)


@strawberry.type
class ActionPlanMutation:
    @strawberry.mutation(description="HR: open a quarter's action plans for the approved SKPs of a unit and its "
                                     "sub-units (a background job).")
    def open_action_plans(self, info: Info, period_id: strawberry.ID, unit_id: strawberry.ID) -> JobType:
        job = services.action_plans_open(actor=require_user(info), period=period_by_id(period_id), unit=_unit(unit_id))
        return Job.objects.get(pk=job.pk)

    @strawberry.mutation(description="The employee, while drafting: add or change an action under a work result.")
    def upsert_action_item(self, info: Info, action_plan_id: strawberry.ID,
                           input: ActionItemInput) -> ActionPlanItemType:
        user = require_user(info)
        item = services.action_item_upsert(
            actor=user, action_plan=_action_plan(user, action_plan_id),
            item_id=decode_id(input.id, "ActionPlanItem") if input.id else None,
            work_result_id=decode_id(input.work_result_id, "WorkResult"),
            text=input.text, target=input.target, unit=input.unit)
        return models.ActionPlanItem.objects.get(pk=item.pk)

    @strawberry.mutation(description="The employee, while drafting: remove an action.")
    def delete_action_item(self, info: Info, id: strawberry.ID) -> bool:
        user = require_user(info)
        item = models.ActionPlanItem.objects.filter(
            performance_selectors.visible_plan_condition(user, "action_plan__plan"),
            pk=decode_id(id, "ActionPlanItem")).first()
        if item is None:
            raise NotFound()
        services.action_item_delete(actor=user, item=item)
        return True
