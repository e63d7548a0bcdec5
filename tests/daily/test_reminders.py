"""Reminders of daily progress (issue 14, R-CALENDAR, R-DAILY): at the reminder hour of each unit's
own time zone (15:00 by default), whoever has not sent today's progress gets one e-mail and one
live event — not before the hour, not twice, not on a holiday, a weekend or a day of leave, not
when the day is filled, no mail when e-mails are turned off; a rater whose staff's entries have
waited more than two working days gets one note. Swept by the periodic task, in a constant number
of queries. The clock stands still in April 2027 (Wednesday the 14th: ``now_at``)."""
from __future__ import annotations

import asyncio
import datetime as dt
import io
from decimal import Decimal

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import ApiToken
from apps.core import events
from apps.daily.models import (DailyEntry, EntryStatus, Holiday, HolidayKind, Leave, LeaveKind, LeaveStatus,
                               ReminderSent, UnitSchedule)
from apps.daily.reminders import reminders_send_due
from apps.notifications.models import NotificationPreference
from apps.organization import services as organization
from apps.organization.models import Employee
from apps.performance.models import PerformancePlan, PlanStatus, WorkResult

from ..test_subscriptions import Subscriber, asgi_url, token_for  # noqa: F401 (the fixture)
from .test_entries import now_at  # noqa: F401 (the fixture)

APP = "http://127.0.0.1:8000"
REMINDERS = "subscription { dailyReminders { kind date hasDraft entriesWaiting employeesWaiting } }"


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.KINERJA_APP_URL = APP
    settings.KINERJA_DAILY_REMINDER_HOUR = 15


def approve_plans(*employees, year: int = 2027) -> dict[int, WorkResult]:
    """Approved SKPs of ``year`` with one work result each: employee id → work result."""
    plans = PerformancePlan.objects.bulk_create(
        [PerformancePlan(employee=e, year=year, status=PlanStatus.APPROVED) for e in employees])
    results = WorkResult.objects.bulk_create([WorkResult(plan=plan, text=f"RHK {plan.employee.name}") for plan in plans])
    return {result.plan.employee_id: result for result in results}


def entry(employee, result, day: str, *, status: str = EntryStatus.SUBMITTED, submitted: str | None = None,
          count: int = 1) -> None:
    """``count`` entries of ``day``; ``submitted``: the moment (WIB) of their first submission."""
    first = dt.datetime.fromisoformat(submitted or f"{day} 10:00").replace(tzinfo=dt.timezone(dt.timedelta(hours=7)))
    DailyEntry.objects.bulk_create([
        DailyEntry(employee=employee, work_result=result, date=dt.date.fromisoformat(day), text="Menyusun modul",
                   quantity=Decimal(1), output_unit="dokumen", status=status,
                   first_submitted_at=None if status == EntryStatus.DRAFT else first)
        for _ in range(count)])


class Listener:
    """The app's side of the live events: a channel in each user's group on the Channels layer
    (the WebSocket test below goes through the real subscription)."""

    def __init__(self, *employees):
        self.layer = get_channel_layer()
        self.channels = {}
        for employee in employees:
            channel = async_to_sync(self.layer.new_channel)()
            async_to_sync(self.layer.group_add)(events.user_group(employee.user_id), channel)
            self.channels[employee.pk] = channel

    def received(self, employee) -> list[dict]:
        async def drain() -> list[dict]:
            got = []
            while True:
                try:
                    got.append(await asyncio.wait_for(self.layer.receive(self.channels[employee.pk]), 0.05))
                except TimeoutError:
                    return got
        return [m for m in async_to_sync(drain)() if m["type"] == events.DAILY_REMINDER]


@pytest.fixture
def team(demo_db, now_at):  # noqa: F811 (the fixture)
    """The curriculum section with approved 2027 SKPs: the kasi and two staff (rated by the kasi;
    the kasi by the kabid, who has no SKP). Wednesday 14 April 2027, 10:00 WIB."""
    d = demo_db
    d.results = approve_plans(d.kasi, d.staff, d.peer)
    return d


@pytest.fixture
def sweep(now_at, django_capture_on_commit_callbacks):  # noqa: F811 (the fixture)
    """sweep("2027-04-14 15:00") -> the mails of one sweep at that moment (WIB); events are
    published as after a commit."""
    def run(moment: str) -> list:
        now_at(moment)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            count = reminders_send_due()
        assert count >= len(mail.outbox)
        return list(mail.outbox)
    return run


def recipients(mails) -> list[str]:
    return sorted(address for m in mails for address in m.to)


def addresses(*employees) -> list[str]:
    return sorted(e.user.email for e in employees)


# --- not filled today -----------------------------------------------------------------------------


def test_not_filled_one_mail_and_one_event_at_the_hour_not_before_not_twice(team, sweep):
    d = team
    listener = Listener(d.staff, d.kabid)
    assert sweep("2027-04-14 14:59") == [] and listener.received(d.staff) == []
    sent = sweep("2027-04-14 15:00")
    assert recipients(sent) == addresses(d.kasi, d.staff, d.peer)  # the kabid has no approved SKP
    staff_mail = next(m for m in sent if m.to == [d.staff.user.email])
    assert staff_mail.body.startswith(f"Halo {d.staff.name},")
    assert f"{APP}/harian\n" in staff_mail.body and "Rabu, 14 April 2027" in staff_mail.body
    assert "setEmailNotifications" in staff_mail.body and "draf" not in staff_mail.body.lower()
    [event] = listener.received(d.staff)
    assert (event["kind"], event["date"], event["has_draft"]) == ("NOT_FILLED", "2027-04-14", False)
    assert listener.received(d.kabid) == []
    assert sweep("2027-04-14 15:05") == [] and sweep("2027-04-14 23:59") == []
    assert listener.received(d.staff) == []  # never twice the same day
    assert recipients(sweep("2027-04-15 15:00")) == addresses(d.kasi, d.staff, d.peer)  # a new day


def test_r_daily_a_filled_day_is_not_reminded_a_draft_is_and_the_mail_says_send_it(team, sweep):
    d = team
    entry(d.staff, d.results[d.staff.pk], "2027-04-14", status=EntryStatus.DRAFT)
    entry(d.peer, d.results[d.peer.pk], "2027-04-14", status=EntryStatus.RETURNED)  # submitted, then returned
    entry(d.kasi, d.results[d.kasi.pk], "2027-04-13")  # yesterday's does not fill today
    listener = Listener(d.staff)
    sent = sweep("2027-04-14 15:00")
    assert recipients(sent) == addresses(d.kasi, d.staff)
    staff_mail = next(m for m in sent if m.to == [d.staff.user.email])
    kasi_mail = next(m for m in sent if m.to == [d.kasi.user.email])
    assert "draf" in staff_mail.body.lower() and "draf" not in kasi_mail.body.lower()
    assert [e["has_draft"] for e in listener.received(d.staff)] == [True]
    DailyEntry.objects.filter(employee=d.kasi).update(status=EntryStatus.APPROVED, date=dt.date(2027, 4, 15))
    entry(d.staff, d.results[d.staff.pk], "2027-04-15")
    assert recipients(sweep("2027-04-15 15:00")) == addresses(d.peer)


def test_r_calendar_no_reminder_on_a_holiday_or_outside_the_units_week(team, sweep):
    d = team
    Holiday.objects.create(date=dt.date(2027, 4, 14), name="Hari libur uji", kind=HolidayKind.NATIONAL)
    assert sweep("2027-04-14 15:00") == []
    assert sweep("2027-04-17 15:00") == [] and sweep("2027-04-18 15:00") == []  # Saturday, Sunday: 5-day week
    UnitSchedule.objects.create(unit=d.staff.unit, working_days=6)
    assert recipients(sweep("2027-04-17 16:00")) == addresses(d.kasi, d.staff, d.peer)  # a 6-day unit
    assert sweep("2027-04-18 16:00") == []


def test_r_calendar_approved_leave_excuses_the_day_a_pending_one_does_not(team, sweep):
    d = team
    Leave.objects.create(employee=d.staff, starts_on=dt.date(2027, 4, 13), ends_on=dt.date(2027, 4, 14),
                         kind=LeaveKind.CUTI, status=LeaveStatus.APPROVED)
    Leave.objects.create(employee=d.peer, starts_on=dt.date(2027, 4, 14), ends_on=dt.date(2027, 4, 14),
                         kind=LeaveKind.SAKIT, status=LeaveStatus.PENDING)
    assert recipients(sweep("2027-04-14 15:00")) == addresses(d.kasi, d.peer)
    assert d.staff.user.email in recipients(sweep("2027-04-15 15:00"))  # the leave is over


def test_only_active_employees_with_an_approved_skp_of_the_year(team, sweep):
    d = team
    PerformancePlan.objects.filter(employee=d.staff).update(status=PlanStatus.SUBMITTED)
    Employee.objects.filter(pk=d.peer.pk).update(is_active=False)
    approve_plans(d.kabid, year=2026)  # last year's SKP does not count
    assert recipients(sweep("2027-04-14 15:00")) == addresses(d.kasi)


def test_opted_out_or_without_an_address_no_mail_but_the_live_event(team, sweep):
    d = team
    NotificationPreference.objects.create(user=d.staff.user, email_enabled=False)
    peer = d.peer
    peer.user.email = ""
    peer.user.save(update_fields=["email"])
    listener = Listener(d.staff, d.peer)
    assert recipients(sweep("2027-04-14 15:00")) == addresses(d.kasi)
    assert [e["kind"] for e in listener.received(d.staff)] == ["NOT_FILLED"]
    assert [e["kind"] for e in listener.received(d.peer)] == ["NOT_FILLED"]
    assert sweep("2027-04-14 16:00") == [] and listener.received(d.staff) == []  # recorded all the same


def test_a_wita_unit_is_reminded_an_hour_earlier(team, sweep):
    d = team
    UnitSchedule.objects.create(unit=d.staff.unit, time_zone="Asia/Makassar")  # the section; the kabid's unit stays WIB
    approve_plans(d.kabid)
    assert sweep("2027-04-14 13:59") == []
    assert recipients(sweep("2027-04-14 14:00")) == addresses(d.kasi, d.staff, d.peer)  # 15:00 WITA
    assert ReminderSent.objects.filter(user=d.staff.user, date=dt.date(2027, 4, 14)).exists()
    assert recipients(sweep("2027-04-14 15:00")) == addresses(d.kabid)  # 15:00 WIB


def test_a_mail_that_fails_is_sent_with_its_event_by_the_next_sweep(team, sweep, settings):
    d = team
    listener = Listener(d.staff)
    settings.EMAIL_BACKEND = "tests.test_notifications.FailingBackend"
    sweep("2027-04-14 15:00")
    assert not ReminderSent.objects.exists() and listener.received(d.staff) == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert recipients(sweep("2027-04-14 15:01")) == addresses(d.kasi, d.staff, d.peer)
    assert len(listener.received(d.staff)) == 1


# --- raters with entries waiting ------------------------------------------------------------------


def notes(mails) -> list:
    return [m for m in mails if "/harian/tinjau" in m.body]


def test_rater_note_after_two_working_days_waiting_not_after_one(team, sweep):
    d = team
    entry(d.staff, d.results[d.staff.pk], "2027-04-12")  # submitted Monday 10:00
    entry(d.peer, d.results[d.peer.pk], "2027-04-12", count=2, submitted="2027-04-12 16:30")
    entry(d.peer, d.results[d.peer.pk], "2027-04-13")  # Tuesday's: waiting one day less
    entry(d.peer, d.results[d.peer.pk], "2027-04-09", status=EntryStatus.APPROVED)  # reviewed already
    listener = Listener(d.kasi)
    assert notes(sweep("2027-04-14 15:00")) == []  # Wednesday: one whole working day (Tuesday)
    listener.received(d.kasi)
    assert notes(sweep("2027-04-15 14:59")) == []  # Thursday, not yet the hour
    [note] = notes(sweep("2027-04-15 15:00"))
    assert note.to == [d.kasi.user.email] and f"{APP}/harian/tinjau\n" in note.body
    assert f"- {d.peer.name}: 2 " in note.body and f"- {d.staff.name}: 1 " in note.body
    assert [(e["kind"], e["entries_waiting"], e["employees_waiting"]) for e in listener.received(d.kasi)] == [
        ("NOT_FILLED", 0, 0), ("REVIEWS_WAITING", 3, 2)]
    approve_plans(d.kabid)  # newly due the same day: reminded, while the kasi's note does not go again
    assert recipients(sweep("2027-04-15 17:00")) == addresses(d.kabid)
    [note] = notes(sweep("2027-04-16 15:00"))  # Friday: Tuesday's entry too
    assert f"- {d.peer.name}: 3 " in note.body
    # The next week: still waiting, one note a day; the kasi's own rater has nothing of the kasi's waiting.
    assert [m.to for m in notes(sweep("2027-04-19 15:00"))] == [[d.kasi.user.email]]


def test_rater_note_counts_working_days_of_the_employees_calendar(team, sweep):
    d = team
    Holiday.objects.create(date=dt.date(2027, 4, 13), name="Hari libur uji", kind=HolidayKind.NATIONAL)
    entry(d.staff, d.results[d.staff.pk], "2027-04-12")
    assert notes(sweep("2027-04-15 15:00")) == []  # Tuesday off: only Wednesday whole
    assert len(notes(sweep("2027-04-16 15:00"))) == 1


def test_a_rater_is_noted_at_the_hour_of_their_own_unit(team, sweep):
    d = team
    UnitSchedule.objects.create(unit=d.kasi.unit, time_zone="Asia/Makassar")  # the kabid's unit stays WIB
    entry(d.kasi, d.results[d.kasi.pk], "2027-04-12")
    assert notes(sweep("2027-04-15 14:00")) == []  # 15:00 for the kasi, 14:00 for the kabid
    [note] = notes(sweep("2027-04-15 15:00"))
    assert note.to == [d.kabid.user.email] and f"- {d.kasi.name}: 1 " in note.body


def test_rater_note_goes_to_the_current_rater(team, sweep):
    d = team
    entry(d.staff, d.results[d.staff.pk], "2027-04-12")
    entry(d.peer, d.results[d.peer.pk], "2027-04-12")
    organization.employee_set_supervisor(actor=d.hr_all.user, employee=d.staff, supervisor=d.kabid)
    sent = notes(sweep("2027-04-15 15:00"))
    by_rater = {m.to[0]: m.body for m in sent}
    assert sorted(by_rater) == addresses(d.kasi, d.kabid)
    assert d.staff.name in by_rater[d.kabid.user.email] and d.staff.name not in by_rater[d.kasi.user.email]


# --- the sweep ------------------------------------------------------------------------------------


def test_a_sweep_costs_the_same_queries_for_3_and_for_50_employees(
        demo_db, now_at, django_capture_on_commit_callbacks):  # noqa: F811 (the fixture)
    employees = list(Employee.objects.filter(rater__isnull=False).select_related("user").order_by("pk"))
    assert len(employees) >= 50

    def sweep_with(staff: list[Employee], moment: str) -> tuple[int, int]:
        results = approve_plans(*staff)
        for employee in staff:
            entry(employee, results[employee.pk], "2027-04-12")  # waiting for their raters
        now_at(moment)
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
            sent = reminders_send_due()
        return len(queries.captured_queries), sent

    few, sent_few = sweep_with(employees[:3], "2027-04-15 15:00")
    many, sent_many = sweep_with(employees[3:50], "2027-04-16 15:00")
    raters = len({e.rater_id for e in employees[:50]})
    assert sent_few >= 4 and sent_many == 50 + raters and len(mail.outbox) == sent_many
    # holidays, units, schedules, employees, raters, opt-outs; the claim (savepoint, insert, release)
    assert (few, many) == (9, 9), (few, many)
    now_at("2027-04-16 12:59")  # 14:59 WIT: before the hour in every zone, not one query
    with CaptureQueriesContext(connection) as queries:
        assert reminders_send_due() == 0
    assert len(queries.captured_queries) == 0


def test_the_embedded_beat_runs_the_reminders(team, now_at):  # noqa: F811
    """`make run` starts `run_periodic --loop`: the reminders are one of its periodic tasks."""
    now_at("2027-04-14 15:00")
    mail.outbox.clear()
    out = io.StringIO()
    call_command("run_periodic", stdout=out)
    assert "daily.send_reminders: 3" in out.getvalue()
    assert recipients(mail.outbox) == addresses(team.kasi, team.staff, team.peer)


# --- the live event over the real subscription ----------------------------------------------------


def test_daily_reminders_subscription_over_a_websocket(demo, asgi_url, now_at):  # noqa: F811
    d = demo
    results = approve_plans(d.staff, d.peer)
    entry(d.peer, results[d.peer.pk], "2027-04-14")  # the peer has filled today
    now_at("2027-04-14 14:00")
    tokens = {e.pk: token_for(e) for e in (d.staff, d.peer)}
    ApiToken.objects.update(expires_at=dt.datetime(2028, 1, 1, tzinfo=dt.UTC))  # past the clock's moves
    staff = Subscriber(asgi_url, tokens[d.staff.pk]).subscribe(REMINDERS)
    peer = Subscriber(asgi_url, tokens[d.peer.pk]).subscribe(REMINDERS)
    anonymous = Subscriber(asgi_url, None).subscribe(REMINDERS)
    [refused] = anonymous.messages(1)
    errors = refused if isinstance(refused, list) else refused["errors"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    now_at("2027-04-14 15:00")
    assert reminders_send_due() == 1
    assert [e["data"]["dailyReminders"] for e in staff.messages()] == [
        {"kind": "NOT_FILLED", "date": "2027-04-14", "hasDraft": False, "entriesWaiting": 0, "employeesWaiting": 0}]
    assert peer.messages(0.5) == []
    assert reminders_send_due() == 0 and staff.messages(0.5) == []
    for subscriber in (staff, peer, anonymous):
        subscriber.close()
