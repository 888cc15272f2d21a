"""State changes of campaigns, one named function each, atomic: creating and closing a campaign,
importing its store list, inviting, reminding, and a store accepting its one-time link."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessments.campaigns import reads
from assessments.campaigns.importer import ParsedList, parse_store_list
from assessments.companies import services as company_services
from assessments.groups.services import add_store
from assessments.models import (
    Assessment,
    AssessmentStatus,
    Campaign,
    CampaignStatus,
    CampaignStore,
    Company,
    GroupStoreSource,
    Membership,
    MembershipRole,
    NotificationKind,
    StoreGroup,
    UserPreference,
)
from assessments.notifications.services import notify
from assessments.questionnaire.services import start_assessment


class CampaignClosed(Exception):
    """A closed campaign takes no new stores, invitations, reminders or link acceptances."""


class LinkUsedByAnother(Exception):
    """The one-time link was already used by another account."""


class CannotJoinWithThisAccount(Exception):
    """The signed-in account belongs to another company (or is a consultant's)."""

    def __init__(self, company=None):
        super().__init__()
        self.company = company


def site_root(site_url: str | None = None) -> str:
    return (site_url or settings.SITE_URL).rstrip("/")


@transaction.atomic
def create_campaign(
    *, group: StoreGroup, user, name: str, deadline, model_version, reminder_days
) -> Campaign:
    return Campaign.objects.create(
        group=group,
        name=name,
        deadline=deadline,
        model_version=model_version,
        reminder_days=sorted(set(reminder_days), reverse=True),
        created_by=user,
    )


@transaction.atomic
def close_campaign(campaign: Campaign) -> Campaign:
    campaign.status = CampaignStatus.CLOSED
    campaign.save(update_fields=["status"])
    return campaign


def _check_open(campaign: Campaign) -> None:
    if campaign.status != CampaignStatus.OPEN:
        raise CampaignClosed


@transaction.atomic
def import_stores(campaign: Campaign, *, content: bytes, filename: str) -> ParsedList:
    """Validate the whole file against the campaign; store every row, or none (any error)."""
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    _check_open(campaign)
    existing = list(
        CampaignStore.objects.filter(campaign=campaign).values_list("email", "store_name", "city")
    )
    parsed = parse_store_list(
        content,
        filename,
        regions={region.name: region for region in campaign.group.regions.all()},
        existing_emails={email.lower() for email, _n, _c in existing},
        existing_stores={
            (name.strip().lower(), city.strip().lower()) for _e, name, city in existing
        },
    )
    if not parsed.ok:
        return parsed
    CampaignStore.objects.bulk_create(
        [
            CampaignStore(
                campaign=campaign,
                row_number=row.row_number,
                store_name=row.store_name,
                type=row.type,
                province=row.province,
                city=row.city,
                region=row.region,
                contact_name=row.contact_name,
                email=row.email,
                mobile=row.mobile,
            )
            for row in parsed.rows
        ],
        batch_size=1000,
    )
    return parsed


def link_url(row: CampaignStore, site_url: str | None = None) -> str:
    return site_root(site_url) + reverse("campaign_link", args=[row.token])


def _email_context(
    row: CampaignStore, campaign: Campaign, site_url: str | None, today=None
) -> dict:
    return {
        "campaign": campaign,
        "group": campaign.group,
        "store": row,
        "link": link_url(row, site_url),
        "deadline": campaign.deadline,
        "days_left": (campaign.deadline - (today or timezone.localdate())).days,
    }


@transaction.atomic
def queue_invitations(campaign: Campaign, *, site_url: str | None = None) -> int:
    """Queue the task that invites every store not yet invited; returns how many it will
    invite. The emails go out from the task workers, not this request."""
    from assessments.campaigns.tasks import send_campaign_invitations

    _check_open(campaign)
    pending = CampaignStore.objects.filter(campaign=campaign, invited_at__isnull=True).count()
    if pending:
        campaign_id = str(campaign.pk)
        site = site_root(site_url)
        transaction.on_commit(lambda: send_campaign_invitations.enqueue(campaign_id, site))
    return pending


def send_invitations(campaign: Campaign, *, site_url: str | None = None, batch: int = 500) -> int:
    """Notify each store not yet invited (run by the task). One transaction per batch, so a
    long list commits as it goes and a retry resumes where it stopped; the dedupe key keeps a
    contact from being invited twice."""
    sent = 0
    while True:
        with transaction.atomic():
            rows = list(
                CampaignStore.objects.select_for_update(skip_locked=True)
                .filter(campaign=campaign, invited_at__isnull=True)
                .order_by("row_number")[:batch]
            )
            if not rows:
                return sent
            now = timezone.now()
            for row in rows:
                notify(
                    NotificationKind.CAMPAIGN_INVITATION,
                    to_email=row.email,
                    # The contact has no account yet: the site's first language, whatever
                    # the language of the admin who pressed the button.
                    language=settings.LANGUAGE_CODE,
                    context=_email_context(row, campaign, site_url),
                    dedupe_key=f"campaign_invitation:{row.pk}",
                )
                row.invited_at = now
                sent += 1
            CampaignStore.objects.bulk_update(rows, ["invited_at"])


def _language_of(row: CampaignStore) -> str:
    """The language the store's user chose on the site, else the site's first language."""
    if row.token_used_by_id:
        chosen = (
            UserPreference.objects.filter(user_id=row.token_used_by_id)
            .values_list("language", flat=True)
            .first()
        )
        if chosen:
            return chosen
    return settings.LANGUAGE_CODE


def _remind(campaign: Campaign, rows, *, today: datetime.date, site_url: str | None) -> int:
    sent = 0
    now = timezone.now()
    for row in rows:
        email = notify(
            NotificationKind.CAMPAIGN_REMINDER,
            to_email=row.email,
            user=row.token_used_by,
            language=_language_of(row),
            context=_email_context(row, campaign, site_url, today),
            dedupe_key=f"campaign_reminder:{row.pk}:{today.isoformat()}",
        )
        if email is None:
            continue  # this store was reminded today already
        row.reminders_sent += 1
        row.last_reminded_at = now
        row.save(update_fields=["reminders_sent", "last_reminded_at"])
        sent += 1
    return sent


@transaction.atomic
def send_reminders_now(campaign: Campaign, *, site_url: str | None = None) -> int:
    """The campaign page's button: remind every invited store that has not submitted (at most
    once per store per day, the automatic reminder included)."""
    _check_open(campaign)
    rows = reads.not_submitted(campaign).select_related("token_used_by")
    return _remind(campaign, rows, today=timezone.localdate(), site_url=site_url)


def send_due_reminders(now=None) -> int:
    """The scheduler's periodic call: on each configured day before an open campaign's
    deadline, remind the invited stores that have not submitted, once per store per day.
    Returns the number of reminders queued."""
    today = timezone.localdate(now)
    sent = 0
    for campaign in Campaign.objects.filter(
        status=CampaignStatus.OPEN, deadline__gte=today
    ).select_related("group"):
        days_left = (campaign.deadline - today).days
        if days_left not in {int(day) for day in campaign.reminder_days or []}:
            continue
        with transaction.atomic():
            rows = reads.not_submitted(campaign).select_related("token_used_by")
            sent += _remind(campaign, rows, today=today, site_url=None)
    return sent


# --- The one-time link ------------------------------------------------------------------------


def assessment_of(row: CampaignStore) -> Assessment | None:
    return Assessment.objects.filter(pk=row.assessment_id).first() if row.assessment_id else None


def company_to_use(row: CampaignStore, user) -> Company | None:
    """The company the link will join for ``user``: theirs if they own one of this name;
    None if a new one is to be created. Raises CannotJoinWithThisAccount otherwise."""
    from assessments.models import ConsultantProfile

    if ConsultantProfile.objects.filter(user=user).exists():
        raise CannotJoinWithThisAccount
    membership = Membership.objects.filter(user=user).select_related("company").first()
    if membership is None:
        return None
    if (
        membership.role == MembershipRole.OWNER
        and membership.company.name.strip().lower() == row.store_name.strip().lower()
    ):
        return membership.company
    raise CannotJoinWithThisAccount(membership.company)


@transaction.atomic
def accept_link(row: CampaignStore, *, user, company_fields: dict | None = None) -> Assessment:
    """The store's owner follows the link: their company (created from the row and
    ``company_fields`` if they have none) joins the group through the campaign, with their
    consent, and a draft of the campaign's self-test is opened. Idempotent for the same user."""
    row = CampaignStore.objects.select_for_update().select_related("campaign__group").get(pk=row.pk)
    if row.token_used_by_id is not None:
        if row.token_used_by_id != user.pk:
            raise LinkUsedByAnother
        existing = assessment_of(row)
        if existing is not None:
            return existing
    campaign = row.campaign
    _check_open(campaign)
    company = company_to_use(row, user)
    if company is None:
        company = company_services.create_company(
            user=user,
            name=row.store_name,
            type=row.type,
            province=row.province,
            city=row.city,
            contact_name=row.contact_name,
            contact_mobile=row.mobile,
            contact_email=row.email,
            **(company_fields or {}),
        )
    add_store(
        campaign.group,
        company,
        source=GroupStoreSource.CAMPAIGN,
        region=row.region,
        city=row.city,
        consented_by=user,
    )
    assessment = start_assessment(company=company, user=user)
    if assessment.campaign_id is None:
        assessment.campaign = campaign
        fields = ["campaign"]
        if (
            assessment.model_version_id != campaign.model_version_id
            and not assessment.checklist
            and not assessment.indicators
            and not assessment.dimensions
        ):
            assessment.model_version = campaign.model_version
            fields.append("model_version")
        assessment.save(update_fields=fields)
    row.company = company
    row.assessment = assessment
    row.token_used_by = user
    row.token_used_at = row.token_used_at or timezone.now()
    row.save(update_fields=["company", "assessment", "token_used_by", "token_used_at"])
    return assessment


@transaction.atomic
def sign_up_through_link(
    row: CampaignStore, *, name: str, password: str, company_fields: dict
) -> tuple[object, Assessment]:
    """A new person signs up from the link: the link proved the mailbox, so the account (the
    row's email, fixed) is active at once; then as accept_link."""
    user = company_services.register_manager(email=row.email.lower(), password=password)
    if name:
        user.first_name = name[:150]
        user.save(update_fields=["first_name"])
    return user, accept_link(row, user=user, company_fields=company_fields)


def where_to_go(assessment: Assessment) -> tuple[str, list]:
    """The page a returning store lands on: its draft's step, or its result."""
    if assessment.status == AssessmentStatus.SUBMITTED:
        return "assessment_result", [assessment.pk]
    return "assessment_step", [assessment.pk, getattr(assessment, "current_step", 1) or 1]
