"""Personal data under PIPL: consent to the privacy notice, a person's copy of their data, and
deleting an account (personal fields anonymised, the company's assessments kept)."""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from assessments.models import (
    AuditEvent,
    ConsultantGrant,
    ConsultantProfile,
    GrantStatus,
    Membership,
    MembershipRole,
    PrivacyConsent,
)

PRIVACY_NOTICE_VERSION = "2026-11"


def record_consent(user) -> PrivacyConsent:
    return PrivacyConsent.objects.create(user=user, notice_version=PRIVACY_NOTICE_VERSION)


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
        "membership": None,
        "consultant_profile": None,
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


@transaction.atomic
def delete_account(user) -> None:
    """Anonymise the person and end their access; what they answered for their company stays
    the company's (assessments keep their answers, authorship becomes "deleted account")."""
    anonymous = f"deleted-{uuid.uuid4().hex[:16]}"
    User = get_user_model()
    locked = User.objects.select_for_update().get(pk=user.pk)
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


def _end_sessions(user_id) -> None:
    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            session.delete()
