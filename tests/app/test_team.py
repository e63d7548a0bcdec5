"""Tim saya in the browser (issue 12): the section head sees every person she rates with the
status of their SKP and evaluations for the year and links to their open tasks and plans; her
own rater sees them too, as the rater's supervisor; a staff member without subordinates has no
Tim saya link (and the screen says so when opened by its address)."""
from __future__ import annotations



from apps.organization.models import Employee
from apps.performance.models import PerformancePlan

from .conftest import DESKTOP, PHONE, shot


STATUS = {"DRAFT": "Draf", "SUBMITTED": "Diajukan", "APPROVED": "Disetujui"}


def test_tim_saya_shows_each_subordinate_with_statuses(demo_year, published, browser_for, axe_check):
    year = demo_year
    kasi = published.kasi
    people = list(Employee.objects.filter(rater=kasi, is_active=True).order_by("name"))
    assert len(people) >= 3
    for width in (PHONE, DESKTOP):
        page = browser_for(kasi.user.username, width)
        if width == PHONE:
            page.get_by_role("button", name="Menu").click()
        page.get_by_role("link", name="Tim saya", exact=True).click()
        table = page.locator("[data-testid=team-direct]")
        table.wait_for()
        page.wait_for_selector("[data-testid=team-direct] a:has-text('Triwulan 1')")
        for person in people:
            row = table.locator("tr", has_text=person.name)
            status = PerformancePlan.objects.get(employee=person, year=year).status
            assert STATUS[status] in row.inner_text(), (person.name, status)
        shot(page, "tim-saya")
        axe_check(page)

    agus = published.staff
    agus_row = table.locator("tr", has_text=agus.name)
    assert "Final" in agus_row.inner_text() and "Baik" in agus_row.inner_text()   # TW I done
    waiting = Employee.objects.filter(position__title="Pengolah Data Pendidikan").order_by("pk")[0]
    waiting_row = table.locator("tr", has_text=waiting.name)
    waiting_row.get_by_role("link", name="Nilai kinerja dan beri umpan balik").wait_for()   # her open task
    waiting_row.get_by_role("link", name="Nilai kinerja dan beri umpan balik").click()
    page.wait_for_url("**/tugas/*")

    page.goto("/tim")
    table.locator("tr", has_text=agus.name).get_by_role("link", name=f"Lihat SKP {agus.name}").click()
    page.wait_for_selector(f"h1:has-text('SKP {agus.name}')")
    page.wait_for_selector("[data-testid=plan-status]:has-text('Disetujui')")
    assert page.get_by_role("button", name="Tambah RHK").count() == 0


def test_the_raters_supervisor_sees_the_next_level(demo_year, published, browser_for):
    page = browser_for(published.kabid.user.username)
    page.goto("/tim")
    indirect = page.locator("[data-testid=team-indirect]")
    indirect.wait_for()
    row = indirect.locator("tr", has_text=published.staff.name)
    assert "Disetujui" in row.inner_text() and published.kasi.name in row.inner_text()


def test_staff_without_subordinates_has_no_team_link(demo_year, published, browser_for, axe_check):
    page = browser_for(published.staff.user.username)
    page.get_by_role("link", name="SKP saya", exact=True).wait_for()
    assert page.get_by_role("link", name="Tim saya", exact=True).count() == 0
    page.goto("/tim")
    page.wait_for_selector("text=Anda tidak menilai pegawai mana pun.")
    axe_check(page)
