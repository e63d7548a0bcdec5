"""Django admin for org data: search by NIP/name, filters, HR sees only their units."""
from __future__ import annotations

import pytest
from django.test import Client

from apps.organization.models import Employee


@pytest.fixture
def superuser_client(demo_db, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


def test_search_employees_by_nip_and_name(superuser_client, demo_db):
    staff = demo_db.staff
    by_nip = superuser_client.get("/admin/organization/employee/", {"q": staff.nip})
    assert by_nip.status_code == 200 and staff.name in by_nip.text and by_nip.context["cl"].result_count == 1
    by_name = superuser_client.get("/admin/organization/employee/", {"q": "Agus Pratama"})
    assert by_name.context["cl"].result_count == 1


def test_filter_employees_by_unit_and_class(superuser_client, demo_db):
    response = superuser_client.get("/admin/organization/employee/", {
        "position__position_class__exact": "FUNGSIONAL", "unit__id__exact": demo_db.nurse.unit_id})
    assert response.status_code == 200
    expected = Employee.objects.filter(position__position_class="FUNGSIONAL", unit=demo_db.nurse.unit).count()
    assert response.context["cl"].result_count == expected > 3


def test_hr_sees_only_their_units(demo_db):
    hr = demo_db.hr_dinkes.user
    client = Client()
    client.force_login(hr)
    response = client.get("/admin/organization/employee/", {"q": demo_db.staff.nip})
    assert response.status_code == 200 and response.context["cl"].result_count == 0  # a DISDIK employee
    response = client.get("/admin/organization/employee/")
    assert response.context["cl"].result_count == Employee.objects.filter(unit__path__startswith=hr.hr_scopes.get().unit.path).count()


def test_staff_without_role_has_no_admin(demo_db):
    client = Client()
    client.force_login(demo_db.staff.user)
    assert client.get("/admin/organization/employee/").status_code == 302
