"""Reads of the performance cycle."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import cast

from django.contrib.auth.models import User
from collections.abc import Callable

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from apps.organization import selectors as org
from apps.organization.models import OrgUnit
from apps.workflow.models import ProcessInstanceUserObjectPermission

from . import rules
from .models import (
    DevelopmentPlanItem,
    Evaluation,
    EvaluationMeeting,
    EvaluationStatus,
    Indicator,
    Job,
    OrgGoal,
    PerformancePeriod,
    PerformancePlan,
    PlanStatus,
    Realization,
    SatisfactionSurvey,
    UnitOrgRating,
    WorkResult,
)


def satisfaction_index_for(unit: OrgUnit, year: int) -> rules.SatisfactionResult | None:
    """R-IKM over every response the unit collected in the year (1 query), or None."""
    responses = [r for batch in SatisfactionSurvey.objects.filter(unit=unit, year=year).values_list("responses", flat=True)
                 for r in batch]
    return rules.satisfaction_index(responses) if responses else None


def rated_in_subtree(unit: OrgUnit, period: PerformancePeriod) -> QuerySet[Evaluation]:
    """R-DIST's population: the evaluations of the period with a predicate, final or not yet,
    of the employees of the unit and of every unit below it. Every distribution reads it — the
    distributionCheck query, the annual rating (steps.annual_rating_send_for_approval), the
    documents — so that all count alike."""
    return Evaluation.objects.filter(period=period, predicate__isnull=False,
                                     plan__employee__unit__path__startswith=unit.path)


def predicates_in_subtree(unit: OrgUnit, period: PerformancePeriod, *, excluding: int | None = None) -> list[str]:
    """The predicates of rated_in_subtree (1 query); ``excluding``: an evaluation left out (the
    one being rated, counted with its new predicate by the caller)."""
    rated = rated_in_subtree(unit, period)
    if excluding is not None:
        rated = rated.exclude(pk=excluding)
    # rated_in_subtree keeps only evaluations with a predicate.
    return cast("list[str]", list(rated.values_list("predicate", flat=True)))


def distribution_check(*, unit: OrgUnit, period: PerformancePeriod) -> tuple[str | None, dict, list]:
    """R-DIST for the unit's employees (its subtree) with a predicate in the period (2 queries):
    the unit's organizational rating, the count of each predicate, the rules it breaks."""
    org_rating = UnitOrgRating.objects.filter(unit=unit, period=period).values_list("rating", flat=True).first()
    counts, violations = rules.distribution_summary(org_rating, predicates_in_subtree(unit, period))
    return org_rating, counts, violations


def plans_visible_to(user: User) -> QuerySet[PerformancePlan]:
    """The employee their own; the rater and rater's supervisor those they rate or approve, also
    after the relation changes for what they already acted on; HR their units.

    To scope another queryset by it, filter with visible_plan_condition, never with
    ``plan__in=plans_visible_to(...)``: on PostgreSQL an IN over this queryset becomes a hashed
    subplan over every plan (160–640 ms at 100,000 employees whatever the rows asked, README
    "Daily progress at 100,000 employees"); the correlated EXISTS looks up only the rows asked."""
    if user.is_superuser:
        return PerformancePlan.objects.all()
    acted = ProcessInstanceUserObjectPermission.objects.filter(
        content_object=OuterRef("process_instance_id"), user=user, permission__codename="view_processinstance")
    condition = (Q(employee__user=user) | Q(employee__rater__user=user) | Q(employee__rater__rater__user=user)
                 | Q(Exists(acted)))
    if org.is_performance_admin(user):
        condition |= Q(employee__unit__in=org.units_managed_by(user))
    return PerformancePlan.objects.filter(condition)


def _field(path: str, name: str) -> str:
    """``name`` of the row that ``path`` reaches ("pk": the filtered row itself)."""
    return name if path == "pk" else f"{path}__{name}"


def visible_plan_condition(user: User, path: str = "plan",
                           plans: QuerySet[PerformancePlan] | None = None) -> Exists:
    """A ``.filter()`` argument keeping the rows whose plan (reached by ``path``; "pk" for plans
    themselves) the viewer may see — plans_visible_to as a correlated EXISTS. ``plans``:
    plans_visible_to(user), when the caller has it (its role look-ups then run once)."""
    plans = plans_visible_to(user) if plans is None else plans
    return Exists(plans.filter(pk=OuterRef(path)))


def visible_work_result_condition(user: User, path: str = "pk",
                                  plans: QuerySet[PerformancePlan] | None = None) -> Q:
    """A ``.filter()`` argument keeping the rows whose work result (reached by ``path``; "pk" for
    work results themselves) the viewer may see (work_results_visible_to), as correlated EXISTS."""
    plans = plans_visible_to(user) if plans is None else plans
    employee = OuterRef(_field(path, "plan__employee"))
    # The rater as cascade.supervisor_plan reads it: the plan's recorded rater, else the employee's.
    rated_by_owner = plans.filter(year=OuterRef(_field(path, "plan__year"))).filter(
        Q(rater_id=employee) | Q(rater__isnull=True, employee__rater_id=employee))
    return Q(Exists(plans.filter(pk=OuterRef(_field(path, "plan"))))) | Q(Exists(rated_by_owner))


def work_results_visible_to(user: User,
                            plans: QuerySet[PerformancePlan] | None = None) -> QuerySet[WorkResult]:
    """Those of the plans the viewer may see (``plans``: plans_visible_to, when the caller has
    it), and those of the rater's plan of the same year of any such plan — what a subordinate
    cascades from (R-CASCADE). Only the work result itself and its indicators: its feedback and
    realizations stay with its plan (see feedback/realizations scoping in the schema). To scope
    another queryset by it, filter with visible_work_result_condition (see plans_visible_to)."""
    return WorkResult.objects.filter(visible_work_result_condition(user, "pk", plans))


def approved_plan_ids(unit: OrgUnit, year: int) -> list[int]:
    """The approved SKPs of the year in the unit's subtree, top-down: what a quarter's processes
    (periodic review, action plans) are started for (1 query)."""
    return list(PerformancePlan.objects.filter(year=year, status=PlanStatus.APPROVED,
                                               employee__unit__path__startswith=unit.path)
                .order_by("employee__unit__depth", "pk").values_list("pk", flat=True))


def may_read_meetings(user: User, unit: OrgUnit) -> bool:
    """Who may read a unit's evaluation meetings (minutes, attendees, agreed actions): whoever
    may see its aggregates (HR of the unit, leaders of the unit or above — as unitPerformance),
    and the meeting's own audience, the staff of the unit and of the units below it. Anyone else
    gets NOT_FOUND, as from unitPerformance."""
    if may_see_unit_aggregates(user, unit):
        return True
    me = org.employee_of(user)
    return me is not None and me.unit.path.startswith(unit.path)


def parse_number(value: str) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", ".").strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        return None


def progress_of(plan: PerformancePlan) -> list[dict]:
    """Per work result and indicator: target, latest realization, percent (4 queries)."""
    results = list(plan.work_results.prefetch_related("indicators"))
    latest: dict[int, Realization] = {}
    for recorded in (Realization.objects.filter(indicator__work_result__plan=plan)
                     .select_related("period").order_by("period__ends_on", "recorded_at")):
        latest[recorded.indicator_id] = recorded
    rows = []
    for result in results:
        for indicator in result.indicators.all():
            realization = latest.get(indicator.pk)
            target, value = parse_number(indicator.target), parse_number(realization.value) if realization else None
            percent = (value * 100 / target).quantize(Decimal("0.01")) if target and value is not None else None
            rows.append({"work_result": result, "indicator": indicator, "realization": realization, "percent": percent})
    return rows


def unit_performance(unit: OrgUnit, year: int) -> dict:
    """Aggregates of a unit's subtree for a year, in a constant number of queries (5)."""
    plans = PerformancePlan.objects.filter(year=year, employee__unit__path__startswith=unit.path)
    by_status = dict(plans.values_list("status").annotate(n=Count("pk")))
    overdue = plans.filter(is_overdue=True).count()
    predicates = dict(Evaluation.objects.filter(plan__in=plans, predicate__isnull=False, status=EvaluationStatus.FINAL)
                      .values_list("predicate").annotate(n=Count("pk")))
    ikm = satisfaction_index_for(unit, year)
    meetings = EvaluationMeeting.objects.filter(unit__path__startswith=unit.path, period__year=year).count()
    return {"plans_by_status": by_status, "overdue": overdue, "predicates": predicates, "ikm": ikm,
            "meetings": meetings}


def readable_unit(user: User, unit_pk: int) -> OrgUnit | None:
    """The unit whose aggregates the viewer may read (may_see_unit_aggregates), else None —
    the same answer for a unit that does not exist and one the viewer has no business with."""
    unit = OrgUnit.objects.filter(pk=unit_pk).first()
    return unit if unit is not None and may_see_unit_aggregates(user, unit) else None


def may_see_unit_aggregates(user: User, unit: OrgUnit) -> bool:
    """HR of the unit, and the leaders of the unit or of any unit above it. Used for every
    read of a unit's figures — unitPerformance, distributionCheck (its predicate counts reveal
    single ratings in a small unit) — and anyone else gets NOT_FOUND."""
    if org.manages_unit(user, unit):
        return True
    return OrgUnit.objects.filter(pk__in=unit.ancestor_ids, leader__user=user).exists()


# --- what the GraphQL resolvers read, each already scoped to the viewer ------------------------
# ``plans``: plans_visible_to(user), when the caller has it (its role look-ups then run once).

def scope_to_visible_plans(queryset: QuerySet, user: User, path: str = "plan",
                           plans: QuerySet[PerformancePlan] | None = None) -> QuerySet:
    """``queryset`` narrowed to the rows whose plan (reached by ``path``; "pk" for plans) the
    viewer may see: what every type holding anything of a plan scopes its rows by."""
    return queryset.filter(visible_plan_condition(user, path, plans))


def scope_to_visible_work_results(queryset: QuerySet, user: User, path: str = "pk",
                                  plans: QuerySet[PerformancePlan] | None = None) -> QuerySet:
    """``queryset`` narrowed to the rows whose work result (reached by ``path``) the viewer may
    see (work_results_visible_to)."""
    return queryset.filter(visible_work_result_condition(user, path, plans))


def plans_for_change(user: User) -> QuerySet[PerformancePlan]:
    """The plans the viewer may see, with what the services changing one check (owner, unit,
    position, rater) joined."""
    return plans_visible_to(user).select_related("employee__unit", "employee__position", "rater")


def may_see_plan(user: User, pk: int) -> bool:
    return plans_visible_to(user).filter(pk=pk).exists()


def own_plans(user: User, year: int) -> QuerySet[PerformancePlan]:
    """The viewer's own plan of the year (at most one)."""
    return PerformancePlan.objects.filter(employee__user=user, year=year)


def plans_filtered(user: User, *, year: int | None = None, unit: OrgUnit | None = None,
                   employee_id: int | None = None, status: str | None = None,
                   plans: QuerySet[PerformancePlan] | None = None) -> QuerySet[PerformancePlan]:
    """performancePlans: the visible plans by year and name, narrowed by year, a unit's subtree,
    an employee and a status."""
    qs = plans_visible_to(user) if plans is None else plans
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(employee__unit__path__startswith=unit.path)
    if employee_id is not None:
        qs = qs.filter(employee_id=employee_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("year", "employee__name", "pk")


RATER_PLANS, RATER_RESULTS = "rater_plans", "rater_plan_results"


def rater_results_prefetch(user: User, rater: str, plans: QuerySet[PerformancePlan],
                           prepare: Callable[[QuerySet], QuerySet]) -> Prefetch:
    """The rater's work results of a whole list of plans at once (supervisorWorkResults): the
    plans of the raters reached by ``rater`` (every year; the caller keeps the plan's own), each
    with its work results scoped as work_results_visible_to and passed through ``prepare`` (the
    optimizer, for the selection). Through the employee's current rater, only the plans some SKP
    without a recorded rater falls back to (usually none: one query)."""
    results = prepare(WorkResult.objects.filter(visible_work_result_condition(user, "pk", plans)))
    rater_plans = PerformancePlan.objects.only("id", "employee_id", "year").order_by().prefetch_related(
        Prefetch("work_results", queryset=results, to_attr=RATER_RESULTS))
    if rater != "rater":
        rater_plans = rater_plans.filter(Exists(PerformancePlan.objects.filter(
            rater__isnull=True, employee__rater_id=OuterRef("employee_id"), year=OuterRef("year"))))
    return Prefetch(f"{rater}__plans", queryset=rater_plans, to_attr=RATER_PLANS)


def supervisor_work_results(plan: PerformancePlan) -> list[WorkResult] | QuerySet[WorkResult]:
    """The rater's work results of the plan's year, the rater as cascade.supervisor_plan reads it
    (recorded on the SKP, else the employee's): from rater_results_prefetch where a list loaded
    them, else (a mutation's answer) a queryset, for the caller's type to scope."""
    holder = plan if plan.rater_id else plan.employee
    if holder.rater_id is None:
        return []
    if type(holder).rater.is_cached(holder) and hasattr(holder.rater, RATER_PLANS):
        return [r for rater_plan in getattr(holder.rater, RATER_PLANS) if rater_plan.year == plan.year
                for r in getattr(rater_plan, RATER_RESULTS)]
    return WorkResult.objects.filter(plan__employee_id=holder.rater_id, plan__year=plan.year)


def work_results_for_change(user: User) -> QuerySet[WorkResult]:
    """The work results of the plans the viewer may see, with the plan's owner joined."""
    return WorkResult.objects.filter(visible_plan_condition(user)).select_related("plan__employee")


def indicators_for_change(user: User) -> QuerySet[Indicator]:
    """The indicators of the plans the viewer may see, with plan, owner and unit joined."""
    return Indicator.objects.select_related("work_result__plan__employee__unit").filter(
        visible_plan_condition(user, "work_result__plan"))


def org_goals_for(unit: OrgUnit, year: int) -> QuerySet[OrgGoal]:
    """The goals of the unit and of every unit above it (what its work can support), top down."""
    return OrgGoal.objects.filter(unit_id__in=unit.ancestor_ids, year=year).order_by("unit__depth", "pk")


def jobs_visible_to(user: User) -> QuerySet[Job]:
    """A superuser every job; anyone else the jobs they started."""
    return Job.objects.all() if user.is_superuser else Job.objects.filter(created_by=user)


def periods() -> QuerySet[PerformancePeriod]:
    """Review periods are reference data."""
    return PerformancePeriod.objects.all()


def periods_of_year(year: int) -> QuerySet[PerformancePeriod]:
    return PerformancePeriod.objects.filter(year=year).order_by("kind", "number")


def evaluations_visible_to(user: User,
                           plans: QuerySet[PerformancePlan] | None = None) -> QuerySet[Evaluation]:
    """The evaluations of the plans the viewer may see."""
    return Evaluation.objects.filter(visible_plan_condition(user, "plan", plans))


def evaluations_of(plan: PerformancePlan) -> QuerySet[Evaluation]:
    """A plan's evaluations, periodic and annual, side by side (R-ANNUAL)."""
    return Evaluation.objects.filter(plan=plan).order_by("period__kind", "period__number")


def plan_realizations(user: User, plan_id: int,
                      plans: QuerySet[PerformancePlan] | None = None) -> QuerySet[Realization]:
    """The realizations of a plan for every period, scoped to the viewer."""
    return Realization.objects.filter(visible_plan_condition(user, "indicator__work_result__plan", plans),
                                      indicator__work_result__plan_id=plan_id).order_by("pk")


def development_items(user: User, employee_id: int, year: int) -> QuerySet[DevelopmentPlanItem] | None:
    """The development items of an employee's plan of the year, or None when the viewer may not
    see that plan (or there is none)."""
    plan = plans_visible_to(user).filter(employee_id=employee_id, year=year).first()
    return None if plan is None else plan.development_items.all()


def own_progress(user: User, year: int) -> list[dict]:
    """progress_of the viewer's own plan of the year; none without one."""
    plan = own_plans(user, year).first()
    return [] if plan is None else progress_of(plan)


def meetings_readable_by(user: User, unit: OrgUnit, year: int) -> QuerySet[EvaluationMeeting] | None:
    """A unit's evaluation meetings of the year, or None when the viewer may not read them
    (may_read_meetings)."""
    if not may_read_meetings(user, unit):
        return None
    return EvaluationMeeting.objects.filter(unit=unit, period__year=year)


def predicate_of(result_rating: str, behavior_rating: str) -> rules.Predicate:
    """R-MATRIX, for a preview."""
    return rules.predicate(result_rating, behavior_rating)


def satisfaction_index_of(survey: SatisfactionSurvey) -> rules.SatisfactionResult:
    """R-IKM over one survey's responses."""
    return rules.satisfaction_index(survey.responses)
