"""Reads of the runtime, already scoped to what the viewer may see."""
from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib.auth.models import User
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from apps.organization import selectors as org
from apps.organization.models import Employee, Role

from . import engine
from .models import (
    DefinitionStatus,
    HumanTask,
    HumanTaskUserObjectPermission,
    ProcessDefinition,
    ProcessInstance,
    ProcessInstanceUserObjectPermission,
    TaskState,
)


def is_process_admin(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name=Role.PROCESS_ADMIN).exists())


def definitions_visible_to(user: User) -> QuerySet[ProcessDefinition]:
    """Process admins see every version; everyone else published ones."""
    qs = ProcessDefinition.objects.all()
    return qs if is_process_admin(user) else qs.filter(status=DefinitionStatus.PUBLISHED)


def is_published(key: str) -> bool:
    """A version of the process is published: what starting an instance of it needs (1 query)."""
    return ProcessDefinition.objects.filter(key=key, status=DefinitionStatus.PUBLISHED).exists()


def instances_visible_to(user: User) -> QuerySet[ProcessInstance]:
    """The subject, everyone granted view (participants), and HR of the subject's unit."""
    if user.is_superuser:
        return ProcessInstance.objects.all()
    granted = ProcessInstanceUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user=user, permission__codename="view_processinstance")
    managed = org.units_managed_by(user) if org.is_performance_admin(user) else None
    condition = cast(Q, Q(subject__user=user) | Exists(granted))  # the stubs type Q | Exists as Combinable
    if managed is not None:
        condition |= Q(subject__unit__in=managed)
    return ProcessInstance.objects.filter(condition)


def instances_drawable_by(user: User) -> QuerySet[ProcessInstance]:
    """Instances whose path (diagram and audit trail, not the submitted data) the user may see
    in the instance viewer: every instance for process administrators, else the visible ones."""
    return ProcessInstance.objects.all() if is_process_admin(user) else instances_visible_to(user)


def instance_timeline(instance: ProcessInstance) -> dict:
    """What the instance viewer draws: the diagram, the elements done and waiting, the open
    tasks and the audit trail — who did which step when, with its outcome; no form data."""
    completed, active = diagram_state(instance)
    events = instance.events.select_related("actor", "task").only(
        "instance", "kind", "outcome", "created_at", "actor__username", "task__name", "task__bpmn_id",
    ).order_by("created_at", "pk")
    open_tasks = instance.tasks.filter(state=TaskState.READY).select_related("assignee").only(
        "instance", "bpmn_id", "name", "lane", "due_at", "assignee__name").order_by("created_at", "pk")
    return {
        "completedElements": completed, "activeElements": active,
        "history": [{"kind": e.kind, "outcome": e.outcome, "at": e.created_at.isoformat(),
                     "actor": e.actor.username if e.actor else None, "task": e.task.name if e.task else None,
                     "bpmnId": e.task.bpmn_id if e.task else None} for e in events],
        "openTasks": [{"bpmnId": t.bpmn_id, "name": t.name, "lane": t.lane,
                       "dueAt": t.due_at.isoformat() if t.due_at else None,
                       "assignee": t.assignee.name if t.assignee else None} for t in open_tasks],
    }


def tasks_visible_to(user: User,
                     instances: QuerySet[ProcessInstance] | None = None) -> QuerySet[HumanTask]:
    """The tasks of the visible instances (``instances``: instances_visible_to, when the caller
    has it already)."""
    instances = instances_visible_to(user) if instances is None else instances
    return HumanTask.objects.filter(instance__in=instances.values("pk"))


def tasks_for_me(user: User) -> QuerySet[HumanTask]:
    """READY tasks assigned to, or claimable by, the viewer.

    Compares ``assignee_id`` with the viewer's employee id (a scalar subquery) rather than
    joining the assignee's user: only then can PostgreSQL answer from the (assignee, state)
    index — the join made it scan every open task (130 ms at 600,000 tasks, 1 ms now)."""
    me = Subquery(Employee.objects.filter(user_id=user.pk).values("pk")[:1])
    claimable = HumanTask.candidates.through.objects.filter(humantask_id=OuterRef("pk"), employee_id=me)
    return HumanTask.objects.filter(state=TaskState.READY).filter(
        Q(assignee_id=me) | (Q(assignee__isnull=True) & Exists(claimable)))


def holds_task(user: User) -> Exists:
    """Per task row: whether the user may complete it (an annotation, for lists of tasks)."""
    return Exists(HumanTaskUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user_id=user.pk, permission__codename="complete_humantask"))


def may_complete(user: User, task: HumanTask) -> bool:
    return HumanTaskUserObjectPermission.objects.filter(
        content_object=task, user=user, permission__codename="complete_humantask").exists()


def holds_open_task(user: User, instance_id: int, bpmn_id: str) -> bool:
    """Whether the user is the assignee of a READY task with this BPMN id in the instance."""
    return HumanTask.objects.filter(instance_id=instance_id, bpmn_id=bpmn_id, state=TaskState.READY,
                                    assignee__user=user).exists()


def diagram_state(instance: ProcessInstance) -> tuple[list[str], list[str]]:
    """The elements an instance has completed and is at, read from its stored state."""
    return engine.element_states(engine.loads(instance.state, engine.definition_spec(instance.definition)))


# --- what the GraphQL resolvers read, each already scoped to the viewer ------------------------
# ``instances``: instances_visible_to(user), when the caller has it (its role look-ups run once).

def scope_to_visible_instances(queryset: QuerySet, instances: QuerySet[ProcessInstance],
                               field: str = "instance") -> QuerySet:
    """``queryset`` narrowed to the rows whose instance (``field``; "pk" for instances) is one of
    ``instances`` (instances_visible_to the viewer)."""
    return queryset.filter(**{f"{field}__in": instances.values("pk")})


def definitions_filtered(user: User, key: str | None = None) -> QuerySet[ProcessDefinition]:
    """processDefinitions: the visible versions by key, newest first, of one key if given."""
    qs = definitions_visible_to(user).order_by("key", "-version")
    return qs.filter(key=key) if key else qs


def tasks_filtered(user: User, *, mine: bool | None = None,
                   instances: QuerySet[ProcessInstance] | None = None, state: str | None = None,
                   instance_id: int | None = None, subject_id: int | None = None, bpmn_id: str | None = None,
                   lane: str | None = None, process_key: str | None = None,
                   due_before: dt.datetime | None = None) -> QuerySet[HumanTask]:
    """tasks: the viewer's inbox (``mine``: tasks_for_me) or the tasks of the visible instances,
    newest first, narrowed by each given criterion.

    tasks_for_me are READY tasks of the viewer, who holds view of their instances (granted with
    the task): not filtered by the visible instances again, which would cost the inbox its index."""
    qs = tasks_for_me(user) if mine else tasks_visible_to(user, instances)
    if state:
        qs = qs.filter(state=state)
    if instance_id is not None:
        qs = qs.filter(instance_id=instance_id)
    if subject_id is not None:
        qs = qs.filter(subject_id=subject_id)
    if bpmn_id:
        qs = qs.filter(bpmn_id=bpmn_id)
    if lane:
        qs = qs.filter(lane=lane)
    if process_key:
        qs = qs.filter(instance__key=process_key)
    if due_before:
        qs = qs.filter(due_at__lt=due_before)
    return qs.order_by("-created_at", "-pk")


def instances_filtered(user: User, *, instances: QuerySet[ProcessInstance] | None = None,
                       key: str | None = None, status: str | None = None,
                       subject_id: int | None = None) -> QuerySet[ProcessInstance]:
    """processInstances: the visible instances, latest started first, narrowed by key, status, subject."""
    qs = instances_visible_to(user) if instances is None else instances
    if key:
        qs = qs.filter(key=key)
    if status:
        qs = qs.filter(status=status)
    if subject_id is not None:
        qs = qs.filter(subject_id=subject_id)
    return qs.order_by("-started_at", "-pk")


def visible_task(user: User, pk: int) -> HumanTask | None:
    """The task ``pk`` with its subject, if the viewer may see it."""
    return tasks_visible_to(user).select_related("subject").filter(pk=pk).first()


def ready_tasks_prefetch(user: User, to_attr: str) -> Prefetch:
    """An instance's READY tasks for a whole list of instances, each marked with whether the
    viewer holds it (``viewer_holds``, holds_task)."""
    return Prefetch("tasks", to_attr=to_attr, queryset=HumanTask.objects.filter(state=TaskState.READY)
                    .annotate(viewer_holds=holds_task(user)))


def ready_tasks_of(instance: ProcessInstance) -> list[HumanTask]:
    return list(instance.tasks.filter(state=TaskState.READY))


def tasks_by_pks(pks: list[int]) -> list[HumanTask]:
    return list(HumanTask.objects.filter(pk__in=pks))


def definition_forms() -> F:
    """Per task row: its definition's forms (an annotation: a join, not a select_related of the
    instance, which the instance's own scoping would clash with)."""
    return F("instance__definition__forms")


def task_data_for(user: User, task: HumanTask) -> dict:
    """A task's data as the viewer may read it: once submitted, as everyone who sees the task
    does; while open, its saved draft only for whoever may complete it ({} for others) — from
    the ``viewer_holds`` annotation (holds_task) where a list loaded the task, else 1 query."""
    if task.state != TaskState.READY:
        return task.data
    holds = getattr(task, "viewer_holds", None)
    if holds is None:
        holds = may_complete(user, task)
    return task.data if holds else {}
