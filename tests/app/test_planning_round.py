"""SKP saya in the browser (issue 12): a whole planning round with three people. The employee
(the second Pengolah Data Pendidikan, sent back by the kasi in the demo year) redrafts two work
results cascading from the rater's (R-CASCADE: the server's refusal is shown next to the work
result), submits; the rater sends it back with notes on the task page — the employee sees them
without a reload —; the employee fixes and resubmits; the rater approves; the rater's supervisor
sees the approved plan in Tim saya. The plan's status is read from the database after each step."""
from __future__ import annotations



from apps.organization.models import Employee
from apps.performance.models import PerformancePlan
from apps.workflow.models import HumanTask
from strawberry import relay

from .conftest import shot_both

KASI_RESULT = "Penilaian pelaksanaan kurikulum SD"


def _status(employee, year) -> str:
    return PerformancePlan.objects.get(employee=employee, year=year).status


def _review_task(employee) -> str:
    task = HumanTask.objects.get(subject=employee, bpmn_id="review", state="READY", instance__key="skp_planning")
    return str(relay.GlobalID("Task", str(task.pk)))


def _add_result(page, text: str, *, parent: bool, indicators: list[tuple[str, str, str, str]]) -> None:
    page.get_by_role("button", name="Tambah RHK").click()
    form = page.locator("form[data-testid=work-result-form]")
    form.locator("textarea[id$='-text']").fill(text)
    if parent:
        form.get_by_label(KASI_RESULT).check()
    for i, (aspect, indicator, target, unit) in enumerate(indicators):
        if i > 0:
            form.get_by_role("button", name="Tambah indikator").click()
        form.locator(f"select[id$='-aspect-{i}']").select_option(aspect)
        form.locator(f"input[id$='-ind-{i}']").fill(indicator)
        form.locator(f"input[id$='-target-{i}']").fill(target)
        form.locator(f"input[id$='-unit-{i}']").fill(unit)
    form.get_by_role("button", name="Simpan RHK").click()
    page.wait_for_selector(f"article[data-testid=work-result] h3:has-text('{text}')")


def _decide(page, task_id: str, decision_label: str, notes: str = "") -> None:
    page.goto(f"/tugas/{task_id}")
    page.wait_for_selector("#root_decision")
    # The plan under review, as PlanSummary shows it on the task page.
    page.wait_for_selector(".k-plan-summary:has-text('Rekap nilai rapor sekolah dasar')")
    assert KASI_RESULT in page.locator(".k-plan-summary").inner_text()
    page.select_option("#root_decision", label=decision_label)
    if notes:
        page.fill("#root_notes", notes)
    page.get_by_role("button", name="Selesaikan").click()


def test_a_whole_planning_round(demo_year, published, browser_for, axe_check):
    year = demo_year
    employee = Employee.objects.filter(position__title="Pengolah Data Pendidikan").order_by("pk")[1]
    kasi, kabid = published.kasi, published.kabid
    assert _status(employee, year) == "DRAFT"

    page = browser_for(employee.user.username)
    page.get_by_role("link", name="SKP saya", exact=True).click()
    page.wait_for_selector("[data-testid=revision-notes]:has-text('Tambahkan target waktu per triwulan.')")
    assert kasi.name in page.locator(".k-plan-facts").inner_text()            # rater
    assert kabid.name in page.locator(".k-plan-facts").inner_text()           # rater's supervisor
    assert "Draf" in page.locator("[data-testid=plan-status]").inner_text()

    # Start again: the old work result goes, two new ones come.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hapus: Verifikasi data sekolah").click()
    page.wait_for_selector("text=Belum ada RHK")
    _add_result(page, "Rekap nilai rapor sekolah dasar", parent=True,
                indicators=[("KUANTITAS", "Jumlah rekap nilai", "4", "dokumen"), ("WAKTU", "Ketepatan waktu", "12", "bulan")])
    _add_result(page, "Validasi data pokok pendidikan", parent=False,
                indicators=[("KUALITAS", "Data tervalidasi", "100", "persen")])

    # R-CASCADE: the second supports none of the kasi's results: refused, said next to it.
    page.get_by_role("button", name="Ajukan", exact=True).click()
    error = page.locator("article[data-testid=work-result]:has-text('Validasi data pokok') [data-testid=work-result-error]")
    error.wait_for()
    assert page.locator("article[data-testid=work-result]:has-text('Rekap nilai rapor') [data-testid=work-result-error]").count() == 0
    assert _status(employee, year) == "DRAFT"
    page.get_by_role("button", name="Ubah: Validasi data pokok pendidikan").click()
    page.locator("form[data-testid=work-result-form]").get_by_label(KASI_RESULT).check()
    page.get_by_role("button", name="Simpan RHK").click()
    page.wait_for_selector("article[data-testid=work-result]:has-text('Validasi data pokok') :text('Mendukung')")
    page.fill("#plan-att-resources", "Data Dapodik\nLaptop seksi")
    page.get_by_role("button", name="Simpan lampiran").click()
    page.wait_for_selector("text=Lampiran disimpan.")
    attachments = PerformancePlan.objects.get(employee=employee, year=year).attachments
    assert attachments["resources"] == ["Data Dapodik", "Laptop seksi"]
    shot_both(page, "skp-saya-draf")
    axe_check(page)

    page.fill("#plan-submit-notes", "Sudah saya tambahkan dua RHK.")
    page.get_by_role("button", name="Ajukan", exact=True).click()
    page.wait_for_selector("[data-testid=plan-status]:has-text('Diajukan')")
    assert _status(employee, year) == "SUBMITTED"

    # The rater sends it back on the task page; the employee's screen shows the notes, no reload.
    rater = browser_for(kasi.user.username)
    notes = "Target kualitas harus dalam persen per triwulan."
    _decide(rater, _review_task(employee), "Kembalikan untuk perbaikan", notes)
    page.wait_for_selector(f"[data-testid=revision-notes]:has-text('{notes}')")
    page.wait_for_selector("[data-testid=plan-status]:has-text('Draf')")
    assert "SKP dikembalikan" in page.locator("[data-testid=plan-history]").inner_text()
    assert _status(employee, year) == "DRAFT"

    # The employee fixes and resubmits.
    page.get_by_role("button", name="Ubah: Validasi data pokok pendidikan").click()
    form = page.locator("form[data-testid=work-result-form]")
    form.locator("input[id$='-target-0']").fill("25")
    form.locator("input[id$='-unit-0']").fill("persen per triwulan")
    form.get_by_role("button", name="Simpan RHK").click()
    page.wait_for_selector("text=25 persen per triwulan")
    page.get_by_role("button", name="Ajukan", exact=True).click()
    page.wait_for_selector("[data-testid=plan-status]:has-text('Diajukan')")
    assert _status(employee, year) == "SUBMITTED"

    # The rater approves; the employee sees it at once.
    _decide(rater, _review_task(employee), "Setujui")
    page.wait_for_selector("[data-testid=plan-status]:has-text('Disetujui')")
    assert _status(employee, year) == "APPROVED"
    assert page.get_by_role("button", name="Tambah RHK").count() == 0            # read-only now
    assert page.locator("[data-testid=revision-notes]").count() == 0
    shot_both(page, "skp-saya-disetujui")
    axe_check(page)

    # The rater's supervisor sees the approved plan in Tim saya, and can open it read-only.
    boss = browser_for(kabid.user.username)
    boss.get_by_role("link", name="Tim saya", exact=True).click()
    row = boss.locator(f"[data-testid=team-indirect] tr:has-text('{employee.name}')")
    row.wait_for()
    assert "Disetujui" in row.inner_text()
    assert kasi.name in row.inner_text()
    row.get_by_role("link", name=f"Lihat SKP {employee.name}").click()
    boss.wait_for_selector("text=Rekap nilai rapor sekolah dasar")
    assert boss.get_by_role("button", name="Tambah RHK").count() == 0
    assert boss.locator("#plan-submit-notes").count() == 0


def test_the_top_official_cascades_from_an_org_goal(published, browser_for, axe_check):
    """The Sekda has no rater, so no rater's results to support: the SKP page offers the
    organization's goals of the unit and above instead (R-CASCADE for heads)."""
    from apps.organization.models import OrgUnit
    from apps.performance import services
    from apps.performance.models import WorkResult

    from .conftest import in_thread

    hr, setda = published.hr_all.user, OrgUnit.objects.get(code="SETDA")
    goal = in_thread(lambda: services.org_goal_upsert(
        actor=hr, unit=setda, year=2027, goal_id=None, text="Tata kelola pemerintahan yang akuntabel",
        source="PERJANJIAN_KINERJA", indicator="Nilai SAKIP", target="BB"))
    in_thread(lambda: services.performance_year_open(actor=hr, year=2027, unit=setda))
    page = browser_for(published.sekda.user.username)
    page.goto("/skp")
    page.select_option("#plan-year", "2027")
    page.get_by_role("button", name="Tambah RHK").click()
    form = page.locator("form[data-testid=work-result-form]")
    form.locator("textarea[id$='-text']").fill("Laporan evaluasi tata kelola perangkat daerah")
    form.locator("select[id$='-goal']").select_option(label=goal.text)
    form.locator("select[id$='-aspect-0']").select_option("KUANTITAS")
    form.locator("input[id$='-ind-0']").fill("Jumlah laporan")
    form.locator("input[id$='-target-0']").fill("4")
    axe_check(page)
    form.get_by_role("button", name="Simpan RHK").click()
    page.wait_for_selector("article[data-testid=work-result]:has-text('Tata kelola pemerintahan yang akuntabel')")
    assert WorkResult.objects.get(plan__employee=published.sekda, plan__year=2027).org_goal_id == goal.pk
