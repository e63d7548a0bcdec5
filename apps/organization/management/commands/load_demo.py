"""Load the Tubei demo organization (Kabupaten Lebong) through the regular importer.

Idempotent: the importer upserts by unit code and NIP, so a second run changes nothing.
"""
from __future__ import annotations

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.organization.models import Employee, Role

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "tubei-2026")


class Command(BaseCommand):
    help = "Load (or refresh) the Tubei demo organization and print the demo logins."

    def handle(self, *args, **options):
        call_command(
            "import_org", units=DEMO_DIR / "units.csv", employees=DEMO_DIR / "employees.csv",
            password=DEMO_PASSWORD, stdout=self.stdout, stderr=self.stderr,
        )
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@lebongkab.go.id", DEMO_PASSWORD)
        self._print_logins()

    def _print_logins(self) -> None:
        def first(qs):
            e = qs.select_related("user", "position", "unit").first()
            return (e.user.username, f"{e.position.title}, {e.unit.name}") if e else None

        staff = Employee.objects.filter(user__isnull=False, is_active=True)
        examples = [
            ("superuser", ("admin", "Django superuser")),
            ("HR (all units)", first(staff.filter(user__groups__name=Role.PERFORMANCE_ADMIN, unit__code="BKPSDM-PKP"))),
            ("HR (Dinas Kesehatan)", first(staff.filter(user__groups__name=Role.PERFORMANCE_ADMIN, unit__code="DINKES"))),
            ("process admin", first(staff.filter(user__groups__name=Role.PROCESS_ADMIN))),
            ("head of agency", first(staff.filter(position__title="Kepala Dinas Pendidikan dan Kebudayaan"))),
            ("division head", first(staff.filter(position__title="Kepala Bidang Pembinaan Sekolah Dasar"))),
            ("section head", first(staff.filter(position__title="Kepala Seksi Kurikulum dan Penilaian"))),
            ("staff", first(staff.filter(position__title="Pengembang Kurikulum"))),
            ("acting (Plt) head", first(staff.filter(acting_position__isnull=False))),
        ]
        self.stdout.write("\nDemo logins (password for all: %s):" % DEMO_PASSWORD)
        for role, found in examples:
            if found:
                self.stdout.write(f"  {role:<22} {found[0]:<24} {found[1]}")
        self.stdout.write("Every demo employee can log in with their username (see apps/organization/demo/employees.csv).\n")
