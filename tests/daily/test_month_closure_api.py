"""R-LATE over real HTTP: ``monthClosure`` — whether a unit's month is closed, and by which
closure (the unit's own, else the nearest unit's above it: who closed it, when). Read by whoever
reads the unit's discipline figures (HR of the unit, the leaders of it or above); NOT_FOUND for
anyone else, a unit that does not exist included; BAD_USER_INPUT for a month that does not exist."""
from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.daily.models import MonthClosure
from apps.organization.models import OrgUnit

from ..conftest import gid

CLOSURE = """query($u: ID!, $y: Int!, $m: Int!) { monthClosure(unitId: $u, year: $y, month: $m) {
  unit { code } year month closedAt closedBy { name } } }"""
CLOSE = "mutation($u: ID!, $y: Int!, $m: Int!) { closeMonth(unitId: $u, year: $y, month: $m) { closedAt } }"
REOPEN = "mutation($u: ID!, $y: Int!, $m: Int!) { reopenMonth(unitId: $u, year: $y, month: $m) }"
SECTION, DIVISION = "DISDIK-SD-KUR", "DISDIK-SD"
YEAR, MONTH = 2026, 3  # over (the clock is past it), so HR may close it


@pytest.fixture
def as_(demo, client_for):
    def login(name: str):
        return client_for(getattr(demo, name).user.username)
    return login


def month(code: str, **other) -> dict:
    return {"u": gid("OrgUnit", OrgUnit.objects.get(code=code).pk), "y": YEAR, "m": MONTH, **other}


def closure(client, code: str, **other) -> dict | None:
    return client.data(CLOSURE, month(code, **other))["monthClosure"]


def error_code(client, variables: dict) -> str:
    return client.error(CLOSURE, variables)["extensions"]["code"]


def test_r_late_hr_reads_the_month_open_then_closed_by_them_then_open_again(as_, demo):
    hr = as_("hr_all")
    assert closure(hr, SECTION) is None
    closed_at = hr.data(CLOSE, month(SECTION))["closeMonth"]["closedAt"]
    shown = closure(hr, SECTION)
    assert shown == {"unit": {"code": SECTION}, "year": YEAR, "month": MONTH, "closedAt": closed_at,
                     "closedBy": {"name": demo.hr_all.name}}
    # Only that month: the one before and the same month of another year are open.
    assert closure(hr, SECTION, m=MONTH - 1) is None and closure(hr, SECTION, y=YEAR - 1) is None
    # A closure applies downwards, never upwards nor sideways.
    assert closure(hr, DIVISION) is None and closure(hr, "SDN01-TUBEI") is None
    assert hr.data(REOPEN, month(SECTION)) == {"reopenMonth": True}
    assert closure(hr, SECTION) is None


def test_r_late_a_closure_of_a_unit_above_applies_the_nearest_first(as_, demo):
    hr = as_("hr_all")
    hr.data(CLOSE, month(DIVISION))
    assert closure(hr, SECTION)["unit"] == {"code": DIVISION}   # closed for the section by the division's
    hr.data(CLOSE, month(SECTION))                               # and now its own too: that one, nearest
    assert closure(hr, SECTION)["unit"] == {"code": SECTION}
    hr.data(REOPEN, month(SECTION))                              # reopening its own leaves the one above
    assert closure(hr, SECTION)["unit"] == {"code": DIVISION}
    # Closed by someone without an employee record (an administrator's account): no name to show.
    MonthClosure.objects.filter(unit__code=DIVISION).update(closed_by=None)
    assert closure(hr, SECTION)["closedBy"] is None


@pytest.mark.parametrize("name", ["hr_all", "kasi", "kabid", "kadis"])
def test_r_late_hr_of_the_unit_and_its_leaders_at_or_above_read_it(as_, demo, name):
    MonthClosure.objects.create(unit=OrgUnit.objects.get(code=DIVISION), year=YEAR, month=MONTH,
                                closed_by=demo.hr_all.user)
    assert closure(as_(name), SECTION)["unit"] == {"code": DIVISION}, name


@pytest.mark.parametrize("name", ["hr_dinkes", "staff", "peer", "other_rater", "nurse", "process_admin"])
def test_r_late_anyone_else_gets_not_found_open_or_closed(as_, demo, name):
    client = as_(name)
    assert error_code(client, month(SECTION)) == "NOT_FOUND", name                  # open
    MonthClosure.objects.create(unit=OrgUnit.objects.get(code=SECTION), year=YEAR, month=MONTH)
    assert error_code(client, month(SECTION)) == "NOT_FOUND", name                  # closed: the same answer
    assert error_code(client, month(SECTION, m=13)) == "NOT_FOUND", name            # a bad month tells nothing


def test_r_late_anonymous_missing_units_and_bad_months(as_, gql):
    assert error_code(gql, month(SECTION)) == "UNAUTHENTICATED"
    hr = as_("hr_all")
    for unit in (gid("OrgUnit", 999999), gid("Employee", 1), "bukan-id"):
        assert error_code(hr, month(SECTION, u=unit)) == "NOT_FOUND", unit
    for variables, field in ((month(SECTION, m=13), "month"), (month(SECTION, m=0), "month"),
                             (month(SECTION, y=1999), "year")):
        error = hr.error(CLOSURE, variables)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": {field: "range"}}
    assert hr.error(CLOSURE, month(SECTION, m=13))["message"] == "Bulan harus antara 1 dan 12."


def test_r_late_the_read_costs_the_same_queries_open_or_closed_by_a_unit_above(demo_db):
    """In process (the counter sees this thread's connection)."""
    client = Client()
    client.force_login(demo_db.hr_all.user)
    counts = []
    for closed in (None, DIVISION):
        if closed:
            MonthClosure.objects.create(unit=OrgUnit.objects.get(code=closed), year=YEAR, month=MONTH,
                                        closed_by=demo_db.hr_all.user)
        with CaptureQueriesContext(connection) as queries:
            body = client.post("/graphql/", json.dumps({"query": CLOSURE, "variables": month(SECTION)}),
                               content_type="application/json").json()
        assert "errors" not in body, body
        assert (body["data"]["monthClosure"] or {}).get("closedBy") == (closed and {"name": demo_db.hr_all.name})
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
