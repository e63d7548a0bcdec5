"""Pengelola kinerja (HR, screen 8) in the browser: the dashboard's figures for the demo year,
opening a year with its live progress bar, the IKM survey (paste, checks, the index), the
organization import with every row error listed and nothing written, and a staff member who
gets the server's refusal, never a unit's figures."""
from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from apps.organization.models import Employee, OrgUnit
from apps.performance import rules
from apps.performance.models import Evaluation, OrgGoal, PerformancePeriod, PerformancePlan, UnitOrgRating

from ..conftest import gid
from .conftest import DESKTOP, PHONE, shot


SUBSCREENS = [("Buka tahun / periode", "buka", "hr-buka"), ("Sasaran organisasi", "sasaran", "hr-sasaran"),
              ("Predikat organisasi", "predikat", "hr-predikat"), ("Survei IKM", "ikm", "hr-ikm"),
              ("Impor organisasi", "impor", "hr-impor"), ("Dasbor", "", "hr-dasbor")]


def choose_unit(page, code: str) -> None:
    page.wait_for_selector("#hr-unit option", state="attached")
    page.select_option("#hr-unit", gid("OrgUnit", OrgUnit.objects.get(code=code).pk))


def chart_table(page, title: str) -> dict[str, str]:
    """The data table under a chart, as {row label: first value}."""
    figure = page.locator("figure.k-chart", has=page.locator("figcaption", has_text=title))
    figure.locator("summary").click()
    rows = figure.locator("tbody tr")
    return {rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").first.inner_text()
            for i in range(rows.count())}


def test_hr_opens_a_year_and_watches_the_progress_to_the_end(browser_for, published):
    year = dt.date.today().year
    unit = OrgUnit.objects.get(code="DISDIK-SD")
    employees = Employee.objects.filter(unit__path__startswith=unit.path, is_active=True).count()
    assert employees > 1
    page = browser_for(published.hr_all.user.username)
    page.get_by_role("link", name="Pengelola kinerja", exact=True).click()
    page.get_by_role("link", name="Buka tahun / periode").click()
    assert page.url.endswith("/hr/buka")
    choose_unit(page, "DISDIK-SD")
    page.get_by_role("button", name=f"Buka tahun {year}…").click()
    confirm = page.get_by_role("alertdialog")
    assert "Bidang Pembinaan Sekolah Dasar" in confirm.inner_text()     # what is about to happen, first
    assert PerformancePlan.objects.filter(year=year).count() == 0
    confirm.get_by_role("button", name="Ya, mulai").click()
    job = page.get_by_test_id("hr-job")
    job.get_by_text(f"{employees} dari {employees}").wait_for()
    job.get_by_text("Status: Selesai").wait_for()
    progress = job.locator("progress")
    assert progress.get_attribute("value") == str(employees) and progress.get_attribute("max") == str(employees)
    assert PerformancePlan.objects.filter(year=year, employee__unit__path__startswith=unit.path).count() == employees
    assert PerformancePlan.objects.filter(year=year).count() == employees  # only that unit's subtree
    # The year's periods now exist: the review period can be chosen.
    page.wait_for_selector("#hr-open-period option", state="attached")


def test_an_import_with_bad_rows_lists_each_error_and_writes_nothing(browser_for, published):
    units_before, employees_before = OrgUnit.objects.count(), Employee.objects.count()
    page = browser_for(published.hr_all.user.username, PHONE)
    page.goto("/hr/impor")
    units_csv = ("code,name,parent_code,kind\n"
                 "BARU-1,Bidang Baru,DISDIK,BIDANG\n"
                 "BARU-2,,DISDIK,BIDANG\n"                     # row 3: no name
                 "BARU-3,Seksi Aneh,DISDIK,PLANET\n")          # row 4: unknown kind
    page.set_input_files("#hr-import-units-file", files=[{"name": "unit.csv", "mimeType": "text/csv",
                                                          "buffer": units_csv.encode()}])
    page.wait_for_function("document.querySelector('#hr-import-units').value.includes('PLANET')")
    page.fill("#hr-import-employees",
              "nip,name,email,username,unit_code,position,position_class,employment_type,supervisor_nip,acting_for_nip,roles\n"
              "123,Budi,budi@lebongkab.go.id,budi,BARU-1,Staf,PELAKSANA,PNS,,,\n"        # row 2: bad NIP
              "199001012015011001,Sari,sari@lebongkab.go.id,sari,NOWHERE,Staf,PELAKSANA,PNS,,,\n")
    page.get_by_role("button", name="Impor", exact=True).click()
    table = page.get_by_test_id("hr-import-errors")
    table.wait_for()
    assert "4 masalah; tidak ada data yang disimpan" in page.get_by_test_id("hr-import-problem").inner_text()
    rows = [[c.inner_text() for c in r.locator("td").all()] for r in table.locator("tbody tr").all()]
    assert ["unit", "3", "name"] == rows[0][:3]
    assert ["unit", "4", "kind"] == rows[1][:3]
    assert ["pegawai", "2", "nip"] in [r[:3] for r in rows]
    assert len(rows) == 4 and all(r[3] for r in rows)                    # every error, with its message
    shot(page, "hr-impor-kesalahan")
    assert (OrgUnit.objects.count(), Employee.objects.count()) == (units_before, employees_before)
    assert not OrgUnit.objects.filter(code__startswith="BARU").exists()

    # A file full of errors: the first 100 are listed, the rest counted.
    page.fill("#hr-import-employees", "")
    page.fill("#hr-import-units", "code,name,parent_code,kind\n" + "".join(f"X{i},,DISDIK,BIDANG\n" for i in range(105)))
    page.get_by_role("button", name="Impor", exact=True).click()
    page.get_by_test_id("hr-import-more").get_by_text("dan 5 kesalahan lagi").wait_for()
    assert page.get_by_test_id("hr-import-errors").locator("tbody tr").count() == 100
    assert OrgUnit.objects.count() == units_before


def test_ikm_paste_submit_and_a_bad_row_is_named(browser_for, published):
    page = browser_for(published.hr_all.user.username)
    page.goto("/hr/ikm")
    choose_unit(page, "PKM-TUBEI")
    page.get_by_text("Belum ada survei").wait_for()
    responses = [[4, 3, 4, 4, 3, 4, 4, 3, 4], [3, 3, 3, 4, 4, 4, 2, 3, 3], [4, 4, 4, 4, 4, 4, 4, 4, 4]]
    page.fill("#hr-ikm-paste", "\n".join(["\t".join(map(str, responses[0])), ",".join(map(str, responses[1])),
                                          "; ".join(map(str, responses[2]))]))
    page.get_by_role("button", name="Masukkan ke tabel").click()
    page.get_by_text("3 responden ditambahkan").wait_for()
    assert page.input_value("#hr-ikm-1-6") == "2"
    page.get_by_role("button", name="Kirim 3 responden").click()
    expected = rules.satisfaction_index(responses)
    result = page.get_by_test_id("hr-ikm-result")
    result.wait_for()
    score = f"{expected.score:.2f}".replace(".", ",")                     # id-ID decimals
    assert score in result.inner_text() and expected.category in result.inner_text()
    page.get_by_test_id("hr-ikm-current").get_by_text(score).wait_for()   # the current index follows

    page.fill("#hr-ikm-paste", "4\t4\t4\t4\t4\t4\t4\t4\t4\n4\t4\t4\t5\t4\t4\t4\t4\t4\n")
    page.get_by_role("button", name="Masukkan ke tabel").click()
    errors = page.get_by_test_id("hr-ikm-paste-errors").inner_text()
    assert "Baris 2, kolom 4" in errors and "\"5\"" in errors
    assert page.locator("#hr-ikm-1-0").count() == 0                       # nothing was put in the table
    # A value typed into the grid is checked as well, with the respondent named.
    page.fill("#hr-ikm-0-0", "7")
    for j in range(1, 9):
        page.fill(f"#hr-ikm-0-{j}", "3")
    page.get_by_role("button", name="Kirim 1 responden").click()
    assert "Responden 1, Persyaratan" in page.locator("form [role=alert]").inner_text()


def test_dashboard_shows_the_demo_years_numbers(demo_year, browser_for, published):
    page = browser_for(published.hr_all.user.username)
    page.goto("/hr")
    page.get_by_test_id("hr-plans").wait_for()
    lebong = OrgUnit.objects.get(code="LEBONG")
    plans = PerformancePlan.objects.filter(year=demo_year, employee__unit__path__startswith=lebong.path)
    assert page.get_by_test_id("hr-plans").inner_text() == str(plans.count())
    assert page.get_by_test_id("hr-overdue").inner_text() == str(plans.filter(is_overdue=True).count())
    assert page.get_by_test_id("hr-meetings").inner_text() == "1"
    by_status = chart_table(page, "SKP menurut status")
    assert by_status == {"Draf": str(plans.filter(status="DRAFT").count()),
                         "Diajukan": str(plans.filter(status="SUBMITTED").count()),
                         "Disetujui": str(plans.filter(status="APPROVED").count())}
    assert by_status["Disetujui"] != "0" and by_status["Diajukan"] == "1"
    predicates = chart_table(page, f"Predikat pegawai tahun {demo_year}")
    assert predicates["Baik"] == "1" and predicates["Sangat Baik"] == "0"   # Agus, TW I final

    # R-DIST for the curriculum section in TW I: rated BAIK, one BAIK predicate of one.
    choose_unit(page, "DISDIK-SD-KUR")
    page.select_option("#hr-dist-period", label="Triwulan 1")
    page.get_by_test_id("hr-org-rating").get_by_text("Baik").wait_for()
    dist = chart_table(page, "Predikat pada periode: aktual dan batas")
    assert dist["Baik"] == "100%"
    rules_table = page.locator("table:has(caption:text('Distribusi predikat'))")
    assert "Baik: paling banyak 70%" in rules_table.inner_text() and "✗ Tidak" in rules_table.inner_text()
    page.get_by_text("Pelanggaran menurut server").wait_for()


def test_staff_has_no_hr_link_and_sees_the_servers_refusal(demo_year, browser_for, published):
    page = browser_for(published.staff.user.username)
    assert page.get_by_role("link", name="Pengelola kinerja", exact=True).count() == 0
    page.goto("/hr")
    page.locator("[role=alert]").first.wait_for()
    assert "tidak ditemukan" in page.locator(".hr [role=alert]").first.inner_text().lower()
    assert page.get_by_test_id("hr-plans").count() == 0
    page.goto("/hr/ikm")
    page.get_by_role("heading", name=f"Survei kepuasan masyarakat (IKM) {demo_year}").wait_for()
    page.fill("#hr-ikm-paste", "4,4,4,4,4,4,4,4,4")
    page.get_by_role("button", name="Masukkan ke tabel").click()
    page.get_by_role("button", name="Kirim 1 responden").click()
    page.locator("form [role=alert]").wait_for()                         # the server refuses
    assert page.get_by_test_id("hr-ikm-result").count() == 0


def test_every_hr_screen_at_phone_and_desktop_width(demo_year, browser_for, published, axe_check):
    for width in (PHONE, DESKTOP):
        page = browser_for(published.hr_all.user.username, width)
        page.goto("/hr")
        choose_unit(page, "DISDIK-SD")                      # the chosen unit stays across sub-screens
        tabs = page.get_by_role("navigation", name="Bagian pengelola kinerja")
        for link, path, name in SUBSCREENS:                  # by the sub-navigation, from one to the next
            tabs.get_by_role("link", name=link, exact=True).click()
            page.wait_for_url(f"**/hr/{path}" if path else "**/hr")
            tabs.locator("a.active", has_text=link).wait_for()
            assert tabs.locator("a.active").count() == 1
            page.wait_for_selector(".hr section h2")
            page.wait_for_load_state("networkidle")
            if path == "":
                page.get_by_test_id("hr-plans").wait_for()
            if path == "sasaran":
                page.get_by_text("Meningkatnya mutu dan pemerataan pendidikan dasar").wait_for()
            shot(page, name)
            assert page.evaluate("document.documentElement.scrollWidth") <= width   # nothing wider than the screen
            axe_check(page)


def test_hr_opens_a_review_period_sets_the_org_rating_and_records_a_goal(demo_year, browser_for, published):
    q2 = PerformancePeriod.objects.get(year=demo_year, kind="QUARTER", number=2)
    unit = OrgUnit.objects.get(code="DISDIK-SD-KUR")
    approved = PerformancePlan.objects.filter(year=demo_year, status="APPROVED",
                                              employee__unit__path__startswith=unit.path).count()
    page = browser_for(published.hr_all.user.username)
    page.goto("/hr/buka")
    choose_unit(page, "DISDIK-SD-KUR")
    page.wait_for_selector("#hr-open-period option", state="attached")
    page.select_option("#hr-open-period", gid("PerformancePeriod", q2.pk))
    page.get_by_role("button", name="Buka periode…").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Ya, mulai").click()
    job = page.get_by_test_id("hr-job")
    job.get_by_text("Status: Selesai").wait_for()
    assert Evaluation.objects.filter(period=q2, plan__employee__unit__path__startswith=unit.path).count() == approved > 0

    # R-ORG: HR may not rate a section whose parent has a leader; the kabid, its leader, does.
    def rate(page):
        page.get_by_role("link", name="Predikat organisasi").click()
        choose_unit(page, "DISDIK-SD-KUR")
        page.wait_for_selector("#hr-rating-period option", state="attached")
        page.select_option("#hr-rating-period", gid("PerformancePeriod", q2.pk))
        page.select_option("#hr-rating", "BUTUH_PERBAIKAN")
        page.get_by_role("button", name="Tetapkan").click()

    rate(page)
    page.locator(".k-alert-error", has_text="R-ORG").wait_for()
    assert not UnitOrgRating.objects.filter(unit=unit, period=q2).exists()
    leader = browser_for(published.kabid.user.username)
    leader.get_by_role("link", name="Kinerja unit", exact=True).click()
    rate(leader)
    leader.locator(".k-alert-success", has_text="Butuh Perbaikan").wait_for()
    expect(leader.get_by_test_id("hr-current-rating")).to_have_text("Butuh Perbaikan")  # refetched
    assert UnitOrgRating.objects.get(unit=unit, period=q2).rating == "BUTUH_PERBAIKAN"

    page.get_by_role("link", name="Sasaran organisasi").click()
    page.fill("#hr-goal-text", "Kurikulum merdeka diterapkan di semua SD")
    page.fill("#hr-goal-indicator", "Persentase SD")
    page.fill("#hr-goal-target", "100%")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Sasaran tersimpan.").wait_for()
    goal = OrgGoal.objects.get(unit=unit, year=demo_year, text="Kurikulum merdeka diterapkan di semua SD")
    assert (goal.indicator, goal.target) == ("Persentase SD", "100%")
    assert page.get_by_role("cell", name="Kurikulum merdeka diterapkan di semua SD").is_visible()
