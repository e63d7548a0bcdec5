"""The calendar in the Django admin: the same rules as the API (apps/daily/admin.py goes through
calendar_services) — holidays changed only by HR of the whole organization, schedules and leave
only by HR of the unit, leave recorded approved and checked for overlap."""
from __future__ import annotations

import pytest
from django.test import Client

from apps.daily.models import Holiday, Leave, LeaveStatus, UnitSchedule
from apps.organization.models import OrgUnit

pytestmark = pytest.mark.django_db


def admin_for(employee) -> Client:
    client = Client()
    client.force_login(employee.user)
    return client


def test_holidays_are_kept_in_the_admin_by_hr_of_the_whole_organization(demo_db, national_holidays):
    hr_dinkes = admin_for(demo_db.hr_dinkes)
    assert hr_dinkes.get("/admin/daily/holiday/").status_code == 200          # may look
    assert hr_dinkes.get("/admin/daily/holiday/add/").status_code == 403
    holiday = Holiday.objects.get(date="2026-08-17")
    response = hr_dinkes.post(f"/admin/daily/holiday/{holiday.pk}/change/", {"name": "X", "kind": "NATIONAL"})
    assert response.status_code == 403 and Holiday.objects.get(pk=holiday.pk).name != "X"
    assert hr_dinkes.post(f"/admin/daily/holiday/{holiday.pk}/delete/", {"post": "yes"}).status_code == 403
    # The pages say so too (no save or delete button): the service would refuse anyway.
    assert hr_dinkes.get(f"/admin/daily/holiday/{holiday.pk}/change/").context["has_change_permission"] is False
    assert hr_dinkes.get(f"/admin/daily/holiday/{holiday.pk}/delete/").status_code == 403
    hr_all = admin_for(demo_db.hr_all)
    response = hr_all.post("/admin/daily/holiday/add/", {"date": "2026-02-27", "name": "Hari Jadi", "kind": "NATIONAL"})
    assert response.status_code == 302, response.content
    assert Holiday.objects.get(date="2026-02-27").created_by == demo_db.hr_all.user
    assert hr_all.post(f"/admin/daily/holiday/{holiday.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Holiday.objects.filter(date="2026-08-17").exists()


def test_hr_sets_schedules_of_their_units_only(demo_db):
    hr_dinkes = admin_for(demo_db.hr_dinkes)
    puskesmas, disdik = OrgUnit.objects.get(code="PKM-TUBEI"), OrgUnit.objects.get(code="DISDIK")
    response = hr_dinkes.post("/admin/daily/unitschedule/add/", {"unit": disdik.pk, "working_days": 6,
                                                                 "time_zone": "Asia/Jakarta"})
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    response = hr_dinkes.post("/admin/daily/unitschedule/add/", {"unit": puskesmas.pk, "working_days": 6,
                                                                 "time_zone": "Asia/Jakarta"})
    assert response.status_code == 302
    schedule = UnitSchedule.objects.get()
    assert (schedule.unit, schedule.working_days, schedule.updated_by) == (puskesmas, 6, demo_db.hr_dinkes.user)
    assert admin_for(demo_db.hr_all).get("/admin/daily/unitschedule/").context["cl"].result_count == 1
    UnitSchedule.objects.create(unit=disdik, working_days=5)
    assert hr_dinkes.get("/admin/daily/unitschedule/").context["cl"].result_count == 1


def test_hr_records_leave_approved_and_checked_for_overlap(demo_db, django_user_model):
    hr_all = admin_for(demo_db.hr_all)
    form = {"employee": demo_db.staff.pk, "starts_on": "2026-05-11", "ends_on": "2026-05-12", "kind": "CUTI", "note": ""}
    assert hr_all.post("/admin/daily/leave/add/", form).status_code == 302
    leave = Leave.objects.get()
    assert (leave.status, leave.recorded_by) == (LeaveStatus.APPROVED, demo_db.hr_all.user)
    response = hr_all.post("/admin/daily/leave/add/", {**form, "starts_on": "2026-05-12", "ends_on": "2026-05-13"})
    assert response.status_code == 200 and response.context["adminform"].form.non_field_errors()
    # Not edited in place, not even by a superuser: a wrong leave is removed and recorded again.
    assert hr_all.post(f"/admin/daily/leave/{leave.pk}/change/", {**form, "kind": "SAKIT"}).status_code == 403
    root = Client()
    root.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    assert root.post(f"/admin/daily/leave/{leave.pk}/change/", {**form, "kind": "SAKIT"}).status_code == 403
    assert Leave.objects.get().kind == "CUTI"
    # HR of another unit neither sees nor chooses the employee.
    hr_dinkes = admin_for(demo_db.hr_dinkes)
    assert hr_dinkes.get("/admin/daily/leave/").context["cl"].result_count == 0
    response = hr_dinkes.post("/admin/daily/leave/add/", {**form, "starts_on": "2026-06-01", "ends_on": "2026-06-01"})
    assert response.status_code == 200 and "employee" in response.context["adminform"].form.errors
    hr_dinkes.post(f"/admin/daily/leave/{leave.pk}/delete/", {"post": "yes"})
    assert Leave.objects.count() == 1
    assert hr_all.post(f"/admin/daily/leave/{leave.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Leave.objects.exists()


def test_staff_without_role_has_no_calendar_admin(demo_db):
    assert admin_for(demo_db.staff).get("/admin/daily/leave/").status_code == 302
