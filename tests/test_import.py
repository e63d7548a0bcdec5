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
          "employment_type", "rank", "supervisor_nip", "acting_for_nip", "roles"]


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
    # Every malformed field of the row is reported, not only the NIP.
    by_column = {e["column"]: e for e in error["extensions"]["errors"]}
    assert by_column["nip"] == {"file": "employees", "row": 2, "column": "nip",
                                "message": "12: NIP harus tepat 18 digit angka."}
    assert set(by_column) == {"nip", "name", "email", "unit_code", "position", "position_class", "employment_type"}
    assert {e["row"] for e in error["extensions"]["errors"]} == {2}
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


# --- NI PPPK, the employment type that must match, and the rank column ----------------------

PPPK_NIP = "199204152023212003"  # born 15-04-1992, first appointed 2023, code 21, female, 003


def person(**changes) -> dict:
    """A new employee of the curriculum section (rated by its head)."""
    return {"nip": PPPK_NIP, "name": "Nur Aini", "email": "nur.aini@lebongkab.go.id", "username": "nur.aini",
            "unit_code": "DISDIK-SD-KUR", "position": "Pengembang Teknologi Pembelajaran Ahli Pertama",
            "position_class": "FUNGSIONAL", "employment_type": "PPPK", "rank": "IX", "supervisor_nip": "",
            "acting_for_nip": "", "roles": "", **changes}


def refused_rows(employees_csv: str, units_csv: str = "code,name,parent_code,kind\n") -> list[dict]:
    from apps.core.errors import BadInput
    from apps.organization.importer import organization_import

    before = counts()
    with pytest.raises(BadInput) as raised:
        organization_import(units_csv=units_csv, employees_csv=employees_csv)
    assert counts() == before  # nothing written
    return raised.value.extensions["errors"]


def test_demo_ranks_and_pppk_numbers(demo_db):
    """Every demo employee has a rank of their kind; every PPPK has an NI PPPK (code 21)."""
    from apps.organization.nip import nip_form
    from apps.organization.rank import parse_rank

    people = list(Employee.objects.values_list("nip", "employment_type", "rank"))
    assert all(nip_form(nip) == kind and rank and parse_rank(rank, kind) == (rank, None)
               for nip, kind, rank in people)
    pppk = [rank for _nip, kind, rank in people if kind == "PPPK"]
    assert 6 <= len(pppk) < len(people) / 2 and "IX" in pppk
    assert Employee.objects.get(user__username="desi.permata").rank == "Penata Tingkat I (III/d)"


@pytest.mark.django_db
def test_a_pppk_employee_is_imported_with_rank():
    from apps.organization.importer import organization_import

    load_demo()
    result = organization_import(units_csv="code,name,parent_code,kind\n", employees_csv=to_csv([person()]))
    assert result.employees_created == 1
    nur = Employee.objects.select_related("rater").get(nip=PPPK_NIP)
    assert (nur.employment_type, nur.rank, nur.rater.user.username) == ("PPPK", "IX", "desi.permata")


@pytest.mark.django_db
@pytest.mark.parametrize("changes, column, text", [
    ({"employment_type": "PNS"}, "employment_type", "adalah NI PPPK (digit 13–14 berisi 21), tetapi jenis kepegawaiannya PNS"),
    ({"nip": "199204152023042003", "employment_type": "PPPK", "rank": ""}, "employment_type",
     "adalah NIP PNS (digit 13–14 berisi bulan pengangkatan), tetapi jenis kepegawaiannya PPPK"),
    ({"nip": "199204152023222003"}, "nip", "bulan pengangkatan 01–12 (PNS) atau kode 21 (PPPK)"),
    ({"nip": "199204312023212003"}, "nip", "Tanggal lahir"),
    ({"nip": "199204152000212003"}, "nip", "Tahun pengangkatan"),
    ({"nip": "199204152023213003"}, "nip", "jenis kelamin"),
    ({"nip": "199204152023212000"}, "nip", "Nomor urut"),
    ({"rank": "XVIII"}, "rank", "bukan golongan PPPK"),
    ({"rank": "Penata Muda (III/a)"}, "rank", "bukan golongan PPPK"),
    ({"nip": "199204152023042003", "employment_type": "PNS", "rank": "IX"}, "rank", "bukan pangkat PNS"),
    ({"nip": "199204152023042003", "employment_type": "PNS", "rank": "Penata (IV/a)"}, "rank",
     "Pangkat golongan IV/a adalah Pembina, bukan Penata"),
    ({"nip": "199204152023042003", "employment_type": "PNS", "rank": "Penata (III/f)"}, "rank",
     "bukan golongan/ruang PNS"),
])
def test_each_bad_number_type_or_rank_is_a_row_error(changes, column, text):
    load_demo()
    errors = refused_rows(to_csv([person(**changes)]))
    assert [(e["row"], e["column"]) for e in errors] == [(2, column)], errors
    assert text in errors[0]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("rank, stored", [("", ""), ("Penata Tk. I (III/d)", "Penata Tingkat I (III/d)"),
                                          ("pengatur (ii/c)", "Pengatur (II/c)")])
def test_pns_ranks_and_an_empty_rank_are_accepted(rank, stored):
    from apps.organization.importer import organization_import

    load_demo()
    organization_import(units_csv="code,name,parent_code,kind\n", employees_csv=to_csv([
        person(nip="199204152023042003", employment_type="PNS", rank=rank)]))
    assert Employee.objects.get(nip="199204152023042003").rank == stored


@pytest.mark.django_db
def test_a_file_without_the_rank_column_keeps_the_stored_ranks():
    from apps.organization.importer import organization_import

    load_demo()
    old_header = [c for c in HEADER if c != "rank"]
    records = [{k: v for k, v in r.items() if k != "rank"} for r in rows(EMPLOYEES)[:3]]
    records[2]["name"] = "Yuliana R."
    organization_import(units_csv="code,name,parent_code,kind\n", employees_csv=to_csv(records, header=old_header))
    assert Employee.objects.get(nip=records[2]["nip"]).rank == "Penata Tingkat I (III/d)"
    assert Employee.objects.get(nip=records[2]["nip"]).name == "Yuliana R."


# --- one pass: every error of the file -------------------------------------------------------

@pytest.mark.django_db
def test_malformed_nip_unknown_unit_and_unknown_supervisor_are_reported_together(tmp_path):
    records = rows(EMPLOYEES)
    records[2]["nip"] = "198404212008132001"                 # row 4: month 13, neither form
    records[9]["unit_code"] = "ENTAH"                         # row 11
    records[20]["supervisor_nip"] = "199001012015011777"      # row 22
    with pytest.raises(CommandError):  # the command refuses too
        run_import(tmp_path, UNITS.read_text(), to_csv(records))
    errors = refused_rows(to_csv(records), UNITS.read_text())
    assert {(e["row"], e["column"]) for e in errors} == {(4, "nip"), (11, "unit_code"), (22, "supervisor_nip")}
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_a_supervisor_cycle_is_reported_next_to_a_malformed_row():
    """The cycle check runs even when other rows are already wrong."""
    records = rows(EMPLOYEES)
    records[0]["supervisor_nip"] = records[1]["nip"]          # row 2: Sekda reports to his own Kabag
    records[30]["employment_type"] = "PPPK"                   # row 32: a PNS number
    records[40]["rank"] = "Penata (III/a)"                    # row 42
    errors = refused_rows(to_csv(records), UNITS.read_text())
    assert {(e["row"], e["column"]) for e in errors} == {(2, "supervisor_nip"), (32, "employment_type"), (42, "rank")}
    assert "siklus" in next(e["message"] for e in errors if e["column"] == "supervisor_nip")


def test_graphql_import_of_a_pppk_employee_and_its_errors(demo, client_for):
    hr = client_for(demo.hr_all.user.username)
    read = """query($f: EmployeeFilter) { employees(first: 5, filter: $f) { edges { node {
      name nip employmentType rank rater { name } } } } }"""
    result = hr.data(IMPORT, {"u": "code,name,parent_code,kind\n", "e": to_csv([person()])})["importOrganization"]
    assert result["employeesCreated"] == 1
    node = hr.data(read, {"f": {"search": "Nur Aini"}})["employees"]["edges"][0]["node"]
    assert node == {"name": "Nur Aini", "nip": PPPK_NIP, "employmentType": "PPPK", "rank": "IX",
                    "rater": {"name": demo.kasi.name}}
    before = counts()
    bad = [person(nip="199204152023042009", username="pns.salah", employment_type="PPPK", rank="IX"),
           person(nip="199204152023222009", username="kode.salah"),
           person(nip="199204152023212009", username="unit.salah", unit_code="ENTAH"),
           person(nip="199204152023212010", username="atasan.salah", supervisor_nip="199001012015011777")]
    error = hr.error(IMPORT, {"u": "code,name,parent_code,kind\n", "e": to_csv(bad)})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "4 masalah" in error["message"]
    assert [(e["row"], e["column"]) for e in error["extensions"]["errors"]] == [
        (2, "employment_type"), (3, "nip"), (4, "unit_code"), (5, "supervisor_nip")]
    assert "tetapi jenis kepegawaiannya PPPK" in error["extensions"]["errors"][0]["message"]
    hr.language = "en"
    english = hr.error(IMPORT, {"u": "code,name,parent_code,kind\n", "e": to_csv(bad)})["extensions"]["errors"]
    assert "is a PNS NIP (digits 13–14 are an appointment month), but the employment type is PPPK" in english[0]["message"]
    assert "(PNS) or the code 21 (PPPK)" in english[1]["message"]
    assert counts() == before


# --- the Django admin checks the same -------------------------------------------------------

def admin_post(user, employee, **changes):
    from django.test import Client

    client = Client()
    client.force_login(user)
    data = {"nip": employee.nip, "name": employee.name, "email": employee.email, "user": employee.user_id or "",
            "employment_type": employee.employment_type, "rank": employee.rank, "unit": employee.unit_id,
            "position": employee.position_id, "is_active": "on", "_save": "Simpan", **changes}
    response = client.post(f"/admin/organization/employee/{employee.pk}/change/", data)
    form = response.context["adminform"].form if response.status_code == 200 else None
    return response, (form.errors if form else {})


@pytest.mark.parametrize("changes, field, text", [
    ({"employment_type": "PPPK"}, "employment_type", "adalah NIP PNS"),
    ({"nip": "199708152021211001"}, "employment_type", "adalah NI PPPK"),
    ({"nip": "199708152021221001"}, "nip", "bulan pengangkatan 01–12 (PNS) atau kode 21 (PPPK)"),
    ({"nip": "199708152021081000"}, "nip", "Nomor urut"),
    ({"rank": "IX"}, "rank", "bukan pangkat PNS"),
    ({"nip": "199708152021211001", "employment_type": "PPPK", "rank": "Penata Muda (III/a)"}, "rank",
     "bukan golongan PPPK"),
])
@pytest.mark.parametrize("who", ["superuser", "hr_all"])
def test_admin_refuses_a_bad_number_type_or_rank(demo_db, django_user_model, changes, field, text, who):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x") if who == "superuser" \
        else demo_db.hr_all.user
    staff = demo_db.staff
    response, errors = admin_post(user, staff, **changes)
    assert response.status_code == 200 and text in " ".join(errors.get(field, [])), errors
    assert Employee.objects.filter(pk=staff.pk, nip=staff.nip, employment_type="PNS",
                                   rank="Penata Muda (III/a)").exists()


def test_admin_saves_a_matching_pppk_number_and_rank(demo_db):
    staff = demo_db.staff
    response, errors = admin_post(demo_db.hr_all.user, staff, nip="199708152021211001", employment_type="PPPK",
                                  rank="ix")
    assert response.status_code == 302, errors
    assert Employee.objects.filter(pk=staff.pk, nip="199708152021211001", employment_type="PPPK", rank="IX").exists()
    response, errors = admin_post(demo_db.hr_all.user, Employee.objects.get(pk=staff.pk), nip=staff.nip,
                                  employment_type="PNS", rank="Penata Muda Tk. I (III/b)")
    assert response.status_code == 302, errors
    assert Employee.objects.get(pk=staff.pk).rank == "Penata Muda Tingkat I (III/b)"


def test_admin_lists_and_searches_ranks(demo_db, django_user_model):
    from django.test import Client

    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    page = client.get("/admin/organization/employee/", {"q": "Pembina Utama Muda"})
    assert page.status_code == 200 and page.context["cl"].result_count == 3  # the three heads of agency
    assert "Pembina Utama Muda (IV/c)" in page.text
