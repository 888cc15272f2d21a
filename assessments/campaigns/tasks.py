"""Campaign work run by the task workers (`manage.py db_worker`): inviting a whole store list."""

from __future__ import annotations

from django_tasks import task

from assessments.models import Campaign


@task()
def send_campaign_invitations(campaign_id: str, site_url: str) -> int:
    """Invite every store of the campaign not yet invited (each email is then delivered by its
    own `deliver_email` task). Returns how many were invited by this run."""
    from assessments.campaigns.services import send_invitations

    campaign = Campaign.objects.select_related("group").filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    return send_invitations(campaign, site_url=site_url)
