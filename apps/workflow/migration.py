"""Moving running instances to another version of their process — an explicit, checked admin
action with a dry run. An instance is refused when a task that changed (or was removed) in the
new version has already completed, or when a waiting or ready task would disappear; SpiffWorkflow
keeps READY/WAITING task ids but restarts duration timers (docs/spiffworkflow.md)."""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.errors import BadInput

from . import engine, steps
from .models import InstanceStatus, ProcessDefinition, ProcessInstance
from .services import binding_mismatch, require_process_admin

BATCH = 100


@dataclass
class MigrationReport:
    instance_id: int
    can_migrate: bool
    migrated: bool = False
    reason: str | None = None


def instances_migrate(*, actor: User, source: ProcessDefinition, target: ProcessDefinition,
                      dry_run: bool) -> list[MigrationReport]:
    require_process_admin(actor)
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
                instance.definition = source
                workflow = steps.load(instance)
                reason, top = engine.migration_refusal(workflow, target_spec)
                if reason is None and binding_mismatch(target, {instance.bound_kind}):
                    # Its handlers would act on an object this instance was not started for.
                    reason = _("the new version acts on an object this instance was not started for")
                report = MigrationReport(instance.pk, reason is None, reason=reason)
                if reason is None and not dry_run:
                    # Through the kernel: a service task reached right after the move runs with its
                    # instance (and a failure is the process's, cleanly reported).
                    steps.advance(instance, steps.migration(source, target, top), actor=actor, workflow=workflow)
                    report.migrated = True
                reports.append(report)
    return reports
