"""Celery tasks of the runtime (beat runs fire_timers in production)."""
from celery import shared_task

from .services import timers_fire_due


@shared_task(name="workflow.fire_timers")
def fire_timers() -> int:
    return timers_fire_due()
