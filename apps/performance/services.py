"""Every write of the performance cycle but the BPMN steps' (steps.py); each public function is one transaction."""
from __future__ import annotations

import datetime as dt
import re

from celery import current_app
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, Conflict, Forbidden, NotFound
from apps.organization import selectors as org
from apps.organization.models import Employee, OrgUnit
from apps.workflow import selectors as workflow_selectors
from apps.workflow import services as workflow
from apps.workflow.registry import Binding

from . import cascade, history, rules, suggestions
from .evidence_files import CheckedFile, evidence_checked
from .models import (
    BehaviorExpectation,
    CoreValue,
    Evaluation,
    EvaluationMeeting,
    Evidence,
    Feedback,
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
    Realization,
    SatisfactionSurvey,
    UnitOrgRating,
    WorkResult,
    WorkResultType,
)
from .selectors import approved_plan_ids, parse_number, satisfaction_index_for
# A read (R-DIST), kept here under its old name while schema/performance.py calls it from here.

MIN_YEAR, MAX_YEAR = 2000, 2100


def _require_unit_manager(actor: User, unit: OrgUnit) -> None:
    """HR of the unit, or the unit's own leader."""
    leader_user = unit.leader.user_id if unit.leader is not None else None
    if not (org.manages_unit(actor, unit) or leader_user == actor.pk):
        raise Forbidden(_("Only HR of this unit or its leader may do this."))


@transaction.atomic
def satisfaction_survey_submit(*, actor: User, unit: OrgUnit, year: int,
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
# The kinds of object a process instance is bound to (registry.Binding); handlers act on nothing else.
PLAN_BINDING, EVALUATION_BINDING = "performance.plan", "performance.evaluation"


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


def _require_published(key: str) -> None:
    """Refuse a bulk job at once, before it is queued, when the process it starts for every
    employee is not published (e.g. a new installation before `load_workflows`): otherwise
    the job would fail for each employee with the same cause."""
    if not workflow_selectors.is_published(key):
        raise BadInput(_("The process %(key)s is not published yet: a process administrator must publish it "
                         "first (the shipped processes: manage.py load_workflows).") % {"key": key},
                       fields={"process": key})


def _require_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadInput(_("The year is out of range."), fields={"year": "range"})


@transaction.atomic
def performance_year_open(*, actor: User, year: int, unit: OrgUnit) -> Job:
    """HR: create the year's periods and queue one SKP + planning process per employee of the
    unit's subtree. Runs as a background job (in-process without a broker)."""
    _require_year(year)
    if not org.manages_unit(actor, unit):
        raise Forbidden(_("Only the performance administrator (HR) of this unit may do this."))
    _require_published(PLANNING_PROCESS)
    periods_create(year=year)
    return _start_job(actor, "open_performance_year", {"year": year, "unit_id": unit.pk})


def _open_year_items(job: Job) -> list[int]:
    unit = OrgUnit.objects.get(pk=job.params["unit_id"])
    return list(Employee.objects.filter(unit__path__startswith=unit.path, is_active=True)
                .order_by("unit__depth", "pk").values_list("pk", flat=True))


def _open_year_chunk(job: Job, ids: list[int]) -> None:
    year = job.params["year"]
    employees = list(Employee.objects.filter(pk__in=ids).select_related("unit", "rater__rater", "user"))
    plans_open_many(employees=employees, year=year, deadline=planning_deadline(year).isoformat(),
                    actor=job.created_by)


def plan_open(*, employee: Employee, year: int, deadline: str, actor: User | None) -> PerformancePlan:
    """Create the employee's SKP for the year and start its planning process (idempotent)."""
    return plans_open_many(employees=[employee], year=year, deadline=deadline, actor=actor)[0]


@transaction.atomic
def plans_open_many(*, employees: list[Employee], year: int, deadline: str,
                    actor: User | None) -> list[PerformancePlan]:
    """The SKP of each employee for the year with its planning process, created where missing
    (idempotent), in a handful of statements for the whole batch."""
    plans = {p.employee_id: p for p in PerformancePlan.objects.filter(employee__in=employees, year=year)}
    created = PerformancePlan.objects.bulk_create([
        PerformancePlan(employee=e, year=year, rater=e.rater, rater_supervisor=e.rater.rater if e.rater else None,
                        rater_is_acting=e.rater_is_acting,
                        attachments={"resources": [], "accountability": [], "consequences": []})
        for e in employees if e.pk not in plans])
    BehaviorExpectation.objects.bulk_create([BehaviorExpectation(plan=plan, core_value=value)
                                             for plan in created for value in CoreValue.values])
    PlanEvent.objects.bulk_create([PlanEvent(plan=plan, actor=actor, kind="CREATED", data={}) for plan in created])
    plans.update({plan.employee_id: plan for plan in created})
    by_employee = {e.pk: e for e in employees}
    waiting = [plans[e.pk] for e in employees if plans[e.pk].process_instance_id is None]
    if waiting:
        instances = workflow.processes_start_many(key=PLANNING_PROCESS, requests=[
            workflow.StartRequest(by_employee[plan.employee_id],
                                  {"periodId": str(year), "planId": plan.pk, "deadline": deadline},
                                  Binding(PLAN_BINDING, plan.pk))
            for plan in waiting])
        now = timezone.now()
        for plan, instance in zip(waiting, instances, strict=True):
            plan.process_instance, plan.updated_at = instance, now
        PerformancePlan.objects.bulk_update(waiting, ["process_instance", "updated_at"])
    return [plans[e.pk] for e in employees]


def _require_drafting(actor: User, plan: PerformancePlan) -> None:
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
def work_result_upsert(*, actor: User, plan: PerformancePlan, work_result_id: int | None,
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
    result: WorkResult | None
    if work_result_id is None:
        position = (plan.work_results.aggregate(m=Max("position"))["m"] or 0) + 1
        result = WorkResult(plan=plan, position=position)
    else:
        result = plan.work_results.filter(pk=work_result_id).first()
        if result is None:
            raise NotFound()
    # R-CASCADE choices: the rater's work results of the year, the goals of the unit and above.
    # Anything else answers exactly like a missing id, so that no id reveals another's plan.
    goal = cascade.goals_allowed(plan).filter(pk=org_goal_id).first() if org_goal_id else None
    parents = list(cascade.parents_allowed(plan).filter(pk__in=parent_ids))
    if (org_goal_id and goal is None) or len(parents) != len(set(parent_ids)):
        raise NotFound()
    result.text, result.type, result.perspective = text.strip(), type_, perspective_
    result.org_goal = goal
    result.save()
    result.parents.set(parents)
    result.indicators.all().delete()
    Indicator.objects.bulk_create([
        Indicator(work_result=result, aspect=ind["aspect"], text=ind["text"].strip(), target=str(ind["target"]).strip(),
                  unit=(ind.get("unit") or "").strip(), kind=ind.get("kind") or IndicatorKind.NORMAL)
        for ind in indicators])
    history.record(plan=plan, actor=actor, kind="WORK_RESULT_SAVED",
                   data={"workResultId": result.pk, "text": result.text, "parents": sorted(parent_ids),
                         "orgGoalId": org_goal_id, "indicators": indicators})
    return result


@transaction.atomic
def work_result_delete(*, actor: User, work_result: WorkResult) -> None:
    plan = work_result.plan
    _require_drafting(actor, plan)
    if work_result.children.exists():
        raise Conflict(_("Staff plans already support this work result; it cannot be deleted."))
    history.record(plan=plan, actor=actor, kind="WORK_RESULT_DELETED",
                   data={"workResultId": work_result.pk, "text": work_result.text})
    work_result.delete()


@transaction.atomic
def behavior_expectation_set(*, actor: User, plan: PerformancePlan, core_value: str, text: str) -> BehaviorExpectation:
    """The rater (who sets the leader's specific expectations) or the drafting employee."""
    if not (plan.rater and plan.rater.user_id == actor.pk):
        _require_drafting(actor, plan)
    value = _choice(core_value, CoreValue, "coreValue")
    expectation, _created = BehaviorExpectation.objects.update_or_create(plan=plan, core_value=value,
                                                                         defaults={"text": text.strip()})
    history.record(plan=plan, actor=actor, kind="BEHAVIOR_EXPECTATION_SET",
                   data={"coreValue": value, "text": expectation.text})
    return expectation


@transaction.atomic
def org_goal_upsert(*, actor: User, unit: OrgUnit, year: int, goal_id: int | None, text: str,
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


# --- background jobs ---------------------------------------------------------------------------

JOB_CHUNK = 200  # items per transaction (and per Celery task when a broker is configured)


def _run_chunk(job: Job, ids: list[int]) -> None:
    """One transaction for the chunk; if it fails, one per item, so that each failing item is
    reported (in job.errors) and the others are done. Progress is live."""
    work = JOBS[job.kind][1]
    errors = []
    try:
        with transaction.atomic():
            work(job, ids)
    except Exception:  # retried item by item below, where each error is reported
        for item in ids:
            try:
                with transaction.atomic():
                    work(job, [item])
            except Exception as exc:
                errors.append({"id": item, "message": str(getattr(exc, "message", exc))})
    if errors:  # name each failing employee the way the API and the app do
        owners = JOBS[job.kind][2]([e["id"] for e in errors])
        named = org.employee_references(owners.values())
        for error in errors:
            if (owner := owners.get(error["id"])) is not None:
                error.update(named.get(owner, {}))
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        job.progress += len(ids)
        job.errors += errors
        if job.progress >= job.total:
            job.status = JobStatus.FAILED if job.errors else JobStatus.DONE
            job.finished_at = timezone.now()
        job.save(update_fields=["progress", "errors", "status", "finished_at"])


# The Celery tasks of tasks.py, queued by name: tasks.py imports this module, so this one never
# imports it (.importlinter); PerformanceConfig.ready() imports tasks.py, which registers them.
RUN_JOB, RUN_JOB_CHUNK = "performance.run_job", "performance.run_job_chunk"


def _enqueue(task: str, *args) -> None:
    current_app.tasks[task].delay(*args)


def job_run(job_id: int) -> None:
    """Split the job into chunks, one Celery task each: in parallel on the workers with a
    broker, one after the other in this process without one."""
    job = Job.objects.get(pk=job_id)
    ids = JOBS[job.kind][0](job)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, total=len(ids))
    if not ids:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, finished_at=timezone.now())
    for start in range(0, len(ids), JOB_CHUNK):
        _enqueue(RUN_JOB_CHUNK, job.pk, ids[start:start + JOB_CHUNK])


def job_run_chunk(job_id: int, ids: list[int]) -> None:
    _run_chunk(Job.objects.select_related("created_by").get(pk=job_id), ids)


def _start_job(actor: User, kind: str, params: dict) -> Job:
    job = Job.objects.create(kind=kind, params=params, created_by=actor)
    transaction.on_commit(lambda: _enqueue(RUN_JOB, job.pk))
    return job


# --- periodic evaluation ------------------------------------------------------------------------

REVIEW_PROCESS = "periodic_review"
ANNUAL_PROCESS = "annual_review"


@transaction.atomic
def review_period_open(*, actor: User, period: PerformancePeriod, unit: OrgUnit) -> Job:
    """HR: one evaluation + review process per approved plan of the unit's subtree: periodic_review
    for a quarter (month, semester), annual_review for the year."""
    if not org.manages_unit(actor, unit):
        raise Forbidden(_("Only the performance administrator (HR) of this unit may do this."))
    _require_published(_review_process(period))
    return _start_job(actor, "open_review_period", {"period_id": period.pk, "unit_id": unit.pk})


def _review_process(period: PerformancePeriod) -> str:
    return ANNUAL_PROCESS if period.kind == PeriodKind.YEAR else REVIEW_PROCESS


def _open_review_items(job: Job) -> list[int]:
    period = PerformancePeriod.objects.get(pk=job.params["period_id"])
    return approved_plan_ids(OrgUnit.objects.get(pk=job.params["unit_id"]), period.year)


def _open_review_chunk(job: Job, ids: list[int]) -> None:
    """The chunk's evaluations, created where missing, and their review processes, in a handful
    of statements for the whole chunk (as _open_year_chunk): a subject whose process already
    runs makes the chunk CONFLICT, and _run_chunk then goes one by one to report who."""
    period = PerformancePeriod.objects.get(pk=job.params["period_id"])
    plans = list(PerformancePlan.objects.filter(pk__in=ids)
                 .select_related("employee__unit", "employee__rater__rater", "employee__user"))
    evaluations = {e.plan_id: e for e in Evaluation.objects.filter(plan__in=plans, period=period)}
    Evaluation.objects.bulk_create([evaluations.setdefault(plan.pk, Evaluation(plan=plan, period=period))
                                    for plan in plans if plan.pk not in evaluations])
    waiting = [(plan, evaluations[plan.pk]) for plan in plans if evaluations[plan.pk].process_instance_id is None]
    if not waiting:
        return
    instances = workflow.processes_start_many(key=_review_process(period), requests=[
        workflow.StartRequest(plan.employee, {"periodId": str(period.pk), "evaluationId": evaluation.pk},
                              Binding(EVALUATION_BINDING, evaluation.pk))
        for plan, evaluation in waiting])
    for (_plan, evaluation), instance in zip(waiting, instances, strict=True):
        evaluation.process_instance = instance
    Evaluation.objects.bulk_update([evaluation for _plan, evaluation in waiting], ["process_instance"])


def plan_owners(ids: list[int]) -> dict[int, int]:
    """Plan id → its employee's id: the ``owners`` of a job over plans (1 query)."""
    return dict(PerformancePlan.objects.filter(pk__in=ids).values_list("pk", "employee_id"))


# kind -> (the item ids, the work for a chunk of them, item id -> its employee's id)
JOBS = {
    "open_performance_year": (_open_year_items, _open_year_chunk, lambda ids: {i: i for i in ids}),
    "open_review_period": (_open_review_items, _open_review_chunk, plan_owners),
}


def register_job(kind: str, *, items, chunk, owners) -> None:
    """A bulk job of an app built on this one (apps.daily opens action plans), registered from
    its AppConfig.ready(): apps.performance imports none of them, yet runs their jobs."""
    JOBS[kind] = (items, chunk, owners)


def job_start(*, actor: User, unit: OrgUnit, kind: str, params: dict, process: str) -> Job:
    """Queue a registered job that starts ``process`` for many employees of ``unit``'s subtree
    (``unit_id`` is added to its params): HR of the unit only; refused at once while the process
    is unpublished."""
    if not org.manages_unit(actor, unit):
        raise Forbidden(_("Only the performance administrator (HR) of this unit may do this."))
    _require_published(process)
    return _start_job(actor, kind, {**params, "unit_id": unit.pk})


def _require_task(actor: User, evaluation: Evaluation, bpmn_id: str, message) -> None:
    if evaluation.process_instance_id is None or not workflow_selectors.holds_open_task(
            actor, evaluation.process_instance_id, bpmn_id):
        raise Forbidden(message)


def _deviation_reason(plan: PerformancePlan, indicator: Indicator, period: PerformancePeriod, value: str,
                      reason: str) -> str:
    """The reason kept with a realization: required when the value differs from the suggested
    one, compared as numbers ("2,5" = "2.5"; a value that is no number differs); not kept when
    it does not differ or nothing was suggested, where there is nothing to explain."""
    suggestion = suggestions.suggested_realizations(plan, period).get(indicator.pk)
    number = parse_number(value)
    if suggestion is None or (number is not None and number.is_finite() and number == suggestion.value):
        return ""
    if not reason.strip():
        raise BadInput(_("The approved daily progress of the period gives %(value)s %(unit)s for this indicator: "
                         "say why the realization differs.")
                       % {"value": formats.number_format(suggestion.value.normalize()), "unit": suggestion.output_unit},
                       fields={"deviationReason": _("required when the value differs from the daily progress")})
    return reason.strip()


@transaction.atomic
def realization_record(*, actor: User, indicator: Indicator, period: PerformancePeriod, value: str,
                       note: str, evidence_links: list[str], evidence_files: list | None = None,
                       deviation_reason: str = "") -> Realization:
    """The employee, during self-assessment: progress on an indicator with evidence links.
    SATISFACTION indicators take the unit's IKM for the year (R-IKM). A value that differs from
    the one suggested by the approved daily outputs needs a reason (docs/domain.md, after R-DISCIPLINE)."""
    plan = indicator.work_result.plan
    evaluation = Evaluation.objects.filter(plan=plan, period=period).first()
    if evaluation is None:
        raise NotFound()
    _require_task(actor, evaluation, "self_assess",
                  _("Realizations are recorded by the employee while the self-assessment task is open."))
    bad_links = [link for link in evidence_links if not re.match(r"^https?://\S+$", link)]
    if bad_links:
        raise BadInput(fields={"evidenceLinks": _("links must be http(s) addresses")})
    if indicator.kind == IndicatorKind.SATISFACTION:
        ikm = satisfaction_index_for(plan.employee.unit, period.year)
        if ikm is None:
            raise Conflict(_("This indicator takes the unit's IKM, and no survey was recorded for the year yet."))
        value = str(ikm.score)
        deviation_reason = ""
    elif not str(value).strip():
        raise BadInput(fields={"value": _("required")})
    else:
        deviation_reason = _deviation_reason(plan, indicator, period, str(value).strip(), deviation_reason)
    # Every file checked before anything is written: a refused one leaves nothing behind.
    files = [evidence_checked(upload) for upload in evidence_files or []]
    realization, _created = Realization.objects.update_or_create(
        indicator=indicator, period=period,
        defaults={"value": str(value).strip(), "note": note.strip(), "evidence_links": evidence_links,
                  "deviation_reason": deviation_reason, "recorded_by": actor})
    history.record(plan=plan, actor=actor, kind="REALIZATION_RECORDED",
                   data={"indicatorId": indicator.pk, "period": str(period), "value": realization.value,
                         "evidenceLinks": evidence_links, "deviationReason": deviation_reason})
    for checked in files:
        _evidence_store(actor, realization, checked)
    return realization


@transaction.atomic
def evaluation_rate(*, actor: User, evaluation: Evaluation, result_rating: str, behavior_rating: str,
                    feedback: str, behavior_feedback: dict, result_feedback: dict | None = None) -> Evaluation:
    """The rater holding the rating task: ratings, feedback, and the predicate by R-MATRIX / R-LEADER."""
    evaluation = Evaluation.objects.select_for_update(of=("self",)).select_related(
        "plan__employee__unit", "period").get(pk=evaluation.pk)
    _require_task(actor, evaluation, "rate", _("Only the rater holding the rating task may rate this evaluation."))
    unknown = [k for k in behavior_feedback if k not in CoreValue.values]
    if unknown:
        raise BadInput(fields={f"behaviorFeedback.{k}": _("unknown value") for k in unknown})
    result_feedback = {str(k): str(v).strip() for k, v in (result_feedback or {}).items()}
    own_results = {str(pk) for pk in evaluation.plan.work_results.values_list("pk", flat=True)}
    foreign = [k for k in result_feedback if k not in own_results]
    if foreign:
        raise BadInput(fields={f"workResultFeedback.{k}": _("not a work result of this plan") for k in foreign})
    employee = evaluation.plan.employee
    if employee.unit.leader_id == employee.pk:
        # R-LEADER: a unit head's results rating is the unit's organizational rating.
        result_rating = rules.leader_result_rating(required_org_rating(employee.unit, evaluation.period).rating)
    rater = Employee.objects.get(user=actor)
    evaluation.result_rating, evaluation.behavior_rating = result_rating, behavior_rating
    evaluation.predicate = rules.predicate(result_rating, behavior_rating)
    evaluation.feedback, evaluation.behavior_feedback = feedback.strip(), behavior_feedback
    evaluation.result_feedback = result_feedback
    evaluation.rated_by, evaluation.rated_as_acting = rater, employee.rater_is_acting and employee.rater_id == rater.pk
    evaluation.save()
    history.record(plan=evaluation.plan, actor=actor, kind="RATED",
                   data={"evaluationId": evaluation.pk, "resultRating": result_rating,
                         "behaviorRating": behavior_rating, "predicate": evaluation.predicate,
                         "actingOfficial": evaluation.rated_as_acting})
    return evaluation


def required_org_rating(unit: OrgUnit, period: PerformancePeriod) -> UnitOrgRating:
    """R-ORG: the unit's organizational rating for the period, which must exist by now."""
    record = UnitOrgRating.objects.filter(unit=unit, period=period).first()
    if record is None:
        raise Conflict(_("The organizational rating of %(unit)s for this period must be set first (R-ORG).")
                       % {"unit": unit.name})
    return record


@transaction.atomic
def org_rating_set(*, actor: User, unit: OrgUnit, period: PerformancePeriod, rating: str) -> UnitOrgRating:
    """R-ORG: the leader of the parent unit sets a unit's organizational predicate for a period.
    A unit whose parent has no leader in the system (e.g. under the regent) is rated by HR."""
    parent_leader = unit.parent.leader if unit.parent is not None else None
    allowed = (parent_leader is not None and parent_leader.user_id == actor.pk) or \
        (parent_leader is None and org.manages_unit(actor, unit)) or actor.is_superuser
    if not allowed:
        raise Forbidden(_("Only the leader of the parent unit sets this unit's organizational rating (R-ORG)."))
    value = _choice(rating, rules.OrgRating, "rating")
    record, _created = UnitOrgRating.objects.update_or_create(
        unit=unit, period=period, defaults={"rating": value, "set_by": Employee.objects.filter(user=actor).first()})
    return record


# --- continuous feedback and evaluation meetings ------------------------------------------------

@transaction.atomic
def feedback_give(*, actor: User, work_result: WorkResult, text: str) -> Feedback:
    """The rater gives feedback on a work result at any time (umpan balik berkelanjutan)."""
    plan = work_result.plan
    rater_ids = {pk for pk in (plan.rater_id, plan.employee.rater_id) if pk is not None}
    giver = Employee.objects.filter(user=actor, pk__in=rater_ids).first()
    if giver is None:
        raise Forbidden(_("Only the employee's rater gives feedback on their work."))
    if not text or not text.strip():
        raise BadInput(fields={"text": _("required")})
    feedback = Feedback.objects.create(work_result=work_result, text=text.strip(), given_by=giver)
    history.record(plan=plan, actor=actor, kind="FEEDBACK", data={"workResultId": work_result.pk,
                   "text": feedback.text})
    return feedback


@transaction.atomic
def meeting_record(*, actor: User, unit: OrgUnit, period: PerformancePeriod, held_at: dt.datetime,
                   attendees: list[Employee], minutes: str, actions: list[str]) -> EvaluationMeeting:
    """The unit's leader or HR records a quarterly evaluation meeting."""
    _require_unit_manager(actor, unit)
    fields = {}
    if not minutes or not minutes.strip():
        fields["minutes"] = _("required")
    if not attendees:
        fields["attendeeIds"] = _("at least one attendee")
    outsiders = [e.pk for e in attendees if not e.unit.path.startswith(unit.path)]
    if outsiders:
        fields["attendeeIds"] = _("attendees must belong to the unit")
    if fields:
        raise BadInput(fields=fields)
    meeting = EvaluationMeeting.objects.create(unit=unit, period=period, held_at=held_at, minutes=minutes.strip(),
                                               actions=[a.strip() for a in actions if a.strip()], recorded_by=actor)
    meeting.attendees.set(attendees)
    return meeting


# --- evidence files ---------------------------------------------------------------------------

def _evidence_store(actor: User, realization: Realization, checked: CheckedFile) -> Evidence:
    evidence = Evidence(realization=realization, name=checked.name, content_type=checked.content_type,
                        size=checked.size, uploaded_by=actor)
    evidence.file.save(checked.name, checked.upload, save=False)
    evidence.save()
    history.record(plan=realization.indicator.work_result.plan, actor=actor, kind="EVIDENCE_UPLOADED",
                   data={"realizationId": realization.pk, "name": checked.name, "size": checked.size})
    return evidence


@transaction.atomic
def plan_attachments_set(*, actor: User, plan: PerformancePlan, resources: list[str],
                         accountability: list[str], consequences: list[str]) -> PerformancePlan:
    """Lampiran SKP: resource support, accountability scheme, consequences (free-text lists)."""
    _require_drafting(actor, plan)
    clean = {name: [item.strip() for item in items if item.strip()]
             for name, items in (("resources", resources), ("accountability", accountability),
                                 ("consequences", consequences))}
    plan.attachments = clean
    plan.save(update_fields=["attachments", "updated_at"])
    history.record(plan=plan, actor=actor, kind="ATTACHMENTS_SET", data=clean)
    return plan
