"""Cuti dan izin in the browser (issue 14, R-CALENDAR), and the live reminder of daily progress.

The employee (Agus Pratama) asks for a day of leave on a phone; his rater (Desi Permata) sees it
waiting from her review screen, approves it on Cuti dan izin, and the day shows as excused in his
week on Harian. A rejection needs a note, which the employee then reads; a pending request is
withdrawn after a confirmation, and an overlapping one is refused next to its date. At the
reminder hour the sweep the scheduled task runs (reminders_send_due, at a fixed moment) sends a
live event: the notice appears on the open pages at once, links to Harian, and can be dismissed."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from apps.daily.models import Holiday, Leave, LeaveStatus
from apps.performance.models import PerformancePlan

from .conftest import PHONE, in_thread, shot, shot_both, subscribed
from .test_daily import _nav, _show_week_of, _today, _working_days_up_to_today


@pytest.fixture
def daily(demo_year, published):
    """The demo year with the national holidays loaded; Agus Pratama's SKP approved, Desi his rater."""
    import io

    from django.core.management import call_command

    in_thread(lambda: call_command("load_holidays", stdout=io.StringIO()))
    assert Holiday.objects.filter(date__year=demo_year).exists()
    assert PerformancePlan.objects.get(employee=published.staff, year=demo_year).status == "APPROVED"
    assert published.staff.rater_id == published.kasi.pk
    return published


def _open_leave(page) -> None:
    _nav(page, "/harian")
    page.get_by_test_id("daily-leave-link").click()
    page.wait_for_url("**/harian/cuti")
    page.get_by_test_id("leave-form").wait_for()


def _request(page, day: dt.date, kind: str = "CUTI", note: str = "", until: dt.date | None = None) -> None:
    page.select_option("#leave-kind", kind)
    page.fill("#leave-from", day.isoformat())
    page.fill("#leave-to", (until or day).isoformat())
    page.fill("#leave-note", note)
    page.get_by_role("button", name="Ajukan kepada atasan").click()


def _asked(staff, day: dt.date, kind: str = "CUTI", note: str = "") -> Leave:
    from apps.daily.calendar_services import leave_request

    return in_thread(lambda: leave_request(actor=staff.user, starts_on=day, ends_on=day, kind=kind, note=note))


def test_leave_is_requested_approved_by_the_rater_and_excuses_the_day(daily, browser_for, axe_check):
    staff, kasi = daily.staff, daily.kasi
    day = _working_days_up_to_today(staff, 1)[0]

    page = browser_for(staff.user.username, PHONE)
    _open_leave(page)
    _request(page, day, "CUTI", "Menghadiri wisuda anak")
    page.get_by_test_id("leave-requested").wait_for()
    leave = Leave.objects.get(employee=staff)
    assert (leave.starts_on, leave.ends_on, leave.kind, leave.status, leave.note) == (
        day, day, "CUTI", LeaveStatus.PENDING, "Menghadiri wisuda anak")
    item = page.locator(f"[data-testid=leave-item][data-from='{day.isoformat()}']")
    item.wait_for()
    assert item.get_attribute("data-status") == "PENDING" and "Menunggu atasan" in item.inner_text()
    shot_both(page, "cuti")
    axe_check(page)

    # The rater: her review screen says a request waits; she decides it on Cuti dan izin.
    rater = browser_for(kasi.user.username)
    _nav(rater, "/harian")
    rater.get_by_role("link", name=re.compile("^Tinjau progres tim")).click()
    waiting = rater.get_by_test_id("review-leave-waiting")
    waiting.wait_for()
    assert "1 permohonan cuti staf menunggu" in waiting.inner_text()
    waiting.get_by_role("link", name="Putuskan permohonan cuti").click()
    request = rater.get_by_test_id("leave-request").filter(has_text=staff.name)
    request.wait_for()
    assert "Menghadiri wisuda anak" in request.inner_text()
    shot_both(rater, "cuti-atasan")
    axe_check(rater)
    request.get_by_role("button", name=re.compile("^Setujui")).click()
    rater.get_by_test_id("leave-decided").filter(has_text="disetujui").wait_for()
    leave.refresh_from_db()
    assert (leave.status, leave.decided_by_id) == (LeaveStatus.APPROVED, kasi.pk)
    rater.get_by_test_id("leave-staff-empty").wait_for()

    # His week: the day is excused (no entry needed), not missing.
    _nav(page, "/harian")
    _show_week_of(page, day)
    shown = page.locator(f"[data-testid=daily-day][data-date='{day.isoformat()}'][data-state=excused]")
    shown.wait_for()
    assert "Cuti/izin" in shown.inner_text()
    _open_leave(page)
    page.locator(f"[data-testid=leave-item][data-status=APPROVED][data-from='{day.isoformat()}']").wait_for()


def test_a_rejection_needs_a_note_which_the_employee_reads(daily, browser_for, axe_check):
    staff, kasi = daily.staff, daily.kasi
    day = _today() + dt.timedelta(days=14)
    leave = _asked(staff, day, "DINAS_LUAR", "Bimtek kurikulum di Bengkulu")

    rater = browser_for(kasi.user.username, PHONE)
    _nav(rater, "/harian")
    link = rater.get_by_test_id("daily-leave-link")
    link.filter(has_text="1 menunggu keputusan").wait_for()                  # the count on Harian's link
    link.click()
    request = rater.get_by_test_id("leave-request").filter(has_text=staff.name)
    request.wait_for()
    request.get_by_role("button", name=re.compile("^Tolak")).click()
    request.get_by_text("Tulis alasan penolakan").wait_for()                  # a note is required to reject
    note = request.get_by_label("Catatan untuk pegawai (wajib bila menolak)")
    assert note.get_attribute("aria-invalid") == "true"
    assert rater.evaluate("document.activeElement.tagName") == "TEXTAREA"
    assert Leave.objects.get(pk=leave.pk).status == LeaveStatus.PENDING
    shot(rater, "cuti-tolak-tanpa-catatan")
    axe_check(rater)
    note.fill("Bimtek ini untuk guru, bukan pengembang kurikulum.")
    request.get_by_role("button", name=re.compile("^Tolak")).click()
    rater.get_by_test_id("leave-decided").filter(has_text="ditolak").wait_for()
    leave.refresh_from_db()
    assert (leave.status, leave.decision_note) == (LeaveStatus.REJECTED, "Bimtek ini untuk guru, bukan pengembang kurikulum.")

    page = browser_for(staff.user.username, PHONE)
    _open_leave(page)
    item = page.locator("[data-testid=leave-item][data-status=REJECTED]")
    item.wait_for()
    assert "Ditolak" in item.inner_text() and "Dinas luar" in item.inner_text()
    assert f"Catatan {kasi.name}: Bimtek ini untuk guru" in item.get_by_test_id("leave-decision-note").inner_text()
    assert item.get_by_role("button").count() == 0                              # decided: nothing to withdraw
    shot(page, "cuti-ditolak")


def test_a_pending_request_is_withdrawn_and_an_overlap_refused(daily, browser_for, axe_check):
    staff = daily.staff
    first, last = _today() + dt.timedelta(days=21), _today() + dt.timedelta(days=23)

    page = browser_for(staff.user.username, PHONE)
    _open_leave(page)
    _request(page, first, "SAKIT", "Operasi kecil", until=last)
    page.get_by_test_id("leave-requested").wait_for()
    leave = Leave.objects.get(employee=staff)
    assert (leave.starts_on, leave.ends_on, leave.kind) == (first, last, "SAKIT")

    # The same days again: refused next to the first date, in Indonesian.
    _request(page, first + dt.timedelta(days=1))
    error = page.get_by_test_id("leave-error-startsOn")
    error.wait_for()
    assert "bertumpang tindih" in error.inner_text()
    assert page.get_attribute("#leave-from", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "leave-from"
    assert Leave.objects.filter(employee=staff).count() == 1
    axe_check(page)

    # Withdraw: asked first; dismissed, it stays; confirmed, it is gone.
    item = page.locator(f"[data-testid=leave-item][data-from='{first.isoformat()}']")
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    item.get_by_role("button", name=re.compile("^Batalkan permohonan sakit")).click()
    assert messages == ["Batalkan permohonan cuti ini?"]
    assert Leave.objects.filter(pk=leave.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name=re.compile("^Batalkan")).click()
    item.wait_for(state="detached")
    page.get_by_text("Permohonan dibatalkan.").wait_for()
    assert not Leave.objects.filter(pk=leave.pk).exists()


def test_the_reminder_appears_live_and_links_to_harian(daily, browser_for, axe_check):
    from apps.daily.reminders import reminders_send_due

    staff = daily.staff
    day = _working_days_up_to_today(staff, 1)[0]
    # The moment the scheduled task sweeps: the reminder hour of that working day, in WIB.
    moment = dt.datetime.combine(day, dt.time(settings.KINERJA_DAILY_REMINDER_HOUR, 5), tzinfo=ZoneInfo("Asia/Jakarta"))

    phone = browser_for(staff.user.username, PHONE)                  # on Beranda
    desktop = browser_for(staff.user.username)
    for page in (phone, desktop):
        subscribed(page, "DailyReminders")
        assert page.get_by_test_id("daily-reminder").count() == 0

    assert in_thread(lambda: reminders_send_due(now=moment)) >= 1
    for page in (phone, desktop):
        notice = page.locator("[data-testid=daily-reminder][data-kind=NOT_FILLED]")
        notice.wait_for()
        assert "belum Anda kirim" in notice.inner_text()
        assert notice.get_by_role("link", name="Isi progres sekarang").get_attribute("href") == "/harian"
    assert "hari ini" in phone.get_by_test_id("daily-reminder").inner_text() or day != _today()
    shot_both(desktop, "pengingat-harian")
    axe_check(desktop)

    # Followed on the phone: Harian, and the notice goes; dismissed on the desktop: it goes too.
    phone.get_by_test_id("daily-reminder").get_by_role("link", name="Isi progres sekarang").click()
    phone.wait_for_url("**/harian")
    phone.wait_for_selector("[data-testid=daily-form], [data-testid=daily-no-plan]")
    assert phone.get_by_test_id("daily-reminder").count() == 0
    desktop.get_by_role("button", name="Tutup pengingat").click()
    assert desktop.get_by_test_id("daily-reminder").count() == 0
    assert desktop.evaluate("document.activeElement.id") == "main"
    # Once a day: the next sweep sends nothing, and nothing new appears.
    assert in_thread(lambda: reminders_send_due(now=moment + dt.timedelta(minutes=10))) == 0
    desktop.wait_for_timeout(500)
    assert desktop.get_by_test_id("daily-reminder").count() == 0
