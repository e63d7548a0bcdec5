"""Every write of the runtime, each one transaction that checks the caller first (docs/design.md).
A write that moves an instance builds its action and hands it to the step kernel (``steps.py``),
which runs the engine, saves with the lock version, mirrors the human tasks, runs the handlers
and writes the audit; the acts on a task that do not move its instance (claim, draft,
reassignment) are here."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

import jsonschema
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, Conflict, DomainError, Forbidden, NotFound
from apps.organization import selectors as org
from apps.organization.models import Employee

from . import engine, lanes, mirror, registry, selectors, steps
from .models import (
    DefinitionStatus,
    HumanTask,
    InstanceStatus,
    ProcessDefinition,
    ProcessEvent,
    ProcessInstance,
    TaskState,
)
from .steps import StartRequest

logger = logging.getLogger("kinerja.workflow")


# --- definitions ----------------------------------------------------------------------------

def require_process_admin(actor: User | None) -> None:
    """``actor`` None is the system itself (shipping the bundled processes)."""
    if actor is not None and not selectors.is_process_admin(actor):
        raise Forbidden(_("Only a process administrator may change process definitions."))


def _refuse(problems: list[engine.Problem]) -> BadInput:
    return BadInput(_("The process definition was refused: %(count)d problem(s).") % {"count": len(problems)},
                    errors=[p.as_dict() for p in problems])


def _check(actor: User | None, bpmn_xml: str, forms: dict | None, lane_bindings: dict | None,
           key: str | None) -> engine.CheckedDefinition:
    require_process_admin(actor)
    return engine.check_definition(bpmn_xml, forms, lane_bindings, key,
                                   allow_scripts=actor is None or actor.has_perm("workflow.deploy_script"))


def definition_check(*, actor: User, bpmn_xml: str, forms: dict | None = None,
                     lane_bindings: dict | None = None, key: str | None = None) -> list[engine.Problem]:
    """The problems ``definition_upload`` would refuse the file for, without storing anything
    (the modeler's "Periksa"); empty when it would be accepted."""
    try:
        _check(actor, bpmn_xml, forms, lane_bindings, key)
    except engine.DefinitionInvalid as exc:
        return exc.problems
    return []


@transaction.atomic
def definition_upload(*, actor: User | None, bpmn_xml: str, forms: dict | None = None,
                      lane_bindings: dict | None = None, key: str | None = None) -> ProcessDefinition:
    """Check an uploaded BPMN and store it as a new DRAFT version of its process."""
    try:
        checked = _check(actor, bpmn_xml, forms, lane_bindings, key)
    except engine.DefinitionInvalid as exc:
        raise _refuse(exc.problems) from None
    definition_key = key or checked.process_id
    latest = ProcessDefinition.objects.select_for_update().filter(key=definition_key).aggregate(v=Max("version"))["v"]
    return ProcessDefinition.objects.create(
        key=definition_key, version=(latest or 0) + 1, name=checked.name, process_id=checked.process_id,
        bpmn_xml=bpmn_xml, forms=forms or {}, lane_bindings=lane_bindings or {}, lanes=checked.lanes,
        user_tasks=checked.user_tasks, starters=checked.starters,
        checksum=hashlib.sha256(bpmn_xml.encode()).hexdigest(), created_by=actor,
    )


@transaction.atomic
def definition_publish(*, actor: User | None, definition: ProcessDefinition) -> ProcessDefinition:
    """Publish a draft; the previously published version of the key is retired (its running
    instances go on with it)."""
    require_process_admin(actor)
    definition = ProcessDefinition.objects.select_for_update().get(pk=definition.pk)
    if definition.status != DefinitionStatus.DRAFT:
        raise Conflict(_("Only a draft can be published; this version is %(status)s.") % {"status": definition.status})
    ProcessDefinition.objects.filter(key=definition.key, status=DefinitionStatus.PUBLISHED).update(
        status=DefinitionStatus.RETIRED)
    definition.status, definition.published_by, definition.published_at = DefinitionStatus.PUBLISHED, actor, timezone.now()
    definition.save(update_fields=["status", "published_by", "published_at"])
    return definition


@transaction.atomic
def definition_retire(*, actor: User, definition: ProcessDefinition) -> ProcessDefinition:
    require_process_admin(actor)
    definition = ProcessDefinition.objects.select_for_update().get(pk=definition.pk)
    if definition.status == DefinitionStatus.RETIRED:
        raise Conflict(_("This version is already retired."))
    definition.status = DefinitionStatus.RETIRED
    definition.save(update_fields=["status"])
    return definition


# --- running ----------------------------------------------------------------------------------

def _may_start(actor: User, definition: ProcessDefinition, subject: Employee) -> bool:
    if actor.is_superuser:
        return True
    roles = set(definition.starters or engine.DEFAULT_STARTERS)
    return (
        ("EMPLOYEE" in roles and subject.user_id == actor.pk)
        or ("RATER" in roles and subject.rater and subject.rater.user_id == actor.pk)
        or ("RATER_SUPERVISOR" in roles and subject.rater and subject.rater.rater is not None
            and subject.rater.rater.user_id == actor.pk)
        or ("PERFORMANCE_ADMIN" in roles and org.manages_unit(actor, subject.unit))
    )


def _published(key: str) -> ProcessDefinition:
    definition = (ProcessDefinition.objects.filter(key=key, status=DefinitionStatus.PUBLISHED)
                  .defer(*steps.HEAVY_DEFINITION_FIELDS).first())
    if definition is None:
        raise NotFound(_("There is no published process %(key)s.") % {"key": key})
    return steps.cached_definition(definition)


def binding_mismatch(definition: ProcessDefinition, kinds: set[str]) -> bool:
    """Whether instances bound to objects of ``kinds`` ("" for none) cannot run ``definition``: its
    handlers act on a domain object of a kind these instances are not all bound to."""
    needed = {registry.binds(name) for name in engine.handler_names(engine.definition_spec(definition), definition)}
    needed.discard(None)
    return bool(needed) and kinds != needed


def _require_binding(definition: ProcessDefinition, bindings: list[registry.Binding | None]) -> None:
    """A definition whose handlers act on a domain object runs only bound to one of that kind:
    its owning service starts it (e.g. opening the year starts skp_planning for each plan)."""
    if binding_mismatch(definition, {binding.kind if binding else "" for binding in bindings}):
        raise Forbidden(_("This process is started by Kinerja for its plan or evaluation (for example when HR "
                          "opens the year or a review period), not directly."))


@transaction.atomic
def process_start(*, actor: User | None, key: str, subject: Employee,
                  data: dict | None = None, binding: registry.Binding | None = None) -> ProcessInstance:
    """Start the published version of ``key`` for a subject. ``actor`` None is the system;
    ``binding`` is given only by the service that owns the object the process acts on."""
    definition = _published(key)
    if actor is not None and not _may_start(actor, definition, subject):
        raise Forbidden()
    _require_binding(definition, [binding])
    # A running instance of the process for the subject and period: the kernel's CONFLICT.
    return steps.start(definition, [StartRequest(subject, dict(data or {}), binding)], actor)[0]


@transaction.atomic
def processes_start_many(*, key: str, requests: list[StartRequest]) -> list[ProcessInstance]:
    """System starts of ``key`` for many subjects at once (bulk jobs): what ``process_start``
    does, in a handful of statements for the whole batch. A subject with a running instance for
    the period makes the whole batch CONFLICT; callers then go one by one to report who."""
    definition = _published(key)
    _require_binding(definition, [r.binding for r in requests])
    return steps.start(definition, requests, None)


def _locked_task(task_id: int, actor: User) -> HumanTask:
    """The task, row-locked, if the actor may see it (else NOT_FOUND). Whoever may complete it
    sees it (its candidates are granted the instance); only others need the visibility query."""
    task = steps.locked_task(task_id)
    if task is None:
        raise NotFound()
    task.actor_may_complete = selectors.may_complete(actor, task)
    if not task.actor_may_complete and not selectors.tasks_visible_to(actor).filter(pk=task.pk).exists():
        raise NotFound()
    return task


def _require_ready(task: HumanTask) -> None:
    if task.state != TaskState.READY:
        raise Conflict(_("This task is already %(state)s.") % {"state": task.get_state_display().lower()})


def _require_doer(actor: User, task: HumanTask) -> None:
    """Only the assignee — or, while nobody has claimed it, a candidate — may act on a task."""
    if not task.actor_may_complete:
        raise Forbidden(_("This task is not yours."))
    if task.assignee is not None and task.assignee.user_id != actor.pk:
        raise Forbidden(_("This task was claimed by someone else."))


def validate_task_data(definition: ProcessDefinition, task: HumanTask, data: dict) -> None:
    """Check submitted data against the task's JSON Schema; no extra fields; no form: only {}."""
    if not isinstance(data, dict):
        raise BadInput(_("Task data must be a JSON object."), fields={"data": "object"})
    schema = definition.forms.get(task.form_key) if task.form_key else None
    if schema is None:
        if data:
            raise BadInput(_("This task takes no data."), fields={k: _("unexpected field") for k in data})
        return
    schema = {**schema, "additionalProperties": False}
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        fields = {}
        for error in errors:
            if error.validator == "additionalProperties":
                for name in set(data) - set(schema.get("properties", {})):
                    fields[name] = _("unexpected field")
            elif error.validator == "required":
                fields[error.message.split("'")[1]] = _("required")
            else:
                fields[".".join(str(p) for p in error.absolute_path) or "data"] = engine.plain_message(error.message)
        raise BadInput(_("The task data is not valid."), fields=fields)


@dataclass
class CompleteResult:
    task: HumanTask
    instance: ProcessInstance
    next_tasks: list[HumanTask]


@transaction.atomic
def task_complete(*, actor: User, task_id: int, data: dict) -> CompleteResult:
    task = _locked_task(task_id, actor)
    _require_ready(task)
    _require_doer(actor, task)
    validate_task_data(task.instance.definition, task, data)
    next_tasks = steps.advance(task.instance, steps.completion(task, data), actor=actor)
    return CompleteResult(task=task, instance=task.instance, next_tasks=next_tasks)


@transaction.atomic
def task_claim(*, actor: User, task_id: int) -> HumanTask:
    task = _locked_task(task_id, actor)
    _require_ready(task)
    if not task.actor_may_complete:
        raise Forbidden(_("This task is not yours."))
    if task.assignee is not None:
        if task.assignee.user_id == actor.pk:
            return task
        raise Conflict(_("This task was claimed by someone else."))
    task.assignee = Employee.objects.get(user=actor)
    task.save(update_fields=["assignee"])
    steps.record(task.instance, ProcessEvent.Kind.CLAIMED, actor=actor, task=task)
    return task


@transaction.atomic
def task_unclaim(*, actor: User, task_id: int) -> HumanTask:
    """Give a claimed task back to its candidates. Personal lanes (one person) cannot be unclaimed."""
    task = _locked_task(task_id, actor)
    _require_ready(task)
    _require_doer(actor, task)
    binding = task.instance.definition.lane_binding(task.lane) or ""
    if binding in lanes.PERSONAL or binding.startswith("USER:"):
        raise BadInput(_("This task belongs to one person and cannot be given back."), fields={"id": "personal"})
    task.assignee = None
    task.save(update_fields=["assignee"])
    steps.record(task.instance, ProcessEvent.Kind.UNCLAIMED, actor=actor, task=task)
    return task


@transaction.atomic
def task_save_draft(*, actor: User, task_id: int, data: dict) -> HumanTask:
    """Keep unfinished form data on the task (not validated for completeness)."""
    task = _locked_task(task_id, actor)
    _require_ready(task)
    _require_doer(actor, task)
    if not isinstance(data, dict):
        raise BadInput(_("Task data must be a JSON object."), fields={"data": "object"})
    task.data = data
    task.save(update_fields=["data"])
    # The audit names the fields only: the draft is the holder's until submitted (TaskType.data).
    steps.record(task.instance, ProcessEvent.Kind.DRAFT_SAVED, actor=actor, task=task, data={"fields": sorted(data)})
    return task


@transaction.atomic
def task_reassign(*, actor: User, task_id: int, employee: Employee) -> HumanTask:
    """HR of the subject's unit hands a task to someone else."""
    task = _locked_task(task_id, actor)
    _require_ready(task)
    if not org.manages_unit(actor, task.subject.unit):
        raise Forbidden(_("Only the performance administrator (HR) of this unit may do this."))
    if not org.manages_unit(actor, employee.unit):
        # Holding a task opens the instance and the plan it is for: only to people HR manages.
        raise Forbidden(_("This employee works outside the units you manage."), fields={"employeeId": "outside"})
    if not employee.is_active or employee.user_id is None:
        raise BadInput(_("This employee cannot receive tasks (inactive or without an account)."),
                       fields={"employeeId": "inactive"})
    before = task.assignee
    mirror.assign(task, lanes.Assignment(employee, [employee]))
    steps.record(task.instance, ProcessEvent.Kind.REASSIGNED, actor=actor, task=task,
           data={"from": before.nip if before else None, "to": employee.nip})
    return task


def tasks_follow_rater_changes(changes: list) -> None:
    """READY tasks in the rater and rater-supervisor lanes move to the new people (called by the
    organization services inside their transaction)."""
    changed = {c.employee_id for c in changes}
    subjects = Employee.objects.filter(Q(pk__in=changed) | Q(rater_id__in=changed)).values("pk")
    tasks = (HumanTask.objects.filter(state=TaskState.READY, subject_id__in=subjects)
             .select_related("instance__definition", "subject__rater__rater", "subject__unit", "assignee"))
    for task in tasks:
        binding = task.instance.definition.lane_binding(task.lane)
        if binding not in (lanes.RATER, lanes.RATER_SUPERVISOR):
            continue
        assignment = lanes.assign(binding, task.subject)
        if assignment.assignee != task.assignee:
            before = task.assignee
            mirror.assign(task, assignment)
            steps.record(task.instance, ProcessEvent.Kind.REASSIGNED, task=task, outcome="org change",
                   data={"from": before.nip if before else None,
                         "to": assignment.assignee.nip if assignment.assignee else None})


# --- timers -----------------------------------------------------------------------------------

def timers_fire_due(*, now: dt.datetime | None = None, limit: int = 200) -> int:
    """Fire due timers, one instance per transaction; returns how many instances moved."""
    now = now or timezone.now()
    fired = 0
    ids = list(ProcessInstance.objects.filter(status=InstanceStatus.RUNNING, next_timer_at__lte=now)
               .order_by("next_timer_at").values_list("pk", flat=True)[:limit])
    for pk in ids:
        try:
            with transaction.atomic():
                instance = steps.locked_due_instance(pk, now)
                if instance is None:
                    continue
                steps.advance(instance, steps.timer_refresh(), actor=None)
                fired += 1
        except Conflict:
            continue  # moved by someone else meanwhile; their save set its next timer
        except Exception as exc:  # one broken instance must not hold up every other due timer
            _timer_failed(pk, now, exc)
    return fired


def _timer_failed(pk: int, now: dt.datetime, exc: Exception) -> None:
    """The reason a timer's step failed, for the instance's history: a domain error's message; for
    a bug of ours only its class (the details go to the log)."""
    if isinstance(exc, DomainError):
        reason = str(exc.message)
        logger.warning("timer of instance %s failed: %s", pk, reason)
    else:
        reason = _("An internal error (%(error)s) stopped the timer; the server log has the details.") % {
            "error": type(exc).__name__}
        logger.error("timer of instance %s failed", pk, exc_info=exc)
    with transaction.atomic():
        steps.retry_timer_later(pk, now, reason)
