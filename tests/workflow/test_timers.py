"""Timers with a moved clock: the deadline boundary timer fires through `run_timers`, and a
candidate task appears for HR, who claim and unclaim it."""
from __future__ import annotations

import io

from django.core.management import call_command

from apps.workflow.models import ProcessInstance

from .helpers import complete, my_tasks, start

CLAIM = "mutation($id: ID!) { claimTask(id: $id) { assignee { name } } }"
UNCLAIM = "mutation($id: ID!) { unclaimTask(id: $id) { assignee { name } } }"


def run_timers() -> str:
    out = io.StringIO()
    call_command("run_timers", stdout=out)
    return out.getvalue()


def test_deadline_timer_fires_after_the_clock_moves(published, client_for, clock):
    d = published
    staff, hr = client_for(d.staff.user.username), client_for(d.hr_all.user.username)
    start(staff, d.staff)
    instance = ProcessInstance.objects.get()
    assert instance.next_timer_at is not None
    assert "0 instance" in run_timers()  # not due yet
    assert my_tasks(hr) == []
    clock(days=15)
    assert "1 instance" in run_timers()
    [follow_up] = my_tasks(hr)
    assert follow_up["bpmnId"] == "follow_up" and follow_up["assignee"] is None
    assert [c["name"] for c in follow_up["candidates"]] == [d.hr_all.name]
    # The draft is still open (non-interrupting timer) and the timer does not fire twice.
    assert [t["bpmnId"] for t in my_tasks(staff)] == ["draft"]
    assert "0 instance" in run_timers()
    assert hr.data(CLAIM, {"id": follow_up["id"]})["claimTask"]["assignee"]["name"] == d.hr_all.name
    assert hr.data(UNCLAIM, {"id": follow_up["id"]})["unclaimTask"]["assignee"] is None
    done = complete(hr, follow_up["id"], {"note": "Pegawai sedang cuti; diingatkan lewat telepon."})
    assert done["task"]["state"] == "COMPLETED" and done["processInstance"]["status"] == "RUNNING"
    kinds = list(ProcessInstance.objects.get().events.values_list("kind", flat=True))
    assert kinds == ["STARTED", "TIMER_FIRED", "CLAIMED", "UNCLAIMED", "COMPLETED"]


def test_personal_tasks_cannot_be_unclaimed(published, client_for):
    staff = client_for(published.staff.user.username)
    draft = start(staff, published.staff)["activeTasks"][0]
    assert staff.error(UNCLAIM, {"id": draft["id"]})["extensions"]["code"] == "BAD_USER_INPUT"


def test_timer_is_cancelled_when_the_task_completes_in_time(published, client_for, clock):
    from .helpers import DRAFT

    staff = client_for(published.staff.user.username)
    draft = start(staff, published.staff)["activeTasks"][0]
    complete(staff, draft["id"], DRAFT)
    assert ProcessInstance.objects.get().next_timer_at is None
    clock(days=30)
    assert "0 instance" in run_timers()
