"""Every write of the runtime. Each public function is one transaction (docs/design.md):
load state, act, save state with ``lock_version + 1`` (a lost race is CONFLICT), resync the
HumanTask mirror, write the audit event, run domain handlers."""
from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import logging
from dataclasses import dataclass

import jsonschema
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from apps.core import events
from apps.core.errors import BadInput, Conflict, DomainError, Forbidden, NotFound
from apps.organization import selectors as org
from apps.organization.models import Employee

from . import engine, lanes, registry, selectors
from .models import (
    DefinitionStatus,
    HumanTask,
    HumanTaskUserObjectPermission,
    InstanceStatus,
    ProcessDefinition,
    ProcessEvent,
    ProcessInstance,
    ProcessInstanceUserObjectPermission,
    TaskState,
)

logger = logging.getLogger("kinerja.workflow")


# --- definitions ----------------------------------------------------------------------------

def _require_process_admin(actor: AbstractBaseUser | None) -> None:
    """``actor`` None is the system itself (shipping the bundled processes)."""
    if actor is not None and not selectors.is_process_admin(actor):
        raise Forbidden(_("Only a process administrator may change process definitions."))


def _refuse(problems: list[engine.Problem]) -> BadInput:
    return BadInput(_("The process definition was refused: %(count)d problem(s).") % {"count": len(problems)},
                    errors=[p.as_dict() for p in problems])


def _check(actor: AbstractBaseUser | None, bpmn_xml: str, forms: dict | None, lane_bindings: dict | None,
           key: str | None) -> engine.CheckedDefinition:
    _require_process_admin(actor)
    return engine.check_definition(bpmn_xml, forms, lane_bindings, key,
                                   allow_scripts=actor is None or actor.has_perm("workflow.deploy_script"))


def definition_check(*, actor: AbstractBaseUser, bpmn_xml: str, forms: dict | None = None,
                     lane_bindings: dict | None = None, key: str | None = None) -> list[engine.Problem]:
    """The problems ``definition_upload`` would refuse the file for, without storing anything
    (the modeler's "Periksa"); empty when it would be accepted."""
    try:
        _check(actor, bpmn_xml, forms, lane_bindings, key)
    except engine.DefinitionInvalid as exc:
        return exc.problems
    return []


@transaction.atomic
def definition_upload(*, actor: AbstractBaseUser | None, bpmn_xml: str, forms: dict | None = None,
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
def definition_publish(*, actor: AbstractBaseUser | None, definition: ProcessDefinition) -> ProcessDefinition:
    """Publish a draft; the previously published version of the key is retired (its running
    instances go on with it)."""
    _require_process_admin(actor)
    definition = ProcessDefinition.objects.select_for_update().get(pk=definition.pk)
    if definition.status != DefinitionStatus.DRAFT:
        raise Conflict(_("Only a draft can be published; this version is %(status)s.") % {"status": definition.status})
    ProcessDefinition.objects.filter(key=definition.key, status=DefinitionStatus.PUBLISHED).update(
        status=DefinitionStatus.RETIRED)
    definition.status, definition.published_by, definition.published_at = DefinitionStatus.PUBLISHED, actor, timezone.now()
    definition.save(update_fields=["status", "published_by", "published_at"])
    return definition


@transaction.atomic
def definition_retire(*, actor: AbstractBaseUser, definition: ProcessDefinition) -> ProcessDefinition:
    _require_process_admin(actor)
    definition = ProcessDefinition.objects.select_for_update().get(pk=definition.pk)
    if definition.status == DefinitionStatus.RETIRED:
        raise Conflict(_("This version is already retired."))
    definition.status = DefinitionStatus.RETIRED
    definition.save(update_fields=["status"])
    return definition


# --- running ----------------------------------------------------------------------------------

# What a step reads of its definition (forms, tasks, lanes) never changes within a version: keep
# it per process, keyed by id and checksum, instead of decoding those JSON columns on every step.
_HEAVY_DEFINITION_COLUMNS = tuple(f"instance__definition__{name}" for name in
                                  ("bpmn_xml", "forms", "user_tasks", "lanes", "lane_bindings", "starters"))


@functools.lru_cache(maxsize=256)
def _definition_content(pk: int, checksum: str, created_at: dt.datetime) -> ProcessDefinition:
    return ProcessDefinition.objects.defer("bpmn_xml").get(pk=pk, checksum=checksum)


def _use_cached_definition(instance: ProcessInstance) -> ProcessDefinition:
    """Swap the instance's lightly loaded definition for a copy of the cached full one (a copy:
    the cached object is shared by every request of the process and must not change)."""
    light = instance.definition
    definition = copy.copy(_definition_content(light.pk, light.checksum, light.created_at))
    definition.status = light.status  # the one column that changes
    instance.definition = definition
    return definition


def _run_engine(instance: ProcessInstance, workflow, actor: AbstractBaseUser | None, action) -> None:
    """Run engine steps. A failure of the process itself (its conditions, scripts, flows) fails
    the step cleanly as BAD_USER_INPUT; a handler's DomainError reaches the client as it is; a bug
    in a handler (``registry.HandlerFailed``) or in the runtime is INTERNAL, its text logged only."""
    token = engine.current_step.set({"instance": instance, "actor": actor})
    try:
        action()
        workflow.do_engine_steps()
    except (DomainError, registry.HandlerFailed):
        raise
    except (engine.StepError, ValueError) as exc:
        inner = getattr(exc, "error_line", None)
        logger.info("step failed in instance %s: %s", instance.pk, exc)
        raise BadInput(_("The process step failed; nothing was saved: %(reason)s")
                       % {"reason": engine._clean(str(exc)) + (f" ({inner})" if inner else "")}) from None
    finally:
        engine.current_step.reset(token)


@functools.cache
def _permission_id(codename: str) -> int:
    return Permission.objects.get(content_type__app_label="workflow", codename=codename).pk


@receiver(post_migrate)
def _forget_cached_rows(**_kwargs) -> None:
    """Migrations and flushes (tests) re-create permissions and definitions under other ids."""
    _permission_id.cache_clear()
    _definition_content.cache_clear()


def _view_rows(instance: ProcessInstance, employees) -> list[ProcessInstanceUserObjectPermission]:
    """Guardian's direct-FK rows granting view of the instance."""
    return [ProcessInstanceUserObjectPermission(user_id=u, content_object=instance,
                                                permission_id=_permission_id("view_processinstance"))
            for u in {e.user_id for e in employees if e and e.user_id}]


def _grant_view(instance: ProcessInstance, employees: list[Employee]) -> None:
    ProcessInstanceUserObjectPermission.objects.bulk_create(_view_rows(instance, employees), ignore_conflicts=True)


def _complete_rows(task: HumanTask, people) -> list[HumanTaskUserObjectPermission]:
    """Guardian's direct-FK rows letting these people complete the task."""
    return [HumanTaskUserObjectPermission(user_id=p.user_id, content_object=task,
                                          permission_id=_permission_id("complete_humantask"))
            for p in people if p.user_id]


def _insert_tasks(pairs: list[tuple[HumanTask, lanes.Assignment]]) -> list[HumanTask]:
    """Insert new tasks with their candidates, the complete permission for the candidates and
    view of the instance for them: four statements for any number of tasks."""
    tasks = HumanTask.objects.bulk_create([task for task, _assignment in pairs])
    candidates, grants, views = [], [], []
    for task, assignment in pairs:
        people = list({p.pk: p for p in assignment.candidates if p is not None}.values())
        candidates += [HumanTask.candidates.through(humantask_id=task.pk, employee_id=p.pk) for p in people]
        grants += _complete_rows(task, people)
        views += _view_rows(task.instance, people)
    HumanTask.candidates.through.objects.bulk_create(candidates)
    HumanTaskUserObjectPermission.objects.bulk_create(grants, ignore_conflicts=True)
    ProcessInstanceUserObjectPermission.objects.bulk_create(views, ignore_conflicts=True)
    events.publish_many([message for task, assignment in pairs for message in _task_messages(
        task, "ASSIGNED" if task.assignee_id else "CLAIMABLE", [p.user_id for p in assignment.candidates if p])])
    return tasks


def _task_messages(task: HumanTask, kind: str, user_ids) -> list[tuple[str, str, dict]]:
    """Live ``taskEvents`` messages about a task to these users."""
    return [(events.user_group(u), events.TASK_EVENT, {"kind": kind, "task_id": task.pk})
            for u in sorted({u for u in user_ids if u})]


def _assign(task: HumanTask, assignment: lanes.Assignment) -> None:
    """Move an open task to other people, and the complete permission with it; those it leaves
    lose their view of the instance unless they took part in it (see ``_revoke_bystanders``)."""
    before = set(task.candidates.values_list("user_id", flat=True))
    HumanTaskUserObjectPermission.objects.filter(
        content_object=task, permission_id=_permission_id("complete_humantask")).delete()
    task.assignee = assignment.assignee
    task.save(update_fields=["assignee"])
    people = [p for p in assignment.candidates if p is not None]
    task.candidates.set(people)
    HumanTaskUserObjectPermission.objects.bulk_create(_complete_rows(task, people), ignore_conflicts=True)
    _grant_view(task.instance, people)
    _revoke_bystanders(task, before - {p.user_id for p in people} - {None})


def _revoke_bystanders(task: HumanTask, user_ids: set[int]) -> None:
    """A task moved away from people who never acted in its instance (a rater replaced before
    deciding): they lose the instance and, with it, the plan it is for. Who completed a step of
    it, still holds another of its tasks, or is its subject keeps it."""
    if not user_ids:
        return
    instance = task.instance
    involved = set(HumanTask.objects.filter(instance=instance).filter(
        Q(completed_by_id__in=user_ids) | Q(state=TaskState.READY, candidates__user_id__in=user_ids))
        .exclude(pk=task.pk).values_list("completed_by_id", "candidates__user_id").distinct().iterator())
    keep = {u for pair in involved for u in pair} | {task.subject.user_id}
    ProcessInstanceUserObjectPermission.objects.filter(
        content_object=instance, user_id__in=user_ids - keep,
        permission_id=_permission_id("view_processinstance")).delete()


def _due_at(spiff_task) -> dt.datetime | None:
    """The earliest timer on the task's boundary (its deadline), if any."""
    parent = spiff_task.parent
    dues = []
    for sibling in (parent.children if parent else []):
        definition = getattr(sibling.task_spec, "event_definition", None)
        if sibling is spiff_task or not engine.is_timer(definition):
            continue
        try:
            value = engine._due(definition.details(sibling).value)
        except Exception:  # a timer that is not waiting yet has no due time
            continue
        due = parse_datetime(value) if value else None
        if due:
            dues.append(due)
    return min(dues) if dues else None


def _new_task(instance: ProcessInstance, spiff_task, definition: ProcessDefinition,
              subject: Employee) -> tuple[HumanTask, lanes.Assignment]:
    """The mirror row of a READY user task (not saved) and who gets it."""
    spec = spiff_task.task_spec
    meta = definition.user_task(spec.bpmn_id)
    binding = definition.lane_binding(spec.lane or "")
    assignment = lanes.assign(binding, subject) if binding else lanes.Assignment(None, [])
    draft = spiff_task.data.get("draft")
    task = HumanTask(
        instance=instance, subject=subject, task_uuid=spiff_task.id, bpmn_id=spec.bpmn_id,
        name=spec.bpmn_name or spec.bpmn_id, lane=spec.lane or "", assignee=assignment.assignee,
        instructions=(spec.extensions or {}).get("instructionsForEndUser") or spec.documentation or "",
        form_key=meta.get("form") or "", ui_form_key=meta.get("uiForm") or "",
        data=dict(draft) if isinstance(draft, dict) else {}, due_at=_due_at(spiff_task),
    )
    return task, assignment


def _sync_tasks(instance: ProcessInstance, workflow, definition: ProcessDefinition) -> list[HumanTask]:
    """Mirror READY user tasks: insert new ones (assigned per lane), cancel vanished ones."""
    ready = {str(t.id): t for t in engine.ready_user_tasks(workflow)}
    existing = {str(t.task_uuid): t for t in instance.tasks.filter(state=TaskState.READY)}
    vanished = [t.pk for uuid, t in existing.items() if uuid not in ready]
    if vanished:
        HumanTask.objects.filter(pk__in=vanished).update(state=TaskState.CANCELLED, completed_at=timezone.now())
    new = [t for uuid, t in ready.items() if uuid not in existing]
    if not new:
        return []
    subject = Employee.objects.select_related("unit", "rater__rater", "user").get(pk=instance.subject_id)
    return _insert_tasks([_new_task(instance, t, definition, subject) for t in new])


def _refresh_open_tasks(instance: ProcessInstance, workflow, definition: ProcessDefinition) -> None:
    """After a migration: open tasks keep their ids, but take the new version's name, form and
    lane (and move to the new lane's people)."""
    ready = {t.id: t for t in engine.ready_user_tasks(workflow)}
    for task in instance.tasks.filter(state=TaskState.READY).select_related("subject__rater__rater", "subject__unit"):
        spiff_task = ready.get(task.task_uuid)
        if spiff_task is None:
            continue
        spec = spiff_task.task_spec
        meta = definition.user_task(spec.bpmn_id)
        lane_changed = task.lane != (spec.lane or "")
        task.name, task.lane = spec.bpmn_name or spec.bpmn_id, spec.lane or ""
        task.form_key, task.ui_form_key = meta.get("form") or "", meta.get("uiForm") or ""
        task.instructions = (spec.extensions or {}).get("instructionsForEndUser") or spec.documentation or ""
        task.save(update_fields=["name", "lane", "form_key", "ui_form_key", "instructions"])
        binding = definition.lane_binding(task.lane)
        if lane_changed:
            _assign(task, lanes.assign(binding, task.subject) if binding else lanes.Assignment(None, []))


def _state_values(workflow, lock_version: int) -> dict:
    """The instance columns that follow from the engine's state."""
    next_timer = engine.next_timer(workflow)
    completed = workflow.is_completed()
    return dict(
        state=engine.dumps(workflow), serializer_version=engine.SERIALIZER_VERSION, lock_version=lock_version,
        next_timer_at=parse_datetime(next_timer) if next_timer else None,
        status=InstanceStatus.COMPLETED if completed else InstanceStatus.RUNNING,
        ended_at=timezone.now() if completed else None,
    )


def _save(instance: ProcessInstance, workflow, *, expected_lock: int) -> None:
    values = _state_values(workflow, expected_lock + 1)
    updated = ProcessInstance.objects.filter(pk=instance.pk, lock_version=expected_lock).update(**values)
    if updated != 1:
        raise Conflict()
    for name, value in values.items():
        setattr(instance, name, value)


def _event_row(instance, kind, *, actor=None, task=None, data=None, outcome="") -> ProcessEvent:
    return ProcessEvent(instance=instance, kind=kind, actor=actor if actor and actor.is_authenticated else None,
                        task=task, data=data or {}, outcome=str(outcome)[:300])


def _event(instance, kind, **fields) -> ProcessEvent:
    event = _event_row(instance, kind, **fields)
    event.save()
    return event


def _may_start(actor: AbstractBaseUser, definition: ProcessDefinition, subject: Employee) -> bool:
    if actor.is_superuser:
        return True
    roles = set(definition.starters or engine.DEFAULT_STARTERS)
    return (
        ("EMPLOYEE" in roles and subject.user_id == actor.pk)
        or ("RATER" in roles and subject.rater and subject.rater.user_id == actor.pk)
        or ("RATER_SUPERVISOR" in roles and subject.rater and subject.rater.rater_id
            and subject.rater.rater.user_id == actor.pk)
        or ("PERFORMANCE_ADMIN" in roles and org.manages_unit(actor, subject.unit))
    )


def _published(key: str) -> ProcessDefinition:
    definition = ProcessDefinition.objects.filter(key=key, status=DefinitionStatus.PUBLISHED).first()
    if definition is None:
        raise NotFound(_("There is no published process %(key)s.") % {"key": key})
    return definition


def _already_running(key: str) -> Conflict:
    return Conflict(_("A %(key)s process is already running for this employee and period.") % {"key": key})


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
def process_start(*, actor: AbstractBaseUser | None, key: str, subject: Employee,
                  data: dict | None = None, binding: registry.Binding | None = None) -> ProcessInstance:
    """Start the published version of ``key`` for a subject. ``actor`` None is the system;
    ``binding`` is given only by the service that owns the object the process acts on."""
    definition = _published(key)
    if actor is not None and not _may_start(actor, definition, subject):
        raise Forbidden()
    _require_binding(definition, [binding])
    data = dict(data or {})
    if ProcessInstance.objects.filter(key=key, subject=subject, period_id=str(data.get("periodId") or ""),
                                      status=InstanceStatus.RUNNING).exists():
        raise _already_running(key)
    return _start(definition, [StartRequest(subject, data, binding)], actor)[0]


@dataclass
class StartRequest:
    subject: Employee      # with unit, rater__rater and user loaded (the lanes read them)
    data: dict
    binding: registry.Binding | None = None


@transaction.atomic
def processes_start_many(*, key: str, requests: list[StartRequest]) -> list[ProcessInstance]:
    """System starts of ``key`` for many subjects at once (bulk jobs): what ``process_start``
    does, in a handful of statements for the whole batch. A subject with a running instance for
    the period makes the whole batch CONFLICT; callers then go one by one to report who."""
    definition = _published(key)
    _require_binding(definition, [r.binding for r in requests])
    return _start(definition, requests, None)


def _start(definition: ProcessDefinition, requests: list[StartRequest], actor) -> list[ProcessInstance]:
    """Insert the instances first (service tasks at the start may refer to them), run each
    engine to its first wait, then write states, tasks, grants and audit in bulk."""
    try:
        with transaction.atomic():
            instances = ProcessInstance.objects.bulk_create([
                ProcessInstance(definition=definition, key=definition.key, subject=r.subject, initiator=actor,
                                period_id=str(r.data.get("periodId") or ""), state="{}",
                                bound_kind=r.binding.kind if r.binding else "",
                                bound_id=r.binding.id if r.binding else None,
                                serializer_version=engine.SERIALIZER_VERSION) for r in requests])
    except IntegrityError:
        raise _already_running(definition.key) from None
    spec = engine.definition_spec(definition)
    pairs, audit = [], []
    for instance, request in zip(instances, requests, strict=True):
        workflow = engine.new_workflow(spec, {**request.data, "subject_employee_id": request.subject.pk})
        _run_engine(instance, workflow, actor, lambda: None)
        for name, value in _state_values(workflow, 1).items():
            setattr(instance, name, value)
        audit.append(_event_row(instance, ProcessEvent.Kind.STARTED, actor=actor, data=dict(request.data)))
        if instance.status == InstanceStatus.COMPLETED:
            audit.append(_event_row(instance, ProcessEvent.Kind.ENDED))
        pairs += [_new_task(instance, t, definition, request.subject) for t in engine.ready_user_tasks(workflow)]
    ProcessInstance.objects.bulk_update(instances, ["state", "serializer_version", "lock_version", "next_timer_at",
                                                    "status", "ended_at"])
    ProcessInstanceUserObjectPermission.objects.bulk_create(
        [row for instance, r in zip(instances, requests, strict=True) for row in _view_rows(instance, [r.subject])],
        ignore_conflicts=True)
    _insert_tasks(pairs)
    ProcessEvent.objects.bulk_create(sorted(audit, key=lambda e: e.kind != ProcessEvent.Kind.STARTED))
    return instances


def _locked_task(task_id: int, actor: AbstractBaseUser) -> HumanTask:
    """The task, row-locked, if the actor may see it (else NOT_FOUND). Whoever may complete it
    sees it (its candidates are granted the instance); only others need the visibility query."""
    try:
        # get(), not first(): first() would order by pk, and compiling that ORDER BY across the
        # joined rows cost a third of this query's CPU (py-spy, docs/design.md "Speed").
        task = (HumanTask.objects.select_for_update(of=("self",))
                .select_related("instance__definition", "assignee", "subject")
                .defer(*_HEAVY_DEFINITION_COLUMNS).get(pk=task_id))
    except HumanTask.DoesNotExist:
        raise NotFound() from None
    _use_cached_definition(task.instance)
    task.actor_may_complete = selectors.may_complete(actor, task)
    if not task.actor_may_complete and not selectors.tasks_visible_to(actor).filter(pk=task.pk).exists():
        raise NotFound()
    return task


def _require_ready(task: HumanTask) -> None:
    if task.state != TaskState.READY:
        raise Conflict(_("This task is already %(state)s.") % {"state": task.get_state_display().lower()})


def _require_doer(actor: AbstractBaseUser, task: HumanTask) -> None:
    """Only the assignee — or, while nobody has claimed it, a candidate — may act on a task."""
    if not task.actor_may_complete:
        raise Forbidden(_("This task is not yours."))
    if task.assignee_id and task.assignee.user_id != actor.pk:
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
                fields[".".join(str(p) for p in error.absolute_path) or "data"] = engine._clean(error.message)
        raise BadInput(_("The task data is not valid."), fields=fields)


@dataclass
class CompleteResult:
    task: HumanTask
    instance: ProcessInstance
    next_tasks: list[HumanTask]


@transaction.atomic
def task_complete(*, actor: AbstractBaseUser, task_id: int, data: dict) -> CompleteResult:
    task = _locked_task(task_id, actor)
    _require_ready(task)
    _require_doer(actor, task)
    instance = task.instance
    definition = instance.definition
    validate_task_data(definition, task, data)
    expected_lock = instance.lock_version
    workflow = engine.loads(instance.state, engine.definition_spec(definition))
    spiff_task = workflow.get_task_from_id(task.task_uuid) if task.task_uuid in workflow.tasks else None
    if spiff_task is None or not spiff_task.has_state(engine.TaskState.READY):
        raise Conflict()
    handler_name = definition.user_task(task.bpmn_id).get("handler")

    def complete():
        if handler_name:
            # The handler sees the submission (values only: the object it acts on is the
            # instance's binding).
            registry.run(handler_name, registry.StepContext(instance=instance, data=data, actor=actor, task=task))
        spiff_task.data.update(data)
        spiff_task.run()

    _run_engine(instance, workflow, actor, complete)
    completed = {"state": TaskState.COMPLETED, "completed_at": timezone.now(), "completed_by": actor, "data": data}
    if HumanTask.objects.filter(pk=task.pk, state=TaskState.READY).update(**completed) != 1:
        raise Conflict()
    for name, value in completed.items():
        setattr(task, name, value)
    _save(instance, workflow, expected_lock=expected_lock)
    next_tasks = _sync_tasks(instance, workflow, definition)
    # Completed for the subject (a step of their process) and for whoever completed it.
    events.publish_many(_task_messages(task, "COMPLETED", [actor.pk, task.subject.user_id]))
    audit = [_event_row(instance, ProcessEvent.Kind.COMPLETED, actor=actor, task=task, data=data,
                         outcome=data.get("decision", ""))]
    if instance.status == InstanceStatus.COMPLETED:
        audit.append(_event_row(instance, ProcessEvent.Kind.ENDED))
    ProcessEvent.objects.bulk_create(audit)
    return CompleteResult(task=task, instance=instance, next_tasks=next_tasks)


@transaction.atomic
def task_claim(*, actor: AbstractBaseUser, task_id: int) -> HumanTask:
    task = _locked_task(task_id, actor)
    _require_ready(task)
    if not task.actor_may_complete:
        raise Forbidden(_("This task is not yours."))
    if task.assignee_id:
        if task.assignee.user_id == actor.pk:
            return task
        raise Conflict(_("This task was claimed by someone else."))
    task.assignee = Employee.objects.get(user=actor)
    task.save(update_fields=["assignee"])
    _event(task.instance, ProcessEvent.Kind.CLAIMED, actor=actor, task=task)
    return task


@transaction.atomic
def task_unclaim(*, actor: AbstractBaseUser, task_id: int) -> HumanTask:
    """Give a claimed task back to its candidates. Personal lanes (one person) cannot be unclaimed."""
    task = _locked_task(task_id, actor)
    _require_ready(task)
    _require_doer(actor, task)
    binding = task.instance.definition.lane_binding(task.lane) or ""
    if binding in lanes.PERSONAL or binding.startswith("USER:"):
        raise BadInput(_("This task belongs to one person and cannot be given back."), fields={"id": "personal"})
    task.assignee = None
    task.save(update_fields=["assignee"])
    _event(task.instance, ProcessEvent.Kind.UNCLAIMED, actor=actor, task=task)
    return task


@transaction.atomic
def task_save_draft(*, actor: AbstractBaseUser, task_id: int, data: dict) -> HumanTask:
    """Keep unfinished form data on the task (not validated for completeness)."""
    task = _locked_task(task_id, actor)
    _require_ready(task)
    _require_doer(actor, task)
    if not isinstance(data, dict):
        raise BadInput(_("Task data must be a JSON object."), fields={"data": "object"})
    task.data = data
    task.save(update_fields=["data"])
    # The audit names the fields only: the draft is the holder's until submitted (TaskType.data).
    _event(task.instance, ProcessEvent.Kind.DRAFT_SAVED, actor=actor, task=task, data={"fields": sorted(data)})
    return task


@transaction.atomic
def task_reassign(*, actor: AbstractBaseUser, task_id: int, employee: Employee) -> HumanTask:
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
    _assign(task, lanes.Assignment(employee, [employee]))
    _event(task.instance, ProcessEvent.Kind.REASSIGNED, actor=actor, task=task,
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
            _assign(task, assignment)
            _event(task.instance, ProcessEvent.Kind.REASSIGNED, task=task, outcome="org change",
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
                instance = (ProcessInstance.objects.select_for_update(skip_locked=True).select_related("definition")
                            .filter(pk=pk, next_timer_at__lte=now).first())
                if instance is None:
                    continue
                workflow = engine.loads(instance.state, engine.definition_spec(instance.definition))
                _run_engine(instance, workflow, None, workflow.refresh_timers)
                expected = instance.lock_version
                _save(instance, workflow, expected_lock=expected)
                _event(instance, ProcessEvent.Kind.TIMER_FIRED)
                _sync_tasks(instance, workflow, instance.definition)
                if instance.status == InstanceStatus.COMPLETED:
                    _event(instance, ProcessEvent.Kind.ENDED)
                fired += 1
        except Conflict:
            continue  # moved by someone else meanwhile; their save set its next timer
        except Exception as exc:  # one broken instance must not hold up every other due timer
            _timer_failed(pk, now, exc)
    return fired


TIMER_RETRY_FIRST = dt.timedelta(minutes=1)
TIMER_RETRY_MAX = dt.timedelta(hours=1)


def _timer_failed(pk: int, now: dt.datetime, exc: Exception) -> None:
    """After the instance's own transaction rolled back: say in its history what failed and try
    again later — 1, 2, 4 … minutes after each failure in a row, at most an hour."""
    if isinstance(exc, DomainError):
        reason = str(exc.message)
        logger.warning("timer of instance %s failed: %s", pk, reason)
    else:  # a bug of ours: the class for the history, the details only for the log
        reason = _("An internal error (%(error)s) stopped the timer; the server log has the details.") % {
            "error": type(exc).__name__}
        logger.error("timer of instance %s failed", pk, exc_info=exc)
    with transaction.atomic():
        last = ProcessEvent.objects.filter(instance_id=pk).order_by("-created_at", "-id").only("kind", "data").first()
        in_a_row = last.data.get("attempt", 0) if last and last.kind == ProcessEvent.Kind.TIMER_FAILED else 0
        attempt = in_a_row + 1
        retry_at = now + min(TIMER_RETRY_MAX, TIMER_RETRY_FIRST * 2 ** min(attempt - 1, 10))
        # Only while still due: a concurrent step that moved the instance has set its next timer.
        if ProcessInstance.objects.filter(pk=pk, status=InstanceStatus.RUNNING, next_timer_at__lte=now).update(
                next_timer_at=retry_at):
            ProcessEvent.objects.create(instance_id=pk, kind=ProcessEvent.Kind.TIMER_FAILED, outcome=reason[:300],
                                        data={"attempt": attempt, "retryAt": retry_at.isoformat()})
