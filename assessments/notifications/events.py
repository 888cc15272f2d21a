"""Who is told what, and when: one function per event, called by the service that made the
change (inside its transaction: `notify` queues on commit), and the periodic reminders the
scheduler runs (assessments.notifications.schedule).

Every recipient is found by querying the models here, in the language they chose
(`recipient_language`), with a `dedupe_key` so that an event or a reminder never reaches the
same person twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    OFFICIAL_KINDS,
    Assessment,
    AssessmentStatus,
    ConsultantGrant,
    Diagnosis,
    GrantStatus,
    GroupAdmin,
    GroupStoreStatus,
    Membership,
    MembershipRole,
    NotificationKind,
    Review,
    RoundStatus,
)
from assessments.notifications.services import absolute_url, notify

logger = logging.getLogger("assessments.notifications")


def _owners(company_id):
    return get_user_model().objects.filter(
        membership__company_id=company_id, membership__role=MembershipRole.OWNER, is_active=True
    )


def _display_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email or user.username


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------


def assessment_submitted(assessment: Assessment) -> int:
    """A company's result (a single self-test, or a round's combined result) was submitted:
    tell its granted consultants and the admins of every group it is an active store of.
    Returns how many emails were queued. Respondents' own answers in a round are not results."""
    if assessment.kind not in OFFICIAL_KINDS:
        return 0
    company = assessment.company
    level = Diagnosis.objects.filter(assessment=assessment).values_list("level", flat=True).first()
    url = absolute_url(reverse("assessment_result", args=[assessment.pk]))
    User = get_user_model()
    consultants = User.objects.filter(
        consultant_grants__company=company,
        consultant_grants__status=GrantStatus.ACTIVE,
        is_active=True,
    ).distinct()
    admins = (
        GroupAdmin.objects.filter(
            group__stores__company=company,
            group__stores__status=GroupStoreStatus.ACTIVE,
            user__is_active=True,
        )
        .select_related("user", "group")
        .order_by("group__name", "user_id")
    )
    recipients = {}  # user id -> (user, group name or "")
    for user in consultants:
        recipients[user.pk] = (user, "")
    for admin in admins:
        recipients.setdefault(admin.user_id, (admin.user, admin.group.name))
    sent = 0
    for user, group_name in recipients.values():
        if not user.email:
            continue
        email = notify(
            NotificationKind.SUBMISSION,
            to_email=user.email,
            user=user,
            context={
                "company_name": company.name,
                "group_name": group_name,
                "level": level,
                "submitted_by": _display_name(assessment.submitted_by),
                "url": url,
            },
            dedupe_key=f"submission:{assessment.pk}:{user.pk}",
        )
        sent += email is not None
    return sent


def review_signed(review: Review) -> int:
    """A consultant signed a review: tell the company's owner(s)."""
    if not review.is_signed:
        return 0
    assessment = review.assessment
    url = absolute_url(reverse("assessment_result", args=[assessment.pk]))
    sent = 0
    for owner in _owners(assessment.company_id):
        if not owner.email:
            continue
        email = notify(
            NotificationKind.REVIEW_SIGNED,
            to_email=owner.email,
            user=owner,
            context={
                "company_name": assessment.company.name,
                "signer_name": review.signer_name,
                "confirmed_level": review.confirmed_level,
                "computed_level": review.computed_level,
                "url": url,
            },
            dedupe_key=f"review_signed:{review.pk}:{owner.pk}",
        )
        sent += email is not None
    return sent


def access_revoked(grant: ConsultantGrant) -> int:
    """A company revoked a consultant's access: tell the consultant."""
    consultant = grant.consultant
    if grant.status != GrantStatus.REVOKED or not consultant.email:
        return 0
    email = notify(
        NotificationKind.ACCESS_REVOKED,
        to_email=consultant.email,
        user=consultant,
        context={
            "company_name": grant.company.name,
            "url": absolute_url(reverse("consultant_dashboard")),
        },
        dedupe_key=f"access_revoked:{grant.pk}",
    )
    return int(email is not None)


# ---------------------------------------------------------------------------------------------
# Periodic reminders (idempotent: each goes out once, whatever how often they run)
# ---------------------------------------------------------------------------------------------


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day when
    that day does not exist, e.g. 31 March - 1 month = 28/29 February)."""
    month_index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def send_draft_reminders(now=None) -> int:
    """Remind the respondent of each draft untouched for DRAFT_REMINDER_DAYS, once per draft.
    Drafts of a closed round (they can no longer be submitted) are left alone."""
    now = now or timezone.now()
    days = settings.DRAFT_REMINDER_DAYS
    cutoff = now - timedelta(days=days)
    drafts = (
        Assessment.objects.filter(status=AssessmentStatus.DRAFT, updated_at__lte=cutoff)
        .exclude(round__status=RoundStatus.CLOSED)
        .select_related("company", "respondent", "created_by")
        .order_by("updated_at")
    )
    sent = 0
    for draft in drafts.iterator(chunk_size=500):
        person = draft.respondent or draft.created_by
        if person is None or not person.is_active or not person.email:
            continue
        if not Membership.objects.filter(user=person, company_id=draft.company_id).exists():
            continue  # they left the company
        email = notify(
            NotificationKind.DRAFT_REMINDER,
            to_email=person.email,
            user=person,
            context={
                "company_name": draft.company.name,
                "days": days,
                "updated_at": draft.updated_at,
                "url": absolute_url(
                    reverse("assessment_step", args=[draft.pk, draft.current_step or 1])
                ),
            },
            dedupe_key=f"draft_reminder:{draft.pk}",
        )
        sent += email is not None
    return sent


def send_reassessment_reminders(now=None) -> int:
    """Tell the owner(s) of each company whose latest submitted result is older than
    REASSESSMENT_DUE_MONTHS that a re-assessment is due, once per such result."""
    now = now or timezone.now()
    months = settings.REASSESSMENT_DUE_MONTHS
    cutoff = months_before(now, months)
    latest = (
        Assessment.objects.submitted()
        .official()
        .filter(company_id=OuterRef("company_id"))
        .order_by("-submitted_at")
        .values("pk")[:1]
    )
    due = (
        Assessment.objects.submitted()
        .official()
        .filter(submitted_at__lte=cutoff, pk=Subquery(latest))
        .select_related("company")
        .order_by("submitted_at")
    )
    sent = 0
    for assessment in due.iterator(chunk_size=500):
        for owner in _owners(assessment.company_id):
            if not owner.email:
                continue
            email = notify(
                NotificationKind.REASSESSMENT_DUE,
                to_email=owner.email,
                user=owner,
                context={
                    "company_name": assessment.company.name,
                    "months": months,
                    "submitted_at": assessment.submitted_at,
                    "url": absolute_url(reverse("assessment_start", args=[assessment.company_id])),
                },
                dedupe_key=f"reassessment_due:{assessment.pk}:{owner.pk}",
            )
            sent += email is not None
    return sent
