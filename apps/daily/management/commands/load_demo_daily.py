"""Give the demo's curriculum section a month of daily progress in every state (apps/daily/demo.py).

Run after load_demo, load_workflows, load_holidays and load_demo_year; a second run changes nothing.
"""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.core.errors import DomainError
from apps.daily import demo


class Command(BaseCommand):
    help = ("Load the last full month and the current week of daily progress for the curriculum section "
            f"({demo.SECTION}) of the demo, in every state.")

    def add_arguments(self, parser):
        # `make run` in January: the last full month (December) belongs to a year without a demo
        # SKP. The demo is then loaded without its month of progress rather than failing.
        parser.add_argument("--skip-if-not-ready", action="store_true",
                            help="Say why and exit 0 when what the demo needs is missing.")

    def handle(self, *args, **options):
        try:
            line = demo.load()
        except demo.DemoNotReady as error:
            if options["skip_if_not_ready"]:
                self.stdout.write(self.style.WARNING(f"No demo daily progress: {error}"))
                return
            raise CommandError(str(error)) from error
        except DomainError as error:  # a service refused: the data is not what the demo expects
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(line))
