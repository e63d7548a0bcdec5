"""Timers with a moved clock: the deadline boundary timer fires through `run_timers`, and a
candidate task appears for HR, who claim and unclaim it."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.workflow.models import ProcessInstance
from project.celery import app as celery_app

from .helpers import COMPLETE, HISTORY, complete, my_tasks, start
from .test_definitions import DEMO_XML, FORMS, PUBLISH, UPLOAD

CLAIM = "mutation($id: ID!) { claimTask(id: $id) { assignee { name } } }"
UNCLAIM = "mutation($id: ID!) { unclaimTask(id: $id) { assignee { name } } }"
SAVE_DRAFT = "mutation($id: ID!, $d: JSON!) { saveTaskDraft(id: $id, data: $d) { id } }"


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


# --- a broken timer instance next to a good one ----------------------------------------------------

BROKEN_TIMER_XML = DEMO_XML.replace(
    '<bpmn:sequenceFlow id="f_deadline_follow_up" sourceRef="deadline" targetRef="follow_up"/>',
    '<bpmn:sequenceFlow id="f_deadline_follow_up" sourceRef="deadline" targetRef="late"/>'
    '<bpmn:exclusiveGateway id="late" default="f_late_default"><bpmn:incoming>f_deadline_follow_up</bpmn:incoming>'
    '<bpmn:outgoing>f_late_check</bpmn:outgoing><bpmn:outgoing>f_late_default</bpmn:outgoing></bpmn:exclusiveGateway>'
    '<bpmn:sequenceFlow id="f_late_check" sourceRef="late" targetRef="follow_up">'
    '<bpmn:conditionExpression>(x for x in [1]).throw(SystemExit)</bpmn:conditionExpression></bpmn:sequenceFlow>'
    '<bpmn:sequenceFlow id="f_late_default" sourceRef="late" targetRef="follow_up"/>',
).replace('<bpmn:incoming>f_deadline_follow_up</bpmn:incoming>\n      <bpmn:outgoing>f_follow_up_end</bpmn:outgoing>',
          '<bpmn:incoming>f_late_check</bpmn:incoming><bpmn:incoming>f_late_default</bpmn:incoming>\n'
          '      <bpmn:outgoing>f_follow_up_end</bpmn:outgoing>')


def test_a_broken_timer_is_recorded_backed_off_and_does_not_hold_up_the_others(published, client_for, clock):
    d = published
    admin, staff, hr = (client_for(p.user.username) for p in (d.process_admin, d.staff, d.hr_all))
    draft = admin.data(UPLOAD, {"x": BROKEN_TIMER_XML, "f": FORMS, "b": None, "k": "uji_timer"})["uploadProcessDefinition"]
    admin.data(PUBLISH, {"id": draft["id"]})
    broken_id = start(staff, d.staff, key="uji_timer")["id"]  # due first, so it is tried first
    start(staff, d.staff)
    broken = ProcessInstance.objects.get(key="uji_timer")
    clock(days=15)

    assert "1 instance" in run_timers()  # the good one fired although the broken one failed before it
    assert [t["bpmnId"] for t in my_tasks(hr)] == ["follow_up"]
    history = staff.data(HISTORY, {"id": broken_id})["processInstance"]["history"]
    assert [e["kind"] for e in history] == ["STARTED", "TIMER_FAILED"]
    assert "SystemExit" in history[-1]["outcome"] and "throw" in history[-1]["outcome"]  # what failed
    assert history[-1]["data"]["attempt"] == 1
    first_retry = ProcessInstance.objects.get(pk=broken.pk).next_timer_at
    assert first_retry - timezone.now() == pytest.approx(dt.timedelta(minutes=1), abs=dt.timedelta(seconds=5))

    assert "0 instance" in run_timers()  # not retried before its back-off
    assert ProcessInstance.objects.get(pk=broken.pk).events.filter(kind="TIMER_FAILED").count() == 1

    delays = []
    for _ in range(7):  # each failure in a row doubles the wait, up to an hour
        clock(hours=1, seconds=1)
        before = timezone.now()
        run_timers()
        delays.append(round((ProcessInstance.objects.get(pk=broken.pk).next_timer_at - before).total_seconds() / 60))
    assert delays == [2, 4, 8, 16, 32, 60, 60]
    instance = ProcessInstance.objects.get(pk=broken.pk)
    assert instance.status == "RUNNING" and instance.lock_version == broken.lock_version  # nothing half-written
    assert [t["bpmnId"] for t in my_tasks(staff)] == ["draft", "draft"]  # both drafts still open


# --- the periodic loop ---------------------------------------------------------------------------

calls: list[int] = []


@celery_app.task(name="tests.flaky_round")
def flaky_round() -> str:
    calls.append(1)
    if len(calls) == 1:
        raise RuntimeError("the database went away")
    return "ok"


def test_the_periodic_loop_survives_a_failing_round(db, settings):
    calls.clear()
    settings.CELERY_BEAT_SCHEDULE = {
        "flaky": {"task": "tests.flaky_round", "schedule": 0.0},
        "timers": {"task": "workflow.fire_timers", "schedule": 0.0},
    }
    out, err = io.StringIO(), io.StringIO()
    call_command("run_periodic", "--loop", "--rounds", "3", stdout=out, stderr=err)
    assert len(calls) == 3  # the first round failed, the loop went on
    assert "tests.flaky_round: failed" in err.getvalue()
    assert out.getvalue().count("tests.flaky_round: ok") == 2


def test_a_claimed_task_leaves_the_other_candidates_inboxes(published, client_for, clock):
    """The nurse's follow-up is claimable by HR of all Lebong and HR of Dinas Kesehatan; once one
    claims it, it is hers alone."""
    d = published
    start(client_for(d.nurse.user.username), d.nurse)
    clock(days=15)
    run_timers()
    hr_all, hr_dinkes = client_for(d.hr_all.user.username), client_for(d.hr_dinkes.user.username)
    [offered] = my_tasks(hr_all)
    assert [t["id"] for t in my_tasks(hr_dinkes)] == [offered["id"]]
    # The nurse sees her own process's follow-up but it is HR's to do.
    nurse = client_for(d.nurse.user.username)
    refused = nurse.error(COMPLETE, {"id": offered["id"], "d": {"note": "Saya tindak lanjuti sendiri"}})
    assert (refused["extensions"]["code"], refused["message"]) == ("FORBIDDEN", "Tugas ini bukan milik Anda.")
    hr_dinkes.data(CLAIM, {"id": offered["id"]})
    assert my_tasks(hr_all) == []
    assert hr_all.error(CLAIM, {"id": offered["id"]})["extensions"]["code"] == "CONFLICT"  # no taking it over
    for query, data in [(COMPLETE, {"id": offered["id"], "d": {"note": "Diselesaikan orang lain"}}),
                        (SAVE_DRAFT, {"id": offered["id"], "d": {"note": "Draf orang lain"}})]:
        refused = hr_all.error(query, data)  # still a candidate, no longer the one to act
        assert (refused["extensions"]["code"], refused["message"]) == ("FORBIDDEN", "Tugas ini sudah diambil orang lain.")
    assert [t["assignee"]["name"] for t in my_tasks(hr_dinkes)] == [d.hr_dinkes.name]
