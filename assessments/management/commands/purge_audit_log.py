"""Delete audit events older than AUDIT_RETENTION_DAYS (or --days): run it daily from cron."""

from django.core.management.base import BaseCommand

from assessments.audit import purge_expired


class Command(BaseCommand):
    help = "Delete audit log events older than the retention period (AUDIT_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="keep this many days instead of the setting"
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 1:
            self.stderr.write("--days must be at least 1")
            raise SystemExit(2)
        deleted = purge_expired(days=days)
        self.stdout.write(f"{deleted} audit events deleted")
