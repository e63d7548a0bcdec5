"""HR stays inside the units they manage on every write path — the import mutation, setActing /
setSupervisor and the Django admin — for every object a write touches, before and after (issue
11, F2 and F7). HR of Dinas Kesehatan (DINKES and below) against Dinas Pendidikan (DISDIK)."""
from __future__ import annotations

import csv

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from apps.organization import services
from apps.organization.importer import organization_import
from apps.organization.models import Employee, OrgUnit, PerformanceAdminScope, Position

from .conftest import DEMO_DIR, PASSWORD, gid

IMPORT = """mutation($u: String!, $e: String!) { importOrganization(unitsCsv: $u, employeesCsv: $e) {
  unitsCreated unitsUpdated employeesUpdated } }"""
NO_UNITS = "code,name,parent_code,kind\n"
HEADER = ["nip", "name", "email", "username", "unit_code", "position", "position_class",
          "employment_type", "supervisor_nip", "acting_for_nip", "roles"]
UNITS = {r["code"]: r for r in csv.DictReader((DEMO_DIR / "units.csv").open(encoding="utf-8"))}
EMPLOYEES = {r["nip"]: r for r in csv.DictReader((DEMO_DIR / "employees.csv").open(encoding="utf-8"))}


def employees_csv(*records: dict) -> str:
    lines = [",".join(HEADER)] + [",".join(r[c] for c in HEADER) for r in records]
    return "\n".join(lines) + "\n"


def units_csv(*records: dict) -> str:
    return NO_UNITS + "".join(f"{r['code']},{r['name']},{r['parent_code']},{r['kind']}\n" for r in records)


def row(employee: Employee, **changes) -> dict:
    return {**EMPLOYEES[employee.nip], **changes}


def refused(client, units: str, employees: str) -> set[tuple[str, int, str]]:
    error = client.error(IMPORT, {"u": units, "e": employees})
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    return {(e["file"], e["row"], e["column"]) for e in error["extensions"]["errors"]}


def snapshot():
    return (list(Employee.objects.order_by("pk").values_list("pk", "unit_id", "position_id", "supervisor_override_id",
                                                             "acting_position_id", "rater_id")),
            list(OrgUnit.objects.order_by("pk").values_list("pk", "parent_id", "leader_id")),
            list(PerformanceAdminScope.objects.order_by("pk").values_list("user_id", "unit_id")))


# --- import ------------------------------------------------------------------------------

def test_import_cannot_make_hr_acting_head_of_another_agency(demo, client_for):
    """The reported attack: HR of DINKES named herself Plt of the DISDIK head, and so its leader."""
    hr = client_for(demo.hr_dinkes.user.username)
    before = snapshot()
    errors = refused(hr, NO_UNITS, employees_csv(row(demo.hr_dinkes, acting_for_nip=demo.kadis.nip)))
    assert errors == {("employees", 2, "acting_for_nip")}
    assert snapshot() == before
    assert OrgUnit.objects.get(code="DISDIK").leader_id == demo.kadis.pk


def test_import_cannot_name_a_supervisor_outside(demo, client_for):
    hr = client_for(demo.hr_dinkes.user.username)
    before = snapshot()
    errors = refused(hr, NO_UNITS, employees_csv(row(demo.nurse, supervisor_nip=demo.kadis.nip)))
    assert errors == {("employees", 2, "supervisor_nip")}
    assert snapshot() == before


def test_import_cannot_end_a_plt_appointment_outside(demo, client_for):
    """A DINKES nurse made Plt of the DISDIK head (by HR of all units): HR of DINKES may not end it."""
    services.employee_set_acting(actor=demo.hr_all.user, employee=demo.nurse, acting_for=demo.kadis)
    hr = client_for(demo.hr_dinkes.user.username)
    before = snapshot()
    error = hr.error(IMPORT, {"u": NO_UNITS, "e": employees_csv(row(demo.nurse))})
    errors = error["extensions"]["errors"]
    assert [(e["column"], "DISDIK" in e["message"]) for e in errors] == [("acting_for_nip", True)]
    assert snapshot() == before


def test_import_cannot_change_roles_reaching_outside(demo, client_for):
    """An HR scope outside, or PROCESS_ADMIN, given by a superuser, is not HR's to remove."""
    nurse = demo.nurse
    organization_import(units_csv=NO_UNITS, employees_csv=employees_csv(
        row(nurse, roles="PERFORMANCE_ADMIN@DISDIK;PROCESS_ADMIN")))
    hr = client_for(demo.hr_dinkes.user.username)
    before = snapshot()
    error = hr.error(IMPORT, {"u": NO_UNITS, "e": employees_csv(row(nurse, roles="PERFORMANCE_ADMIN"))})
    messages = [(e["column"], e["message"]) for e in error["extensions"]["errors"]]
    assert [c for c, _m in messages] == ["roles", "roles"]
    assert "DISDIK" in messages[0][1] and "PROCESS_ADMIN" in messages[1][1]
    assert snapshot() == before
    assert Group.objects.get(name="PROCESS_ADMIN").user_set.filter(pk=nurse.user_id).exists()


def test_import_may_keep_what_lies_outside_as_it_is(demo, client_for):
    """Re-importing their own rows unchanged is fine even where they point outside: DINKES's
    parent is LEBONG and its head's supervisor is the Sekda."""
    hr = client_for(demo.hr_dinkes.user.username)
    result = hr.data(IMPORT, {"u": units_csv(UNITS["DINKES"]), "e": employees_csv(row(demo.kadinkes))})
    assert result["importOrganization"] == {"unitsCreated": 0, "unitsUpdated": 1, "employeesUpdated": 1}
    assert OrgUnit.objects.get(code="DINKES").parent.code == "LEBONG"


def test_import_cannot_move_a_unit_out_of_scope_nor_create_a_top_level_one(demo, client_for):
    hr = client_for(demo.hr_dinkes.user.username)
    before = snapshot()
    errors = refused(hr, units_csv(dict(UNITS["PKM-TUBEI"], parent_code="DISDIK"),
                                   dict(code="BARU", name="Unit Baru", parent_code="", kind="UPT")),
                     employees_csv())
    assert errors == {("units", 2, "parent_code"), ("units", 3, "parent_code")}
    assert snapshot() == before


def test_empty_parent_code_keeps_an_existing_unit_in_the_tree(demo, client_for):
    """F7: an empty parent_code once detached the unit (HR for all of Lebong lost it)."""
    hr = client_for(demo.hr_all.user.username)
    hr.data(IMPORT, {"u": units_csv(dict(UNITS["SETDA"], parent_code="", name="Sekretariat Daerah")),
                     "e": employees_csv()})
    setda = OrgUnit.objects.get(code="SETDA")
    assert setda.name == "Sekretariat Daerah" and setda.parent.code == "LEBONG" and setda.depth == 1
    # ... and so the HR of all units still manages it.
    hr.data(IMPORT, {"u": units_csv(dict(UNITS["SETDA"])), "e": employees_csv()})


# --- setActing / setSupervisor ------------------------------------------------------------

SET_ACTING = "mutation($e: ID!, $a: ID) { setActing(employeeId: $e, actingForEmployeeId: $a) { name } }"
SET_SUPERVISOR = "mutation($e: ID!, $s: ID) { setSupervisor(employeeId: $e, supervisorId: $s) { name } }"


def test_set_acting_cannot_take_away_a_plt_appointment_outside(demo, client_for):
    """F7: appointing the nurse in DINKES silently ended her Plt post at DISDIK."""
    services.employee_set_acting(actor=demo.hr_all.user, employee=demo.nurse, acting_for=demo.kadis)
    hr = client_for(demo.hr_dinkes.user.username)
    error = hr.error(SET_ACTING, {"e": gid("Employee", demo.nurse.pk), "a": gid("Employee", demo.kapus.pk)})
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert Employee.objects.get(pk=demo.nurse.pk).acting_position_id == demo.kadis.position_id
    assert OrgUnit.objects.get(code="DISDIK").leader_id == demo.nurse.pk


def test_set_acting_and_supervisor_cannot_hand_a_role_to_someone_outside(demo, client_for):
    hr = client_for(demo.hr_dinkes.user.username)
    before = snapshot()
    appoint = hr.error(SET_ACTING, {"e": gid("Employee", demo.staff.pk), "a": gid("Employee", demo.kapus.pk)})
    supervise = hr.error(SET_SUPERVISOR, {"e": gid("Employee", demo.nurse.pk), "s": gid("Employee", demo.kadis.pk)})
    assert appoint["extensions"]["code"] == supervise["extensions"]["code"] == "FORBIDDEN"
    assert snapshot() == before


# --- Django admin -------------------------------------------------------------------------

def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def employee_form(employee: Employee, **changes) -> dict:
    data = {"nip": employee.nip, "name": employee.name, "email": employee.email, "user": employee.user_id,
            "employment_type": employee.employment_type, "unit": employee.unit_id,
            "position": employee.position_id, "is_active": "on", "_save": "Simpan"}
    return {**data, **changes}


def test_admin_refuses_a_post_of_another_unit(demo_db):
    """The reported attack: HR set her own position to another unit's head post."""
    hr = demo_db.hr_dinkes
    client = admin_client(hr.user)
    url = f"/admin/organization/employee/{hr.pk}/change/"
    page = client.get(url)
    choices = page.context["adminform"].form.fields["position"].queryset
    assert demo_db.kapus.position in choices and demo_db.kadis.position not in choices
    response = client.post(url, employee_form(hr, position=demo_db.kadis.position_id))
    assert response.status_code == 200 and "position" in response.context["adminform"].form.errors
    assert Employee.objects.get(pk=hr.pk).position_id == hr.position_id
    # Nor may she relink accounts: e.g. unlink her own and link it to her agency's head, becoming
    # its leader (the account field is read-only for HR; a forged value is ignored).
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    assert "user" not in client.get(url).context["adminform"].form.fields
    client.post(url, employee_form(hr, user=""))
    head = demo_db.kadinkes
    for user in (hr.user, demo_db.kadis.user, root):
        client.post(f"/admin/organization/employee/{head.pk}/change/", employee_form(head, user=user.pk))
    assert Employee.objects.get(pk=hr.pk).user_id == hr.user_id
    assert Employee.objects.get(pk=head.pk).user_id == head.user_id
    # Within their units it works.
    ok = client.post(url, employee_form(hr, name="Lestari O."))
    assert ok.status_code == 302 and Employee.objects.get(pk=hr.pk).name == "Lestari O."


def test_admin_unit_parent_stays_in_scope(demo_db):
    client = admin_client(demo_db.hr_dinkes.user)
    dinkes, pkm = OrgUnit.objects.get(code="DINKES"), OrgUnit.objects.get(code="PKM-TUBEI")

    def form(unit, **changes):
        return {"code": unit.code, "name": unit.name, "kind": unit.kind, "parent": unit.parent_id or "",
                "head_position": unit.head_position_id or "", "_save": "Simpan", **changes}

    url = f"/admin/organization/orgunit/{pkm.pk}/change/"
    moved = client.post(url, form(pkm, parent=OrgUnit.objects.get(code="DISDIK").pk))
    assert moved.status_code == 200 and "parent" in moved.context["adminform"].form.errors
    detached = client.post(url, form(pkm, parent=""))
    assert detached.status_code == 403
    foreign_head = client.post(url, form(pkm, head_position=demo_db.kadis.position_id))
    assert foreign_head.status_code == 200 and "head_position" in foreign_head.context["adminform"].form.errors
    # The tree stays sound even inside their units: no head post of another unit, no cycle.
    other_head = client.post(url, form(pkm, head_position=demo_db.kadinkes.position_id))
    assert other_head.status_code == 200 and "head_position" in other_head.context["adminform"].form.errors
    cycle = client.post(f"/admin/organization/orgunit/{dinkes.pk}/change/", form(dinkes, parent=pkm.pk))
    assert cycle.status_code == 200 and "parent" in cycle.context["adminform"].form.errors
    assert OrgUnit.objects.get(pk=pkm.pk).parent_id == dinkes.pk
    assert OrgUnit.objects.get(pk=dinkes.pk).parent.code == "LEBONG"
    assert OrgUnit.objects.get(pk=pkm.pk).head_position_id == demo_db.kapus.position_id
    # Their top unit keeps its parent outside (LEBONG) when saved unchanged.
    kept = client.post(f"/admin/organization/orgunit/{dinkes.pk}/change/", form(dinkes, name="Dinas Kesehatan Lebong"))
    assert kept.status_code == 302 and OrgUnit.objects.get(pk=dinkes.pk).name == "Dinas Kesehatan Lebong"


def test_admin_position_stays_in_scope(demo_db):
    client = admin_client(demo_db.hr_dinkes.user)
    position = Position.objects.get(unit__code="PKM-TUBEI", title="Perawat Terampil")
    response = client.post(f"/admin/organization/position/{position.pk}/change/", {
        "title": position.title, "position_class": position.position_class,
        "unit": OrgUnit.objects.get(code="DISDIK").pk, "_save": "Simpan"})
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    assert Position.objects.get(pk=position.pk).unit.code == "PKM-TUBEI"


@pytest.mark.parametrize("code", ["SETDA", "DINKES"])
def test_superuser_admin_keeps_full_choice(demo_db, django_user_model, code):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    hr = demo_db.hr_dinkes
    choices = admin_client(root).get(f"/admin/organization/employee/{hr.pk}/change/").context[
        "adminform"].form.fields["unit"].queryset
    assert choices.filter(code=code).exists()


def test_import_cannot_change_a_superusers_account(demo, client_for):
    user = demo.nurse.user
    user.is_superuser = True
    user.save()
    hr = client_for(demo.hr_dinkes.user.username)
    assert refused(hr, NO_UNITS, employees_csv(row(demo.nurse, username="perawat.baru"))) == {
        ("employees", 2, "username")}


def test_import_may_build_new_units_below_new_units_inside(demo, client_for):
    hr = client_for(demo.hr_dinkes.user.username)
    units = units_csv(dict(code="PKM-PUSTU", name="Pustu", parent_code="PKM-TUBEI", kind="UPT"),
                      dict(code="PKM-PUSTU-1", name="Pustu 1", parent_code="PKM-PUSTU", kind="UPT"))
    result = hr.data(IMPORT, {"u": units, "e": employees_csv()})
    assert result["importOrganization"]["unitsCreated"] == 2
    assert OrgUnit.objects.get(code="PKM-PUSTU-1").parent.parent.code == "PKM-TUBEI"


def test_a_superuser_imports_what_hr_may_not(demo, client_for, django_user_model):
    """Top-level units, the PROCESS_ADMIN role and units outside any scope: a superuser's import."""
    django_user_model.objects.create_superuser("super.admin", "super@lebongkab.go.id", PASSWORD)
    admin = client_for("super.admin")
    result = admin.data(IMPORT, {
        "u": units_csv(dict(code="BARU", name="Unit Baru", parent_code="", kind="UPT"),
                       dict(UNITS["PKM-TUBEI"], parent_code="DISDIK")),
        "e": employees_csv(row(demo.nurse, roles="PROCESS_ADMIN"))})["importOrganization"]
    assert (result["unitsCreated"], result["unitsUpdated"]) == (1, 1)
    assert OrgUnit.objects.get(code="BARU").parent is None
    assert OrgUnit.objects.get(code="PKM-TUBEI").parent.code == "DISDIK"
    assert demo.nurse.user.groups.filter(name="PROCESS_ADMIN").exists()


def test_import_cannot_move_an_employee_across_the_scope_in_either_direction(demo, client_for):
    """HR of Dinas Kesehatan may neither send the nurse into Dinas Pendidikan nor fetch the
    Dinas Pendidikan staff member into a Dinas Kesehatan unit."""
    hr = client_for(demo.hr_dinkes.user.username)
    before = snapshot()
    out = refused(hr, NO_UNITS, employees_csv(row(demo.nurse, unit_code="DISDIK-SD-KUR", position="Pengembang Kurikulum",
                                                  position_class="PELAKSANA")))
    assert ("employees", 2, "unit_code") in out
    fetched = refused(hr, NO_UNITS, employees_csv(row(demo.staff, unit_code="PKM-TUBEI", position="Perawat Ahli Pertama",
                                                      position_class="FUNGSIONAL")))
    assert ("employees", 2, "unit_code") in fetched
    assert snapshot() == before


def test_hr_may_reimport_the_top_unit_and_name_a_supervisor_inside(demo, client_for):
    """What lies inside passes: the top-level unit HR manages, re-imported as it is; a supervisor
    from inside the units HR manages."""
    hr_all = client_for(demo.hr_all.user.username)
    hr_all.data(IMPORT, {"u": units_csv(dict(UNITS["LEBONG"])), "e": employees_csv()})
    hr = client_for(demo.hr_dinkes.user.username)
    hr.data(IMPORT, {"u": NO_UNITS, "e": employees_csv(row(demo.nurse, supervisor_nip=demo.kadinkes.nip))})
    assert Employee.objects.get(pk=demo.nurse.pk).supervisor_override_id == demo.kadinkes.pk


def test_an_unknown_unit_is_reported_once(demo, client_for):
    hr = client_for(demo.hr_dinkes.user.username)
    error = hr.error(IMPORT, {"u": units_csv(dict(code="PKM-BARU", name="Puskesmas Baru", parent_code="TIDAK-ADA",
                                                  kind="PUSKESMAS")),
                              "e": employees_csv(row(demo.nurse, unit_code="JUGA-TIDAK-ADA"))})
    cells = [(e["file"], e["row"], e["column"]) for e in error["extensions"]["errors"]]
    assert sorted(cells) == [("employees", 2, "unit_code"), ("units", 2, "parent_code")], error


def test_hr_may_end_and_make_a_plt_appointment_and_keep_roles_inside(demo, client_for):
    """Inside the units HR manages these pass: ending a Plt appointment and making it again, and
    a process administrator's row re-imported with the role it has."""
    hr = client_for(demo.hr_dinkes.user.username)
    hr.data(IMPORT, {"u": NO_UNITS, "e": employees_csv(row(demo.plt_kapus, acting_for_nip=""))})
    assert Employee.objects.get(pk=demo.plt_kapus.pk).acting_position_id is None
    hr.data(IMPORT, {"u": NO_UNITS, "e": employees_csv(row(demo.plt_kapus))})
    assert Employee.objects.get(pk=demo.plt_kapus.pk).acting_position.title == demo.kapus.position.title
    client_for(demo.hr_all.user.username).data(IMPORT, {"u": NO_UNITS, "e": employees_csv(row(demo.process_admin))})
    assert demo.process_admin.user.groups.filter(name="PROCESS_ADMIN").exists()


def test_a_new_unit_below_a_unit_outside_takes_its_staff_outside_too(demo, client_for):
    """HR of Dinas Kesehatan creating a unit under Dinas Pendidikan: the unit is refused, and so
    is every employee placed in it (a new unit counts as HR's only below HR's units)."""
    hr = client_for(demo.hr_dinkes.user.username)
    before = snapshot()
    errors = refused(hr, units_csv(dict(code="DISDIK-BARU", name="Seksi Baru", parent_code="DISDIK", kind="SEKSI")),
                     employees_csv(row(demo.nurse, unit_code="DISDIK-BARU")))
    assert errors == {("units", 2, "parent_code"), ("employees", 2, "unit_code")}
    assert snapshot() == before


def test_an_unchanged_plt_post_outside_passes_and_an_unknown_one_is_reported_once(demo, client_for):
    """The nurse (Dinas Kesehatan) is Plt of a Dinas Pendidikan section, appointed by HR for all
    of Lebong. HR of Dinas Kesehatan may re-import her row as it is; a row naming an unknown NIP
    as her post gets that one error, not also one about the post she holds."""
    client_for(demo.hr_all.user.username).data(SET_ACTING, {"e": gid("Employee", demo.nurse.pk),
                                                             "a": gid("Employee", demo.kasi.pk)})
    hr = client_for(demo.hr_dinkes.user.username)
    nurse = row(demo.nurse, acting_for_nip=demo.kasi.nip)
    hr.data(IMPORT, {"u": NO_UNITS, "e": employees_csv(nurse)})
    error = hr.error(IMPORT, {"u": NO_UNITS, "e": employees_csv(dict(nurse, acting_for_nip="199901012020011999"))})
    cells = [(e["file"], e["row"], e["column"]) for e in error["extensions"]["errors"]]
    assert cells == [("employees", 2, "acting_for_nip")], error
    assert Employee.objects.get(pk=demo.nurse.pk).acting_position.unit.code == "DISDIK-SD-KUR"


def test_an_employee_without_an_account_is_imported_and_re_imported(demo, client_for):
    """A row without a username makes an employee without an account; the same row again passes."""
    hr = client_for(demo.hr_dinkes.user.username)
    new = row(demo.nurse, nip="199905052022032005", name="Perawat Tanpa Akun", email="", username="",
              acting_for_nip="", supervisor_nip="")
    for _ in range(2):
        hr.data(IMPORT, {"u": NO_UNITS, "e": employees_csv(new)})
    assert Employee.objects.get(nip="199905052022032005").user is None


def test_an_unchanged_hr_scope_outside_passes(demo, client_for, django_user_model):
    """The nurse is made HR of Dinas Pendidikan by a superuser; HR of Dinas Kesehatan may
    re-import her row as it is (the scope outside is no change), not move or drop it."""
    django_user_model.objects.create_superuser("super.admin", "super@lebongkab.go.id", PASSWORD)
    nurse = row(demo.nurse, roles="PERFORMANCE_ADMIN@DISDIK")
    client_for("super.admin").data(IMPORT, {"u": NO_UNITS, "e": employees_csv(nurse)})
    hr = client_for(demo.hr_dinkes.user.username)
    hr.data(IMPORT, {"u": NO_UNITS, "e": employees_csv(nurse)})
    assert refused(hr, NO_UNITS, employees_csv(dict(nurse, roles="PERFORMANCE_ADMIN"))) == {("employees", 2, "roles")}
    assert list(PerformanceAdminScope.objects.filter(user=demo.nurse.user).values_list("unit__code", flat=True)) == [
        "DISDIK"]
