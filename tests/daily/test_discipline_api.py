"""R-DISCIPLINE over real HTTP: the ``discipline`` list of a unit, one employee's
``employeeDiscipline``, and the XLSX from ``disciplineExport`` opened with openpyxl (values AND
cell types, frozen and filtered header) — who sees which rows, NOT_FOUND / 404 for everyone
else, bad months and cursors, and a query count that does not grow with the number of rows.
March 2026 is over (the figures are final: nothing pending): the scenario of test_discipline."""
from __future__ import annotations

import datetime as dt
import io
import json

import httpx
import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.organization.importer import organization_import
from apps.organization.models import Employee, OrgUnit

from ..conftest import gid
from ..documents.test_recap import UNITS_CSV, employees_csv
from .test_discipline import MONTH, YEAR, D, Scenario, at, build_march

ROW = "employee { name nip } workingDays onTime late missing excused pending percentOnTime"
DISCIPLINE = f"""query($u: ID!, $y: Int!, $m: Int!, $first: Int, $after: String) {{
  discipline(unitId: $u, year: $y, month: $m, first: $first, after: $after) {{
    totalCount edges {{ cursor node {{ {ROW} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"""
EMPLOYEE = f"""query($e: ID!, $y: Int!, $m: Int!) {{
  employeeDiscipline(employeeId: $e, year: $y, month: $m) {{ {ROW} }} }}"""
EXPORT = """query($u: ID!, $y: Int!, $m: Int!) { disciplineExport(unitId: $u, year: $y, month: $m) {
  url filename contentType } }"""
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 7
HR_ALL, HR_DINKES = "rina.anggraini", "lestari.oktaviani"
SECTION_NAMES = ["Agus Pratama", "Desi Permata", "Dewi Hidayat", "Mulyadi Suryani"]
# The staff member's month once over: 17 working days, 8 on time, 2 late, 4 missing, 3 excused.
STAFF_ROW = {"workingDays": 17, "onTime": 8, "late": 2, "missing": 4, "excused": 3, "pending": 0,
             "percentOnTime": 57.14}


@pytest.fixture
def march(demo, settings):
    settings.KINERJA_DAILY_GRACE_DAYS = 1
    build_march(demo)
    return demo


def unit(code: str) -> str:
    return gid("OrgUnit", OrgUnit.objects.get(code=code).pk)


def rows(client, unit_code: str, **page) -> list[dict]:
    data = client.data(DISCIPLINE, {"u": unit(unit_code), "y": YEAR, "m": MONTH, **page})["discipline"]
    return [edge["node"] for edge in data["edges"]]


def names(client, unit_code: str) -> list[str]:
    return [row["employee"]["name"] for row in rows(client, unit_code)]


def total(client, unit_code: str, **page) -> int:
    return client.data(DISCIPLINE, {"u": unit(unit_code), "y": YEAR, "m": MONTH, **page})["discipline"]["totalCount"]


def code(client, query: str, variables: dict) -> str:
    return client.error(query, variables)["extensions"]["code"]


def numbers(row: dict) -> dict:
    return {key: value for key, value in row.items() if key != "employee"}


def get(client, url: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {client.token}"} if client.token else {}
    return client.http.get(url, headers=headers)


def test_hr_of_the_unit_reads_every_active_employee_of_it_page_by_page(march, client_for):
    hr = client_for(HR_ALL)
    section = rows(hr, "DISDIK-SD-KUR")
    assert [row["employee"]["name"] for row in section] == SECTION_NAMES
    staff = section[0]
    assert numbers(staff) == STAFF_ROW and staff["employee"]["nip"] == march.staff.nip
    first = hr.data(DISCIPLINE, {"u": unit("DISDIK-SD-KUR"), "y": YEAR, "m": MONTH, "first": 3})["discipline"]
    assert len(first["edges"]) == 3 and first["pageInfo"]["hasNextPage"]
    assert first["totalCount"] == 4                                  # every page's rows, not this page's
    rest = rows(hr, "DISDIK-SD-KUR", first=3, after=first["pageInfo"]["endCursor"])
    assert [row["employee"]["name"] for row in rest] == ["Mulyadi Suryani"]
    assert total(hr, "DISDIK-SD-KUR", first=3, after=first["pageInfo"]["endCursor"]) == 4
    # Someone who left is no longer listed.
    Employee.objects.filter(name="Mulyadi Suryani").update(is_active=False)
    assert names(hr, "DISDIK-SD-KUR") == SECTION_NAMES[:3]
    assert total(hr, "DISDIK-SD-KUR") == 3


def test_leaders_of_the_unit_or_above_read_all_of_it(march, client_for):
    kabid = client_for(march.kabid.user.username)  # leads the division above the section
    assert names(kabid, "DISDIK-SD-KUR") == SECTION_NAMES
    kadis = client_for(march.kadis.user.username)
    assert set(SECTION_NAMES) | {"Hendra Saputra", "Fitri Effendi"} == set(names(kadis, "DISDIK-SD"))


def test_a_rater_reads_only_those_they_rate_and_an_employee_only_themself(march, client_for):
    kasi = client_for(march.kasi.user.username)  # the division is not hers: her own staff only
    assert names(kasi, "DISDIK-SD") == SECTION_NAMES  # herself and the three she rates
    assert total(kasi, "DISDIK-SD") == 4 and total(kasi, "DISDIK-SD", first=1) == 4  # hers, not the division's
    staff = client_for(march.staff.user.username)
    assert [numbers(row) for row in rows(staff, "DISDIK-SD-KUR")] == [STAFF_ROW]
    assert names(staff, "DISDIK") == ["Agus Pratama"] and total(staff, "DISDIK") == 1


def test_anyone_else_gets_not_found(march, client_for, gql):
    section = {"u": unit("DISDIK-SD-KUR"), "y": YEAR, "m": MONTH}
    for username in (HR_DINKES, march.other_rater.user.username, march.nurse.user.username):
        assert code(client_for(username), DISCIPLINE, section) == "NOT_FOUND", username
    staff = client_for(march.staff.user.username)
    assert code(staff, DISCIPLINE, {**section, "u": unit("DINKES")}) == "NOT_FOUND"
    assert code(staff, DISCIPLINE, {**section, "u": gid("OrgUnit", 999999)}) == "NOT_FOUND"
    assert code(gql, DISCIPLINE, section) == "UNAUTHENTICATED"


def test_one_employee_for_themself_their_raters_hr_and_leaders_above(march, client_for, gql):
    d = march
    staff = {"e": gid("Employee", d.staff.pk), "y": YEAR, "m": MONTH}
    for username in (d.staff.user.username, d.kasi.user.username, d.kabid.user.username, d.kadis.user.username,
                     HR_ALL):
        row = client_for(username).data(EMPLOYEE, staff)["employeeDiscipline"]
        assert numbers(row) == STAFF_ROW, username
    for username in (d.peer.user.username, d.other_rater.user.username, HR_DINKES):
        assert code(client_for(username), EMPLOYEE, staff) == "NOT_FOUND", username
    # Not upwards: the staff member does not read the rater's month.
    assert code(client_for(d.staff.user.username), EMPLOYEE, {**staff, "e": gid("Employee", d.kasi.pk)}) == "NOT_FOUND"
    assert code(gql, EMPLOYEE, staff) == "UNAUTHENTICATED"
    assert code(client_for(HR_ALL), EMPLOYEE, {**staff, "e": gid("Employee", 999999)}) == "NOT_FOUND"


def test_a_month_that_does_not_exist_and_a_foreign_cursor_are_bad_input(march, client_for):
    hr = client_for(HR_ALL)
    section = {"u": unit("DISDIK-SD-KUR"), "y": YEAR, "m": 13}
    for query, variables in ((DISCIPLINE, section), (EXPORT, section),
                             (EMPLOYEE, {"e": gid("Employee", march.staff.pk), "y": YEAR, "m": 0})):
        error = hr.error(query, variables)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": {"month": "range"}}
        assert error["message"] == "Bulan harus antara 1 dan 12."  # the lead adds the msgid to the .po
    assert hr.error(DISCIPLINE, {**section, "m": 3, "y": 1999})["extensions"]["fields"] == {"year": "range"}
    for cursor in ("bukan-kursor", gid("OrgUnit", 1)):
        error = hr.error(DISCIPLINE, {**section, "m": 3, "after": cursor})
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "fields": {"after": "bukan kursor daftar ini"}}
    # An outsider learns nothing from a bad month either.
    assert code(client_for(HR_DINKES), DISCIPLINE, section) == "NOT_FOUND"


def download(client, unit_code: str) -> openpyxl.Workbook:
    link = client.data(EXPORT, {"u": unit(unit_code), "y": YEAR, "m": MONTH})["disciplineExport"]
    unit_pk = OrgUnit.objects.get(code=unit_code).pk
    assert link["url"] == f"/dokumen/disiplin/{unit_pk}/{YEAR}/{MONTH}.xlsx"
    response = get(client, link["url"])
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == link["contentType"] == XLSX
    assert link["filename"] == f"Disiplin-Harian-{unit_code}-{YEAR}-M{MONTH:02d}.xlsx"
    assert link["filename"] in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    return openpyxl.load_workbook(io.BytesIO(response.content))


def table(ws) -> dict[str, dict]:
    titles = [c.value for c in ws[HEADER_ROW]]
    return {line[1].value: dict(zip(titles, line)) for line in ws.iter_rows(min_row=HEADER_ROW + 1)}


def test_hr_downloads_the_month_as_real_excel_cells(march, client_for):
    d = march
    ws = download(client_for(HR_ALL), "DISDIK")["Disiplin Harian"]
    assert ws["A1"].value == "Rekap Disiplin Pengisian Progres Harian"
    assert (ws["B2"].value, ws["B3"].value, ws["B4"].value) == (
        "Pemerintah Kabupaten Lebong", "Dinas Pendidikan dan Kebudayaan (beserta sub-unit)", "Maret 2026")
    assert isinstance(ws["B5"].value, dt.datetime) and ws["C5"].value == "WIB"
    assert [c.value for c in ws[HEADER_ROW]] == [
        "Nama", "NIP", "Pangkat/Golongan", "Jabatan", "Unit kerja", "Hari kerja", "Tepat waktu", "Terlambat",
        "Tidak mengisi", "Dikecualikan (cuti/dinas luar)", "Belum lewat batas waktu", "Persentase tepat waktu"]
    assert all(c.font.bold for c in ws[HEADER_ROW])
    assert ws.freeze_panes == f"B{HEADER_ROW + 1}"
    rows_ = table(ws)
    assert set(rows_) == set(Employee.objects.filter(unit__path__startswith=OrgUnit.objects.get(code="DISDIK").path,
                                                     is_active=True).values_list("nip", flat=True))
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:L{HEADER_ROW + len(rows_)}"
    staff = rows_[d.staff.nip]
    assert staff["NIP"].data_type == "s" and staff["NIP"].number_format == "@"
    assert (staff["Nama"].value, staff["Pangkat/Golongan"].value, staff["Jabatan"].value, staff["Unit kerja"].value) == (
        "Agus Pratama", "Penata Muda (III/a)", "Pengembang Kurikulum", "Seksi Kurikulum dan Penilaian SD")
    counts = [staff[t].value for t in ("Hari kerja", "Tepat waktu", "Terlambat", "Tidak mengisi",
                                        "Dikecualikan (cuti/dinas luar)", "Belum lewat batas waktu")]
    assert counts == [17, 8, 2, 4, 3, 0] and all(type(v) is int for v in counts)
    percent = staff["Persentase tepat waktu"]
    assert type(percent.value) is float and percent.value == pytest.approx(0.5714) and percent.number_format == "0.00%"
    kadis = rows_[d.kadis.nip]  # on leave the whole month: nothing expected, no share
    assert kadis["Dikecualikan (cuti/dinas luar)"].value == kadis["Hari kerja"].value == 17
    assert kadis["Persentase tepat waktu"].value is None


def test_a_leader_gets_the_nip_only_of_those_the_api_shows_them(march, client_for):
    d = march
    ws = download(client_for(d.kadis.user.username), "DISDIK")["Disiplin Harian"]
    titles = [c.value for c in ws[HEADER_ROW]]
    printed = [dict(zip(titles, line)) for line in ws.iter_rows(min_row=HEADER_ROW + 1)]
    below = Employee.objects.filter(is_active=True, unit__path__startswith=OrgUnit.objects.get(code="DISDIK").path)
    assert len(printed) == below.count()                             # every row, as for HR
    # The NIP only of those the Kadis rates and those their ratees rate (the API's rule, as the recap).
    shown = {e.nip for e in below
             if e.pk == d.kadis.pk or e.rater_id == d.kadis.pk or (e.rater and e.rater.rater_id == d.kadis.pk)}
    assert shown and {row["NIP"].value for row in printed} - {None} == shown
    assert sorted(row["Nama"].value for row in printed if row["NIP"].value is None) == sorted(
        e.name for e in below if e.nip not in shown)
    assert d.staff.nip not in shown


def test_the_export_is_for_hr_and_leaders_only_everyone_else_gets_404(march, client_for, gql):
    d = march
    section = OrgUnit.objects.get(code="DISDIK-SD-KUR")
    url = f"/dokumen/disiplin/{section.pk}/{YEAR}/{MONTH}.xlsx"
    kabid = client_for(d.kabid.user.username)
    assert [row[0].value for row in download(kabid, "DISDIK-SD-KUR")["Disiplin Harian"].iter_rows(
        min_row=HEADER_ROW + 1)] == SECTION_NAMES
    variables = {"u": unit("DISDIK-SD-KUR"), "y": YEAR, "m": MONTH}
    for username in (HR_DINKES, d.staff.user.username, d.peer.user.username, d.other_rater.user.username):
        client = client_for(username)
        assert code(client, EXPORT, variables) == "NOT_FOUND", username
        assert get(client, url).status_code == 404, username
    # A rater who does not lead the unit: her rows in the list, but not the unit's export.
    kasi = client_for(d.kasi.user.username)
    division = OrgUnit.objects.get(code="DISDIK-SD")
    assert code(kasi, EXPORT, {**variables, "u": unit("DISDIK-SD")}) == "NOT_FOUND"
    assert get(kasi, f"/dokumen/disiplin/{division.pk}/{YEAR}/{MONTH}.xlsx").status_code == 404
    assert gql.http.get(url).status_code == 404
    assert code(gql, EXPORT, variables) == "UNAUTHENTICATED"
    hr = client_for(HR_ALL)
    for bad in (f"/dokumen/disiplin/{section.pk}/{YEAR}/13.xlsx", f"/dokumen/disiplin/{section.pk}/1999/3.xlsx",
                f"/dokumen/disiplin/999999/{YEAR}/3.xlsx"):
        assert get(hr, bad).status_code == 404, bad


def test_the_list_reads_in_the_same_number_of_queries_for_3_or_50_employees(demo_db, settings):
    """In process (the counter sees this thread's connection): the whole request, sign-in included."""
    settings.KINERJA_DAILY_GRACE_DAYS = 1
    scenario = Scenario()
    organization_import(units_csv=UNITS_CSV, employees_csv=employees_csv(0, 3))
    client = Client()
    client.force_login(Employee.objects.get(name=demo_db.kadis.name).user)  # leads DISDIK, above RKP
    counts = []
    for size in (3, 50):
        if size == 50:
            organization_import(units_csv=UNITS_CSV, employees_csv=employees_csv(3, 50))
        for employee in Employee.objects.filter(unit__code="RKP", daily_entries__isnull=True):
            scenario.entry(employee, D(2), at(D(2)))
            scenario.leave_for(employee, D(3), D(4))
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", json.dumps({"query": DISCIPLINE, "variables": {
                "u": unit("RKP"), "y": YEAR, "m": MONTH, "first": 100}}), content_type="application/json")
        body = response.json()
        assert "errors" not in body, body
        edges = body["data"]["discipline"]["edges"]
        assert len(edges) == size == body["data"]["discipline"]["totalCount"]
        assert {e["node"]["onTime"] for e in edges} == {1}
        assert all(e["node"]["employee"]["nip"] for e in edges)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # totalCount is one COUNT query more, and only when asked for.
    with CaptureQueriesContext(connection) as queries:
        body = client.post("/graphql/", json.dumps({"query": DISCIPLINE.replace("totalCount ", ""), "variables": {
            "u": unit("RKP"), "y": YEAR, "m": MONTH, "first": 100}}), content_type="application/json").json()
    assert "totalCount" not in body["data"]["discipline"]
    assert len(queries) == counts[1] - 1, [q["sql"] for q in queries.captured_queries]
