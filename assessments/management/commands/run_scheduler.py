"""Run the periodic jobs (assessments.notifications.schedule.JOBS): email retries, draft and
re-assessment reminders, campaign reminders. Start ONE beside the workers (`make run` does);
`--once` runs every job once and exits (tests, or cron instead of the loop)."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from assessments.notifications.schedule import Scheduler


class Command(BaseCommand):
    help = "Run the periodic jobs (reminders, email retries) in a loop, or once with --once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")
        parser.add_argument(
            "--tick", type=float, default=15.0, help="Seconds between checks (default 15)."
        )

    def handle(self, *, once, tick, verbosity, **options):
        scheduler = Scheduler()
        if once:
            self.report(scheduler.run_due(), verbosity)
            return
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("Scheduler started (Ctrl-C to stop).")
        while running:
            # A long-lived process: drop a connection the database closed (or that is too old)
            # before each round, as Django does around each request.
            close_old_connections()
            # The jobs log their results (assessments.scheduler); -v 2 prints them here too.
            self.report(scheduler.run_due(), verbosity - 1)
            slept = 0.0
            while running and slept < tick:
                time.sleep(0.5)
                slept += 0.5
        self.stdout.write("Scheduler stopped.")

    def report(self, results, verbosity):
        for name, result in results.items():
            if verbosity >= 1:
                shown = "skipped" if result is None else result
                self.stdout.write(f"{name}: {shown}")
