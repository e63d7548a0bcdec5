"""GraphQL for daily progress (R-DAILY), its review and lateness, and closed months (R-LATE).

Every DailyEntry is scoped by entries_visible_to (the employee, the current rater and the
rater's rater, HR of the unit, leaders of the unit or above), so no nested path shows more than
the roots, an entry's evidence files included. ``quantity`` is a decimal as a string ("2.5"):
exact, whatever the client's floats.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Optional

import strawberry
import strawberry_django
from django.db.models import QuerySet
from django.urls import reverse
from strawberry import relay
from strawberry.file_uploads import Upload
from strawberry.types import Info
from strawberry_django.optimizer import optimize

from apps.core.errors import NotFound
from apps.daily import entries as services
from apps.daily import entry_selectors as selectors
from apps.daily import schedule
from apps.daily.audience import employee_for_daily
from apps.daily.models import DailyEntry, DailyEntryEvidence, EntryStatus, MonthClosure

from . import common
from .common import scoped, visible_entries
from .context import require_user
from .daily_actions import ActionPlanItemType
from .ids import decode_id
from .organization import CursorConnection, EmployeeType, OrgUnitType
from .performance import WorkResultType

EntryStatusEnum = strawberry.enum(EntryStatus, name="DailyEntryStatus")


@strawberry_django.type(DailyEntryEvidence, name="DailyEntryEvidence")
class DailyEntryEvidenceType(relay.Node):
    name: str
    content_type: str
    size: int = strawberry_django.field(description="Bytes.")
    uploaded_at: dt.datetime

    @strawberry_django.field(only=["id"], description="Download address (for those who may see the entry).")
    def url(self) -> str:
        return reverse("daily-evidence-download", args=[self.pk])

    @classmethod
    def get_queryset(cls, queryset: QuerySet, info: Info, **kwargs) -> QuerySet:
        return selectors.scope_to_visible_entries(queryset, visible_entries(info), "entry")


@strawberry_django.type(DailyEntry, name="DailyEntry")
class DailyEntryType(relay.Node):
    employee: EmployeeType
    date: dt.date
    work_result: Optional[WorkResultType] = strawberry_django.field(
        description="The SKP work result the entry serves; null unless you may see the plan.")
    action_item: Optional[ActionPlanItemType] = strawberry_django.field(
        description="R-ACTION: the action of the quarter's approved action plan the entry serves, if any; null "
                    "unless you may see the plan.")
    text: str
    output_unit: str
    minutes: Optional[int]
    evidence_link: str
    evidence_files: list[DailyEntryEvidenceType] = strawberry_django.field(
        description="Evidence files (bukti dukung), oldest first.")
    status: EntryStatusEnum
    first_submitted_at: Optional[dt.datetime] = strawberry_django.field(
        description="R-LATE: the first submission; a return and resubmission keeps it.")
    late_days: int = strawberry_django.field(description="R-LATE: working days after the deadline (0: on time).")
    return_note: str = strawberry_django.field(description="The rater's note of the last return.")
    reviewed_by: Optional[EmployeeType]
    reviewed_at: Optional[dt.datetime]

    @strawberry_django.field(only=["quantity"], description="The output, a decimal as a string (\"2.5\").")
    def quantity(self) -> str:
        return format(self.quantity.normalize(), "f")

    @strawberry_django.field(only=["late_days"], description="R-LATE: submitted after the deadline.")
    def is_late(self) -> bool:
        return self.late_days > 0

    @classmethod
    def get_queryset(cls, queryset: QuerySet, info: Info, **kwargs) -> QuerySet:
        return selectors.scope_to_visible_entries(queryset, visible_entries(info))


class _WeekEntries:
    """The week's entries, loaded once for its seven days through the optimizer (the days ask
    with one selection), so the week costs the same queries with 0 or 20 entries."""

    def __init__(self, dates: dict[int, dt.date]) -> None:
        self.dates, self.by_date = dates, None  # entry id → its day (the selection may leave `date` out)

    def of(self, date: dt.date, info: Info) -> list[DailyEntry]:
        if self.by_date is None:
            self.by_date = defaultdict(list)
            if self.dates:
                for entry in optimize(selectors.entries_by_pks(self.dates), info):
                    self.by_date[self.dates[entry.pk]].append(entry)
        return self.by_date[date]


@strawberry.type(name="DailyDay")
class DailyDayType:
    date: dt.date
    is_working_day: bool
    holiday: Optional[str] = strawberry.field(description="The national holiday or collective leave, by name.")
    is_weekend: bool = strawberry.field(description="Outside the unit's working week (5 or 6 days).")
    is_excused: bool = strawberry.field(description="A working day covered by approved leave.")
    is_closed: bool = strawberry.field(description="HR closed the month (R-LATE): nothing can be recorded.")
    deadline: Optional[dt.datetime] = strawberry.field(
        description="Working days: when an entry for the day becomes late (R-LATE).")
    is_filled: bool = strawberry.field(description="An entry of the day was submitted.")
    is_missing: bool = strawberry.field(
        description="A working day, not excused, without a submitted entry, past its deadline.")
    late_days: Optional[int] = strawberry.field(description="Filled days: how late the first submission was.")
    week_entries: strawberry.Private[_WeekEntries]

    @strawberry.field(description="The day's entries, oldest first.")
    def entries(self, info: Info) -> list[DailyEntryType]:
        return self.week_entries.of(self.date, info)


@strawberry.type(name="DailyWeek")
class DailyWeekType:
    employee: EmployeeType
    start: dt.date = strawberry.field(description="The Monday.")
    days: list[DailyDayType]


@strawberry.type(name="DailyReviewItem")
class DailyReviewItemType:
    employee: EmployeeType
    waiting: int = strawberry.field(description="Submitted entries waiting for your review.")
    oldest_date: dt.date


@strawberry.type(name="DailyEntryError")
class DailyEntryErrorType:
    entry_id: strawberry.ID
    code: str
    message: str


@strawberry.type(name="DailyReviewResult")
class DailyReviewResultType:
    errors: list[DailyEntryErrorType] = strawberry.field(description="The entries refused, each with why.")
    changed_ids: strawberry.Private[list[int]]

    @strawberry.field(description="The entries approved or returned.")
    def changed(self, info: Info) -> list[DailyEntryType]:
        return _entries(info, self.changed_ids)


@strawberry_django.type(MonthClosure, name="MonthClosure")
class MonthClosureType:
    unit: OrgUnitType = strawberry_django.field(description="The unit HR closed the month for (it and every unit "
                                                            "below it).")
    year: int
    month: int
    closed_at: dt.datetime

    @strawberry_django.field(select_related=["closed_by__employee"],
                             description="Who closed it: their employee record; null for an account without one.")
    def closed_by(self) -> Optional[EmployeeType]:
        return getattr(self.closed_by, "employee", None) if self.closed_by_id else None


@strawberry.input
class DailyEntryFilter:
    employee_id: strawberry.ID | None = None
    from_: dt.date | None = strawberry.field(default=None, name="from")
    to: dt.date | None = None
    status: EntryStatusEnum | None = None
    awaiting_my_review: bool = strawberry.field(
        default=False, description="Only the submitted entries waiting for you as their employee's current rater "
                                   "(dailyReviewQueue's entries, the whole team at once).")


@strawberry.input
class RecordDailyEntryInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="Set to change a draft or returned entry.")
    date: dt.date
    work_result_id: strawberry.ID
    text: str
    quantity: str = strawberry.field(description="A decimal more than 0, as a string (\"2.5\" or \"2,5\").")
    output_unit: str
    minutes: int | None = None
    evidence_link: str = ""
    evidence_files: list[Upload] | None = strawberry.field(
        default=None, description="Evidence files to add (multipart upload): PDF, PNG or JPEG, each within the "
                                  "size limit of realization evidence; at most 10 per entry.")
    remove_evidence_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Files of this entry to remove (a draft or returned entry, like any change).")
    action_item_id: strawberry.ID | None = None
    submit: bool = strawberry.field(default=False, description="Submit at once (R-LATE counts from now).")


@strawberry.input
class ReturnEntryInput:
    id: strawberry.ID
    note: str


def _entry_pk(value: strawberry.ID) -> int | None:
    try:
        return decode_id(value, "DailyEntry")
    except NotFound:
        return None


def _saved(entry: DailyEntry) -> DailyEntry:
    """The answer of recordDailyEntry: the row the service just saved, not read again. What it
    holds is the caller's own and checked by the service (its employee, work result, action and
    files), so no type's scoping is skipped; what else the selection asks for is loaded from it
    field by field through each type's get_queryset and the optimizer (lists), or, for a
    reviewer, as an employee (a type every signed-in user reads)."""
    # The files the service left on the row as prefetched are its own: marking them scoped makes
    # the evidenceFiles field answer from them instead of querying again (3 statements, locked in
    # tests/daily/test_entries_queries.py).
    scoped(entry.evidence_files.all())
    return entry


def _entries(info: Info, pks) -> QuerySet[DailyEntry]:
    return optimize(selectors.entries_by_pks(pks), info)


@strawberry.type
class DailyEntriesQuery:
    @strawberry_django.connection(CursorConnection[DailyEntryType],
                                  description="Daily entries you may see, newest first.")
    def daily_entries(self, info: Info, filter: DailyEntryFilter | None = None) -> QuerySet[DailyEntry]:
        f = filter or DailyEntryFilter()
        return scoped(selectors.entries_filtered(
            visible_entries(info), employee_id=decode_id(f.employee_id, "Employee") if f.employee_id else None,
            from_=f.from_, to=f.to, status=f.status.value if f.status else None,
            awaiting_review_by=require_user(info) if f.awaiting_my_review else None))

    @strawberry.field(description="The week (Monday–Sunday) holding `date`: your own, or an employee's whose "
                                  "entries you may see.")
    def daily_week(self, info: Info, date: dt.date, employee_id: strawberry.ID | None = None) -> DailyWeekType:
        employee = employee_for_daily(require_user(info),
                                      None if employee_id is None else decode_id(employee_id, "Employee"))
        week = selectors.week_of(employee, date)
        entries = _WeekEntries({pk: day.date for day in week.days for pk in day.entry_ids})
        return DailyWeekType(employee=week.employee, start=week.start, days=[DailyDayType(
            date=d.date, is_working_day=d.is_working_day, holiday=d.holiday, is_weekend=d.is_weekend,
            is_excused=d.is_excused, is_closed=d.is_closed, deadline=d.deadline, is_filled=d.is_filled,
            is_missing=d.is_missing, late_days=d.late_days, week_entries=entries) for d in week.days])

    @strawberry.field(description="R-LATE: whether the unit's month is closed — the closure that applies, the "
                                  "unit's own or else that of the nearest unit above it; null while the month is "
                                  "open. For HR of the unit and the leaders of it or above (as the discipline "
                                  "figures); NOT_FOUND for anyone else.")
    def month_closure(self, info: Info, unit_id: strawberry.ID, year: int, month: int) -> Optional[MonthClosureType]:
        return schedule.month_closure(require_user(info), decode_id(unit_id, "OrgUnit"), year, month)

    @strawberry.field(description="The rater's inbox: one item per subordinate with entries waiting.")
    def daily_review_queue(self, info: Info) -> list[DailyReviewItemType]:
        return [DailyReviewItemType(employee=item.employee, waiting=item.waiting, oldest_date=item.oldest)
                for item in selectors.review_queue(require_user(info))]


@strawberry.type
class DailyEntriesMutation:
    @strawberry.mutation(description="The employee: record (or change a draft or returned) entry for a working day "
                                     "of their own, optionally submitting it.")
    def record_daily_entry(self, info: Info, input: RecordDailyEntryInput) -> DailyEntryType:
        entry = services.entry_record(
            actor=require_user(info), entry_id=decode_id(input.id, "DailyEntry") if input.id else None,
            date=input.date, work_result_id=decode_id(input.work_result_id, "WorkResult"), text=input.text,
            quantity=input.quantity, output_unit=input.output_unit, minutes=input.minutes,
            evidence_link=input.evidence_link,
            action_item_id=decode_id(input.action_item_id, "ActionPlanItem") if input.action_item_id else None,
            submit=input.submit, evidence_files=input.evidence_files or [],
            remove_evidence_ids=[decode_id(i, "DailyEntryEvidence") for i in input.remove_evidence_ids or []])
        return _saved(entry)

    @strawberry.mutation(description="The employee: submit draft or returned entries, all or none.")
    def submit_daily_entries(self, info: Info, ids: list[strawberry.ID]) -> list[DailyEntryType]:
        entries = services.entries_submit(actor=require_user(info), entry_ids=[decode_id(i, "DailyEntry") for i in ids])
        return _entries(info, (e.pk for e in entries))

    @strawberry.mutation(description="The employee: delete a draft or returned entry.")
    def delete_daily_entry(self, info: Info, id: strawberry.ID) -> bool:
        services.entry_delete(actor=require_user(info), entry_id=decode_id(id, "DailyEntry"))
        return True

    @strawberry.mutation(description="The rater: approve and return (with a note) many submitted entries at once. "
                                     "An entry refused is reported in `errors` and does not stop the others.")
    def review_daily_entries(self, info: Info, approve: list[strawberry.ID] | None = None,
                             returns: list[ReturnEntryInput] | None = None) -> DailyReviewResultType:
        user = require_user(info)
        pks = {value: _entry_pk(value) for value in (*(approve or []), *(r.id for r in returns or []))}
        client_id = {}  # an entry's pk → the id the client sent for it first
        for value, pk in pks.items():
            if pk is not None:
                client_id.setdefault(pk, value)
        outcome = services.entries_review(
            actor=user, approve_ids=[pks[i] for i in approve or [] if pks[i] is not None],
            returns=[(pks[r.id], r.note) for r in returns or [] if pks[r.id] is not None])
        errors = [DailyEntryErrorType(entry_id=i, code=NotFound.code, message=str(NotFound.default_message))
                  for i, pk in pks.items() if pk is None]
        errors += [DailyEntryErrorType(entry_id=client_id[e.entry_id], code=e.code, message=e.message)
                   for e in outcome.errors]
        return DailyReviewResultType(errors=errors, changed_ids=[e.pk for e in outcome.changed])

    @strawberry.mutation(description="HR of the unit: close an ended month for the unit and the units below it; "
                                     "its entries are then refused (R-LATE).")
    def close_month(self, info: Info, unit_id: strawberry.ID, year: int, month: int) -> MonthClosureType:
        closure = services.month_close(actor=require_user(info), unit=common.unit(unit_id), year=year, month=month)
        return schedule.closure_with_unit(closure)

    @strawberry.mutation(description="HR of the unit: reopen a month closed for the unit.")
    def reopen_month(self, info: Info, unit_id: strawberry.ID, year: int, month: int) -> bool:
        services.month_reopen(actor=require_user(info), unit=common.unit(unit_id), year=year, month=month)
        return True
