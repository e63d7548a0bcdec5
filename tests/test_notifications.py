"""Task e-mails: on assignment, three days before the due date, when overdue — in Indonesian, to
the assignee (or the candidates of an unclaimed task), once each, and never to someone who
turned them off. Sent by the periodic Celery task (in-process here)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from apps.notifications.tasks import send_due
from apps.performance import services as performance
from apps.workflow import services as workflow
from apps.workflow.models import HumanTask

from .conftest import gid

ME = "{ me { emailNotifications } }"
SET = "mutation($on: Boolean!) { setEmailNotifications(enabled: $on) }"
COMPLETE = "mutation($id: ID!, $d: JSON!) { completeTask(id: $id, data: $d) { task { state } } }"
SUBMIT = {"summary": "Rencana kerja tahun ini", "decision": "SUBMIT"}


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def sweep(now=None) -> list:
    mail.outbox.clear()
    from apps.notifications.services import notifications_send_due

    count = notifications_send_due(now=now) if now else send_due.delay().get()
    assert count == len(mail.outbox)
    return list(mail.outbox)


def start(subject):
    return workflow.process_start(actor=None, key="approval_demo", subject=subject, data={"periodId": "2026"})


def submit_draft(client, instance):
    """The subject submits the draft task; returns the next open task."""
    draft = instance.tasks.get(state="READY")
    client.data(COMPLETE, {"id": gid("Task", draft.pk), "d": SUBMIT})
    return instance.tasks.filter(state="READY").first()


def test_assignment_mail_in_indonesian_once(published):
    d = published
    start(d.staff)
    sent = sweep()
    assert [m.to for m in sent] == [[d.staff.user.email]]
    assert sent[0].subject.startswith("Tugas baru: ") and "Halo" in sent[0].body
    assert d.staff.name in sent[0].body and "setEmailNotifications" in sent[0].body
    assert sweep() == []  # nothing twice


def test_opt_out_over_graphql(published, client_for):
    d = published
    staff = client_for(d.staff.user.username)
    assert staff.data(ME)["me"]["emailNotifications"] is True
    assert staff.data(SET, {"on": False})["setEmailNotifications"] is False
    assert staff.data(ME)["me"]["emailNotifications"] is False
    start(d.staff)
    start(d.peer)
    assert [m.to for m in sweep()] == [[d.peer.user.email]]  # the peer still hears of theirs
    # Turned on again: the open task is still within the two-day window, so it is announced now.
    staff.data(SET, {"on": True})
    assert [m.to for m in sweep()] == [[d.staff.user.email]]


def test_next_assignee_and_reassignment_are_told(published, client_for):
    d = published
    instance = start(d.staff)
    sweep()
    review = submit_draft(client_for(d.staff.user.username), instance)
    assert [m.to for m in sweep()] == [[d.kasi.user.email]]  # the rater's review
    workflow.task_reassign(actor=d.hr_all.user, task_id=review.pk, employee=d.kabid)
    assert [m.to for m in sweep()] == [[d.kabid.user.email]]


def test_candidates_of_an_unclaimed_task_are_told(published, client_for):
    """The Sekda has no rater in the system: HR of the unit are the candidates of the review."""
    d = published
    instance = start(d.sekda)
    sweep()
    review = submit_draft(client_for(d.sekda.user.username), instance)
    candidates = {e.user.email for e in review.candidates.select_related("user")}
    assert review.assignee is None and candidates
    assert {m.to[0] for m in sweep()} == candidates


def test_due_in_three_days_then_overdue(published):
    d = published
    performance.plan_open(employee=d.staff, year=2027, deadline=performance.planning_deadline(2027).isoformat(),
                          actor=None)
    draft = HumanTask.objects.get(subject=d.staff, bpmn_id="draft")
    assert draft.due_at is not None
    sweep()  # the assignment
    assert sweep(now=draft.due_at - dt.timedelta(days=4)) == []
    soon = sweep(now=draft.due_at - dt.timedelta(days=2))
    assert [m.to for m in soon] == [[d.staff.user.email]]
    assert soon[0].subject.startswith("Tugas jatuh tempo dalam tiga hari") and "31-01-2027 23:59" in soon[0].body
    assert sweep(now=draft.due_at - dt.timedelta(days=1)) == []
    late = sweep(now=draft.due_at + dt.timedelta(hours=1))
    assert [m.to for m in late] == [[d.staff.user.email]] and late[0].subject.startswith("Tugas terlambat")
    assert sweep(now=draft.due_at + dt.timedelta(days=2)) == []


def test_completed_tasks_are_not_announced(published, client_for):
    d = published
    instance = start(d.staff)
    submit_draft(client_for(d.staff.user.username), instance)
    assert [m.to for m in sweep()] == [[d.kasi.user.email]]  # only the open review


def test_setting_needs_a_login(gql):
    assert gql.error(SET, {"on": False})["extensions"]["code"] == "UNAUTHENTICATED"
    assert gql.error(ME)["extensions"]["code"] == "UNAUTHENTICATED"


def test_the_embedded_beat_runs_timers_and_notifications(published):
    """`make run` starts `run_periodic --loop`: each periodic task of the Celery beat schedule
    runs in-process; once here."""
    import io

    from django.core.management import call_command

    start(published.staff)
    mail.outbox.clear()
    out = io.StringIO()
    call_command("run_periodic", stdout=out)
    assert "workflow.fire_timers: 0" in out.getvalue() and "notifications.send_due: 1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[published.staff.user.email]]


def test_people_who_cannot_be_mailed_do_not_hold_up_the_others(published):
    """The sweep reads only tasks with somebody left to tell: a task whose assignee has no
    address (or opted out) never fills the batch in place of one that can be sent."""
    from apps.notifications.services import notifications_send_due

    d = published
    staff = d.staff
    staff.user.email = ""
    staff.user.save(update_fields=["email"])
    start(staff)  # older, and nobody to mail
    start(d.peer)
    mail.outbox.clear()
    assert notifications_send_due(limit=1) == 1
    assert [m.to for m in mail.outbox] == [[d.peer.user.email]]


class FailingBackend:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_a_mail_that_fails_is_sent_by_the_next_sweep(published, settings):
    from apps.notifications.models import SentNotification
    from apps.notifications.services import notifications_send_due

    start(published.staff)
    settings.EMAIL_BACKEND = "tests.test_notifications.FailingBackend"
    assert notifications_send_due() == 0
    assert not SentNotification.objects.exists()  # released, not marked as sent
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert [m.to for m in sweep()] == [[published.staff.user.email]]
