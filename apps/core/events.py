"""Live events for GraphQL subscriptions, over the Channels layer.

Services call ``publish`` inside their transaction; the message goes out only after the commit
(a rolled-back step tells nobody). The layer is Redis in production (``REDIS_URL``: every web
worker, Celery worker and the timer loop reach every subscriber) and in-memory by default (one
process: the embedded server). Without a subscriber nothing is kept.
"""
from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger("kinerja.events")

TASK_EVENT = "task.event"
PLAN_EVENT = "plan.event"
DAILY_REMINDER = "daily.reminder"  # to a user's group: today's progress not sent, or entries waiting for review


def user_group(user_id: int) -> str:
    return f"user-{user_id}"


def plan_group(plan_id: int) -> str:
    return f"plan-{plan_id}"


def publish(groups: list[str], type_: str, payload: dict) -> None:
    publish_many([(group, type_, payload) for group in groups])


def publish_many(messages: list[tuple[str, str, dict]]) -> None:
    """Send (group, type, payload) messages after the commit, all in one go: a bulk job that
    creates thousands of tasks pays for one hand-over to the layer, not one each."""
    if messages:
        transaction.on_commit(lambda: async_to_sync(_send_all)(messages))


async def _send_all(messages: list[tuple[str, str, dict]]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    for group, type_, payload in messages:
        try:
            await layer.group_send(group, {"type": type_, **payload})
        except Exception:  # a live update must never fail the work that caused it
            logger.exception("could not publish %s to %s", type_, group)
