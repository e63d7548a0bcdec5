"""R-CALENDAR over real HTTP: holidays (read by everyone signed in, kept by HR managing the whole
organization), a unit's working week and time zone (kept by HR of the unit), and a unit's leave
(``leaves(unitId:)``: the unit and its sub-units, newest first — it narrows what the viewer may see
of leave, never widens it)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.daily.models import Holiday, Leave, UnitSchedule
from apps.organization.models import OrgUnit

from ..conftest import gid

HOLIDAYS = "query($y: Int!) { holidays(year: $y) { date name kind } }"
SET_HOLIDAY = ("mutation($d: Date!, $n: String!, $k: HolidayKind!) { setHoliday(date: $d, name: $n, kind: $k) "
               "{ date name kind } }")
DELETE_HOLIDAY = "mutation($d: Date!) { deleteHoliday(date: $d) }"
UNIT_SCHEDULE = ("query($u: ID!) { unitSchedule(unitId: $u) { unit { code } workingDays timeZone "
                 "definedBy { code } } }")
SET_SCHEDULE = ("mutation($u: ID!, $w: Int!, $z: UnitTimeZone!) { setUnitSchedule(unitId: $u, workingDays: $w, "
                "timeZone: $z) { unit { code } workingDays timeZone definedBy { code } } }")


@pytest.fixture
def as_(demo, client_for):
    def login(name: str):
        return client_for(getattr(demo, name).user.username)
    return login


def unit_id(code: str) -> str:
    return gid("OrgUnit", OrgUnit.objects.get(code=code).pk)


def test_r_calendar_holidays_of_a_year_for_anyone_signed_in(as_, gql, national_holidays):
    days = as_("staff").data(HOLIDAYS, {"y": 2026})["holidays"]
    assert len(days) == 25
    assert days[0] == {"date": "2026-01-01", "name": "Tahun Baru 2026 Masehi", "kind": "NATIONAL"}
    assert {"date": "2026-03-20", "name": "Cuti Bersama Idul Fitri 1447 Hijriah", "kind": "COLLECTIVE_LEAVE"} in days
    assert gql.error(HOLIDAYS, {"y": 2026})["extensions"]["code"] == "UNAUTHENTICATED"
    error = as_("staff").error(HOLIDAYS, {"y": 20260})
    assert (error["extensions"]["code"], error["extensions"]["fields"]) == ("BAD_USER_INPUT", {"year": "range"})


def test_r_calendar_hr_of_the_whole_organization_sets_and_deletes_a_holiday(as_, demo):
    hr = as_("hr_all")
    added = hr.data(SET_HOLIDAY, {"d": "2026-02-27", "n": " Hari Jadi Kabupaten ", "k": "NATIONAL"})["setHoliday"]
    assert added == {"date": "2026-02-27", "name": "Hari Jadi Kabupaten", "kind": "NATIONAL"}
    changed = hr.data(SET_HOLIDAY, {"d": "2026-02-27", "n": "Cuti bersama daerah", "k": "COLLECTIVE_LEAVE"})
    assert changed["setHoliday"]["kind"] == "COLLECTIVE_LEAVE"
    holiday = Holiday.objects.get(date="2026-02-27")
    assert (holiday.name, holiday.created_by_id) == ("Cuti bersama daerah", demo.hr_all.user_id)
    assert hr.data(DELETE_HOLIDAY, {"d": "2026-02-27"}) == {"deleteHoliday": True}
    assert not Holiday.objects.exists()


@pytest.mark.parametrize("name", ["hr_dinkes", "kadis", "staff", "process_admin"])
def test_r_calendar_only_hr_of_the_whole_organization_keeps_holidays(as_, name, national_holidays):
    client = as_(name)
    for query, variables in ((SET_HOLIDAY, {"d": "2026-02-27", "n": "Libur", "k": "NATIONAL"}),
                             (DELETE_HOLIDAY, {"d": "2026-08-17"})):
        assert client.error(query, variables)["extensions"]["code"] == "FORBIDDEN"
    assert not Holiday.objects.filter(date="2026-02-27").exists()
    assert Holiday.objects.filter(date="2026-08-17").exists()


def test_r_calendar_a_superuser_keeps_holidays(demo, client_for):
    from django.contrib.auth import get_user_model

    from ..conftest import PASSWORD

    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    client = client_for("root")
    assert client.data(SET_HOLIDAY, {"d": "2027-02-27", "n": "Libur", "k": "NATIONAL"})["setHoliday"]["name"] == "Libur"


def test_r_calendar_holiday_errors(as_):
    hr = as_("hr_all")
    error = hr.error(DELETE_HOLIDAY, {"d": "2026-02-27"})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "27" in error["message"]
    error = hr.error(SET_HOLIDAY, {"d": "2026-02-27", "n": "   ", "k": "NATIONAL"})
    assert (error["extensions"]["code"], list(error["extensions"]["fields"])) == ("BAD_USER_INPUT", ["name"])
    error = hr.error(SET_HOLIDAY, {"d": "2026-02-27", "n": "x" * 201, "k": "NATIONAL"})
    assert list(error["extensions"]["fields"]) == ["name"]
    assert hr.error(SET_HOLIDAY, {"d": "2026-02-30", "n": "Libur", "k": "NATIONAL"})["extensions"]["code"] == \
        "BAD_USER_INPUT"
    assert not Holiday.objects.exists()


def test_r_calendar_unit_schedule_default_own_and_inherited(as_):
    staff = as_("staff")
    assert staff.data(UNIT_SCHEDULE, {"u": unit_id("DISDIK-SD-KUR")})["unitSchedule"] == {
        "unit": {"code": "DISDIK-SD-KUR"}, "workingDays": 5, "timeZone": "WIB", "definedBy": None}
    result = as_("hr_all").data(SET_SCHEDULE, {"u": unit_id("DISDIK"), "w": 6, "z": "WITA"})["setUnitSchedule"]
    assert result == {"unit": {"code": "DISDIK"}, "workingDays": 6, "timeZone": "WITA", "definedBy": {"code": "DISDIK"}}
    assert staff.data(UNIT_SCHEDULE, {"u": unit_id("DISDIK-SD-KUR")})["unitSchedule"] == {
        "unit": {"code": "DISDIK-SD-KUR"}, "workingDays": 6, "timeZone": "WITA", "definedBy": {"code": "DISDIK"}}
    # A schedule is reference data like the tree: anyone signed in reads any unit's.
    assert as_("nurse").data(UNIT_SCHEDULE, {"u": unit_id("DISDIK")})["unitSchedule"]["workingDays"] == 6


def test_r_calendar_hr_of_the_unit_sets_its_schedule_and_nobody_else(as_):
    hr_dinkes = as_("hr_dinkes")
    result = hr_dinkes.data(SET_SCHEDULE, {"u": unit_id("PKM-TUBEI"), "w": 6, "z": "WIB"})["setUnitSchedule"]
    assert result["workingDays"] == 6
    for name, code in (("hr_dinkes", "DISDIK"), ("kapus", "PKM-TUBEI"), ("kadinkes", "DINKES"), ("staff", "DISDIK-SD-KUR")):
        error = as_(name).error(SET_SCHEDULE, {"u": unit_id(code), "w": 5, "z": "WIT"})
        assert error["extensions"]["code"] == "FORBIDDEN", (name, code)
    assert list(UnitSchedule.objects.values_list("unit__code", "working_days", "time_zone")) == [
        ("PKM-TUBEI", 6, "Asia/Jakarta")]


def test_r_calendar_unit_schedule_errors(as_):
    hr = as_("hr_all")
    error = hr.error(SET_SCHEDULE, {"u": unit_id("DINKES"), "w": 7, "z": "WIB"})
    assert (error["extensions"]["code"], list(error["extensions"]["fields"])) == ("BAD_USER_INPUT", ["workingDays"])
    missing = gid("OrgUnit", 999999)
    assert hr.error(SET_SCHEDULE, {"u": missing, "w": 5, "z": "WIB"})["extensions"]["code"] == "NOT_FOUND"
    assert hr.error(UNIT_SCHEDULE, {"u": missing})["extensions"]["code"] == "NOT_FOUND"
    assert hr.error(UNIT_SCHEDULE, {"u": gid("Employee", 1)})["extensions"]["code"] == "NOT_FOUND"
    assert not UnitSchedule.objects.exists()


# --- leaves(unitId:) ------------------------------------------------------------------------------

UNIT_LEAVES = ("query($u: ID, $e: ID, $s: LeaveStatus, $first: Int = 20, $after: String) { leaves(unitId: $u, "
               "employeeId: $e, status: $s, first: $first, after: $after) { totalCount "
               "pageInfo { hasNextPage endCursor } edges { node { id startsOn employee { name } } } } }")
# Whose leave, when: one each, the newest start last. The section (staff, peer, kasi), the division
# above it (kabid), the agency (kadis) and another agency's health centre (nurse).
LEAVE_OF = {"staff": 1, "peer": 3, "kasi": 5, "kabid": 7, "kadis": 9, "nurse": 11}
SECTION_PEOPLE = ["kasi", "peer", "staff"]  # newest first


@pytest.fixture
def unit_leave(demo):
    """One leave per person of LEAVE_OF (the staff member's pending, the others approved): name → id."""
    ids = {}
    for name, day in LEAVE_OF.items():
        start = dt.date(2026, 6, day)
        leave = Leave.objects.create(employee=getattr(demo, name), starts_on=start,
                                     ends_on=start + dt.timedelta(days=1), kind="CUTI",
                                     status="PENDING" if name == "staff" else "APPROVED")
        ids[name] = gid("Leave", leave.pk)
    return ids


def leave_page(client, **variables) -> dict:
    return client.data(UNIT_LEAVES, variables)["leaves"]


def leave_ids(client, **variables) -> list[str]:
    return [edge["node"]["id"] for edge in leave_page(client, **variables)["edges"]]


def test_r_calendar_hr_lists_a_units_leave_with_its_sub_units_newest_first(as_, demo, unit_leave):
    hr = as_("hr_all")
    section = leave_page(hr, u=unit_id("DISDIK-SD-KUR"))
    assert [edge["node"]["id"] for edge in section["edges"]] == [unit_leave[n] for n in SECTION_PEOPLE]
    assert [edge["node"]["employee"]["name"] for edge in section["edges"]] == [
        getattr(demo, n).name for n in SECTION_PEOPLE]
    assert section["totalCount"] == 3
    assert leave_ids(hr, u=unit_id("DISDIK")) == [unit_leave[n] for n in ("kadis", "kabid", *SECTION_PEOPLE)]
    assert leave_ids(hr, u=unit_id("PKM-TUBEI")) == [unit_leave["nurse"]]
    assert leave_ids(hr, u=unit_id("KEC-TUBEI")) == []
    # With the other filters, and a page at a time.
    assert leave_ids(hr, u=unit_id("DISDIK-SD-KUR"), s="PENDING") == [unit_leave["staff"]]
    assert leave_ids(hr, u=unit_id("DISDIK-SD-KUR"), e=gid("Employee", demo.nurse.pk)) == []
    first = leave_page(hr, u=unit_id("DISDIK"), first=2)
    assert first["totalCount"] == 5 and first["pageInfo"]["hasNextPage"]
    rest = leave_ids(hr, u=unit_id("DISDIK"), first=10, after=first["pageInfo"]["endCursor"])
    assert rest == [unit_leave[n] for n in SECTION_PEOPLE]


@pytest.mark.parametrize("name", ["staff", "peer", "kasi", "kabid", "kadis", "other_rater", "hr_dinkes", "nurse",
                                  "process_admin"])
def test_r_calendar_a_unit_narrows_what_one_may_see_and_never_widens_it(as_, demo, unit_leave, name):
    client = as_(name)
    mine = set(leave_ids(client))   # all the leave this viewer may see
    for code in ("LEBONG", "DISDIK", "DISDIK-SD", "DISDIK-SD-KUR", "DINKES", "PKM-TUBEI"):
        unit = OrgUnit.objects.get(code=code)
        inside = {gid("Leave", pk) for pk in Leave.objects.filter(employee__unit__path__startswith=unit.path)
                  .values_list("pk", flat=True)}
        page = leave_page(client, u=unit_id(code))
        assert {edge["node"]["id"] for edge in page["edges"]} == mine & inside, (name, code)
        assert page["totalCount"] == len(mine & inside), (name, code)


def test_r_calendar_a_rater_of_another_unit_sees_nothing_more(as_, unit_leave):
    """The health section's head: no leave of the curriculum section, whichever unit she names."""
    other = as_("other_rater")
    for code in ("DISDIK-SD-KUR", "DISDIK", "LEBONG"):
        assert leave_page(other, u=unit_id(code)) == {"totalCount": 0, "edges": [],
                                                      "pageInfo": {"hasNextPage": False, "endCursor": None}}
    # The section's rater: her own and her staff's, not her rater's nor the Kadis' above her.
    assert leave_ids(as_("kasi"), u=unit_id("DISDIK")) == [unit_leave[n] for n in SECTION_PEOPLE]


def test_r_calendar_unit_leave_errors(as_, gql, unit_leave):
    assert gql.error(UNIT_LEAVES, {"u": unit_id("DISDIK")})["extensions"]["code"] == "UNAUTHENTICATED"
    hr = as_("hr_all")
    for unit in (gid("OrgUnit", 999999), gid("Employee", 1)):
        assert hr.error(UNIT_LEAVES, {"u": unit})["extensions"]["code"] == "NOT_FOUND", unit


def test_r_calendar_unit_leave_reads_in_the_same_queries_for_3_or_30(demo_db):
    """In process (the counter sees this thread's connection): the whole request, sign-in included."""
    client = Client()
    client.force_login(demo_db.hr_all.user)
    section = OrgUnit.objects.get(code="DISDIK-SD-KUR")
    people = [demo_db.staff, demo_db.peer, demo_db.kasi]
    counts = []
    for size in (3, 30):
        days = [dt.date(2026, 1, 1) + dt.timedelta(days=7 * n) for n in range(Leave.objects.count(), size)]
        Leave.objects.bulk_create([Leave(employee=people[n % 3], starts_on=day, ends_on=day, kind="CUTI",
                                         status="APPROVED", decided_by=demo_db.hr_all) for n, day in enumerate(days)])
        query = ("query($u: ID!) { leaves(unitId: $u, first: 100) { totalCount edges { node { id startsOn "
                 "employee { name unit { name } } decidedBy { name } } } } }")
        with CaptureQueriesContext(connection) as queries:
            body = client.post("/graphql/", json.dumps({"query": query, "variables": {
                "u": gid("OrgUnit", section.pk)}}), content_type="application/json").json()
        assert "errors" not in body, body
        assert body["data"]["leaves"]["totalCount"] == len(body["data"]["leaves"]["edges"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
