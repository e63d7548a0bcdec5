"""An async HTTP load client for ``completeTask``: 16 concurrent clients, real bearer tokens.

Work comes from the seeded database: open ``review`` tasks (the rater approves) and ``draft``
tasks (the employee submits; the review that follows goes back on the queue for the rater).
With ``rate`` set, clients keep to that many completions per second (open loop); without, they
go as fast as the server answers.
"""
from __future__ import annotations

import asyncio
import base64
import collections
import datetime as dt
import os
import random
import secrets
import time
from dataclasses import dataclass, field

import httpx

COMPLETE = """mutation($id: ID!, $d: JSON!) { completeTask(id: $id, data: $d) {
  task { id state } nextTasks { id bpmnId assignee { id } } } }"""
DEBUG = bool(os.environ.get("LOAD_DEBUG"))  # print the queue and counts every second
DECISIONS = {"review": {"decision": "APPROVE"}, "draft": {"decision": "SUBMIT", "notes": "SKP saya."}}


@dataclass
class Work:
    queue: collections.deque            # (task global id, bpmn id, employee id of the doer)
    tokens: dict[int, str]              # employee id -> bearer token


@dataclass
class LoadResult:
    completed: int = 0
    errors: collections.Counter = field(default_factory=collections.Counter)
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    samples: list[tuple[float, int]] = field(default_factory=list)  # (elapsed s, completions so far)

    @property
    def throughput(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0


def prepare_work(limit: int, rng: random.Random) -> Work:
    """Open review and draft tasks, with a token for everybody who will act."""
    from django.db.models import Max
    from strawberry import relay

    from apps.performance.models import PerformancePlan
    from apps.workflow.models import HumanTask

    # The seeded year only: years opened later by the open-year scenario have plans without
    # work results, which cannot be submitted (R-CASCADE).
    year = PerformancePlan.objects.filter(status="SUBMITTED").aggregate(y=Max("year"))["y"]
    rows = list(HumanTask.objects.filter(state="READY", bpmn_id__in=list(DECISIONS), assignee__isnull=False,
                                         instance__key="skp_planning", instance__period_id=str(year))
                .values_list("pk", "bpmn_id", "assignee_id", "subject__rater_id")[:limit])
    rng.shuffle(rows)
    # Reviews first: they are what the January peak is made of; drafts feed more reviews.
    rows.sort(key=lambda r: r[1] != "review")
    tokens = make_tokens({r[2] for r in rows} | {r[3] for r in rows if r[3]})
    queue = collections.deque((str(relay.GlobalID("Task", str(pk))), bpmn, doer) for pk, bpmn, doer, _r in rows
                              if doer in tokens)
    return Work(queue, tokens)


def make_tokens(employee_ids) -> dict[int, str]:
    """A bearer token for each employee with an account, made directly (the login rate limit is
    not what the benchmarks measure)."""
    from django.utils import timezone

    from apps.accounts.models import ApiToken
    from apps.accounts.services import TOKEN_PREFIX, _digest
    from apps.organization.models import Employee

    users = dict(Employee.objects.filter(pk__in=set(employee_ids), user__isnull=False).values_list("pk", "user_id"))
    tokens, objects = {}, []
    expires = timezone.now() + dt.timedelta(days=1)
    for employee_id, user_id in users.items():
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        tokens[employee_id] = token
        objects.append(ApiToken(user_id=user_id, digest=_digest(token), prefix=token[:12], expires_at=expires))
    ApiToken.objects.bulk_create(objects, batch_size=2000)
    return tokens


def _employee_pk(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().split(":", 1)[1])


async def run_load(url: str, work: Work, *, clients: int = 16, seconds: float = 30, rate: float | None = None,
                   on_sample=None) -> LoadResult:
    result = LoadResult()
    start = time.perf_counter()
    stop_at = start + seconds
    issued = 0
    # A new connection per request: uvicorn's workers share one listening socket, and the kernel
    # hands each connection to one worker for its life — 16 long-lived connections would mostly
    # land on one worker and leave the others idle (as a proxy's short upstream connections don't).
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=0)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal issued
        while work.queue and time.perf_counter() < stop_at:
            if rate:
                slot = start + issued / rate
                issued += 1
                if slot > time.perf_counter():
                    await asyncio.sleep(slot - time.perf_counter())
            task_id, bpmn_id, doer = work.queue.popleft()
            sent = time.perf_counter()
            try:
                response = await http.post("/graphql/", json={"query": COMPLETE,
                                                               "variables": {"id": task_id, "d": DECISIONS[bpmn_id]}},
                                            headers={"Authorization": f"Bearer {work.tokens[doer]}"})
                body = response.json()
            except (httpx.HTTPError, ValueError) as exc:
                result.errors[type(exc).__name__] += 1
                continue
            result.latencies_ms.append((time.perf_counter() - sent) * 1000)
            if body.get("errors"):
                result.errors[body["errors"][0].get("extensions", {}).get("code", "UNKNOWN")] += 1
                continue
            result.completed += 1
            for task in body["data"]["completeTask"]["nextTasks"]:
                if task["bpmnId"] in DECISIONS and task["assignee"]:
                    employee = _employee_pk(task["assignee"]["id"])
                    if employee in work.tokens:
                        work.queue.append((task["id"], task["bpmnId"], employee))

    async def sampler() -> None:
        while time.perf_counter() < stop_at and work.queue:
            await asyncio.sleep(1)
            if DEBUG:
                print("sample", round(time.perf_counter() - start), result.completed, len(work.queue), issued,
                      dict(result.errors), flush=True)
            result.samples.append((time.perf_counter() - start, result.completed))
            if on_sample:
                on_sample(result)

    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as http:
        await asyncio.gather(sampler(), *(client(http) for _ in range(clients)))
    result.seconds = time.perf_counter() - start
    return result
