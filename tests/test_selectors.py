"""Selectors answer in a constant number of queries whatever the depth of the tree, and the
GraphQL lists in a constant number whatever the number of rows."""
from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.organization import selectors
from apps.organization.importer import organization_import
from apps.organization.models import Employee, OrgUnit

from .conftest import PASSWORD

UNIT_HEADER = "code,name,parent_code,kind\n"
EMP_HEADER = "nip,name,email,username,unit_code,position,position_class,employment_type,supervisor_nip,acting_for_nip,roles\n"
CLASSES = ["JPT", "ADMINISTRATOR", "PENGAWAS"]


def nip(i: int) -> str:
    return f"198001012005{1 + i // 900:02d}{1 + i % 2}{i % 900 + 1:03d}"


def build_chain(depth: int, staff_per_unit: int = 2, prefix: str = "", first: int = 0) -> dict:
    """Units nested `depth` deep, each with a head (reporting to the unit above) and staff."""
    units, employees, heads = UNIT_HEADER, EMP_HEADER, []
    n = first
    for level in range(depth):
        code = f"{prefix}U{level}"
        parent = f"{prefix}U{level - 1}" if level else ""
        units += f"{code},Unit {level},{parent},{'DINAS' if level == 0 else 'BIDANG'}\n"
        head_class = CLASSES[min(level, 2)] if level < 3 else "PENGAWAS"
        employees += f"{nip(n)},Kepala {level},,{prefix}head{level},{code},Kepala Unit {level},{head_class},PNS,,,PERFORMANCE_ADMIN\n"
        heads.append(nip(n))
        n += 1
        for s in range(staff_per_unit):
            employees += f"{nip(n)},Staf {level}-{s},,{prefix}staf{level}x{s},{code},Staf,PELAKSANA,PNS,,,\n"
            n += 1
    organization_import(units_csv=units, employees_csv=employees, password=PASSWORD)
    deepest = OrgUnit.objects.get(code=f"{prefix}U{depth - 1}")
    return {
        "unit": deepest,
        "staff": Employee.objects.filter(unit=deepest, position__title="Staf").first(),
        "head": Employee.objects.get(nip=heads[-1]),
        "hr": Employee.objects.get(nip=heads[0]).user,
    }


def query_count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


SELECTORS = {
    "rater_of": lambda c: selectors.rater_of(c["staff"]),
    "rater_supervisor_of": lambda c: selectors.rater_supervisor_of(c["staff"]),
    "subordinates_of": lambda c: list(selectors.subordinates_of(c["head"])),
    "leader_of": lambda c: selectors.leader_of(c["unit"]),
    "units_managed_by": lambda c: list(selectors.units_managed_by(c["hr"])),
    "manages_unit": lambda c: selectors.manages_unit(c["hr"], c["unit"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(SELECTORS))
def test_selector_query_count_does_not_grow_with_depth(name):
    shallow = build_chain(2, prefix="S")
    counts_shallow = query_count(lambda: SELECTORS[name](shallow))
    deep = build_chain(6, prefix="D", first=50)
    counts_deep = query_count(lambda: SELECTORS[name](deep))
    assert counts_shallow == counts_deep <= 2, (counts_shallow, counts_deep)


@pytest.mark.django_db
def test_selectors_answer_right_at_depth_six():
    chain = build_chain(6)
    assert selectors.rater_of(chain["staff"]) == chain["head"]
    assert selectors.rater_supervisor_of(chain["staff"]).name == "Kepala 4"
    assert {e.name for e in selectors.subordinates_of(chain["head"])} == {"Staf 5-0", "Staf 5-1"}
    assert selectors.leader_of(chain["unit"]) == chain["head"]
    assert selectors.units_managed_by(chain["hr"]).count() == 6
    # A unit without a head post (or before one is filled) has no leader: None, not an error.
    headless = OrgUnit.objects.create(code="TANPA-KEPALA", name="Unit tanpa kepala", kind="SEKSI",
                                      parent=chain["unit"])
    assert selectors.leader_of(headless) is None


EMPLOYEES_PAGE = """{ employees(first: 100) { totalCount edges { node {
  name nip email employmentType unit { code name parent { code } leader { name } }
  position { title positionClass } rater { name unit { code } } actingPosition { title } } } } }"""
UNITS_PAGE = "{ orgUnits(first: 100) { edges { node { code kind parent { code } children { code } leader { name position { title } } } } } }"


def graphql_queries(client: Client, query: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
    body = response.json()
    assert "errors" not in body, body
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("query", [EMPLOYEES_PAGE, UNITS_PAGE], ids=["employees", "orgUnits"])
def test_list_query_count_is_locked_and_independent_of_rows(query):
    small = build_chain(2, staff_per_unit=4)   # 10 employees
    client = Client()
    client.force_login(small["hr"])
    few = graphql_queries(client, query)
    organization_import(
        units_csv=UNIT_HEADER + "".join(f"X{i},Seksi {i},U1,SEKSI\n" for i in range(30)),
        employees_csv=EMP_HEADER + "".join(
            f"{nip(100 + i)},Staf X{i},,,X{i % 30},Staf,PELAKSANA,PNS,,,\n" for i in range(990)),
    )
    many = graphql_queries(client, query)
    assert Employee.objects.count() == 1000
    # Employees: session, user, personal-details audience (3), page, total count.
    # Units: session, user, page, prefetch of children.
    expected = {EMPLOYEES_PAGE: 7, UNITS_PAGE: 4}[query]
    assert few == many == expected, (few, many)
