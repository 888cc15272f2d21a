"""Delivery that survives a mail server that is down: each failed attempt is counted with its
error and waits (1, 5, 25, 120 minutes) before `retry_due_emails` queues it again; after
EMAIL_MAX_ATTEMPTS it is failed. A row is claimed by one worker only, and a row left in
'sending' by a dead worker is sent later. `manage.py email_status` shows it all."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import EmailStatus, NotificationKind, OutgoingEmail
from assessments.notifications import tasks
from assessments.notifications.services import notify
from tests.smtp_sink import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_server(settings):
    """The SMTP backend pointed at a port where nothing listens: every connection is refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_MAX_ATTEMPTS = 5
    return settings


def queue_one(django_capture_on_commit_callbacks, to="later@example.com"):
    with django_capture_on_commit_callbacks(execute=True):
        email = notify(
            NotificationKind.ACCESS_REVOKED,
            to_email=to,
            context={"company_name": "Acme", "url": "http://x/"},
        )
    email.refresh_from_db()
    return email


def test_refused_connections_back_off_then_fail(
    refusing_server, django_capture_on_commit_callbacks
):
    email = queue_one(django_capture_on_commit_callbacks)
    assert email.status == EmailStatus.QUEUED and email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    waits = []
    for expected_attempts in range(2, 6):
        due = email.next_attempt_at
        waits.append(round((due - timezone.now()).total_seconds() / 60))
        # Not due yet: nothing is queued again.
        assert tasks.retry_due_emails(now=due - timedelta(seconds=5)) == 0
        assert tasks.retry_due_emails(now=due + timedelta(seconds=1)) == 1
        email.refresh_from_db()
        assert email.attempts == expected_attempts
    assert waits == [1, 5, 25, 120]
    assert email.status == EmailStatus.FAILED and email.next_attempt_at is None
    assert tasks.retry_due_emails(now=timezone.now() + timedelta(days=1)) == 0

    out = StringIO()
    call_command("email_status", stdout=out)
    report = out.getvalue()
    assert "failed         1" in report
    assert "later@example.com [failed, 5 attempt(s)] ConnectionRefusedError" in report


def test_a_server_that_comes_back_delivers_on_the_next_try(
    refusing_server, smtp_sink, django_capture_on_commit_callbacks
):
    # smtp_sink points the backend at the live sink; refuse the first attempt by hand.
    live_port = refusing_server.EMAIL_PORT
    refusing_server.EMAIL_PORT = free_port()
    email = queue_one(django_capture_on_commit_callbacks)
    assert email.status == EmailStatus.QUEUED and email.attempts == 1
    refusing_server.EMAIL_PORT = live_port
    assert tasks.retry_due_emails(now=email.next_attempt_at + timedelta(seconds=1)) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2 and email.last_error == ""
    assert len(smtp_sink.wait_for(1)) == 1


def test_a_row_is_claimed_once(django_capture_on_commit_callbacks, smtp_sink):
    email = notify(
        NotificationKind.ACCESS_REVOKED, to_email="once@example.com", context={"company_name": "A"}
    )
    assert tasks.claim(email.pk) is True
    assert tasks.claim(email.pk) is False  # a second worker gets nothing
    assert tasks.deliver_email.call(str(email.pk)) == EmailStatus.SENDING
    assert smtp_sink.messages == []


def test_a_row_left_sending_by_a_dead_worker_is_sent_later(smtp_sink):
    email = notify(
        NotificationKind.ACCESS_REVOKED, to_email="dead@example.com", context={"company_name": "A"}
    )
    assert tasks.claim(email.pk)  # the worker then died
    email.refresh_from_db()
    assert tasks.retry_due_emails(now=email.next_attempt_at - timedelta(seconds=5)) == 0
    assert tasks.retry_due_emails(now=email.next_attempt_at + timedelta(seconds=1)) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(smtp_sink.wait_for(1)) == 1


def test_staff_can_send_a_failed_email_again(smtp_sink):
    email = notify(
        NotificationKind.ACCESS_REVOKED, to_email="again@example.com", context={"company_name": "A"}
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, attempts=5)
    assert tasks.requeue_failed_emails([email.pk]) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1
