"""Rencana aksi in the browser (issue 14, R-ACTION): HR has opened this quarter's action plans for
the curriculum section; the employee (Agus Pratama) lists actions under his SKP's work results on
a phone — a missing target refused next to its field, a change, a deletion —, submits through the
drafting task; his rater (Desi Permata) finds it on her Rencana aksi screen, reads the actions
(read-only) and sends it back with notes through the task; he sees the notes, fixes it and
submits again; she approves through the task page and he sees it approved. A peer who opens his
action plan by its address gets NOT_FOUND, by id and by process instance alike."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from strawberry import relay

from apps.daily.models import ActionPlan, ActionPlanItem
from apps.performance.models import PerformancePeriod, PerformancePlan
from apps.workflow.models import HumanTask

from .conftest import PHONE, in_thread, shot, shot_both
from .test_daily import _nav, _today


def _gid(kind: str, pk: int) -> str:
    return str(relay.GlobalID(kind, str(pk)))


@pytest.fixture
def opened(demo_year, published):
    """This quarter's action plans, opened by HR for the curriculum section (as HR does on its
    screen: openActionPlans); the staff member's is in draft, his drafting task open."""
    from apps.daily.action_plans import action_plans_open

    number = (_today().month - 1) // 3 + 1
    period = PerformancePeriod.objects.get(year=demo_year, kind="QUARTER", number=number)
    in_thread(lambda: action_plans_open(actor=published.hr_all.user, period=period, unit=published.kasi.unit))
    action_plan = ActionPlan.objects.get(plan__employee=published.staff, period=period)
    assert action_plan.status == "DRAFT" and action_plan.process_instance_id
    assert HumanTask.objects.filter(instance=action_plan.process_instance, bpmn_id="draft", state="READY").exists()
    plan = PerformancePlan.objects.get(employee=published.staff, year=demo_year)
    return action_plan, plan


def _card(page):
    card = page.get_by_test_id("action-plan").first
    card.wait_for()
    return card


def _add(card, result_id: str, text: str, target: str, unit: str) -> None:
    form = card.get_by_test_id("action-form")
    form.get_by_label("Hasil kerja SKP").select_option(result_id)
    form.get_by_label("Aksi (apa yang akan dikerjakan)").fill(text)
    form.get_by_label("Target", exact=True).fill(target)
    form.get_by_label("Satuan (opsional)").fill(unit)
    form.get_by_role("button", name="Simpan aksi").click()


def _complete(page, decision_label: str, notes: str = "") -> None:
    """On the task page: the process's own form (decision, notes), then Selesaikan."""
    page.wait_for_selector("#root_decision")
    page.select_option("#root_decision", label=decision_label)
    if notes:
        page.fill("#root_notes", notes)
    page.get_by_role("button", name="Selesaikan").click()
    page.get_by_text("Tugas selesai. Terima kasih.").wait_for()


def test_an_action_plan_is_drafted_submitted_returned_and_approved(opened, published, browser_for, axe_check):
    action_plan, plan = opened
    staff, kasi = published.staff, published.kasi
    result = plan.work_results.order_by("position", "pk").first()

    page = browser_for(staff.user.username, PHONE)
    _nav(page, "/harian")
    page.get_by_test_id("daily-action-link").click()
    page.wait_for_url("**/harian/rencana-aksi")
    card = _card(page)
    assert card.get_attribute("data-status") == "DRAFT"
    assert "Draf" in card.inner_text() and "Belum ada aksi" in card.inner_text()

    # A target is required: refused next to its field, nothing saved.
    _add(card, _gid("WorkResult", result.pk), "Menyusun modul ajar kelas 5", "", "modul")
    error = card.get_by_test_id("action-error-target")
    error.wait_for()
    assert card.get_by_label("Target", exact=True).get_attribute("aria-invalid") == "true"
    assert not ActionPlanItem.objects.exists()

    _add(card, _gid("WorkResult", result.pk), "Menyusun modul ajar kelas 5", "2", "modul")
    card.get_by_test_id("action-item").filter(has_text="Menyusun modul ajar kelas 5").wait_for()
    _add(card, _gid("WorkResult", result.pk), "Uji coba modul di sekolah", "1", "kegiatan")
    card.get_by_test_id("action-item").filter(has_text="Uji coba modul di sekolah").wait_for()
    assert result.text in card.get_by_test_id("action-result").first.inner_text()   # under its work result
    shot_both(page, "rencana-aksi-draf")
    axe_check(page)

    # Change one: the form takes its values; save keeps it in place.
    page.set_viewport_size({"width": PHONE, "height": 900})
    card.get_by_role("button", name="Ubah aksi: Uji coba modul di sekolah").click()
    form = card.get_by_test_id("action-form")
    form.get_by_role("heading", name="Ubah aksi").wait_for()
    assert form.get_by_label("Aksi (apa yang akan dikerjakan)").input_value() == "Uji coba modul di sekolah"
    form.get_by_label("Target", exact=True).fill("3")
    form.get_by_label("Satuan (opsional)").fill("sekolah")
    form.get_by_role("button", name="Simpan aksi").click()
    card.get_by_test_id("action-item").filter(has_text="Target: 3 sekolah").wait_for()
    # Delete one, after a confirmation.
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="Hapus aksi: Menyusun modul ajar kelas 5").click()
    card.get_by_test_id("action-item").filter(has_text="Menyusun modul ajar kelas 5").wait_for(state="detached")
    assert list(ActionPlanItem.objects.filter(action_plan=action_plan).values_list("text", "target", "unit")) == [
        ("Uji coba modul di sekolah", "3", "sekolah")]

    # Submitting goes through the drafting task of the action_plan process.
    card.get_by_role("link", name="Ajukan melalui tugas").click()
    page.wait_for_url("**/tugas/*")
    _complete(page, "Ajukan", "Mohon diperiksa.")
    action_plan.refresh_from_db()
    assert action_plan.status == "SUBMITTED"
    _nav(page, "/harian")
    page.get_by_test_id("daily-action-link").click()
    card = _card(page)
    card.get_by_text(f"Menunggu pemeriksaan {kasi.name}").wait_for()
    assert card.get_by_test_id("action-form").count() == 0 and card.get_by_role("button").count() == 0

    # The rater: her staff's action plan waits for her on the same screen; she reads it, read-only.
    rater = browser_for(kasi.user.username)
    _nav(rater, "/harian")
    rater.get_by_test_id("daily-action-link").click()
    waiting = rater.get_by_test_id("action-staff-item").filter(has_text=staff.name)
    waiting.wait_for()
    shot_both(rater, "rencana-aksi-staf")
    axe_check(rater)
    waiting.get_by_role("link", name=f"Lihat rencana aksi {staff.name}").click()
    rater.get_by_role("heading", name=f"Rencana aksi {staff.name}").wait_for()
    view = _card(rater)
    view.get_by_test_id("action-item").filter(has_text="Uji coba modul di sekolah").wait_for()
    assert view.get_by_test_id("action-form").count() == 0 and view.get_by_role("button").count() == 0
    shot_both(rater, "rencana-aksi-atasan")
    axe_check(rater)
    view.get_by_role("link", name="Periksa dan putuskan di tugas").click()
    _complete(rater, "Kembalikan untuk perbaikan", "Tambahkan aksi untuk penyusunan modul.")

    # Back to the employee, with the notes; he adds an action and submits again.
    page.reload()
    card = _card(page)
    assert card.get_attribute("data-status") == "RETURNED"
    assert "Dikembalikan" in card.inner_text()
    assert "Tambahkan aksi untuk penyusunan modul." in card.get_by_test_id("action-revision-notes").inner_text()
    shot(page, "rencana-aksi-dikembalikan")
    _add(card, _gid("WorkResult", result.pk), "Menyusun modul ajar kelas 6", "1", "modul")
    card.get_by_test_id("action-item").filter(has_text="Menyusun modul ajar kelas 6").wait_for()
    card.get_by_role("link", name="Ajukan melalui tugas").click()
    _complete(page, "Ajukan")

    # The rater approves through the task page, from her screen's task link.
    _nav(rater, "/harian")
    rater.get_by_test_id("daily-action-link").click()
    review = HumanTask.objects.get(instance=action_plan.process_instance, bpmn_id="review", state="READY")
    task_link = rater.get_by_test_id("action-staff-item").filter(has_text=staff.name).get_by_role("link", name="Buka tugas")
    assert unquote(task_link.get_attribute("href")) == f"/tugas/{_gid('Task', review.pk)}"  # the open one
    task_link.click()
    # The task page names the action plan it decides, and leads to its actions.
    shown = rater.get_by_test_id("task-action-plan").get_by_role("link")
    assert shown.inner_text() == f"Lihat rencana aksi Triwulan {action_plan.period.number} (aksi dan targetnya)"
    assert unquote(shown.get_attribute("href")) == f"/harian/rencana-aksi/{_gid('ActionPlan', action_plan.pk)}"
    _complete(rater, "Setujui")
    action_plan.refresh_from_db()
    assert (action_plan.status, action_plan.approved_by_id) == ("APPROVED", kasi.pk)

    _nav(page, "/harian")                                    # the employee is still on his task page
    page.get_by_test_id("daily-action-link").click()
    card = page.locator("[data-testid=action-plan][data-status=APPROVED]")   # the cached state first, then this
    card.wait_for()
    card.get_by_text(f"Disetujui oleh {kasi.name}").wait_for()
    assert card.get_by_test_id("action-item").count() == 2 and card.get_by_role("button").count() == 0
    shot_both(page, "rencana-aksi-disetujui")
    axe_check(page)


def test_a_peer_cannot_open_anothers_action_plan(opened, published, browser_for, axe_check):
    action_plan, _plan = opened
    ActionPlanItem.objects.create(action_plan=action_plan, work_result=_plan.work_results.first(),
                                  text="Rahasia milik Agus", target="1", position=1)
    peer = browser_for(published.peer.user.username, PHONE)
    peer.goto(f"/harian/rencana-aksi/{_gid('ActionPlan', action_plan.pk)}")
    alert = peer.get_by_role("alert")
    alert.wait_for()
    assert re.search("tidak ditemukan", alert.inner_text(), re.IGNORECASE), alert.inner_text()
    assert "Rahasia milik Agus" not in peer.content()
    assert peer.get_by_test_id("action-plan").count() == 0
    axe_check(peer)
    shot(peer, "rencana-aksi-tidak-ditemukan")
    # Their own screen shows their own quarter (opened with the section's), not his.
    assert ActionPlan.objects.filter(plan__employee=published.peer, period=action_plan.period).exists()
    _nav(peer, "/harian")
    peer.get_by_test_id("daily-action-link").click()
    assert "Rahasia milik Agus" not in _card(peer).inner_text()
