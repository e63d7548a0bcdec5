"""The XLSX recap (rekap kinerja) over real HTTP, as HR gets it: the address from GraphQL
``performanceRecap``, the file from the download view, opened with openpyxl — cell values and
cell TYPES (a NIP stays text, dates are dates, shares and credit points are numbers), the frozen
and filtered header, the R-DIST sheet against ``distributionCheck``, who may download which unit,
and a query count that does not grow with the number of employees."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import httpx
import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.organization.importer import organization_import
from apps.organization.models import Employee, OrgUnit
from apps.performance import services
from apps.performance.documents import recap
from apps.performance.models import Evaluation, PerformancePeriod, PerformancePlan

from ..conftest import gid
from ..performance.test_quarter import DIST, EVALS, OPEN, ORG, RATE
from ..workflow.helpers import COMPLETE, complete

YEAR = 2026
RECAP = """query($u: ID!, $y: Int!, $p: ID) { performanceRecap(unitId: $u, year: $y, periodId: $p) {
  url filename contentType } }"""
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 7  # below the title block: title, government, unit, period, generated at, a note line
EMPLOYEES, DISTRIBUTION = "Rekap Pegawai", "Distribusi (R-DIST)"


@pytest.fixture
def demo_year(published):
    """`make run`'s demo year: SKP approved down the DISDIK chain, TW I final for the curriculum
    section's Agus (Baik) with the section rated BAIK, another evaluation waiting for the rater."""
    call_command("load_demo_year", "--year", str(YEAR), stdout=io.StringIO())
    return published


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def quarter_one() -> PerformancePeriod:
    return PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=1)


def recap_link(client, unit_code: str, period: PerformancePeriod | None = None, year: int = YEAR) -> dict:
    return client.data(RECAP, {"u": gid("OrgUnit", unit(unit_code).pk), "y": year,
                               "p": gid("PerformancePeriod", period.pk) if period else None})["performanceRecap"]


def get(client, url: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {client.token}"} if client.token else {}
    return client.http.get(url, headers=headers)


def download(client, unit_code: str, period: PerformancePeriod | None = None) -> openpyxl.Workbook:
    link = recap_link(client, unit_code, period)
    response = get(client, link["url"])
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == link["contentType"] == XLSX
    assert link["filename"] in response.headers["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def header(ws) -> list[str]:
    return [c.value for c in ws[HEADER_ROW] if c.value is not None]


def rows(ws) -> list[dict]:
    """The table under the header as dicts of cells (values and types to assert)."""
    titles = header(ws)
    return [dict(zip(titles, line)) for line in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(titles))]


def every_nip(employee) -> bool:  # the viewer of an in-process render: HR of the whole regency
    return True


def by_nip(ws) -> dict[str, dict]:
    return {row["NIP"].value: row for row in rows(ws)}


def subtree_nips(code: str) -> set[str]:
    return set(Employee.objects.filter(is_active=True, unit__path__startswith=unit(code).path)
               .values_list("nip", flat=True))


def assert_table_shape(ws, row_count: int) -> None:
    assert ws.freeze_panes == f"B{HEADER_ROW + 1}"  # the header row (and the names) stay in view
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:{ws.cell(HEADER_ROW, len(header(ws))).column_letter}" \
                                 f"{HEADER_ROW + max(row_count, 1)}"
    assert all(c.font.b for c in ws[HEADER_ROW] if c.value)


def test_hr_downloads_the_recap_of_dinas_pendidikan_for_the_year(demo_year, client_for):
    d = demo_year
    workbook = download(client_for("rina.anggraini"), "DISDIK")
    assert workbook.sheetnames == [EMPLOYEES, DISTRIBUTION]
    ws = workbook[EMPLOYEES]
    assert ws["B2"].value == "Pemerintah Kabupaten Lebong"
    assert ws["B3"].value == "Dinas Pendidikan dan Kebudayaan (beserta sub-unit)"
    assert ws["B4"].value == f"Tahun {YEAR}"
    generated = ws["B5"].value  # a real date-time, WIB wall time, its zone beside it
    assert isinstance(generated, dt.datetime) and ws["C5"].value == "WIB"
    assert abs(generated - timezone.localtime().replace(tzinfo=None)) < dt.timedelta(minutes=2)
    assert header(ws) == ["Nama", "NIP", "Pangkat/Golongan", "Jenis", "Jabatan", "Kelas jabatan", "Unit kerja",
                          "Status SKP", "Tanggal SKP ditetapkan", "Status penilaian", "Rating hasil kerja",
                          "Rating perilaku kerja", "Predikat", "Capaian kinerja organisasi", "Angka kredit"]
    table = by_nip(ws)
    assert set(table) == subtree_nips("DISDIK") and len(rows(ws)) == len(table) == 15
    assert_table_shape(ws, len(table))
    for nip, row in table.items():  # an 18-digit NIP stays text, never 1.98E+17
        assert isinstance(nip, str) and len(nip) == 18 and row["NIP"].number_format == "@"

    kadis = table[d.kadis.nip]
    assert kadis["Nama"].value == "Zulkifli Lubis" and kadis["Jenis"].value == "PNS"
    assert kadis["Pangkat/Golongan"].value == d.kadis.rank != ""
    assert kadis["Kelas jabatan"].value == "Jabatan pimpinan tinggi (JPT)"
    assert kadis["Status SKP"].value == "Ditetapkan"
    approved = PerformancePlan.objects.get(employee=d.kadis, year=YEAR).approved_at
    assert isinstance(kadis["Tanggal SKP ditetapkan"].value, dt.datetime)
    assert kadis["Tanggal SKP ditetapkan"].value.date() == timezone.localdate(approved)
    assert kadis["Tanggal SKP ditetapkan"].number_format == "DD/MM/YYYY"
    # No annual evaluation yet: nothing rated, nothing predicated.
    assert kadis["Status penilaian"].value == "Belum dibuka" and kadis["Predikat"].value is None
    statuses = {row["Nama"].value: row["Status SKP"].value for row in table.values()}
    assert statuses["Fitri Effendi"] == "Diajukan" and statuses["Mulyadi Suryani"] == "Draf"
    pppk = next(row for row in table.values() if row["Nama"].value == "Fitri Anggraini")
    assert pppk["Jenis"].value == "PPPK" and pppk["Tanggal SKP ditetapkan"].value is None
    # No unit rated for the year yet: an empty R-DIST table, saying why, under the same header row.
    sheet = workbook[DISTRIBUTION]
    assert header(sheet)[:3] == ["Kode unit", "Unit kerja", "Capaian kinerja organisasi"] and rows(sheet) == []
    assert sheet["A6"].value == "Belum ada capaian kinerja organisasi yang ditetapkan untuk periode ini."
    assert sheet.freeze_panes == f"B{HEADER_ROW + 1}"


def test_the_recap_of_a_quarter_and_its_distribution_sheet_match_distribution_check(demo_year, client_for):
    d = demo_year
    hr = client_for("rina.anggraini")
    q1 = quarter_one()
    # Above the section (BAIK): its division, rated by its parent's leader, and the agency, rated
    # by HR (no leader above it in the system).
    q1_id = gid("PerformancePeriod", q1.pk)
    client_for(d.kadis.user.username).data(ORG, {"u": gid("OrgUnit", unit("DISDIK-SD").pk), "p": q1_id,
                                                 "r": "BUTUH_PERBAIKAN"})
    hr.data(ORG, {"u": gid("OrgUnit", unit("DISDIK").pk), "p": q1_id, "r": "ISTIMEWA"})
    workbook = download(hr, "DISDIK", q1)
    ws = workbook[EMPLOYEES]
    assert ws["B4"].value == f"Triwulan I {YEAR}"
    table = by_nip(ws)
    agus = table[d.staff.nip]
    assert (agus["Status penilaian"].value, agus["Rating hasil kerja"].value, agus["Rating perilaku kerja"].value,
            agus["Predikat"].value) == ("Final", "Sesuai ekspektasi", "Di atas ekspektasi", "Baik")
    # Each employee: the organizational rating of their own unit (R-ORG: the one the approval needs).
    org = {row["Nama"].value: row["Capaian kinerja organisasi"].value for row in table.values()}
    assert org[d.staff.name] == org[d.kasi.name] == "Baik"                    # the section's own
    assert org[d.kabid.name] == org["Fitri Effendi"] == "Butuh Perbaikan"    # the division's
    assert org[d.kadis.name] == "Istimewa"                                   # the agency's own
    assert org["Edi Rahman"] is None and org["Sri Hidayat"] is None          # its unrated school: none
    # Self-assessed, waiting for the rater: nothing rated yet.
    waiting = table[d.peer.nip]
    assert waiting["Status penilaian"].value == "Dinilai pejabat penilai" and waiting["Predikat"].value is None

    # Three rated units cost what one does (tests below: 6 queries for one).
    agency = unit("DISDIK")
    with CaptureQueriesContext(connection) as captured:
        recap.render(agency, YEAR, q1, every_nip)
    assert len(captured) == 6

    sheet = workbook[DISTRIBUTION]
    assert sheet["B4"].value == f"Triwulan I {YEAR}"
    distribution = rows(sheet)
    assert_table_shape(sheet, len(distribution))
    assert [row["Kode unit"].value for row in distribution] == ["DISDIK", "DISDIK-SD", "DISDIK-SD-KUR"]  # rated
    labels = {"SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
              "KURANG": "Kurang/Misconduct", "SANGAT_KURANG": "Sangat Kurang"}
    for row in distribution:
        check = hr.data(DIST, {"u": gid("OrgUnit", unit(row["Kode unit"].value).pk),
                               "p": gid("PerformancePeriod", q1.pk)})["distributionCheck"]
        assert {"ISTIMEWA": "Istimewa", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan"}[check["orgRating"]] \
            == row["Capaian kinerja organisasi"].value
        assert row["Jumlah pegawai berpredikat"].value == sum(c["count"] for c in check["counts"]) == 1
        for count in check["counts"]:
            label = labels[count["predicate"]]
            assert row[f"{label} (jumlah)"].value == count["count"]
            share = row[f"{label} (%)"]
            assert isinstance(share.value, (int, float)) and "%" in share.number_format
            assert share.value * 100 == pytest.approx(count["percent"])
        assert row["Baik (%)"].value == 1  # Agus, 1 of 1: shown as 100.00%
        assert row["Memenuhi R-DIST"].value == ("Tidak" if check["violations"] else "Ya")
        violations = row["Pelanggaran"].value.split("\n") if row["Pelanggaran"].value else []
        assert violations == [v["message"] for v in check["violations"]]
    assert [row["Memenuhi R-DIST"].value for row in distribution] == ["Ya", "Tidak", "Tidak"]
    # What each rating allows, in the regulation's words (Indonesian).
    assert distribution[0]["Distribusi yang diizinkan"].value == "Paling banyak 70% boleh berpredikat Sangat Baik."
    assert set(distribution[1]["Distribusi yang diizinkan"].value.split("\n")) == {
        "Paling sedikit 60% harus berpredikat Butuh Perbaikan.", "Paling banyak 10% boleh berpredikat Sangat Baik."}
    assert set(distribution[2]["Distribusi yang diizinkan"].value.split("\n")) == {
        "Paling banyak 70% boleh berpredikat Baik.",
        "Paling sedikit satu pegawai harus berpredikat Butuh Perbaikan atau Kurang."}


def test_credit_points_of_a_functional_position_in_the_year_recap(demo_year, client_for):
    """R-CREDIT through the annual round of Agus, now a functional 'Ahli Muda' (coefficient 25),
    rated Sangat Baik (150 %) in a unit rated Istimewa."""
    d = demo_year
    agus = d.staff  # found by position title, which changes next
    position = agus.position
    position.position_class, position.title = "FUNGSIONAL", "Pengembang Teknologi Pembelajaran Ahli Muda"
    position.save()
    hr, staff = client_for("rina.anggraini"), client_for(agus.user.username)
    kasi, kabid = client_for(d.kasi.user.username), client_for(d.kabid.user.username)
    section, year = gid("OrgUnit", d.kasi.unit_id), PerformancePeriod.objects.get(year=YEAR, kind="YEAR")
    year_id = gid("PerformancePeriod", year.pk)
    hr.data(OPEN, {"p": year_id, "u": section})

    def annual(client):
        plan = PerformancePlan.objects.get(employee=agus, year=YEAR)
        evaluations = client.data(EVALS, {"p": gid("PerformancePlan", plan.pk)})["evaluations"]
        return next(e for e in evaluations if e["period"]["kind"] == "YEAR")

    def task(evaluation, bpmn_id):
        return next(t["id"] for t in evaluation["processInstance"]["activeTasks"] if t["bpmnId"] == bpmn_id)

    complete(staff, task(annual(staff), "self_assess"), {"decision": "SUBMIT"})
    evaluation = annual(kasi)
    kasi.data(RATE, {"e": evaluation["id"], "r": "DI_ATAS_EKSPEKTASI", "b": "DI_ATAS_EKSPEKTASI"})
    kabid.data(ORG, {"u": section, "p": year_id, "r": "ISTIMEWA"})
    kasi.data(COMPLETE, {"id": task(evaluation, "rate"), "d": {"decision": "APPROVE",
                                                               "overrideReason": "Satu-satunya pegawai dinilai."}})
    # Rated, not yet approved by the rater's supervisor: the recap shows no rating before FINAL.
    pending = by_nip(download(hr, "DISDIK")[EMPLOYEES])[agus.nip]
    assert pending["Status penilaian"].value == "Menunggu persetujuan atasan"
    assert (pending["Rating hasil kerja"].value, pending["Predikat"].value) == (None, None)
    complete(kabid, task(annual(kabid), "approve"), {"decision": "APPROVE"})
    complete(kasi, task(annual(kasi), "follow_up"), {"decision": "SUBMIT", "items": []})
    assert Evaluation.objects.get(plan__employee=agus, period=year).credit_points == Decimal("37.500")

    table = by_nip(download(hr, "DISDIK")[EMPLOYEES])
    row = table[agus.nip]
    assert row["Predikat"].value == "Sangat Baik" and row["Kelas jabatan"].value == "Fungsional"
    assert row["Capaian kinerja organisasi"].value == "Istimewa"  # the annual period's R-ORG
    credit = row["Angka kredit"]
    assert isinstance(credit.value, (int, float)) and credit.value == 37.5 and credit.number_format == "0.000"
    assert table[d.kasi.nip]["Angka kredit"].value is None  # structural: no credit points


def test_hr_of_dinas_kesehatan_gets_her_own_units_only(demo_year, client_for):
    lestari = client_for("lestari.oktaviani")
    error = lestari.error(RECAP, {"u": gid("OrgUnit", unit("DISDIK").pk), "y": YEAR, "p": None})
    assert error["extensions"]["code"] == "NOT_FOUND"
    own = recap_link(lestari, "DINKES")["url"]
    assert get(lestari, own.replace(f"/{unit('DINKES').pk}/", f"/{unit('DISDIK').pk}/")).status_code == 404
    q1 = quarter_one()
    assert get(lestari, f"/dokumen/rekap/{unit('DISDIK').pk}/{YEAR}/{q1.pk}.xlsx").status_code == 404

    table = by_nip(download(lestari, "DINKES")[EMPLOYEES])
    assert set(table) == subtree_nips("DINKES") and not set(table) & subtree_nips("DISDIK")


def test_a_staff_member_gets_not_found_even_for_their_own_unit(demo_year, client_for):
    d = demo_year
    staff = client_for(d.staff.user.username)
    section = unit("DISDIK-SD-KUR")
    error = staff.error(RECAP, {"u": gid("OrgUnit", section.pk), "y": YEAR, "p": None})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert get(staff, f"/dokumen/rekap/{section.pk}/{YEAR}.xlsx").status_code == 404
    assert get(staff, f"/dokumen/rekap/{section.pk}/{YEAR}/{quarter_one().pk}.xlsx").status_code == 404


def test_a_unit_leader_gets_their_unit_and_not_another_agency(demo_year, client_for):
    d = demo_year
    kadis = client_for(d.kadis.user.username)
    table = {row["Nama"].value: row["NIP"].value for row in rows(download(kadis, "DISDIK-SD")[EMPLOYEES])}
    below = Employee.objects.filter(is_active=True, unit__path__startswith=unit("DISDIK-SD").path)
    assert set(table) == {e.name for e in below}                     # everyone of a sub-unit of theirs
    # NIPs as the API shows them to the Kadis: those they rate and those their ratees rate; the
    # section's staff, two levels further down, are listed without one.
    shown = {e.name: e.nip for e in below if e.rater_id == d.kadis.pk or (e.rater and e.rater.rater_id == d.kadis.pk)}
    assert shown and {name: nip for name, nip in table.items() if nip} == shown
    assert table[d.staff.name] is None
    assert {row["Nama"].value for row in rows(download(kadis, "DISDIK", quarter_one())[EMPLOYEES])} == \
        {e.name for e in Employee.objects.filter(is_active=True, unit__path__startswith=unit("DISDIK").path)}
    assert kadis.error(RECAP, {"u": gid("OrgUnit", unit("DINKES").pk), "y": YEAR,
                               "p": None})["extensions"]["code"] == "NOT_FOUND"
    assert get(kadis, f"/dokumen/rekap/{unit('DINKES').pk}/{YEAR}.xlsx").status_code == 404


def test_anonymous_gets_404_and_a_missing_unit_is_not_found(demo_year, client_for, gql):
    disdik = unit("DISDIK").pk
    assert gql.http.get(f"/dokumen/rekap/{disdik}/{YEAR}.xlsx").status_code == 404
    assert gql.http.get(f"/dokumen/rekap/{disdik}/{YEAR}/{quarter_one().pk}.xlsx").status_code == 404
    assert gql.error(RECAP, {"u": gid("OrgUnit", disdik), "y": YEAR, "p": None})["extensions"]["code"] == \
        "UNAUTHENTICATED"
    hr = client_for("rina.anggraini")
    assert get(hr, f"/dokumen/rekap/999999/{YEAR}.xlsx").status_code == 404
    assert hr.error(RECAP, {"u": gid("OrgUnit", 999999), "y": YEAR, "p": None})["extensions"]["code"] == "NOT_FOUND"


def test_a_period_of_another_year_is_not_found(demo_year, client_for):
    hr = client_for("rina.anggraini")
    services.periods_create(year=YEAR + 1)
    other = PerformancePeriod.objects.get(year=YEAR + 1, kind="QUARTER", number=1)
    error = hr.error(RECAP, {"u": gid("OrgUnit", unit("DISDIK").pk), "y": YEAR,
                             "p": gid("PerformancePeriod", other.pk)})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert get(hr, f"/dokumen/rekap/{unit('DISDIK').pk}/{YEAR}/{other.pk}.xlsx").status_code == 404
    assert get(hr, f"/dokumen/rekap/{unit('DISDIK').pk}/{YEAR}/999999.xlsx").status_code == 404
    assert hr.error(RECAP, {"u": gid("OrgUnit", unit("DISDIK").pk), "y": YEAR,
                            "p": gid("PerformancePeriod", 999999)})["extensions"]["code"] == "NOT_FOUND"


# --- query count: constant in the number of employees -------------------------------------------

UNITS_CSV = "code,name,parent_code,kind\nRKP,Bidang Rekap,DISDIK,BIDANG\n"
EMPLOYEE_HEADER = "nip,name,email,username,unit_code,position,position_class,employment_type,supervisor_nip,acting_for_nip,roles,rank"


def employees_csv(first: int, last: int) -> str:
    """Staff of the new division RKP, the first its head; PNS NIPs 19900101 2015 MM 1 nnn."""
    lines = [EMPLOYEE_HEADER]
    for n in range(first, last):
        head = n == 0
        lines.append(f"19900101201501{1 + n % 2}{n + 1:03d},Pegawai Rekap {n:02d},,rekap{n},RKP,"
                     f"{'Kepala Bidang Rekap' if head else 'Analis Data Ahli Pertama'},"
                     f"{'ADMINISTRATOR' if head else 'FUNGSIONAL'},PNS,,,,Penata (III/c)")
    return "\n".join(lines) + "\n"


def test_the_recap_reads_in_a_constant_number_of_queries(demo_db, django_assert_num_queries):
    services.periods_create(year=YEAR)
    q1 = quarter_one()
    organization_import(units_csv=UNITS_CSV, employees_csv=employees_csv(0, 3))
    division = unit("RKP")
    services.org_rating_set(actor=Employee.objects.get(nip=demo_db.kadis.nip).user, unit=division, period=q1,
                            rating="BAIK")

    def open_plans_and_quarter():
        for employee in Employee.objects.filter(unit=division, plans__isnull=True):
            plan = PerformancePlan.objects.create(employee=employee, year=YEAR, status="APPROVED",
                                                  approved_at=timezone.now())
            Evaluation.objects.create(plan=plan, period=q1, status="FINAL", result_rating="SESUAI_EKSPEKTASI",
                                      behavior_rating="SESUAI_EKSPEKTASI", predicate="BAIK")

    open_plans_and_quarter()
    # 1 government, 1 employees, 1 plans, 1 evaluations, 1 org ratings, 1 predicates (R-DIST of
    # every rated unit at once).
    with django_assert_num_queries(6):
        three = recap.render(division, YEAR, q1, every_nip)
    organization_import(units_csv=UNITS_CSV, employees_csv=employees_csv(3, 50))
    open_plans_and_quarter()
    assert Employee.objects.filter(unit=division).count() == 50
    with django_assert_num_queries(6):
        fifty = recap.render(division, YEAR, q1, every_nip)
    sheets = [openpyxl.load_workbook(io.BytesIO(content))[EMPLOYEES] for content in (three, fifty)]
    assert [len(rows(ws)) for ws in sheets] == [3, 50]
    # Someone who left (the admin's "active" box unticked) is no longer in the recap.
    Employee.objects.filter(nip=rows(sheets[1])[-1]["NIP"].value).update(is_active=False)
    left = openpyxl.load_workbook(io.BytesIO(recap.render(division, YEAR, q1, every_nip)))[EMPLOYEES]
    assert len(rows(left)) == 49 and rows(sheets[1])[-1]["NIP"].value not in by_nip(left)
    assert all(row["Predikat"].value == "Baik" and row["Pangkat/Golongan"].value == "Penata (III/c)"
               for row in rows(sheets[1]))
    # The year recap: 1 more to find the annual period, and no unit rated for it.
    with django_assert_num_queries(6):
        recap.render(division, YEAR, None, every_nip)
