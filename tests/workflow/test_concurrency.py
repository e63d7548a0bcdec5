"""Two simultaneous completions of one task: exactly one success and one CONFLICT, and the
instance state intact. Real parallel HTTP requests against the live server (PostgreSQL in CI;
SQLite serialises writers the same way)."""
from __future__ import annotations

import threading

from apps.workflow.models import HumanTask, ProcessEvent, ProcessInstance

from .helpers import COMPLETE, DRAFT, start


def test_parallel_completions_one_wins(published, client_for):
    staff_a = client_for(published.staff.user.username)
    staff_b = client_for(published.staff.user.username)
    draft = start(staff_a, published.staff)["activeTasks"][0]
    barrier = threading.Barrier(2)
    results = []

    def submit(client):
        barrier.wait()
        results.append(client(COMPLETE, {"id": draft["id"], "d": DRAFT}))

    threads = [threading.Thread(target=submit, args=(c,)) for c in (staff_a, staff_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    codes = sorted("ok" if "errors" not in r else r["errors"][0]["extensions"]["code"] for r in results)
    assert codes == ["CONFLICT", "ok"], results
    instance = ProcessInstance.objects.get()
    assert instance.lock_version == 2  # start + one completion
    assert ProcessEvent.objects.filter(kind="COMPLETED").count() == 1
    assert list(HumanTask.objects.filter(instance=instance).order_by("pk").values_list("bpmn_id", "state")) == [
        ("draft", "COMPLETED"), ("review", "READY")]
