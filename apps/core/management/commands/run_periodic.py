"""The embedded Celery beat: run every periodic task of ``CELERY_BEAT_SCHEDULE`` in this process
at its interval (`make run` starts it next to the server; production runs ``celery beat``)."""
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from project.celery import app as celery_app


class Command(BaseCommand):
    help = "Run the periodic tasks (BPMN timers, notifications) in-process: once, or with --loop."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep going, each task at its interval")

    def handle(self, *args, loop: bool, **options):
        celery_app.loader.import_default_modules()  # registers every app's tasks.py, as a worker does
        schedule = {entry["task"]: float(entry["schedule"]) for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        next_run = dict.fromkeys(schedule, 0.0)
        while True:
            for name, interval in schedule.items():
                if time.monotonic() >= next_run[name]:
                    result = celery_app.tasks[name].apply().get()
                    if result or not loop:
                        self.stdout.write(f"{name}: {result}")
                    next_run[name] = time.monotonic() + interval
            if not loop:
                return
            time.sleep(max(0.5, min(next_run.values()) - time.monotonic()))
