"""``make prod-check``: start the production shape on this machine and drive it briefly.

    python -m bench.prodcheck [--database-url postgres://…/kinerja_prod_check] [--redis-url redis://…]

Shape: PostgreSQL (DATABASE_URL, pooled connections), Redis as cache and Celery broker, N uvicorn
workers, a Celery worker and Celery beat. Checks, failing (exit 1) when one does not hold:
1. completeTask under 16 concurrent clients for a few seconds: completions happen, and the only
   errors are CONFLICTs;
2. openPerformanceYear over GraphQL runs on the Celery worker (not in the web process) and its
   progress is visible while it runs, until DONE;
3. beat fires a due workflow timer on the worker: a plan whose deadline passes is flagged
   overdue and HR gets its follow-up task.
The database is created, seeded with a small province (``bench.seed``) and dropped again.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .setup import django_setup


def check(condition: bool, message: str) -> None:
    print(("  ok    " if condition else "  FAIL  ") + message, flush=True)
    if not condition:
        raise SystemExit(1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get(
        "PROD_CHECK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kinerja_prod_check"))
    parser.add_argument("--employees", type=int, default=3000)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15",
                        help="a Redis database of its own: it is emptied first (stale queued jobs)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args(argv)
    with fresh_database(args.database_url):
        django_setup(args.database_url)
        from . import seed

        print(f"Seeding {args.employees} employees …", flush=True)
        seed.seed(args.employees, dt.date.today().year + 1, quiet=True)
        run_checks(args)
    print("prod-check passed")


@contextmanager
def fresh_database(url: str):
    """Create the (PostgreSQL) database, and drop it afterwards."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_checks(args) -> None:
    import httpx
    from django.utils import timezone
    from strawberry import relay

    from apps.organization.models import Employee, OrgUnit
    from apps.performance import services as performance
    from apps.performance.models import PerformancePlan
    from apps.workflow.models import HumanTask

    from . import load, stack
    from .run import JOB, OPEN_YEAR, pct

    env = stack.production_env(args.database_url, args.redis_url)
    env["TIMER_INTERVAL"] = "2"  # beat's timer sweep, seconds
    logs = Path(__file__).resolve().parent / "logs" / "prod-check"
    print(f"Production shape: {args.workers} uvicorn workers, Celery worker ×2 + beat, Redis, PostgreSQL")
    with stack.running(env, logs, workers=args.workers, celery=2) as running:
        # 1. Load.
        work = load.prepare_work(4000, random.Random(3))
        result = asyncio.run(load.run_load(running.url, work, clients=16, seconds=args.seconds))
        lat = result.latencies_ms
        print(f"  completeTask: {result.throughput:.0f}/s over {result.seconds:.0f} s, p50 {pct(lat, 50):.0f} ms, "
              f"p95 {pct(lat, 95):.0f} ms, errors {dict(result.errors) or 'none'}")
        check(result.completed > 0, f"{result.completed} tasks completed over HTTP")
        check(set(result.errors) <= {"CONFLICT"}, "no errors other than CONFLICT")

        # 2. A bulk job on the Celery worker, with live progress.
        unit = OrgUnit.objects.filter(depth=2).order_by("pk").first()
        hr = OrgUnit.objects.get(pk=unit.ancestor_ids[1]).hr_scopes.select_related("user__employee").first().user
        token = load.make_tokens([hr.employee.pk])[hr.employee.pk]
        http = httpx.Client(base_url=running.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        year = PerformancePlan.objects.order_by("-year").values_list("year", flat=True).first() + 1
        body = http.post("/graphql/", json={"query": OPEN_YEAR, "variables": {
            "unit": str(relay.GlobalID("OrgUnit", str(unit.pk))), "year": year}}).json()
        job_id = body["data"]["openPerformanceYear"]["id"]
        seen, deadline = [], time.monotonic() + 120
        while time.monotonic() < deadline:
            state = http.post("/graphql/", json={"query": JOB, "variables": {"id": job_id}}).json()["data"]["job"]
            seen.append((state["status"], state["progress"]))
            if state["status"] in ("DONE", "FAILED"):
                break
            time.sleep(0.2)
        check(seen[0][0] in ("PENDING", "RUNNING"), "the mutation returns at once; the job runs on the worker")
        check(state["status"] == "DONE" and state["progress"] == state["total"] > 0,
              f"openPerformanceYear for {state['total']} employees DONE on Celery (states seen: "
              f"{sorted({s for s, _p in seen})}, progress values: {len({p for _s, p in seen})})")

        # 3. Beat fires a due timer on the worker.
        subject = Employee.objects.filter(unit=unit, rater__isnull=False).exclude(
            plans__year=year + 1).select_related("unit", "rater__rater", "user").first()
        due = (timezone.now() + dt.timedelta(seconds=3)).isoformat()
        plan = performance.plans_open_many(employees=[subject], year=year + 1, deadline=due, actor=None)[0]
        check(plan.process_instance.next_timer_at is not None, f"a deadline timer waits until {due}")
        flagged, deadline = False, time.monotonic() + 60
        while time.monotonic() < deadline and not flagged:
            time.sleep(1)
            flagged = PerformancePlan.objects.filter(pk=plan.pk, is_overdue=True).exists()
        follow_up = HumanTask.objects.filter(instance=plan.process_instance, bpmn_id="overdue_follow_up").exists()
        check(flagged and follow_up, "beat fired the timer on the worker: plan flagged overdue, HR has the follow-up")


if __name__ == "__main__":
    sys.exit(main())
