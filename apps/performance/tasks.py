"""Celery tasks of the performance cycle (in-process without a broker)."""
from celery import shared_task

from .services import job_run, job_run_chunk


@shared_task(name="performance.run_job")
def run_job(job_id: int) -> None:
    job_run(job_id)


@shared_task(name="performance.run_job_chunk")
def run_job_chunk(job_id: int, ids: list[int]) -> None:
    job_run_chunk(job_id, ids)
