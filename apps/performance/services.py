"""Every write of the performance cycle; each public function is one transaction."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, Conflict, Forbidden, NotFound
from apps.organization import selectors as org
from apps.organization.models import Employee, OrgUnit
from apps.workflow import selectors as workflow_selectors
from apps.workflow import services as workflow

from . import rules
from .models import (
    BehaviorExpectation,
    CoreValue,
    GoalSource,
    Indicator,
    IndicatorAspect,
    IndicatorKind,
    Job,
    JobStatus,
    OrgGoal,
    PerformancePeriod,
    PerformancePlan,
    PeriodKind,
    Perspective,
    PlanEvent,
    PlanStatus,
    SatisfactionSurvey,
    WorkResult,
    WorkResultType,
)

MIN_YEAR, MAX_YEAR = 2000, 2100


def _require_unit_manager(actor: AbstractBaseUser, unit: OrgUnit) -> None:
    """HR of the unit, or the unit's own leader."""
    leader_user = unit.leader.user_id if unit.leader_id and unit.leader else None
    if not (org.manages_unit(actor, unit) or (leader_user and leader_user == actor.pk)):
        raise Forbidden(_("Only HR of this unit or its leader may do this."))


@transaction.atomic
def satisfaction_survey_submit(*, actor: AbstractBaseUser, unit: OrgUnit, year: int,
                               responses: list[list[int]]) -> SatisfactionSurvey:
    """R-IKM: store a batch of survey responses with its computed index."""
    _require_unit_manager(actor, unit)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadInput(_("The year is out of range."), fields={"year": "range"})
    try:
        result = rules.satisfaction_index(responses)
    except rules.InvalidResponses as exc:
        raise BadInput(_("The survey responses are not valid; nothing was saved."), errors=exc.problems) from None
    return SatisfactionSurvey.objects.create(
        unit=unit, year=year, responses=responses, respondents=result.respondents, score=result.score,
        category=result.category, element_scores={k: str(v) for k, v in result.element_scores.items()},
        submitted_by=actor,
    )


# --- the performance year and the SKP --------------------------------------------------------




PLANNING_PROCESS = "skp_planning"


def periods_create(*, year: int) -> list[PerformancePeriod]:
    """The year's evaluation periods (quarterly by default; KINERJA_REVIEW_PERIOD) and the year."""
    kind = getattr(settings, "KINERJA_REVIEW_PERIOD", PeriodKind.QUARTER)
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6}[kind]
    periods = []
    for number in range(1, 12 // months + 1):
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        ends = (dt.date(year + (last_month == 12), last_month % 12 + 1, 1) - dt.timedelta(days=1))
        periods.append(PerformancePeriod.objects.get_or_create(
            year=year, kind=kind, number=number,
            defaults={"starts_on": dt.date(year, first_month, 1), "ends_on": ends})[0])
    periods.append(PerformancePeriod.objects.get_or_create(
        year=year, kind=PeriodKind.YEAR, number=1,
        defaults={"starts_on": dt.date(year, 1, 1), "ends_on": dt.date(year, 12, 31)})[0])
    return periods


def planning_deadline(year: int) -> dt.datetime:
    """Default 31 January of the year, end of day (KINERJA_PLAN_DEADLINE = "MM-DD")."""
    month, day = (int(x) for x in getattr(settings, "KINERJA_PLAN_DEADLINE", "01-31").split("-"))
    return dt.datetime(year, month, day, 23, 59, tzinfo=timezone.get_default_timezone())


def _require_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadInput(_("The year is out of range."), fields={"year": "range"})


@transaction.atomic
def performance_year_open(*, actor: AbstractBaseUser, year: int, unit: OrgUnit) -> Job:
    """HR: create the year's periods and queue one SKP + planning process per employee of the
    unit's subtree. Runs as a background job (in-process without a broker)."""
    _require_year(year)
    if not org.manages_unit(actor, unit):
        raise Forbidden(_("Only the performance administrator (HR) of this unit may do this."))
    periods_create(year=year)
    job = Job.objects.create(kind="open_performance_year", params={"year": year, "unit_id": unit.pk},
                             created_by=actor)
    from .tasks import open_performance_year

    transaction.on_commit(lambda: open_performance_year.delay(job.pk))
    return job


def job_run_open_year(job_id: int) -> None:
    """The job's body: one transaction per employee, idempotent per employee-year."""
    job = Job.objects.get(pk=job_id)
    year, unit = job.params["year"], OrgUnit.objects.get(pk=job.params["unit_id"])
    ids = list(Employee.objects.filter(unit__path__startswith=unit.path, is_active=True)
               .order_by("unit__depth", "pk").values_list("pk", flat=True))
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, total=len(ids))
    errors = []
    deadline = planning_deadline(year).isoformat()
    for done, employee_id in enumerate(ids, start=1):
        try:
            with transaction.atomic():
                plan_open(employee=Employee.objects.select_related("unit", "rater__rater").get(pk=employee_id),
                          year=year, deadline=deadline, actor=job.created_by)
        except Exception as exc:  # one employee's problem must not stop the others; it is reported
            errors.append({"employeeId": employee_id, "message": str(getattr(exc, "message", exc))})
        if done % 20 == 0 or done == len(ids):
            Job.objects.filter(pk=job.pk).update(progress=done, errors=errors)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE if not errors else JobStatus.FAILED,
                                         finished_at=timezone.now(), progress=len(ids), errors=errors)


def plan_open(*, employee: Employee, year: int, deadline: str, actor: AbstractBaseUser | None) -> PerformancePlan:
    """Create the employee's SKP for the year and start its planning process (idempotent)."""
    rater = employee.rater
    plan, created = PerformancePlan.objects.get_or_create(
        employee=employee, year=year,
        defaults={"rater": rater, "rater_supervisor": rater.rater if rater else None,
                  "rater_is_acting": employee.rater_is_acting,
                  "attachments": {"resources": [], "accountability": [], "consequences": []}})
    if created:
        BehaviorExpectation.objects.bulk_create(
            [BehaviorExpectation(plan=plan, core_value=value) for value in CoreValue.values])
        PlanEvent.objects.create(plan=plan, actor=actor, kind="CREATED", data={})
    if plan.process_instance_id is None:
        instance = workflow.process_start(actor=None, key=PLANNING_PROCESS, subject=employee,
                                          data={"periodId": str(year), "planId": plan.pk, "deadline": deadline})
        plan.process_instance = instance
        plan.save(update_fields=["process_instance", "updated_at"])
    return plan


def _require_drafting(actor: AbstractBaseUser, plan: PerformancePlan) -> None:
    """Only the subject holding the plan's open drafting task may edit it."""
    if plan.employee.user_id != actor.pk or plan.process_instance_id is None or not workflow_selectors.holds_open_task(
            actor, plan.process_instance_id, "draft"):
        raise Forbidden(_("The plan can only be edited by its employee while the drafting task is open."))


def _choice(value: str | None, choices, field: str, default: str = "") -> str:
    if value in (None, ""):
        return default
    if value not in choices.values:
        raise BadInput(fields={field: _("unknown value")})
    return value


@transaction.atomic
def work_result_upsert(*, actor: AbstractBaseUser, plan: PerformancePlan, work_result_id: int | None,
                       text: str, type: str, parent_ids: list[int], org_goal_id: int | None, perspective: str | None,
                       indicators: list[dict]) -> WorkResult:
    plan = PerformancePlan.objects.select_for_update(of=("self",)).select_related("employee__unit").get(pk=plan.pk)
    _require_drafting(actor, plan)
    fields = {}
    if not text or not text.strip():
        fields["text"] = _("required")
    if not indicators:
        fields["indicators"] = _("at least one indicator is needed")
    for i, ind in enumerate(indicators):
        if ind.get("aspect") not in IndicatorAspect.values:
            fields[f"indicators.{i}.aspect"] = _("unknown value")
        if not (ind.get("text") or "").strip() or not (ind.get("target") or "").strip():
            fields[f"indicators.{i}"] = _("text and target are required")
        if ind.get("kind", IndicatorKind.NORMAL) not in IndicatorKind.values:
            fields[f"indicators.{i}.kind"] = _("unknown value")
    type_ = _choice(type, WorkResultType, "type", WorkResultType.UTAMA)
    perspective_ = _choice(perspective, Perspective, "perspective")
    if perspective_ and plan.employee.position.position_class != "JPT":
        fields["perspective"] = _("only senior executives (JPT) tag a perspective")
    if fields:
        raise BadInput(fields=fields)
    if work_result_id is None:
        position = (plan.work_results.aggregate(m=Max("position"))["m"] or 0) + 1
        result = WorkResult(plan=plan, position=position)
    else:
        result = plan.work_results.filter(pk=work_result_id).first()
        if result is None:
            raise NotFound()
    result.text, result.type, result.perspective = text.strip(), type_, perspective_
    result.org_goal = OrgGoal.objects.filter(pk=org_goal_id).first() if org_goal_id else None
    if org_goal_id and result.org_goal is None:
        raise BadInput(fields={"orgGoalId": _("unknown value")})
    result.save()
    parents = list(WorkResult.objects.filter(pk__in=parent_ids))
    if len(parents) != len(set(parent_ids)):
        raise BadInput(fields={"parentIds": _("unknown value")})
    result.parents.set(parents)  # whether they belong to the rater's plan is R-CASCADE, checked at submit
    result.indicators.all().delete()
    Indicator.objects.bulk_create([
        Indicator(work_result=result, aspect=ind["aspect"], text=ind["text"].strip(), target=str(ind["target"]).strip(),
                  unit=(ind.get("unit") or "").strip(), kind=ind.get("kind") or IndicatorKind.NORMAL)
        for ind in indicators])
    PlanEvent.objects.create(plan=plan, actor=actor, kind="WORK_RESULT_SAVED",
                             data={"workResultId": result.pk, "text": result.text, "parents": sorted(parent_ids),
                                   "orgGoalId": org_goal_id, "indicators": indicators})
    return result


@transaction.atomic
def work_result_delete(*, actor: AbstractBaseUser, work_result: WorkResult) -> None:
    plan = work_result.plan
    _require_drafting(actor, plan)
    if work_result.children.exists():
        raise Conflict(_("Staff plans already support this work result; it cannot be deleted."))
    PlanEvent.objects.create(plan=plan, actor=actor, kind="WORK_RESULT_DELETED",
                             data={"workResultId": work_result.pk, "text": work_result.text})
    work_result.delete()


@transaction.atomic
def behavior_expectation_set(*, actor: AbstractBaseUser, plan: PerformancePlan, core_value: str, text: str) -> BehaviorExpectation:
    """The rater (who sets the leader's specific expectations) or the drafting employee."""
    if not (plan.rater and plan.rater.user_id == actor.pk):
        _require_drafting(actor, plan)
    value = _choice(core_value, CoreValue, "coreValue")
    expectation, _created = BehaviorExpectation.objects.update_or_create(plan=plan, core_value=value,
                                                                         defaults={"text": text.strip()})
    PlanEvent.objects.create(plan=plan, actor=actor, kind="BEHAVIOR_EXPECTATION_SET",
                             data={"coreValue": value, "text": expectation.text})
    return expectation


@transaction.atomic
def org_goal_upsert(*, actor: AbstractBaseUser, unit: OrgUnit, year: int, goal_id: int | None, text: str,
                    source: str | None, indicator: str, target: str) -> OrgGoal:
    """HR of the unit or its leader records the unit's goals (Renstra / Perjanjian Kinerja)."""
    _require_unit_manager(actor, unit)
    _require_year(year)
    if not text or not text.strip():
        raise BadInput(fields={"text": _("required")})
    goal = OrgGoal(unit=unit, year=year, created_by=actor) if goal_id is None else \
        OrgGoal.objects.filter(pk=goal_id, unit=unit).first()
    if goal is None:
        raise NotFound()
    goal.text, goal.indicator, goal.target = text.strip(), indicator.strip(), target.strip()
    goal.source = _choice(source, GoalSource, "source", GoalSource.PERJANJIAN_KINERJA)
    goal.year = year
    goal.save()
    return goal
