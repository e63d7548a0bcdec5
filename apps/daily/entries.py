"""Writes of daily progress (R-DAILY), its review, lateness and closed months (R-LATE): the
busiest write of the product (every ASN, every working day). Each public function is one
transaction, keyword-only.

Entries are named by primary key, not passed as objects: the service is the trust boundary for
them and answers NOT_FOUND itself for an entry the caller may not see (entries_visible_to), and
FORBIDDEN for one they see but may not change (a rater may read an entry, only its employee
writes it; HR and leaders read, only the current rater reviews).

Refusals by rule carry ``extensions.rule`` (R-CALENDAR, R-LATE, R-DAILY) next to the fields, so
that a client can tell a holiday from a closed month without parsing the message.

Evidence files (bukti dukung, R-DAILY) are added and removed with the entry, in the request that
records it: one form, one save, one transaction; removing is changing the entry, so it follows
the entry's rule (draft or returned only) without a second mutation to guard. Every file is
checked (apps/performance/evidence_files.py, the realization's rule) before anything is written:
a refused file leaves the entry as it was and nothing in storage.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import cast

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from apps.core import rows
from apps.core.errors import BadInput, Conflict, Forbidden, NotFound
from apps.organization import selectors as org
from apps.organization.models import Employee, OrgUnit
from apps.performance.evidence_files import CheckedFile, evidence_checked
from apps.performance.models import PlanStatus, WorkResult
from apps.performance.selectors import work_results_visible_to

from . import calendar
from .discipline import month_bounds
from .entry_selectors import entries_visible_to
from .models import ActionPlanItem, ActionPlanStatus, DailyEntry, DailyEntryEvidence, EntryStatus, MonthClosure
from .schedule import closed_months_of, day_rules, holiday_horizon, schedule_for

TEXT_MAX = 2000          # what was done, and a rater's note: a paragraph, not a report
OUTPUT_UNIT_MAX = 50     # DailyEntry.output_unit
EVIDENCE_MAX = 500       # DailyEntry.evidence_link
MINUTES_MAX = 24 * 60
QUANTITY_MAX = Decimal("9999999999.99")  # DailyEntry.quantity: 12 digits, 2 decimals
REVIEW_MAX = 500         # entries in one review request (a rater's month of a large team)
SUBMIT_MAX = 100
EVIDENCE_FILES_MAX = 10  # files of one entry: a day's photos and documents, not an archive
EDITABLE = (EntryStatus.DRAFT, EntryStatus.RETURNED)
_LINK = re.compile(r"^https?://\S+$")


def _day(value: dt.date) -> str:
    """A date as people read it (``12 April 2027`` / ``12 April 2027`` in Indonesian)."""
    return formats.date_format(value, "j F Y")


def _own_employee(actor: User) -> Employee:
    employee = org.employee_of(actor)
    if employee is None:
        raise Forbidden(_("Only employees record daily progress."))
    return employee


# --- the calendar of one employee over a span (R-CALENDAR, R-LATE) -----------------------------


@dataclass
class _Days:
    """What decides whether an employee may record or submit for a day: the unit's schedule,
    the holidays, approved leave and closed months over the span, and today (unit time).
    Loaded once per operation in 1 query whatever the number of entries."""

    employee: Employee
    schedule: calendar.Schedule
    holidays: dict[dt.date, str]  # their names
    excused: set[dt.date]  # covered by approved leave
    closed: set[tuple[int, int]]
    now: dt.datetime
    today: dt.date = field(init=False)

    def __post_init__(self) -> None:
        self.today = self.now.astimezone(self.schedule.zone).date()

    @classmethod
    def load(cls, employee: Employee, days: list[dt.date]) -> "_Days":
        start, end = min(days), max(days)
        now = timezone.now()
        # A submission's lateness counts the working days from the entry's day up to today and
        # beyond its due day: today plus a grace period's reach past a long holiday.
        rules = day_rules(employee, start, end, holiday_horizon(max(end, now.date())))
        return cls(employee, rules.schedule, rules.holidays, rules.excused, rules.closed, now)

    def closed_refusal(self, day: dt.date) -> BadInput | None:
        """R-LATE: HR closed the day's month for the unit or a unit above it."""
        if (day.year, day.month) in self.closed:
            message = _("%(month)s is closed for your unit by HR: entries for it can no longer be recorded, "
                        "submitted or deleted.") % {"month": formats.date_format(day, "F Y")}
            return BadInput(message, fields={"date": message}, rule="R-LATE")
        return None

    def refusal(self, day: dt.date) -> BadInput | None:
        """Why no entry may be recorded or submitted for ``day`` (None: it may)."""
        closed = self.closed_refusal(day)
        if closed is not None:
            return closed
        if day > self.today:
            message = _("%(day)s is still to come: progress is recorded for a day that has begun.") % {
                "day": _day(day)}
            return BadInput(message, fields={"date": message}, rule="R-DAILY")
        if day in self.holidays:
            message = _("%(day)s is a holiday (%(name)s): progress is recorded for working days only.") % {
                "day": _day(day), "name": self.holidays[day]}
            return BadInput(message, fields={"date": message}, rule="R-CALENDAR")
        if not calendar.is_working_day(day, self.schedule, self.holidays):
            message = _("%(day)s is not a working day of your unit (a %(week)d-day week): progress is recorded "
                        "for working days only.") % {"day": _day(day), "week": self.schedule.working_days}
            return BadInput(message, fields={"date": message}, rule="R-CALENDAR")
        if day in self.excused:
            message = _("%(day)s is covered by your approved leave: an excused day needs no entry.") % {
                "day": _day(day)}
            return BadInput(message, fields={"date": message}, rule="R-CALENDAR")
        return None

    def late_days(self, day: dt.date) -> int:
        return calendar.late_days(day, self.now, self.schedule, self.holidays, settings.KINERJA_DAILY_GRACE_DAYS)


def _submit_in_memory(entry: DailyEntry, days: _Days) -> None:
    """R-LATE: the first submission decides lateness; a resubmission after a return keeps it."""
    entry.status = EntryStatus.SUBMITTED
    if entry.first_submitted_at is None:
        entry.first_submitted_at = days.now
        entry.late_days = days.late_days(entry.date)
    entry.updated_at = days.now


# --- recording ---------------------------------------------------------------------------------


def _quantity(value: Decimal | str | int | float) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _fields(*, text: str, quantity, output_unit: str, minutes: int | None, evidence_link: str) -> tuple[dict, Decimal]:
    """Field errors of an entry's values (all at once), and the quantity as a number."""
    fields: dict[str, str] = {}
    if not text.strip():
        fields["text"] = _("required")
    elif len(text.strip()) > TEXT_MAX:
        fields["text"] = _("at most %(n)d characters") % {"n": TEXT_MAX}
    number = _quantity(quantity)
    if number is None:
        fields["quantity"] = _("not a number")
    elif number <= 0:
        fields["quantity"] = _("must be more than 0")
    elif number > QUANTITY_MAX or number != number.quantize(Decimal("0.01")):
        fields["quantity"] = _("at most 10 digits before the decimal point and 2 after it")
    if not output_unit.strip():
        fields["outputUnit"] = _("required")
    elif len(output_unit.strip()) > OUTPUT_UNIT_MAX:
        fields["outputUnit"] = _("at most %(n)d characters") % {"n": OUTPUT_UNIT_MAX}
    if minutes is not None and not 1 <= minutes <= MINUTES_MAX:
        fields["minutes"] = _("between 1 and %(n)d") % {"n": MINUTES_MAX}
    link = evidence_link.strip()
    if link and (not _LINK.match(link) or len(link) > EVIDENCE_MAX):
        fields["evidenceLink"] = _("an http(s) address of at most %(n)d characters") % {"n": EVIDENCE_MAX}
    return fields, number if number is not None else Decimal(0)


@cache
def _own_approved_result_sql() -> str:
    # Read by every recording: written once (apps/core/rows.py says why), the same filters as
    # WorkResult.objects.filter(pk=..., plan__employee__user=actor, plan__year=year,
    # plan__status=APPROVED) with the plan's employee and unit joined.
    plan = WorkResult._meta.get_field("plan").related_model
    return (f"SELECT {rows.columns(WorkResult, 'r')}, {rows.columns(Employee, 'e')}, {rows.columns(OrgUnit, 'u')} "
            f"FROM {WorkResult._meta.db_table} r JOIN {plan._meta.db_table} p ON p.id = r.plan_id "
            f"JOIN {Employee._meta.db_table} e ON e.id = p.employee_id JOIN {OrgUnit._meta.db_table} u ON u.id = e.unit_id "
            f"WHERE r.id = %s AND e.user_id = %s AND p.year = %s AND p.status = %s")


def _own_approved_result(actor: User, work_result_id: int, year: int) -> tuple[Employee, WorkResult] | None:
    """The usual case of a recording in one query instead of two: a work result of the actor's
    own approved SKP of the year, and the plan's employee with their unit. None: the separate
    checks (_own_employee, _work_result) say what is wrong."""
    found = rows.fetch_one(_own_approved_result_sql(), [work_result_id, actor.pk, year, PlanStatus.APPROVED.value],
                           (WorkResult, Employee, OrgUnit))
    if found is None:
        return None
    result, employee, unit = cast(WorkResult, found[0]), cast(Employee, found[1]), cast(OrgUnit, found[2])
    employee.unit, employee.user = unit, actor
    return employee, result


def _work_result(actor: User, employee: Employee, work_result_id: int, year: int) -> WorkResult:
    """R-DAILY: a work result of the employee's own approved SKP of the entry's year. One the
    caller may not see at all is NOT_FOUND; one they may see (their own of another year or not
    yet approved, their rater's) is the caller's mistake: BAD_USER_INPUT."""
    result = WorkResult.objects.filter(pk=work_result_id, plan__employee=employee, plan__year=year,
                                       plan__status=PlanStatus.APPROVED).first()
    if result is not None:
        return result
    if not work_results_visible_to(actor).filter(pk=work_result_id).exists():
        raise NotFound()
    message = _("This is not a work result of your approved SKP for %(year)d.") % {"year": year}
    raise BadInput(message, fields={"workResultId": message}, rule="R-DAILY")


def _action_item(employee: Employee, item_id: int | None, result: WorkResult, day: dt.date) -> ActionPlanItem | None:
    """R-ACTION: an action of the employee's own action plan, once the rater approved the plan,
    under the same work result, of the quarter the day is in. Another employee's action is
    NOT_FOUND."""
    if item_id is None:
        return None
    item = ActionPlanItem.objects.select_related("action_plan__period").filter(
        pk=item_id, action_plan__plan__employee=employee).first()
    if item is None:
        raise NotFound()
    if item.action_plan.status != ActionPlanStatus.APPROVED:
        message = _("This action's plan is not approved yet: the rater approves the action plan before "
                    "progress is recorded against it.")
        raise BadInput(message, fields={"actionItemId": message}, rule="R-ACTION")
    period = item.action_plan.period
    if item.work_result_id != result.pk or not period.starts_on <= day <= period.ends_on:
        message = _("This action belongs to another work result or another quarter.")
        raise BadInput(message, fields={"actionItemId": message}, rule="R-ACTION")
    item.work_result = result  # the same row, checked: the answer reads it from here
    return item


@dataclass
class _Files:
    kept: list[DailyEntryEvidence]
    removed: list[DailyEntryEvidence]
    added: list[CheckedFile]


def _evidence(entry: DailyEntry | None, uploads: list, remove_ids: list[int]) -> tuple[_Files, dict[str, str]]:
    """The entry's files it keeps and removes, the uploads checked, and the field errors of
    them all (1 query for an entry that exists, none for a new one). Only files of this entry
    can be removed; an id of any other file gets the same answer, whether or not it exists."""
    fields: dict[str, str] = {}
    existing = list(entry.evidence_files.all()) if entry is not None else []
    remove = set(remove_ids)
    if remove - {f.pk for f in existing}:
        fields["removeEvidenceIds"] = _("not a file of this entry")
    checked = []
    for upload in uploads:
        try:
            checked.append(evidence_checked(upload))
        except BadInput as error:
            fields.update(error.extensions["fields"])
            break
    kept = [f for f in existing if f.pk not in remove]
    if "evidenceFiles" not in fields and len(kept) + len(checked) > EVIDENCE_FILES_MAX:
        fields["evidenceFiles"] = _("at most %(n)d files per entry") % {"n": EVIDENCE_FILES_MAX}
    return _Files(kept=kept, removed=[f for f in existing if f.pk in remove], added=checked), fields


def _stored_files_deleted(names: list[str]) -> None:
    """Once the transaction commits: the removed files leave storage too (a rollback keeps them)."""
    if names:
        storage = DailyEntryEvidence._meta.get_field("file").storage

        def delete() -> None:
            for name in names:
                storage.delete(name)
        transaction.on_commit(delete)


def _evidence_written(actor: User, entry: DailyEntry, files: _Files) -> None:
    """Remove and add the entry's files (a delete and one insert, each only when needed) and
    leave them on the entry as if prefetched: the answer reads them from there. A failure after
    a file reached storage takes the stored files of this call with it."""
    if files.removed:
        DailyEntryEvidence.objects.filter(pk__in=[f.pk for f in files.removed]).delete()
        _stored_files_deleted([f.file.name for f in files.removed if f.file.name])
    added: list[DailyEntryEvidence] = []
    try:
        for file in files.added:
            evidence = DailyEntryEvidence(entry=entry, name=file.name, content_type=file.content_type,
                                          size=file.size, uploaded_by=actor)
            evidence.file.save(file.name, file.upload, save=False)
            added.append(evidence)
        if added:
            added = DailyEntryEvidence.objects.bulk_create(added)
    except BaseException:
        storage = DailyEntryEvidence._meta.get_field("file").storage
        for evidence in added:
            if evidence.file.name:
                storage.delete(evidence.file.name)
        raise
    cached: QuerySet[DailyEntryEvidence] = DailyEntryEvidence.objects.filter(entry=entry)
    cached._result_cache, cached._prefetch_done = files.kept + added, True  # type: ignore[attr-defined]
    entry._prefetched_objects_cache = {"evidence_files": cached}  # type: ignore[attr-defined]


def _entries_for_change(actor: User, employee: Employee, entry_ids: list[int]) -> list[DailyEntry]:
    """The actor's own entries, locked, in the order asked. An id the actor may not see is
    NOT_FOUND; one they see but that is not theirs, FORBIDDEN."""
    wanted = list(dict.fromkeys(entry_ids))
    entries = {e.pk: e for e in DailyEntry.objects.select_for_update(of=("self",)).filter(
        pk__in=wanted, employee=employee).order_by("pk")}
    others = [pk for pk in wanted if pk not in entries]
    if others:
        if entries_visible_to(actor).filter(pk__in=others).count() < len(others):
            raise NotFound()
        raise Forbidden(_("Only the employee writes their own daily entries."))
    return [entries[pk] for pk in wanted]


def _require_editable(entry: DailyEntry) -> None:
    if entry.status not in EDITABLE:
        raise Conflict(_("This entry is %(status)s: only draft and returned entries can be changed.")
                       % {"status": EntryStatus(entry.status).label.lower()}, rule="R-DAILY")


@transaction.atomic
def entry_record(*, actor: User, entry_id: int | None, date: dt.date, work_result_id: int, text: str,
                 quantity: Decimal | str, output_unit: str, minutes: int | None = None, evidence_link: str = "",
                 action_item_id: int | None = None, submit: bool = False, evidence_files: list | None = None,
                 remove_evidence_ids: list[int] | None = None) -> DailyEntry:
    """R-DAILY: the employee records (or, with ``entry_id``, changes a draft or returned) entry of
    their own for a working day, adding evidence files (uploads) and removing files of its own
    (``remove_evidence_ids``); with ``submit`` it is submitted at once (R-LATE).

    The entry comes back ready for the answer without reading it again: its employee, work
    result and action (the caller's own, checked here) loaded, its files as if prefetched."""
    own = _own_approved_result(actor, work_result_id, date.year)
    employee = own[0] if own else _own_employee(actor)
    entry = None
    if entry_id is not None:
        entry = _entries_for_change(actor, employee, [entry_id])[0]
        _require_editable(entry)
        entry.employee = employee
    result = own[1] if own else _work_result(actor, employee, work_result_id, date.year)
    item = _action_item(employee, action_item_id, result, date)
    fields, number = _fields(text=text, quantity=quantity, output_unit=output_unit, minutes=minutes,
                             evidence_link=evidence_link)
    remove = list(dict.fromkeys(remove_evidence_ids or []))
    files, file_fields = _evidence(entry, list(evidence_files or []), remove)
    fields.update(file_fields)
    if fields:
        raise BadInput(fields=fields)
    days = _Days.load(employee, [date] + ([entry.date] if entry else []))
    refusal = (entry and days.closed_refusal(entry.date)) or days.refusal(date)
    if refusal is not None:
        raise refusal
    entry = entry or DailyEntry(employee=employee)
    entry.date, entry.work_result, entry.action_item = date, result, item
    entry.text, entry.quantity, entry.output_unit = text.strip(), number, output_unit.strip()
    entry.minutes, entry.evidence_link = minutes, evidence_link.strip()
    if submit:
        _submit_in_memory(entry, days)
    entry.save()
    _evidence_written(actor, entry, files)
    return entry


@transaction.atomic
def entries_submit(*, actor: User, entry_ids: list[int]) -> list[DailyEntry]:
    """R-DAILY/R-LATE: submit the employee's draft or returned entries, all or none. Each day is
    checked again (a holiday or a closed month may have come since it was drafted)."""
    if not entry_ids:
        return []
    if len(entry_ids) > SUBMIT_MAX:
        raise BadInput(fields={"ids": _("at most %(n)d entries at once") % {"n": SUBMIT_MAX}})
    employee = _own_employee(actor)
    entries = _entries_for_change(actor, employee, entry_ids)
    for entry in entries:
        _require_editable(entry)
    days = _Days.load(employee, [entry.date for entry in entries])
    for entry in entries:
        refusal = days.refusal(entry.date)
        if refusal is not None:
            raise refusal
        _submit_in_memory(entry, days)
    DailyEntry.objects.bulk_update(entries, ["status", "first_submitted_at", "late_days", "updated_at"])
    return entries


@transaction.atomic
def entry_delete(*, actor: User, entry_id: int) -> None:
    """The employee deletes a draft or returned entry of their own, not of a closed month."""
    employee = _own_employee(actor)
    entry = _entries_for_change(actor, employee, [entry_id])[0]
    _require_editable(entry)
    refusal = _Days.load(employee, [entry.date]).closed_refusal(entry.date)
    if refusal is not None:
        raise refusal
    _stored_files_deleted(list(entry.evidence_files.values_list("file", flat=True)))
    entry.delete()


# --- review --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryError:
    entry_id: int
    code: str
    message: str


@dataclass
class ReviewOutcome:
    changed: list[DailyEntry]
    errors: list[EntryError]


@transaction.atomic
def entries_review(*, actor: User, approve_ids: list[int],
                   returns: list[tuple[int, str]]) -> ReviewOutcome:
    """R-DAILY: the employee's current rater (an acting official included — the reviewer is not
    stored on the entry, so pending entries follow a change of rater) approves submitted entries
    and returns others with a note. Entry by entry: a refused one (not the caller's to review,
    not waiting any more, a return without a note, a return in a closed month) is reported and
    does not stop the others; the rest is written in one transaction with two updates whatever
    their number."""
    if len(approve_ids) + len(returns) > REVIEW_MAX:
        raise BadInput(fields={"approve": _("at most %(n)d entries at once") % {"n": REVIEW_MAX}})
    notes = {pk: note.strip() for pk, note in returns}
    wanted = list(dict.fromkeys([*approve_ids, *notes]))
    errors: dict[int, EntryError] = {}
    for pk in set(approve_ids) & set(notes):
        errors[pk] = EntryError(pk, "BAD_USER_INPUT", _("An entry is either approved or returned, not both."))
    for pk, note in notes.items():
        if pk not in errors and not note:
            errors[pk] = EntryError(pk, "BAD_USER_INPUT", _("A returned entry needs a note for the employee."))
        elif pk not in errors and len(note) > TEXT_MAX:
            errors[pk] = EntryError(pk, "BAD_USER_INPUT", _("The note may have at most %(n)d characters.")
                                    % {"n": TEXT_MAX})
    reviewer = org.employee_of(actor)
    entries = {e.pk: e for e in DailyEntry.objects.select_for_update(of=("self",)).select_related("employee__unit")
               .filter(pk__in=wanted).order_by("pk")}
    not_mine = [pk for pk in wanted if pk not in errors and (
        pk not in entries or reviewer is None or entries[pk].employee.rater_id != reviewer.pk)]
    visible = set(entries_visible_to(actor).filter(pk__in=not_mine).values_list("pk", flat=True)) if not_mine else set()
    for pk in not_mine:
        errors[pk] = (EntryError(pk, "FORBIDDEN", _("Only the employee's rater reviews their daily entries."))
                      if pk in visible else EntryError(pk, NotFound.code, str(NotFound.default_message)))
    for pk in wanted:
        if pk not in errors and entries[pk].status != EntryStatus.SUBMITTED:
            errors[pk] = EntryError(pk, "CONFLICT", _("This entry is not waiting for review (it is %(status)s).")
                                    % {"status": EntryStatus(entries[pk].status).label.lower()})
    _refuse_closed_returns([entries[pk] for pk in wanted if pk not in errors and pk in notes], errors)
    now = timezone.now()
    approved = [entries[pk] for pk in wanted if pk not in errors and pk not in notes]
    returned = [entries[pk] for pk in wanted if pk not in errors and pk in notes]
    if approved:
        DailyEntry.objects.filter(pk__in=[e.pk for e in approved]).update(
            status=EntryStatus.APPROVED, reviewed_by=reviewer, reviewed_at=now, updated_at=now)
        for entry in approved:
            entry.status, entry.reviewed_by, entry.reviewed_at, entry.updated_at = EntryStatus.APPROVED, reviewer, now, now
    if returned:
        for entry in returned:
            entry.status, entry.return_note = EntryStatus.RETURNED, notes[entry.pk]
            entry.reviewed_by, entry.reviewed_at, entry.updated_at = reviewer, now, now
        DailyEntry.objects.bulk_update(returned, ["status", "return_note", "reviewed_by", "reviewed_at", "updated_at"])
    changed_ids = {e.pk for e in approved + returned}
    return ReviewOutcome(changed=[entries[pk] for pk in wanted if pk in changed_ids],
                         errors=[errors[pk] for pk in wanted if pk in errors])


def _refuse_closed_returns(returns: list[DailyEntry], errors: dict[int, EntryError]) -> None:
    """R-LATE: an entry of a month HR closed for its employee's unit (or a unit above) is not
    returned — the employee could no longer resubmit it. Approving it stays allowed: it changes
    no day's mark. 1 query, none without returns."""
    if not returns:
        return
    days = [entry.date for entry in returns]
    closed = closed_months_of({e.employee.unit_id: e.employee.unit for e in returns}.values(), min(days), max(days))
    for entry in returns:
        if (entry.date.year, entry.date.month) in closed[entry.employee.unit_id]:
            errors[entry.pk] = EntryError(entry.pk, "BAD_USER_INPUT", _(
                "%(month)s is closed for the employee's unit by HR: its entries can no longer be returned.")
                % {"month": formats.date_format(entry.date, "F Y")})


# --- closed months (R-LATE) --------------------------------------------------------------------


def _require_month(actor: User, unit: OrgUnit, year: int, month: int) -> None:
    if not org.manages_unit(actor, unit):
        raise Forbidden(_("Only the performance administrator (HR) of this unit may do this."))
    month_bounds(year, month)


@transaction.atomic
def month_close(*, actor: User, unit: OrgUnit, year: int, month: int) -> MonthClosure:
    """R-LATE: HR of the unit closes a month that has ended (unit time) for the unit and every
    unit below it: entries for it are then refused."""
    _require_month(actor, unit, year, month)
    today = timezone.now().astimezone(schedule_for(unit).zone).date()
    if (year, month) >= (today.year, today.month):
        message = _("A month can be closed once it has ended.")
        raise BadInput(message, fields={"month": message}, rule="R-LATE")
    closure, created = MonthClosure.objects.get_or_create(unit=unit, year=year, month=month,
                                                          defaults={"closed_by": actor})
    if not created:
        raise Conflict(_("This month is already closed for this unit."), rule="R-LATE")
    return closure


@transaction.atomic
def month_reopen(*, actor: User, unit: OrgUnit, year: int, month: int) -> None:
    """R-LATE: HR of the unit reopens a month it closed for that unit (a closure of a unit
    above is reopened there, by its HR)."""
    _require_month(actor, unit, year, month)
    deleted, _by_model = MonthClosure.objects.filter(unit=unit, year=year, month=month).delete()
    if not deleted:
        raise Conflict(_("This month is not closed for this unit."), rule="R-LATE")
