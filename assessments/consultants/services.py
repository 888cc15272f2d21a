"""State changes around consultants: their accounts, access grants, invitations and reviews. One
named function each, atomic (see `assessments.companies.services`)."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessments import privacy
from assessments.companies.services import (
    EmailTaken,
    NotAManager,
    NotTheOwner,
)
from assessments.models import (
    Assessment,
    AssessmentStatus,
    Company,
    ConsultantGrant,
    ConsultantProfile,
    Diagnosis,
    GrantStatus,
    Invitation,
    InvitationDirection,
    InvitationStatus,
    Membership,
    MembershipRole,
    NotificationKind,
    Review,
)
from assessments.notifications import events
from assessments.notifications.services import notify
from assessments.questionnaire.services import AssessmentLocked
from assessments.reports.tasks import queue_prerender_after_change
from assessments.review_rules import review_errors

INVITATION_LIFETIME = timedelta(days=14)


class NotAConsultant(Exception):
    """Only a consultant account can be granted access or accept a company's invitation."""


class InvitationInvalid(Exception):
    """The invitation was used, cancelled or has expired."""


@transaction.atomic
def register_consultant(
    *, email: str, password: str, display_name: str, firm_name: str = "", invitation=None
):
    """A new consultant account; with a manager's invitation, accepted at once."""
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    if (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
    ):
        raise EmailTaken
    user = User.objects.create_user(username=email, email=email, password=password)
    ConsultantProfile.objects.create(user=user, display_name=display_name, firm_name=firm_name)
    privacy.record_consent(user)  # the sign-up form requires the consent
    if invitation is not None:
        try:
            with transaction.atomic():
                accept_invitation(invitation, user=user)
        except (InvitationInvalid, NotAConsultant, NotAManager):
            pass  # the account stays; the page says the link was no longer valid
    return user


@transaction.atomic
def grant_access(*, company: Company, consultant, granted_by) -> ConsultantGrant:
    """An active grant of ``company`` to ``consultant`` (the existing one if there is one)."""
    if not ConsultantProfile.objects.filter(user=consultant).exists():
        raise NotAConsultant
    Company.objects.select_for_update().filter(pk=company.pk).first()
    existing = ConsultantGrant.objects.filter(
        company=company, consultant=consultant, status=GrantStatus.ACTIVE
    ).first()
    if existing is not None:
        return existing
    return ConsultantGrant.objects.create(
        company=company, consultant=consultant, granted_by=granted_by
    )


@transaction.atomic
def revoke_grant(grant: ConsultantGrant, *, by) -> ConsultantGrant:
    """End a consultant's access; their very next request is refused (grants are not cached)."""
    locked = ConsultantGrant.objects.select_for_update().get(pk=grant.pk)
    if locked.status == GrantStatus.ACTIVE:
        locked.status = GrantStatus.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.save(update_fields=["status", "revoked_at", "revoked_by"])
        events.access_revoked(locked)
    return locked


@dataclass
class InviteOutcome:
    grant: ConsultantGrant | None = None  # the consultant already had an account
    invitation: Invitation | None = None  # they have not: a link to sign up and accept


@transaction.atomic
def invite_consultant(*, company: Company, email: str, invited_by, site_url: str) -> InviteOutcome:
    """A manager invites a consultant by email.

    An existing consultant account with that email is granted access at once (and told so);
    otherwise an invitation link is emailed that lets them sign up as a consultant and accept.
    An email that belongs to a manager account is refused (`NotAConsultant`).
    """
    if not Membership.objects.filter(
        user=invited_by, company=company, role=MembershipRole.OWNER
    ).exists():
        raise NotTheOwner
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    user = (
        User.objects.filter(email__iexact=email).order_by("pk").first()
        or User.objects.filter(username__iexact=email).first()
    )
    if user is not None:
        if not ConsultantProfile.objects.filter(user=user).exists():
            raise NotAConsultant
        grant = grant_access(company=company, consultant=user, granted_by=invited_by)
        notify(
            NotificationKind.CONSULTANT_INVITATION,
            to_email=email,
            user=user,
            context={
                "granted": True,
                "company_name": company.name,
                "url": site_url.rstrip("/") + reverse("consultant_dashboard"),
            },
        )
        return InviteOutcome(grant=grant)
    invitation = Invitation.objects.create(
        direction=InvitationDirection.TO_CONSULTANT,
        company=company,
        email=email,
        created_by=invited_by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    link = site_url.rstrip("/") + reverse("invitation_accept", args=[invitation.token])
    notify(
        NotificationKind.CONSULTANT_INVITATION,
        to_email=email,
        context={
            "granted": False,
            "company_name": company.name,
            "url": link,
            "days": INVITATION_LIFETIME.days,
        },
    )
    return InviteOutcome(invitation=invitation)


@transaction.atomic
def create_company_invitation(*, consultant, note: str = "") -> Invitation:
    """A consultant's link for a company: a manager of the company who accepts it grants access."""
    if not ConsultantProfile.objects.filter(user=consultant).exists():
        raise NotAConsultant
    return Invitation.objects.create(
        direction=InvitationDirection.TO_COMPANY,
        consultant=consultant,
        note=note,
        created_by=consultant,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )


@transaction.atomic
def cancel_invitation(invitation: Invitation, *, by) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status == InvitationStatus.PENDING:
        locked.status = InvitationStatus.CANCELLED
        locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def accept_invitation(invitation: Invitation, *, user) -> ConsultantGrant:
    """Accept a single-use invitation: a consultant accepts a company's, a manager a consultant's."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_pending:
        raise InvitationInvalid
    if locked.direction == InvitationDirection.TO_CONSULTANT:
        if not ConsultantProfile.objects.filter(user=user).exists():
            raise NotAConsultant
        grant = grant_access(company=locked.company, consultant=user, granted_by=locked.created_by)
        locked.consultant = user
    else:
        membership = Membership.objects.filter(user=user).select_related("company").first()
        if membership is None:
            raise NotAManager
        if membership.role != MembershipRole.OWNER:
            raise NotTheOwner
        grant = grant_access(
            company=membership.company, consultant=locked.consultant, granted_by=user
        )
        locked.company = membership.company
    locked.status = InvitationStatus.ACCEPTED
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.grant = grant
    locked.save()
    return grant


@dataclass
class ReviewInvalid(Exception):
    errors: dict  # {field: message}


@transaction.atomic
def save_review(
    *,
    assessment: Assessment,
    reviewer,
    section_comments: dict,
    overall_opinion: str,
    confirmed_level: int | None,
    justification: str,
    sign: bool,
    signer_name: str = "",
) -> Review:
    """Store a review of a submitted assessment as a new row (the history is kept); with
    ``sign`` it is signed off now and becomes the review that counts."""
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise AssessmentLocked
    if not ConsultantGrant.objects.filter(
        company_id=assessment.company_id, consultant=reviewer, status=GrantStatus.ACTIVE
    ).exists():
        raise NotAConsultant
    computed = Diagnosis.objects.filter(assessment=assessment).values_list("level", flat=True)
    computed_level = computed.first()
    errors = review_errors(
        computed_level=computed_level,
        levels=list(assessment.model_version.levels.values_list("number", flat=True)),
        confirmed_level=confirmed_level,
        justification=justification,
        sign=sign,
        signer_name=signer_name,
    )
    if errors:
        raise ReviewInvalid(errors)
    comments = {
        section: text.strip()
        for section, text in (section_comments or {}).items()
        if section in Review.SECTIONS and (text or "").strip()
    }
    review = Review.objects.create(
        assessment=assessment,
        reviewer=reviewer,
        section_comments=comments,
        overall_opinion=overall_opinion.strip(),
        computed_level=computed_level,
        confirmed_level=confirmed_level,
        justification=justification.strip() if confirmed_level != computed_level else "",
        signed_off_at=timezone.now() if sign else None,
        signer_name=signer_name.strip(),
    )
    if review.is_signed:
        # After the commit: the company is told, and its PDF (which shows the review) is
        # rendered again ahead of the next download.
        events.review_signed(review)
        queue_prerender_after_change(assessment)
    return review
