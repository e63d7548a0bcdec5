"""Celery tasks of the performance cycle (in-process without a broker). services.py queues them
by name and never imports this module."""
from celery import shared_task

from .services import RUN_JOB, RUN_JOB_CHUNK, job_run, job_run_chunk


@shared_task(name=RUN_JOB)
def run_job(job_id: int) -> None:
    job_run(job_id)


@shared_task(name=RUN_JOB_CHUNK)
def run_job_chunk(job_id: int, ids: list[int]) -> None:
    job_run_chunk(job_id, ids)
