"""Celery tasks of daily progress (beat runs send_reminders; in-process without a broker)."""
from celery import shared_task

from .reminders import reminders_send_due


@shared_task(name="daily.send_reminders")
def send_reminders() -> int:
    return reminders_send_due()
