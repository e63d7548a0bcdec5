"""The PDF documents of the demo year, fetched over HTTP from the address their GraphQL object
gives: the SKP (approved, and a 30-result draft across pages), the periodic and the annual
evaluation, the predicate determination; their text read back with pypdf, the paper size, the
DRAFT watermark, and 404 / NOT_FOUND for everyone outside each document's audience. The first
page of each is saved as PNG under test-artifacts/documents/."""
from __future__ import annotations

import io
import re
from pathlib import Path

import httpx
import pypdfium2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from apps.organization.models import Employee, OrgUnit
from apps.performance import services
from apps.performance.documents.layout import indonesian_date
from apps.performance.models import (
    Evaluation,
    Indicator,
    PerformancePeriod,
    PerformancePlan,
    WorkResult,
)
from apps.workflow import services as workflow
from apps.workflow.models import HumanTask

from ..conftest import gid

YEAR = 2026
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "documents"
A4, F4 = (595.28, 841.89), (609.45, 935.43)  # points; F4 = 215 × 330 mm

PLAN_DOC = "query($id: ID!) { performancePlan(id: $id) { document { url filename contentType } } }"
EVALUATION_DOC = "query($id: ID!) { evaluation(id: $id) { status document { url filename contentType } } }"
PREDICATES_DOC = """query($u: ID!, $p: ID!) { predicateDetermination(unitId: $u, periodId: $p) {
  url filename contentType } }"""


# --- helpers ------------------------------------------------------------------------------------

@pytest.fixture
def demo_year(published):
    """The Tubei demo with `make run`'s year in progress (load_demo_year)."""
    call_command("load_demo_year", "--year", str(YEAR), stdout=io.StringIO())
    return published


def fetch(client, url: str) -> httpx.Response:
    """GET a download the way an API client does: with its bearer token, no cookies."""
    headers = {"Authorization": f"Bearer {client.token}"} if client.token else {}
    client.http.cookies.clear()
    return client.http.get(url, headers=headers)


def download(client, link: dict) -> bytes:
    response = fetch(client, link["url"])
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == link["contentType"] == "application/pdf"
    assert link["filename"] in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")
    return response.content


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text with whitespace collapsed (table cells wrap anywhere)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    return " ".join(pages_text(pdf))


def page_size(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def save_png(pdf: bytes, name: str, page: int = 0) -> Path:
    """A page rendered with pypdfium2 (a pip wheel) for people to look at (CI keeps the folder)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(pdf)
    try:
        path = ARTIFACTS / f"{name}.png"
        document[page].render(scale=150 / 72).to_pil().save(path)
    finally:
        document.close()
    return path


def plan_of(employee: Employee) -> PerformancePlan:
    return PerformancePlan.objects.get(employee=employee, year=YEAR)


def q1() -> PerformancePeriod:
    return PerformancePeriod.objects.get(year=YEAR, kind="QUARTER", number=1)


def person_facts(employee: Employee) -> list[str]:
    employee.refresh_from_db()
    assert employee.rank, "the demo gives every employee a rank (pangkat/golongan)"
    return [employee.name, employee.nip, employee.rank, employee.position.title]


def add_results(plan: PerformancePlan, count: int) -> None:
    """Grow a plan to ``count`` work results of two indicators each, hanging off the same
    parent as its first one (planning itself is tested in tests/performance)."""
    first = plan.work_results.first()
    parents = list(first.parents.all()) if first else []
    for n in range(plan.work_results.count() + 1, count + 1):
        result = WorkResult.objects.create(
            plan=plan, position=n, type="UTAMA" if n <= count - 6 else "TAMBAHAN",
            text=f"Rencana hasil kerja nomor {n}: verifikasi dan pemutakhiran data sekolah dasar wilayah {n}")
        result.parents.set(parents)
        Indicator.objects.create(work_result=result, aspect="KUANTITAS", target=str(n), unit="sekolah",
                                 text=f"Sekolah terverifikasi ≥ {n} – tepat’ waktu")
        Indicator.objects.create(work_result=result, aspect="KUALITAS", text="Persentase data valid", target="95",
                                 unit="%")


# --- SKP ----------------------------------------------------------------------------------------

def test_the_approved_skp_shows_both_people_the_results_behaviours_and_the_approval(demo_year, client_for):
    d = demo_year
    plan = plan_of(d.staff)
    staff = client_for(d.staff.user.username)
    link = staff.data(PLAN_DOC, {"id": gid("PerformancePlan", plan.pk)})["performancePlan"]["document"]
    assert link["filename"] == f"SKP-{YEAR}-{d.staff.nip}.pdf"
    pdf = download(staff, link)
    text = text_of(pdf)
    approved = indonesian_date(timezone.localtime(plan.approved_at).date())
    for expected in ["SASARAN KINERJA PEGAWAI", "PEMERINTAH KABUPATEN LEBONG", "SEKSI KURIKULUM DAN PENILAIAN SD",
                     f"PERIODE PENILAIAN: 1 JANUARI – 31 DESEMBER {YEAR}", "PEGAWAI YANG DINILAI",
                     "PEJABAT PENILAI KINERJA", *person_facts(d.staff), *person_facts(d.kasi),
                     "A. UTAMA", "B. TAMBAHAN", "Penilaian pelaksanaan kurikulum SD",  # the rater's result
                     "Instrumen penilaian kurikulum", "Kuantitas", "Jumlah instrumen penilaian kurikulum", "4 dokumen",
                     "Waktu", "Ketepatan waktu", "12 bulan", "PERILAKU KERJA", "Berorientasi Pelayanan",
                     "Memahami dan memenuhi kebutuhan masyarakat", "Kolaboratif", "EKSPEKTASI KHUSUS PIMPINAN",
                     "LAMPIRAN SASARAN KINERJA PEGAWAI", "DUKUNGAN SUMBER DAYA", "SKEMA PERTANGGUNGJAWABAN",
                     "KONSEKUENSI", f"Ditetapkan pada {approved}", f"Tubei, {approved}", "Pegawai yang Dinilai",
                     "Pejabat Penilai Kinerja"]:
        assert expected in text, expected
    assert "DRAFT" not in text  # approved: no watermark
    pages = pages_text(pdf)
    assert [re.search(r"Halaman (\d+) dari (\d+)", p).groups() for p in pages] == \
        [(str(n), str(len(pages))) for n in range(1, len(pages) + 1)]
    assert page_size(pdf) == A4
    save_png(pdf, "document-skp")


def test_a_30_result_draft_skp_runs_over_pages_with_its_header_on_each(demo_year, client_for):
    d = demo_year
    plan = PerformancePlan.objects.get(year=YEAR, revision_notes__startswith="Tambahkan")  # sent back: a draft
    add_results(plan, 30)
    plan.attachments = {"resources": ["Akses Dapodik"], "accountability": ["Laporan bulanan kepada Kepala Seksi"],
                        "consequences": ["Teguran tertulis bila terlambat"]}
    plan.save()
    rater = client_for(d.kasi.user.username)  # the rater sees the plan too
    pdf = download(rater, rater.data(PLAN_DOC, {"id": gid("PerformancePlan", plan.pk)})["performancePlan"]["document"])
    pages = pages_text(pdf)
    assert len(pages) >= 4
    with_results = [p for p in pages if "Rencana hasil kerja nomor" in p]
    assert len(with_results) >= 2
    for page in with_results:  # the header repeats on every page the table runs over
        assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI RENCANA HASIL KERJA ASPEK INDIKATOR KINERJA " \
               "INDIVIDU TARGET" in page
    text = " ".join(pages)
    for n in range(2, 31):
        assert f"Rencana hasil kerja nomor {n}:" in text and f"{n} sekolah" in text
    assert text.index("A. UTAMA") < text.index("nomor 24:") < text.index("B. TAMBAHAN") < text.index("nomor 25:")
    # Characters beyond the built-in font are spelled out, its own dashes and quotes kept.
    assert "Sekolah terverifikasi >= 30 – tepat’ waktu" in text
    assert all("DRAFT" in page for page in pages)  # the watermark on every page
    assert "Belum ditetapkan (status: Draf)" in text and "Ditetapkan pada" not in text
    assert f"Tubei, {indonesian_date(timezone.localdate())}" in text
    for expected in ["Akses Dapodik", "Laporan bulanan kepada Kepala Seksi", "Teguran tertulis bila terlambat"]:
        assert expected in text
    save_png(pdf, "document-skp-30-results-page-2", page=1)


def test_paper_and_place_follow_the_settings(demo_year, client_for, settings):
    d = demo_year
    staff = client_for(d.staff.user.username)
    link = staff.data(PLAN_DOC, {"id": gid("PerformancePlan", plan_of(d.staff).pk)})["performancePlan"]["document"]
    assert page_size(download(staff, link)) == A4
    settings.KINERJA_DOCUMENT_PAPER, settings.KINERJA_DOCUMENT_PLACE = "F4", "Muara Aman"  # the server is in-process
    pdf = download(staff, link)
    assert page_size(pdf) == F4
    assert "Muara Aman, " in text_of(pdf) and "Tubei, " not in text_of(pdf)


# --- evaluation ---------------------------------------------------------------------------------

def test_the_final_quarter_evaluation_shows_realizations_ratings_and_predicate(demo_year, client_for):
    d = demo_year
    evaluation = Evaluation.objects.get(plan__employee=d.staff, period=q1())
    result = plan_of(d.staff).work_results.get()
    Evaluation.objects.filter(pk=evaluation.pk).update(
        result_feedback={str(result.pk): "Instrumen kelas 4–6 menyusul di TW II."})
    staff = client_for(d.staff.user.username)
    found = staff.data(EVALUATION_DOC, {"id": gid("Evaluation", evaluation.pk)})["evaluation"]
    assert found["status"] == "FINAL"
    assert found["document"]["filename"] == f"Evaluasi-{YEAR}-TW1-{d.staff.nip}.pdf"
    pdf = download(staff, found["document"])
    text = text_of(pdf)
    for expected in ["EVALUASI KINERJA PEGAWAI", "PERIODE: TRIWULAN I", "PEMERINTAH KABUPATEN LEBONG",
                     f"PERIODE PENILAIAN: 1 JANUARI – 31 MARET {YEAR}", "PEGAWAI YANG DINILAI",
                     "PEJABAT PENILAI KINERJA", "ATASAN PEJABAT PENILAI KINERJA",
                     *person_facts(d.staff), *person_facts(d.kasi), *person_facts(d.kabid),
                     "CAPAIAN KINERJA ORGANISASI BAIK", "Instrumen penilaian kurikulum", "4 dokumen",
                     "1 dokumen Instrumen kelas 1-3 selesai",  # realization with its note
                     "Instrumen kelas 4–6 menyusul di TW II.",  # feedback on the result
                     "RATING HASIL KERJA SESUAI EKSPEKTASI", "RATING PERILAKU KERJA DI ATAS EKSPEKTASI",
                     "PREDIKAT KINERJA PEGAWAI BAIK", "Aktif membantu rekan satu seksi.",
                     "Sesuai rencana, pertahankan.",
                     "Pegawai yang Dinilai", "Pejabat Penilai Kinerja"]:
        assert expected in text, expected
    finalized = indonesian_date(timezone.localtime(evaluation.finalized_at).date())
    assert f"Tubei, {finalized}" in text
    assert "DRAFT" not in text and "RENCANA PENGEMBANGAN" not in text
    save_png(pdf, "document-evaluation")


def test_an_evaluation_waiting_for_its_rater_is_a_draft(demo_year, client_for):
    d = demo_year
    evaluation = Evaluation.objects.get(plan__employee=d.peer, period=q1())
    assert evaluation.status == "RATING"
    peer = client_for(d.peer.user.username)
    pdf = download(peer, peer.data(EVALUATION_DOC, {"id": gid("Evaluation", evaluation.pk)})["evaluation"]["document"])
    pages = pages_text(pdf)
    assert all("DRAFT" in page for page in pages)
    assert "PREDIKAT KINERJA PEGAWAI BELUM DINILAI" in " ".join(pages)


def _task(employee, bpmn_id):
    return HumanTask.objects.get(subject=employee, bpmn_id=bpmn_id, state="READY", instance__key="annual_review")


def test_the_annual_evaluation_has_the_supervisors_signature_and_the_development_plan(demo_year, client_for):
    d = demo_year
    hr, staff, kasi, kabid = (Employee.objects.select_related("user").get(pk=e.pk)
                              for e in (d.hr_all, d.staff, d.kasi, d.kabid))
    year = PerformancePeriod.objects.get(year=YEAR, kind="YEAR")
    services.review_period_open(actor=hr.user, period=year, unit=kasi.unit)
    workflow.task_complete(actor=staff.user, task_id=_task(staff, "self_assess").pk, data={"decision": "SUBMIT"})
    evaluation = Evaluation.objects.get(plan__employee=staff, period=year)
    services.evaluation_rate(actor=kasi.user, evaluation=evaluation, result_rating="DI_ATAS_EKSPEKTASI",
                             behavior_rating="DI_ATAS_EKSPEKTASI", feedback="Pertahankan kinerja.",
                             behavior_feedback={})
    services.org_rating_set(actor=kabid.user, unit=kasi.unit, period=year, rating="ISTIMEWA")
    workflow.task_complete(actor=kasi.user, task_id=_task(staff, "rate").pk, data={
        "decision": "APPROVE", "overrideReason": "Satu-satunya pegawai yang dinilai tahunan."})
    workflow.task_complete(actor=kabid.user, task_id=_task(staff, "approve").pk, data={"decision": "APPROVE"})
    workflow.task_complete(actor=kasi.user, task_id=_task(staff, "follow_up").pk, data={"decision": "SUBMIT", "items": [
        {"need": "Asesmen kurikulum merdeka", "activity": "Pelatihan daring 3 hari"}]})

    client = client_for(kabid.user.username)  # the rater's supervisor sees it too
    found = client.data(EVALUATION_DOC, {"id": gid("Evaluation", evaluation.pk)})["evaluation"]
    assert found["status"] == "FINAL"
    text = text_of(download(client, found["document"]))
    for expected in ["PERIODE: TAHUNAN", f"1 JANUARI – 31 DESEMBER {YEAR}", "CAPAIAN KINERJA ORGANISASI ISTIMEWA",
                     "PREDIKAT KINERJA PEGAWAI SANGAT BAIK", "RENCANA PENGEMBANGAN", "Asesmen kurikulum merdeka",
                     "Pelatihan daring 3 hari", "Satu-satunya pegawai yang dinilai tahunan.",
                     "Atasan Pejabat Penilai Kinerja", kabid.name, kabid.nip]:
        assert expected in text, expected
    assert "DRAFT" not in text


# --- predicate determination --------------------------------------------------------------------

def test_the_predicate_determination_lists_everyone_against_the_allowed_distribution(demo_year, client_for):
    d = demo_year
    section = d.kasi.unit
    Evaluation.objects.filter(plan__employee=d.staff, period=q1()).update(
        override_reason="Baru satu pegawai yang final di TW I.")
    variables = {"u": gid("OrgUnit", section.pk), "p": gid("PerformancePeriod", q1().pk)}
    hr = client_for(d.hr_all.user.username)
    link = hr.data(PREDICATES_DOC, variables)["predicateDetermination"]
    assert link["filename"] == f"Penetapan-Predikat-DISDIK-SD-KUR-{YEAR}-TW1.pdf"
    pdf = download(hr, link)
    text = text_of(pdf)
    staff_of_section = Employee.objects.filter(unit=section, is_active=True)
    assert staff_of_section.count() == 4
    for expected in ["PENETAPAN PREDIKAT KINERJA PEGAWAI", "SEKSI KURIKULUM DAN PENILAIAN SD",
                     f"PERIODE: TRIWULAN I TAHUN {YEAR}", "CAPAIAN KINERJA ORGANISASI BAIK",
                     "Baik 1 100,0 %", "Sangat Baik 0 0,0 %", "Jumlah 1 100,0 %",
                     # R-DIST for an organizational rating of BAIK, both broken by a single BAIK:
                     "Paling banyak 70% boleh berpredikat Baik. Tidak terpenuhi",
                     "Baru satu pegawai yang final di TW I.",
                     *(fact for e in staff_of_section for fact in (e.name, e.nip, e.rank)),
                     d.kasi.position.title]:  # the leader signs
        assert expected in text, expected
    assert text.count("belum final") == 3
    assert f"{d.staff.name} NIP. {d.staff.nip}" in text
    assert "DRAFT" not in text
    save_png(pdf, "document-predicates")
    # The section's leader (who signs it) may download it too.
    leader = client_for(d.kasi.user.username)
    assert fetch(leader, link["url"]).status_code == 200


def test_a_leader_above_sees_the_nips_the_api_shows_them_and_no_others(demo_year, client_for):
    """The Kadis reads the agency's predicate determination: everyone is listed, with the NIP of
    those they rate or approve (the API's personal-details rule); the section's staff, further
    down, without one."""
    d = demo_year
    variables = {"u": gid("OrgUnit", d.kadis.unit.pk), "p": gid("PerformancePeriod", q1().pk)}
    kadis = client_for(d.kadis.user.username)
    text = text_of(download(kadis, kadis.data(PREDICATES_DOC, variables)["predicateDetermination"]))
    assert d.staff.name in text and d.staff.nip not in text and f"{d.staff.name} NIP. -" in text
    assert f"{d.kabid.name} NIP. {d.kabid.nip}" in text                # rated by the Kadis
    assert f"{d.kasi.name} NIP. {d.kasi.nip}" in text                  # rated by the Kadis's ratee
    hr = client_for(d.hr_all.user.username)                            # HR sees every NIP
    assert d.staff.nip in text_of(download(hr, hr.data(PREDICATES_DOC, variables)["predicateDetermination"]))
    # A period that does not exist is NOT_FOUND, as from the download address.
    missing = hr.error(PREDICATES_DOC, {"u": variables["u"], "p": gid("PerformancePeriod", 999999)})
    assert missing["extensions"]["code"] == "NOT_FOUND"
    assert fetch(hr, f"/dokumen/penetapan-predikat/{d.kadis.unit.pk}/999999.pdf").status_code == 404


# --- the audience -------------------------------------------------------------------------------

def test_outside_the_audience_a_document_does_not_exist(demo_year, client_for, live_server):
    d = demo_year
    plan = plan_of(d.staff)
    evaluation = Evaluation.objects.get(plan=plan, period=q1())
    section, period = d.kasi.unit, q1()
    urls = {"plan": f"/dokumen/skp/{plan.pk}.pdf", "evaluation": f"/dokumen/evaluasi/{evaluation.pk}.pdf",
            "predicates": f"/dokumen/penetapan-predikat/{section.pk}/{period.pk}.pdf"}
    assert fetch(client_for(d.staff.user.username), urls["plan"]).status_code == 200  # the right URLs

    nurse, peer = client_for(d.nurse.user.username), client_for(d.peer.user.username)  # another unit; a peer
    staff, hr_dinkes = client_for(d.staff.user.username), client_for(d.hr_dinkes.user.username)
    assert fetch(nurse, urls["plan"]).status_code == 404
    assert nurse.error(PLAN_DOC, {"id": gid("PerformancePlan", plan.pk)})["extensions"]["code"] == "NOT_FOUND"
    assert fetch(peer, urls["evaluation"]).status_code == 404
    assert peer.error(EVALUATION_DOC, {"id": gid("Evaluation", evaluation.pk)})["extensions"]["code"] == "NOT_FOUND"
    variables = {"u": gid("OrgUnit", section.pk), "p": gid("PerformancePeriod", period.pk)}
    for outsider in (staff, hr_dinkes):  # staff of the unit itself; HR of another unit
        assert fetch(outsider, urls["predicates"]).status_code == 404
        assert outsider.error(PREDICATES_DOC, variables)["extensions"]["code"] == "NOT_FOUND"
    with httpx.Client(base_url=live_server.url) as anonymous:
        for url in urls.values():
            assert anonymous.get(url).status_code == 404
    # Ids that do not exist look the same as those one may not see.
    hr = client_for(d.hr_all.user.username)
    assert fetch(hr, f"/dokumen/penetapan-predikat/{section.pk}/999999.pdf").status_code == 404
    assert fetch(hr, f"/dokumen/penetapan-predikat/999999/{period.pk}.pdf").status_code == 404
    assert fetch(hr, "/dokumen/skp/999999.pdf").status_code == 404
    assert OrgUnit.objects.filter(pk=999999).count() == 0


def test_a_top_officials_skp_groups_results_by_perspective_under_the_org_goal(demo_year, client_for):
    d = demo_year
    plan = plan_of(d.sekda)  # JPT: cascades from the regional government's goal
    WorkResult.objects.filter(plan=plan).update(perspective="PENERIMA_LAYANAN")
    hr = client_for(d.hr_all.user.username)
    link = hr.data(PLAN_DOC, {"id": gid("PerformancePlan", plan.pk)})["performancePlan"]["document"]
    text = text_of(download(hr, link))
    assert "A. UTAMA Perspektif: Penerima layanan 1 Meningkatnya kualitas tata kelola pemerintahan daerah " \
           "Laporan evaluasi tata kelola perangkat daerah" in text


def test_text_longer_than_a_page_runs_over_pages_instead_of_failing(demo_year, client_for):
    d = demo_year
    plan = plan_of(d.staff)
    WorkResult.objects.filter(plan=plan).update(text="Uraian panjang " * 900 + "AKHIR-URAIAN")
    evaluation = Evaluation.objects.get(plan=plan, period=q1())
    result = plan.work_results.get()
    Evaluation.objects.filter(pk=evaluation.pk).update(
        result_feedback={str(result.pk): "Umpan balik panjang " * 700 + "AKHIR-UMPAN-BALIK"})
    staff = client_for(d.staff.user.username)
    skp_pages = pages_text(download(staff, staff.data(PLAN_DOC, {"id": gid("PerformancePlan", plan.pk)})
                                    ["performancePlan"]["document"]))
    assert "AKHIR-URAIAN" in " ".join(skp_pages) and len(skp_pages) >= 4
    found = staff.data(EVALUATION_DOC, {"id": gid("Evaluation", evaluation.pk)})["evaluation"]
    assert "AKHIR-UMPAN-BALIK" in text_of(download(staff, found["document"]))
