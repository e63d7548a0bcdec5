"""R-CASCADE: every work result hangs off the organization.

An employee whose rater has an SKP for the same year references at least one work result of
that SKP in each of their own; anyone else (a top official, or an employee whose rater is
outside the opened units) references an organizational goal of their unit or a unit above it.
Each work result needs at least one indicator. Returns the problems, one per offending result.
"""
from __future__ import annotations

from enum import Enum
from typing import Final

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from .models import Indicator, OrgGoal, PerformancePlan, WorkResult


def supervisor_plan(plan: PerformancePlan) -> PerformancePlan | None:
    rater_id = plan.rater_id_of_record
    if rater_id is None:
        return None
    try:  # get(), not first(): first() would order by the model's ordering, a join on employee
        return PerformancePlan.objects.get(employee_id=rater_id, year=plan.year)
    except PerformancePlan.DoesNotExist:
        return None


def parents_allowed(plan: PerformancePlan) -> QuerySet[WorkResult]:
    """What a work result of the plan may support: the rater's work results of the same year."""
    upper = supervisor_plan(plan)
    return upper.work_results.all() if upper else WorkResult.objects.none()


def goals_allowed(plan: PerformancePlan) -> QuerySet[OrgGoal]:
    """The organizational goals of the employee's unit, or of a unit above it, for the year."""
    return OrgGoal.objects.filter(year=plan.year, unit_id__in=plan.employee.unit.ancestor_ids)


class NotLoaded(Enum):
    """The type of NOT_LOADED: "not read yet", told apart from None ("there is none")."""
    NOT_LOADED = "NOT_LOADED"


NOT_LOADED: Final = NotLoaded.NOT_LOADED


def cascade_problems(plan: PerformancePlan, upper: PerformancePlan | None | NotLoaded = NOT_LOADED) -> list[dict]:
    """``upper``: the rater's plan, when the caller has it already."""
    # Two queries on the hot path of every approval: the results with a has-indicator flag, and
    # only the plan ids of their parents (no indicator or parent rows built).
    results = list(plan.work_results.select_related("org_goal__unit")
                   .annotate(has_indicator=Exists(Indicator.objects.filter(work_result=OuterRef("pk"))))
                   .prefetch_related(Prefetch("parents", queryset=WorkResult.objects.only("plan_id").order_by())))
    if not results:
        return [{"workResultId": None, "message": _("The plan has no work results yet.")}]
    if upper is NOT_LOADED:
        upper = supervisor_plan(plan)
    unit_path = plan.employee.unit.path
    problems = []
    for result in results:
        if upper is not None:
            parents = list(result.parents.all())
            if not parents:
                problems.append(_problem(result, _("it supports none of the rater's work results")))
            elif any(p.plan_id != upper.pk for p in parents):
                problems.append(_problem(result, _("it names a work result that is not in the rater's plan for this year")))
        else:
            goal: OrgGoal | None = result.org_goal
            if goal is None:
                problems.append(_problem(result, _("it supports no organizational goal")))
            elif goal.year != plan.year or not unit_path.startswith(goal.unit.path):
                problems.append(_problem(result, _("its organizational goal is not one of this unit for this year")))
        if not result.has_indicator:
            problems.append(_problem(result, _("it has no indicator")))
    return problems


def _problem(result: WorkResult, reason: str) -> dict:
    return {"workResultId": result.pk, "text": result.text[:80], "message": reason}
