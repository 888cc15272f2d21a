"""Factories for the group tests: a group with regions, stores at chosen levels (each its own
owner and submitted self-test, optionally in a campaign)."""

from __future__ import annotations

from datetime import date, timedelta

from assessments.groups import services as group_services
from assessments.models import Assessment, Campaign
from tests.factories import make_assessment, make_company, make_user, ticks_for_level


def make_group(admin=None, *, regions=("华东区", "华南区"), name="测试集团"):
    admin = admin or make_user()
    group = group_services.create_group(
        user=admin, name=name, kind="dealer_group", regions=list(regions)
    )
    return group, admin


def region(group, name):
    return group.regions.get(name=name)


def make_store(group, content, *, level=2, region_name=None, submit=True, **company_fields):
    """An active store of ``group`` with a submitted self-test at ``level`` (None: none)."""
    owner = make_user()
    company = make_company(owner=owner, **company_fields)
    group_services.add_store(
        group,
        company,
        region=region(group, region_name) if region_name else None,
        consented_by=owner,
    )
    assessment = None
    if level is not None:
        assessment = make_assessment(
            company, owner, content, checklist=ticks_for_level(level), submit=submit
        )
    return company, owner, assessment


def make_campaign(group, content, name):
    return Campaign.objects.create(
        group=group,
        name=name,
        deadline=date.today() + timedelta(days=14),
        model_version=content.version,
    )


def answer_in_campaign(company, owner, content, campaign, *, level):
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(level))
    Assessment.objects.filter(pk=assessment.pk).update(campaign=campaign)
    return assessment
