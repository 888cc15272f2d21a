"""What a campaign's page reads: its stores with their progress, and the counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    AssessmentStatus,
    Campaign,
    CampaignStore,
    GroupStore,
    GroupStoreStatus,
    Review,
)

# A store's progress, in order: each implies the ones before it.
STAGES = {
    "pending": _("未邀请"),
    "invited": _("已邀请"),
    "started": _("已开始"),
    "submitted": _("已提交"),
    "reviewed": _("已审阅"),
}


@dataclass
class CampaignCounts:
    total: int = 0
    invited: int = 0
    started: int = 0
    submitted: int = 0
    reviewed: int = 0

    @property
    def submitted_percent(self) -> int:
        return round(100 * self.submitted / self.total) if self.total else 0


def stores_with_progress(campaign: Campaign):
    """The campaign's rows, each annotated with `reviewed` and `store_active` (its store is an
    active member of the group, so the group's admins may open its result), in one query."""
    return (
        CampaignStore.objects.filter(campaign=campaign)
        .select_related("assessment", "region")
        .annotate(
            reviewed=Exists(Review.objects.filter(assessment_id=OuterRef("assessment_id"))),
            store_active=Exists(
                GroupStore.objects.filter(
                    group_id=campaign.group_id,
                    company_id=OuterRef("assessment__company_id"),
                    status=GroupStoreStatus.ACTIVE,
                )
            ),
        )
        .order_by("row_number")
    )


def stage_of(row) -> str:
    if row.assessment_id is None:
        return "invited" if row.invited_at else "pending"
    if row.assessment.status != AssessmentStatus.SUBMITTED:
        return "started"
    return "reviewed" if getattr(row, "reviewed", False) else "submitted"


def campaign_counts(campaign: Campaign) -> CampaignCounts:
    rows = CampaignStore.objects.filter(campaign=campaign)
    submitted = Q(assessment__status=AssessmentStatus.SUBMITTED)
    return CampaignCounts(
        total=rows.count(),
        invited=rows.filter(invited_at__isnull=False).count(),
        started=rows.filter(assessment__isnull=False).count(),
        submitted=rows.filter(submitted).count(),
        reviewed=rows.filter(submitted, assessment__reviews__isnull=False).distinct().count(),
    )


def not_submitted(campaign: Campaign):
    """The invited rows whose store has not submitted (who reminders go to)."""
    return (
        CampaignStore.objects.filter(campaign=campaign, invited_at__isnull=False)
        .exclude(assessment__status=AssessmentStatus.SUBMITTED)
        .order_by("row_number")
    )


def group_campaigns(group):
    return Campaign.objects.filter(group=group).order_by("-created_at")


def filtered_rows(campaign: Campaign, *, stage: str = "", query: str = ""):
    """The page's table: every row with its stage, filtered by stage and by a name/city/email
    search."""
    rows = stores_with_progress(campaign)
    if query:
        rows = rows.filter(
            Q(store_name__icontains=query) | Q(city__icontains=query) | Q(email__icontains=query)
        )
    result = []
    for row in rows:
        row.stage = stage_of(row)
        row.stage_label = STAGES[row.stage]
        row.can_open_result = row.store_active and row.stage in ("submitted", "reviewed")
        if not stage or row.stage == stage:
            result.append(row)
    return result
