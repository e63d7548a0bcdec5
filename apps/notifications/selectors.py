"""What notifications are due: reads only."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q

from apps.workflow.models import HumanTask, TaskState

from .models import NotificationKind, NotificationPreference, SentNotification

ASSIGNED_WINDOW = dt.timedelta(days=2)   # older open tasks were announced by an earlier sweep (or predate mail)
DUE_SOON = dt.timedelta(days=3)
OVERDUE_WINDOW = dt.timedelta(days=30)   # after that, HR's follow-up has long taken over


@dataclass
class Notice:
    task: HumanTask
    user: AbstractBaseUser
    kind: str


def email_enabled(user: AbstractBaseUser) -> bool:
    return not NotificationPreference.objects.filter(user=user, email_enabled=False).exists()


def due_notices(now: dt.datetime, *, limit: int) -> list[Notice]:
    ready = (HumanTask.objects.filter(state=TaskState.READY)
             .select_related("assignee__user", "subject", "instance__definition")
             .prefetch_related("candidates__user").order_by("created_at", "pk"))
    wanted = [
        (NotificationKind.ASSIGNED, ready.filter(created_at__gte=now - ASSIGNED_WINDOW)),
        (NotificationKind.DUE_SOON, ready.filter(due_at__gt=now, due_at__lte=now + DUE_SOON)),
        (NotificationKind.OVERDUE, ready.filter(due_at__lte=now, due_at__gte=now - OVERDUE_WINDOW)),
    ]
    notices = []
    for kind, tasks in wanted:
        # Not yet told: the current assignee (a reassigned task is news to the new one), or
        # any candidate of a task nobody has claimed.
        told = SentNotification.objects.filter(task=OuterRef("pk"), kind=kind)
        tasks = list(tasks.filter(
            (Q(assignee__isnull=False) & ~Exists(told.filter(user=OuterRef("assignee__user"))))
            | (Q(assignee__isnull=True) & ~Exists(told)))[:limit])
        sent = set(SentNotification.objects.filter(kind=kind, task__in=tasks).values_list("task_id", "user_id"))
        for task in tasks:
            people = [task.assignee] if task.assignee else list(task.candidates.all())
            notices += [Notice(task, p.user, kind) for p in people
                        if p.user_id and p.user.is_active and p.user.email and (task.pk, p.user_id) not in sent]
    opted_out = set(NotificationPreference.objects.filter(
        email_enabled=False, user__in={n.user.pk for n in notices}).values_list("user_id", flat=True))
    return [n for n in notices if n.user.pk not in opted_out][:limit]
