"""Generated documents in the browser (issue 13): an employee downloads their SKP from "SKP saya"
(an approved plan, and a draft said to be watermarked), the evaluation PDF from its page, the
section head her team's SKP from "Tim saya", and HR the XLSX recap of Dinas Pendidikan and a
quarter's predicate determination from the dashboard. Each download is a real file from the
server (PDF / XLSX magic bytes) saved under the name the link gives; each link is tappable on a
phone (≥ 44 px); a staff member gets no unit documents and 404 for their addresses."""
from __future__ import annotations

import io

import openpyxl
from playwright.sync_api import expect

from apps.organization.models import Employee, OrgUnit
from apps.performance.documents import names
from apps.performance.models import Evaluation, PerformancePeriod, PerformancePlan

from ..conftest import gid
from .conftest import DESKTOP, PHONE, download, shot, shot_both
from .test_hr import choose_unit

PDF_MAGIC, ZIP_MAGIC = b"%PDF", b"PK\x03\x04"
TAP = 44  # px: the smallest comfortable touch target


def assert_tappable(page, link) -> None:
    """At least 44 px tall and wide, and inside the screen's width."""
    box = link.bounding_box()
    assert box and box["height"] >= TAP and box["width"] >= TAP, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], box


def assert_keyboard_focus_visible(page, test_id: str) -> None:
    """Reached with Tab, and the focus ring shows on it."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.dataset?.testid") == test_id:
            break
    else:
        raise AssertionError(f"{test_id} is not reachable with Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def open_my_plan(page) -> None:
    page.get_by_role("link", name="SKP saya", exact=True).click()
    page.get_by_test_id("plan-status").wait_for()


def test_an_employee_downloads_their_approved_skp(demo_year, published, browser_for, axe_check, tmp_path):
    agus = published.staff
    plan = PerformancePlan.objects.select_related("employee").get(employee=agus, year=demo_year)
    assert plan.status == "APPROVED"
    page = browser_for(agus.user.username, PHONE)
    page.get_by_role("button", name="Menu").click()
    open_my_plan(page)
    link = page.get_by_role("link", name="Unduh SKP (PDF)", exact=True)
    assert link.get_attribute("download") == names.plan_filename(plan) == f"SKP-{demo_year}-{agus.nip}.pdf"
    assert link.get_attribute("href") == f"/dokumen/skp/{plan.pk}.pdf"
    assert_tappable(page, link)
    assert page.get_by_text("Draf: bertanda DRAFT").count() == 0        # approved: no watermark to announce
    assert_keyboard_focus_visible(page, "plan-document")

    shot_both(page, "dokumen-skp-saya")
    axe_check(page)

    filename, content = download(page, link, tmp_path)
    assert filename == names.plan_filename(plan)
    assert content.startswith(PDF_MAGIC)


def test_a_draft_skp_is_said_to_be_watermarked(demo_year, published, browser_for, axe_check, tmp_path):
    mulyadi = Employee.objects.select_related("user").get(user__username="mulyadi.suryani")
    plan = PerformancePlan.objects.select_related("employee").get(employee=mulyadi, year=demo_year)
    assert plan.status == "DRAFT"                                           # sent back by the section head
    page = browser_for(mulyadi.user.username)
    open_my_plan(page)
    link = page.get_by_role("link", name="Unduh SKP (PDF)", exact=True)
    note = page.get_by_text("Draf: bertanda DRAFT", exact=True)
    expect(note).to_be_visible()
    expect(link).to_have_accessible_description("Draf: bertanda DRAFT")     # read together with the link
    shot_both(page, "dokumen-skp-draf")
    axe_check(page)
    filename, content = download(page, link, tmp_path)
    assert filename == names.plan_filename(plan) and content.startswith(PDF_MAGIC)

    page.get_by_role("button", name="EN").click()                           # and in English
    page.get_by_role("link", name="Download SKP (PDF)", exact=True).wait_for()
    page.get_by_text("Draft: marked DRAFT", exact=True).wait_for()


def test_an_evaluation_pdf_from_the_evaluation_page(demo_year, published, browser_for, axe_check, tmp_path):
    agus = published.staff
    evaluation = Evaluation.objects.select_related("plan__employee", "period").get(
        plan__employee=agus, plan__year=demo_year, period__kind="QUARTER", period__number=1)
    assert evaluation.status == "FINAL"
    page = browser_for(agus.user.username, PHONE)
    page.goto(f"/evaluasi/{gid('Evaluation', evaluation.pk)}")
    page.get_by_test_id("evaluation-status").wait_for()
    link = page.get_by_role("link", name="Unduh evaluasi (PDF)", exact=True)
    assert link.get_attribute("download") == names.evaluation_filename(evaluation) \
        == f"Evaluasi-{demo_year}-TW1-{agus.nip}.pdf"
    assert_tappable(page, link)
    assert page.get_by_text("bertanda DRAFT").count() == 0                  # final: no watermark
    shot_both(page, "dokumen-evaluasi")
    axe_check(page)
    filename, content = download(page, link, tmp_path)
    assert filename == names.evaluation_filename(evaluation) and content.startswith(PDF_MAGIC)


def test_a_submitted_skp_and_an_unfinished_evaluation_say_they_are_watermarked(demo_year, published, browser_for):
    """The PDF of a plan not yet approved, or of an evaluation not final, is watermarked DRAFT."""
    penelaah = Employee.objects.select_related("user").get(position__title="Penelaah Teknis Kebijakan",
                                                           unit__code="DISDIK-SD")
    assert PerformancePlan.objects.get(employee=penelaah, year=demo_year).status == "SUBMITTED"
    page = browser_for(penelaah.user.username)
    open_my_plan(page)
    expect(page.get_by_role("link", name="Unduh SKP (PDF)", exact=True)).to_have_accessible_description(
        "Belum disetujui: bertanda DRAFT")

    dewi = Employee.objects.select_related("user").get(user__username="dewi.hidayat")
    evaluation = Evaluation.objects.get(plan__employee=dewi, plan__year=demo_year, period__kind="QUARTER",
                                        period__number=1)
    assert evaluation.status == "RATING"                                    # waiting for her rater
    page = browser_for(dewi.user.username)
    page.goto(f"/evaluasi/{gid('Evaluation', evaluation.pk)}")
    expect(page.get_by_role("link", name="Unduh evaluasi (PDF)", exact=True)).to_have_accessible_description(
        "Belum final: bertanda DRAFT")


def test_the_section_head_downloads_her_teams_skp(demo_year, published, browser_for, axe_check, tmp_path):
    kasi, agus = published.kasi, published.staff
    plan = PerformancePlan.objects.select_related("employee").get(employee=agus, year=demo_year)
    page = browser_for(kasi.user.username)
    page.goto("/tim")
    table = page.get_by_test_id("team-direct")
    table.wait_for()
    # One link per subordinate with a plan, each named after its person (several in one table).
    rated = Employee.objects.filter(rater=kasi, is_active=True, plans__year=demo_year)
    assert table.get_by_role("link", name="Unduh SKP (PDF):").count() == rated.count() >= 3
    link = table.get_by_role("link", name=f"Unduh SKP (PDF): {agus.name}", exact=True)
    page.wait_for_selector("[data-testid=team-direct] a:has-text('Triwulan 1')")
    shot_both(page, "dokumen-tim-saya")
    axe_check(page)
    filename, content = download(page, link, tmp_path)
    assert filename == names.plan_filename(plan) and content.startswith(PDF_MAGIC)


def test_hr_downloads_the_recap_and_a_quarters_predicate_determination(demo_year, published, browser_for,
                                                                       axe_check, tmp_path):
    disdik = OrgUnit.objects.get(code="DISDIK")
    q1 = PerformancePeriod.objects.get(year=demo_year, kind="QUARTER", number=1)
    page = browser_for(published.hr_all.user.username, PHONE)                # rina.anggraini, on her phone
    assert published.hr_all.user.username == "rina.anggraini"
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Pengelola kinerja", exact=True).click()
    choose_unit(page, "DISDIK")
    page.get_by_role("heading", name=f"Dasbor {disdik.name} {demo_year}").wait_for()

    recap = page.get_by_role("link", name=f"Unduh rekap {demo_year} (XLSX)", exact=True)
    assert recap.get_attribute("download") == names.recap_filename(disdik, demo_year, None) \
        == f"Rekap-Kinerja-DISDIK-{demo_year}.xlsx"
    page.select_option("#hr-dist-period", label="Triwulan 1")
    determination = page.get_by_role("link", name=f"Unduh penetapan predikat Triwulan 1 {demo_year} (PDF)", exact=True)
    period_recap = page.get_by_role("link", name=f"Unduh rekap Triwulan 1 {demo_year} (XLSX)", exact=True)
    assert determination.get_attribute("download") == names.predicates_filename(disdik, q1) \
        == f"Penetapan-Predikat-DISDIK-{demo_year}-TW1.pdf"
    assert period_recap.get_attribute("download") == f"Rekap-Kinerja-DISDIK-{demo_year}-TW1.xlsx"

    page.wait_for_load_state("networkidle")
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, "dokumen-hr-dasbor")
        assert page.evaluate("document.documentElement.scrollWidth") <= width   # nothing wider than the screen
        for link in (recap, determination, period_recap):
            assert_tappable(page, link)
    axe_check(page)

    filename, content = download(page, recap, tmp_path)
    assert filename == f"Rekap-Kinerja-DISDIK-{demo_year}.xlsx" and content.startswith(ZIP_MAGIC)
    workbook = openpyxl.load_workbook(io.BytesIO(content))                   # a real workbook, with Agus in it
    cells = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert published.staff.name in cells
    filename, content = download(page, period_recap, tmp_path)
    assert filename == f"Rekap-Kinerja-DISDIK-{demo_year}-TW1.xlsx" and content.startswith(ZIP_MAGIC)
    filename, content = download(page, determination, tmp_path)
    assert filename == names.predicates_filename(disdik, q1) and content.startswith(PDF_MAGIC)

    page.select_option("#hr-dist-period", label="Tahunan")                  # the annual one too
    page.get_by_role("link", name=f"Unduh penetapan predikat Tahunan {demo_year} (PDF)", exact=True).wait_for()


def test_a_leader_gets_the_documents_of_his_unit(demo_year, published, browser_for, tmp_path):
    kadis = published.kadis                                                   # not HR: "Kinerja unit"
    page = browser_for(kadis.user.username)
    page.get_by_role("link", name="Kinerja unit", exact=True).click()
    page.get_by_test_id("hr-plans").wait_for()
    recap = page.get_by_role("link", name=f"Unduh rekap {demo_year} (XLSX)", exact=True)
    filename, content = download(page, recap, tmp_path)
    assert filename == f"Rekap-Kinerja-DISDIK-{demo_year}.xlsx" and content.startswith(ZIP_MAGIC)


def test_staff_get_no_unit_documents_and_404_for_their_addresses(demo_year, published, browser_for):
    disdik = OrgUnit.objects.get(code="DISDIK")
    q1 = PerformancePeriod.objects.get(year=demo_year, kind="QUARTER", number=1)
    peer = Employee.objects.select_related("user").get(user__username="mulyadi.suryani")
    agus_plan = PerformancePlan.objects.get(employee=published.staff, year=demo_year)
    page = browser_for(peer.user.username)
    page.goto("/hr")
    page.locator(".hr [role=alert]").first.wait_for()                        # the server's refusal
    assert page.get_by_role("link", name="Unduh rekap", exact=False).count() == 0
    # The addresses themselves, as someone who guessed them: not found, whatever exists.
    for url in (f"/dokumen/rekap/{disdik.pk}/{demo_year}.xlsx", f"/dokumen/penetapan-predikat/{disdik.pk}/{q1.pk}.pdf",
                f"/dokumen/skp/{agus_plan.pk}.pdf"):
        assert page.request.get(url).status == 404, url
