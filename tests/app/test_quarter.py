"""Evaluasi in the browser (issue 12): a quarter (TW I) of the section head in the demo year. She
records a realization with an uploaded PDF and submits her self-assessment — her rater's task
badge changes without a reload —; the rater sees the predicate (R-MATRIX) before saving his
rating, saves and forwards it; his supervisor approves on the task page. The evaluation's status
is read from the database after each step."""
from __future__ import annotations


from strawberry import relay

from apps.performance.models import Evaluation, Realization
from apps.workflow.models import HumanTask

from .conftest import PHONE, shot, shot_both, subscribed

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _evaluation(employee, year) -> Evaluation:
    return Evaluation.objects.get(plan__employee=employee, plan__year=year, period__kind="QUARTER", period__number=1)


def _badge(page) -> int:
    return int(page.locator("[data-testid=task-badge]").inner_text())


def test_a_quarter_realization_rating_and_approval(demo_year, published, browser_for, axe_check):
    year = demo_year
    kasi, kabid, kadis = published.kasi, published.kabid, published.kadis
    evaluation = _evaluation(kasi, year)
    assert evaluation.status == "SELF_ASSESSMENT"

    rater = browser_for(kabid.user.username)                     # on Beranda, badge in the header
    subscribed(rater, "TaskEvents")                              # listening before anything happens
    rater.wait_for_load_state("networkidle")                     # the count has come
    before = _badge(rater)

    page = browser_for(kasi.user.username)
    page.get_by_role("link", name="Evaluasi", exact=True).click()
    page.wait_for_selector("[data-testid=evaluation-list]")
    row = page.locator("[data-testid=evaluation-list] tbody tr", has_text="Triwulan 1")
    assert "Penilaian mandiri" in row.inner_text()
    shot_both(page, "evaluasi-daftar")
    axe_check(page)

    row.get_by_role("link", name="Buka evaluasi Triwulan 1").click()
    page.wait_for_selector("h1:has-text('Evaluasi Triwulan 1')")
    form = page.locator("[data-testid=realization-form]").first
    form.locator("input[id^=real-value-]").fill("3")
    form.locator("textarea[id^=real-note-]").fill("Tiga sekolah dinilai")
    form.locator("textarea[id^=real-links-]").fill("https://drive.lebongkab.go.id/kinerja/penilaian-tw1.pdf")
    form.locator("input[type=file]").set_input_files(
        files=[{"name": "bukti-tw1.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    form.get_by_role("button", name="Simpan realisasi").click()
    link = page.locator("[data-testid=realization]").first.get_by_role("link", name="bukti-tw1.pdf")
    link.wait_for()
    assert "3" in page.locator("[data-testid=realization-value]").first.inner_text()
    realization = Realization.objects.get(indicator__work_result__plan__employee=kasi, period=evaluation.period)
    assert realization.value == "3" and realization.evidence_files.count() == 1
    assert page.request.get(link.get_attribute("href")).body().startswith(b"%PDF-")     # a download
    shot_both(page, "evaluasi-penilaian-mandiri")
    axe_check(page)

    # She submits; the rater's badge counts the new task, without a reload.
    page.fill("#evaluation-self-notes-input", "Satu indikator tercapai sebagian.")
    page.get_by_role("button", name="Ajukan penilaian mandiri").click()
    page.wait_for_selector("[data-testid=evaluation-status]:has-text('Penilaian atasan')")
    assert _evaluation(kasi, year).status == "RATING"
    rater.wait_for_function(
        f"() => Number(document.querySelector('[data-testid=task-badge]').textContent) === {before + 1}")

    # The rater: the predicate shows before anything is saved.
    rater.goto(f"/evaluasi/{relay.GlobalID('Evaluation', str(evaluation.pk))}")
    rater.wait_for_selector("#rate-result")
    assert "bukti-tw1.pdf" in rater.locator("[data-testid=realization]").first.inner_text()
    rater.select_option("#rate-result", "SESUAI_EKSPEKTASI")
    rater.select_option("#rate-behavior", "DI_ATAS_EKSPEKTASI")
    rater.wait_for_selector("[data-testid=predicate-preview]:has-text('Predikat bila disimpan: Baik')")
    assert _evaluation(kasi, year).predicate is None                    # only a preview so far
    rater.select_option("#rate-behavior", "DI_BAWAH_EKSPEKTASI")
    rater.wait_for_selector("[data-testid=predicate-preview]:has-text('Predikat bila disimpan: Kurang')")
    rater.select_option("#rate-behavior", "DI_ATAS_EKSPEKTASI")
    rater.wait_for_selector("[data-testid=predicate-preview]:has-text('Predikat bila disimpan: Baik')")
    rater.fill("#rate-feedback", "Capaian sesuai rencana.")
    rater.fill("#rate-bf-KOLABORATIF", "Melibatkan seluruh staf seksi.")
    shot_both(rater, "evaluasi-penilaian-atasan")
    axe_check(rater)
    rater.get_by_role("button", name="Simpan penilaian").click()
    rater.wait_for_selector("text=Penilaian disimpan.")
    saved = _evaluation(kasi, year)
    assert (saved.predicate, saved.behavior_feedback.get("KOLABORATIF")) == ("BAIK", "Melibatkan seluruh staf seksi.")
    assert saved.status == "RATING"
    rater.get_by_role("button", name="Teruskan kepada atasan (setujui)").click()
    rater.wait_for_selector("[data-testid=evaluation-status]:has-text('Persetujuan')")
    assert _evaluation(kasi, year).status == "APPROVAL"

    # The rater's supervisor approves on the task page.
    approve = HumanTask.objects.get(subject=kasi, bpmn_id="approve", state="READY", instance__key="periodic_review")
    boss = browser_for(kadis.user.username)
    boss.goto(f"/tugas/{relay.GlobalID('Task', str(approve.pk))}")
    boss.wait_for_selector("#root_decision")
    summary = boss.locator(".k-evaluation-summary")                  # EvaluationSummary on the task page
    summary.get_by_role("link", name="bukti-tw1.pdf").wait_for()
    assert "Baik" in summary.locator("[data-testid=summary-predicate]").inner_text()
    boss.select_option("#root_decision", label="Setujui")
    boss.get_by_role("button", name="Selesaikan").click()
    page.wait_for_selector("[data-testid=evaluation-status]:has-text('Final')")     # the employee's screen, live
    final = _evaluation(kasi, year)
    assert (final.status, final.predicate) == ("FINAL", "BAIK")
    assert "Baik" in page.locator("[data-testid=evaluation-predicate]").inner_text()


def test_the_annual_evaluation_shows_the_periodic_ratings_side_by_side(demo_year, published, browser_for, axe_check):
    """R-ANNUAL: the year's evaluation lists every periodic evaluation of the plan beside it,
    ratings and predicates as they are (no averaging)."""
    from apps.organization.models import OrgUnit
    from apps.performance import services
    from apps.performance.models import PerformancePeriod

    from .conftest import in_thread

    year = PerformancePeriod.objects.get(year=demo_year, kind="YEAR")
    section = OrgUnit.objects.get(code="DISDIK-SD-KUR")
    in_thread(lambda: services.review_period_open(actor=published.hr_all.user, period=year, unit=section))
    annual = Evaluation.objects.get(plan__employee=published.staff, period=year)
    page = browser_for(published.staff.user.username, PHONE)
    page.goto(f"/evaluasi/{relay.GlobalID('Evaluation', str(annual.pk))}")
    table = page.get_by_test_id("annual-side-by-side")
    quarter = table.locator("tbody tr", has_text="Triwulan 1")
    quarter.wait_for()
    assert "Final" in quarter.inner_text() and "Baik" in quarter.inner_text()
    assert "Sesuai ekspektasi" in quarter.inner_text() and "Di atas ekspektasi" in quarter.inner_text()
    assert table.locator("tbody tr").count() == 2           # the quarter and this year, nothing averaged
    shot(page, "evaluasi-tahunan")
    axe_check(page)
