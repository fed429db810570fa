"""`jobspor worker`: enqueue the scheduled jobs when they are due, and run the queue (django-tasks' database worker).
Run one (or several: a due time is claimed in the database, so each runs once). `--once` does one round and exits
(cron-style use, and the tests); Ctrl-C or SIGTERM stops it after the task it is running."""

import logging
import time

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from jobspor.scheduling.services import schedule_due


class Command(BaseCommand):
    help = "Kører planlagte job (udløb af jobåbninger, breve, påmindelser, oprydning) og opgavekøen."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true",
                            help="Sæt det, der er forfaldent, i kø, kør køen tom, og stop.")
        parser.add_argument("--interval", type=float, default=5.0,
                            help="Sekunder mellem runderne, når køen er tom (standard 5).")
        parser.add_argument("--max-tasks", type=int, default=None, help="Stop efter så mange opgaver.")
        parser.add_argument("--worker-id", default=None, help="Navn på denne worker (standard: tilfældigt).")

    def handle(self, *args, once, interval, max_tasks, worker_id, verbosity, **options):
        # Each task's start and end (django-tasks' logger) and our failures; the database worker's own "starting"
        # line would repeat every round, so only its warnings show.
        levels = {"jobspor.scheduling": logging.INFO, "django_tasks": logging.INFO, "django.tasks": logging.INFO,
                  "django_tasks_db": logging.WARNING}
        for name, level in levels.items():
            log = logging.getLogger(name)
            log.setLevel(level if verbosity else logging.CRITICAL)
            if not log.handlers and not logging.getLogger().handlers:
                log.addHandler(logging.StreamHandler(self.stdout))
        worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                        startup_delay=False, max_tasks=max_tasks, worker_id=worker_id or get_random_string(32),
                        excluded_queue_names=[])
        if not once:
            worker.configure_signals()
            self.stdout.write(f"Jobspor worker {worker.worker_id} kører (Ctrl-C stopper).")
        while worker.running:
            for run in schedule_due():
                due = timezone.localtime(run.due_at).strftime("%d.%m.%Y %H:%M")
                self.stdout.write(f"Sat i kø: {run.job} (planlagt {due})")
            worker.run()  # runs what is ready, returns when the queue is empty
            if once or (max_tasks is not None and worker._run_tasks >= max_tasks):
                break
            time.sleep(interval)
        if verbosity:
            self.stdout.write(f"{worker._run_tasks} opgaver kørt.")
