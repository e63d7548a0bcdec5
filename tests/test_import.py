"""Organization import: the command and the GraphQL mutation, success, idempotence, every
kind of bad row (with nothing written), scope rules for HR."""
from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from apps.organization.models import Employee, OrgUnit, PerformanceAdminScope, Position

from .conftest import DEMO_DIR, PASSWORD, load_demo

UNITS = DEMO_DIR / "units.csv"
EMPLOYEES = DEMO_DIR / "employees.csv"
HEADER = ["nip", "name", "email", "username", "unit_code", "position", "position_class",
          "employment_type", "supervisor_nip", "acting_for_nip", "roles"]


def rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8")))


def to_csv(records, header=HEADER) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def counts():
    return (OrgUnit.objects.count(), Position.objects.count(), Employee.objects.count(),
            get_user_model().objects.count(), PerformanceAdminScope.objects.count())


def run_import(tmp_path, units_text, employees_text, *extra):
    (tmp_path / "u.csv").write_text(units_text, encoding="utf-8")
    (tmp_path / "e.csv").write_text(employees_text, encoding="utf-8")
    err = io.StringIO()
    out = io.StringIO()
    call_command("import_org", "--units", str(tmp_path / "u.csv"), "--employees", str(tmp_path / "e.csv"),
                 *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_command_imports_the_demo_and_is_idempotent(tmp_path):
    out, _ = run_import(tmp_path, UNITS.read_text(), EMPLOYEES.read_text(), "--password", PASSWORD)
    assert "Units: 21 created, 0 updated. Employees: 58 created, 0 updated. Accounts created: 58." in out
    first = counts()
    ratees = dict(Employee.objects.values_list("nip", "rater__nip"))
    out, _ = run_import(tmp_path, UNITS.read_text(), EMPLOYEES.read_text(), "--password", PASSWORD)
    assert "0 created, 21 updated" in out and "0 created, 58 updated" in out
    assert counts() == first
    assert dict(Employee.objects.values_list("nip", "rater__nip")) == ratees


@pytest.mark.django_db
def test_password_option_sets_initial_password_and_without_it_is_unusable(tmp_path):
    run_import(tmp_path, UNITS.read_text(), EMPLOYEES.read_text())
    user = Employee.objects.select_related("user").first().user
    assert not user.has_usable_password()
    records = rows(EMPLOYEES)
    records[0]["nip"], records[0]["username"] = "199001012015011999", "baru.sekali"
    records[0]["supervisor_nip"] = records[1]["nip"]
    records[0]["position"] = "Staf Baru"
    records[0]["position_class"] = "PELAKSANA"
    run_import(tmp_path, UNITS.read_text(), to_csv(records[:2]), "--password", PASSWORD)
    assert get_user_model().objects.get(username="baru.sekali").check_password(PASSWORD)
    assert not get_user_model().objects.get(pk=user.pk).has_usable_password()  # existing kept


@pytest.mark.django_db
def test_roles_and_scopes(tmp_path):
    run_import(tmp_path, UNITS.read_text(), EMPLOYEES.read_text())
    hr_all = Employee.objects.get(user__username="rina.anggraini")
    assert list(PerformanceAdminScope.objects.filter(user=hr_all.user).values_list("unit__code", flat=True)) == ["LEBONG"]
    assert hr_all.user.is_staff and hr_all.user.groups.filter(name="PERFORMANCE_ADMIN").exists()
    hr_dinkes = Employee.objects.get(user__username="lestari.oktaviani")
    assert list(PerformanceAdminScope.objects.filter(user=hr_dinkes.user).values_list("unit__code", flat=True)) == ["DINKES"]
    # Re-import without the role removes it and its scope.
    records = rows(EMPLOYEES)
    for r in records:
        if r["username"] == "lestari.oktaviani":
            r["roles"] = ""
    run_import(tmp_path, UNITS.read_text(), to_csv(records))
    assert not PerformanceAdminScope.objects.filter(user=hr_dinkes.user).exists()
    assert not hr_dinkes.user.groups.exists()


def bad_cases():
    base = rows(EMPLOYEES)
    sekda_nip = base[0]["nip"]

    def edit(index, **changes):
        records = [dict(r) for r in base]
        records[index].update(changes)
        return records

    duplicate = [dict(r) for r in base] + [dict(base[5], username="lain.orang")]
    cycle = edit(0, supervisor_nip=base[1]["nip"])  # Sekda reports to his own Kabag
    return {
        "malformed NIP": (edit(3, nip="19990514202403100"), 5, "nip", "18 digit"),
        "impossible birth date": (edit(3, nip="199902302024031001"), 5, "nip", "Tanggal lahir"),
        "bad sex digit": (edit(3, nip="199905142024033001"), 5, "nip", "jenis kelamin"),
        "unknown unit": (edit(3, unit_code="TIDAK-ADA"), 5, "unit_code", "TIDAK-ADA"),
        "duplicate NIP": (duplicate, len(base) + 2, "nip", "sudah ada di baris 7"),
        "unknown role": (edit(3, roles="BUPATI"), 5, "roles", "BUPATI"),
        "cycle in supervisor chain": (cycle, 2, "supervisor_nip", "siklus"),
        "unknown supervisor": (edit(3, supervisor_nip="199001012015011777"), 5, "supervisor_nip", "199001012015011777"),
        "bad position class": (edit(3, position_class="ESELON"), 5, "position_class", "ESELON"),
        "bad employment type": (edit(3, employment_type="HONORER"), 5, "employment_type", "HONORER"),
        "plt for a non-head post": (edit(3, acting_for_nip=base[4]["nip"]), 5, "acting_for_nip", "Plt"),
        "self as supervisor": (edit(3, supervisor_nip=base[3]["nip"]), 5, "supervisor_nip", "sendiri"),
        "duplicate username": (edit(3, username=base[4]["username"]), 6, "username", "sudah ada di baris 5"),
    }, sekda_nip


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(bad_cases()[0]))
def test_each_kind_of_bad_row_aborts_with_its_row_number_and_writes_nothing(tmp_path, case):
    records, row, column, text = bad_cases()[0][case]
    with pytest.raises(CommandError) as raised:
        run_import(tmp_path, UNITS.read_text(), to_csv(records))
    assert "tidak ada data yang disimpan" in str(raised.value)
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(bad_cases()[0]))
def test_error_lists_row_and_column(case):
    from apps.core.errors import BadInput
    from apps.organization.importer import organization_import

    records, row, column, text = bad_cases()[0][case]
    with pytest.raises(BadInput) as raised:
        organization_import(units_csv=UNITS.read_text(), employees_csv=to_csv(records))
    errors = raised.value.extensions["errors"]
    assert any(e["row"] == row and e["column"] == column and text in e["message"] for e in errors), errors


@pytest.mark.django_db
def test_every_error_is_listed_not_only_the_first(tmp_path):
    records = rows(EMPLOYEES)
    records[2]["nip"] = "123"
    records[9]["unit_code"] = "ENTAH"
    records[20]["roles"] = "RAJA"
    units = UNITS.read_text() + "X1,Unit X,INDUK-HILANG,DINAS\nX2,,LEBONG,KERAJAAN\n"
    err = io.StringIO()
    (tmp_path / "u.csv").write_text(units)
    (tmp_path / "e.csv").write_text(to_csv(records))
    with pytest.raises(CommandError):
        call_command("import_org", "--units", str(tmp_path / "u.csv"), "--employees", str(tmp_path / "e.csv"), stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("employees.csv row 4 [nip]") for line in lines)
    assert any(line.startswith("employees.csv row 11 [unit_code]") for line in lines)
    assert any(line.startswith("units.csv row 23 [parent_code]") for line in lines)
    assert any(line.startswith("employees.csv row 22 [roles]") for line in lines)
    assert any(line.startswith("units.csv row 24 [name]") for line in lines)
    assert any(line.startswith("units.csv row 24 [kind]") for line in lines)
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_unit_cycle_and_missing_columns():
    from apps.core.errors import BadInput
    from apps.organization.importer import organization_import

    with pytest.raises(BadInput) as raised:
        organization_import(units_csv="code,name,parent_code,kind\nA,A,B,DINAS\nB,B,A,BIDANG\n",
                            employees_csv=",".join(HEADER) + "\n")
    assert "siklus" in raised.value.extensions["errors"][0]["message"]
    with pytest.raises(BadInput) as raised:
        organization_import(units_csv="code,name\nA,A\n", employees_csv="nip\n")
    messages = [e["message"] for e in raised.value.extensions["errors"]]
    assert any("parent_code, kind" in m for m in messages) and any("name, email" in m for m in messages)


@pytest.mark.django_db
def test_progress_bar_on_large_files(tmp_path):
    units = "code,name,parent_code,kind\nBIG,Dinas Besar,,DINAS\n"
    records = [dict(nip=f"19900101201501{1 + i % 2}{i + 1:03d}", name=f"Pegawai {i}", email="", username="",
                    unit_code="BIG", position="Pelaksana", position_class="PELAKSANA", employment_type="PNS",
                    supervisor_nip="", acting_for_nip="", roles="") for i in range(600)]
    for i, r in enumerate(records):
        r["nip"] = f"1990010120150{1 + i // 300}{1 + i % 2}{i % 300 + 1:03d}"
    _, err = run_import(tmp_path, units, to_csv(records))
    assert "pegawai" in err and "600/600" in err
    assert Employee.objects.count() == 600


# --- the same import over GraphQL -------------------------------------------------------
IMPORT = """mutation($u: String!, $e: String!) { importOrganization(unitsCsv: $u, employeesCsv: $e) {
  unitsCreated unitsUpdated employeesCreated employeesUpdated accountsCreated } }"""


def test_hr_imports_over_graphql(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    units = "code,name,parent_code,kind\nKEL-BARU,Kelurahan Baru,KEC-TUBEI,KELURAHAN\n"
    records = [dict(nip="199203042019031001", name="Lurah Baru", email="lurah.baru@lebongkab.go.id",
                    username="lurah.baru", unit_code="KEL-BARU", position="Lurah Baru", position_class="PENGAWAS",
                    employment_type="PNS", supervisor_nip="", acting_for_nip="", roles="")]
    result = hr.data(IMPORT, {"u": units, "e": to_csv(records)})["importOrganization"]
    assert result == {"unitsCreated": 1, "unitsUpdated": 0, "employeesCreated": 1, "employeesUpdated": 0,
                      "accountsCreated": 1}
    lurah = Employee.objects.select_related("rater", "user").get(nip="199203042019031001")
    assert lurah.rater.position.title == "Camat Tubei"
    assert not lurah.user.has_usable_password()
    assert OrgUnit.objects.get(code="KEL-BARU").leader_id == lurah.pk


def test_graphql_import_errors_come_as_a_list(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    before = counts()
    error = hr.error(IMPORT, {"u": "code,name,parent_code,kind\n", "e": to_csv([dict(
        nip="12", name="", email="x", username="", unit_code="", position="", position_class="",
        employment_type="", supervisor_nip="", acting_for_nip="", roles="")])})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["errors"] == [
        {"file": "employees", "row": 2, "column": "nip", "message": "12: NIP harus tepat 18 digit angka."}]
    assert counts() == before


def test_hr_of_one_agency_cannot_import_outside_it(demo, client_for):
    hr = client_for(demo.hr_dinkes.user.username)
    records = [r for r in rows(EMPLOYEES) if r["unit_code"] in ("DISDIK", "PKM-TUBEI")]
    error = hr.error(IMPORT, {"u": "code,name,parent_code,kind\n", "e": to_csv(records)})
    bad = {(e["row"], e["column"]) for e in error["extensions"]["errors"]}
    assert all(column == "unit_code" for _, column in bad) and len(bad) == 3  # the three DISDIK rows


def test_hr_cannot_grant_process_admin(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    records = [dict(r) for r in rows(EMPLOYEES) if r["username"] == "agus.pratama"]
    records[0]["roles"] = "PROCESS_ADMIN"
    error = hr.error(IMPORT, {"u": "code,name,parent_code,kind\n", "e": to_csv(records)})
    assert "PROCESS_ADMIN" in error["extensions"]["errors"][0]["message"]


@pytest.mark.parametrize("who", ["staff", "process_admin"])
def test_import_mutation_needs_hr(demo, client_for, who):
    c = client_for(getattr(demo, who).user.username)
    assert c.error(IMPORT, {"u": "", "e": ""})["extensions"]["code"] == "FORBIDDEN"


def test_import_mutation_needs_login(demo, gql):
    assert gql.error(IMPORT, {"u": "", "e": ""})["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.django_db
def test_ambiguous_head_post_is_refused():
    from apps.core.errors import BadInput
    from apps.organization.importer import organization_import

    load_demo()
    records = [dict(nip="198001012005011001", name="Kepala Kedua", email="", username="", unit_code="DISDIK",
                    position="Kepala Dinas Kedua", position_class="JPT", employment_type="PNS",
                    supervisor_nip="", acting_for_nip="", roles="")]
    with pytest.raises(BadInput) as raised:
        organization_import(units_csv="code,name,parent_code,kind\n", employees_csv=to_csv(records))
    assert "lebih dari satu calon jabatan pimpinan" in raised.value.extensions["errors"][0]["message"]


@pytest.mark.django_db
def test_a_bad_nip_and_an_unknown_unit_are_reported_together():
    """The merged checks (unknown unit, supervisor …) run even when a row has a malformed value."""
    from apps.core.errors import BadInput
    from apps.organization.importer import organization_import

    records = rows(EMPLOYEES)
    records[2]["nip"] = "123"
    records[9]["unit_code"] = "ENTAH"
    with pytest.raises(BadInput) as raised:
        organization_import(units_csv=UNITS.read_text(), employees_csv=to_csv(records))
    assert {(e["row"], e["column"]) for e in raised.value.extensions["errors"]} == {(4, "nip"), (11, "unit_code")}


def bad_rows(count):
    return to_csv([dict(nip=str(i), name="x", email="", username="", unit_code="DISDIK", position="Staf",
                        position_class="PELAKSANA", employment_type="PNS", supervisor_nip="", acting_for_nip="",
                        roles="") for i in range(count)])


def test_a_long_error_list_is_cut_and_says_how_many_more(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    response = hr.post(IMPORT, {"u": "code,name,parent_code,kind\n", "e": bad_rows(150)})
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert len(error["extensions"]["errors"]) == 100 and error["extensions"]["truncated"] == 50
    assert "150" in error["message"] and "50" in error["message"].split("150", 1)[1]
    assert len(response.content) < 30_000


@pytest.mark.django_db
def test_the_command_cuts_the_error_list_too(tmp_path):
    with pytest.raises(CommandError) as raised:
        _out, _err = run_import(tmp_path, "code,name,parent_code,kind\nDISDIK,Dinas,,DINAS\n", bad_rows(130))
    assert "30" in str(raised.value).split("130", 1)[1]
    assert counts() == (0, 0, 0, 0, 0)
