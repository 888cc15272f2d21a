"""Delivery of queued emails, run by the task workers (`manage.py db_worker`)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from assessments.models import EmailStatus, OutgoingEmail


@task(queue_name="email")
def deliver_email(email_id: str) -> str:
    email = OutgoingEmail.objects.get(pk=email_id)
    if email.status != EmailStatus.QUEUED:
        return email.status
    message = EmailMultiAlternatives(email.subject, email.body_text, None, [email.to_email])
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    email.attempts += 1
    message.send(fail_silently=False)
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["status", "attempts", "sent_at"])
    return email.status
