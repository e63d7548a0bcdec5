"""GraphQL subscriptions over WebSocket on /graphql/ (graphql-transport-ws; Channels).

Authenticate with the session cookie (browsers; the origin must be an allowed host) or with
``{"authorization": "Bearer <token>"}`` in ``connection_init``. Permissions are those of the
queries: ``dailyReminders`` carries the reminders of daily progress sent to the viewer;
``taskEvents`` carries only events addressed to the viewer (tasks assigned to them,
claimable by them, or completed in their own process or by them), and each task is checked
against what the viewer may see; ``planProgress`` is refused (NOT_FOUND) for a plan the viewer
may not see. Events are small: refetch details with the queries. Each event first checks that
the token or session the connection signed in with still signs the viewer in: after a logout
(or a revoked token, a deactivated account) the subscription ends with UNAUTHENTICATED.
"""
from __future__ import annotations

import datetime
import enum
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any

import strawberry
from channels.db import database_sync_to_async
from django.contrib.auth.models import AnonymousUser
from graphql import GraphQLError
from strawberry import relay
from strawberry.channels import GraphQLWSConsumer
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types import Info

from apps.accounts.services import credentials_live, user_for_token
from apps.core import events
from apps.core.errors import DomainError, NotFound, Unauthenticated
from apps.daily.models import ReminderKind
from apps.performance import selectors as performance_selectors
from apps.workflow import selectors as workflow_selectors

from .context import KinerjaContext, require_user
from .ids import decode_id
from .performance import PlanStatusEnum


@strawberry.enum(name="TaskEventKind")
class TaskEventKind(enum.Enum):
    ASSIGNED = "ASSIGNED"
    CLAIMABLE = "CLAIMABLE"
    COMPLETED = "COMPLETED"


@strawberry.type
class TaskEvent:
    kind: TaskEventKind
    task_id: strawberry.ID
    name: str
    bpmn_id: str
    process_instance_id: strawberry.ID
    subject_name: str


@strawberry.type
class PlanProgress:
    plan_id: strawberry.ID
    kind: str = strawberry.field(description="The plan event: SUBMITTED, RETURNED, APPROVED, REALIZATION_RECORDED, …")
    status: PlanStatusEnum


DailyReminderKindEnum = strawberry.enum(ReminderKind, name="DailyReminderKind")


@strawberry.type
class DailyReminder:
    kind: DailyReminderKindEnum
    date: datetime.date = strawberry.field(description="The day it is about, in your unit's time zone.")
    has_draft: bool = strawberry.field(description="NOT_FILLED: a draft for the day is saved but not sent.")
    entries_waiting: int = strawberry.field(
        description="REVIEWS_WAITING: entries of your staff waiting more than two working days (who: dailyReviewQueue).")
    employees_waiting: int = strawberry.field(description="REVIEWS_WAITING: how many of your staff they are from.")


def _task_event(user, message: dict) -> TaskEvent | None:
    task = workflow_selectors.visible_task(user, message["task_id"])
    if task is None:
        return None
    return TaskEvent(kind=TaskEventKind(message["kind"]), task_id=relay.GlobalID("Task", str(task.pk)),
                     name=task.name, bpmn_id=task.bpmn_id,
                     process_instance_id=relay.GlobalID("ProcessInstance", str(task.instance_id)),
                     subject_name=task.subject.name)


def _may_see_plan(user, plan_id: int) -> bool:
    return performance_selectors.may_see_plan(user, plan_id)


def _viewer(info: Info):
    try:
        return require_user(info)
    except DomainError as error:
        raise _graphql_error(error) from None


async def _require_signed_in(info: Info, user) -> None:
    request = info.context.request
    if not await database_sync_to_async(credentials_live)(
            user, api_token_id=request.api_token_id, session_key=request.session_key):
        raise _graphql_error(Unauthenticated())


def _graphql_error(error: DomainError) -> GraphQLError:
    """Subscription errors do not pass through the operation's error formatting: give them
    docs/design.md's shape here (code + message in the caller's language)."""
    return GraphQLError(str(error.message), extensions={"code": error.code, **error.extensions})


@strawberry.type
class Subscription:
    @strawberry.subscription(description="Tasks assigned to you, claimable by you, or completed for you.")
    async def task_events(self, info: Info) -> AsyncGenerator[TaskEvent, None]:
        user = _viewer(info)
        async with info.context.ws.listen_to_channel(events.TASK_EVENT,
                                                     groups=[events.user_group(user.pk)]) as messages:
            async for message in messages:
                await _require_signed_in(info, user)
                event = await database_sync_to_async(_task_event)(user, message)
                if event is not None:
                    yield event

    @strawberry.subscription(description="Daily-progress reminders to you: today's progress not sent yet (at the "
                                         "reminder hour of your unit), or your staff's entries waiting for your review.")
    async def daily_reminders(self, info: Info) -> AsyncGenerator[DailyReminder, None]:
        user = _viewer(info)
        async with info.context.ws.listen_to_channel(events.DAILY_REMINDER,
                                                     groups=[events.user_group(user.pk)]) as messages:
            async for message in messages:
                await _require_signed_in(info, user)
                # Addressed to this user's group only, and about their own day or their own staff.
                yield DailyReminder(kind=DailyReminderKindEnum(message["kind"]),
                                    date=datetime.date.fromisoformat(message["date"]),
                                    has_draft=message["has_draft"], entries_waiting=message["entries_waiting"],
                                    employees_waiting=message["employees_waiting"])

    @strawberry.subscription(description="Status and realization changes of a plan you may see.")
    async def plan_progress(self, info: Info, plan_id: strawberry.ID) -> AsyncGenerator[PlanProgress, None]:
        user = _viewer(info)
        try:
            pk = decode_id(plan_id, "PerformancePlan")
        except NotFound as error:
            raise _graphql_error(error) from None
        if not await database_sync_to_async(_may_see_plan)(user, pk):
            raise _graphql_error(NotFound())
        async with info.context.ws.listen_to_channel(events.PLAN_EVENT, groups=[events.plan_group(pk)]) as messages:
            async for message in messages:
                await _require_signed_in(info, user)
                # Checked again for each event, as a query would be: a rater replaced before
                # acting on the plan stops hearing of it.
                if await database_sync_to_async(_may_see_plan)(user, pk):
                    yield PlanProgress(plan_id=plan_id, kind=message["kind"], status=PlanStatusEnum(message["status"]))


@dataclass
class _WsRequest:
    user: Any = field(default_factory=AnonymousUser)
    # What the connection signed in with, re-checked for each event.
    api_token_id: int | None = None
    session_key: str | None = None


@dataclass
class KinerjaWsContext(KinerjaContext):
    ws: Any = None
    connection_params: dict | None = None


class KinerjaWSConsumer(GraphQLWSConsumer):
    """The WebSocket side of /graphql/, with our context and authentication."""

    async def get_context(self, request, response) -> KinerjaWsContext:
        user = self.scope.get("user") or AnonymousUser()  # the session, through AuthMiddlewareStack
        session = self.scope.get("session")
        session_key = session.session_key if session is not None and user.is_authenticated else None
        return KinerjaWsContext(request=_WsRequest(user, session_key=session_key), response=None, ws=request)

    async def on_ws_connect(self, context: KinerjaWsContext):
        header = str((context.connection_params or {}).get("authorization", ""))
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() == "bearer":
            found = await database_sync_to_async(user_for_token)(token.strip())
            if found is None:
                raise ConnectionRejectionError({"code": "UNAUTHENTICATED"})
            context.request.user = found[0]
            context.request.api_token_id, context.request.session_key = found[1].pk, None
        return None


__all__ = ["Subscription", "KinerjaWSConsumer"]
