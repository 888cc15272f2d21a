"""How the outgoing email is doing: counts by status (and by kind), the oldest email still
waiting, and the latest failures with their errors."""

from django.core.management.base import BaseCommand
from django.db.models import Count, Min

from assessments.models import EmailStatus, OutgoingEmail


class Command(BaseCommand):
    help = "Print outgoing email counts by status and the latest failures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--failures", type=int, default=10, help="How many latest failures to list."
        )

    def handle(self, *, failures, **options):
        counts = dict(
            OutgoingEmail.objects.values_list("status").annotate(n=Count("pk")).order_by()
        )
        self.stdout.write("Emails by status:")
        for status in EmailStatus.values:
            self.stdout.write(f"  {status:<8} {counts.get(status, 0):>7}")
        by_kind = (
            OutgoingEmail.objects.values_list("kind", "status")
            .annotate(n=Count("pk"))
            .order_by("kind", "status")
        )
        if by_kind:
            self.stdout.write("By kind:")
            for kind, status, n in by_kind:
                self.stdout.write(f"  {kind:<22} {status:<8} {n:>7}")
        oldest = OutgoingEmail.objects.filter(
            status__in=[EmailStatus.QUEUED, EmailStatus.SENDING]
        ).aggregate(oldest=Min("created_at"))["oldest"]
        if oldest:
            self.stdout.write(f"Oldest email waiting since {oldest:%Y-%m-%d %H:%M:%S %Z}")
        latest = (
            OutgoingEmail.objects.filter(
                status__in=[EmailStatus.FAILED, EmailStatus.QUEUED], attempts__gt=0
            )
            .exclude(last_error="")
            .order_by("-created_at")[:failures]
        )
        if latest:
            self.stdout.write("Latest failures:")
            for email in latest:
                retry = (
                    f", next attempt {email.next_attempt_at:%Y-%m-%d %H:%M}"
                    if email.status == EmailStatus.QUEUED and email.next_attempt_at
                    else ""
                )
                self.stdout.write(
                    f"  {email.created_at:%Y-%m-%d %H:%M} {email.kind} → {email.to_email} "
                    f"[{email.status}, {email.attempts} attempt(s){retry}] {email.last_error[:200]}"
                )
