"""The realization suggested from the daily progress, in the browser (issue 14): the section head
of the demo year has approved daily entries for her work result in TW I. On her phone the
evaluation page shows the sum under the counted indicator; "Gunakan nilai ini" fills it and it
saves without a reason. Another value asks for a reason: without one the server's message lands
on the reason field, with one it saves and is shown beside the value. Her rater, on a desktop,
sees the suggestion, the value and the reason."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from strawberry import relay

from apps.daily.models import DailyEntry, EntryStatus
from apps.performance.models import Indicator, Realization

from .conftest import PHONE, in_thread, shot_both
from .test_quarter import _evaluation

REASON = "Dua dokumen ditunda ke TW II karena data sekolah belum lengkap."


def _approved_entries(employee, indicator: Indicator, period) -> None:
    """Three APPROVED entries in the quarter, 4 + 4 + 4.5 = 12.5 in the indicator's unit."""
    def create():
        for day, quantity in ((0, "4"), (7, "4"), (14, "4.5")):
            DailyEntry.objects.create(
                employee=employee, date=period.starts_on + dt.timedelta(days=day), work_result=indicator.work_result,
                text="Menilai dokumen kurikulum sekolah", quantity=Decimal(quantity), output_unit=indicator.unit,
                status=EntryStatus.APPROVED, first_submitted_at=timezone.now())

    in_thread(create)


def test_the_employee_uses_or_explains_the_suggested_realization(demo_year, published, browser_for, axe_check):
    kasi, kabid = published.kasi, published.kabid
    evaluation = _evaluation(kasi, demo_year)
    assert evaluation.status == "SELF_ASSESSMENT"
    counted = Indicator.objects.get(work_result__plan=evaluation.plan, aspect="KUANTITAS", kind="NORMAL")
    _approved_entries(kasi, counted, evaluation.period)
    url = f"/evaluasi/{relay.GlobalID('Evaluation', str(evaluation.pk))}"

    page = browser_for(kasi.user.username, PHONE)
    page.goto(url)
    block = page.locator("[data-testid=realization]", has=page.get_by_test_id("realization-suggestion"))
    suggestion = block.get_by_test_id("realization-suggestion")
    suggestion.wait_for()
    assert suggestion.inner_text() == "Dari progres harian yang disetujui: 12,5 dokumen (3 progres)"
    assert page.get_by_test_id("realization-suggestion").count() == 1       # the time indicator gets none
    form = block.get_by_test_id("realization-form")
    value = form.get_by_label("Nilai realisasi")

    # The suggested value: filled by the button, saved without a reason.
    form.get_by_role("button", name="Gunakan nilai ini").click()
    assert value.input_value() == "12,5"
    assert form.get_by_label("Alasan perbedaan").count() == 0
    form.get_by_role("button", name="Simpan realisasi").click()
    form.get_by_text("Realisasi disimpan.").wait_for()
    block.get_by_test_id("realization-value").filter(has_text="12,5 dokumen").wait_for()
    saved = Realization.objects.get(indicator=counted, period=evaluation.period)
    assert (saved.value, saved.deviation_reason) == ("12,5", "")
    assert block.get_by_test_id("realization-reason").count() == 0

    # "12.50" is the same number: still no reason asked. Another value asks for one.
    value.fill("12.50")
    assert form.get_by_label("Alasan perbedaan").count() == 0
    value.fill("10")
    reason = form.get_by_label("Alasan perbedaan")
    reason.wait_for()
    assert "12,5 dokumen" in form.locator("[id^=real-reason-hint-]").inner_text()
    form.get_by_role("button", name="Simpan realisasi").click()
    error = form.locator("[id^=real-deviationReason-error-]")
    error.wait_for()
    assert error.inner_text() == "wajib diisi bila nilainya berbeda dari progres harian"
    assert reason.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in reason.get_attribute("aria-describedby").split()
    assert "12,5 dokumen" in form.get_by_role("alert").inner_text()
    assert Realization.objects.get(pk=saved.pk).value == "12,5"               # nothing written
    shot_both(page, "evaluasi-realisasi-alasan-wajib")
    axe_check(page)

    reason.fill(REASON)
    form.get_by_role("button", name="Simpan realisasi").click()
    form.get_by_text("Realisasi disimpan.").wait_for()
    block.get_by_test_id("realization-reason").filter(has_text=REASON).wait_for()
    assert block.get_by_test_id("realization-reason").inner_text() == f"Alasan: {REASON}"
    assert "10 dokumen" in block.get_by_test_id("realization-value").inner_text()
    saved = Realization.objects.get(pk=saved.pk)
    assert (saved.value, saved.deviation_reason) == ("10", REASON)
    shot_both(page, "evaluasi-realisasi-saran")
    axe_check(page)

    # The rater, on a desktop: the suggestion, the value and the reason, read-only.
    rater = browser_for(kabid.user.username)
    rater.goto(url)
    row = rater.locator("[data-testid=realization]", has=rater.get_by_test_id("realization-suggestion"))
    row.get_by_test_id("realization-reason").wait_for()
    assert row.get_by_test_id("realization-suggestion").inner_text().endswith("12,5 dokumen (3 progres)")
    assert "10 dokumen" in row.get_by_test_id("realization-value").inner_text()
    assert row.get_by_test_id("realization-reason").inner_text() == f"Alasan: {REASON}"
    assert row.get_by_role("button", name="Gunakan nilai ini").count() == 0
    shot_both(rater, "evaluasi-realisasi-saran-atasan")
    axe_check(rater)

    rater.get_by_role("button", name="EN", exact=True).click()                  # and in English
    row.get_by_text("From approved daily progress:").wait_for()
    assert row.get_by_test_id("realization-suggestion").inner_text() == \
        "From approved daily progress: 12.5 dokumen (3 entries)"
    assert row.get_by_test_id("realization-reason").inner_text() == f"Reason: {REASON}"

    # The task page shows the same beside the realization (the approver decides there).
    from apps.workflow.models import HumanTask

    task = HumanTask.objects.get(subject=kasi, state="READY", instance__key="periodic_review")
    page.goto(f"/tugas/{relay.GlobalID('Task', str(task.pk))}")
    summary = page.get_by_test_id("summary-suggestion")
    summary.wait_for()
    assert summary.inner_text() == "Dari progres harian: 12,5 dokumen (3 progres)"
    assert f"Alasan: {REASON}" in page.locator("main").inner_text()


def test_a_suggestion_changed_meanwhile_asks_for_the_reason_the_server_wants(demo_year, published, browser_for):
    """The page loaded with 12,5; an entry approved meanwhile makes it 13,5 on the server. The value
    typed as 12,5 now differs: the server's message opens the reason box, and the reason is sent."""
    kasi = published.kasi
    evaluation = _evaluation(kasi, demo_year)
    counted = Indicator.objects.get(work_result__plan=evaluation.plan, aspect="KUANTITAS", kind="NORMAL")
    _approved_entries(kasi, counted, evaluation.period)

    page = browser_for(kasi.user.username, PHONE)
    page.goto(f"/evaluasi/{relay.GlobalID('Evaluation', str(evaluation.pk))}")
    block = page.locator("[data-testid=realization]", has=page.get_by_test_id("realization-suggestion"))
    block.get_by_test_id("realization-suggestion").wait_for()
    form = block.get_by_test_id("realization-form")
    form.get_by_role("button", name="Gunakan nilai ini").click()
    assert form.get_by_label("Alasan perbedaan").count() == 0

    in_thread(lambda: DailyEntry.objects.create(
        employee=kasi, date=evaluation.period.starts_on + dt.timedelta(days=21), work_result=counted.work_result,
        text="Menilai dokumen kurikulum susulan", quantity=Decimal("1"), output_unit=counted.unit,
        status=EntryStatus.APPROVED, first_submitted_at=timezone.now()))
    form.get_by_role("button", name="Simpan realisasi").click()
    reason = form.get_by_label("Alasan perbedaan")
    reason.wait_for()
    assert form.locator("[id^=real-deviationReason-error-]").inner_text() == \
        "wajib diisi bila nilainya berbeda dari progres harian"
    assert not Realization.objects.filter(indicator=counted, period=evaluation.period).exists()
    # The refusal refreshes the page: the suggestion and the hint name the server's value now.
    block.get_by_test_id("realization-suggestion").filter(has_text="13,5 dokumen (4 progres)").wait_for()
    assert "13,5 dokumen" in form.locator("[id^=real-reason-hint-]").inner_text()

    reason.fill(REASON)
    form.get_by_role("button", name="Simpan realisasi").click()
    form.get_by_text("Realisasi disimpan.").wait_for()
    saved = Realization.objects.get(indicator=counted, period=evaluation.period)
    assert (saved.value, saved.deviation_reason) == ("12,5", REASON)
