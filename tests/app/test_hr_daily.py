"""Pengelola kinerja, daily progress (issue 14, R-DISCIPLINE/R-LATE/R-CALENDAR) in the browser:
HR opens "Disiplin harian" for the curriculum section's demo month and sees the API's figures
("N dari M pegawai"), downloads the XLSX through the link, closes the month (asked first; the API
then refuses an entry for it) and reopens it — the state shown is the API's `monthClosure`, after a
reload too, and a month closed for the division above shows as closed there (not reopenable here); a
leader sees the figures and the download but gets the server's refusal when closing or changing a
holiday. "Kalender kerja": HR adds and deletes a holiday, gives a unit a 6-day week, records leave
for an employee (a wrong range is refused next to the field), sees it in the unit's recent leave
with the others of the unit (and not another unit's) and cancels it.

The demo month is `make run`'s (load_demo_daily): the last full month before today (WIB)."""
from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from playwright.sync_api import expect

from apps.daily import discipline_xlsx
from apps.daily.demo import last_full_month
from apps.daily.models import DailyEntry, Holiday, Leave, MonthClosure, UnitSchedule
from apps.organization.models import Employee, OrgUnit
from apps.performance.models import PerformancePlan

from ..conftest import PASSWORD, GraphQLClient, gid
from .conftest import DESKTOP, PHONE, download, in_thread, shot, shot_both
from .test_hr import choose_unit

ZIP_MAGIC = b"PK\x03\x04"
SECTION = "DISDIK-SD-KUR"
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()


@pytest.fixture
def daily_month(app_url, published):
    """The demo year of the last full month, the holidays and the section's month of daily
    progress, as `make run` loads them: (year, month)."""
    from django.core.management import call_command

    year, month = last_full_month(_today())

    def load():
        for command, *args in [("load_holidays",), ("load_demo_year", "--year", str(year)), ("load_demo_daily",)]:
            call_command(command, *args, stdout=io.StringIO())

    in_thread(load)
    assert DailyEntry.objects.filter(employee__unit__code=SECTION, date__year=year, date__month=month).exists()
    return year, month


@pytest.fixture
def holidays(app_url, published):
    from django.core.management import call_command

    in_thread(lambda: call_command("load_holidays", stdout=io.StringIO()))


@pytest.fixture
def api(app_url):
    """api('username') -> a GraphQL client signed in (bearer token), asking in Indonesian."""
    clients = []

    def make(username: str) -> GraphQLClient:
        client = GraphQLClient(app_url)
        client.language = "id"
        clients.append(client)
        return client.login(username, PASSWORD)

    yield make
    for client in clients:
        client.http.close()


ROW = """query($e: ID!, $y: Int!, $m: Int!) { employeeDiscipline(employeeId: $e, year: $y, month: $m) {
    workingDays onTime late missing excused pending percentOnTime } }"""
CLOSE = "mutation($u: ID!, $y: Int!, $m: Int!) { closeMonth(unitId: $u, year: $y, month: $m) { closedAt } }"
CLOSURE = """query($u: ID!, $y: Int!, $m: Int!) { monthClosure(unitId: $u, year: $y, month: $m) {
    unit { id name } closedAt closedBy { name } } }"""
DISCIPLINE_TOTAL = """query($u: ID!, $y: Int!, $m: Int!) { discipline(unitId: $u, year: $y, month: $m, first: 1) {
    totalCount } }"""
RECORD = """mutation($d: Date!, $w: ID!) { recordDailyEntry(input: { date: $d, workResultId: $w, text: "Rekap nilai",
    quantity: "1", outputUnit: "dokumen", submit: true }) { id status } }"""
SET_HOLIDAY = "mutation($d: Date!) { setHoliday(date: $d, name: \"Hari Jadi Lebong\", kind: NATIONAL) { date } }"
RECORD_LEAVE = """mutation($e: ID!, $s: Date!, $t: Date!) { recordLeave(employeeId: $e, startsOn: $s, endsOn: $t,
    kind: CUTI) { id } }"""


def _percent(value: float | None) -> str:
    """As the app shows it in Indonesian: up to 2 decimals, a decimal comma."""
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _open(page, tab: str, year: int) -> None:
    """Pengelola kinerja (a leader's "Kinerja unit") from the menu, then the tab; the year chosen
    in the HR pickers."""
    page.locator("#k-nav a[href='/hr']").click()
    page.get_by_role("link", name=tab, exact=True).click()
    if year != _today().year:                                     # January: the month is last year's
        page.select_option("#hr-year", str(year))


def _row(page, employee):
    return page.locator(f"[data-testid=hr-discipline-row][data-employee='{gid('Employee', employee.pk)}']")


def _cells(row) -> list[str]:
    return [c.inner_text().strip() for c in row.locator("td").all()]


def _shots(page, name: str) -> None:
    """Phone and desktop screenshots; on a phone nothing is wider than the screen (tables scroll
    inside their own region)."""
    shot_both(page, name)
    page.set_viewport_size({"width": PHONE, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    page.set_viewport_size({"width": DESKTOP, "height": 900})


def _entry_day(employee, year: int, month: int) -> dt.date:
    """A working day of the month (one the demo filled)."""
    entries = DailyEntry.objects.filter(employee=employee, date__year=year, date__month=month)
    return entries.order_by("date").first().date


def test_hr_reads_the_months_discipline_downloads_it_closes_and_reopens_it(daily_month, published, browser_for,
                                                                          api, axe_check, tmp_path):
    year, month = daily_month
    staff, section = published.staff, OrgUnit.objects.get(code=SECTION)
    page = browser_for(published.hr_all.user.username)
    _open(page, "Disiplin harian", year)
    assert page.url.endswith("/hr/disiplin")
    choose_unit(page, SECTION)
    assert page.input_value("#hr-month") == str(month)           # the last full month, ready to close
    row = _row(page, staff)
    row.wait_for()

    # The figures are the API's, cell by cell (name, then the seven figures).
    whose = {"e": gid("Employee", staff.pk), "y": year, "m": month}
    figures = api("rina.anggraini").data(ROW, whose)["employeeDiscipline"]
    assert row.locator("th").inner_text().strip() == staff.name            # the unit only for a sub-unit's rows
    counts = ("workingDays", "onTime", "late", "missing", "excused", "pending")
    assert _cells(row) == [str(figures[k]) for k in counts] + [_percent(figures["percentOnTime"])]
    assert figures["late"] == 1 and figures["missing"] == 1                  # the demo's story: not all zeros
    rows = page.get_by_test_id("hr-discipline-row")
    assert rows.count() == Employee.objects.filter(unit__path__startswith=section.path, is_active=True).count()
    hr_api = api("rina.anggraini")
    unit_month = {"u": gid("OrgUnit", section.pk), "y": year, "m": month}
    total = hr_api.data(DISCIPLINE_TOTAL, unit_month)["discipline"]["totalCount"]
    assert page.get_by_test_id("hr-discipline-count").inner_text() == f"{rows.count()} dari {total} pegawai"
    state = page.get_by_test_id("hr-month-state")
    expect(state).to_have_attribute("data-closed", "false")
    assert hr_api.data(CLOSURE, unit_month)["monthClosure"] is None
    assert f"{MONTHS_ID[month - 1]} {year} masih terbuka" in state.inner_text()
    expect(page.get_by_role("button", name="Buka kembali", exact=True)).to_be_disabled()
    _shots(page, "hr-disiplin")
    axe_check(page)

    # The XLSX through the link, as a user saves it: a real workbook with Agus's month in it.
    link = page.get_by_role("link", name=f"Unduh disiplin {MONTHS_ID[month - 1]} {year} (XLSX)", exact=True)
    filename, content = download(page, link, tmp_path)
    assert filename == discipline_xlsx.filename(section, year, month) and content.startswith(ZIP_MAGIC)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    agus = next(r for r in sheet.iter_rows(values_only=True) if staff.name in r)
    assert [figures["workingDays"], figures["onTime"], figures["late"], figures["missing"]] == [
        v for v in agus if isinstance(v, int)][:4]

    # Closing asks first: dismissed, nothing happens.
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Tutup bulan", exact=True).click()
    assert asked and f"Tutup {MONTHS_ID[month - 1]} {year} untuk {section.name}" in asked[0]
    assert not MonthClosure.objects.exists()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Tutup bulan", exact=True).click()
    done = page.get_by_test_id("hr-month-done")
    done.get_by_text(f"{MONTHS_ID[month - 1]} {year} ditutup untuk {section.name}").wait_for()
    expect(state).to_have_attribute("data-closed", "true")
    assert MonthClosure.objects.filter(unit=section, year=year, month=month).count() == 1
    # The state is the API's closure (after a reload too): this unit's, by Rina, when.
    closure = hr_api.data(CLOSURE, unit_month)["monthClosure"]
    assert closure["unit"]["id"] == gid("OrgUnit", section.pk) and closure["closedBy"]["name"] == "Rina Anggraini"
    page.reload()
    choose_unit(page, SECTION)
    expect(state).to_have_attribute("data-closed", "true")
    expect(state).to_have_attribute("data-unit", closure["unit"]["id"])
    expect(state).to_contain_text(f"{MONTHS_ID[month - 1]} {year} ditutup untuk {section.name} pada ")
    expect(state).to_contain_text("oleh Rina Anggraini")
    expect(page.get_by_test_id("hr-month-above")).to_have_count(0)
    expect(page.get_by_role("button", name="Tutup bulan", exact=True)).to_be_disabled()
    expect(page.get_by_role("button", name="Buka kembali", exact=True)).to_be_enabled()
    shot(page, "hr-disiplin-ditutup")

    # The month is closed: the API refuses an entry for one of its days, saying so.
    plan = PerformancePlan.objects.get(employee=staff, year=year)
    result = plan.work_results.order_by("position", "pk").first()
    agus_api = api(staff.user.username)
    variables = {"d": _entry_day(staff, year, month).isoformat(), "w": gid("WorkResult", result.pk)}
    refused = agus_api.error(RECORD, variables)
    assert refused["extensions"]["code"] == "BAD_USER_INPUT" and "ditutup" in refused["message"]

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Buka kembali", exact=True).click()
    page.get_by_test_id("hr-month-done").get_by_text(f"{MONTHS_ID[month - 1]} {year} dibuka kembali").wait_for()
    expect(state).to_have_attribute("data-closed", "false")
    assert not MonthClosure.objects.exists()
    assert hr_api.data(CLOSURE, unit_month)["monthClosure"] is None
    expect(state).to_contain_text(f"{MONTHS_ID[month - 1]} {year} masih terbuka")
    expect(page.get_by_role("button", name="Tutup bulan", exact=True)).to_be_enabled()
    assert agus_api.data(RECORD, variables)["recordDailyEntry"]["status"] == "SUBMITTED"   # open again


def test_a_month_closed_for_the_unit_above_shows_closed_and_is_reopened_there(daily_month, published, browser_for,
                                                                              api, axe_check):
    year, month = daily_month
    section, division = OrgUnit.objects.get(code=SECTION), OrgUnit.objects.get(code="DISDIK-SD")
    hr_api = api("rina.anggraini")
    hr_api.data(CLOSE, {"u": gid("OrgUnit", division.pk), "y": year, "m": month})
    closure = hr_api.data(CLOSURE, {"u": gid("OrgUnit", section.pk), "y": year, "m": month})["monthClosure"]
    assert closure["unit"] == {"id": gid("OrgUnit", division.pk), "name": division.name}

    page = browser_for(published.hr_all.user.username)
    _open(page, "Disiplin harian", year)
    choose_unit(page, SECTION)
    _row(page, published.staff).wait_for()
    state = page.get_by_test_id("hr-month-state")
    expect(state).to_have_attribute("data-closed", "true")
    expect(state).to_have_attribute("data-unit", gid("OrgUnit", division.pk))
    expect(state).to_contain_text(f"{MONTHS_ID[month - 1]} {year} ditutup untuk {division.name}")
    expect(page.get_by_test_id("hr-month-above")).to_contain_text(f"hanya dapat dibuka kembali di {division.name}")
    # Neither closing again nor reopening here: the closure is the division's.
    expect(page.get_by_role("button", name="Tutup bulan", exact=True)).to_be_disabled()
    expect(page.get_by_role("button", name="Buka kembali", exact=True)).to_be_disabled()
    _shots(page, "hr-disiplin-ditutup-di-atas")
    axe_check(page)

    # At the division itself it is its own: reopened there, the section is open again.
    choose_unit(page, "DISDIK-SD")
    expect(state).to_have_attribute("data-unit", gid("OrgUnit", division.pk))
    expect(page.get_by_test_id("hr-month-above")).to_have_count(0)
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Buka kembali", exact=True).click()
    expect(state).to_have_attribute("data-closed", "false")
    choose_unit(page, SECTION)
    expect(state).to_have_attribute("data-closed", "false")
    assert not MonthClosure.objects.exists()


def test_a_month_not_ended_is_refused_next_to_the_month(daily_month, published, browser_for, api):
    year, month = daily_month
    section = OrgUnit.objects.get(code=SECTION)
    page = browser_for(published.hr_all.user.username)
    _open(page, "Disiplin harian", year)
    choose_unit(page, SECTION)
    _row(page, published.staff).wait_for()
    today = _today()
    if today.year != year:
        page.select_option("#hr-year", str(today.year))
    page.select_option("#hr-month", str(today.month))           # the current month has not ended
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Tutup bulan", exact=True).click()
    refusal = api(published.hr_all.user.username).error(CLOSE, {"u": gid("OrgUnit", section.pk), "y": today.year,
                                                                "m": today.month})
    assert refusal["extensions"]["code"] == "BAD_USER_INPUT" and "month" in refusal["extensions"]["fields"]
    problem = page.get_by_test_id("hr-month-problem")
    problem.wait_for()
    assert problem.inner_text() == refusal["message"]
    expect(page.locator("#hr-month")).to_have_attribute("aria-invalid", "true")
    assert page.locator("#hr-month-error").inner_text() == problem.inner_text()
    assert not MonthClosure.objects.exists()


def test_a_leader_sees_the_figures_but_the_server_refuses_closing(daily_month, published, browser_for, api,
                                                                 axe_check, tmp_path):
    year, month = daily_month
    staff, kabid, section = published.staff, published.kabid, OrgUnit.objects.get(code=SECTION)
    page = browser_for(kabid.user.username)
    _open(page, "Disiplin harian", year)
    choose_unit(page, SECTION)
    row = _row(page, staff)
    row.wait_for()
    whose = {"e": gid("Employee", staff.pk), "y": year, "m": month}
    figures = api(kabid.user.username).data(ROW, whose)["employeeDiscipline"]
    assert _cells(row)[:4] == [str(figures[k]) for k in ("workingDays", "onTime", "late", "missing")]
    link = page.get_by_test_id("hr-discipline-xlsx")
    filename, content = download(page, link, tmp_path)
    assert filename == discipline_xlsx.filename(section, year, month) and content.startswith(ZIP_MAGIC)

    refusal = api(kabid.user.username).error(CLOSE, {"u": gid("OrgUnit", section.pk), "y": year, "m": month})
    assert refusal["extensions"]["code"] == "FORBIDDEN"
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Tutup bulan", exact=True).click()
    problem = page.get_by_test_id("hr-month-problem")
    problem.wait_for()
    assert problem.inner_text() == refusal["message"]
    assert not MonthClosure.objects.exists()
    shot(page, "hr-disiplin-pimpinan")
    axe_check(page)

    # Nor may a leader change the national holidays: the server's refusal, nothing stored.
    page.get_by_role("link", name="Kalender kerja", exact=True).click()
    day = dt.date(year, 2, 2)
    refusal = api(kabid.user.username).error(SET_HOLIDAY, {"d": day.isoformat()})
    assert refusal["extensions"]["code"] == "FORBIDDEN"
    page.fill("#hr-holiday-date", day.isoformat())
    page.fill("#hr-holiday-name", "Hari Jadi Lebong")
    page.get_by_test_id("hr-holidays").get_by_role("button", name="Simpan").click()
    holiday_problem = page.get_by_test_id("hr-holiday-problem")
    holiday_problem.wait_for()
    assert holiday_problem.inner_text() == refusal["message"]
    assert not Holiday.objects.filter(name="Hari Jadi Lebong").exists()


def test_hr_keeps_the_calendar_holidays_working_week_and_leave(holidays, published, browser_for, api, axe_check):
    year = _today().year
    staff, peer, nurse = published.staff, published.peer, published.nurse
    # Leave already recorded: the staff member's peer in the section, a nurse of the health centre.
    hr_api = api("rina.anggraini")
    peer_start, nurse_start = _today() + dt.timedelta(days=21), _today() + dt.timedelta(days=7)
    for who, start in ((peer, peer_start), (nurse, nurse_start)):
        hr_api.data(RECORD_LEAVE, {"e": gid("Employee", who.pk), "s": start.isoformat(), "t": start.isoformat()})
    page = browser_for(published.hr_all.user.username)
    _open(page, "Kalender kerja", year)
    assert page.url.endswith("/hr/kalender")
    choose_unit(page, "PKM-TUBEI")
    listed = page.get_by_test_id("hr-holiday")
    listed.first.wait_for()
    assert listed.count() == Holiday.objects.filter(date__year=year).count()
    # The health centre's recent leave: its nurse's, by name.
    unit_leave = page.get_by_test_id("hr-leave-row")
    expect(unit_leave).to_have_count(1)
    expect(unit_leave.first).to_have_attribute("data-employee", gid("Employee", nurse.pk))
    expect(unit_leave.first.get_by_test_id("hr-leave-employee")).to_have_text(nurse.name)

    # A holiday: a missing name is said next to the field; then added, listed in date order, deleted.
    day = next(d for d in (dt.date(year, 10, 1) + dt.timedelta(days=n) for n in range(60))
               if d.weekday() < 5 and not Holiday.objects.filter(date=d).exists())
    holidays_card = page.get_by_test_id("hr-holidays")
    page.fill("#hr-holiday-date", day.isoformat())
    holidays_card.get_by_role("button", name="Simpan").click()
    expect(page.locator("#hr-holiday-name")).to_have_attribute("aria-invalid", "true")
    page.fill("#hr-holiday-name", "Hari Jadi Kabupaten Lebong")
    page.select_option("#hr-holiday-kind", "COLLECTIVE_LEAVE")
    holidays_card.get_by_role("button", name="Simpan").click()
    row = page.locator(f"[data-testid=hr-holiday][data-date='{day.isoformat()}']")
    expect(row).to_contain_text("Hari Jadi Kabupaten Lebong")
    expect(row).to_contain_text("Cuti bersama")
    assert Holiday.objects.get(date=day).kind == "COLLECTIVE_LEAVE"
    dates = [listed.nth(i).get_attribute("data-date") for i in range(listed.count())]
    assert dates == sorted(dates)

    # The unit's working week: 6 days, stored, and shown again after a reload.
    pkm = OrgUnit.objects.get(code="PKM-TUBEI")
    schedule = page.get_by_test_id("hr-schedule")
    schedule.get_by_label("6 hari (Senin–Sabtu)").check()
    schedule.get_by_role("button", name="Simpan").click()
    schedule.get_by_test_id("hr-schedule-done").wait_for()
    stored = UnitSchedule.objects.get(unit=pkm)
    assert (stored.working_days, stored.time_zone) == (6, "Asia/Jakarta")              # WIB
    expect(schedule.get_by_test_id("hr-schedule-source")).to_have_text("Ditetapkan untuk unit ini.")

    # Leave for an employee of the curriculum section: a range ending before it starts is refused
    # next to the field; then recorded, approved at once, listed, and cancelled.
    choose_unit(page, SECTION)
    leave = page.get_by_test_id("hr-leave")
    page.fill("#hr-leave-search", "Agus")
    expect(page.locator("#hr-leave-employee option")).to_have_count(1)
    assert page.input_value("#hr-leave-employee") == gid("Employee", staff.pk)
    start = _today() + dt.timedelta(days=14)
    page.fill("#hr-leave-start", start.isoformat())
    page.fill("#hr-leave-end", (start - dt.timedelta(days=1)).isoformat())
    leave.get_by_role("button", name="Catat cuti").click()
    expect(page.locator("#hr-leave-end")).to_have_attribute("aria-invalid", "true")
    page.get_by_test_id("hr-leave-problem").wait_for()
    assert page.locator("#hr-leave-end-error").inner_text()
    assert not Leave.objects.filter(employee=staff).exists()
    # The section's recent leave, before: the peer's only (not the nurse's of another unit).
    expect(unit_leave).to_have_count(1)
    expect(unit_leave.first).to_have_attribute("data-employee", gid("Employee", peer.pk))
    page.fill("#hr-leave-end", (start + dt.timedelta(days=2)).isoformat())
    page.select_option("#hr-leave-kind", "DINAS_LUAR")
    page.fill("#hr-leave-note", "Bimtek kurikulum di Bengkulu")
    leave.get_by_role("button", name="Catat cuti").click()
    page.get_by_test_id("hr-leave-done").get_by_text(f"Cuti {staff.name} tercatat.").wait_for()
    expect(page.locator("#hr-leave-end")).not_to_have_attribute("aria-invalid", "true")
    recorded = Leave.objects.get(employee=staff)
    assert (recorded.status, recorded.kind, recorded.starts_on, recorded.note) == (
        "APPROVED", "DINAS_LUAR", start, "Bimtek kurikulum di Bengkulu")
    listed_leave = page.locator(f"[data-testid=hr-leave-row][data-starts='{start.isoformat()}']")
    expect(listed_leave).to_contain_text("Dinas luar")
    expect(listed_leave).to_contain_text("Disetujui")
    # Listed with the unit's others, newest first, each with the employee's name; "N dari M".
    expect(unit_leave).to_have_count(2)
    assert [unit_leave.nth(i).get_by_test_id("hr-leave-employee").inner_text() for i in range(2)] == [
        peer.name, staff.name]
    assert [unit_leave.nth(i).get_attribute("data-starts") for i in range(2)] == [peer_start.isoformat(),
                                                                                 start.isoformat()]
    expect(page.get_by_test_id("hr-leaves")).to_contain_text("2 dari 2 ditampilkan.")
    _shots(page, "hr-kalender")
    axe_check(page)

    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    listed_leave.get_by_role("button", name="Batalkan").click()
    expect(listed_leave).to_have_count(0)
    assert asked and asked[0].startswith(f"Batalkan cuti {staff.name} ")
    assert not Leave.objects.filter(employee=staff).exists()
    expect(unit_leave).to_have_count(1)                                  # the peer's stays

    page.once("dialog", lambda d: d.accept())
    row.get_by_role("button", name="Hapus").click()
    expect(row).to_have_count(0)
    assert not Holiday.objects.filter(date=day).exists()

    page.reload()
    choose_unit(page, "PKM-TUBEI")
    expect(page.get_by_test_id("hr-schedule").get_by_label("6 hari (Senin–Sabtu)")).to_be_checked()
