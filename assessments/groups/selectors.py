"""Reads of groups for their pages: each look-up by id is scoped to what the caller may reach
(a group's own regions, admins, invitations and jobs; a company's own memberships), so an id
from elsewhere is a 404 like one that does not exist."""

from __future__ import annotations

from django.http import Http404

from assessments.models import (
    BackgroundJob,
    Company,
    GroupAdmin,
    GroupInvitation,
    GroupRegion,
    GroupStore,
    GroupStoreStatus,
    Membership,
    MembershipRole,
    StoreGroup,
)


def groups_of_admin(user):
    if not user.is_authenticated:
        return StoreGroup.objects.none()
    return StoreGroup.objects.filter(admins__user=user).order_by("name")


def is_any_group_admin(user) -> bool:
    return user.is_authenticated and GroupAdmin.objects.filter(user=user).exists()


def group_admins(group: StoreGroup):
    return GroupAdmin.objects.filter(group=group).select_related("user").order_by("added_at")


def group_regions(group: StoreGroup):
    return GroupRegion.objects.filter(group=group).order_by("position", "name")


def region_of_group(group: StoreGroup, region_id) -> GroupRegion:
    region = GroupRegion.objects.filter(group=group, pk=region_id).first()
    if region is None:
        raise Http404
    return region


def admin_of_group(group: StoreGroup, admin_id) -> GroupAdmin:
    admin = GroupAdmin.objects.filter(group=group, pk=admin_id).first()
    if admin is None:
        raise Http404
    return admin


def group_memberships(group: StoreGroup):
    """Every store that joined (active first, then those that left), for the admin's list."""
    return (
        GroupStore.objects.filter(group=group)
        .select_related("company", "region", "consented_by")
        .order_by("status", "region__position", "company__name")
    )


def group_invitations(group: StoreGroup):
    return (
        GroupInvitation.objects.filter(group=group)
        .select_related("company", "region")
        .order_by("-created_at")
    )


def invitation_of_group(group: StoreGroup, invitation_id) -> GroupInvitation:
    invitation = GroupInvitation.objects.filter(group=group, pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_by_token(token: str) -> GroupInvitation:
    invitation = (
        GroupInvitation.objects.select_related("group", "company", "region")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def companies_owned_by(user) -> list[Company]:
    if not user.is_authenticated:
        return []
    return list(
        Company.objects.filter(memberships__user=user, memberships__role=MembershipRole.OWNER)
    )


def owner_membership(user) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user).select_related("company").first()


def company_memberships(company: Company):
    """The groups a company belongs to or has left: what its owner may see and revoke."""
    return (
        GroupStore.objects.filter(company=company)
        .select_related("group", "region", "consented_by", "left_by")
        .order_by("status", "-joined_at")
    )


def active_groups_of_company(company: Company):
    return StoreGroup.objects.filter(
        stores__company=company, stores__status=GroupStoreStatus.ACTIVE
    ).order_by("name")


def membership_of_company(company: Company, membership_id) -> GroupStore:
    membership = (
        GroupStore.objects.filter(company=company, pk=membership_id).select_related("group").first()
    )
    if membership is None:
        raise Http404
    return membership


def job_of_group(group: StoreGroup, job_id) -> BackgroundJob:
    job = BackgroundJob.objects.filter(group=group, pk=job_id).defer("result").first()
    if job is None:
        raise Http404
    return job


def job_file(group: StoreGroup, job_id) -> BackgroundJob:
    job = BackgroundJob.objects.filter(group=group, pk=job_id).first()
    if job is None or job.result is None:
        raise Http404
    return job


def active_company_ids(group: StoreGroup) -> list:
    return list(
        GroupStore.objects.filter(group=group, status=GroupStoreStatus.ACTIVE).values_list(
            "company_id", flat=True
        )
    )
