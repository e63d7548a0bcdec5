"""The human-task mirror, part of the step kernel (``steps.py``): the ``HumanTask`` rows of an
instance's READY user tasks, who holds them, and the object permissions that follow.

Invariant: after every save of an instance, its READY mirror rows are exactly the engine's READY
user tasks. The kernel relies on it to sync without reading the rows first (``sync``).
Grants are guardian's direct-FK rows: ``complete_humantask`` for a task's candidates (the
assignee is always one of them), ``view_processinstance`` for everyone a task ever went to.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from uuid import UUID

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import timezone

from apps.core import events
from apps.organization.models import Employee

from . import engine, lanes
from .models import (
    HumanTask,
    HumanTaskUserObjectPermission,
    ProcessDefinition,
    ProcessInstance,
    ProcessInstanceUserObjectPermission,
    TaskState,
)


@functools.cache
def _permission_id(codename: str) -> int:
    return Permission.objects.get(content_type__app_label="workflow", codename=codename).pk


@receiver(post_migrate)
def _forget_permission_ids(**_kwargs) -> None:
    """Migrations and flushes (tests) re-create permissions under other ids."""
    _permission_id.cache_clear()


def view_rows(instance: ProcessInstance, employees) -> list[ProcessInstanceUserObjectPermission]:
    """Rows granting these people view of the instance (not saved)."""
    return [ProcessInstanceUserObjectPermission(user_id=u, content_object=instance,
                                                permission_id=_permission_id("view_processinstance"))
            for u in {e.user_id for e in employees if e and e.user_id}]


def _complete_rows(task: HumanTask, people) -> list[HumanTaskUserObjectPermission]:
    """Rows letting these people complete the task (not saved)."""
    return [HumanTaskUserObjectPermission(user_id=p.user_id, content_object=task,
                                          permission_id=_permission_id("complete_humantask"))
            for p in people if p.user_id]


def task_messages(task: HumanTask, kind: str, user_ids) -> list[tuple[str, str, dict]]:
    """Live ``taskEvents`` messages about a task to these users."""
    return [(events.user_group(u), events.TASK_EVENT, {"kind": kind, "task_id": task.pk})
            for u in sorted({u for u in user_ids if u})]


def new_task(instance: ProcessInstance, user_task: engine.UserTask, definition: ProcessDefinition,
             subject: Employee) -> tuple[HumanTask, lanes.Assignment]:
    """The mirror row of a READY user task (not saved) and who gets it."""
    meta = definition.user_task(user_task.bpmn_id)
    binding = definition.lane_binding(user_task.lane)
    assignment = lanes.assign(binding, subject) if binding else lanes.Assignment(None, [])
    task = HumanTask(
        instance=instance, subject=subject, task_uuid=user_task.id, bpmn_id=user_task.bpmn_id, name=user_task.name,
        lane=user_task.lane, assignee=assignment.assignee, instructions=user_task.instructions,
        form_key=meta.get("form") or "", ui_form_key=meta.get("uiForm") or "", data=user_task.draft,
        due_at=user_task.due_at,
    )
    return task, assignment


def insert(pairs: list[tuple[HumanTask, lanes.Assignment]],
           views: Iterable[ProcessInstanceUserObjectPermission] = ()) -> list[HumanTask]:
    """Insert new tasks with their candidates, the complete permission for the candidates and
    view of the instance for them (and the other ``views`` given): four statements for any number
    of tasks."""
    tasks = HumanTask.objects.bulk_create([task for task, _assignment in pairs])
    candidates, grants, views = [], [], list(views)
    for task, assignment in pairs:
        people = list({p.pk: p for p in assignment.candidates if p is not None}.values())
        candidates += [HumanTask.candidates.through(humantask_id=task.pk, employee_id=p.pk) for p in people]
        grants += _complete_rows(task, people)
        views += view_rows(task.instance, people)
    HumanTask.candidates.through.objects.bulk_create(candidates)
    HumanTaskUserObjectPermission.objects.bulk_create(grants, ignore_conflicts=True)
    ProcessInstanceUserObjectPermission.objects.bulk_create(
        list({(v.user_id, v.content_object_id): v for v in views}.values()), ignore_conflicts=True)
    events.publish_many([message for task, assignment in pairs for message in task_messages(
        task, "ASSIGNED" if task.assignee_id else "CLAIMABLE", [p.user_id for p in assignment.candidates if p])])
    return tasks


def sync(instance: ProcessInstance, workflow, definition: ProcessDefinition, *, open_before: set[UUID],
         subject: Employee | None = None) -> list[HumanTask]:
    """Mirror the READY user tasks after a step: cancel the ones that vanished, insert the new
    ones (assigned per lane). ``open_before`` are the READY rows left open by the step (the
    engine's READY user tasks before it, see the module's invariant), so nothing is read to
    compare; ``subject`` with unit, rater__rater and user loaded, when the caller has it."""
    ready = engine.open_user_task_ids(workflow)
    vanished = open_before - ready
    if vanished:
        HumanTask.objects.filter(instance=instance, state=TaskState.READY, task_uuid__in=vanished).update(
            state=TaskState.CANCELLED, completed_at=timezone.now())
    new = ready - open_before
    if not new:
        return []
    if subject is None:
        subject = Employee.objects.select_related("unit", "rater__rater", "user").get(pk=instance.subject_id)
    return insert([new_task(instance, t, definition, subject) for t in engine.open_user_tasks(workflow, new).values()])


def refresh(instance: ProcessInstance, workflow, definition: ProcessDefinition) -> None:
    """After a migration: open tasks keep their ids, but take the new version's name, form and
    lane (and move to the new lane's people)."""
    ready = engine.open_user_tasks(workflow)
    for task in instance.tasks.filter(state=TaskState.READY).select_related("subject__rater__rater",
                                                                             "subject__unit"):
        user_task = ready.get(task.task_uuid)
        if user_task is None:
            continue
        meta = definition.user_task(user_task.bpmn_id)
        lane_changed = task.lane != user_task.lane
        task.name, task.lane, task.instructions = user_task.name, user_task.lane, user_task.instructions
        task.form_key, task.ui_form_key = meta.get("form") or "", meta.get("uiForm") or ""
        task.save(update_fields=["name", "lane", "form_key", "ui_form_key", "instructions"])
        binding = definition.lane_binding(task.lane)
        if lane_changed:
            assign(task, lanes.assign(binding, task.subject) if binding else lanes.Assignment(None, []))


def assign(task: HumanTask, assignment: lanes.Assignment) -> None:
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
    ProcessInstanceUserObjectPermission.objects.bulk_create(view_rows(task.instance, people), ignore_conflicts=True)
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
