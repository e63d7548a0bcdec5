"""setSupervisor and setActing: who may, what changes, and every refusal — over HTTP."""
from __future__ import annotations

import pytest

from apps.organization.models import Employee

from .conftest import gid

SET_SUPERVISOR = """mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) {
  name rater { name } raterIsActing } }"""
SET_ACTING = """mutation($e: ID!, $a: ID) { setActing(employeeId: $e, actingForEmployeeId: $a) {
  name actingPosition { title unit { code } } } }"""


def test_hr_sets_and_clears_an_explicit_supervisor(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    staff, kabid = demo.staff, demo.kabid
    result = hr.data(SET_SUPERVISOR, {"e": gid("Employee", staff.pk), "s": gid("Employee", kabid.pk)})
    assert result["setSupervisor"]["rater"]["name"] == kabid.name
    # The new rater sees the personal details at once; the old one no longer does.
    personal = "query($id: ID!) { employee(id: $id) { nip } }"
    assert client_for(kabid.user.username).data(personal, {"id": gid("Employee", staff.pk)})["employee"]["nip"] == staff.nip
    assert client_for(demo.kasi.user.username).data(personal, {"id": gid("Employee", staff.pk)})["employee"]["nip"] is None
    cleared = hr.data(SET_SUPERVISOR, {"e": gid("Employee", staff.pk), "s": None})
    assert cleared["setSupervisor"]["rater"]["name"] == demo.kasi.name  # back to the org tree


@pytest.mark.parametrize("actor", ["staff", "kasi", "process_admin", "hr_dinkes"])
def test_only_hr_of_the_unit_may_set_a_supervisor(demo, client_for, actor):
    c = client_for(getattr(demo, actor).user.username)
    error = c.error(SET_SUPERVISOR, {"e": gid("Employee", demo.staff.pk), "s": gid("Employee", demo.kabid.pk)})
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert Employee.objects.get(pk=demo.staff.pk).rater_id == demo.kasi.pk


def test_hr_of_the_unit_itself_may(demo, client_for):
    hr = client_for(demo.hr_dinkes.user.username)
    result = hr.data(SET_SUPERVISOR, {"e": gid("Employee", demo.nurse.pk), "s": gid("Employee", demo.kapus.pk)})
    assert result["setSupervisor"]["rater"]["name"] == demo.kapus.name
    assert result["setSupervisor"]["raterIsActing"] is False


def test_supervisor_cycle_is_refused_and_nothing_changes(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    error = hr.error(SET_SUPERVISOR, {"e": gid("Employee", demo.kabid.pk), "s": gid("Employee", demo.staff.pk)})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["fields"] == {"supervisorId": "cycle"}
    assert "siklus" in error["message"]
    assert Employee.objects.get(pk=demo.kabid.pk).supervisor_override_id is None


def test_self_supervision_and_unknown_ids(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    own = gid("Employee", demo.staff.pk)
    assert hr.error(SET_SUPERVISOR, {"e": own, "s": own})["extensions"]["code"] == "BAD_USER_INPUT"
    assert hr.error(SET_SUPERVISOR, {"e": gid("Employee", 999999), "s": None})["extensions"]["code"] == "NOT_FOUND"
    assert hr.error(SET_SUPERVISOR, {"e": gid("OrgUnit", demo.staff.pk), "s": None})["extensions"]["code"] == "NOT_FOUND"
    assert hr.error(SET_SUPERVISOR, {"e": "not-an-id", "s": None})["extensions"]["code"] == "NOT_FOUND"


def test_hr_appoints_and_ends_an_acting_official(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    peer, kasi, staff = demo.peer, demo.kasi, demo.staff
    result = hr.data(SET_ACTING, {"e": gid("Employee", peer.pk), "a": gid("Employee", kasi.pk)})
    assert result["setActing"]["actingPosition"]["unit"]["code"] == "DISDIK-SD-KUR"
    me = client_for(staff.user.username).data("{ me { rater { name } employee { raterIsActing } } }")["me"]
    assert me["rater"]["name"] == peer.name and me["employee"]["raterIsActing"] is True
    hr.data(SET_ACTING, {"e": gid("Employee", peer.pk), "a": None})
    me = client_for(staff.user.username).data("{ me { rater { name } } }")["me"]
    assert me["rater"]["name"] == kasi.name


def test_a_new_plt_replaces_the_previous_one(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    nurse = demo.nurse
    hr.data(SET_ACTING, {"e": gid("Employee", nurse.pk), "a": gid("Employee", demo.kapus.pk)})
    assert Employee.objects.get(pk=demo.plt_kapus.pk).acting_position_id is None
    assert Employee.objects.get(pk=nurse.pk).acting_position_id == demo.kapus.position_id


def test_acting_refusals(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    not_a_head = hr.error(SET_ACTING, {"e": gid("Employee", demo.staff.pk), "a": gid("Employee", demo.peer.pk)})
    assert not_a_head["extensions"] == {"code": "BAD_USER_INPUT", "fields": {"actingForEmployeeId": "not_head"}}
    own = hr.error(SET_ACTING, {"e": gid("Employee", demo.kasi.pk), "a": gid("Employee", demo.kasi.pk)})
    assert own["extensions"]["code"] == "BAD_USER_INPUT"
    staff = client_for(demo.staff.user.username)
    assert staff.error(SET_ACTING, {"e": gid("Employee", demo.staff.pk), "a": gid("Employee", demo.kasi.pk)})[
        "extensions"]["code"] == "FORBIDDEN"
    hr_dinkes = client_for(demo.hr_dinkes.user.username)
    assert hr_dinkes.error(SET_ACTING, {"e": gid("Employee", demo.peer.pk), "a": gid("Employee", demo.kasi.pk)})[
        "extensions"]["code"] == "FORBIDDEN"
    assert Employee.objects.filter(acting_position__unit__code="DISDIK-SD-KUR").count() == 0
