"""What notifications are due: reads only."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q

from apps.workflow.models import HumanTask, TaskState

from .models import NotificationKind, NotificationPreference, SentNotification

ASSIGNED_WINDOW = dt.timedelta(days=2)   # older open tasks were announced by an earlier sweep (or predate mail)
DUE_SOON = dt.timedelta(days=3)
OVERDUE_WINDOW = dt.timedelta(days=30)   # after that, HR's follow-up has long taken over


@dataclass
class Notice:
    task: HumanTask
    user: User
    kind: NotificationKind


def email_enabled(user: User) -> bool:
    return not NotificationPreference.objects.filter(user=user, email_enabled=False).exists()


def emails_off(user_ids: set[int]) -> set[int]:
    """Which of these users turned e-mails off (1 query; none for no users)."""
    if not user_ids:
        return set()
    return set(NotificationPreference.objects.filter(email_enabled=False, user__in=user_ids)
               .values_list("user_id", flat=True))


def _reachable(user_path: str) -> Q:
    """The user at ``user_path`` can be mailed: active, has an address, has not opted out."""
    opted_out = NotificationPreference.objects.filter(user=OuterRef(user_path), email_enabled=False)
    return (Q(**{f"{user_path}__is_active": True}) & ~Q(**{f"{user_path}__email": ""})
            & Q(~Exists(opted_out)))


def due_notices(now: dt.datetime, *, limit: int) -> list[Notice]:
    """Up to ``limit`` notices per kind. Only tasks with somebody left to tell are read, so that
    tasks whose people cannot be mailed never crowd out the others."""
    ready = (HumanTask.objects.filter(state=TaskState.READY)
             .select_related("assignee__user", "subject", "instance__definition")
             # A mail needs the process's name, not its stored state, XML or forms.
             .defer("instance__state", "instance__definition__bpmn_xml", "instance__definition__forms",
                    "instance__definition__user_tasks", "instance__definition__lanes")
             .prefetch_related("candidates__user").order_by("created_at", "pk"))
    wanted = [
        (NotificationKind.ASSIGNED, ready.filter(created_at__gte=now - ASSIGNED_WINDOW)),
        (NotificationKind.DUE_SOON, ready.filter(due_at__gt=now, due_at__lte=now + DUE_SOON)),
        (NotificationKind.OVERDUE, ready.filter(due_at__lte=now, due_at__gte=now - OVERDUE_WINDOW)),
    ]
    notices = []
    for kind, tasks in wanted:
        # Not yet told: the current assignee (a reassigned task is news to the new one), or a
        # candidate of a task nobody has claimed.
        told = SentNotification.objects.filter(kind=kind)
        untold_candidate = (HumanTask.candidates.through.objects
                            .filter(humantask_id=OuterRef("pk"))
                            .filter(_reachable("employee__user"))
                            .exclude(Exists(told.filter(task=OuterRef("humantask_id"),
                                                        user=OuterRef("employee__user")))))
        batch = list(tasks.filter(
            (Q(assignee__isnull=False) & _reachable("assignee__user")
             & ~Exists(told.filter(task=OuterRef("pk"), user=OuterRef("assignee__user"))))
            | (Q(assignee__isnull=True) & Exists(untold_candidate)))[:limit])
        sent = set(told.filter(task__in=batch).values_list("task_id", "user_id"))
        for task in batch:
            people = [task.assignee] if task.assignee else list(task.candidates.all())
            notices += [Notice(task, p.user, kind) for p in people
                        if p.user is not None and p.user.is_active and p.user.email and (task.pk, p.user_id) not in sent]
    opted_out = emails_off({n.user.pk for n in notices})
    return [n for n in notices if n.user.pk not in opted_out]
