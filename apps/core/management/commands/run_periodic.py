"""The embedded Celery beat: run every periodic task of ``CELERY_BEAT_SCHEDULE`` in this process
at its interval (`make run` starts it next to the server; production runs ``celery beat``)."""
import logging
import time

from django import db
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from project.celery import app as celery_app

logger = logging.getLogger("kinerja.periodic")


class Command(BaseCommand):
    help = "Run the periodic tasks (BPMN timers, notifications) in-process: once, or with --loop."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep going, each task at its interval")
        parser.add_argument("--rounds", type=int, default=None, help="with --loop: stop after this many rounds")

    def handle(self, *args, loop: bool, rounds: int | None = None, **options):
        celery_app.loader.import_default_modules()  # registers every app's tasks.py, as a worker does
        schedule = {entry["task"]: float(entry["schedule"]) for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        next_run = dict.fromkeys(schedule, 0.0)
        failed = []
        while True:
            for name, interval in schedule.items():
                if time.monotonic() >= next_run[name]:
                    try:
                        result = celery_app.tasks[name].apply().get()
                    except Exception:  # one failing round must not end the loop: log it, go on
                        logger.exception("periodic task %s failed", name)
                        db.close_old_connections()  # a lost database connection is reopened next time
                        self.stderr.write(f"{name}: failed, see the log")
                        failed.append(name)
                    else:
                        if result or not loop:
                            self.stdout.write(f"{name}: {result}")
                    next_run[name] = time.monotonic() + interval
            if rounds is not None:
                rounds -= 1
            if not loop or rounds == 0:
                break
            time.sleep(max(0.5, min(next_run.values()) - time.monotonic()))
        if failed and not loop:
            raise CommandError(f"failed: {', '.join(failed)}")
