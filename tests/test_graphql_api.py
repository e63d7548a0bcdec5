"""The org tree queries, pagination, error shapes, languages and abuse limits — over HTTP."""
from __future__ import annotations

from .conftest import gid

UNIT = "query($id: ID!) { orgUnit(id: $id) { code name kind depth parent { code } children { code } leader { name } } }"


def test_org_unit_with_parent_children_and_leader(demo, client_for):
    c = client_for(demo.staff.user.username)
    unit = c.data(UNIT, {"id": gid("OrgUnit", demo.kabid.unit_id)})["orgUnit"]
    assert unit["code"] == "DISDIK-SD" and unit["kind"] == "BIDANG" and unit["depth"] == 2
    assert unit["parent"] == {"code": "DISDIK"}
    assert unit["children"] == [{"code": "DISDIK-SD-KUR"}]
    assert unit["leader"] == {"name": demo.kabid.name}


def test_leader_of_a_unit_with_a_plt_is_the_plt(demo, client_for):
    c = client_for(demo.staff.user.username)
    unit = c.data(UNIT, {"id": gid("OrgUnit", demo.kapus.unit_id)})["orgUnit"]
    assert unit["leader"]["name"] == demo.plt_kapus.name


def test_org_units_connection_pages_through_everything(demo, client_for):
    c = client_for(demo.staff.user.username)
    codes, after = [], None
    while True:
        page = c.data("query($after: String) { orgUnits(first: 7, after: $after) { totalCount "
                      "pageInfo { hasNextPage endCursor } edges { node { code } } } }", {"after": after})["orgUnits"]
        codes += [e["node"]["code"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(codes) == len(set(codes)) == page["totalCount"] == 21
    assert codes[0] == "LEBONG"


def test_org_unit_filters(demo, client_for):
    c = client_for(demo.staff.user.username)
    q = "query($f: OrgUnitFilter) { orgUnits(first: 50, filter: $f) { edges { node { code } } } }"
    codes = lambda f: sorted(e["node"]["code"] for e in c.data(q, {"f": f})["orgUnits"]["edges"])  # noqa: E731
    assert codes({"kind": "KELURAHAN"}) == ["KEL-PASAR-TUBEI", "KEL-TUNGGANG"]
    assert codes({"withinId": gid("OrgUnit", demo.kadis.unit_id)}) == ["DISDIK", "DISDIK-SD", "DISDIK-SD-KUR", "SDN01-TUBEI"]
    assert codes({"parentId": gid("OrgUnit", demo.kadis.unit_id)}) == ["DISDIK-SD", "SDN01-TUBEI"]
    assert codes({"search": "puskesmas"}) == ["PKM-TUBEI"]


def test_employee_filters(demo, client_for):
    c = client_for(demo.staff.user.username)
    q = "query($f: EmployeeFilter) { employees(first: 100, filter: $f) { totalCount edges { node { name } } } }"
    count = lambda f: c.data(q, {"f": f})["employees"]["totalCount"]  # noqa: E731
    disdik = gid("OrgUnit", demo.kadis.unit_id)
    assert count({"unitId": disdik}) == 15
    assert count({"unitId": disdik, "includeSubunits": False}) == 3
    assert count({"unitId": disdik, "positionClass": "FUNGSIONAL"}) == 4
    assert count({"unitId": disdik, "employmentType": "PPPK"}) == 2
    assert count({"raterId": gid("Employee", demo.kasi.pk)}) == 3
    assert count({"search": "agus prat"}) == 1


def test_page_size_is_capped_at_100(demo, client_for):
    c = client_for(demo.staff.user.username)
    error = c.error("{ employees(first: 101) { edges { node { name } } } }")
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "Paling banyak 100 data dapat diambil dalam satu halaman."


def test_not_found_in_both_languages(demo, client_for):
    c = client_for(demo.staff.user.username)
    missing = {"id": gid("OrgUnit", 987654)}
    error = c.error(UNIT, missing)
    assert error["extensions"]["code"] == "NOT_FOUND" and error["message"] == "Data tidak ditemukan."
    c.language = "en"
    assert c.error(UNIT, missing)["message"] == "Not found."
    c.language = "en-US,en;q=0.9,id;q=0.5"
    assert c.error(UNIT, missing)["message"] == "Not found."


def test_forbidden_error_shape(demo, client_for):
    c = client_for(demo.staff.user.username)
    error = c.error('mutation { importOrganization(unitsCsv: "", employeesCsv: "") { unitsCreated } }')
    assert error["extensions"] == {"code": "FORBIDDEN"}
    assert error["message"] == "Anda tidak berwenang melakukan ini."
    assert error["path"] == ["importOrganization"]


def test_invalid_query_is_bad_user_input_without_internals(demo, client_for):
    c = client_for(demo.staff.user.username)
    error = c.error("{ me { nope } }")
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Traceback" not in error["message"]


def test_depth_limit(demo, client_for):
    c = client_for(demo.staff.user.username)
    deep = "{ me { employee { unit { %s code %s } } } }" % ("parent { " * 10, "} " * 10)
    error = c.error(deep)
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "depth" in error["message"]


def test_alias_limit(demo, client_for):
    c = client_for(demo.staff.user.username)
    aliases = " ".join(f"a{i}: me {{ user {{ username }} }}" for i in range(16))
    error = c.error("{ %s }" % aliases)
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "aliases" in error["message"]


def test_token_limit(demo, client_for):
    c = client_for(demo.staff.user.username)
    fields = " ".join(["username"] * 2100)
    error = c.error("{ me { user { %s } } }" % fields)
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "token" in error["message"].lower()


def test_a_document_is_parsed_once_and_a_broken_one_reported_every_time(demo, client_for):
    from schema.parse_cache import parsed

    c = client_for(demo.staff.user.username)
    query = "{ me { user { username } } } # parse cache"
    before = parsed.cache_info()
    assert c(query)["data"]["me"]["user"]["username"] == demo.staff.user.username
    assert c(query)["data"]["me"]["user"]["username"] == demo.staff.user.username
    after = parsed.cache_info()
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 1)
    # A document that does not parse, or has too many tokens, is never cached: the same error
    # with its code, each time it is sent.
    too_many = "{ me { user { %s } } }" % " ".join(["username"] * 2100)
    for _attempt in range(2):
        broken = c.error("{ me { user { username }")
        assert broken["extensions"]["code"] == "BAD_USER_INPUT" and "Syntax Error" in broken["message"]
        assert "token" in c.error(too_many)["message"].lower()


def test_mutations_are_refused_over_get(demo, live_server):
    import httpx

    response = httpx.get(live_server.url + "/graphql/", params={"query": "mutation { logout }"})
    assert response.status_code == 400 and "mutations are not allowed" in response.text


def test_variable_of_the_wrong_type_is_bad_user_input(demo, client_for):
    c = client_for(demo.staff.user.username)
    error = c.error("query($n: Int) { employees(first: $n) { totalCount } }", {"n": "sepuluh"})
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "sepuluh" in error["message"]


INTROSPECTION = "{ __schema { types { name } } }"


def test_anonymous_callers_cannot_explore_the_schema_in_production(demo, gql, client_for):
    """With DEBUG off, anonymous callers get no introspection (UNAUTHENTICATED, as for any data)
    and no "Did you mean" hints; signed-in users keep both."""
    refused = gql.error(INTROSPECTION)
    assert refused["extensions"]["code"] == "UNAUTHENTICATED"
    assert gql.error('{ __type(name: "Employee") { fields { name } } }')["extensions"]["code"] == "UNAUTHENTICATED"
    assert gql.data("{ __typename }") == {"__typename": "Query"}
    misspelled = gql.error("{ mee { id } }")
    assert misspelled["extensions"]["code"] == "BAD_USER_INPUT"
    assert misspelled["message"] == "Cannot query field 'mee' on type 'Query'."

    staff = client_for(demo.staff.user.username)
    assert "Employee" in {t["name"] for t in staff.data(INTROSPECTION)["__schema"]["types"]}
    assert "Did you mean 'me'?" in staff.error("{ mee { id } }")["message"]


def test_development_keeps_introspection_and_hints_for_everyone(demo, gql, settings):
    settings.DEBUG = True
    assert gql.data(INTROSPECTION)["__schema"]["types"]
    assert "Did you mean 'me'?" in gql.error("{ mee { id } }")["message"]
