"""Daily progress under load (issue 14 "Speed"): recording, the rater's bulk review, the month's
discipline summary and the week view, on a seeded province in PostgreSQL.

    python -m bench.daily_load [--employees 100000] [--rate 200] [--seconds 20]
                               [--database-url postgres://postgres@127.0.0.1:5432/kinerja_bench_daily_load]
                               [--reuse] [--workers 2] [--reviews 40] [--no-write]

The database is CREATED if missing and EMPTIED by the seed (bench/seed.py with the current year,
so that today may be recorded; the national holidays loaded): never point it at one you keep.
``--reuse`` skips the seed when the database already holds a province of that size. Then:

  record   recordDailyEntry(submit: true) at a fixed arrival rate, open loop (a request leaves at
           its slot whether or not earlier ones have answered; latency counts from the slot), each
           from another employee's bearer token, for today's date in the unit's zone (the latest
           working day when today is not one), against N uvicorn workers in the production shape;
  review   reviewDailyEntries: a rater approves 60 submitted entries of their staff in one request,
           one rater after another (sequential), over HTTP;
  summary  discipline.month_summary of last month for 10,000 employees (read + compute, in this
           process, as bench/daily.py times it), with a month of entries for them;
  week     dailyWeek of one employee: its SQL queries with no entries and with a week of them
           (locked by tests/daily/test_entries_queries.py), and its latency over HTTP.

CPU per request is the uvicorn workers' CPU time (/proc) over the run divided by the requests; the
PostgreSQL backends serving this database are counted separately. The load average (1 min) is
printed next to each row: the machine may be shared. Nothing is asserted: the table is the output.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from .cpu import CpuMeter
from .setup import django_setup

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/kinerja_bench_daily_load"
HEADER = "| scenario | result | detail | load avg | target |\n|---|---|---|---|---|"
FIELDS = """fragment DailyEntryFields on DailyEntry { id date text quantity outputUnit minutes evidenceLink status
  lateDays returnNote reviewedAt workResult { id text } reviewedBy { id name } }"""
RECORD = "mutation RecordDailyEntry($input: RecordDailyEntryInput!) { recordDailyEntry(input: $input) " \
         "{ ...DailyEntryFields } }\n" + FIELDS
# Diagnostic: the same write, its answer without the plan-scoped workResult and reviewedBy.
RECORD_LEAN = "mutation RecordDailyEntry($input: RecordDailyEntryInput!) { recordDailyEntry(input: $input) " \
              "{ id date text quantity outputUnit minutes evidenceLink status lateDays returnNote reviewedAt } }"
REVIEW = """mutation ReviewDailyEntries($approve: [ID!], $returns: [ReturnEntryInput!]) {
  reviewDailyEntries(approve: $approve, returns: $returns) {
    changed { id status returnNote reviewedAt } errors { entryId code message } } }"""
WEEK = """query DailyWeek($date: Date!, $employeeId: ID) { dailyWeek(date: $date, employeeId: $employeeId) {
  start employee { id name }
  days { date isWorkingDay holiday isWeekend isExcused isClosed deadline isFilled isMissing lateDays
         entries { ...DailyEntryFields } } } }\n""" + FIELDS
REVIEW_SIZE = 60
SUMMARY_SIZE = 10_000


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def load_avg() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def gid(kind: str, pk: int) -> str:
    from strawberry import relay

    return str(relay.GlobalID(kind, str(pk)))


# --- database and data ---------------------------------------------------------------------------

def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named by the URL if it does not exist."""
    import psycopg
    from urllib.parse import urlparse

    parts = urlparse(url)
    if not parts.scheme.startswith("postgres"):
        return
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed_province(employees: int, year: int) -> float:
    from django.core.management import call_command

    from . import seed

    start = time.perf_counter()
    seed.seed(employees, year, replace=True)
    call_command("load_holidays", stdout=open(os.devnull, "w"))
    return time.perf_counter() - start


def recording_day() -> dt.date:
    """Today in the province's zone, or the latest working day before it (R-CALENDAR)."""
    from django.utils import timezone

    from apps.daily import calendar
    from apps.daily.schedule import holidays_between, schedule_for
    from apps.organization.models import OrgUnit

    schedule = schedule_for(OrgUnit.objects.get(code="PROV"))
    day = timezone.now().astimezone(schedule.zone).date()
    holidays = holidays_between(day - dt.timedelta(days=30), day)
    while not calendar.is_working_day(day, schedule, holidays):
        day -= dt.timedelta(days=1)
    return day


def approved_results(year: int) -> dict[int, int]:
    """Employee id → the first work result of their APPROVED plan of ``year``."""
    from apps.performance.models import WorkResult

    rows = WorkResult.objects.filter(plan__year=year, plan__status="APPROVED").order_by("plan__employee_id", "position")
    out: dict[int, int] = {}
    for employee_id, result_id in rows.values_list("plan__employee_id", "pk"):
        out.setdefault(employee_id, result_id)
    return out


def past_working_days(before: dt.date, count: int) -> list[dt.date]:
    from apps.daily import calendar
    from apps.daily.schedule import default_schedule, holidays_between

    holidays = holidays_between(before - dt.timedelta(days=90), before)
    days, day = [], before - dt.timedelta(days=1)
    while len(days) < count:
        if calendar.is_working_day(day, default_schedule(), holidays):
            days.append(day)
        day -= dt.timedelta(days=1)
    return days


def review_batches(day: dt.date, results: dict[int, int], raters: int, rng: random.Random) -> list[tuple[int, list[int]]]:
    """For ``raters`` raters with at least six approved staff: 60 SUBMITTED entries of their staff
    over the ten working days before ``day``; returns (rater id, entry ids)."""
    from django.utils import timezone

    from apps.daily.models import DailyEntry, EntryStatus
    from apps.organization.models import Employee

    staff: dict[int, list[int]] = {}
    for pk, rater in Employee.objects.filter(pk__in=list(results), rater__isnull=False).values_list("pk", "rater_id"):
        staff.setdefault(rater, []).append(pk)
    eligible = sorted(r for r, s in staff.items() if len(s) >= 6)
    chosen = rng.sample(eligible, min(raters, len(eligible)))
    days = past_working_days(day, 10)
    now = timezone.now()
    batches = []
    for rater in chosen:
        team = staff[rater]
        entries = [DailyEntry(employee_id=team[n % len(team)], date=days[(n // len(team)) % len(days)],
                              work_result_id=results[team[n % len(team)]], text=f"Kegiatan {n}", quantity=Decimal(1),
                              output_unit="dokumen", status=EntryStatus.SUBMITTED, first_submitted_at=now,
                              late_days=rng.choice([0, 0, 0, 1]))
                   for n in range(REVIEW_SIZE)]
        DailyEntry.objects.bulk_create(entries)
        batches.append((rater, [e.pk for e in entries]))
    return batches


def summary_month(day: dt.date, results: dict[int, int], rng: random.Random):
    """The month before ``day`` for up to 10,000 employees of the province (the education agency
    when it is that large): one entry per working day for those with an approved plan, mostly on
    time, some late, some days missing or drafts only, 5 % on a week's leave (as bench/daily.py).
    Returns (the employees' queryset, year, month)."""
    from apps.daily import calendar
    from apps.daily.discipline import subtree_employees
    from apps.daily.models import DailyEntry, EntryStatus, Leave, LeaveKind, LeaveStatus
    from apps.daily.schedule import default_schedule, holidays_between
    from apps.organization.models import OrgUnit

    from .daily import WIB

    last = day.replace(day=1) - dt.timedelta(days=1)
    first = last.replace(day=1)
    agency = OrgUnit.objects.get(code="OPD01")
    unit = agency if subtree_employees(agency).count() >= SUMMARY_SIZE else OrgUnit.objects.get(code="PROV")
    employees = subtree_employees(unit)[:SUMMARY_SIZE]
    schedule, holidays = default_schedule(), holidays_between(first, last + dt.timedelta(days=40))
    work_days = list(calendar.working_days(first, last, schedule, holidays))
    rows, leave = [], []
    for employee_id in employees.values_list("pk", flat=True):
        result = results.get(employee_id)
        if result is None:
            continue
        for work_day in work_days:
            draw = rng.random()
            if draw < 0.05:
                continue
            status, submitted = EntryStatus.APPROVED, None
            if draw < 0.08:
                status = EntryStatus.DRAFT
            else:
                delay = 0 if draw < 0.85 else rng.choice([2, 3, 6])
                submitted = dt.datetime.combine(work_day + dt.timedelta(days=delay), dt.time(15), tzinfo=WIB)
            rows.append(DailyEntry(employee_id=employee_id, date=work_day, work_result_id=result, text="Mengolah data",
                                   quantity=1, output_unit="berkas", status=status, first_submitted_at=submitted,
                                   late_days=calendar.late_days(work_day, submitted, schedule, holidays)
                                   if submitted else 0))
        if rng.random() < 0.05:
            leave.append(Leave(employee_id=employee_id, starts_on=work_days[5], ends_on=work_days[9],
                               kind=LeaveKind.CUTI, status=LeaveStatus.APPROVED))
    DailyEntry.objects.bulk_create(rows, batch_size=5000)
    Leave.objects.bulk_create(leave)
    return unit, employees, first.year, first.month, len(rows)


# --- the scenarios -------------------------------------------------------------------------------

async def post_once(host: str, port: int, body: bytes, token: str) -> dict:
    """One POST /graphql/ on a new connection (``Connection: close``), read to the end.

    Plain asyncio streams, not httpx: with hundreds of requests in flight httpcore's pool spends
    its time matching requests to connections, and the load client (on the same two CPUs) became
    the bottleneck. A new connection per request, as bench/load.py: uvicorn's workers share one
    listening socket and a connection stays with one worker for its life."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(b"POST /graphql/ HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
                     b"Authorization: Bearer %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                     % (host.encode(), token.encode(), len(body)) + body)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    head, _sep, payload = raw.partition(b"\r\n\r\n")
    if b"chunked" in head.lower():
        payload = _unchunk(payload)
    status = int(head.split(b" ", 2)[1])
    if status != 200:
        raise HttpStatus(status, payload[:300])
    return json.loads(payload)


class HttpStatus(Exception):
    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(f"HTTP {status}: {body!r}")
        self.status = status


def _unchunk(data: bytes) -> bytes:
    out, pos = bytearray(), 0
    while True:
        end = data.index(b"\r\n", pos)
        size = int(data[pos:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2:end + 2 + size]
        pos = end + 2 + size + 2


async def open_loop(url: str, requests: list[tuple[str, dict]], rate: float,
                    query: str = RECORD) -> tuple[list[float], dict, int, float]:
    """Send each (token, variables) at its slot start + i/rate, whatever the answers so far.
    Latency counts from the slot (no coordinated omission)."""
    from urllib.parse import urlparse

    parts = urlparse(url)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    ok = 0
    start = time.perf_counter()

    async def send(i: int, token: str, variables: dict) -> None:
        nonlocal ok
        slot = start + i / rate
        try:
            body = await post_once(parts.hostname, parts.port,
                                   json.dumps({"query": query, "variables": variables}).encode(), token)
        except (OSError, ValueError, HttpStatus) as exc:
            key = f"HTTP {exc.status}" if isinstance(exc, HttpStatus) else type(exc).__name__
            if key not in errors:
                print(f"  first {key}: {exc}"[:400], flush=True)
            errors[key] = errors.get(key, 0) + 1
            return
        latencies.append((time.perf_counter() - slot) * 1000)
        if body.get("errors"):
            code = body["errors"][0].get("extensions", {}).get("code", "UNKNOWN")
            errors[code] = errors.get(code, 0) + 1
            if sum(errors.values()) == 1:
                print("  first error:", json.dumps(body["errors"][0])[:400], flush=True)
        else:
            ok += 1

    tasks = []
    for i, (token, variables) in enumerate(requests):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(i, token, variables)))
    await asyncio.gather(*tasks)
    return latencies, errors, ok, time.perf_counter() - start


def record_requests(employees: list[int], results: dict[int, int], tokens: dict[int, str], day: dt.date,
                    count: int) -> list[tuple[str, dict]]:
    out = []
    for n in range(count):
        employee = employees[n % len(employees)]
        out.append((tokens[employee], {"input": {
            "date": day.isoformat(), "workResultId": gid("WorkResult", results[employee]),
            "text": f"Menyusun laporan kegiatan {n}", "quantity": "2", "outputUnit": "dokumen", "minutes": 90,
            "submit": True}}))
    return out


def run_record(url, requests, rate, meter_args, query: str = RECORD) -> dict:
    with CpuMeter(*meter_args) as meter:
        load_before = load_avg()
        latencies, errors, ok, elapsed = asyncio.run(open_loop(url, requests, rate, query))
        load_after = load_avg()
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed, "sent": len(requests), "ok": ok,
            "web_cpu": meter.web, "db_cpu": meter.db, "load": f"{load_before} → {load_after}"}


def run_reviews(url: str, batches, tokens, meter_args) -> dict:
    import httpx

    latencies, errors, approved = [], 0, 0
    with CpuMeter(*meter_args) as meter, httpx.Client(base_url=url, timeout=60) as http:
        load_before = load_avg()
        for rater, entry_ids in batches:
            variables = {"approve": [gid("DailyEntry", pk) for pk in entry_ids], "returns": []}
            start = time.perf_counter()
            body = http.post("/graphql/", json={"query": REVIEW, "variables": variables},
                             headers={"Authorization": f"Bearer {tokens[rater]}"}).json()
            latencies.append((time.perf_counter() - start) * 1000)
            if body.get("errors") or body["data"]["reviewDailyEntries"]["errors"]:
                errors += 1
                if errors == 1:
                    print("  first review error:", json.dumps(body)[:400], flush=True)
            else:
                approved += len(body["data"]["reviewDailyEntries"]["changed"])
        load_after = load_avg()
    return {"latencies": latencies, "errors": errors, "approved": approved, "web_cpu": meter.web, "db_cpu": meter.db,
            "load": f"{load_before} → {load_after}"}


def sequential_record(requests: list[tuple[str, dict]]) -> tuple[list[float], list[float]]:
    """Record entries one at a time in this process through Django's test client (the whole
    Django + GraphQL stack, no ASGI server, no queueing): wall and CPU milliseconds each — the
    service time a worker needs per request on this machine right now."""
    from django.test import Client

    client = Client()
    wall, cpu = [], []
    for token, variables in requests:
        start, start_cpu = time.perf_counter(), time.process_time()
        body = client.post("/graphql/", {"query": RECORD, "variables": variables}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}").json()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert "errors" not in body, body
    return wall, cpu


def count_queries(token: str, query: str, variables: dict) -> tuple[int, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert "errors" not in body, body
    return len(ctx.captured_queries), body["data"]


def week_latency(url: str, token: str, day: dt.date, runs: int = 50) -> list[float]:
    import httpx

    out = []
    with httpx.Client(base_url=url, timeout=60) as http:
        for _ in range(runs):
            start = time.perf_counter()
            body = http.post("/graphql/", json={"query": WEEK, "variables": {"date": day.isoformat()}},
                             headers={"Authorization": f"Bearer {token}"}).json()
            out.append((time.perf_counter() - start) * 1000)
            assert "errors" not in body, body
    return out


# --- main ----------------------------------------------------------------------------------------

class Report:
    def __init__(self) -> None:
        self.rows: list[str] = []
        self.notes: list[str] = []

    def row(self, *cells: str) -> None:
        line = "| " + " | ".join(cells) + " |"
        print(line, flush=True)
        self.rows.append(line)

    def write(self, head: str) -> Path:
        RESULTS.mkdir(exist_ok=True)
        # The machine's (UTC) date: Django sets the process's zone to TIME_ZONE (WIB, a day ahead at night).
        path = RESULTS / f"{dt.datetime.now(dt.timezone.utc).date().isoformat()}-daily.md"
        title = "" if path.exists() else (
            "# Daily progress under load (issue 14)\n\nWritten by `bench/daily_load.py`; each run appends "
            "its table. Load average: 1/5/15 min, before → after each scenario (the machine may be shared).\n")
        with path.open("a") as out:
            out.write(f"{title}\n## {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} — "
                      f"`.venv/bin/python -m bench.daily_load {' '.join(sys.argv[1:])}`\n\n{head}\n\n"
                      f"{HEADER}\n" + "\n".join(self.rows) + "\n" +
                      ("".join(f"\n- {n}" for n in self.notes) + "\n" if self.notes else ""))
        return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=200, help="recordDailyEntry arrivals per second")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--database-url", default=DEFAULT_DB)
    parser.add_argument("--reuse", action="store_true", help="keep a province already seeded with --employees")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--reviews", type=int, default=40, help="raters approving 60 entries each")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of recording at the rate, not counted")
    parser.add_argument("--low-rate", type=float, default=25,
                        help="a second recording run at this rate (0: none): latency below saturation")
    parser.add_argument("--sequential", type=int, default=200,
                        help="records one at a time in-process, for the service time per request")
    parser.add_argument("--lean", action="store_true",
                        help="also record with an answer leaving out the plan-scoped workResult (diagnostic)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not append to bench/results")
    args = parser.parse_args(argv)
    ensure_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    from apps.daily import discipline
    from apps.daily.models import DailyEntry
    from apps.organization.models import Employee

    from . import stack
    from .load import make_tokens

    rng = random.Random(14)
    report = Report()
    call_command("migrate", verbosity=0)
    seeded = Employee.objects.count()
    year = dt.date.today().year
    if args.reuse and seeded and abs(seeded - args.employees) <= args.employees * 0.02:
        print(f"reusing the seeded province: {seeded:,} employees", flush=True)
        seed_s = None
    else:
        print(f"seeding {args.employees:,} employees for {year} (load average {load_avg()}) …", flush=True)
        seed_s = seed_province(args.employees, year)
        print(f"seeded in {seed_s:.0f} s", flush=True)
    day = recording_day()
    results = approved_results(day.year)
    employees_total = Employee.objects.count()
    print(f"recording day {day}; {len(results):,} of {employees_total:,} employees have an APPROVED {day.year} plan",
          flush=True)

    start = time.perf_counter()
    with connection.cursor() as cursor:  # a run on a reused province starts from no entries
        cursor.execute("DELETE FROM daily_dailyentry; DELETE FROM daily_leave")
    batches = review_batches(day, results, args.reviews, rng)
    unit, summary_employees, s_year, s_month, summary_rows = summary_month(day, results, rng)
    recorders = rng.sample(sorted(results), min(len(results), int(args.rate * (args.seconds + args.warmup) +
                                                                  args.low_rate * args.seconds + args.sequential +
                                                                  (args.rate * args.seconds if args.lean else 0))))
    week_employee = recorders[0]
    tokens = make_tokens(set(recorders) | {r for r, _ in batches})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE daily_dailyentry")
    print(f"prepared {len(batches)} review batches, {summary_rows:,} entries of {s_year}-{s_month:02d}, "
          f"{len(tokens):,} tokens in {time.perf_counter() - start:.0f} s", flush=True)

    # Queries of one record and one review, in this process (the server's own count).
    warm = count_queries(tokens[recorders[-1]], "{ __typename }", {})  # a token's first use writes it once
    record_queries, _data = count_queries(tokens[recorders[-1]], RECORD,
                                          record_requests([recorders[-1]], results, tokens, day, 1)[0][1])
    del warm
    before = load_avg()
    wall, cpu = sequential_record(record_requests(recorders[::-1], results, tokens, day, args.sequential))
    sequential_row = (f"record, one at a time in-process ({args.sequential})",
                      f"wall p50 {pct(wall, 50):.1f} ms, p95 {pct(wall, 95):.1f} ms; **CPU {statistics.median(cpu):.1f} ms** "
                      f"(median, this process: Django + GraphQL + psycopg)",
                      f"service time without ASGI or queueing; {record_queries} SQL queries per request; on 2 vCPU "
                      f"this alone caps recording at ~{2000 / statistics.median(cpu):.0f}/s before PostgreSQL's and "
                      f"uvicorn's share", f"{before} → {load_avg()}", "(p95 ≤ 50 ms at 200/s needs ≤ ~7 ms CPU)")
    head = (f"Data: {employees_total:,} employees ({len(results):,} with an APPROVED {day.year} plan), recording day "
            f"{day} (WIB); {os.cpu_count()} vCPU; {args.workers} uvicorn workers (DEBUG off, no Redis), PostgreSQL "
            f"{connection.pg_version // 10000 if connection.vendor == 'postgresql' else connection.vendor}; the load "
            f"client runs on the same machine." + (f" Seed: {seed_s:.0f} s." if seed_s else ""))
    print(head + "\n\n" + HEADER, flush=True)

    database = connection.settings_dict["NAME"] if connection.vendor == "postgresql" else None
    env = stack.production_env(args.database_url)
    report.row(*sequential_row)
    with stack.running(env, RESULTS.parent / "logs", workers=args.workers) as running:
        workers = running.worker_pids()
        count = int(args.rate * args.seconds)
        warmup = int(args.rate * args.warmup)
        requests = record_requests(recorders, results, tokens, day, warmup + count)
        if warmup:
            asyncio.run(open_loop(running.url, requests[:warmup], args.rate))
        rec = run_record(running.url, requests[warmup:], args.rate, (workers, database))
        lat = rec["latencies"]
        errors = ", ".join(f"{k} {v}" for k, v in sorted(rec["errors"].items())) or "none"
        report.row("record (recordDailyEntry, submit: true)",
                   f"p50 {pct(lat, 50):.0f} ms, **p95 {pct(lat, 95):.0f} ms**, p99 {pct(lat, 99):.0f} ms, "
                   f"max {max(lat):.0f} ms",
                   f"{count} requests open loop at {args.rate:g}/s over {args.seconds:g} s (took {rec['elapsed']:.1f} s, "
                   f"{rec['ok'] / rec['elapsed']:.0f}/s answered), {len(set(recorders)):,} employees; errors: {errors}; "
                   f"CPU per answered request: web workers {rec['web_cpu'] / max(1, rec['ok']) * 1000:.1f} ms, PostgreSQL "
                   f"{rec['db_cpu'] / max(1, rec['ok']) * 1000:.1f} ms; {record_queries} SQL queries per request",
                   rec["load"], "p95 ≤ 50 ms at 200/s")

        if args.low_rate:
            offset = warmup + count
            low = record_requests(recorders[offset:] or recorders, results, tokens, day, int(args.low_rate * args.seconds))
            rec = run_record(running.url, low, args.low_rate, (workers, database))
            lat = rec["latencies"]
            errors = ", ".join(f"{k} {v}" for k, v in sorted(rec["errors"].items())) or "none"
            report.row(f"record at {args.low_rate:g}/s", f"p50 {pct(lat, 50):.0f} ms, **p95 {pct(lat, 95):.0f} ms**, "
                       f"p99 {pct(lat, 99):.0f} ms", f"{len(low)} requests open loop, errors: {errors}; CPU per "
                       f"answered request: web {rec['web_cpu'] / max(1, rec['ok']) * 1000:.1f} ms, PostgreSQL "
                       f"{rec['db_cpu'] / max(1, rec['ok']) * 1000:.1f} ms", rec["load"], "–")

        if args.lean:
            offset = warmup + count + int(args.low_rate * args.seconds)
            lean = record_requests(recorders[offset:] or recorders, results, tokens, day, count)
            rec = run_record(running.url, lean, args.rate, (workers, database), RECORD_LEAN)
            lat = rec["latencies"]
            errors = ", ".join(f"{k} {v}" for k, v in sorted(rec["errors"].items())) or "none"
            report.row(f"record at {args.rate:g}/s, answer without workResult/reviewedBy (diagnostic)",
                       f"p50 {pct(lat, 50):.0f} ms, **p95 {pct(lat, 95):.0f} ms**, p99 {pct(lat, 99):.0f} ms",
                       f"{len(lean)} requests open loop ({rec['ok'] / rec['elapsed']:.0f}/s answered), errors: {errors}; "
                       f"CPU per answered request: web {rec['web_cpu'] / max(1, rec['ok']) * 1000:.1f} ms, PostgreSQL "
                       f"{rec['db_cpu'] / max(1, rec['ok']) * 1000:.1f} ms", rec["load"], "–")

        rev = run_reviews(running.url, batches, tokens, (workers, database))
        lat = rev["latencies"]
        report.row("review (reviewDailyEntries, approve 60)",
                   f"p50 {pct(lat, 50):.0f} ms, **p95 {pct(lat, 95):.0f} ms**, max {max(lat):.0f} ms",
                   f"{len(batches)} raters one after another, {rev['approved']:,} entries approved, "
                   f"{rev['errors']} requests with errors; CPU per request: web {rev['web_cpu'] / len(batches) * 1000:.0f} ms, "
                   f"PostgreSQL {rev['db_cpu'] / len(batches) * 1000:.0f} ms; queries locked by "
                   f"test_entries_queries.py::test_bulk_review_of_3_and_of_60_entries_costs_the_same",
                   rev["load"], "≤ 200 ms")

        week_token = tokens[week_employee]
        before = load_avg()
        week_ms = week_latency(running.url, week_token, day)
        week_load = f"{before} → {load_avg()}"

    # The week view: queries with no entries (a week without any) and with this week's.
    empty_week = day - dt.timedelta(days=7 * 60)
    empty_q, _ = count_queries(week_token, WEEK, {"date": empty_week.isoformat()})
    full_q, data = count_queries(week_token, WEEK, {"date": day.isoformat()})
    shown = sum(len(d["entries"]) for d in data["dailyWeek"]["days"])
    report.row("week (dailyWeek of one employee)",
               f"{empty_q} queries with 0 entries, {full_q} with {shown}; HTTP p50 {pct(week_ms, 50):.0f} ms, "
               f"p95 {pct(week_ms, 95):.0f} ms",
               "constant: locked by tests/daily/test_entries_queries.py::test_week_view_query_count_is_constant "
               "(5 with none, 13 with 1 or 20 entries, Django test client; + the bearer token's look-up here)",
               week_load, "constant queries")

    # The month's discipline summary, in this process (read + compute), as bench/daily.py.
    from .daily import timed

    size = summary_employees.count()
    load_before = load_avg()
    times, queries, rows = timed(lambda: discipline.month_summary(list(summary_employees), s_year, s_month,
                                                                  today=day), 5)
    report.row(f"summary (month_summary, {size:,} employees)",
               f"median **{statistics.median(times):.2f} s**, max {max(times):.2f} s",
               f"{s_year}-{s_month:02d} of {unit.name} ({summary_rows:,} entries; {DailyEntry.objects.count():,} in "
               f"the table), 5 runs, {queries} queries, {len(rows):,} rows; in-process (read + compute)",
               f"{load_before} → {load_avg()}", "≤ 5 s for 10,000")
    if not args.no_write:
        print(f"\nwritten to {report.write(head)}")


if __name__ == "__main__":
    main()
