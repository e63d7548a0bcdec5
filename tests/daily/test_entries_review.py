"""R-DAILY review over HTTP: the current rater approves and returns many entries in one request,
each refusal reported without stopping the others; pending entries follow a change of rater; a
return and resubmission keeps the first submission (R-LATE); who sees whose entries."""
from __future__ import annotations

import datetime as dt

from strawberry import relay

from apps.daily.models import DailyEntry, EntryStatus

from ..conftest import gid
from .test_entries import (  # noqa: F401 (fixtures)
    ENTRIES,
    ENTRY,
    SUBMIT,
    code,
    daily,
    now_at,
    quarter,
    record,
)

REVIEW = (f"mutation($a: [ID!], $r: [ReturnEntryInput!]) {{ reviewDailyEntries(approve: $a, returns: $r) {{ "
          f"changed {{ {ENTRY} }} errors {{ entryId code message }} }} }}")
QUEUE = "{ dailyReviewQueue { employee { name } waiting oldestDate } }"
SET_SUPERVISOR = "mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) { name } }"
WEEK = ("query($e: ID, $d: Date!) { dailyWeek(employeeId: $e, date: $d) { start employee { name } days { date "
        "isWorkingDay isMissing entries { id } } } }")


def review(client, approve=(), returns=()) -> dict:
    return client.data(REVIEW, {"a": list(approve), "r": [{"id": i, "note": n} for i, n in returns]})["reviewDailyEntries"]


def status(entry: dict) -> str:
    return DailyEntry.objects.get(pk=int(relay.GlobalID.from_id(entry["id"]).node_id)).status


def test_r_daily_bulk_review_reports_each_refusal_and_does_the_rest(daily):
    d = daily.d
    mine = [record(daily.staff, d, day, submit=True) for day in ("2027-04-12", "2027-04-13", "2027-04-14")]
    draft = record(daily.staff, d, "2027-04-14")
    peers = record(daily.peer, d, "2027-04-14", employee=d.peer, submit=True)
    kasis = record(daily.kasi, d, "2027-04-14", employee=d.kasi, submit=True)  # rated by the kabid
    unknown = gid("DailyEntry", 99999)
    result = review(daily.kasi, approve=[mine[0]["id"], mine[1]["id"], draft["id"], peers["id"], kasis["id"], unknown,
                                         "not-an-id"],
                    returns=[(mine[2]["id"], "Lampirkan daftar hadir."), (mine[1]["id"], "dua kali")])
    errors = {e["entryId"]: e["code"] for e in result["errors"]}
    assert errors == {draft["id"]: "CONFLICT", kasis["id"]: "FORBIDDEN", unknown: "NOT_FOUND",
                      "not-an-id": "NOT_FOUND", mine[1]["id"]: "BAD_USER_INPUT"}
    changed = {e["id"]: e for e in result["changed"]}
    assert set(changed) == {mine[0]["id"], peers["id"], mine[2]["id"]}
    assert changed[mine[0]["id"]]["status"] == "APPROVED" and changed[mine[0]["id"]]["reviewedBy"]["name"] == d.kasi.name
    assert changed[mine[2]["id"]]["status"] == "RETURNED"
    assert changed[mine[2]["id"]]["returnNote"] == "Lampirkan daftar hadir."
    assert [status(e) for e in (mine[1], draft, kasis)] == [EntryStatus.SUBMITTED, EntryStatus.DRAFT,
                                                           EntryStatus.SUBMITTED]
    # A return needs a note; what is reviewed is not waiting any more.
    result = review(daily.kasi, returns=[(mine[1]["id"], "  ")], approve=[mine[0]["id"]])
    assert {e["code"] for e in result["errors"]} == {"BAD_USER_INPUT", "CONFLICT"} and result["changed"] == []
    # Only the current rater reviews: the rater's rater and HR read, the peer sees nothing.
    for client, expected in ((daily.kabid, "FORBIDDEN"), (daily.hr_all, "FORBIDDEN"), (daily.peer, "NOT_FOUND"),
                             (daily.other_rater, "NOT_FOUND"), (daily.staff, "FORBIDDEN")):
        result = review(client, approve=[mine[1]["id"]])
        assert [(e["code"], e["entryId"]) for e in result["errors"]] == [(expected, mine[1]["id"])], client
    assert status(mine[1]) == EntryStatus.SUBMITTED
    assert review(daily.kabid, approve=[kasis["id"]])["changed"][0]["status"] == "APPROVED"


def test_r_late_a_return_and_resubmission_keeps_the_first_submission(daily, now_at):
    d = daily.d
    first = record(daily.staff, d, "2027-04-12", submit=True)  # 1 working day late
    returned = review(daily.kasi, returns=[(first["id"], "Sebutkan judul modul.")])["changed"][0]
    assert returned["status"] == "RETURNED" and returned["lateDays"] == 1
    now_at("2027-04-16 15:00")  # Friday: a new first submission would be 3 days late
    changed = record(daily.staff, d, "2027-04-12", id=first["id"], text="Menyusun modul ajar: Bilangan Cacah")
    assert changed["status"] == "RETURNED"  # edited, not yet resubmitted
    [again] = daily.staff.data(SUBMIT, {"ids": [first["id"]]})["submitDailyEntries"]
    assert again["status"] == "SUBMITTED"
    instant = dt.datetime.fromisoformat  # the same moment, whatever the offset it is written with
    assert (instant(again["firstSubmittedAt"]), again["lateDays"]) == (instant(first["firstSubmittedAt"]), 1)
    assert again["returnNote"] == "Sebutkan judul modul."
    assert review(daily.kasi, approve=[first["id"]])["changed"][0]["status"] == "APPROVED"


def test_r_daily_pending_entries_follow_a_change_of_rater(daily):
    d = daily.d
    staff = gid("Employee", d.staff.pk)
    # HR makes the peer the staff member's rater; entries are submitted while she rates.
    daily.hr_all.data(SET_SUPERVISOR, {"e": staff, "s": gid("Employee", d.peer.pk)})
    entries = [record(daily.staff, d, day, submit=True) for day in ("2027-04-13", "2027-04-14")]
    assert daily.peer.data(QUEUE)["dailyReviewQueue"] == [
        {"employee": {"name": d.staff.name}, "waiting": 2, "oldestDate": "2027-04-13"}]
    # Back to the head of the section: the waiting entries are hers now, the peer's are gone.
    daily.hr_all.data(SET_SUPERVISOR, {"e": staff, "s": None})
    assert daily.peer.data(QUEUE)["dailyReviewQueue"] == []
    assert daily.kasi.data(QUEUE)["dailyReviewQueue"] == [
        {"employee": {"name": d.staff.name}, "waiting": 2, "oldestDate": "2027-04-13"}]
    result = review(daily.peer, approve=[entries[0]["id"]])
    assert [e["code"] for e in result["errors"]] == ["NOT_FOUND"] and result["changed"] == []
    assert code(daily.peer.error(WEEK, {"e": staff, "d": "2027-04-14"})) == "NOT_FOUND"
    result = review(daily.kasi, approve=[e["id"] for e in entries])
    assert result["errors"] == [] and {e["status"] for e in result["changed"]} == {"APPROVED"}
    assert daily.kasi.data(QUEUE)["dailyReviewQueue"] == []


def test_r_daily_review_queue_has_one_item_per_subordinate(daily):
    d = daily.d
    for day in ("2027-04-14", "2027-04-12", "2027-04-13"):
        record(daily.staff, d, day, submit=True)
    record(daily.staff, d, "2027-04-08")  # a draft waits for nobody
    record(daily.peer, d, "2027-04-14", employee=d.peer, submit=True)
    assert daily.kasi.data(QUEUE)["dailyReviewQueue"] == [
        {"employee": {"name": d.staff.name}, "waiting": 3, "oldestDate": "2027-04-12"},
        {"employee": {"name": d.peer.name}, "waiting": 1, "oldestDate": "2027-04-14"}]
    for client in (daily.staff, daily.kabid, daily.hr_all, daily.other_rater):
        assert client.data(QUEUE)["dailyReviewQueue"] == [], client


def test_r_daily_the_whole_team_waiting_is_one_list(daily):
    """dailyEntries(filter: {awaitingMyReview: true}): the queue's entries of every subordinate at
    once (the app's "Seluruh tim"), to be reviewed in one request; nobody else's."""
    d = daily.d
    mine = [record(daily.staff, d, day, submit=True)["id"] for day in ("2027-04-12", "2027-04-13")]
    mine.append(record(daily.peer, d, "2027-04-14", employee=d.peer, submit=True)["id"])
    record(daily.staff, d, "2027-04-08")  # a draft waits for nobody
    team = {"f": {"awaitingMyReview": True}}
    listed = daily.kasi.data(ENTRIES, team)["dailyEntries"]
    assert sorted(edge["node"]["id"] for edge in listed["edges"]) == sorted(mine)
    # The staff's rater's rater and HR see these entries, but none waits for them.
    for client in (daily.staff, daily.kabid, daily.hr_all, daily.other_rater):
        assert client.data(ENTRIES, team)["dailyEntries"]["totalCount"] == 0, client
    changed = review(daily.kasi, approve=[edge["node"]["id"] for edge in listed["edges"]])["changed"]
    assert {e["status"] for e in changed} == {"APPROVED"} and len(changed) == 3
    assert daily.kasi.data(ENTRIES, team)["dailyEntries"]["totalCount"] == 0


def test_r_daily_who_sees_whose_entries(daily):
    d = daily.d
    entry = record(daily.staff, d, "2027-04-13", submit=True)
    staff = gid("Employee", d.staff.pk)
    sees = {"staff", "kasi", "kabid", "kadis", "hr_all"}
    for name in ("staff", "peer", "kasi", "kabid", "kadis", "other_rater", "hr_all", "hr_dinkes", "process_admin"):
        client = getattr(daily, name)
        listed = client.data(ENTRIES, {"f": {"employeeId": staff}})["dailyEntries"]
        assert (listed["totalCount"] == 1) == (name in sees), name
        if name in sees:
            week = client.data(WEEK, {"e": staff, "d": "2027-04-13"})["dailyWeek"]
            assert [e["id"] for day in week["days"] for e in day["entries"]] == [entry["id"]], name
        else:
            assert code(client.error(WEEK, {"e": staff, "d": "2027-04-13"})) == "NOT_FOUND", name
