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

from apps.daily import action_plan_selectors as selectors
from apps.daily import action_plans as services
from apps.daily import models

from . import common
from .common import scoped, visible_plans
from .context import require_user
from .ids import decode_id
from .organization import EmployeeType
from .performance import JobType, PerformancePeriodType, PerformancePlanType, WorkResultType, of_visible_plans
from .workflow import ProcessInstanceType

ActionPlanStatusEnum = strawberry.enum(models.ActionPlanStatus, name="ActionPlanStatus")


@strawberry_django.type(models.ActionPlanItem, name="ActionPlanItem")
class ActionPlanItemType(relay.Node):
    # Scoped like every work result: null only where it left the SKP (refused at submit).
    work_result: Optional[WorkResultType]
    text: str
    target: str
    unit: str
    position: int

    get_queryset = of_visible_plans("action_plan__plan")


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

    get_queryset = of_visible_plans("plan")


def bound_action_plan(info: Info, instance) -> models.ActionPlan | None:
    """ProcessInstance.actionPlan: the action plan the instance is bound to, if the viewer may see its SKP."""
    if instance.bound_kind != services.ACTION_PLAN_BINDING:
        return None
    action_plans = selectors.action_plans_visible_to(require_user(info), visible_plans(info))
    return common.row_or_none(action_plans, instance.bound_id)


@strawberry.input
class ActionItemInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="Set to change an existing action.")
    work_result_id: strawberry.ID = strawberry.field(description="A work result of the action plan's own SKP.")
    text: str
    target: str
    unit: str = ""


@strawberry.type
class ActionPlanQuery:
    @strawberry_django.field(description="R-ACTION: the SKP's quarterly action plans, by quarter.")
    def action_plans(self, info: Info, plan_id: strawberry.ID) -> list[ActionPlanType]:
        return scoped(selectors.action_plans_of(common.plan(require_user(info), plan_id)))

    @strawberry_django.field
    def action_plan(self, info: Info, id: strawberry.ID) -> ActionPlanType:
        action_plans = selectors.action_plans_visible_to(require_user(info), visible_plans(info))
        return common.node(info, action_plans, id, "ActionPlan")


@strawberry.type
class ActionPlanMutation:
    @strawberry.mutation(description="HR: open a quarter's action plans for the approved SKPs of a unit and its "
                                     "sub-units (a background job).")
    def open_action_plans(self, info: Info, period_id: strawberry.ID, unit_id: strawberry.ID) -> JobType:
        job = services.action_plans_open(actor=require_user(info), period=common.period(period_id),
                                         unit=common.unit(unit_id))
        return common.fresh(job)

    @strawberry.mutation(description="The employee, while drafting: add or change an action under a work result.")
    def upsert_action_item(self, info: Info, action_plan_id: strawberry.ID,
                           input: ActionItemInput) -> ActionPlanItemType:
        user = require_user(info)
        action_plan = common.lookup(selectors.action_plans_for_change(user), action_plan_id, "ActionPlan")
        item = services.action_item_upsert(
            actor=user, action_plan=action_plan,
            item_id=decode_id(input.id, "ActionPlanItem") if input.id else None,
            work_result_id=decode_id(input.work_result_id, "WorkResult"),
            text=input.text, target=input.target, unit=input.unit)
        return common.fresh(item)

    @strawberry.mutation(description="The employee, while drafting: remove an action.")
    def delete_action_item(self, info: Info, id: strawberry.ID) -> bool:
        user = require_user(info)
        item = common.lookup(selectors.action_items_visible_to(user), id, "ActionPlanItem")
        services.action_item_delete(actor=user, item=item)
        return True
