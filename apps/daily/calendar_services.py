"""Writes of the calendar (R-CALENDAR): holidays, a unit's working week and time zone, an
employee's leave. Each public function is one transaction, keyword-only, and checks the
caller before it changes anything.

Who may do what:
- holidays are national: HR whose scope includes a top-level unit (who manages the root of the
  tree), or a superuser;
- a unit's schedule: HR of the unit (its sub-units inherit it);
- leave: HR of the employee's unit records it (approved at once); the employee requests their
  own (pending); the employee's current rater — an acting official included — approves or
  rejects a pending one; whoever recorded a leave cancels it while it is pending, and HR of the
  employee's unit cancels any (to correct the record).
"""
from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.core.errors import BadInput, Conflict, Forbidden, NotFound
from apps.organization import selectors as org
from apps.organization.models import Employee, OrgUnit, PerformanceAdminScope, Role

from .models import Holiday, HolidayKind, Leave, LeaveKind, LeaveStatus, TimeZoneName, UnitSchedule
from .schedule import closed_months

MAX_LEAVE_DAYS = 366     # one request covers at most a year (a longer absence is not leave)
MAX_NOTE_LENGTH = 2000
# A CharField always has a max_length (Django's system check fields.E120 refuses one without).
MAX_HOLIDAY_NAME = cast(int, Holiday._meta.get_field("name").max_length)


def keeps_national_calendar(user: User) -> bool:
    """HR managing a top-level unit (the whole tree), or a superuser (1 query)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or PerformanceAdminScope.objects.filter(
        user=user, unit__parent__isnull=True, user__groups__name=Role.PERFORMANCE_ADMIN).exists()


def _require_national_hr(actor: User) -> None:
    if not keeps_national_calendar(actor):
        raise Forbidden(_("Only HR managing the whole organization may change the national holidays."))


# --- holidays -----------------------------------------------------------------------------------

@transaction.atomic
def holiday_set(*, actor: User, date: dt.date, name: str, kind: str) -> Holiday:
    """Add a national holiday or day of collective leave, or rename / reclassify the one on ``date``."""
    _require_national_hr(actor)
    name = (name or "").strip()
    fields = {}
    if not name:
        fields["name"] = _("required")
    elif len(name) > MAX_HOLIDAY_NAME:
        fields["name"] = _("at most %(n)d characters") % {"n": MAX_HOLIDAY_NAME}
    if kind not in HolidayKind.values:
        fields["kind"] = _("unknown value")
    if fields:
        raise BadInput(fields=fields)
    holiday, _created = Holiday.objects.update_or_create(
        date=date, defaults={"name": name, "kind": kind, "created_by": actor})
    return holiday


@transaction.atomic
def holiday_delete(*, actor: User, date: dt.date) -> None:
    """Remove the holiday on ``date`` (e.g. the government moved it): it is a working day again."""
    _require_national_hr(actor)
    deleted, _detail = Holiday.objects.filter(date=date).delete()
    if not deleted:
        raise NotFound(_("There is no holiday on %(date)s.") % {"date": date_format(date)})


# --- a unit's schedule ----------------------------------------------------------------------------

@transaction.atomic
def unit_schedule_set(*, actor: User, unit: OrgUnit, working_days: int, time_zone: str) -> UnitSchedule:
    """HR of the unit: its working week (5: Monday–Friday, 6: Monday–Saturday) and time zone,
    for it and every unit below it without its own."""
    if not org.manages_unit(actor, unit):
        raise Forbidden(_("Only HR of this unit may change its working days."))
    fields = {}
    if working_days not in (5, 6):
        fields["workingDays"] = _("5 or 6")
    if time_zone not in TimeZoneName.values:
        fields["timeZone"] = _("unknown value")
    if fields:
        raise BadInput(fields=fields)
    schedule, _created = UnitSchedule.objects.update_or_create(
        unit=unit, defaults={"working_days": working_days, "time_zone": time_zone, "updated_by": actor})
    return schedule


# --- leave ----------------------------------------------------------------------------------------

def check_leave_input(employee: Employee, starts_on: dt.date, ends_on: dt.date, kind: str, note: str) -> str:
    """The leave's input, and no overlap with the employee's other pending or approved leave.
    Writes call it with the employee's row locked (see _lock), so two requests cannot both pass;
    the admin form calls it to show the problem next to the field."""
    fields = {}
    if ends_on < starts_on:
        fields["endsOn"] = _("must not be before the first day")
    elif (ends_on - starts_on).days >= MAX_LEAVE_DAYS:
        fields["endsOn"] = _("a leave covers at most %(days)s days") % {"days": MAX_LEAVE_DAYS}
    if kind not in LeaveKind.values:
        fields["kind"] = _("unknown value")
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        fields["note"] = _("at most %(n)d characters") % {"n": MAX_NOTE_LENGTH}
    if fields:
        raise BadInput(fields=fields)
    other = (Leave.objects.filter(employee=employee, starts_on__lte=ends_on, ends_on__gte=starts_on)
             .exclude(status=LeaveStatus.REJECTED).order_by("starts_on").first())
    if other is not None:
        message = _("This overlaps the leave from %(start)s to %(end)s.") % {
            "start": date_format(other.starts_on), "end": date_format(other.ends_on)}
        raise BadInput(message, fields={"startsOn": message})
    return note


def _require_open_months(employee: Employee, starts_on: dt.date, ends_on: dt.date, field: str | None) -> None:
    """R-LATE: no leave comes into (or, approved, goes on excusing days of) a month HR closed for
    the employee's unit or a unit above it: its figures are final (1 query)."""
    closed = closed_months(employee.unit, starts_on, ends_on)
    if closed:
        month = dt.date(*min(closed), 1)
        message = _("%(month)s is closed for the employee's unit by HR: leave on its days can no longer be "
                    "recorded or approved.") % {"month": date_format(month, "F Y")}
        raise BadInput(message, rule="R-LATE", **({"fields": {field: message}} if field else {}))


def _lock(employee: Employee) -> Employee:
    """Serialize the leave writes of one employee (the overlap check reads, then inserts)."""
    return Employee.objects.select_for_update(of=("self",)).select_related("unit").get(pk=employee.pk)


@transaction.atomic
def leave_record(*, actor: User, employee: Employee, starts_on: dt.date, ends_on: dt.date, kind: str,
                 note: str = "") -> Leave:
    """HR of the employee's unit records leave (cuti, dinas luar, sick): approved at once."""
    employee = _lock(employee)
    if not org.manages_unit(actor, employee.unit):
        raise Forbidden(_("Only HR of the employee's unit may record their leave."))
    note = check_leave_input(employee, starts_on, ends_on, kind, note)
    _require_open_months(employee, starts_on, ends_on, "startsOn")
    # HR without an employee record (an account of BKPSDM only) decides as nobody: None.
    return Leave.objects.create(employee=employee, starts_on=starts_on, ends_on=ends_on, kind=kind, note=note,
                                status=LeaveStatus.APPROVED, recorded_by=actor,
                                decided_by=org.employee_of(actor), decided_at=timezone.now())


@transaction.atomic
def leave_request(*, actor: User, starts_on: dt.date, ends_on: dt.date, kind: str,
                  note: str = "") -> Leave:
    """The employee marks their own leave; it waits for their rater."""
    me = org.employee_of(actor)
    if me is None:
        raise Forbidden(_("Only an employee may request leave."))
    employee = _lock(me)
    note = check_leave_input(employee, starts_on, ends_on, kind, note)
    _require_open_months(employee, starts_on, ends_on, "startsOn")
    return Leave.objects.create(employee=employee, starts_on=starts_on, ends_on=ends_on, kind=kind, note=note,
                                status=LeaveStatus.PENDING, recorded_by=actor)


@transaction.atomic
def leave_decide(*, actor: User, leave: Leave, approve: bool, note: str = "") -> Leave:
    """The employee's current rater (an acting official included) approves or rejects a pending
    leave; a rejected one no longer blocks other leave on its days. A leave covering a closed
    month is not approved (R-LATE); rejecting it changes no figure, so it stays possible."""
    leave = (Leave.objects.select_for_update(of=("self",)).select_related("employee__rater", "employee__unit")
             .get(pk=leave.pk))
    rater = leave.employee.rater
    if rater is None or rater.user_id != actor.pk:
        raise Forbidden(_("Only the employee's rater may approve or reject their leave."))
    if leave.status != LeaveStatus.PENDING:
        raise Conflict(_("This leave was already decided."))
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise BadInput(fields={"note": _("at most %(n)d characters") % {"n": MAX_NOTE_LENGTH}})
    if approve:
        _require_open_months(leave.employee, leave.starts_on, leave.ends_on, None)
    leave.status = LeaveStatus.APPROVED if approve else LeaveStatus.REJECTED
    leave.decided_by, leave.decided_at, leave.decision_note = rater, timezone.now(), note
    leave.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return leave


@transaction.atomic
def leave_cancel(*, actor: User, leave: Leave) -> None:
    """Whoever recorded a leave withdraws it while it waits for the rater; HR of the employee's
    unit removes any leave (a record made in error). The row is deleted: nothing refers to it."""
    leave = Leave.objects.select_for_update(of=("self",)).select_related("employee__unit").get(pk=leave.pk)
    if org.manages_unit(actor, leave.employee.unit):
        leave.delete()
        return
    if leave.recorded_by_id != actor.pk:
        raise Forbidden(_("Only who recorded this leave may cancel it."))
    if leave.status != LeaveStatus.PENDING:
        raise Conflict(_("This leave was already decided; ask HR to correct it."))
    leave.delete()
