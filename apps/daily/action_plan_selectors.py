"""Reads of quarterly action plans (R-ACTION), scoped to the viewer: whoever may see the SKP
sees its action plans (performance.selectors.plans_visible_to). ``plans``: plans_visible_to
the viewer, when the caller has it (its role look-ups then run once)."""
from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

from apps.performance import selectors as performance_selectors
from apps.performance.models import PerformancePlan

from .models import ActionPlan, ActionPlanItem


def action_plans_visible_to(user: User, plans: QuerySet[PerformancePlan] | None = None
                            ) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(performance_selectors.visible_plan_condition(user, "plan", plans))


def action_plans_for_change(user: User) -> QuerySet[ActionPlan]:
    """The visible action plans, with the SKP's owner joined (what the services check)."""
    return action_plans_visible_to(user).select_related("plan__employee")


def action_plans_of(plan: PerformancePlan) -> QuerySet[ActionPlan]:
    """The SKP's action plans, by quarter."""
    return ActionPlan.objects.filter(plan=plan).order_by("period__number", "pk")


def action_items_visible_to(user: User) -> QuerySet[ActionPlanItem]:
    return ActionPlanItem.objects.filter(performance_selectors.visible_plan_condition(user, "action_plan__plan"))
