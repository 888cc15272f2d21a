"""The periodic jobs `manage.py run_scheduler` runs: (name, interval in seconds, dotted path of
a function taking ``now`` and returning a count).

Each is resolved with `import_string` when it is due, so a job whose module is missing (a
feature not installed on this branch) is logged and skipped instead of stopping the others.
Every job is idempotent (reminders carry a dedupe key, retries claim their row), so running a
job twice, or two schedulers by mistake, never sends an email twice.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("assessments.scheduler")

MINUTE = 60
HOUR = 60 * MINUTE

JOBS = [
    ("retry_due_emails", MINUTE, "assessments.notifications.tasks.retry_due_emails"),
    ("draft_reminders", HOUR, "assessments.notifications.events.send_draft_reminders"),
    ("reassessment_due", HOUR, "assessments.notifications.events.send_reassessment_reminders"),
    ("campaign_reminders", HOUR, "assessments.campaigns.services.send_due_reminders"),
]


def run_job(name: str, path: str, now=None) -> int | None:
    """Run one job now; None when it cannot be imported or fails (logged, never raised)."""
    try:
        function = import_string(path)
    except ImportError:
        logger.warning("Scheduled job %s skipped: %s cannot be imported", name, path)
        return None
    try:
        result = function(now=now)
    except Exception:
        logger.exception("Scheduled job %s failed", name)
        return None
    logger.info("Scheduled job %s: %s", name, result)
    return result


@dataclass
class Scheduler:
    jobs: list = field(default_factory=lambda: list(JOBS))
    last_run: dict = field(default_factory=dict)  # name -> monotonic time

    def run_due(self, now=None) -> dict:
        """Run every job whose interval has passed since it last ran here (all, the first
        time); returns {name: result}."""
        results = {}
        clock = time.monotonic()
        for name, interval, path in self.jobs:
            last = self.last_run.get(name)
            if last is not None and clock - last < interval:
                continue
            results[name] = run_job(name, path, now=now or timezone.now())
            self.last_run[name] = clock
        return results
