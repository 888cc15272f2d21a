"""Delivery of queued emails, run by the task workers (`manage.py db_worker`).

Exactly-once claim: any number of workers on any number of machines may run `deliver_email`
for the same row (a task re-queued by `retry_due_emails`, a duplicate enqueue); only the one
whose ``UPDATE … SET status='sending' WHERE id=… AND status='queued'`` changed a row sends it.

A row's ``next_attempt_at`` is its deadline in every state:
* ``queued``: when `retry_due_emails` queues a task for it again (the back-off after a failed
  attempt, or a safety net in case the task queued with it was lost);
* ``sending``: when a worker that claimed it is presumed dead (the row goes back to queued);
* ``sent``/``failed``/``skipped``: none.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from assessments.models import EmailStatus, OutgoingEmail
from assessments.notifications.services import LOST_ENQUEUE_AFTER, unsubscribe_url

logger = logging.getLogger("assessments.notifications")

# Minutes to wait after the 1st, 2nd, 3rd, 4th (and every later) failed attempt.
BACKOFF_MINUTES = (1, 5, 25, 120)
# A worker holds a claimed row this long at most (several SMTP timeouts); after it the row is
# taken to belong to a dead worker and is queued again.
SENDING_TIMEOUT = timedelta(minutes=10)
RETRY_BATCH = 1000  # rows re-queued per run of retry_due_emails


def backoff(attempts: int) -> timedelta:
    """The wait after ``attempts`` failed attempts (1 → 1 min, 2 → 5, 3 → 25, then 120)."""
    index = min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1
    return timedelta(minutes=BACKOFF_MINUTES[index])


def max_attempts() -> int:
    return max(1, int(getattr(settings, "EMAIL_MAX_ATTEMPTS", 5)))


def is_permanent(error: Exception) -> bool:
    """The server refused for good (a 5xx reply, e.g. no such mailbox): retrying cannot help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500 and not isinstance(error, smtplib.SMTPServerDisconnected)
    return False


def claim(email_id) -> bool:
    """Take the row for this worker: True for exactly one caller while it is queued."""
    return (
        OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
            status=EmailStatus.SENDING, next_attempt_at=timezone.now() + SENDING_TIMEOUT
        )
        == 1
    )


def build_message(email: OutgoingEmail) -> EmailMultiAlternatives:
    link = unsubscribe_url(email.to_email, email.kind)
    message = EmailMultiAlternatives(
        email.subject,
        email.body_text,
        None,
        [email.to_email],
        headers={
            # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs here.
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


@task(queue_name="email")
def deliver_email(email_id: str) -> str:
    """Send one queued email (see the module's docstring); returns the row's status after."""
    if not claim(email_id):
        return (
            OutgoingEmail.objects.filter(pk=email_id).values_list("status", flat=True).first()
            or "missing"
        )
    email = OutgoingEmail.objects.get(pk=email_id)
    attempts = email.attempts + 1
    try:
        build_message(email).send(fail_silently=False)
    except Exception as error:  # SMTP replies, refused connections, timeouts, DNS
        failed = attempts >= max_attempts() or is_permanent(error)
        status = EmailStatus.FAILED if failed else EmailStatus.QUEUED
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=status,
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=None if failed else timezone.now() + backoff(attempts),
        )
        logger.warning(
            "Email %s (%s) attempt %d failed%s: %s",
            email.pk,
            email.kind,
            attempts,
            "" if not failed else ", given up",
            type(error).__name__,
        )
        return status
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT,
        attempts=attempts,
        sent_at=timezone.now(),
        next_attempt_at=None,
        last_error="",
    )
    return EmailStatus.SENT


def retry_due_emails(now=None) -> int:
    """Queue a delivery task for every queued email whose time has come (a back-off ended, or
    its first task was lost), after putting back the ones a dead worker left in ``sending``.
    Returns how many tasks were queued. Run by the scheduler (assessments.notifications.schedule)."""
    now = now or timezone.now()
    rescued = OutgoingEmail.objects.filter(
        status=EmailStatus.SENDING, next_attempt_at__lte=now
    ).update(status=EmailStatus.QUEUED, next_attempt_at=now)
    if rescued:
        logger.warning("%d email(s) left in 'sending' by a stopped worker queued again", rescued)
    due = list(
        OutgoingEmail.objects.filter(status=EmailStatus.QUEUED)
        .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:RETRY_BATCH]
    )
    queued = 0
    for pk in due:
        # Push the deadline on before queueing, so the next run does not queue it again while
        # this task waits for a worker (one update per row: only one scheduler wins it).
        if (
            OutgoingEmail.objects.filter(pk=pk, status=EmailStatus.QUEUED)
            .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True))
            .update(next_attempt_at=now + LOST_ENQUEUE_AFTER)
        ):
            deliver_email.enqueue(str(pk))
            queued += 1
    return queued


def requeue_failed_emails(ids) -> int:
    """Staff chose to try failed emails again (the admin's action): they start over with a
    full set of attempts. Returns how many were queued."""
    pks = list(
        OutgoingEmail.objects.filter(pk__in=list(ids), status=EmailStatus.FAILED).values_list(
            "pk", flat=True
        )
    )
    OutgoingEmail.objects.filter(pk__in=pks, status=EmailStatus.FAILED).update(
        status=EmailStatus.QUEUED, attempts=0, next_attempt_at=timezone.now() + LOST_ENQUEUE_AFTER
    )
    for pk in pks:
        deliver_email.enqueue(str(pk))
    return len(pks)
