"""Personal data under PIPL: consent to the privacy notice, a person's copy of their data, and
deleting an account (personal fields anonymised, the company's assessments kept)."""

import uuid

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from assessments.models import (
    AuditEvent,
    Company,
    ConsultantGrant,
    ConsultantProfile,
    EmailOptOut,
    GrantStatus,
    Invitation,
    Membership,
    MembershipRole,
    OutgoingEmail,
    PrivacyConsent,
    ReportFile,
    Review,
)

PRIVACY_NOTICE_VERSION = "2026-11"


def record_consent(user) -> PrivacyConsent:
    return PrivacyConsent.objects.create(user=user, notice_version=PRIVACY_NOTICE_VERSION)


def _account_key(user) -> str:
    from assessments.accounts import account_key

    return account_key(user)


def personal_data(user) -> dict:
    """Everything the product holds that identifies the person (their copy, as JSON)."""
    membership = Membership.objects.select_related("company").filter(user=user).first()
    profile = ConsultantProfile.objects.filter(user=user).first()
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "privacy_consents": [
            {"notice_version": c.notice_version, "accepted_at": c.accepted_at.isoformat()}
            for c in PrivacyConsent.objects.filter(user=user).order_by("accepted_at")
        ],
        "where_personal_data_is_kept": PERSONAL_DATA_PLACES,
        "membership": None,
        "consultant_profile": None,
        "signed_reviews": [
            {
                "assessment_id": str(r.assessment_id),
                "signer_name": r.signer_name,
                "signed_off_at": r.signed_off_at.isoformat(),
            }
            for r in Review.objects.filter(reviewer=user, signed_off_at__isnull=False)
        ],
        "invitations_to_me": [
            {"email": i.email, "status": i.status, "created_at": i.created_at.isoformat()}
            for i in Invitation.objects.filter(email__iexact=user.email)
        ]
        if user.email
        else [],
        "failed_sign_ins": [
            {
                "at": a.attempt_time.isoformat(),
                "address": a.ip_address,
                "failures": a.failures_since_start,
            }
            for a in AccessAttempt.objects.filter(username=_account_key(user))
        ],
        "consultant_grants": [],
        "activity": [
            {
                "at": event.at.isoformat(),
                "action": event.action,
                "path": event.path,
                "address": event.address,
            }
            for event in AuditEvent.objects.filter(actor=user).order_by("-at")[:1000]
        ],
    }
    if membership is not None:
        company = membership.company
        data["membership"] = {
            "company": company.name,
            "company_id": str(company.pk),
            "role": membership.role,
            "title": membership.title,
            "joined_at": membership.joined_at.isoformat(),
            # The company's contact is personal data when it is this person.
            "company_contact": {
                "name": company.contact_name,
                "mobile": company.contact_mobile,
                "email": company.contact_email,
            },
        }
    if profile is not None:
        data["consultant_profile"] = {
            "display_name": profile.display_name,
            "firm_name": profile.firm_name,
            "created_at": profile.created_at.isoformat(),
        }
        data["consultant_grants"] = [
            {
                "company": grant.company.name,
                "status": grant.status,
                "granted_at": grant.granted_at.isoformat(),
            }
            for grant in ConsultantGrant.objects.select_related("company").filter(consultant=user)
        ]
    return data


# Where the product keeps personal data, and what deleting an account does with it (the privacy
# export lists this too, so a person sees every place).
PERSONAL_DATA_PLACES = {
    "account": "user name, email, names, sign-in times — anonymised on deletion",
    "membership": "company and job title — deleted on deletion",
    "company_contact": "the company's contact name, mobile and email when this person filled "
    "them in (as creator, or when the contact email is theirs) — cleared on deletion",
    "consultant_profile": "display name and firm — anonymised on deletion",
    "reviews": "the signer name typed on signed reviews — replaced on deletion",
    "report_pdfs": "cached PDF reports that print a contact or signer name — dropped on deletion "
    "(rendered again on the next download)",
    "result_pages": "cached result pages that show a signer name — dropped on deletion",
    "invitations": "invitation emails addressed to this person — cleared on deletion",
    "audit_log": "what this person viewed, changed or downloaded, with the IP address — the "
    "addresses are removed on deletion (the rows stay, by a deleted account); kept "
    "AUDIT_RETENTION_DAYS days",
    "login_failures": "failed sign-ins to this account with their IP addresses (django-axes) — "
    "deleted on deletion, otherwise kept for the lockout period",
    "sessions": "signed-in sessions — ended on deletion",
    "emails": "the copies of emails sent to this person, their email opt-outs, and the "
    "review-signed emails that print their signer name — deleted on deletion",
    "privacy_consents": "which privacy notice version was accepted when — kept, anonymous",
}
DELETED_NAME = "已删除账号"


@transaction.atomic
def delete_account(user) -> None:
    """Anonymise the person and end their access; what they answered for their company stays
    the company's (assessments keep their answers, authorship becomes "deleted account").

    Everything in PERSONAL_DATA_PLACES that identifies them goes: the company contact fields
    they filled, the signer name on their reviews, cached PDFs and result pages that print
    either, invitation emails to them, the addresses in the audit log and failed sign-ins."""
    from assessments import audit
    from assessments.accounts import account_key

    anonymous = f"deleted-{uuid.uuid4().hex[:16]}"
    User = get_user_model()
    locked = User.objects.select_for_update().get(pk=user.pk)
    email = (locked.email or "").strip()
    _clear_company_contact(locked, email)
    reviewed = set(Review.objects.filter(reviewer=locked).values_list("assessment_id", flat=True))
    Review.objects.filter(reviewer=locked).exclude(signer_name="").update(signer_name=DELETED_NAME)
    ReportFile.objects.filter(assessment_id__in=reviewed).delete()
    if email:
        Invitation.objects.filter(email__iexact=email).update(email="")
    _delete_emails(locked, email)
    audit.anonymise_actor(locked)
    AccessAttempt.objects.filter(username=account_key(locked)).delete()
    # Rendered result pages may show the old signer or contact name: drop them all (rendered
    # again on the next view; deletions are rare).
    caches["default"].clear()
    locked.username = anonymous
    locked.email = ""
    locked.first_name = ""
    locked.last_name = ""
    locked.is_active = False
    locked.set_unusable_password()
    locked.save()
    membership = Membership.objects.filter(user=locked).first()
    if membership is not None:
        membership.delete()
        if membership.role == MembershipRole.OWNER:
            # The company keeps an owner: its longest-standing member takes over.
            successor = (
                Membership.objects.filter(company_id=membership.company_id)
                .order_by("joined_at", "pk")
                .first()
            )
            if successor is not None:
                successor.role = MembershipRole.OWNER
                successor.save(update_fields=["role"])
    ConsultantProfile.objects.filter(user=locked).update(display_name=anonymous, firm_name="")
    ConsultantGrant.objects.filter(consultant=locked, status=GrantStatus.ACTIVE).update(
        status=GrantStatus.REVOKED, revoked_at=timezone.now()
    )
    _end_sessions(locked.pk)


def _delete_emails(user, email: str) -> None:
    """The stored copies of emails to the person, their opt-outs, and the review-signed emails
    (to the company) that print the name they signed with."""
    from django.db.models import Q

    to_them = Q(user=user)
    if email:
        to_them |= Q(to_email__iexact=email)
        EmailOptOut.objects.filter(email=email.lower()).delete()
    for review_id in Review.objects.filter(reviewer=user).values_list("pk", flat=True):
        to_them |= Q(dedupe_key__startswith=f"review_signed:{review_id}:")
    OutgoingEmail.objects.filter(to_them).delete()


def _clear_company_contact(user, email: str) -> None:
    """Clear the contact fields of the person's company if they filled them in: as the creator
    (the company form asks its creator for them) or where the contact email is theirs."""
    companies = Company.objects.filter(created_by=user)
    if email:
        companies = companies | Company.objects.filter(contact_email__iexact=email)
    company_ids = list(companies.values_list("pk", flat=True).distinct())
    if not company_ids:
        return
    Company.objects.filter(pk__in=company_ids).update(
        contact_name="", contact_mobile="", contact_email=""
    )
    ReportFile.objects.filter(assessment__company_id__in=company_ids).delete()


def _end_sessions(user_id) -> None:
    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            session.delete()
