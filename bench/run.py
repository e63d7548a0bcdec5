"""Benchmark scenarios against a seeded province (``python -m bench.seed`` first).

    python -m bench.run --scenario all [--database-url URL] [--workers 2] [--seconds 30]
    python -m bench.run --scenario soak --rate 40 --seconds 600

Scenarios (each prints one table row; all rows go to ``bench/results/<date>-<db>.md``):
  inbox      tasks(filter: {mine: true}, first: 50) for random raters, server-side time, against
             the same page read with one raw SQL query in the same run;
  complete   completeTask over HTTP against N uvicorn workers with 16 concurrent async clients,
             against the raw SpiffWorkflow persisted step (load, run, save) of the same process;
  open-year  openPerformanceYear for the 10,000 employees of the education agency, in-process and
             through Celery workers on Redis (live progress read from the job while it runs);
  state      stored state bytes per instance (median, p99) and worker memory before/after load;
  queries    SQL queries of the ten most used operations at 10 and at 1,000 rows;
  soak       completeTask at a fixed rate for --seconds: errors by code, worker memory growth.
Nothing is asserted: the table is the output. Timings are wall-clock on this machine.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from .cpu import CpuMeter
from .setup import db_label, django_setup

RESULTS = Path(__file__).resolve().parent / "results"
INBOX = """{ tasks(filter: {mine: true}, first: 50) { edges { node {
  id name bpmnId state dueAt createdAt processInstance { key periodId subject { name } } } } } }"""
HEADER = "| scenario | result | detail | target |\n|---|---|---|---|"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


class Report:
    def __init__(self, args: argparse.Namespace) -> None:
        self.rows: list[str] = []
        self.args = args

    def row(self, scenario: str, result: str, detail: str, target: str) -> None:
        line = f"| {scenario} | {result} | {detail} | {target} |"
        print(line, flush=True)
        self.rows.append(line)

    def write(self) -> Path:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{dt.date.today().isoformat()}-{db_label()}.md"
        from apps.organization.models import Employee
        from apps.workflow.models import HumanTask

        head = "" if path.exists() else (
            f"# Benchmarks on {db_label()}\n\nMachine: {os.cpu_count()} vCPU, "
            f"{_memory_gb()} GB RAM, {platform.python_implementation()} {platform.python_version()}, "
            f"{platform.system()} {platform.release()}.\n")
        with path.open("a") as out:
            out.write(f"{head}\n## {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} — "
                      f"`python -m bench.run {' '.join(sys.argv[1:])}`\n\n"
                      f"Data: {Employee.objects.count():,} employees, {HumanTask.objects.count():,} task rows.\n\n"
                      f"{HEADER}\n" + "\n".join(self.rows) + "\n")
        return path


def _memory_gb() -> int:
    return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)


# --- inbox ---------------------------------------------------------------------------------------

RAW_INBOX = """
SELECT t.id, t.name, t.bpmn_id, t.state, t.due_at, t.created_at, e.name, i.key, i.period_id
FROM workflow_humantask t
JOIN organization_employee e ON e.id = t.subject_id
JOIN workflow_processinstance i ON i.id = t.instance_id
WHERE t.state = 'READY' AND (t.assignee_id = %s OR (t.assignee_id IS NULL AND EXISTS (
  SELECT 1 FROM workflow_humantask_candidates c WHERE c.humantask_id = t.id AND c.employee_id = %s)))
ORDER BY t.created_at DESC, t.id DESC LIMIT 50"""


def scenario_inbox(report: Report, args) -> None:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from apps.workflow.models import HumanTask

    from .load import make_tokens

    rng = random.Random(1)
    busy = list(HumanTask.objects.filter(state="READY", assignee__isnull=False).values("assignee")
                .annotate(n=Count("id")).filter(n__gte=5).values_list("assignee", flat=True))
    raters = rng.sample(busy, min(args.samples, len(busy)))
    tokens = make_tokens(raters)
    client = Client()
    server, raw, sizes = [], [], []
    for employee in raters * 2:  # the first round warms caches; only the second counts
        start = time.perf_counter()
        body = client.post("/graphql/", {"query": INBOX}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {tokens[employee]}").json()
        elapsed = (time.perf_counter() - start) * 1000
        assert "errors" not in body, body
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(RAW_INBOX, [employee, employee])
            rows = cursor.fetchall()
        raw_elapsed = (time.perf_counter() - start) * 1000
        if len(server) < len(raters) * 2:
            server.append(elapsed)
            raw.append(raw_elapsed)
            sizes.append(len(body["data"]["tasks"]["edges"]))
            assert len(rows) == sizes[-1], (len(rows), sizes[-1])
    server, raw = server[len(raters):], raw[len(raters):]
    report.row("inbox", f"p50 {pct(server, 50):.1f} ms, p95 {pct(server, 95):.1f} ms",
               f"{len(raters)} raters, {statistics.mean(sizes):.0f} tasks/page; raw SQL page p50 "
               f"{pct(raw, 50):.2f} ms, p95 {pct(raw, 95):.2f} ms; ratio p95 {pct(server, 95) / pct(raw, 95):.1f}x",
               "p95 ≤ 25 ms, ≤ 3x raw")


# --- complete ------------------------------------------------------------------------------------

def raw_persisted_steps(count: int) -> tuple[float, int, float]:
    """SpiffWorkflow alone on the same process: read the state row, run the draft step, write the
    state row, commit — per step: (steps/s, steps, CPU ms of this process per step). The states are
    put back afterwards."""
    from django.db import transaction

    from apps.workflow import engine
    from apps.workflow.models import HumanTask, ProcessInstance

    tasks = list(HumanTask.objects.filter(state="READY", bpmn_id="draft", instance__key="skp_planning")
                 .order_by("-id").values_list("instance_id", "task_uuid")[:count])
    originals = dict(ProcessInstance.objects.filter(pk__in=[t[0] for t in tasks]).values_list("pk", "state"))
    definition = ProcessInstance.objects.select_related("definition").get(pk=tasks[0][0]).definition
    spec = engine.spec_for(definition.pk, definition.checksum, definition.bpmn_xml, definition.process_id)
    start, start_cpu = time.perf_counter(), time.process_time()
    for instance_id, task_uuid in tasks:
        with transaction.atomic():
            state = ProcessInstance.objects.select_for_update().values_list("state", flat=True).get(pk=instance_id)
            workflow = engine.loads(state, spec)
            task = workflow.get_task_from_id(task_uuid)
            task.data.update({"decision": "SUBMIT"})
            task.run()
            workflow.do_engine_steps()
            ProcessInstance.objects.filter(pk=instance_id).update(state=engine.dumps(workflow))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    for pk, state in originals.items():
        ProcessInstance.objects.filter(pk=pk).update(state=state)
    return len(tasks) / elapsed, len(tasks), cpu / len(tasks) * 1000


def _postgres_database() -> str | None:
    """The benchmark database's name when it is PostgreSQL (its backends' CPU is counted), else None."""
    from django.db import connection

    return connection.settings_dict["NAME"] if connection.vendor == "postgresql" else None


def _stack_env(args) -> dict:
    from .stack import production_env

    return production_env(os.environ["DATABASE_URL"], args.redis_url)


def scenario_complete(report: Report, args, *, rate: float | None = None, name: str = "complete") -> None:
    from . import load, stack

    raw_rate, raw_steps, raw_cpu_ms = raw_persisted_steps(300)
    work = load.prepare_work(args.tasks, random.Random(2))
    with stack.running(_stack_env(args), RESULTS.parent / "logs", workers=args.workers) as running:
        pids = running.worker_pids()
        meter = CpuMeter(pids, _postgres_database())
        before = stack.rss_mb(pids)
        rss_samples = []

        def sample(result):
            if len(result.samples) % 30 == 0:
                rss_samples.append(stack.rss_mb(pids))
                if rate:
                    print(f"  {result.samples[-1][0]:.0f} s: {result.completed} done, "
                          f"RSS {sum(rss_samples[-1]):.0f} MB", flush=True)

        with meter:
            result = asyncio.run(load.run_load(running.url, work, clients=args.clients, seconds=args.seconds,
                                               rate=rate, on_sample=sample))
        after = stack.rss_mb(pids)
    errors = ", ".join(f"{code} {n}" for code, n in result.errors.most_common()) or "none"
    # Steady state: the second half of the run (the first includes connection and cache warm-up).
    half = [s for s in result.samples if s[0] >= result.seconds / 2]
    steady = (half[-1][1] - half[0][1]) / (half[-1][0] - half[0][0]) if len(half) > 1 else result.throughput
    lat = result.latencies_ms
    target = "≥ 150/s, p95 ≤ 100 ms, CPU ≤ 13 ms" if name == "complete" else "errors only CONFLICT, RSS growth < 10 %"
    growth = ""
    if rss_samples:
        first, last = sum(rss_samples[0]), sum(after)
        growth = (f"; RSS {first:.0f} → {last:.0f} MB ({(last - first) / first * 100:+.1f} %) "
                  f"over {len(rss_samples)} samples")
    done = max(1, result.completed)
    cpu = (f"; CPU per completion: workers {meter.web / done * 1000:.1f} ms + PostgreSQL "
           f"{meter.db / done * 1000:.1f} ms = **{(meter.web + meter.db) / done * 1000:.1f} ms** "
           f"(raw engine step {raw_cpu_ms:.1f} ms)")
    report.row(name, f"{steady:.0f}/s sustained ({result.completed} in {result.seconds:.0f} s), "
                     f"p50 {pct(lat, 50):.0f} ms, p95 {pct(lat, 95):.0f} ms{cpu}",
               f"{args.workers} uvicorn workers, {args.clients} clients{f', paced at {rate}/s' if rate else ''}; "
               f"errors: {errors}; raw SpiffWorkflow persisted step {raw_rate:.0f}/s ({raw_steps} steps, 1 process), "
               f"ratio {steady / raw_rate:.2f}; worker RSS MB before {_mb(before)} after {_mb(after)}{growth}",
               target)


def _mb(values: list[float]) -> str:
    return "/".join(f"{v:.0f}" for v in values)


# --- open-year -----------------------------------------------------------------------------------

OPEN_YEAR = """mutation($unit: ID!, $year: Int!) {
  openPerformanceYear(unitId: $unit, year: $year) { id status total } }"""
JOB = """query($id: ID!) { job(id: $id) { status progress total errors } }"""


def scenario_open_year(report: Report, args) -> None:
    import httpx
    from django.db.models import Max
    from strawberry import relay

    from apps.organization.models import OrgUnit
    from apps.performance import services
    from apps.performance.models import Job, PerformancePlan

    from . import stack
    from .load import make_tokens

    unit = OrgUnit.objects.get(code="OPD01")
    hr = unit.hr_scopes.select_related("user__employee").first().user
    year = (PerformancePlan.objects.aggregate(y=Max("year"))["y"] or 2026) + 1
    size = unit.employees.model.objects.filter(unit__path__startswith=unit.path, is_active=True).count()
    # In this process: the background job runs in-process (no broker), as in the embedded default.
    start = time.perf_counter()
    with CpuMeter([os.getpid()], _postgres_database()) as meter:
        job = services.performance_year_open(actor=hr, year=year, unit=unit)
    inline = time.perf_counter() - start
    job.refresh_from_db()
    # Through Celery workers on Redis, started in the production shape; progress polled over GraphQL.
    token = make_tokens([hr.employee.pk])[hr.employee.pk]
    with stack.running(_stack_env(args), RESULTS.parent / "logs", workers=1, celery=args.celery) as running:
        http = httpx.Client(base_url=running.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        start = time.perf_counter()
        body = http.post("/graphql/", json={"query": OPEN_YEAR, "variables": {
            "unit": str(relay.GlobalID("OrgUnit", str(unit.pk))), "year": year + 1}}).json()
        job_id = body["data"]["openPerformanceYear"]["id"]
        progress, give_up = [], time.monotonic() + 900
        while time.monotonic() < give_up:
            state = http.post("/graphql/", json={"query": JOB, "variables": {"id": job_id}}).json()["data"]["job"]
            progress.append((time.perf_counter() - start, state["progress"]))
            if state["status"] in ("DONE", "FAILED"):
                break
            time.sleep(1)
        celery = time.perf_counter() - start
    errors = len(Job.objects.get(pk=relay.GlobalID.from_id(job_id).node_id).errors) + len(job.errors)
    seen = sorted({p for _t, p in progress})
    report.row("open-year", f"Celery ×{args.celery}: {celery:.1f} s ({celery * 1000 / size:.1f} ms/employee); "
                            f"in-process: {inline:.1f} s ({inline * 1000 / size:.1f} ms/employee; CPU per employee "
                            f"{meter.web * 1000 / size:.1f} ms + PostgreSQL {meter.db * 1000 / size:.1f} ms)",
               f"{size:,} employees of {unit.name}; item errors {errors}; live progress seen at "
               f"{len(seen)} distinct values polling each second (e.g. {', '.join(str(p) for p in seen[1:4])} …)",
               "≤ 60 s with Celery")


# --- start ---------------------------------------------------------------------------------------

START = """mutation($k: String!, $s: ID!) { startProcess(key: $k, subjectEmployeeId: $s, data: {periodId: "bench"}) {
  id status activeTasks { id name } } }"""


def scenario_start(report: Report, args) -> None:
    """startProcess in this process (session clients, no HTTP server): CPU per start, this process
    and PostgreSQL, each employee starting the demo approval for themself."""
    import json

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from strawberry import relay

    from apps.organization.models import Employee
    from apps.workflow.models import ProcessInstance

    started = ProcessInstance.objects.filter(key="approval_demo").values("subject_id")
    employees = list(Employee.objects.filter(user__isnull=False, rater__isnull=False, is_active=True)
                     .exclude(pk__in=started).select_related("user").order_by("?")[:args.starts])
    clients = []
    for employee in employees:
        client = Client()
        client.force_login(employee.user)
        clients.append((client, json.dumps({"query": START, "variables": {
            "k": "approval_demo", "s": str(relay.GlobalID("Employee", str(employee.pk)))}})))
    statements = []
    wall = time.perf_counter()
    with CpuMeter([os.getpid()], _postgres_database()) as meter:
        for client, body in clients:
            with CaptureQueriesContext(connection) as ctx:
                answer = client.post("/graphql/", body, content_type="application/json").json()
            assert "errors" not in answer, answer
            statements.append(len(ctx.captured_queries))
    wall = time.perf_counter() - wall
    n = max(1, len(clients))
    report.row("start", f"CPU per start {meter.web * 1000 / n:.1f} ms + PostgreSQL {meter.db * 1000 / n:.1f} ms; "
                        f"{wall * 1000 / n:.1f} ms wall; {statistics.median(statements):.0f} statements",
               f"{n} `startProcess` (approval_demo) in this process, session clients, one after another",
               "report; halve if easy")


# --- state ---------------------------------------------------------------------------------------

def scenario_state(report: Report, args) -> None:
    from django.db.models.functions import Length

    from apps.workflow.models import ProcessInstance

    sizes = sorted(ProcessInstance.objects.annotate(n=Length("state")).values_list("n", flat=True))
    running = sorted(ProcessInstance.objects.filter(status="RUNNING").annotate(n=Length("state"))
                     .values_list("n", flat=True))
    report.row("state", f"median {statistics.median(sizes) / 1024:.1f} KiB, p99 {pct(sizes, 99) / 1024:.1f} KiB",
               f"{len(sizes):,} instances (running only: median {statistics.median(running) / 1024:.1f} KiB, "
               f"p99 {pct(running, 99) / 1024:.1f} KiB); worker RSS: see complete/soak", "median ≤ 8 KiB")


# --- queries -------------------------------------------------------------------------------------

# The ten operations clients use most: (name, viewer, query, paged). $n is the page size.
OPERATIONS = [
    ("me", "hr", "{ me { user { username } roles employee { name unit { name } } rater { name } "
                 "managedUnits { name } } }", False),
    ("tasks (mine)", "rater", "{ tasks(filter: {mine: true}, first: $n) { edges { node { id name dueAt "
                              "processInstance { key subject { name } } } } } }", True),
    ("tasks (HR)", "hr", "{ tasks(first: $n) { edges { node { id name assignee { name } candidates { name } "
                         "processInstance { key status } } } } }", True),
    ("processInstances", "hr", "{ processInstances(first: $n) { edges { node { id key status subject { name } "
                               "activeTasks { name } } } } }", True),
    ("history", "hr", "{ processInstances(first: $n) { edges { node { history { kind actor { username } "
                      "task { name } } } } } }", True),
    ("employees", "hr", "{ employees(first: $n) { edges { node { name nip unit { name } position { title } "
                        "rater { name } } } } }", True),
    ("orgUnits", "hr", "{ orgUnits(first: $n) { edges { node { name kind parent { name } leader { name } } } } }",
     True),
    ("performancePlans", "hr", "{ performancePlans(filter: {year: $year}, first: $n) { edges { node { status "
                               "employee { name } workResults { text parents { text } indicators { text target } } "
                               "behaviorExpectations { coreValue } } } } }", True),
    ("myPlan", "employee", "{ myPlan(year: $year) { status workResults { text parents { text } "
                           "indicators { text target } } behaviorExpectations { coreValue } history { kind } } }",
     False),
    ("unitPerformance", "hr", '{ unitPerformance(unitId: "$unit", year: $year) { plansByStatus { status count } '
                              "overduePlans predicateDistribution { predicate count } meetingsHeld } }", False),
]


def scenario_queries(report: Report, args) -> None:
    """The ten operations the clients use most, at 10 rows and at 1,000 rows (ten pages of 100,
    counted per page): the counts must not grow with the rows."""
    from django.db.models import Count
    from django.test import Client

    from apps.organization.models import OrgUnit
    from apps.performance.models import PerformancePlan
    from apps.workflow.models import HumanTask

    from .load import make_tokens

    unit = OrgUnit.objects.get(code="OPD02") if OrgUnit.objects.filter(code="OPD02").exists() else \
        OrgUnit.objects.get(code="OPD01")
    hr = unit.hr_scopes.select_related("user__employee").first().user.employee
    rater = (HumanTask.objects.filter(state="READY", assignee__isnull=False).values("assignee")
             .annotate(n=Count("id")).order_by("-n").values_list("assignee", flat=True).first())  # the busiest
    plan = PerformancePlan.objects.filter(employee__unit__path__startswith=unit.path, status="APPROVED").first()
    tokens = make_tokens([hr.pk, rater, plan.employee_id])
    year = plan.year
    unit_id = _gid("OrgUnit", unit.pk)
    viewers = {"hr": hr.pk, "rater": rater, "employee": plan.employee_id}
    ops = [(name, viewers[who], query.replace("$year", str(year)).replace("$unit", unit_id), paged)
           for name, who, query, paged in OPERATIONS]
    client = Client()
    for token in tokens.values():  # a token's first use records it (a write once a minute): not counted
        _count_queries(client, token, "{ __typename }")
    cells = []
    for name, viewer, query, paged in ops:
        if not paged:
            cells.append(f"{name} {_count_queries(client, tokens[viewer], query)[0]}")
            continue
        small = _count_queries(client, tokens[viewer], query.replace("$n", "10"))[0]
        # Up to 1,000 rows in pages of 100 (the largest page): the count of each non-empty page.
        per_page, rows, after = [], 0, None
        while rows < 1000:
            cursor = f', after: "{after}"' if after else ""
            text = query.replace("first: $n", f"first: 100{cursor}").replace(
                "edges {", "pageInfo { endCursor } edges {", 1)
            count, data = _count_queries(client, tokens[viewer], text)
            connection_data = next(iter(data.values()))
            if not connection_data["edges"]:
                break
            per_page.append(count)
            rows += len(connection_data["edges"])
            after = connection_data["pageInfo"]["endCursor"]
        large = per_page[0] if len(set(per_page)) == 1 else f"{min(per_page)}–{max(per_page)}"
        cells.append(f"{name} {small}/{large}" + ("" if rows >= 1000 else f" ({rows} rows)"))
    report.row("queries", "; ".join(cells), "SQL queries per request: page of 10 rows / each of ten 100-row pages "
                                           "(1,000 rows); single objects once", "same count at 10 and 1,000")


def _count_queries(client, token: str, query: str) -> tuple[int, dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", {"query": query}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert "errors" not in body, (query, body["errors"])
    return len(ctx.captured_queries), body["data"]


def _gid(kind: str, pk: int) -> str:
    from strawberry import relay

    return str(relay.GlobalID(kind, str(pk)))


# --- main ----------------------------------------------------------------------------------------

SCENARIOS = {"inbox": scenario_inbox, "complete": scenario_complete, "start": scenario_start,
             "open-year": scenario_open_year,
             "state": scenario_state, "queries": scenario_queries}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="all", choices=["all", "soak", *SCENARIOS])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14",
                        help="a Redis database of its own: it is emptied first (stale queued jobs)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--celery", type=int, default=None,
                        help="Celery worker processes (default 2; 1 on SQLite, which has one writer at a time)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--tasks", type=int, default=20000, help="open tasks to draw the load from")
    parser.add_argument("--samples", type=int, default=200, help="raters for the inbox scenario")
    parser.add_argument("--starts", type=int, default=300, help="instances the start scenario starts")
    parser.add_argument("--rate", type=float, default=None, help="soak: completions per second")
    parser.add_argument("--no-write", action="store_true", help="print only; do not append to bench/results")
    args = parser.parse_args(argv)
    django_setup(args.database_url)
    from apps.organization.models import Employee

    if not Employee.objects.exists():
        parser.error("the database is empty: run python -m bench.seed first")
    if args.celery is None:
        args.celery = 1 if db_label() == "sqlite" else 2
    report = Report(args)
    print(HEADER)
    if args.scenario == "soak":
        if not args.rate:
            parser.error("--rate is needed for soak (half the measured maximum)")
        scenario_complete(report, args, rate=args.rate, name="soak")
    else:
        for name, scenario in SCENARIOS.items():
            if args.scenario in ("all", name):
                scenario(report, args)
    if not args.no_write:
        print(f"\nwritten to {report.write()}")


if __name__ == "__main__":
    main()
