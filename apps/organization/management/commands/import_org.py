"""python manage.py import_org --units units.csv --employees employees.csv [--password PW]"""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from apps.core.errors import BadInput
from apps.organization.importer import organization_import

# Below this many rows a progress bar is only noise.
PROGRESS_THRESHOLD = 500


class Command(BaseCommand):
    help = "Import (upsert) org units and employees from two CSV files; nothing is written if any row is bad."

    def add_arguments(self, parser):
        parser.add_argument("--units", required=True, type=Path, help="CSV: code,name,parent_code,kind")
        parser.add_argument("--employees", required=True, type=Path,
                            help="CSV: nip,name,email,username,unit_code,position,position_class,"
                                 "employment_type,supervisor_nip,acting_for_nip,roles (and optionally rank)")
        parser.add_argument("--password", default=None,
                            help="initial password of new accounts (demo/test); default: unusable password")

    def handle(self, *args, units: Path, employees: Path, password: str | None, **options):
        try:
            units_text = units.read_text(encoding="utf-8-sig")
            employees_text = employees.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read input: {exc}") from exc
        rows = employees_text.count("\n")

        def progress(items, **kwargs):
            return tqdm(items, disable=rows < PROGRESS_THRESHOLD, file=self.stderr._out, **kwargs)

        try:
            result = organization_import(
                units_csv=units_text, employees_csv=employees_text, password=password, progress=progress
            )
        except BadInput as exc:
            for error in exc.extensions.get("errors", []):
                column = f" [{error['column']}]" if error["column"] else ""
                self.stderr.write(f"{error['file']}.csv row {error['row']}{column}: {error['message']}")
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Units: {result.units_created} created, {result.units_updated} updated. "
            f"Employees: {result.employees_created} created, {result.employees_updated} updated. "
            f"Accounts created: {result.accounts_created}."
        ))
