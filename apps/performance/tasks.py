"""Celery tasks of the performance cycle (in-process without a broker)."""
from celery import shared_task

from .services import job_run_open_year


@shared_task(name="performance.open_performance_year")
def open_performance_year(job_id: int) -> None:
    job_run_open_year(job_id)
