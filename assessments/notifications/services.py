"""Queue an email: the one function every feature calls to tell someone something."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from assessments.models import EmailOptOut, EmailStatus, OutgoingEmail


def is_opted_out(email: str, kind: str) -> bool:
    return EmailOptOut.objects.filter(email=email.strip().lower(), kind__in=["", kind]).exists()


def notify(
    kind: str,
    *,
    to_email: str,
    context: dict,
    user=None,
    language: str | None = None,
    dedupe_key: str | None = None,
) -> OutgoingEmail | None:
    """Render the email `kind` for one recipient, store it and queue its delivery after the
    caller's transaction commits. Returns None when `dedupe_key` was already used (a periodic
    reminder that went out before). An opted-out address gets a row marked skipped, not an email.
    """
    language = language or translation.get_language() or "zh-hans"
    with translation.override(language):
        subject = " ".join(render_to_string(f"email/{kind}_subject.txt", context).split())
        body_text = render_to_string(f"email/{kind}.txt", context)
        body_html = render_to_string(f"email/{kind}.html", context)
    status = EmailStatus.SKIPPED if is_opted_out(to_email, kind) else EmailStatus.QUEUED
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                kind=kind,
                to_email=to_email,
                user=user,
                language=language,
                subject=subject[:200],
                body_text=body_text,
                body_html=body_html,
                status=status,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        if dedupe_key and OutgoingEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    if status == EmailStatus.QUEUED:
        from assessments.notifications.tasks import deliver_email

        email_id = str(email.id)
        transaction.on_commit(lambda: deliver_email.enqueue(email_id))
    return email
