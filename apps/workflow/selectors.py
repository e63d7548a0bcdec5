"""Reads of the runtime, already scoped to what the viewer may see."""
from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

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


def is_process_admin(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name=Role.PROCESS_ADMIN).exists())


def definitions_visible_to(user: AbstractBaseUser) -> QuerySet[ProcessDefinition]:
    """Process admins see every version; everyone else published ones."""
    qs = ProcessDefinition.objects.all()
    return qs if is_process_admin(user) else qs.filter(status=DefinitionStatus.PUBLISHED)


def is_published(key: str) -> bool:
    """A version of the process is published: what starting an instance of it needs (1 query)."""
    return ProcessDefinition.objects.filter(key=key, status=DefinitionStatus.PUBLISHED).exists()


def instances_visible_to(user: AbstractBaseUser) -> QuerySet[ProcessInstance]:
    """The subject, everyone granted view (participants), and HR of the subject's unit."""
    if user.is_superuser:
        return ProcessInstance.objects.all()
    granted = ProcessInstanceUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user=user, permission__codename="view_processinstance")
    managed = org.units_managed_by(user) if org.is_performance_admin(user) else None
    condition = Q(subject__user=user) | Exists(granted)
    if managed is not None:
        condition |= Q(subject__unit__in=managed)
    return ProcessInstance.objects.filter(condition)


def instances_drawable_by(user: AbstractBaseUser) -> QuerySet[ProcessInstance]:
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


def tasks_visible_to(user: AbstractBaseUser,
                     instances: QuerySet[ProcessInstance] | None = None) -> QuerySet[HumanTask]:
    """The tasks of the visible instances (``instances``: instances_visible_to, when the caller
    has it already)."""
    instances = instances_visible_to(user) if instances is None else instances
    return HumanTask.objects.filter(instance__in=instances.values("pk"))


def tasks_for_me(user: AbstractBaseUser) -> QuerySet[HumanTask]:
    """READY tasks assigned to, or claimable by, the viewer.

    Compares ``assignee_id`` with the viewer's employee id (a scalar subquery) rather than
    joining the assignee's user: only then can PostgreSQL answer from the (assignee, state)
    index — the join made it scan every open task (130 ms at 600,000 tasks, 1 ms now)."""
    me = Subquery(Employee.objects.filter(user_id=user.pk).values("pk")[:1])
    claimable = HumanTask.candidates.through.objects.filter(humantask_id=OuterRef("pk"), employee_id=me)
    return HumanTask.objects.filter(state=TaskState.READY).filter(
        Q(assignee_id=me) | (Q(assignee__isnull=True) & Exists(claimable)))


def holds_task(user: AbstractBaseUser) -> Exists:
    """Per task row: whether the user may complete it (an annotation, for lists of tasks)."""
    return Exists(HumanTaskUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user_id=user.pk, permission__codename="complete_humantask"))


def may_complete(user: AbstractBaseUser, task: HumanTask) -> bool:
    return HumanTaskUserObjectPermission.objects.filter(
        content_object=task, user=user, permission__codename="complete_humantask").exists()


def holds_open_task(user: AbstractBaseUser, instance_id: int, bpmn_id: str) -> bool:
    """Whether the user is the assignee of a READY task with this BPMN id in the instance."""
    return HumanTask.objects.filter(instance_id=instance_id, bpmn_id=bpmn_id, state=TaskState.READY,
                                    assignee__user=user).exists()


def diagram_state(instance: ProcessInstance) -> tuple[list[str], list[str]]:
    """The elements an instance has completed and is at, read from its stored state."""
    return engine.element_states(engine.loads(instance.state, engine.definition_spec(instance.definition)))
