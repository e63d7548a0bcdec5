"""Continuous feedback, quarterly evaluation meetings and the two dashboards (myProgress,
unitPerformance) — who may, what they show, and their locked query counts."""
from __future__ import annotations

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.performance import services
from apps.performance.models import EvaluationMeeting, Feedback, Indicator, PerformancePlan, WorkResult

from ..conftest import gid
from .test_quarter import OPEN, RECORD, YEAR

FEEDBACK = "mutation($w: ID!, $t: String!) { giveFeedback(workResultId: $w, text: $t) { text givenBy { name } } }"
MEETING = """mutation($u: ID!, $p: ID!, $a: [ID!]!, $m: String!) { recordEvaluationMeeting(unitId: $u, periodId: $p,
  heldAt: "2027-04-05T09:00:00+07:00", attendeeIds: $a, minutes: $m, actions: ["Percepat penilaian", " "]) {
  minutes actions attendees { name } } }"""
PROGRESS = "query($y: Int!) { myProgress(year: $y) { workResultText target realization percent indicator { aspect } } }"
UNIT = """query($u: ID!, $y: Int!) { unitPerformance(unitId: $u, year: $y) { plansByStatus { status count }
  overduePlans predicateDistribution { predicate count percent } satisfaction { score } meetingsHeld } }"""


def test_rater_gives_feedback_any_time(quarter, client_for):
    d, period, _q1 = quarter
    result = gid("WorkResult", WorkResult.objects.get(plan__employee=d.staff).pk)
    kasi = client_for(d.kasi.user.username)
    given = kasi.data(FEEDBACK, {"w": result, "t": "Dokumen pertama sudah baik."})["giveFeedback"]
    assert given == {"text": "Dokumen pertama sudah baik.", "givenBy": {"name": d.kasi.name}}
    for who in ["staff", "kabid", "hr_all"]:
        assert client_for(getattr(d, who).user.username).error(FEEDBACK, {"w": result, "t": "x"})[
            "extensions"]["code"] == "FORBIDDEN"
    assert client_for(d.peer.user.username).error(FEEDBACK, {"w": result, "t": "x"})["extensions"]["code"] == "NOT_FOUND"
    assert kasi.error(FEEDBACK, {"w": result, "t": " "})["extensions"]["code"] == "BAD_USER_INPUT"
    assert Feedback.objects.count() == 1
    assert PerformancePlan.objects.get(employee=d.staff, year=YEAR).history.filter(kind="FEEDBACK").count() == 1


def test_quarterly_meeting_is_recorded_by_the_leader_or_hr(quarter, client_for):
    d, period, _q1 = quarter
    section = gid("OrgUnit", d.kasi.unit_id)
    attendees = [gid("Employee", e.pk) for e in (d.kasi, d.staff, d.peer)]
    kasi = client_for(d.kasi.user.username)
    meeting = kasi.data(MEETING, {"u": section, "p": period, "a": attendees, "m": "Capaian TW I dibahas."})[
        "recordEvaluationMeeting"]
    assert meeting["actions"] == ["Percepat penilaian"] and len(meeting["attendees"]) == 3
    assert client_for(d.staff.user.username).error(MEETING, {"u": section, "p": period, "a": attendees, "m": "x"})[
        "extensions"]["code"] == "FORBIDDEN"
    outsider = kasi.error(MEETING, {"u": section, "p": period, "a": [gid("Employee", d.kadinkes.pk)], "m": "x"})
    assert outsider["extensions"]["fields"] == {"attendeeIds": "peserta harus anggota unit"}
    listed = client_for(d.staff.user.username).data(
        "query($u: ID!, $y: Int!) { evaluationMeetings(unitId: $u, year: $y) { minutes } }", {"u": section, "y": YEAR})
    assert listed["evaluationMeetings"] == [{"minutes": "Capaian TW I dibahas."}]


def test_my_progress_and_unit_performance(quarter, client_for):
    d, period, q1 = quarter
    hr, staff = client_for(d.hr_all.user.username), client_for(d.staff.user.username)
    section = gid("OrgUnit", d.kasi.unit_id)
    hr.data(OPEN, {"p": period, "u": section})
    indicator = gid("Indicator", Indicator.objects.get(work_result__plan__employee=d.staff).pk)
    staff.data(RECORD, {"i": indicator, "p": period, "v": "1", "l": []})
    assert staff.data(PROGRESS, {"y": YEAR})["myProgress"] == [
        {"workResultText": f"RHK {d.staff.name}", "target": "4", "realization": "1", "percent": 25.0,
         "indicator": {"aspect": "KUANTITAS"}}]
    services.meeting_record(actor=d.kasi.user, unit=d.kasi.unit, period=q1, held_at=q1.ends_on.isoformat() + "T09:00:00+07:00",
                            attendees=[d.kasi, d.staff], minutes="TW I", actions=[])
    PerformancePlan.objects.filter(employee=d.peer).update(is_overdue=True)
    dashboard = client_for(d.kabid.user.username).data(UNIT, {"u": section, "y": YEAR})["unitPerformance"]
    assert {s["status"]: s["count"] for s in dashboard["plansByStatus"]} == {"DRAFT": 0, "SUBMITTED": 0, "APPROVED": 3}
    assert dashboard["overduePlans"] == 1 and dashboard["meetingsHeld"] == 1 and dashboard["satisfaction"] is None
    # The year's own: the meeting of TW I 2027 is not one of 2028's, nor of another unit's.
    assert client_for(d.kabid.user.username).data(UNIT, {"u": section, "y": YEAR + 1})["unitPerformance"][
        "meetingsHeld"] == 0
    assert hr.data(UNIT, {"u": gid("OrgUnit", d.kapus.unit_id), "y": YEAR})["unitPerformance"]["meetingsHeld"] == 0
    for who, sees in [("kasi", True), ("hr_all", True), ("kadis", True), ("staff", False), ("hr_dinkes", False)]:
        result = client_for(getattr(d, who).user.username)(UNIT, {"u": section, "y": YEAR})
        assert ("errors" not in result) == sees, who
    assert EvaluationMeeting.objects.count() == 1


def count_queries(user, query, variables):
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        body = client.post("/graphql/", json.dumps({"query": query, "variables": variables}),
                           content_type="application/json").json()
    assert "errors" not in body, body
    return len(ctx.captured_queries)


def test_dashboard_query_counts_are_locked(quarter):
    d, period, q1 = quarter
    variables = {"u": gid("OrgUnit", d.kabid.unit_id), "y": YEAR}
    few_unit = count_queries(d.hr_all.user, UNIT, variables)
    few_progress = count_queries(d.staff.user, PROGRESS, {"y": YEAR})
    plan = PerformancePlan.objects.get(employee=d.staff, year=YEAR)
    for n in range(20):
        result = WorkResult.objects.create(plan=plan, text=f"RHK tambahan {n}")
        Indicator.objects.create(work_result=result, aspect="WAKTU", text="t", target="12")
    assert count_queries(d.hr_all.user, UNIT, variables) == few_unit == 9
    assert count_queries(d.staff.user, PROGRESS, {"y": YEAR}) == few_progress == 6


MEETINGS = "query($u: ID!, $y: Int!) { evaluationMeetings(unitId: $u, year: $y) { minutes attendees { name } } }"


def test_evaluation_meetings_are_read_by_the_unit_hr_and_leaders_above(quarter, client_for):
    """F4 (issue 11): the minutes of a section's meeting are for the section's staff, HR of the
    unit and the leaders above it; anyone else gets NOT_FOUND, as from unitPerformance."""
    d, period, q1 = quarter
    services.meeting_record(actor=d.kasi.user, unit=d.kasi.unit, period=q1, held_at=f"{YEAR}-04-05T09:00:00+07:00",
                            attendees=[d.kasi, d.staff], minutes="Capaian TW I dibahas.", actions=[])
    section = {"u": gid("OrgUnit", d.kasi.unit_id), "y": YEAR}
    for who, sees in [("staff", True), ("peer", True), ("kasi", True), ("kabid", True), ("kadis", True),
                      ("hr_all", True), ("other_rater", False), ("hr_dinkes", False), ("kadinkes", False),
                      ("process_admin", False)]:
        result = client_for(getattr(d, who).user.username)(MEETINGS, section)
        if sees:
            assert result["data"]["evaluationMeetings"][0]["minutes"] == "Capaian TW I dibahas.", who
        else:
            assert [e["extensions"]["code"] for e in result["errors"]] == ["NOT_FOUND"], who
