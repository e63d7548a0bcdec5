"""Harian in the browser (issue 14, R-DAILY/R-LATE/R-CALENDAR): a demo employee records today's
work on a phone — pick the work result, type, save & send — and sees it in the week as Diajukan,
with the missing days marked in red and in words; a Sunday and a holiday are refused next to the
date, in Indonesian. His rater, on a desktop, sees one item for him with the count, approves
everything in ONE request, returns an entry with a required note, and gets a refusal per entry
without losing the rest; the employee's week shows Disetujui, the note, and resubmits.

The demo year's approved SKPs are this year's (2026 at the time of writing; today in WIB decides
the dates below), so the days are computed from the real calendar, not fixed."""
from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from strawberry import relay

from apps.daily.models import DailyEntry, Holiday
from apps.performance.models import PerformancePlan

from .conftest import PHONE, in_thread, shot, shot_both


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()


@pytest.fixture
def daily(demo_year, published):
    """The demo year with the national holidays loaded (as `make run` does); the employee (Agus
    Pratama, staff of the curriculum section) has an approved SKP for it, rated by Desi Permata."""
    from django.core.management import call_command

    in_thread(lambda: call_command("load_holidays", stdout=io.StringIO()))
    assert Holiday.objects.filter(date__year=demo_year).count() >= 20
    plan = PerformancePlan.objects.get(employee=published.staff, year=demo_year)
    assert plan.status == "APPROVED" and plan.work_results.exists()
    assert published.staff.rater_id == published.kasi.pk
    return plan


def _week(employee, day: dt.date):
    from apps.daily.entry_selectors import week_of

    employee.refresh_from_db()
    return week_of(employee, day)


def _working_days_up_to_today(employee, count: int) -> list[dt.date]:
    """The last `count` working days (not excused) up to today, latest first."""
    found, day = [], _today()
    while len(found) < count:
        days = {d.date: d for d in _week(employee, day).days}
        for d in sorted(days, reverse=True):
            if d <= day and days[d].is_working_day and not days[d].is_excused and d not in found:
                found.append(d)
        day = day - dt.timedelta(days=day.weekday() + 1)  # the Sunday before this week
    return found[:count]


def _record(employee, plan, day: dt.date, text: str) -> DailyEntry:
    from apps.daily.entries import entry_record

    result = plan.work_results.order_by("position", "pk").first()
    return in_thread(lambda: entry_record(actor=employee.user, entry_id=None, date=day, work_result_id=result.pk,
                                          text=text, quantity="1", output_unit="dokumen", submit=True))


def _nav(page, href: str) -> None:
    """Through the app's own menu (a phone folds it under "Menu")."""
    if page.viewport_size["width"] < 720:
        page.get_by_role("button", name="Menu", exact=True).click()
    page.locator(f"#k-nav a[href='{href}']").click()


def _open_review(page) -> None:
    """Harian, then its link to the review (on Harian for raters, with the count waiting)."""
    _nav(page, "/harian")
    page.get_by_role("link", name=re.compile("^Tinjau progres tim")).click()


def _show_week_of(page, day: dt.date) -> None:
    """Page the week view back to the week holding `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    for _ in range(3):                                          # the week shown first is this one
        page.locator("[data-testid=daily-day]").first.wait_for()
        if page.locator(f"[data-testid=daily-day][data-date='{day.isoformat()}']").count():
            return
        shown = page.locator("[data-testid=daily-day]").first.get_attribute("data-date")
        page.get_by_role("button", name="Minggu sebelumnya").click()
        page.wait_for_selector(f"[data-testid=daily-day][data-date='{(dt.date.fromisoformat(shown) - dt.timedelta(days=7)).isoformat()}']")
    raise AssertionError(f"the week of {monday} is not shown")


def _entry_on(page, entry: DailyEntry):
    return page.locator(f"[data-testid=daily-day][data-date='{entry.date.isoformat()}'] [data-testid=daily-entry]",
                        has_text=entry.text)


def test_an_employee_records_todays_work_on_a_phone(daily, published, browser_for, axe_check):
    staff, plan = published.staff, daily
    result = plan.work_results.order_by("position", "pk").last()
    day = _working_days_up_to_today(staff, 1)[0]              # today on a working day

    page = browser_for(staff.user.username, PHONE)
    _nav(page, "/harian")
    page.wait_for_selector("#daily-text")
    assert page.evaluate("document.activeElement.id") == "daily-text"          # ready to type
    assert page.input_value("#daily-date") == _today().isoformat()             # today in WIB
    if day != _today():                                        # a weekend or holiday today: the last working day
        page.fill("#daily-date", day.isoformat())
    page.select_option("#daily-result", str(relay.GlobalID("WorkResult", str(result.pk))))
    page.fill("#daily-text", "Menyusun kisi-kisi asesmen kelas 5")
    assert page.input_value("#daily-quantity") == "1"
    page.fill("#daily-unit", "paket soal")                    # not the indicator's unit (dokumen)
    page.get_by_role("button", name="Simpan & kirim").click()
    page.wait_for_selector("[data-testid=daily-saved]")

    entry = DailyEntry.objects.get(employee=staff, date=day)
    assert (entry.status, entry.work_result_id, entry.output_unit) == ("SUBMITTED", result.pk, "paket soal")
    assert "Diajukan" in _entry_on(page, entry).inner_text()
    assert page.evaluate("document.activeElement.id") == "daily-text"          # ready for the next one

    # A returning user (a reload forgets the session): the work result and unit of the latest entry
    # are ready, whichever of the SKP and the latest entries arrives first — here the latest last.
    held = []
    page.route("**/graphql/", lambda route: held.append(route)
               if "DailyRecent" in (route.request.post_data or "") else route.continue_())
    with page.expect_response(lambda r: "DailyPlan" in (r.request.post_data or "")):
        page.reload()
    page.wait_for_timeout(500)                                 # time to show what has arrived
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/graphql/")
    page.wait_for_selector("#daily-text")
    assert page.input_value("#daily-result") == str(relay.GlobalID("WorkResult", str(result.pk)))
    assert page.input_value("#daily-unit") == "paket soal"
    shot_both(page, "harian")
    axe_check(page)

    # Missing days: working, not excused, unfilled past their deadline — red and in words.
    week = _week(staff, day)
    if not any(d.is_missing for d in week.days):
        page.set_viewport_size({"width": PHONE, "height": 900})
        page.get_by_role("button", name="Minggu sebelumnya").click()
        week = _week(staff, week.start - dt.timedelta(days=7))
    page.wait_for_selector(f"[data-testid=daily-day][data-date='{week.start.isoformat()}']")
    missing = [d.date.isoformat() for d in week.days if d.is_missing]
    assert missing
    shown = page.locator("[data-testid=daily-day][data-state=missing]")
    assert [shown.nth(i).get_attribute("data-date") for i in range(shown.count())] == missing
    assert "lewat batas waktu" in shown.first.inner_text()
    assert f"{len(missing)} hari kerja belum diisi" in page.get_by_test_id("daily-missing-summary").inner_text()
    holidays = [d for d in week.days if d.holiday]
    for d in holidays:
        assert d.holiday in page.locator(f"[data-testid=daily-day][data-date='{d.date.isoformat()}']").inner_text()


def test_a_sunday_and_a_holiday_are_refused_next_to_the_date(daily, published, browser_for, axe_check):
    staff = published.staff
    page = browser_for(staff.user.username, PHONE)
    _nav(page, "/harian")
    page.wait_for_selector("#daily-text")
    sunday = _today() - dt.timedelta(days=_today().weekday() + 1)
    page.fill("#daily-date", sunday.isoformat())
    page.fill("#daily-text", "Rapat koordinasi")
    page.get_by_role("button", name="Simpan & kirim").click()
    error = page.get_by_test_id("daily-error-date")
    error.wait_for()
    assert "bukan hari kerja unit Anda" in error.inner_text()
    assert page.get_attribute("#daily-date", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "daily-date"
    shot(page, "harian-ditolak")
    axe_check(page)

    independence = dt.date(daily.year, 8, 17)
    assert Holiday.objects.filter(date=independence).exists()
    page.fill("#daily-date", independence.isoformat())
    page.get_by_role("button", name="Simpan & kirim").click()
    page.wait_for_selector("[data-testid=daily-error-date]:has-text('adalah hari libur')")
    assert Holiday.objects.get(date=independence).name in error.inner_text()
    assert not DailyEntry.objects.filter(employee=staff).exists()                 # nothing half-written


def test_the_rater_approves_the_week_in_one_request(daily, published, browser_for, axe_check):
    staff, kasi = published.staff, published.kasi
    days = _working_days_up_to_today(staff, 2)
    entries = [_record(staff, daily, day, f"Verifikasi perangkat ajar sekolah {i + 1}") for i, day in enumerate(days)]

    rater = browser_for(kasi.user.username)
    reviews = []
    rater.on("request", lambda r: r.method == "POST" and "ReviewDailyEntries" in (r.post_data or "")
             and reviews.append(r))
    badge = rater.get_by_test_id("daily-review-badge")
    badge.wait_for()
    assert badge.inner_text() == "1"                                           # one person waiting
    _open_review(rater)
    items = rater.get_by_test_id("review-item")
    items.first.wait_for()
    assert items.count() == 1
    assert staff.name in items.first.inner_text() and "2 progres menunggu" in items.first.inner_text()
    items.first.click()
    rater.get_by_test_id("review-entry").nth(1).wait_for()
    assert rater.get_by_test_id("review-entry").count() == 2
    shot_both(rater, "harian-tinjau")
    axe_check(rater)

    rater.get_by_role("button", name="Setujui semua (2)").click()
    rater.wait_for_selector("[data-testid=review-outcome]:has-text('2 disetujui, 0 dikembalikan.')")
    assert len(reviews) == 1
    assert {e.status for e in DailyEntry.objects.filter(pk__in=[e.pk for e in entries])} == {"APPROVED"}
    rater.get_by_test_id("review-empty").wait_for()                            # the queue refreshed
    assert rater.get_by_test_id("daily-review-badge").count() == 0

    page = browser_for(staff.user.username, PHONE)
    _nav(page, "/harian")
    for entry in entries:
        _show_week_of(page, entry.date)
        assert "Disetujui" in _entry_on(page, entry).inner_text()


def test_the_rater_approves_the_whole_teams_week_in_one_action(daily, published, browser_for, axe_check):
    staff, peer, kasi = published.staff, published.peer, published.kasi
    peer_plan = PerformancePlan.objects.get(employee=peer, year=daily.year)
    assert peer_plan.status == "APPROVED" and peer.rater_id == kasi.pk
    days = _working_days_up_to_today(staff, 2)
    entries = [_record(staff, daily, day, f"Verifikasi perangkat ajar {i + 1}") for i, day in enumerate(days)]
    entries.append(_record(peer, peer_plan, days[0], "Rekap data pokok pendidikan"))

    rater = browser_for(kasi.user.username)
    reviews = []
    rater.on("request", lambda r: r.method == "POST" and "ReviewDailyEntries" in (r.post_data or "")
             and reviews.append(r))
    _open_review(rater)
    team = rater.get_by_test_id("review-team")
    team.wait_for()
    assert "3 progres dari 2 pegawai" in team.inner_text()
    team.click()
    rater.get_by_test_id("review-entry").nth(2).wait_for()
    assert [p.inner_text() for p in rater.get_by_test_id("review-person").all()] == sorted([staff.name, peer.name])
    shot_both(rater, "harian-tinjau-tim")
    axe_check(rater)

    rater.get_by_role("button", name="Setujui semua (3)").click()
    rater.wait_for_selector("[data-testid=review-outcome]:has-text('3 disetujui, 0 dikembalikan.')")
    assert len(reviews) == 1                                                   # one action, one request
    assert {e.status for e in DailyEntry.objects.filter(pk__in=[e.pk for e in entries])} == {"APPROVED"}
    rater.get_by_test_id("review-empty").wait_for()
    assert rater.get_by_test_id("review-team").count() == 0


def test_a_return_needs_a_note_and_a_refusal_keeps_the_rest(daily, published, browser_for, axe_check):
    from apps.daily.entries import entries_review

    staff, kasi = published.staff, published.kasi
    day = _working_days_up_to_today(staff, 1)[0]
    fix, fine, meanwhile = (_record(staff, daily, day, text) for text in (
        "Rekap nilai tanpa lampiran", "Rapat MGMP matematika", "Sosialisasi kurikulum"))

    rater = browser_for(kasi.user.username)
    _open_review(rater)
    rater.get_by_test_id("review-item").first.click()
    rater.get_by_test_id("review-entry").nth(2).wait_for()
    row = rater.get_by_test_id("review-entry").filter(has_text=fix.text)
    row.get_by_role("button", name=re.compile("^Kembalikan")).click()
    rater.get_by_role("button", name="Setujui 2 & kembalikan 1").click()
    row.get_by_text("Tulis catatan").wait_for()                               # the note is required
    assert DailyEntry.objects.get(pk=fix.pk).status == "SUBMITTED"
    row.get_by_label("Catatan untuk pegawai (wajib)").fill("Lampirkan rekap nilai dalam tautan bukti.")
    # Meanwhile, in another tab, one entry is approved already: it is refused, the rest is done.
    in_thread(lambda: entries_review(actor=kasi.user, approve_ids=[meanwhile.pk], returns=[]))
    rater.get_by_role("button", name="Setujui 2 & kembalikan 1").click()
    outcome = rater.get_by_test_id("review-outcome")
    outcome.get_by_text("1 disetujui, 1 dikembalikan.").wait_for()
    refused = rater.get_by_test_id("review-refused")
    assert "1 progres tidak dapat diproses" in refused.inner_text()
    assert meanwhile.text in refused.inner_text() and "tidak sedang menunggu" in refused.inner_text()
    shot(rater, "harian-tinjau-hasil")
    axe_check(rater)
    assert {e.pk: e.status for e in DailyEntry.objects.filter(employee=staff)} == {
        fix.pk: "RETURNED", fine.pk: "APPROVED", meanwhile.pk: "APPROVED"}

    page = browser_for(staff.user.username, PHONE)
    _nav(page, "/harian")
    _show_week_of(page, day)
    returned = _entry_on(page, fix)
    assert "Dikembalikan" in returned.inner_text()
    assert "Lampirkan rekap nilai dalam tautan bukti." in returned.get_by_test_id("daily-return-note").inner_text()
    shot(page, "harian-dikembalikan")
    returned.get_by_role("button", name="Ubah & kirim ulang").click()
    assert page.input_value("#daily-text") == fix.text
    page.fill("#daily-link", "https://drive.lebongkab.go.id/rekap-nilai.pdf")
    page.get_by_role("button", name="Simpan & kirim").click()
    page.wait_for_selector("[data-testid=daily-saved]")
    fix.refresh_from_db()
    assert (fix.status, fix.evidence_link) == ("SUBMITTED", "https://drive.lebongkab.go.id/rekap-nilai.pdf")
    assert "Diajukan" in _entry_on(page, fix).inner_text()


def test_a_draft_is_kept_then_submitted_or_deleted_from_the_week(daily, published, browser_for):
    staff = published.staff
    result = daily.work_results.order_by("position", "pk").first()
    day = _working_days_up_to_today(staff, 1)[0]

    page = browser_for(staff.user.username, PHONE)
    _nav(page, "/harian")
    page.wait_for_selector("#daily-text")

    def draft(text: str) -> DailyEntry:
        page.fill("#daily-date", day.isoformat())
        page.select_option("#daily-result", str(relay.GlobalID("WorkResult", str(result.pk))))
        page.fill("#daily-text", text)
        page.fill("#daily-unit", "laporan")
        page.get_by_role("button", name="Simpan draf").click()
        page.get_by_test_id("daily-saved").filter(has_text="Draf progres").wait_for()
        entry = DailyEntry.objects.get(employee=staff, text=text)
        assert (entry.status, entry.date, entry.output_unit) == ("DRAFT", day, "laporan")
        _entry_on(page, entry).filter(has_text="Draf").wait_for()
        return entry

    # "Simpan draf" keeps it as a draft, not sent to the rater; "Kirim" in the week submits it.
    kept = draft("Menyusun draf laporan supervisi")
    _entry_on(page, kept).get_by_role("button", name="Kirim", exact=True).click()
    _entry_on(page, kept).filter(has_text="Diajukan").wait_for()
    assert DailyEntry.objects.get(pk=kept.pk).status == "SUBMITTED"
    assert _entry_on(page, kept).get_by_role("button").count() == 0       # nothing left to change

    # "Hapus" asks first: dismissed, the draft stays; confirmed, it is gone.
    dropped = draft("Catatan yang tidak jadi dikirim")
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    _entry_on(page, dropped).get_by_role("button", name="Hapus", exact=True).click()
    assert messages == ["Hapus draf progres ini?"]
    assert DailyEntry.objects.filter(pk=dropped.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    _entry_on(page, dropped).get_by_role("button", name="Hapus", exact=True).click()
    expect(_entry_on(page, dropped)).to_have_count(0)
    assert not DailyEntry.objects.filter(pk=dropped.pk).exists()
    assert _entry_on(page, kept).count() == 1


def test_without_an_approved_skp_the_form_says_what_to_do(daily, demo_year, browser_for, axe_check):
    plan = PerformancePlan.objects.select_related("employee__user").filter(
        year=demo_year, status="SUBMITTED").first()
    assert plan, "the demo year has a submitted SKP"

    page = browser_for(plan.employee.user.username, PHONE)
    _nav(page, "/harian")
    notice = page.get_by_test_id("daily-no-plan")
    notice.wait_for()
    assert f"belum memiliki SKP tahun {demo_year} yang disetujui" in notice.inner_text()
    assert f"Status SKP tahun {demo_year}: Diajukan." in notice.inner_text()
    assert page.locator("#daily-text").count() == 0 and page.locator("#daily-date").count() == 1
    axe_check(page)
    notice.get_by_role("link", name="Buka SKP saya").click()
    page.wait_for_url("**/skp")


def test_an_entry_carries_evidence_files_and_the_action_it_serves(daily, published, browser_for, axe_check,
                                                                   settings, tmp_path):
    """Evidence files (bukti dukung) and the action of the quarter's approved action plan
    (R-ACTION), from the phone form: a refused file is named next to the field with nothing
    saved; the week shows the action and the files, which download; a file is removed while
    the entry is a draft."""
    from apps.daily.models import ActionPlan, ActionPlanItem, ActionPlanStatus, DailyEntryEvidence
    from apps.performance.models import PerformancePeriod

    settings.MEDIA_ROOT = tmp_path
    staff = published.staff
    result = daily.work_results.order_by("position", "pk").first()
    day = _working_days_up_to_today(staff, 1)[0]
    quarter = PerformancePeriod.objects.get(year=day.year, kind="QUARTER", starts_on__lte=day, ends_on__gte=day)
    action_plan, _created = ActionPlan.objects.get_or_create(plan=daily, period=quarter,
                                                             defaults={"status": ActionPlanStatus.APPROVED})
    ActionPlan.objects.filter(pk=action_plan.pk).update(status=ActionPlanStatus.APPROVED)
    item = ActionPlanItem.objects.create(action_plan=action_plan, work_result=result, target="2", unit="paket",
                                         text="Menyusun instrumen asesmen sumatif")
    result_id, item_id = (str(relay.GlobalID(kind, str(pk))) for kind, pk in (("WorkResult", result.pk),
                                                                              ("ActionPlanItem", item.pk)))
    pdf = {"name": "notulen-rapat.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n" + b"0" * 2000}
    photo = {"name": "foto-kegiatan.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff\xe0" + b"0" * 40000}

    page = browser_for(staff.user.username, PHONE)
    _nav(page, "/harian")
    page.wait_for_selector("#daily-text")
    page.fill("#daily-date", day.isoformat())
    page.select_option("#daily-result", result_id)
    # The action choice: offered for this work result, none chosen by default.
    assert page.input_value("#daily-action") == ""
    page.select_option("#daily-action", item_id)
    page.fill("#daily-text", "Menyusun kisi-kisi asesmen sumatif kelas 4")
    page.fill("#daily-unit", "dokumen")

    # A file that is no PDF, PNG or JPEG: named next to the field, nothing saved.
    page.set_input_files("#daily-files", [pdf, {"name": "catatan.txt", "mimeType": "text/plain", "buffer": b"teks"}])
    page.get_by_role("button", name="Simpan draf").click()
    error = page.get_by_test_id("daily-error-evidenceFiles")
    expect(error).to_have_text("hanya berkas PDF, PNG, atau JPEG yang diterima")
    assert page.evaluate("document.activeElement.id") == "daily-files"
    assert not DailyEntry.objects.filter(employee=staff, date=day).exists()
    assert not DailyEntryEvidence.objects.exists()

    page.set_input_files("#daily-files", [pdf, photo])
    expect(error).to_have_count(0)                               # other files: the refusal is gone
    expect(page.get_by_test_id("daily-files-chosen")).to_contain_text(
        "notulen-rapat.pdf (2 kB), foto-kegiatan.jpg (39 kB)")
    shot_both(page, "harian-bukti")
    page.set_viewport_size({"width": PHONE, "height": 900})
    axe_check(page)
    page.get_by_role("button", name="Simpan draf").click()
    page.get_by_test_id("daily-saved").filter(has_text="Draf progres").wait_for()
    entry = DailyEntry.objects.get(employee=staff, date=day, text__startswith="Menyusun kisi-kisi")
    assert (entry.status, entry.action_item_id) == ("DRAFT", item.pk)
    assert list(entry.evidence_files.values_list("name", "content_type")) == [
        ("notulen-rapat.pdf", "application/pdf"), ("foto-kegiatan.jpg", "image/jpeg")]
    assert page.input_value("#daily-files") == ""                # a fresh form for the next entry

    # The week: the action and the files, which download as attachments.
    shown = _entry_on(page, entry)
    expect(shown.get_by_test_id("daily-entry-action")).to_have_text("Rencana aksi: Menyusun instrumen asesmen sumatif")
    evidence = shown.get_by_test_id("daily-entry-evidence")
    expect(evidence).to_contain_text("notulen-rapat.pdf (2 kB)")
    link = evidence.get_by_role("link", name="notulen-rapat.pdf")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.body() == pdf["buffer"]
    assert response.headers["content-disposition"].startswith("attachment")
    shot(page, "harian-bukti-minggu")

    # Changing the draft: the photo removed, the entry sent; its action kept.
    shown.get_by_role("button", name="Ubah", exact=True).click()
    assert page.input_value("#daily-action") == item_id
    page.get_by_role("checkbox", name="Hapus foto-kegiatan.jpg").check()
    shot(page, "harian-bukti-ubah")
    axe_check(page)
    page.get_by_role("button", name="Simpan & kirim").click()
    page.get_by_test_id("daily-saved").filter(has_text="diajukan").wait_for()
    entry.refresh_from_db()
    assert (entry.status, entry.action_item_id) == ("SUBMITTED", item.pk)
    assert list(entry.evidence_files.values_list("name", flat=True)) == ["notulen-rapat.pdf"]
    expect(_entry_on(page, entry).get_by_test_id("daily-entry-evidence")).not_to_contain_text("foto-kegiatan.jpg")
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1
