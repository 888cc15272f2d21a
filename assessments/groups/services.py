"""Changes to a group's membership, each one named function inside a transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from assessments.models import (
    Company,
    GroupRegion,
    GroupStore,
    GroupStoreSource,
    GroupStoreStatus,
    StoreGroup,
)


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
