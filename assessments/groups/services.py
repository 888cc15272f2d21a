"""Changes to a group's membership, each one named function inside a transaction."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    BackgroundJob,
    Company,
    ConsultantProfile,
    GroupAdmin,
    GroupInvitation,
    GroupInvitationStatus,
    GroupRegion,
    GroupStore,
    GroupStoreSource,
    GroupStoreStatus,
    JobKind,
    Membership,
    MembershipRole,
    NotificationKind,
    StoreGroup,
)
from assessments.notifications.services import notify


@transaction.atomic
def add_store(
    group: StoreGroup,
    company: Company,
    *,
    source: str = GroupStoreSource.INVITED,
    region: GroupRegion | None = None,
    city: str = "",
    consented_by=None,
) -> GroupStore:
    """Make ``company`` an active store of ``group`` (idempotent: an active membership is
    returned as it is, with region and city filled in if they were empty). ``consented_by`` is
    the store owner who consented; empty for a store the group created and has not handed over."""
    membership = (
        GroupStore.objects.select_for_update()
        .filter(group=group, company=company, status=GroupStoreStatus.ACTIVE)
        .first()
    )
    if membership is None:
        return GroupStore.objects.create(
            group=group,
            company=company,
            region=region,
            city=city or getattr(company, "city", ""),
            source=source,
            consented_by=consented_by,
            consented_at=timezone.now() if consented_by else None,
        )
    changed = []
    if region is not None and membership.region_id is None:
        membership.region = region
        changed.append("region")
    if city and not membership.city:
        membership.city = city
        changed.append("city")
    if consented_by is not None and membership.consented_by_id is None:
        membership.consented_by = consented_by
        membership.consented_at = timezone.now()
        changed += ["consented_by", "consented_at"]
    if changed:
        membership.save(update_fields=changed)
    return membership


# ---------------------------------------------------------------------------------------------
# Groups, their admins and regions
# ---------------------------------------------------------------------------------------------

INVITATION_LIFETIME = timedelta(days=14)


class UnknownUser(Exception):
    """No account has that email address."""


class LastAdmin(Exception):
    """A group keeps at least one admin."""


class DuplicateRegion(Exception):
    """The group already has a region of that name."""


class InvitationInvalid(Exception):
    """The group's invitation was used, cancelled or has expired."""


class NotTheStoreOwner(Exception):
    """Only the owner of a company can let it join a group (it is their consent)."""


class AlreadyInCompany(Exception):
    """Taking over a store the group created makes its acceptor the owner: someone who already
    belongs to a company (or is a consultant) cannot."""


@transaction.atomic
def create_group(*, user, name: str, kind: str, regions: list[str]) -> StoreGroup:
    """A new group; its creator becomes its first admin."""
    group = StoreGroup.objects.create(name=name, kind=kind, created_by=user)
    GroupAdmin.objects.create(group=group, user=user, added_by=user)
    seen = []
    for region in regions:
        if region and region not in seen:
            seen.append(region)
    GroupRegion.objects.bulk_create(
        [GroupRegion(group=group, name=region, position=i) for i, region in enumerate(seen)]
    )
    return group


@transaction.atomic
def add_group_admin(group: StoreGroup, *, email: str, by) -> GroupAdmin:
    """Make the existing account with ``email`` an admin of ``group`` (idempotent)."""
    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    user = (
        User.objects.filter(email__iexact=email).order_by("pk").first()
        or User.objects.filter(username__iexact=email).first()
    )
    if user is None:
        raise UnknownUser
    admin, _created = GroupAdmin.objects.get_or_create(
        group=group, user=user, defaults={"added_by": by}
    )
    return admin


@transaction.atomic
def remove_group_admin(admin: GroupAdmin, *, by) -> None:
    """Remove an admin; the last one stays (a group nobody administers is lost)."""
    admins = list(GroupAdmin.objects.select_for_update().filter(group_id=admin.group_id))
    if len(admins) <= 1:
        raise LastAdmin
    GroupAdmin.objects.filter(pk=admin.pk).delete()


@transaction.atomic
def add_region(group: StoreGroup, *, name: str) -> GroupRegion:
    if GroupRegion.objects.filter(group=group, name=name).exists():
        raise DuplicateRegion
    position = GroupRegion.objects.filter(group=group).count()
    return GroupRegion.objects.create(group=group, name=name, position=position)


@transaction.atomic
def rename_region(region: GroupRegion, *, name: str) -> GroupRegion:
    if (
        GroupRegion.objects.filter(group_id=region.group_id, name=name)
        .exclude(pk=region.pk)
        .exists()
    ):
        raise DuplicateRegion
    region.name = name
    region.save(update_fields=["name"])
    return region


# ---------------------------------------------------------------------------------------------
# Stores: invitations (consent), stores the group creates and hands over, leaving
# ---------------------------------------------------------------------------------------------


def _invitation_link(invitation: GroupInvitation, site_url: str) -> str:
    return site_url.rstrip("/") + reverse("group_invitation_accept", args=[invitation.token])


@transaction.atomic
def invite_store(
    group: StoreGroup, *, email: str, region: GroupRegion | None, city: str, by, site_url: str
) -> GroupInvitation:
    """Invite a store by its manager's email: the link lets the store's owner choose the
    company and consent. The email goes through notify() (queued, delivered by a worker)."""
    invitation = GroupInvitation.objects.create(
        group=group,
        email=email.strip().lower(),
        region=region,
        created_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.city = city
    _send_invitation(invitation, site_url=site_url, city=city)
    return invitation


@transaction.atomic
def create_store(
    group: StoreGroup,
    *,
    name: str,
    type: str,
    province: str,
    city_tier: str,
    city: str,
    region: GroupRegion | None,
    email: str,
    contact_name: str,
    by,
    site_url: str,
) -> GroupInvitation:
    """A store the group creates itself: the company (an active store of the group at once,
    with no owner yet) and a hand-over invitation to its manager, whose acceptance makes them
    the owner and records their consent."""
    email = email.strip().lower()
    company = Company.objects.create(
        name=name,
        type=type,
        province=province,
        city_tier=city_tier,
        city=city,
        technicians=0,
        annual_work_orders=0,
        contact_name=contact_name,
        contact_mobile="",
        contact_email=email,
        created_by=by,
    )
    add_store(group, company, source=GroupStoreSource.CREATED, region=region, city=city)
    invitation = GroupInvitation.objects.create(
        group=group,
        company=company,
        email=email,
        region=region,
        created_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    _send_invitation(invitation, site_url=site_url, city=city)
    return invitation


def _send_invitation(invitation: GroupInvitation, *, site_url: str, city: str = "") -> None:
    notify(
        NotificationKind.GROUP_INVITATION,
        to_email=invitation.email,
        context={
            "group_name": invitation.group.name,
            "group_kind": invitation.group.get_kind_display(),
            "company_name": invitation.company.name if invitation.company_id else "",
            "handover": invitation.company_id is not None,
            "region": invitation.region.name if invitation.region_id else "",
            "city": city,
            "link": _invitation_link(invitation, site_url),
            "expires_at": invitation.expires_at,
        },
    )


def invitation_is_pending(invitation: GroupInvitation) -> bool:
    return (
        invitation.status == GroupInvitationStatus.PENDING
        and invitation.expires_at > timezone.now()
    )


@transaction.atomic
def accept_invitation(
    invitation: GroupInvitation, *, user, company: Company | None = None, city: str = ""
) -> GroupStore:
    """The store's owner accepts: ``company`` (one they own) joins the group, with their
    consent. A hand-over invitation (the group created the company) makes ``user`` its owner."""
    locked = GroupInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation_is_pending(locked):
        raise InvitationInvalid
    if locked.company_id is not None:
        if (
            Membership.objects.filter(user=user).exists()
            or ConsultantProfile.objects.filter(user=user).exists()
        ):
            raise AlreadyInCompany
        company = locked.company
        Membership.objects.create(user=user, company=company, role=MembershipRole.OWNER)
        source = GroupStoreSource.CREATED
    else:
        if (
            company is None
            or not Membership.objects.filter(
                user=user, company=company, role=MembershipRole.OWNER
            ).exists()
        ):
            raise NotTheStoreOwner
        source = GroupStoreSource.INVITED
    membership = add_store(
        locked.group,
        company,
        source=source,
        region=locked.region,
        city=city or company.city,
        consented_by=user,
    )
    locked.status = GroupInvitationStatus.ACCEPTED
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.company = company
    locked.save(update_fields=["status", "accepted_at", "accepted_by", "company"])
    return membership


@transaction.atomic
def cancel_invitation(invitation: GroupInvitation) -> GroupInvitation:
    locked = GroupInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status == GroupInvitationStatus.PENDING:
        locked.status = GroupInvitationStatus.CANCELLED
        locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def leave_group(membership: GroupStore, *, by) -> GroupStore:
    """The store's owner withdraws consent: the group stops seeing the store's results at its
    admins' very next request (access reads GroupStore every time)."""
    locked = GroupStore.objects.select_for_update().get(pk=membership.pk)
    if locked.status == GroupStoreStatus.ACTIVE:
        locked.status = GroupStoreStatus.LEFT
        locked.left_at = timezone.now()
        locked.left_by = by
        locked.save(update_fields=["status", "left_at", "left_by"])
    return locked


# ---------------------------------------------------------------------------------------------
# Background jobs: the network PDF and the ZIP of every store's report
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def start_job(group: StoreGroup, *, kind: str, user, language: str, params: dict) -> BackgroundJob:
    """Queue a long export for a worker; the job page shows its progress. ``params`` are the
    roll-up's filters (campaign) the export follows."""
    from assessments.groups import tasks

    job = BackgroundJob.objects.create(kind=kind, group=group, requested_by=user, language=language)
    task = tasks.build_network_pdf if kind == JobKind.NETWORK_PDF else tasks.build_reports_zip
    job_id = str(job.pk)
    campaign = params.get("campaign") or ""

    def enqueue():
        result = task.enqueue(job_id, campaign)
        BackgroundJob.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return job
