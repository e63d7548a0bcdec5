"""Fire due BPMN timers: once, or every few seconds with --loop (`make run` starts the loop)."""
import time

from django.core.management.base import BaseCommand

from apps.workflow.services import timers_fire_due


class Command(BaseCommand):
    help = "Fire due timers of running process instances."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep going")
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between rounds with --loop")

    def handle(self, *args, loop: bool, interval: float, **options):
        while True:
            fired = timers_fire_due()
            if fired or not loop:
                self.stdout.write(f"timers: {fired} instance(s) moved")
            if not loop:
                return
            time.sleep(interval)
