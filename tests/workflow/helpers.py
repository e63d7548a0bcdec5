"""GraphQL snippets shared by the workflow tests."""
from __future__ import annotations

from ..conftest import gid

START = """mutation($key: String!, $s: ID!, $d: JSON) { startProcess(key: $key, subjectEmployeeId: $s, data: $d) {
  id status subject { name } activeTasks { id bpmnId name lane assignee { name } } } }"""
TASKS = """query($f: TaskFilter) { tasks(first: 50, filter: $f) { totalCount edges { node {
  id bpmnId name lane state instructions dueAt assignee { name } candidates { name }
  form { schema uiSchema } data processInstance { id status subject { name } } } } } }"""
COMPLETE = """mutation($id: ID!, $d: JSON!) { completeTask(id: $id, data: $d) {
  task { id state completedBy { username } data } processInstance { id status }
  nextTasks { id bpmnId name assignee { name } } } }"""
HISTORY = """query($id: ID!) { processInstance(id: $id) { status definition { key version }
  activeTasks { bpmnId } history { kind actor { username } task { bpmnId name } data outcome createdAt } } }"""


def start(client, subject, period="2026", key="approval_demo"):
    return client.data(START, {"key": key, "s": gid("Employee", subject.pk), "d": {"periodId": period}})["startProcess"]


def my_tasks(client, **filters):
    edges = client.data(TASKS, {"f": {"mine": True, **filters}})["tasks"]["edges"]
    return [e["node"] for e in edges]


def complete(client, task_id, data):
    return client.data(COMPLETE, {"id": task_id, "d": data})["completeTask"]


DRAFT = {"summary": "Rencana kerja tahun 2026 untuk kurikulum", "decision": "SUBMIT"}
