"""R-CALENDAR over real HTTP: holidays (read by everyone signed in, kept by HR managing the whole
organization) and a unit's working week and time zone (kept by HR of the unit)."""
from __future__ import annotations

import pytest

from apps.daily.models import Holiday, HolidayKind, UnitSchedule
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
