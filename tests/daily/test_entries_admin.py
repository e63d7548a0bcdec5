"""Daily entries in the Django admin: looked up, never changed there (apps/daily/admin.py). HR
sees the entries of the units they manage only; the entries' evidence files are listed by name,
their contents served only by /evidence/daily/<id>/."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from apps.daily.models import DailyEntry, DailyEntryEvidence, EntryStatus
from apps.performance.models import PerformancePlan, PlanStatus, WorkResult

pytestmark = pytest.mark.django_db


def admin_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def entry_of(employee, text: str) -> DailyEntry:
    plan = PerformancePlan.objects.create(employee=employee, year=2026, status=PlanStatus.APPROVED)
    result = WorkResult.objects.create(plan=plan, text=f"RHK {employee.name}")
    return DailyEntry.objects.create(employee=employee, work_result=result, date=dt.date(2026, 11, 30), text=text,
                                     quantity=Decimal(2), output_unit="dokumen", status=EntryStatus.SUBMITTED)


def test_hr_looks_up_entries_of_their_units_only_and_changes_none(demo_db):
    mine = entry_of(demo_db.nurse, "Imunisasi posyandu")
    other = entry_of(demo_db.staff, "Menyusun kurikulum muatan lokal")
    DailyEntryEvidence.objects.create(entry=mine, name="daftar-hadir.pdf", content_type="application/pdf", size=5,
                                      file="evidence/daily/daftar-hadir.pdf")
    hr_dinkes = admin_for(demo_db.hr_dinkes.user)
    listing = hr_dinkes.get("/admin/daily/dailyentry/")
    assert listing.status_code == 200
    assert [e.pk for e in listing.context["cl"].result_list] == [mine.pk]
    page = hr_dinkes.get(f"/admin/daily/dailyentry/{mine.pk}/change/")
    assert page.status_code == 200 and "Imunisasi posyandu" in page.content.decode()
    assert "daftar-hadir.pdf" in page.content.decode() and page.context["has_change_permission"] is False
    # Another unit's entry: as if it did not exist (the admin redirects away from a missing row).
    assert hr_dinkes.get(f"/admin/daily/dailyentry/{other.pk}/change/").status_code == 302
    # Nothing is changed, added or deleted here.
    before = DailyEntry.objects.values_list("pk", "text", "status").order_by("pk")
    assert hr_dinkes.post(f"/admin/daily/dailyentry/{mine.pk}/change/", {"text": "X", "status": "APPROVED"}) \
        .status_code == 403
    assert hr_dinkes.get("/admin/daily/dailyentry/add/").status_code == 403
    assert hr_dinkes.post(f"/admin/daily/dailyentry/{mine.pk}/delete/", {"post": "yes"}).status_code == 403
    assert list(DailyEntry.objects.values_list("pk", "text", "status").order_by("pk")) == list(before)
    # HR of the whole organization sees both; a superuser too.
    hr_all = admin_for(demo_db.hr_all.user).get("/admin/daily/dailyentry/")
    assert {e.pk for e in hr_all.context["cl"].result_list} == {mine.pk, other.pk}
    root = admin_for(get_user_model().objects.create_superuser("root", password="akar-rahasia-1"))
    assert {e.pk for e in root.get("/admin/daily/dailyentry/").context["cl"].result_list} == {mine.pk, other.pk}
    # Not even a superuser changes an entry here: the rules live in the API.
    assert root.post(f"/admin/daily/dailyentry/{other.pk}/change/", {"text": "X", "status": "APPROVED"}) \
        .status_code == 403
    assert root.get("/admin/daily/dailyentry/add/").status_code == 403
    assert root.post(f"/admin/daily/dailyentry/{other.pk}/delete/", {"post": "yes"}).status_code == 403
    assert list(DailyEntry.objects.values_list("pk", "text", "status").order_by("pk")) == list(before)


def test_staff_and_raters_have_no_entry_admin(demo_db):
    entry_of(demo_db.staff, "Menyusun kurikulum")
    for person in (demo_db.staff, demo_db.kasi):
        assert admin_for(person.user).get("/admin/daily/dailyentry/").status_code == 302  # to the admin login
