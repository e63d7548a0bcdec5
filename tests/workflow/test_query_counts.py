"""Query counts of the inbox and the audit history are locked and do not grow with rows."""
from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.organization.models import Employee
from apps.workflow import services
from apps.workflow.models import ProcessInstance

from ..conftest import gid

INBOX = """{ tasks(first: 50) { totalCount edges { node { id bpmnId name lane state dueAt instructions
  assignee { name unit { code } } candidates { name } form { schema uiSchema } data
  processInstance { id status subject { name } definition { key version } } } } } }"""
HISTORY = """query($id: ID!) { processInstance(id: $id) { status subject { name } activeTasks { name }
  history { kind actor { username } task { bpmnId name } data outcome createdAt } } }"""


def queries(client: Client, query: str, variables: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", json.dumps({"query": query, "variables": variables or {}}),
                           content_type="application/json").json()
    assert "errors" not in body, body
    return len(ctx.captured_queries)


@pytest.fixture
def hr_client(demo_db):
    call_command("load_workflows", stdout=io.StringIO())
    client = Client()
    client.force_login(demo_db.hr_all.user)
    return client


def start_for(employees):
    for e in employees:
        services.process_start(actor=None, key="approval_demo", subject=e, data={"periodId": "2026"})


def test_inbox_query_count_is_constant(hr_client, demo_db):
    everyone = list(Employee.objects.order_by("pk"))
    start_for(everyone[:3])
    few = queries(hr_client, INBOX)
    start_for(everyone[3:])
    assert ProcessInstance.objects.count() == len(everyone) > 50
    many = queries(hr_client, INBOX)
    # 8: each task's processInstance is read with the instance's own scoping (a prefetch, not a join).
    assert few == many == 8, (few, many)


def test_history_query_count_is_constant(hr_client, demo_db):
    staff = demo_db.staff
    start_for([staff])
    instance = ProcessInstance.objects.get()
    task = instance.tasks.get()
    services.task_save_draft(actor=staff.user, task_id=task.pk, data={"summary": "versi 0"})
    few = queries(hr_client, HISTORY, {"id": gid("ProcessInstance", instance.pk)})
    for i in range(1, 40):
        services.task_save_draft(actor=staff.user, task_id=task.pk, data={"summary": f"versi {i}"})
    assert instance.events.count() == 41
    many = queries(hr_client, HISTORY, {"id": gid("ProcessInstance", instance.pk)})
    # 8: the events' tasks are read with the task's own scoping (a prefetch, not a join).
    assert few == many == 8, (few, many)


COMPLETE = """mutation($id: ID!, $d: JSON!) { completeTask(id: $id, data: $d) { task { id state }
  processInstance { status } nextTasks { id bpmnId assignee { name } } } }"""


def test_complete_task_query_count_is_locked(demo_db):
    """A completion that hands the next task to the rater: same statements whatever the number
    of instances (session authentication included)."""
    call_command("load_workflows", stdout=io.StringIO())
    staff = list(Employee.objects.filter(rater__rater__isnull=False, user__isnull=False).order_by("pk"))
    start_for(staff[:3])
    counts = []
    for subject in (staff[0], staff[1], staff[2]):  # the first warms the per-process caches
        if subject is staff[2]:
            start_for(staff[3:])  # many more instances and tasks before the last completion
        task = ProcessInstance.objects.get(subject=subject).tasks.get(state="READY")
        client = Client()
        client.force_login(subject.user)
        counts.append(queries(client, COMPLETE, {"id": gid("Task", task.pk),
                                                 "d": {"summary": "Rencana kerja", "decision": "SUBMIT"}}))
    # 18: session and user (2); the savepoint (2); the task locked with its instance, definition,
    # assignee and subject, the complete grant (2); what the subject's lanes read (1: joining it to
    # the lock cost PostgreSQL more CPU than the statement saved, bench.run); the task's and the
    # instance's UPDATE (2); the next task, its candidate, its grants (4); the audit (1); the
    # payload read back (4).
    assert counts[1:] == [18, 18], counts
