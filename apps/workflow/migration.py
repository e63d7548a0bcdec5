"""Moving running instances to another version of their process — an explicit, checked admin
action with a dry run. An instance is refused when a task that changed (or was removed) in the
new version has already completed, or when a waiting or ready task would disappear; SpiffWorkflow
keeps READY/WAITING task ids but restarts duration timers (docs/spiffworkflow.md)."""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.errors import BadInput

from . import engine
from .models import InstanceStatus, ProcessDefinition, ProcessEvent, ProcessInstance
from .services import (
    _event,
    _refresh_open_tasks,
    _require_process_admin,
    _run_engine,
    _save,
    _sync_tasks,
    binding_mismatch,
)

BATCH = 100


@dataclass
class MigrationReport:
    instance_id: int
    can_migrate: bool
    migrated: bool = False
    reason: str | None = None


def _verdict(workflow, target_spec) -> tuple[bool, str | None, object]:
    top, sub_diffs = engine.diff(workflow, target_spec)
    if any(d is None for d in sub_diffs.values()):
        return False, _("a running sub-process no longer exists"), top
    for task in [*top.changed, *top.removed]:
        if task.has_state(engine.TaskState.COMPLETED):
            return False, _("task %(id)s changed in the new version and has already completed") % {"id": task.task_spec.bpmn_id or task.task_spec.name}, top
    for task in top.removed:
        if task.has_state(engine.TaskState.READY | engine.TaskState.WAITING):
            return False, _("open task %(id)s does not exist in the new version") % {"id": task.task_spec.bpmn_id or task.task_spec.name}, top
    return True, None, top


def instances_migrate(*, actor: AbstractBaseUser, source: ProcessDefinition, target: ProcessDefinition,
                      dry_run: bool) -> list[MigrationReport]:
    _require_process_admin(actor)
    if source.key != target.key or source.pk == target.pk:
        raise BadInput(_("Instances can only move to another version of the same process."),
                       fields={"toDefinitionId": "other_process"})
    target_spec = engine.definition_spec(target)
    reports: list[MigrationReport] = []
    ids = list(ProcessInstance.objects.filter(definition=source, status=InstanceStatus.RUNNING)
               .order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            batch = ProcessInstance.objects.select_for_update().filter(pk__in=ids[start:start + BATCH]).order_by("pk")
            for instance in batch:
                workflow = engine.loads(instance.state, engine.definition_spec(source))
                ok, reason, top = _verdict(workflow, target_spec)
                if ok and binding_mismatch(target, {instance.bound_kind}):
                    # Its handlers would act on an object this instance was not started for.
                    ok, reason = False, _("the new version acts on an object this instance was not started for")
                report = MigrationReport(instance.pk, ok, reason=reason)
                if ok and not dry_run:
                    # Through the runtime's step runner: a service task reached right after the move
                    # runs with its instance (and a failure is the process's, cleanly reported).
                    _run_engine(instance, workflow, actor, lambda: engine.migrate(workflow, top, target_spec))
                    ProcessInstance.objects.filter(pk=instance.pk).update(definition=target)
                    instance.definition = target
                    _save(instance, workflow, expected_lock=instance.lock_version)
                    _sync_tasks(instance, workflow, target)
                    _refresh_open_tasks(instance, workflow, target)
                    _event(instance, ProcessEvent.Kind.MIGRATED, actor=actor,
                           data={"from": source.version, "to": target.version})
                    report.migrated = True
                reports.append(report)
    return reports
