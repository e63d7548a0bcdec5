"""Workflow benchmark: completeTask end to end against the raw engine step, and state size.

    python -m bench.workflow [--instances 40] [--database-url URL]

Runs the bundled approval_demo process (draft → review REVISE → draft → review APPROVE →
approve: 5 persisted user steps per instance) twice in the same run:
1. raw SpiffWorkflow with our sandboxed engine and spec-stripped serializer, load + run + save
   in memory for every step (no database);
2. end to end: `completeTask` through the whole Django + GraphQL stack (in-process client,
   session auth, JSON-Schema validation, optimistic lock, task mirror, audit, guardian grants)
   on the configured database.
Prints one table; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

STEPS = [("draft", {"summary": "Rencana kerja untuk tahun ini", "decision": "SUBMIT"}),
         ("review", {"decision": "REVISE", "notes": "Tambahkan target."}),
         ("draft", {"summary": "Rencana kerja yang diperbaiki", "decision": "SUBMIT"}),
         ("review", {"decision": "APPROVE"}),
         ("approve", {"decision": "APPROVE"})]


def setup(database_url: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings_test")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")  # the in-process client's host name
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    call_command("import_org", "--units", "apps/organization/demo/units.csv",
                 "--employees", "apps/organization/demo/employees.csv", stdout=open(os.devnull, "w"))
    call_command("load_workflows", stdout=open(os.devnull, "w"))


def raw_engine(runs: int) -> tuple[float, list[int]]:
    from apps.workflow import engine
    from apps.workflow.models import ProcessDefinition

    definition = ProcessDefinition.objects.get(key="approval_demo", status="PUBLISHED")
    spec = engine.spec_for(definition.pk, definition.checksum, definition.bpmn_xml, definition.process_id)
    sizes, steps = [], 0
    start = time.perf_counter()
    for _ in range(runs):
        wf = engine.new_workflow(spec, {"subject_employee_id": 1})
        wf.do_engine_steps()
        state = engine.dumps(wf)
        for bpmn_id, data in STEPS:
            wf = engine.loads(state, spec)
            task = next(t for t in engine.ready_user_tasks(wf) if t.task_spec.bpmn_id == bpmn_id)
            task.data.update(data)
            task.run()
            wf.do_engine_steps()
            state = engine.dumps(wf)
            sizes.append(len(state))
            steps += 1
    return (time.perf_counter() - start) * 1000 / steps, sizes


def end_to_end(instances: int) -> tuple[list[float], list[int], list[int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from strawberry import relay

    from apps.organization.models import Employee
    from apps.workflow import services
    from apps.workflow.models import HumanTask, ProcessInstance

    complete = "mutation($id: ID!, $d: JSON!) { completeTask(id: $id, data: $d) { task { state } nextTasks { id } } }"
    clients: dict[int, Client] = {}
    subjects = list(Employee.objects.filter(rater__rater__isnull=False, user__isnull=False)[:instances])
    for subject in subjects:
        services.process_start(actor=None, key="approval_demo", subject=subject, data={"periodId": "bench"})
    timings, queries = [], []
    for bpmn_id, data in STEPS:
        for task in HumanTask.objects.filter(state="READY", bpmn_id=bpmn_id).select_related("assignee__user"):
            user = task.assignee.user
            client = clients.get(user.pk)
            if client is None:
                client = clients[user.pk] = Client()
                client.force_login(user)
            body = json.dumps({"query": complete, "variables": {"id": str(relay.GlobalID("Task", str(task.pk))), "d": data}})
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.post("/graphql/", body, content_type="application/json").json()
                timings.append((time.perf_counter() - start) * 1000)
            queries.append(len(ctx.captured_queries))
            assert "errors" not in response, response
    sizes = [len(s) for s in ProcessInstance.objects.values_list("state", flat=True)]
    return timings, queries, sizes


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=40)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, os.getcwd())
    setup(args.database_url)
    raw_ms, raw_sizes = raw_engine(200)
    e2e, queries, sizes = end_to_end(args.instances)
    db = os.environ["DATABASE_URL"].split(":")[0]
    print(f"\nWorkflow benchmark ({db}; approval_demo, 5 persisted user steps per instance)")
    print("| mode | steps | ms/step p50 | ms/step p95 | queries/step | state bytes median | state bytes p99 |")
    print("|---|---|---|---|---|---|---|")
    print(f"| raw engine (load+run+save, memory) | {len(raw_sizes)} | {raw_ms:.2f} (mean) | – | 0 | "
          f"{int(statistics.median(raw_sizes))} | {int(pct(raw_sizes, 99))} |")
    print(f"| completeTask end to end ({db}) | {len(e2e)} | {pct(e2e, 50):.2f} | {pct(e2e, 95):.2f} | "
          f"{int(statistics.median(queries))} | {int(statistics.median(sizes))} | {int(pct(sizes, 99))} |")
    print(f"ratio end-to-end p50 / raw step: {pct(e2e, 50) / raw_ms:.1f}x")


if __name__ == "__main__":
    main()
