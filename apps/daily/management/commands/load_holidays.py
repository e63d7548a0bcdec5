"""Load the national holidays and collective leave of apps/daily/holidays.py (R-CALENDAR).

An upsert by date: a day missing is created, a day whose name or kind differs is updated, the
rest is left alone — a second run changes nothing. Days HR added for other dates are kept; for
the dates listed, the decree data wins (run it to reload the decree, not over HR's corrections).
"""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.daily.holidays import HOLIDAYS
from apps.daily.models import Holiday


class Command(BaseCommand):
    help = "Load (or refresh) the Indonesian national holidays and collective leave (cuti bersama)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append",
                            help=f"Only this year (repeatable); default all of {sorted(HOLIDAYS)}.")

    @transaction.atomic
    def handle(self, *args, **options):
        years = options["year"] or sorted(HOLIDAYS)
        unknown = sorted(set(years) - set(HOLIDAYS))
        if unknown:
            raise CommandError(f"No holiday data for {unknown}; known years: {sorted(HOLIDAYS)}.")
        rows = [row for year in years for row in HOLIDAYS[year]]
        existing = {h.date: h for h in Holiday.objects.filter(date__in=[r.date for r in rows])}
        created = [Holiday(date=r.date, name=r.name, kind=r.kind) for r in rows if r.date not in existing]
        changed = []
        for row in rows:
            holiday = existing.get(row.date)
            if holiday is not None and (holiday.name, holiday.kind) != (row.name, row.kind):
                holiday.name, holiday.kind = row.name, row.kind
                changed.append(holiday)
        Holiday.objects.bulk_create(created)
        Holiday.objects.bulk_update(changed, ["name", "kind"])
        self.stdout.write(f"Holidays {', '.join(map(str, years))}: {len(created)} created, {len(changed)} updated, "
                          f"{len(rows) - len(created) - len(changed)} unchanged.")
