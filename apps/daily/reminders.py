"""Reminders of daily progress (issue 14): an e-mail and a live event at the reminder hour to
those who have not sent today's progress, and a daily note to raters whose staff's entries have
waited for their review for more than two working days.

A sweep, like the task e-mails (apps/notifications): the Celery beat task ``daily.send_reminders``
(tasks.py; without a broker the embedded ``run_periodic`` loop runs it) every
DAILY_REMINDER_INTERVAL seconds. Each unit's own time zone decides when its people are due: from
KINERJA_DAILY_REMINDER_HOUR local time until midnight. Every reminder is recorded before it goes
(ReminderSent: person, kind, local day — unique), so sweeps are idempotent and nobody hears twice
the same day; a sweep costs the same few queries whatever the number of employees (none while it
is before the hour in every zone).

Who is due, on the local day D of their unit:

- NOT_FILLED: an active employee with an active account and an APPROVED SKP for D's year, D a
  working day of their unit (R-CALENDAR: its week, no holiday) not excused by approved leave,
  and no entry for D submitted (R-DISCIPLINE's *filled*: a draft does not count — the mail says
  to send it).
- REVIEWS_WAITING: the current rater (Employee.rater, an acting official included: entries
  follow a change of rater), on a working day of the rater's unit, of employees with SUBMITTED
  entries that waited more than two working days: two whole working days of the employee's unit
  lie between the day of the entry's first submission and today (submitted Monday: from
  Thursday; with Tuesday a holiday, from Friday).

E-mails (Indonesian: users have no language of their own) go to those with an address who did not
turn e-mails off (apps.notifications' preference); the live event goes to everyone due, as it is
no e-mail. A mail that fails releases its record, and its live event waits with it: the next
sweep sends both, so an event never goes twice.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core import events
from apps.notifications.selectors import emails_off
from apps.notifications.services import mails_send
from apps.organization.models import Employee, OrgUnit
from apps.performance.models import PerformancePlan, PlanStatus

from .calendar import Schedule, is_working_day
from .models import DailyEntry, EntryStatus, Leave, LeaveStatus, ReminderKind, ReminderSent, TimeZoneName
from .schedule import holidays_between, schedules_for

logger = logging.getLogger("kinerja.daily")

DAILY_PATH = "/harian"
REVIEW_PATH = "/harian/tinjau"
REVIEW_WAIT_DAYS = 2  # whole working days an entry may wait for its review before the rater hears of it
# Holidays loaded before today: two working days back never reach further, a long collective leave included.
HOLIDAY_REACH = dt.timedelta(days=31)


@dataclass(frozen=True)
class Reminder:
    user_id: int
    name: str
    email: str  # "" when no mail goes: no address, or e-mails turned off
    kind: str   # ReminderKind
    date: dt.date
    has_draft: bool = False                    # NOT_FILLED: a draft for the day waits to be sent
    waiting: tuple[tuple[str, int], ...] = ()  # REVIEWS_WAITING: (employee's name, entries) each

    def event(self) -> tuple[str, str, dict]:
        """The live event (schema/subscriptions.py ``dailyReminders``): small and serialisable."""
        return (events.user_group(self.user_id), events.DAILY_REMINDER,
                {"kind": self.kind, "date": self.date.isoformat(), "has_draft": self.has_draft,
                 "entries_waiting": sum(count for _name, count in self.waiting),
                 "employees_waiting": len(self.waiting)})


# --- who is due (reads) ------------------------------------------------------------------------


def _due_days(now: dt.datetime, hour: int) -> dict[dt.date, set[str]]:
    """The local day of each zone a unit may have (WIB, WITA, WIT) where it is the hour or later:
    day → zones. Usually one day; two only when the hour is so late that the zones' dates differ."""
    days: dict[dt.date, set[str]] = defaultdict(set)
    for zone in TimeZoneName.values:
        local = now.astimezone(ZoneInfo(zone))
        if local.hour >= hour:
            days[local.date()].add(zone)
    return days


def _in_units(field: str, chosen: set[int], every: set[int]) -> Q:
    """``field`` is one of the ``chosen`` units, written with the shorter list — none at all in the
    common case where every unit is chosen (a working day in a single zone)."""
    if chosen == every:
        return Q()
    if len(chosen) <= len(every - chosen):
        return Q(**{f"{field}__in": chosen})
    return ~Q(**{f"{field}__in": every - chosen})


def _review_cutoff(schedule: Schedule, now: dt.datetime, holidays: set[dt.date]) -> dt.datetime:
    """Entries first submitted before this moment have waited more than two working days in a unit
    of this schedule: the local start of the second working day before today."""
    day = now.astimezone(schedule.zone).date()
    for _n in range(REVIEW_WAIT_DAYS):
        day -= dt.timedelta(days=1)
        while not is_working_day(day, schedule, holidays):
            day -= dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time.min, tzinfo=schedule.zone)


def _overdue_for_review(schedules: dict[int, Schedule], now: dt.datetime, holidays: set[dt.date]) -> Q:
    """On DailyEntry: first submitted before the cutoff of its employee's unit. Units are grouped
    by cutoff (a few schedules for the whole tree); the largest group is "every other unit", so the
    query names only the units with an unusual schedule."""
    cutoffs: dict[Schedule, dt.datetime] = {}
    units_by_cutoff: dict[dt.datetime, set[int]] = defaultdict(set)
    for unit_id, schedule in schedules.items():
        if schedule not in cutoffs:
            cutoffs[schedule] = _review_cutoff(schedule, now, holidays)
        units_by_cutoff[cutoffs[schedule]].add(unit_id)
    *others, (common_cutoff, _common) = sorted(units_by_cutoff.items(), key=lambda item: len(item[1]))
    condition = Q(first_submitted_at__lt=common_cutoff)
    if others:
        condition &= ~Q(employee__unit__in={pk for _cutoff, units in others for pk in units})
    for cutoff, units in others:
        condition |= Q(employee__unit__in=units, first_submitted_at__lt=cutoff)
    return condition


def _not_filled(day: dt.date, units: Q, limit: int) -> list[Reminder]:
    """NOT_FILLED reminders of ``day`` for the employees of ``units`` (1 query)."""
    employee = OuterRef("pk")
    entries = DailyEntry.objects.filter(employee=employee, date=day)
    rows = (Employee.objects.filter(units, is_active=True, user__is_active=True)
            .filter(Exists(PerformancePlan.objects.filter(employee=employee, year=day.year, status=PlanStatus.APPROVED)))
            .exclude(Exists(entries.filter(first_submitted_at__isnull=False).exclude(status=EntryStatus.DRAFT)))
            .exclude(Exists(Leave.objects.filter(employee=employee, status=LeaveStatus.APPROVED,
                                                 starts_on__lte=day, ends_on__gte=day)))
            .exclude(Exists(ReminderSent.objects.filter(user=OuterRef("user"), kind=ReminderKind.NOT_FILLED, date=day)))
            .annotate(has_draft=Exists(entries.filter(status=EntryStatus.DRAFT)))
            .order_by("pk").values_list("user_id", "name", "user__email", "has_draft")[:limit])
    return [Reminder(user_id=user_id, name=name, email=email, kind=ReminderKind.NOT_FILLED, date=day,
                     has_draft=has_draft) for user_id, name, email, has_draft in rows]


def _reviews_waiting(day: dt.date, raters: Q, overdue: Q) -> list[Reminder]:
    """REVIEWS_WAITING notes of ``day`` for the raters in ``raters`` (1 query: one row per rater
    and employee). Not limited: a rater's note lists all their staff at once."""
    rows = (DailyEntry.objects.filter(raters, overdue, status=EntryStatus.SUBMITTED,
                                      employee__rater__is_active=True, employee__rater__user__is_active=True)
            .exclude(Exists(ReminderSent.objects.filter(user=OuterRef("employee__rater__user"),
                                                        kind=ReminderKind.REVIEWS_WAITING, date=day)))
            .values_list("employee__rater__user_id", "employee__rater__name", "employee__rater__user__email",
                         "employee_id", "employee__name")
            .annotate(entries=Count("pk"))
            .order_by("employee__rater__user_id", "employee__name", "employee_id"))
    notes: dict[int, Reminder] = {}
    for user_id, rater_name, email, _employee_id, employee_name, entries in rows:
        note = notes.get(user_id) or Reminder(user_id=user_id, name=rater_name, email=email,
                                              kind=ReminderKind.REVIEWS_WAITING, date=day)
        notes[user_id] = replace(note, waiting=(*note.waiting, (employee_name, entries)))
    return list(notes.values())


def due_reminders(now: dt.datetime, *, limit: int) -> list[Reminder]:
    """Who is due for a reminder at ``now`` and has not had it: at most ``limit`` NOT_FILLED
    ones per local day (the rest go with the next sweep). 6 queries whatever the number of
    employees — holidays, units, schedules, the employees, the raters, e-mail opt-outs — and
    none before the hour."""
    days = _due_days(now, settings.KINERJA_DAILY_REMINDER_HOUR)
    if not days:
        return []
    holidays = holidays_between(min(days) - HOLIDAY_REACH, max(days))
    schedules = schedules_for(list(OrgUnit.objects.only("pk", "path")))
    every = set(schedules)
    reminders: list[Reminder] = []
    for day, zones in sorted(days.items()):
        working = {pk for pk, schedule in schedules.items()
                   if schedule.time_zone in zones and is_working_day(day, schedule, holidays)}
        if not working:
            continue
        reminders += _not_filled(day, _in_units("unit", working, every), limit)
        reminders += _reviews_waiting(day, _in_units("employee__rater__unit", working, every),
                                      _overdue_for_review(schedules, now, holidays))
    off = emails_off({reminder.user_id for reminder in reminders if reminder.email})
    return [replace(reminder, email="") if reminder.user_id in off else reminder for reminder in reminders]


# --- sending (the write) ------------------------------------------------------------------------


def _link(path: str) -> str:
    return settings.KINERJA_APP_URL + path


def _message(reminder: Reminder) -> EmailMessage:
    values = {"name": reminder.name, "day": formats.date_format(reminder.date, "l, j F Y")}
    if reminder.kind == ReminderKind.NOT_FILLED:
        subject = _("Daily progress for %(day)s not sent yet") % values
        if reminder.has_draft:
            text = _("Your progress for today, %(day)s, is saved as a draft but not sent yet: send it, so "
                     "that your rater receives it.") % values
        else:
            text = _("You have not recorded your progress for today, %(day)s, yet.") % values
        lines = [text, "", _("Record it in Kinerja: %(link)s") % {"link": _link(DAILY_PATH)}]
    else:
        subject = _("Daily progress of your staff waiting for your review")
        lines = [_("These entries of your staff have been waiting for your review for more than two working days:"), ""]
        lines += [ngettext("- %(name)s: %(count)d entry", "- %(name)s: %(count)d entries", count)
                  % {"name": name, "count": count} for name, count in reminder.waiting]
        lines += ["", _("Review them in Kinerja: %(link)s") % {"link": _link(REVIEW_PATH)}]
    body = [_("Hello %(name)s,") % values, "", *lines, "",
            _("You can turn these e-mails off in your account (setEmailNotifications).")]
    return EmailMessage(subject=subject, body="\n".join(body), to=[reminder.email])


def reminders_send_due(*, now: dt.datetime | None = None, limit: int = 2000) -> int:
    """Send the reminders that are due (e-mail and live event); returns how many went."""
    reminders = due_reminders(now or timezone.now(), limit=limit)
    if not reminders:
        return 0
    try:
        with transaction.atomic():  # claim the whole batch, or none of it
            records = ReminderSent.objects.bulk_create(
                [ReminderSent(user_id=r.user_id, kind=r.kind, date=r.date) for r in reminders])
    except IntegrityError:  # a sweep running at the same time claimed some of them: it sends those
        logger.info("daily reminders: another sweep is sending, this one stands down")
        return 0
    mailed = [(reminder, record) for reminder, record in zip(reminders, records, strict=True) if reminder.email]
    with translation.override(settings.LANGUAGE_CODE):
        messages = [_message(reminder) for reminder, _record in mailed]
    sent = mails_send(messages)
    failed = mailed[sent:]
    if failed:  # released for the next sweep, with their live events
        ReminderSent.objects.filter(pk__in=[record.pk for _reminder, record in failed]).delete()
    held = {id(reminder) for reminder, _record in failed}
    delivered = [reminder for reminder in reminders if id(reminder) not in held]
    events.publish_many([reminder.event() for reminder in delivered])
    return len(delivered)
