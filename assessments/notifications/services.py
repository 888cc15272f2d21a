"""Queue an email: the one function every feature calls to tell someone something.

Also what belongs to every email: the recipient's language, the reason they get it, the signed
one-click unsubscribe link, and the opt-outs (per address, of one kind or of all).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    ConsultantProfile,
    EmailOptOut,
    EmailStatus,
    GroupAdmin,
    Membership,
    MembershipRole,
    NotificationKind,
    OutgoingEmail,
    UserPreference,
)

DEFAULT_LANGUAGE = "zh-hans"
UNSUBSCRIBE_SALT = "assessments.notifications.unsubscribe"
ALL_KINDS = ""  # EmailOptOut.kind of an opt-out of every email

# If the task queued with the email never runs (the process died between the commit and the
# enqueue), the periodic `retry_due_emails` queues it again after this long.
LOST_ENQUEUE_AFTER = timedelta(minutes=30)

# Why the recipient gets each kind: the first line of every email's footer.
REASONS = {
    NotificationKind.CONSULTANT_INVITATION: _("你收到这封邮件,是因为一家企业邀请你担任其顾问。"),
    NotificationKind.GROUP_INVITATION: _(
        "你收到这封邮件,是因为一个集团邀请你的企业加入其门店网络。"
    ),
    NotificationKind.CAMPAIGN_INVITATION: _("你收到这封邮件,是因为你的门店被列入一次测评活动。"),
    NotificationKind.CAMPAIGN_REMINDER: _(
        "你收到这封邮件,是因为你的门店尚未提交本次测评活动的自测。"
    ),
    NotificationKind.SUBMISSION: _(
        "你收到这封邮件,是因为你是这家企业的授权顾问或其所在集团的管理员。"
    ),
    NotificationKind.REVIEW_SIGNED: _("你收到这封邮件,是因为你是这家企业的负责人。"),
    NotificationKind.ACCESS_REVOKED: _("你收到这封邮件,是因为你曾被授权查看这家企业的自测结果。"),
    NotificationKind.DRAFT_REMINDER: _("你收到这封邮件,是因为你有一份尚未提交的自测草稿。"),
    NotificationKind.REASSESSMENT_DUE: _("你收到这封邮件,是因为你是这家企业的负责人。"),
}


# ---------------------------------------------------------------------------------------------
# Recipients: language and links
# ---------------------------------------------------------------------------------------------


def recipient_language(user) -> str:
    """The language a user reads email in: their saved preference, else Chinese."""
    if user is None or not getattr(user, "pk", None):
        return DEFAULT_LANGUAGE
    saved = UserPreference.objects.filter(user=user).values_list("language", flat=True).first()
    return saved or DEFAULT_LANGUAGE


def absolute_url(path: str) -> str:
    """A link for an email: the site's address (SITE_URL) and a path of the app."""
    return settings.SITE_URL.rstrip("/") + path


def normalized_email(email: str) -> str:
    return (email or "").strip().lower()


def unsubscribe_token(email: str, kind: str) -> str:
    """A signed token naming an address and a kind (``ALL_KINDS``: every email); the same for
    the same address and kind (the body's link is the List-Unsubscribe header's), and it does
    not expire, so an old email's link still works."""
    signer = signing.Signer(salt=UNSUBSCRIBE_SALT)
    return signer.sign_object({"e": normalized_email(email), "k": kind}, compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    """(email, kind) of a valid token; None for a forged or mangled one."""
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        return None
    kind = data.get("k", ALL_KINDS)
    if kind != ALL_KINDS and kind not in NotificationKind.values:
        return None
    return data["e"], kind


def unsubscribe_url(email: str, kind: str) -> str:
    return absolute_url(reverse("email_unsubscribe", args=[unsubscribe_token(email, kind)]))


def preferences_url() -> str:
    return absolute_url(reverse("email_preferences"))


# ---------------------------------------------------------------------------------------------
# Opt-outs
# ---------------------------------------------------------------------------------------------


# A campaign's reminders follow its invitation: a contact who unsubscribed from the invitation
# (the only email they had, and its link was the only way to say so) wants no reminder either.
ALSO_STOPPED_BY = {NotificationKind.CAMPAIGN_REMINDER: (NotificationKind.CAMPAIGN_INVITATION,)}


def is_opted_out(email: str, kind: str) -> bool:
    return EmailOptOut.objects.filter(
        email=normalized_email(email), kind__in=[ALL_KINDS, kind, *ALSO_STOPPED_BY.get(kind, ())]
    ).exists()


def opted_out_kinds(email: str) -> set[str]:
    return set(
        EmailOptOut.objects.filter(email=normalized_email(email)).values_list("kind", flat=True)
    )


def kinds_for_user(user) -> list[str]:
    """The kinds of email this person can get, in NotificationKind's order (their roles decide;
    an account with no role yet can be invited to anything)."""
    kinds: set[str] = set()
    if ConsultantProfile.objects.filter(user=user).exists():
        kinds |= {
            NotificationKind.CONSULTANT_INVITATION,
            NotificationKind.SUBMISSION,
            NotificationKind.ACCESS_REVOKED,
        }
    membership = Membership.objects.filter(user=user).first()
    if membership is not None:
        kinds |= {
            NotificationKind.DRAFT_REMINDER,
            NotificationKind.CAMPAIGN_INVITATION,
            NotificationKind.CAMPAIGN_REMINDER,
        }
        if membership.role == MembershipRole.OWNER:
            kinds |= {
                NotificationKind.REVIEW_SIGNED,
                NotificationKind.REASSESSMENT_DUE,
                NotificationKind.GROUP_INVITATION,
            }
    if GroupAdmin.objects.filter(user=user).exists():
        kinds.add(NotificationKind.SUBMISSION)
    if not kinds:
        kinds = set(NotificationKind.values)
    return [kind for kind in NotificationKind.values if kind in kinds]


@transaction.atomic
def opt_out(email: str, kind: str) -> None:
    """Stop ``kind`` (``ALL_KINDS``: every email) to this address. Idempotent."""
    EmailOptOut.objects.get_or_create(email=normalized_email(email), kind=kind)


@transaction.atomic
def set_email_preferences(user, *, wanted: set[str], offered: list[str], none: bool) -> None:
    """The preferences page: of the ``offered`` kinds, those not ``wanted`` are opted out;
    ``none`` opts out of every email (and unticking it opts back in)."""
    email = normalized_email(user.email)
    if not email:
        return
    for kind in [*offered, ALL_KINDS]:
        stop = none if kind == ALL_KINDS else kind not in wanted
        if stop:
            EmailOptOut.objects.get_or_create(email=email, kind=kind)
        else:
            EmailOptOut.objects.filter(email=email, kind=kind).delete()


# ---------------------------------------------------------------------------------------------
# notify()
# ---------------------------------------------------------------------------------------------


def email_context(kind: str, to_email: str, context: dict) -> dict:
    """The caller's context plus what the shared footer (email/_footer.*) needs."""
    return {
        **context,
        "kind": kind,
        "site_url": settings.SITE_URL.rstrip("/"),
        "reason": REASONS.get(kind, ""),
        "unsubscribe_url": unsubscribe_url(to_email, kind),
        "preferences_url": preferences_url(),
    }


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

    The language is ``language``, else the recipient user's saved preference, else Chinese.
    """
    if dedupe_key and OutgoingEmail.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    language = language or recipient_language(user)
    full_context = email_context(kind, to_email, context)
    with translation.override(language):
        subject = " ".join(render_to_string(f"email/{kind}_subject.txt", full_context).split())
        body_text = render_to_string(f"email/{kind}.txt", full_context)
        body_html = render_to_string(f"email/{kind}.html", full_context)
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
                next_attempt_at=timezone.now() + LOST_ENQUEUE_AFTER
                if status == EmailStatus.QUEUED
                else None,
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
