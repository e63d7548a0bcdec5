"""Fire due BPMN timers: once, or every few seconds with --loop (`make run` starts the loop)."""
import logging
import time

from django import db
from django.core.management.base import BaseCommand

from apps.workflow.services import timers_fire_due

logger = logging.getLogger("kinerja.workflow")


class Command(BaseCommand):
    help = "Fire due timers of running process instances."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep going")
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between rounds with --loop")

    def handle(self, *args, loop: bool, interval: float, **options):
        while True:
            if not loop:
                fired = timers_fire_due()  # once: an error ends the command with its traceback
            else:
                try:
                    fired = timers_fire_due()
                except Exception:  # e.g. the database is away for a moment: keep the loop alive
                    logger.exception("timer round failed")
                    db.close_old_connections()  # a lost database connection is reopened next time
                    fired = 0
            if fired or not loop:
                self.stdout.write(f"timers: {fired} instance(s) moved")
            if not loop:
                return
            time.sleep(interval)
