"""The step kernel: the one place that moves a process instance (docs/design.md, "The workflow
runtime"). Services check the caller and build an ``Action``; ``advance`` then, inside the
caller's transaction:

1. loads the workflow from the instance's state and the cached definition (``load``);
2. runs the action on it, then the engine up to its next wait — service-task handlers and a
   completion handler run here, through the registry (``registry.run``);
3. saves the state with ``UPDATE … WHERE lock_version = old`` (a lost race is CONFLICT) in one
   statement with the columns that follow from it (status, next timer, a new definition);
4. mirrors the human tasks (``mirror.sync``: cancel vanished, insert new, assign, grant);
5. appends the audit events;
6. publishes the live events, which leave after the commit (``apps.core.events``).

``start`` does the same for new instances, in bulk. No other module writes ``ProcessInstance``
(tests/test_kernel_architecture.py).
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import IntegrityError
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from apps.core import events
from apps.core.errors import BadInput, Conflict, DomainError
from apps.organization.models import Employee

from . import engine, mirror, registry
from .models import HumanTask, InstanceStatus, ProcessDefinition, ProcessEvent, ProcessInstance, TaskState

logger = logging.getLogger("kinerja.workflow")


# --- the definition a step reads ----------------------------------------------------------------

# What a step reads of its definition (forms, tasks, lanes) never changes within a version: keep
# it per process, keyed by id and checksum, instead of decoding those JSON columns on every step.
HEAVY_DEFINITION_FIELDS = ("bpmn_xml", "forms", "user_tasks", "lanes", "lane_bindings", "starters")
_HEAVY_TASK_DEFINITION_COLUMNS = tuple(f"instance__definition__{name}" for name in HEAVY_DEFINITION_FIELDS)


@functools.lru_cache(maxsize=256)
def _definition_content(pk: int, checksum: str, created_at: dt.datetime) -> ProcessDefinition:
    return ProcessDefinition.objects.defer("bpmn_xml").get(pk=pk, checksum=checksum)


@receiver(post_migrate)
def _forget_definitions(**_kwargs) -> None:
    """Migrations and flushes (tests) re-create definitions under other ids."""
    _definition_content.cache_clear()


def cached_definition(light: ProcessDefinition) -> ProcessDefinition:
    """For a definition loaded lightly (``HEAVY_DEFINITION_FIELDS`` deferred), a copy of the
    cached full one (a copy: the cached object is shared by every request of the process and
    must not change)."""
    definition = copy.copy(_definition_content(light.pk, light.checksum, light.created_at))
    definition.status = light.status  # the one column that changes
    return definition


def locked_task(task_id: int) -> HumanTask | None:
    """A task row-locked for a step, with its instance, cached definition, assignee and subject —
    one statement. What the subject's lanes read (unit, rater, rater's rater) is not joined in:
    measured, the wider lock cost PostgreSQL ~3 ms more CPU per completion than the one statement
    it saved (bench.run --scenario complete)."""
    try:
        # get(), not first(): first() would order by pk, and compiling that ORDER BY across the
        # joined rows was a third of this statement's CPU (py-spy).
        task = (HumanTask.objects.select_for_update(of=("self",))
                .select_related("instance__definition", "assignee", "subject")
                .defer(*_HEAVY_TASK_DEFINITION_COLUMNS).get(pk=task_id))
    except HumanTask.DoesNotExist:
        return None
    task.instance.definition = cached_definition(task.instance.definition)
    return task


def locked_due_instance(pk: int, now: dt.datetime) -> ProcessInstance | None:
    """A running instance whose timer is due, row-locked (its definition cached, not locked), or
    None when it is no longer due or another sweep holds it."""
    instance = (ProcessInstance.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("definition").defer(*(f"definition__{name}" for name in HEAVY_DEFINITION_FIELDS))
                .filter(pk=pk, status=InstanceStatus.RUNNING, next_timer_at__lte=now).first())
    if instance is not None:
        instance.definition = cached_definition(instance.definition)
    return instance


def load(instance: ProcessInstance):
    """The instance's workflow, restored from its state on its version's cached spec."""
    return engine.loads(instance.state, engine.definition_spec(instance.definition))


# --- actions ----------------------------------------------------------------------------------------

@dataclass
class Action:
    """What a step does to an instance, built by the service that checked the caller."""
    kind: str                                    # the ProcessEvent.Kind the audit records
    run: Callable[[ProcessInstance, object, User | None], None] = lambda *_args: None
    task: HumanTask | None = None                # the human task the step completes
    data: dict = field(default_factory=dict)     # the audit's data (a completion: the submission)
    outcome: str = ""
    definition: ProcessDefinition | None = None  # the version the instance moves to (migration)


def completion(task: HumanTask, data: dict) -> Action:
    """Complete a READY human task with the submitted (already validated) data: its completion
    handler first (it sees the submission, values only: the object it acts on is the instance's
    binding), then the engine."""
    handler_name = task.instance.definition.user_task(task.bpmn_id).get("handler")

    def run(instance, workflow, actor):
        spiff_task = engine.ready_user_task(workflow, task.task_uuid)
        if spiff_task is None:
            raise Conflict()
        if handler_name:
            registry.run(handler_name, registry.StepContext(instance=instance, data=data, actor=actor, task=task))
        engine.complete_user_task(spiff_task, data)

    return Action(ProcessEvent.Kind.COMPLETED, run, task=task, data=data, outcome=data.get("decision", ""))


def timer_refresh() -> Action:
    """Fire the instance's due timers."""
    return Action(ProcessEvent.Kind.TIMER_FIRED, lambda _instance, workflow, _actor: engine.refresh_timers(workflow))


def migration(source: ProcessDefinition, target: ProcessDefinition, top_diff) -> Action:
    """Move the instance onto another version of its process (``engine.migration_refusal`` said
    it may); its open tasks keep their ids and take the new version's names, forms and lanes."""
    target_spec = engine.definition_spec(target)
    return Action(ProcessEvent.Kind.MIGRATED,
                  lambda _instance, workflow, _actor: engine.migrate(workflow, top_diff, target_spec),
                  data={"from": source.version, "to": target.version}, definition=target)


# --- the step ---------------------------------------------------------------------------------------

def advance(instance: ProcessInstance, action: Action, *, actor: User | None,
            workflow=None) -> list[HumanTask]:
    """Move a loaded (and locked) instance by one step; returns the human tasks it opened.
    ``workflow``: the instance's workflow when the caller has loaded it already."""
    workflow = workflow if workflow is not None else load(instance)
    expected_lock = instance.lock_version
    open_before = engine.open_user_task_ids(workflow)
    _run(instance, workflow, actor, lambda: action.run(instance, workflow, actor))
    if action.task is not None:
        assert actor is not None, "a human task is completed by a signed-in user (services.task_complete)"
        _close(action.task, actor, action.data)
        open_before.discard(action.task.task_uuid)
    extra = {"definition": action.definition} if action.definition is not None else {}
    _save(instance, workflow, expected_lock=expected_lock, **extra)
    subject = action.task.subject if action.task is not None else None
    opened = mirror.sync(instance, workflow, instance.definition, open_before=open_before, subject=subject)
    if action.definition is not None:
        mirror.refresh(instance, workflow, instance.definition)
    if action.task is not None and actor is not None:
        # Completed for the subject (a step of their process) and for whoever completed it.
        events.publish_many(mirror.task_messages(action.task, "COMPLETED", [actor.pk, action.task.subject.user_id]))
    audit = [event_row(instance, action.kind, actor=actor, task=action.task, data=action.data,
                       outcome=action.outcome)]
    if instance.status == InstanceStatus.COMPLETED:
        audit.append(event_row(instance, ProcessEvent.Kind.ENDED))
    ProcessEvent.objects.bulk_create(audit)
    return opened


def _run(instance: ProcessInstance, workflow, actor: User | None, action: Callable[[], None]) -> None:
    """Run the action, then the engine's steps. A failure of the process itself (its conditions,
    scripts, flows) fails the step cleanly as BAD_USER_INPUT; a handler's DomainError reaches the
    client as it is; a bug in a handler (``registry.HandlerFailed``) or in the runtime is
    INTERNAL, its text logged only."""
    token = engine.current_step.set({"instance": instance, "actor": actor})
    try:
        action()
        engine.run_engine_steps(workflow)
    except (DomainError, registry.HandlerFailed):
        raise
    except (engine.StepError, ValueError) as exc:
        inner = getattr(exc, "error_line", None)
        logger.info("step failed in instance %s: %s", instance.pk, exc)
        raise BadInput(_("The process step failed; nothing was saved: %(reason)s")
                       % {"reason": engine.plain_message(str(exc)) + (f" ({inner})" if inner else "")}) from None
    finally:
        engine.current_step.reset(token)


def _close(task: HumanTask, actor: User, data: dict) -> None:
    """Mark the completed task's row, only while it is still READY."""
    completed = {"state": TaskState.COMPLETED, "completed_at": timezone.now(), "completed_by": actor, "data": data}
    if HumanTask.objects.filter(pk=task.pk, state=TaskState.READY).update(**completed) != 1:
        raise Conflict()
    for name, value in completed.items():
        setattr(task, name, value)


def _state_values(workflow, lock_version: int) -> dict:
    """The instance columns that follow from the engine's state."""
    next_timer = engine.next_timer(workflow)
    completed = engine.is_completed(workflow)
    return dict(
        state=engine.dumps(workflow), serializer_version=engine.SERIALIZER_VERSION, lock_version=lock_version,
        next_timer_at=parse_datetime(next_timer) if next_timer else None,
        status=InstanceStatus.COMPLETED if completed else InstanceStatus.RUNNING,
        ended_at=timezone.now() if completed else None,
    )


def _save(instance: ProcessInstance, workflow, *, expected_lock: int, **extra) -> None:
    """One UPDATE: the state, the next lock version and what follows from them (and ``extra``
    columns), only where the lock version is still the one loaded."""
    values = {**_state_values(workflow, expected_lock + 1), **extra}
    if ProcessInstance.objects.filter(pk=instance.pk, lock_version=expected_lock).update(**values) != 1:
        raise Conflict()
    for name, value in values.items():
        setattr(instance, name, value)


# --- starting ---------------------------------------------------------------------------------------

@dataclass
class StartRequest:
    subject: Employee      # with unit, rater__rater and user loaded (the lanes read them)
    data: dict
    binding: registry.Binding | None = None


def start(definition: ProcessDefinition, requests: list[StartRequest],
          actor: User | None) -> list[ProcessInstance]:
    """Start instances of a published definition, inside the caller's transaction (which an
    IntegrityError leaves unusable: the CONFLICT raised must roll it back). Runs each engine to
    its first wait, then writes instances, tasks, grants and audit in bulk: the same statements
    for any number. A subject with a running instance for the period is the unique constraint's
    CONFLICT."""
    spec = engine.definition_spec(definition)
    instances = [ProcessInstance(definition=definition, key=definition.key, subject=r.subject, initiator=actor,
                                 period_id=str(r.data.get("periodId") or ""), state="{}",
                                 bound_kind=r.binding.kind if r.binding else "",
                                 bound_id=r.binding.id if r.binding else None,
                                 serializer_version=engine.SERIALIZER_VERSION) for r in requests]
    # A service task on the way to the first wait may refer to its instance (its handler gets
    # it): then the rows go in first and their states after. Otherwise nothing needs them before
    # they are inserted with their states, one statement fewer (and no large UPDATE … CASE).
    insert_first = engine.calls_services(spec)
    if insert_first:
        _insert_instances(instances)
    pairs, audit = [], []
    for instance, request in zip(instances, requests, strict=True):
        workflow = engine.new_workflow(spec, {**request.data, "subject_employee_id": request.subject.pk})
        _run(instance, workflow, actor, lambda: None)
        for name, value in _state_values(workflow, 1).items():
            setattr(instance, name, value)
        audit.append(event_row(instance, ProcessEvent.Kind.STARTED, actor=actor, data=dict(request.data)))
        if instance.status == InstanceStatus.COMPLETED:
            audit.append(event_row(instance, ProcessEvent.Kind.ENDED))
        pairs += [mirror.new_task(instance, t, definition, request.subject)
                  for t in engine.open_user_tasks(workflow).values()]
    if insert_first:
        ProcessInstance.objects.bulk_update(instances, ["state", "serializer_version", "lock_version", "next_timer_at",
                                                        "status", "ended_at"])
    else:
        _refuse_if_running([i for i in instances if i.status != InstanceStatus.RUNNING])
        _insert_instances(instances)
    subjects_view = [row for instance, r in zip(instances, requests, strict=True)
                     for row in mirror.view_rows(instance, [r.subject])]
    mirror.insert(pairs, views=subjects_view)
    ProcessEvent.objects.bulk_create(sorted(audit, key=lambda e: e.kind != ProcessEvent.Kind.STARTED))
    return instances


def _refuse_if_running(finished: list[ProcessInstance]) -> None:
    """An instance that ended before its first wait goes in as COMPLETED, which the unique
    constraint on running instances does not see: check those few (one statement, only then)."""
    if not finished:
        return
    wanted = {(i.subject_id, i.period_id) for i in finished}
    running = ProcessInstance.objects.filter(key=finished[0].key, status=InstanceStatus.RUNNING,
                                             subject_id__in={s for s, _p in wanted},
                                             period_id__in={p for _s, p in wanted}).values_list("subject_id", "period_id")
    if wanted & set(running):
        raise _already_running(finished[0].key)


def _insert_instances(instances: list[ProcessInstance]) -> None:
    try:
        ProcessInstance.objects.bulk_create(instances)
    except IntegrityError:
        raise _already_running(instances[0].key) from None


def _already_running(key: str) -> Conflict:
    return Conflict(_("A %(key)s process is already running for this employee and period.") % {"key": key})


# --- timers that failed ---------------------------------------------------------------------------

TIMER_RETRY_FIRST = dt.timedelta(minutes=1)
TIMER_RETRY_MAX = dt.timedelta(hours=1)


def retry_timer_later(pk: int, now: dt.datetime, reason: str) -> None:
    """After the instance's own step rolled back: say in its history what failed and try again
    later — 1, 2, 4 … minutes after each failure in a row, at most an hour."""
    last = ProcessEvent.objects.filter(instance_id=pk).order_by("-created_at", "-id").only("kind", "data").first()
    in_a_row = last.data.get("attempt", 0) if last and last.kind == ProcessEvent.Kind.TIMER_FAILED else 0
    attempt = in_a_row + 1
    retry_at = now + min(TIMER_RETRY_MAX, TIMER_RETRY_FIRST * 2 ** min(attempt - 1, 10))
    # Only while still due: a concurrent step that moved the instance has set its next timer.
    if ProcessInstance.objects.filter(pk=pk, status=InstanceStatus.RUNNING, next_timer_at__lte=now).update(
            next_timer_at=retry_at):
        ProcessEvent.objects.create(instance_id=pk, kind=ProcessEvent.Kind.TIMER_FAILED, outcome=reason[:300],
                                    data={"attempt": attempt, "retryAt": retry_at.isoformat()})


# --- audit ------------------------------------------------------------------------------------------

def event_row(instance, kind, *, actor=None, task=None, data=None, outcome="") -> ProcessEvent:
    """An audit event (not saved)."""
    return ProcessEvent(instance=instance, kind=kind, actor=actor if actor and actor.is_authenticated else None,
                        task=task, data=data or {}, outcome=str(outcome)[:300])


def record(instance, kind, **fields) -> ProcessEvent:
    """Append an audit event for an act on a task that does not move the instance (claim,
    draft, reassignment)."""
    event = event_row(instance, kind, **fields)
    event.save()
    return event
