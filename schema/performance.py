"""GraphQL for the performance cycle: the predicate rules, public satisfaction (IKM), the
performance year, org goals and the SKP (work results, indicators, behaviour expectations)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
import strawberry_django
from django.db.models import QuerySet
from django.urls import reverse
from strawberry import relay
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON
from strawberry.types import Info
from strawberry_django.optimizer import OptimizerStore, optimize

from apps.core.errors import NotFound
from apps.organization import selectors as organization
from apps.performance import choices, models, selectors, services, suggestions

from . import common
from .accounts import UserType
from .common import scoped, visible_plans
from .context import context, require_user
from .documents import DocumentLink, evaluation_document, plan_document
from .ids import decode_id
from .organization import CursorConnection, EmployeeType, OrgUnitType
from .workflow import ProcessInstanceType

RatingEnum = strawberry.enum(choices.Rating, name="Rating")
PredicateEnum = strawberry.enum(choices.Predicate, name="Predicate")
OrgRatingEnum = strawberry.enum(choices.OrgRating, name="OrgRating")
SurveyElementEnum = strawberry.enum(choices.SurveyElement, name="SurveyElement")


@strawberry.type
class ElementScore:
    element: SurveyElementEnum
    score: float = strawberry.field(description="Mean answer (NRR, 1–4), two decimals.")


@strawberry.type
class SatisfactionIndex:
    score: float = strawberry.field(description="IKM = mean of the 9 NRRs × 25, two decimals.")
    category: str = strawberry.field(description="A, B, C or D (PermenPANRB 14/2017).")
    category_label: str
    respondents: int
    element_scores: list[ElementScore]

    @classmethod
    def of(cls, result) -> "SatisfactionIndex":
        """From R-IKM's result (selectors.satisfaction_index_for, satisfaction_index_of)."""
        return cls(score=float(result.score), category=result.category, category_label=result.category_label,
                   respondents=result.respondents,
                   element_scores=[ElementScore(element=choices.SurveyElement(k), score=float(v))
                                   for k, v in result.element_scores.items()])


@strawberry.type
class PerformanceQuery:
    @strawberry.field(description="R-MATRIX: the predicate that two ratings give.")
    def predicate_preview(self, info: Info, result_rating: RatingEnum, behavior_rating: RatingEnum) -> PredicateEnum:
        require_user(info)
        return selectors.predicate_of(result_rating, behavior_rating)

    @strawberry.field(description="R-IKM: the unit's public-satisfaction index for a year, over all its surveys.")
    def satisfaction_index(self, info: Info, unit_id: strawberry.ID, year: int) -> SatisfactionIndex | None:
        require_user(info)
        result = selectors.satisfaction_index_for(common.unit(unit_id), year)
        return SatisfactionIndex.of(result) if result else None


@strawberry.type
class PerformanceMutation:
    @strawberry.mutation(description="HR of the unit or its leader: record survey responses (9 answers 1–4 each).")
    def submit_satisfaction_survey(self, info: Info, unit_id: strawberry.ID, year: int,
                                   responses: list[list[int]]) -> SatisfactionIndex:
        survey = services.satisfaction_survey_submit(actor=require_user(info), unit=common.unit(unit_id), year=year,
                                                     responses=responses)
        return SatisfactionIndex.of(selectors.satisfaction_index_of(survey))


# --- the performance year and the SKP --------------------------------------------------------



# Visibility (docs/design.md, Permissions): each type holding anything of a plan scopes its rows to
# the plans the viewer may see, so that a nested path (a plan's supervisorWorkResults, a work
# result's parents or feedback, an evaluation's plan ...) never shows more than the roots.


def bound_plan(info: Info, instance) -> models.PerformancePlan | None:
    """ProcessInstance.plan: the plan the instance is bound to, if the viewer may see it."""
    if instance.bound_kind != services.PLAN_BINDING:
        return None
    return common.row_or_none(visible_plans(info), instance.bound_id)


def bound_evaluation(info: Info, instance) -> models.Evaluation | None:
    """ProcessInstance.evaluation: the evaluation the instance is bound to, if the viewer may see its plan."""
    if instance.bound_kind != services.EVALUATION_BINDING:
        return None
    evaluations = selectors.evaluations_visible_to(require_user(info), visible_plans(info))
    return common.row_or_none(evaluations, instance.bound_id)


def of_visible_plans(path: str):
    """A type's get_queryset: only the rows whose plan (reached by ``path``) the viewer may see."""
    def get_queryset(cls, queryset: QuerySet, info: Info, **kwargs) -> QuerySet:
        return selectors.scope_to_visible_plans(queryset, require_user(info), path, visible_plans(info))
    return classmethod(get_queryset)


def _of_visible_work_results(path: str):
    """A type's get_queryset: only the rows whose work result (reached by ``path``; "pk" for work
    results) the viewer may see (selectors.work_results_visible_to)."""
    def get_queryset(cls, queryset: QuerySet, info: Info, **kwargs) -> QuerySet:
        return selectors.scope_to_visible_work_results(queryset, require_user(info), path, visible_plans(info))
    return classmethod(get_queryset)


PlanStatusEnum = strawberry.enum(models.PlanStatus, name="PlanStatus")
WorkResultTypeEnum = strawberry.enum(models.WorkResultType, name="WorkResultType")
PerspectiveEnum = strawberry.enum(models.Perspective, name="Perspective")
AspectEnum = strawberry.enum(models.IndicatorAspect, name="IndicatorAspect")
IndicatorKindEnum = strawberry.enum(models.IndicatorKind, name="IndicatorKind")
CoreValueEnum = strawberry.enum(models.CoreValue, name="CoreValue")
GoalSourceEnum = strawberry.enum(models.GoalSource, name="GoalSource")
JobStatusEnum = strawberry.enum(models.JobStatus, name="JobStatus")
PeriodKindEnum = strawberry.enum(models.PeriodKind, name="PeriodKind")


@strawberry_django.type(models.OrgGoal, name="OrgGoal")
class OrgGoalType(relay.Node):
    unit: OrgUnitType
    year: int
    text: str
    source: GoalSourceEnum
    indicator: str
    target: str


@strawberry_django.type(models.Indicator, name="Indicator")
class IndicatorType(relay.Node):
    aspect: AspectEnum
    text: str
    target: str
    unit: str
    kind: IndicatorKindEnum

    # Also those of the rater's work results: targets are what a subordinate cascades from.
    get_queryset = _of_visible_work_results("work_result")


@strawberry_django.type(models.WorkResult, name="WorkResult")
class WorkResultType(relay.Node):
    text: str
    type: WorkResultTypeEnum
    perspective: str
    position: int
    org_goal: Optional[OrgGoalType]
    indicators: list[IndicatorType]
    parents: list["WorkResultType"] = strawberry_django.field(
        description="The rater's work results this one supports (RHK atasan yang diintervensi).")
    feedback: list["FeedbackType"] = strawberry_django.field(description="Continuous feedback from the rater.")

    get_queryset = _of_visible_work_results("pk")


@strawberry_django.type(models.Feedback, name="Feedback")
class FeedbackType:
    text: str
    given_by: Optional[EmployeeType]
    created_at: dt.datetime

    # With the plan only: a subordinate sees the rater's work results, not what she was told.
    get_queryset = of_visible_plans("work_result__plan")


@strawberry_django.type(models.BehaviorExpectation, name="BehaviorExpectation")
class BehaviorExpectationType:
    core_value: CoreValueEnum
    text: str

    get_queryset = of_visible_plans("plan")


@strawberry_django.type(models.PlanEvent, name="PlanEvent")
class PlanEventType:
    kind: str
    actor: Optional[UserType]
    data: JSON
    created_at: dt.datetime

    get_queryset = of_visible_plans("plan")


def _rater_results(info: Info, rater: str):
    """supervisorWorkResults of a whole list at once (selectors.rater_results_prefetch), scoped
    as WorkResultType scopes them and optimized for the selection."""
    return selectors.rater_results_prefetch(
        require_user(info), rater, visible_plans(info),
        lambda results: optimize(results, info, store=OptimizerStore.with_hints(only=["plan_id"])))


@strawberry_django.type(models.PerformancePlan, name="PerformancePlan")
class PerformancePlanType(relay.Node):
    year: int
    status: PlanStatusEnum
    employee: EmployeeType
    rater: Optional[EmployeeType]
    rater_supervisor: Optional[EmployeeType]
    rater_is_acting: bool
    revision_notes: str
    is_overdue: bool
    attachments: JSON
    work_results: list[WorkResultType]
    behavior_expectations: list[BehaviorExpectationType]
    history: list[PlanEventType] = strawberry_django.field(description="R-AUDIT: every change, oldest first.")
    process_instance: Optional[ProcessInstanceType] = strawberry_django.field(
        description="Null unless you may see the instance itself (processInstance).")
    approved_at: Optional[dt.datetime]

    get_queryset = of_visible_plans("pk")

    @strawberry_django.field(only=["year", "rater_id", "employee__rater_id", "rater__id", "employee__rater__id"],
                             select_related=["employee", "rater", "employee__rater"],
                             prefetch_related=[lambda info: _rater_results(info, "rater"),
                                               lambda info: _rater_results(info, "employee__rater")],
                             description="The rater's work results for this year, to cascade from.")
    def supervisor_work_results(self) -> list[WorkResultType]:
        return selectors.supervisor_work_results(self)

    @strawberry_django.field(only=["year", "employee__nip"], select_related=["employee"],
                             description="The SKP as PDF, following the PermenPANRB 6/2022 form (a draft is "
                                         "watermarked DRAFT).")
    def document(self) -> DocumentLink:
        return plan_document(self)


@strawberry_django.type(models.Job, name="Job")
class JobType(relay.Node):
    kind: str
    status: JobStatusEnum
    progress: int
    total: int
    errors: JSON
    created_at: dt.datetime
    finished_at: Optional[dt.datetime]


@strawberry.input
class PlanFilter:
    year: int | None = None
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="The unit and its sub-units.")
    employee_id: strawberry.ID | None = None
    status: PlanStatusEnum | None = None


@strawberry.input
class IndicatorInput:
    aspect: AspectEnum
    text: str
    target: str
    unit: str = ""
    kind: IndicatorKindEnum = IndicatorKindEnum.NORMAL


@strawberry.input
class WorkResultInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="Set to change an existing work result.")
    text: str
    type: WorkResultTypeEnum = WorkResultTypeEnum.UTAMA
    parent_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    org_goal_id: strawberry.ID | None = None
    perspective: PerspectiveEnum | None = None
    indicators: list[IndicatorInput] = strawberry.field(default_factory=list)


@strawberry.type
class PlanningQuery:
    @strawberry_django.field
    def performance_plan(self, info: Info, id: strawberry.ID) -> PerformancePlanType:
        return common.node(info, visible_plans(info), id, "PerformancePlan")

    @strawberry_django.field
    def my_plan(self, info: Info, year: int) -> Optional[PerformancePlanType]:
        user = require_user(info)
        # Optimized like every root, so that nested fields are scoped by their types.
        return common.first_or_none(info, selectors.own_plans(user, year))

    @strawberry_django.connection(CursorConnection[PerformancePlanType])
    def performance_plans(self, info: Info, filter: PlanFilter | None = None) -> QuerySet[models.PerformancePlan]:
        f = filter or PlanFilter()
        return scoped(selectors.plans_filtered(
            require_user(info), plans=visible_plans(info), year=f.year,
            unit=common.unit(f.unit_id) if f.unit_id else None,
            employee_id=decode_id(f.employee_id, "Employee") if f.employee_id else None, status=f.status))

    @strawberry_django.field
    def org_goals(self, info: Info, unit_id: strawberry.ID, year: int) -> list[OrgGoalType]:
        """The goals of the unit and of every unit above it (what its work can support)."""
        require_user(info)
        return selectors.org_goals_for(common.unit(unit_id), year)

    @strawberry_django.field
    def job(self, info: Info, id: strawberry.ID) -> JobType:
        return common.node(info, selectors.jobs_visible_to(require_user(info)), id, "Job")


@strawberry.type
class PlanningMutation:
    @strawberry.mutation(description="HR: open a year for a unit and its sub-units (a background job).")
    def open_performance_year(self, info: Info, year: int, unit_id: strawberry.ID) -> JobType:
        job = services.performance_year_open(actor=require_user(info), year=year, unit=common.unit(unit_id))
        return common.fresh(job)

    @strawberry.mutation(description="HR of the unit or its leader: record a goal (Renstra / Perjanjian Kinerja).")
    def upsert_org_goal(self, info: Info, unit_id: strawberry.ID, year: int, text: str, id: strawberry.ID | None = None,
                        source: GoalSourceEnum | None = None, indicator: str = "", target: str = "") -> OrgGoalType:
        goal = services.org_goal_upsert(actor=require_user(info), unit=common.unit(unit_id), year=year,
                                        goal_id=decode_id(id, "OrgGoal") if id else None, text=text,
                                        source=source.value if source else None, indicator=indicator, target=target)
        return common.fresh(goal)

    @strawberry.mutation(description="The employee, while drafting: add or change a work result with its indicators.")
    def upsert_work_result(self, info: Info, plan_id: strawberry.ID, input: WorkResultInput) -> WorkResultType:
        user = require_user(info)
        result = services.work_result_upsert(
            actor=user, plan=common.plan(user, plan_id),
            work_result_id=decode_id(input.id, "WorkResult") if input.id else None,
            text=input.text, type=input.type.value, parent_ids=[decode_id(p, "WorkResult") for p in input.parent_ids],
            org_goal_id=decode_id(input.org_goal_id, "OrgGoal") if input.org_goal_id else None,
            perspective=input.perspective.value if input.perspective else None,
            indicators=[{"aspect": i.aspect.value, "text": i.text, "target": i.target, "unit": i.unit,
                         "kind": i.kind.value} for i in input.indicators])
        return common.fresh(result)

    @strawberry.mutation
    def delete_work_result(self, info: Info, id: strawberry.ID) -> bool:
        user = require_user(info)
        result = common.lookup(selectors.work_results_for_change(user), id, "WorkResult")
        services.work_result_delete(actor=user, work_result=result)
        return True

    @strawberry.mutation(description="The employee, while drafting: the SKP's attachments (lampiran).")
    def set_plan_attachments(self, info: Info, plan_id: strawberry.ID, resources: list[str],
                             accountability: list[str], consequences: list[str]) -> PerformancePlanType:
        user = require_user(info)
        plan = services.plan_attachments_set(actor=user, plan=common.plan(user, plan_id), resources=resources,
                                             accountability=accountability, consequences=consequences)
        return common.reload(info, plan)

    @strawberry.mutation(description="The rater (or the drafting employee): the leader's expectation for a core value.")
    def set_behavior_expectation(self, info: Info, plan_id: strawberry.ID, core_value: CoreValueEnum,
                                 text: str) -> BehaviorExpectationType:
        user = require_user(info)
        return services.behavior_expectation_set(actor=user, plan=common.plan(user, plan_id),
                                                 core_value=core_value.value, text=text)




# --- periodic evaluation --------------------------------------------------------------------

EvaluationStatusEnum = strawberry.enum(models.EvaluationStatus, name="EvaluationStatus")


@strawberry_django.type(models.PerformancePeriod, name="PerformancePeriod")
class PerformancePeriodType(relay.Node):
    year: int
    kind: PeriodKindEnum
    number: int
    starts_on: dt.date
    ends_on: dt.date


@strawberry_django.type(models.Evidence, name="Evidence")
class EvidenceType(relay.Node):
    name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime

    @strawberry_django.field(only=["id"], description="Download address (for those who may see the plan).")
    def url(self) -> str:
        return reverse("evidence-download", args=[self.pk])

    get_queryset = of_visible_plans("realization__indicator__work_result__plan")


@strawberry_django.type(models.Realization, name="Realization")
class RealizationType(relay.Node):
    indicator: IndicatorType
    period: PerformancePeriodType
    value: str
    note: str
    evidence_links: JSON
    evidence_files: list[EvidenceType]
    deviation_reason: str = strawberry_django.field(
        description="Why the value differs from the one suggested by the approved daily progress (empty if not).")
    recorded_at: dt.datetime

    get_queryset = of_visible_plans("indicator__work_result__plan")


@strawberry.type(description="An indicator's realization as the approved daily progress of the period gives it: the "
                             "sum of the quantities of the approved entries that serve its work result, in its unit "
                             "(KUANTITAS indicators only).")
class SuggestedRealization:
    indicator: IndicatorType
    value: str = strawberry.field(description="The sum, a decimal as a string (\"12.5\").")
    output_unit: str
    entries: int = strawberry.field(description="How many approved entries were summed.")

    @classmethod
    def of(cls, suggestion: suggestions.Suggestion) -> "SuggestedRealization":
        return cls(indicator=suggestion.indicator, value=format(suggestion.value.normalize(), "f"),
                   output_unit=suggestion.output_unit, entries=suggestion.entries)


def _daily_outputs(info: Info, plan: models.PerformancePlan,
                   period: models.PerformancePeriod) -> suggestions.DailyOutputs:
    """The plan's approved daily outputs over the period's whole year, read once per request:
    the plan's other evaluations (quarters, annual) in the same answer are summed from them."""
    loaded = context(info).cache.setdefault("daily_outputs", {})
    outputs = loaded.get(plan.pk)
    if outputs is None or not outputs.covers(period):
        year = dt.date(period.year, 1, 1), dt.date(period.year, 12, 31)
        outputs = loaded[plan.pk] = suggestions.daily_outputs(
            [plan], min(year[0], period.starts_on), max(year[1], period.ends_on))
    return outputs


def _plan_realizations(info: Info, plan_id: int) -> dict[int, list[models.Realization]]:
    """The realizations of a plan for every period, by period id, read once per plan, request and
    place in the query (the evaluations of a plan share it), scoped as RealizationType scopes them
    and optimized for the selection at that place."""
    place = ".".join(key for key in info.path.as_list() if isinstance(key, str))
    loaded = context(info).cache.setdefault("realizations", {})
    if (plan_id, place) not in loaded:
        found = selectors.plan_realizations(require_user(info), plan_id, visible_plans(info))
        by_period = loaded[plan_id, place] = {}
        for realization in optimize(found, info, store=OptimizerStore.with_hints(only=["period_id"])):
            by_period.setdefault(realization.period_id, []).append(realization)
    return loaded[plan_id, place]


@strawberry_django.type(models.Evaluation, name="Evaluation")
class EvaluationType(relay.Node):
    plan: PerformancePlanType
    period: PerformancePeriodType
    status: EvaluationStatusEnum
    self_notes: str
    result_rating: Optional[RatingEnum]
    behavior_rating: Optional[RatingEnum]
    predicate: Optional[PredicateEnum]
    feedback: str
    behavior_feedback: JSON = strawberry_django.field(description="Feedback per core value: {AKUNTABEL: text, ...}.")
    result_feedback: JSON = strawberry_django.field(description="Feedback per work result: {workResultId: text}.")
    rated_by: Optional[EmployeeType]
    rated_as_acting: bool
    approved_by: Optional[EmployeeType]
    process_instance: Optional[ProcessInstanceType] = strawberry_django.field(
        description="Null unless you may see the instance itself (processInstance).")
    finalized_at: Optional[dt.datetime]
    override_reason: str = strawberry_django.field(description="Recorded when R-DIST was exceeded (annual).")
    credit_points: Optional[float] = strawberry_django.field(description="R-CREDIT, functional positions (annual).")

    get_queryset = of_visible_plans("plan")

    @strawberry_django.field(only=["period__year", "period__kind", "period__number", "plan__employee__nip"],
                             select_related=["period", "plan__employee"],
                             description="The evaluation as PDF, with signature blocks (annual: with the "
                                         "development plan).")
    def document(self) -> DocumentLink:
        return evaluation_document(self)

    @strawberry_django.field(only=["plan_id", "period_id"],
                             description="The recorded realizations of the period (one query per plan and "
                                         "request, however many of its evaluations are read).")
    def realizations(self, info: Info) -> list[RealizationType]:
        return _plan_realizations(info, self.plan_id).get(self.period_id, [])

    @strawberry_django.field(only=["plan__employee_id", "period__year", "period__starts_on", "period__ends_on"],
                             select_related=["plan", "period"],
                             description="Realizations suggested by the approved daily progress of the period, "
                                         "beside the recorded ones (one query per plan and request, however "
                                         "many of its evaluations are read).")
    def suggested_realizations(self, info: Info) -> list[SuggestedRealization]:
        # Seen with the evaluation: whoever may see it (its plan) may see these sums.
        found = _daily_outputs(info, self.plan, self.period).suggestions(self.plan_id, self.period)
        return [SuggestedRealization.of(s) for s in found.values()]


@strawberry.type
class PredicateCount:
    predicate: PredicateEnum
    count: int
    percent: float


@strawberry.type
class DistributionViolationType:
    rule: str
    message: str


@strawberry.type
class DistributionCheck:
    org_rating: Optional[OrgRatingEnum]
    counts: list[PredicateCount]
    violations: list[DistributionViolationType]


def _evaluation(user, evaluation_id: strawberry.ID) -> models.Evaluation:
    return common.lookup(selectors.evaluations_visible_to(user), evaluation_id, "Evaluation")


@strawberry.type
class EvaluationQuery:
    @strawberry_django.field
    def performance_periods(self, info: Info, year: int) -> list[PerformancePeriodType]:
        require_user(info)
        return selectors.periods_of_year(year)

    @strawberry_django.field
    def evaluation(self, info: Info, id: strawberry.ID) -> EvaluationType:
        evaluations = selectors.evaluations_visible_to(require_user(info), visible_plans(info))
        return common.node(info, evaluations, id, "Evaluation")

    @strawberry_django.field
    def evaluations(self, info: Info, plan_id: strawberry.ID) -> list[EvaluationType]:
        """The plan's evaluations, periodic and annual, side by side (R-ANNUAL)."""
        user = require_user(info)
        return scoped(selectors.evaluations_of(common.plan(user, plan_id)))

    @strawberry.field(description="R-DIST: the unit's predicate distribution against its organizational rating. "
                                  "For HR of the unit and the leaders above, as unitPerformance.")
    def distribution_check(self, info: Info, unit_id: strawberry.ID, period_id: strawberry.ID) -> DistributionCheck:
        # The counts of a small unit reveal single ratings: the readers of unitPerformance only.
        unit = common.readable_unit(info, unit_id)
        org_rating, counts, violations = selectors.distribution_check(unit=unit, period=common.period(period_id))
        total = sum(counts.values())
        return DistributionCheck(
            org_rating=choices.OrgRating(org_rating) if org_rating else None,
            counts=[PredicateCount(predicate=choices.Predicate(p), count=n,
                                   percent=round(n * 100 / total, 2) if total else 0.0) for p, n in counts.items()],
            violations=[DistributionViolationType(rule=v.rule, message=v.message) for v in violations])


@strawberry.input
class WorkResultFeedbackInput:
    work_result_id: strawberry.ID
    text: str


@strawberry.type
class EvaluationMutation:
    @strawberry.mutation(description="HR: open a review period for the approved plans of a unit and its sub-units.")
    def open_review_period(self, info: Info, period_id: strawberry.ID, unit_id: strawberry.ID) -> JobType:
        job = services.review_period_open(actor=require_user(info), period=common.period(period_id), unit=common.unit(unit_id))
        return common.fresh(job)

    @strawberry.mutation(description="The employee, during self-assessment: realization of an indicator with evidence "
                                     "(links, and/or PDF/PNG/JPEG files by multipart upload). A value other than the "
                                     "one the approved daily progress suggests (Evaluation.suggestedRealizations) "
                                     "needs a deviationReason.")
    def record_realization(self, info: Info, indicator_id: strawberry.ID, period_id: strawberry.ID, value: str,
                           note: str = "", evidence_links: list[str] | None = None,
                           evidence_files: list[Upload] | None = None,
                           deviation_reason: Optional[str] = None) -> RealizationType:
        user = require_user(info)
        indicator = common.lookup(selectors.indicators_for_change(user), indicator_id, "Indicator")
        realization = services.realization_record(actor=user, indicator=indicator, period=common.period(period_id),
                                                  value=value, note=note, evidence_links=evidence_links or [],
                                                  evidence_files=evidence_files or [],
                                                  deviation_reason=deviation_reason or "")
        return common.fresh(realization)

    @strawberry.mutation(description="The rater holding the rating task: ratings and feedback; the predicate follows R-MATRIX.")
    def rate_evaluation(self, info: Info, evaluation_id: strawberry.ID, result_rating: RatingEnum,
                        behavior_rating: RatingEnum, feedback: str = "",
                        behavior_feedback: JSON | None = None,
                        work_result_feedback: list["WorkResultFeedbackInput"] | None = None) -> EvaluationType:
        user = require_user(info)
        evaluation = services.evaluation_rate(
            actor=user, evaluation=_evaluation(user, evaluation_id), result_rating=result_rating.value,
            behavior_rating=behavior_rating.value, feedback=feedback, behavior_feedback=behavior_feedback or {},
            result_feedback={decode_id(f.work_result_id, "WorkResult"): f.text for f in work_result_feedback or []})
        return common.reload(info, evaluation)

    @strawberry.mutation(description="R-ORG: the parent unit's leader sets a unit's organizational rating.")
    def set_org_rating(self, info: Info, unit_id: strawberry.ID, period_id: strawberry.ID,
                       rating: OrgRatingEnum) -> OrgRatingEnum:
        record = services.org_rating_set(actor=require_user(info), unit=common.unit(unit_id), period=common.period(period_id),
                                         rating=rating.value)
        return choices.OrgRating(record.rating)



# --- feedback, meetings, dashboards -----------------------------------------------------------

@strawberry_django.type(models.EvaluationMeeting, name="EvaluationMeeting")
class EvaluationMeetingType(relay.Node):
    unit: OrgUnitType
    period: PerformancePeriodType
    held_at: dt.datetime
    attendees: list[EmployeeType]
    minutes: str
    actions: JSON
    created_at: dt.datetime
    # Reached only through evaluationMeetings (checked there, selectors.may_read_meetings) and
    # the recording mutation: no nested path leads here.


@strawberry.type
class IndicatorProgress:
    work_result_text: str
    indicator: IndicatorType
    target: str
    realization: Optional[str]
    percent: Optional[float] = strawberry.field(description="Realization ÷ target × 100 when both are numbers.")


@strawberry.type
class StatusCount:
    status: PlanStatusEnum
    count: int


@strawberry.type
class UnitPerformance:
    plans_by_status: list[StatusCount]
    overdue_plans: int
    predicate_distribution: list[PredicateCount]
    satisfaction: Optional[SatisfactionIndex]
    meetings_held: int


@strawberry_django.type(models.DevelopmentPlanItem, name="DevelopmentPlanItem")
class DevelopmentPlanItemType:
    need: str
    activity: str
    created_at: dt.datetime

    get_queryset = of_visible_plans("plan")


@strawberry.type
class MonitoringQuery:
    @strawberry_django.field(description="Competence development items from the annual follow-up.")
    def development_plan(self, info: Info, employee_id: strawberry.ID, year: int) -> list[DevelopmentPlanItemType]:
        items = selectors.development_items(require_user(info), decode_id(employee_id, "Employee"), year)
        if items is None:
            raise NotFound()
        return items

    @strawberry.field(description="Your progress for the year: per indicator, target, realization to date, percent.")
    def my_progress(self, info: Info, year: int) -> list[IndicatorProgress]:
        return [IndicatorProgress(work_result_text=row["work_result"].text, indicator=row["indicator"],
                                  target=row["indicator"].target,
                                  realization=row["realization"].value if row["realization"] else None,
                                  percent=float(row["percent"]) if row["percent"] is not None else None)
                for row in selectors.own_progress(require_user(info), year)]

    @strawberry.field(description="A unit's aggregates for the year: for HR of the unit and the leaders above.")
    def unit_performance(self, info: Info, unit_id: strawberry.ID, year: int) -> UnitPerformance:
        unit = common.readable_unit(info, unit_id)
        data = selectors.unit_performance(unit, year)
        total = sum(data["predicates"].values())
        return UnitPerformance(
            plans_by_status=[StatusCount(status=models.PlanStatus(s), count=data["plans_by_status"].get(s, 0))
                             for s in models.PlanStatus.values],
            overdue_plans=data["overdue"],
            predicate_distribution=[PredicateCount(predicate=choices.Predicate(p), count=data["predicates"].get(p, 0),
                                                   percent=round(data["predicates"].get(p, 0) * 100 / total, 2) if total else 0.0)
                                    for p in choices.Predicate.values],
            satisfaction=SatisfactionIndex.of(data["ikm"]) if data["ikm"] else None,
            meetings_held=data["meetings"])

    @strawberry_django.field(description="A unit's evaluation meetings of the year: for its staff, HR of the unit "
                                         "and the leaders above.")
    def evaluation_meetings(self, info: Info, unit_id: strawberry.ID, year: int) -> list[EvaluationMeetingType]:
        meetings = selectors.meetings_readable_by(require_user(info), common.unit(unit_id), year)
        if meetings is None:
            raise NotFound()
        return meetings


@strawberry.type
class MonitoringMutation:
    @strawberry.mutation(description="The rater: continuous feedback on a work result, at any time.")
    def give_feedback(self, info: Info, work_result_id: strawberry.ID, text: str) -> FeedbackType:
        user = require_user(info)
        result = common.lookup(selectors.work_results_for_change(user), work_result_id, "WorkResult")
        return services.feedback_give(actor=user, work_result=result, text=text)

    @strawberry.mutation(description="The unit's leader or HR: record a quarterly evaluation meeting.")
    def record_evaluation_meeting(self, info: Info, unit_id: strawberry.ID, period_id: strawberry.ID,
                                  held_at: dt.datetime, attendee_ids: list[strawberry.ID], minutes: str,
                                  actions: list[str] | None = None) -> EvaluationMeetingType:
        attendees = organization.employees_by_pks(decode_id(a, "Employee") for a in attendee_ids)
        if len(attendees) != len(set(attendee_ids)):
            raise NotFound()
        meeting = services.meeting_record(actor=require_user(info), unit=common.unit(unit_id), period=common.period(period_id),
                                          held_at=held_at, attendees=attendees, minutes=minutes, actions=actions or [])
        return common.fresh(meeting)
