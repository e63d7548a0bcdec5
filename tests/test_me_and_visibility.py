"""`me` for each role, and who sees personal details (NIP, email) — over HTTP."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from apps.organization import selectors as org_selectors
from apps.organization.models import Employee, Role

from .conftest import gid

ME = """{ me { user { username } roles
  employee { name nip email unit { code } position { title positionClass } rater { name } raterIsActing }
  rater { name } raterSupervisor { name } subordinates { name } managedUnits { code } } }"""


def test_me_for_staff(demo, client_for):
    me = client_for(demo.staff.user.username).data(ME)["me"]
    assert me["employee"]["unit"]["code"] == "DISDIK-SD-KUR"
    assert me["employee"]["position"] == {"title": "Pengembang Kurikulum", "positionClass": "PELAKSANA"}
    assert me["employee"]["nip"] == demo.staff.nip  # your own details
    assert me["rater"]["name"] == demo.kasi.name
    assert me["raterSupervisor"]["name"] == demo.kabid.name
    assert me["roles"] == ["EMPLOYEE"]
    assert me["subordinates"] == [] and me["managedUnits"] == []


def test_me_for_section_head_and_division_head(demo, client_for):
    kasi = client_for(demo.kasi.user.username).data(ME)["me"]
    assert set(kasi["roles"]) == {"EMPLOYEE", "RATER", "UNIT_LEADER"}
    assert {s["name"] for s in kasi["subordinates"]} >= {demo.staff.name, demo.peer.name}
    kabid = client_for(demo.kabid.user.username).data(ME)["me"]
    assert set(kabid["roles"]) == {"EMPLOYEE", "RATER", "RATER_SUPERVISOR", "UNIT_LEADER"}
    assert kabid["rater"]["name"] == demo.kadis.name
    assert kabid["raterSupervisor"]["name"] == demo.sekda.name


def test_me_for_hr_and_process_admin(demo, client_for):
    hr = client_for(demo.hr_all.user.username).data(ME)["me"]
    assert "PERFORMANCE_ADMIN" in hr["roles"] and [u["code"] for u in hr["managedUnits"]] == ["LEBONG"]
    hr_dinkes = client_for(demo.hr_dinkes.user.username).data(ME)["me"]
    assert [u["code"] for u in hr_dinkes["managedUnits"]] == ["DINKES"]
    admin = client_for(demo.process_admin.user.username).data(ME)["me"]
    assert "PROCESS_ADMIN" in admin["roles"] and "PERFORMANCE_ADMIN" not in admin["roles"]


def test_me_for_superuser_without_employee_record(demo, client_for, django_user_model):
    from .conftest import PASSWORD

    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    me = client_for("root").data(ME)["me"]
    assert me["employee"] is None and me["rater"] is None
    assert me["roles"] == ["SUPERUSER"]


def test_acting_official_rates_the_unit_of_the_post(demo, client_for):
    me = client_for(demo.nurse.user.username).data(ME)["me"]
    assert me["rater"]["name"] == demo.plt_kapus.name
    assert me["employee"]["raterIsActing"] is True
    # The holder on leave and the Plt are both rated from the unit above.
    assert client_for(demo.kapus.user.username).data(ME)["me"]["rater"]["name"] == demo.kadinkes.name
    assert client_for(demo.plt_kapus.user.username).data(ME)["me"]["rater"]["name"] == demo.kadinkes.name


PERSONAL = "query($id: ID!) { employee(id: $id) { name nip email } }"


@pytest.mark.parametrize("viewer, sees", [
    ("staff", True),          # the employee themself
    ("kasi", True),           # their rater
    ("kabid", True),          # their rater's supervisor
    ("peer", False),          # a colleague in the same section
    ("other_rater", False),   # a rater in another unit
    ("hr_all", True),         # HR of a unit above theirs
    ("hr_dinkes", False),     # HR of another unit
    ("process_admin", False),
    ("kadinkes", False),      # a head of another agency
])
def test_personal_details_visibility(demo, client_for, viewer, sees):
    c = client_for(getattr(demo, viewer).user.username)
    employee = c.data(PERSONAL, {"id": gid("Employee", demo.staff.pk)})["employee"]
    assert employee["name"] == demo.staff.name  # names are for everyone
    assert (employee["nip"], employee["email"]) == ((demo.staff.nip, demo.staff.email) if sees else (None, None))


def test_superuser_sees_personal_details(demo, client_for, django_user_model):
    from .conftest import PASSWORD

    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    employee = client_for("root").data(PERSONAL, {"id": gid("Employee", demo.staff.pk)})["employee"]
    assert employee["nip"] == demo.staff.nip


def test_lists_stay_usable_with_hidden_fields(demo, client_for):
    c = client_for(demo.kasi.user.username)
    data = c.data("""{ employees(first: 100, filter: {unitId: "%s"}) { totalCount edges { node { name nip } } } }"""
                  % gid("OrgUnit", demo.kabid.unit_id))
    rows = {e["node"]["name"]: e["node"]["nip"] for e in data["employees"]["edges"]}
    assert data["employees"]["totalCount"] == len(rows) > 3
    assert rows[demo.staff.name] == demo.staff.nip       # rates them
    assert rows[demo.kabid.name] is None                 # their own rater: not personal to them
    assert rows[demo.kasi.name] == demo.kasi.nip         # themself
    seen = [n for n in rows.values() if n]
    assert len(seen) < len(rows)


def test_anonymous_sees_nothing(demo, gql):
    for query, variables in [
        ("{ orgUnits(first: 1) { edges { node { code } } } }", None),
        ("{ employees(first: 1) { edges { node { name } } } }", None),
        (PERSONAL, {"id": gid("Employee", demo.staff.pk)}),
        ("query($id: ID!) { orgUnit(id: $id) { code } }", {"id": gid("OrgUnit", demo.staff.unit_id)}),
    ]:
        assert gql.error(query, variables)["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_bad_cursor_is_bad_input_naming_the_argument(demo, client_for):
    """Issue 11: a cursor that is not one of ours is the caller's mistake, on every list."""
    import base64

    c = client_for(demo.hr_all.user.username)
    page = c.data("{ employees(first: 2) { edges { cursor node { name } } } }")["employees"]["edges"]
    following = c.data('{ employees(first: 1, after: "%s") { edges { node { name } } } }' % page[0]["cursor"])
    assert following["employees"]["edges"][0]["node"]["name"] == page[1]["node"]["name"]  # a real one still works
    cursors = [
        "bukan-kursor",                                             # not base64
        base64.b64encode(b"orderedcursor:{not json").decode(),      # not JSON
        base64.b64encode(b"arrayconnection:1").decode(),            # another kind of cursor
        base64.b64encode(b'orderedcursor:["x", "y", "z"]').decode(),  # not of this list's ordering
    ]
    lists = ["employees", "orgUnits", "performancePlans", "tasks", "processInstances"]
    for name in lists:
        for cursor in cursors:
            for argument in ("after", "before"):
                error = c.error('{ %s(first: 1, %s: "%s") { edges { node { id } } } }' % (name, argument, cursor))
                assert error["extensions"]["code"] == "BAD_USER_INPUT", (name, cursor, argument, error)
                assert list(error["extensions"]["fields"]) == [argument], (name, cursor)


def test_me_for_the_top_official_and_without_the_departed(demo, client_for):
    """The Sekda has no rater in Kinerja (the regent is not an employee); a subordinate who left
    (inactive) is no longer among those one rates."""
    sekda = client_for(demo.sekda.user.username).data(ME)["me"]
    assert sekda["rater"] is None and sekda["raterSupervisor"] is None
    kasi = client_for(demo.kasi.user.username)
    assert demo.staff.name in {s["name"] for s in kasi.data(ME)["me"]["subordinates"]}
    Employee.objects.filter(pk=demo.staff.pk).update(is_active=False)
    assert demo.staff.name not in {s["name"] for s in kasi.data(ME)["me"]["subordinates"]}


def test_hr_scopes_count_only_while_the_person_is_hr(demo, client_for):
    """An HR scope row outlives a removed PERFORMANCE_ADMIN role: it must then grant nothing."""
    hr = demo.hr_dinkes
    client = client_for(hr.user.username)
    assert [u["code"] for u in client.data(ME)["me"]["managedUnits"]] == ["DINKES"]
    hr.user.groups.remove(Group.objects.get(name=Role.PERFORMANCE_ADMIN))
    assert client.data(ME)["me"]["managedUnits"] == []
    assert "PERFORMANCE_ADMIN" not in client.data(ME)["me"]["roles"]
    open_year = "mutation($u: ID!) { openPerformanceYear(year: 2027, unitId: $u) { id } }"
    assert client.error(open_year, {"u": gid("OrgUnit", hr.unit_id)})["extensions"]["code"] == "FORBIDDEN"
    assert not org_selectors.manages_unit(hr.user, hr.unit)


def test_selectors_give_an_anonymous_caller_nothing(demo):
    """The reusable selectors are safe to call for anyone, signed in or not."""
    anonymous = AnonymousUser()
    assert org_selectors.employee_of(anonymous) is None
    assert not org_selectors.units_managed_by(anonymous).exists()
    assert not org_selectors.is_performance_admin(anonymous)
    assert not org_selectors.manages_unit(anonymous, demo.staff.unit)
