"""Celery tasks of notifications (beat runs send_due; in-process without a broker)."""
from celery import shared_task

from .services import notifications_send_due


@shared_task(name="notifications.send_due")
def send_due() -> int:
    return notifications_send_due()
