"""Celery tasks of the performance cycle (in-process without a broker)."""
from celery import shared_task

from .services import job_run


@shared_task(name="performance.run_job")
def run_job(job_id: int) -> None:
    job_run(job_id)
