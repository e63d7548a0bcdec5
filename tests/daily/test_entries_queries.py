"""Query counts of the daily reads and writes, locked: the week view of one employee costs the
same with 0 and with 20 entries (with their actions and files); a rater's review of 60 entries
costs the same as of 3; recording one entry with the app's own operation (answered from the saved
entry), a page of entries and a page of leave cost the same with few and many rows; changing an
entry with files and an action costs a fixed count.
Through the whole Django + GraphQL stack in-process (Django's test client), so that the count
is the server's own."""
from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.daily.entry_selectors import week_of
from apps.daily.models import DailyEntry, DailyEntryEvidence, EntryStatus, Leave, LeaveKind, LeaveStatus
from apps.performance.models import Indicator, PerformancePlan, PlanStatus, WorkResult

from ..conftest import gid
from .test_entries import now_at  # noqa: F401 (the fixture)

WEEK = """query($d: Date!) { dailyWeek(date: $d) { start employee { name } days { date isWorkingDay holiday
  isWeekend isExcused isClosed deadline isFilled isMissing lateDays entries { id text quantity outputUnit status
  lateDays isLate employee { name unit { code } } reviewedBy { name } workResult { text indicators { text } }
  actionItem { text } evidenceFiles { name url } } } } }"""
REVIEW = """mutation($a: [ID!], $r: [ReturnEntryInput!]) { reviewDailyEntries(approve: $a, returns: $r) {
  changed { id status returnNote reviewedBy { name } employee { name } } errors { entryId code } } }"""


def post(user, query: str, variables: dict) -> tuple[int, dict]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        body = client.post("/graphql/", json.dumps({"query": query, "variables": variables}),
                           content_type="application/json").json()
    assert "errors" not in body, body
    return len(queries.captured_queries), body["data"]


@pytest.fixture
def plans(demo_db, now_at):  # noqa: F811 (the fixture)
    """Approved 2027 plans of the staff member and the peer (rated by the kasi)."""
    results = {}
    for employee in (demo_db.staff, demo_db.peer):
        plan = PerformancePlan.objects.create(employee=employee, year=2027, status=PlanStatus.APPROVED)
        results[employee.pk] = WorkResult.objects.create(plan=plan, text=f"RHK {employee.name}")
        Indicator.objects.create(work_result=results[employee.pk], aspect="KUANTITAS", text="Dokumen", target="4")
    return demo_db, results


def entries(employee, result, days: list[dt.date], *, per_day: int = 1,
            status: str = EntryStatus.SUBMITTED) -> list[DailyEntry]:
    return DailyEntry.objects.bulk_create([
        DailyEntry(employee=employee, work_result=result, date=day, text=f"Kegiatan {n}", quantity=Decimal(1),
                   output_unit="dokumen", status=status,
                   first_submitted_at=dt.datetime(2027, 4, 14, 9, tzinfo=dt.UTC) if status != EntryStatus.DRAFT else None)
        for day in days for n in range(per_day)])


def _approved_action(result: WorkResult):
    """An action of the approved action plan of TW II 2027 under ``result``."""
    from apps.daily.models import ActionPlan, ActionPlanItem, ActionPlanStatus
    from apps.performance.models import PerformancePeriod
    from apps.performance.services import periods_create

    if not PerformancePeriod.objects.filter(year=2027).exists():
        periods_create(year=2027)
    action_plan = ActionPlan.objects.create(plan=result.plan, status=ActionPlanStatus.APPROVED,
                                            period=PerformancePeriod.objects.get(year=2027, kind="QUARTER", number=2))
    return ActionPlanItem.objects.create(action_plan=action_plan, work_result=result, text="Rapat", target="4")


WEEK_DAYS = [dt.date(2027, 4, 12) + dt.timedelta(days=n) for n in range(5)]
RECORD_QUERIES, LIST_QUERIES, LEAVE_QUERIES = 7, 8, 6
# Changing a returned entry with one file removed and one added, an action named, resubmitted.
RECORD_CHANGE_QUERIES = 12


def test_week_view_query_count_is_constant(plans, django_assert_num_queries):
    d, results = plans
    empty, data = post(d.staff.user, WEEK, {"d": "2027-04-14"})
    assert [day["isMissing"] for day in data["dailyWeek"]["days"]] == [True, False, False, False, False, False, False]
    [first] = entries(d.staff, results[d.staff.pk], WEEK_DAYS[:1])
    item = _approved_action(results[d.staff.pk])
    DailyEntry.objects.filter(pk=first.pk).update(action_item=item)
    one, data = post(d.staff.user, WEEK, {"d": "2027-04-14"})
    assert data["dailyWeek"]["days"][0]["entries"][0]["workResult"]["indicators"] == [{"text": "Dokumen"}]
    week = entries(d.staff, results[d.staff.pk], WEEK_DAYS[:3], per_day=4)
    week += entries(d.staff, results[d.staff.pk], WEEK_DAYS[3:], per_day=4, status=EntryStatus.DRAFT)
    first.delete()
    # Every entry serving an action, with two files.
    DailyEntry.objects.filter(pk__in=[e.pk for e in week]).update(action_item=item)
    DailyEntryEvidence.objects.bulk_create([
        DailyEntryEvidence(entry=e, name=f"bukti-{n}.pdf", file=f"evidence/daily/bukti-{n}.pdf",
                           content_type="application/pdf", size=5) for e in week for n in range(2)])
    full, data = post(d.staff.user, WEEK, {"d": "2027-04-14"})
    assert sum(len(day["entries"]) for day in data["dailyWeek"]["days"]) == 20
    assert {len(e["evidenceFiles"]) for day in data["dailyWeek"]["days"] for e in day["entries"]} == {2}
    assert {e["actionItem"]["text"] for day in data["dailyWeek"]["days"] for e in day["entries"]} == {"Rapat"}
    # Session, user, employee; the calendar's rules (schedule.day_rules), entries; with entries
    # also: them through the optimizer, HR's role (plan scoping), work results, indicators,
    # actions, and files with their scoping (entries_visible_to: the units the viewer leads, HR's role).
    assert (empty, one, full) == (5, 13, 13), (empty, one, full)
    # The selector alone: the calendar's rules (schedule, holidays, leave, closed months in one
    # statement), the entries' day marks.
    staff = d.staff
    with django_assert_num_queries(2):
        week = week_of(staff, dt.date(2027, 4, 14))
    assert [len(day.entry_ids) for day in week.days] == [4, 4, 4, 4, 4, 0, 0]


@pytest.mark.parametrize("shape", ["approve", "mixed"])
def test_bulk_review_of_3_and_of_60_entries_costs_the_same(plans, shape):
    d, results = plans

    def review(n: int) -> tuple[int, dict]:
        staff = entries(d.staff, results[d.staff.pk], [dt.date(2027, 4, 12)], per_day=n - n // 3)
        peer = entries(d.peer, results[d.peer.pk], [dt.date(2027, 4, 13)], per_day=n // 3)
        ids = [gid("DailyEntry", e.pk) for e in staff + peer]
        if shape == "approve":
            variables = {"a": ids, "r": []}
        else:
            variables = {"a": ids[::2], "r": [{"id": i, "note": "Lengkapi bukti."} for i in ids[1::2]]}
        count, data = post(d.kasi.user, REVIEW, variables)
        assert data["reviewDailyEntries"]["errors"] == [] and len(data["reviewDailyEntries"]["changed"]) == n
        return count, data

    few, _ = review(3)
    many, data = review(60)
    assert few == many, (few, many)
    statuses = {e["status"] for e in data["reviewDailyEntries"]["changed"]}
    assert statuses == ({"APPROVED"} if shape == "approve" else {"APPROVED", "RETURNED"})
    print(f"bulk review ({shape}): {many} queries for 3 and for 60 entries")


def test_review_queue_costs_two_queries_whatever_the_team(plans, django_assert_num_queries):
    from apps.daily.entry_selectors import review_queue

    d, results = plans
    entries(d.staff, results[d.staff.pk], WEEK_DAYS, per_day=3)
    entries(d.peer, results[d.peer.pk], WEEK_DAYS[2:])
    kasi = d.kasi.user
    with django_assert_num_queries(2):
        queue = review_queue(kasi)
    assert [(item.employee.name, item.waiting, item.oldest) for item in queue] == [
        (d.staff.name, 15, WEEK_DAYS[0]), (d.peer.name, 3, WEEK_DAYS[2])]




def app_operation(name: str) -> str:
    """An operation of the app's daily screens exactly as it sends it, with the fragments it
    uses (frontend/src/pages/daily/queries.ts)."""
    source = (Path(__file__).resolve().parents[2] / "frontend/src/pages/daily/queries.ts").read_text(encoding="utf-8")
    documents = re.findall(r"graphql\(`(.*?)`\)", source, re.S)
    [operation] = [doc for doc in documents if re.search(rf"\b(query|mutation) {name}\b", doc)]
    fragments = {re.match(r"\s*fragment (\w+)", doc)[1]: doc for doc in documents if doc.strip().startswith("fragment")}
    return "\n".join([operation, *(doc for used, doc in fragments.items() if f"...{used}" in operation)])


RECORD = app_operation("RecordDailyEntry")  # its answer: the entry with workResult { id text }, the action, files
ENTRY_LIST = """{ dailyEntries(first: 10) { totalCount edges { node { id date status quantity employee { name }
  workResult { text } reviewedBy { name } } } } }"""
LEAVE_LIST = """{ leaves(first: 10) { totalCount edges { node { id startsOn endsOn kind status employee { name }
  decidedBy { name } } } } }"""


def test_recording_one_entry_costs_the_same_with_few_and_many_entries(plans):
    d, results = plans

    def record(day: str) -> int:
        count, data = post(d.staff.user, RECORD, {"input": {
            "date": day, "workResultId": gid("WorkResult", results[d.staff.pk].pk), "text": "Rapat tim",
            "quantity": "1", "outputUnit": "dokumen", "submit": True}})
        answer = data["recordDailyEntry"]
        assert answer["status"] == "SUBMITTED" and answer["workResult"]["text"] == f"RHK {d.staff.name}"
        assert answer["evidenceFiles"] == [] and answer["actionItem"] is None
        return count

    few = record("2027-04-13")
    entries(d.staff, results[d.staff.pk], WEEK_DAYS[:3], per_day=20)
    many = record("2027-04-14")
    # Session, user; savepoint, the work result with its plan's employee, the calendar's rules
    # (schedule, holidays, leave, closed months: one statement), the insert, release. The answer
    # is the saved entry: no query.
    assert (few, many) == (RECORD_QUERIES, RECORD_QUERIES), (few, many)


def test_changing_an_entry_with_files_and_an_action_costs_a_fixed_count(plans, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    d, results = plans
    result = results[d.staff.pk]
    item = _approved_action(result)
    [entry] = entries(d.staff, result, WEEK_DAYS[:1], status=EntryStatus.RETURNED)
    old = DailyEntryEvidence.objects.create(entry=entry, name="lama.pdf", content_type="application/pdf", size=5,
                                            file=SimpleUploadedFile("lama.pdf", b"%PDF-"))
    DailyEntryEvidence.objects.create(entry=entry, name="tetap.pdf", content_type="application/pdf", size=5,
                                      file=SimpleUploadedFile("tetap.pdf", b"%PDF-"))
    variables = {"input": {
        "id": gid("DailyEntry", entry.pk), "date": "2027-04-12", "workResultId": gid("WorkResult", result.pk),
        "text": "Rapat tim", "quantity": "1", "outputUnit": "dokumen", "submit": True,
        "actionItemId": gid("ActionPlanItem", item.pk), "removeEvidenceIds": [gid("DailyEntryEvidence", old.pk)],
        "evidenceFiles": [None]}}
    client = Client()
    client.force_login(d.staff.user)
    with CaptureQueriesContext(connection) as queries:
        body = client.post("/graphql/", {
            "operations": json.dumps({"query": RECORD, "variables": variables}),
            "map": json.dumps({"0": ["variables.input.evidenceFiles.0"]}),
            "0": SimpleUploadedFile("baru.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")}).json()
    assert "errors" not in body, body
    answer = body["data"]["recordDailyEntry"]
    assert answer["status"] == "SUBMITTED" and answer["actionItem"]["text"] == "Rapat"
    assert [f["name"] for f in answer["evidenceFiles"]] == ["tetap.pdf", "baru.png"]
    # Session, user; savepoint, the work result with its plan's employee, the entry (locked),
    # the action, the entry's files, the calendar's rules, the update, the files removed and
    # added, release. The answer is the saved entry: no query.
    assert len(queries.captured_queries) == RECORD_CHANGE_QUERIES, [q["sql"][:90] for q in queries.captured_queries]


def test_listing_entries_costs_the_same_with_few_and_many(plans):
    d, results = plans
    entries(d.staff, results[d.staff.pk], WEEK_DAYS[:1], per_day=2)
    entries(d.peer, results[d.peer.pk], WEEK_DAYS[:1], per_day=1)
    few, data = post(d.kasi.user, ENTRY_LIST, {})
    assert data["dailyEntries"]["totalCount"] == 3
    entries(d.staff, results[d.staff.pk], WEEK_DAYS, per_day=6)
    entries(d.peer, results[d.peer.pk], WEEK_DAYS, per_day=6)
    many, data = post(d.kasi.user, ENTRY_LIST, {})
    assert data["dailyEntries"]["totalCount"] == 63 and len(data["dailyEntries"]["edges"]) == 10
    # Session, user; the viewer's led units and HR role (the scope), the page with its employees
    # and reviewers, the count, the work results and the plan scoping of them.
    assert (few, many) == (LIST_QUERIES, LIST_QUERIES), (few, many)


def test_listing_leave_costs_the_same_with_few_and_many(plans):
    d, _results = plans

    def leave(employee, n: int) -> list[Leave]:
        return Leave.objects.bulk_create([
            Leave(employee=employee, starts_on=dt.date(2027, 1, 4) + dt.timedelta(days=7 * k),
                  ends_on=dt.date(2027, 1, 4) + dt.timedelta(days=7 * k), kind=LeaveKind.CUTI,
                  status=LeaveStatus.APPROVED, decided_by=d.kasi) for k in range(n)])

    leave(d.staff, 2)
    leave(d.peer, 1)
    few, data = post(d.kasi.user, LEAVE_LIST, {})
    assert data["leaves"]["totalCount"] == 3
    leave(d.staff, 30)
    leave(d.peer, 30)
    many, data = post(d.kasi.user, LEAVE_LIST, {})
    assert data["leaves"]["totalCount"] == 63 and len(data["leaves"]["edges"]) == 10
    # Session, user; the viewer's led units and HR role (the scope), the page with its employees
    # and deciders, the count.
    assert (few, many) == (LEAVE_QUERIES, LEAVE_QUERIES), (few, many)
