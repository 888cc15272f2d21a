"""seed_demo's network (issue 16): "demo-group" run by `group-admin`, 12 stores over 3 regions at
varied levels, campaigns T0 and T1; companies A and B stay outside; the JSON summary's `groups`."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from assessments.models import (
    AssessmentStatus,
    Campaign,
    CampaignStore,
    Company,
    GroupAdmin,
    GroupStore,
    GroupStoreStatus,
    StoreGroup,
)

pytestmark = pytest.mark.django_db


def run() -> dict:
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def test_the_summary_names_the_group_its_stores_and_its_admin(content):
    summary = run()
    [group] = summary["groups"]
    assert set(group) == {"id", "name", "url", "stores"}
    assert group["name"] == "demo-group"
    assert group["url"] == f"/groups/{group['id']}/"
    assert len(group["stores"]) == 12
    assert all(set(store) == {"id", "name"} for store in group["stores"])

    stored = StoreGroup.objects.get(pk=group["id"])
    assert stored.name == "demo-group"
    active = GroupStore.objects.filter(group=stored, status=GroupStoreStatus.ACTIVE)
    assert sorted(str(row.company_id) for row in active) == sorted(s["id"] for s in group["stores"])
    assert {row.region.name for row in active} == {"华东区", "华南区", "华北区"}
    assert all(row.consented_by is not None for row in active)  # each store's owner consented

    admin = next(user for user in summary["users"] if user["username"] == "group-admin")
    assert admin["role"] == "group_admin"
    assert GroupAdmin.objects.filter(group=stored, user__username="group-admin").exists()

    # Companies A and B stay outside the group.
    names = {user["username"]: user.get("company_id") for user in summary["users"]}
    in_group = set(active.values_list("company_id", flat=True))
    for manager in ("manager-a", "manager-b"):
        assert Company.objects.get(pk=names[manager]).pk not in in_group


def test_two_campaigns_with_varied_levels_and_progress(content):
    summary = run()
    group = StoreGroup.objects.get(pk=summary["groups"][0]["id"])
    t0, t1 = Campaign.objects.filter(group=group).order_by("created_at")
    assert (t0.name, t1.name) == ("T0", "T1")
    assert t0.deadline < t1.deadline

    t0_levels = Counter(a.diagnosis.level for a in t0.assessments.all())
    assert sum(t0_levels.values()) == 12 and len(t0_levels) >= 3
    t1_submitted = t1.assessments.filter(status=AssessmentStatus.SUBMITTED)
    assert t1_submitted.count() == 11
    assert t1.assessments.filter(status=AssessmentStatus.DRAFT).count() == 1
    t1_levels = Counter(a.diagnosis.level for a in t1_submitted)
    assert set(t1_levels) == {1, 2, 3, 4}
    improved = [
        a
        for a in t1_submitted
        if a.diagnosis.level > t0.assessments.get(company=a.company).diagnosis.level
    ]
    assert len(improved) >= 5
    assert CampaignStore.objects.filter(campaign=t1).count() == 12
    assert all(row.assessment_id for row in CampaignStore.objects.filter(campaign=t1))

    again = run()
    assert again["groups"] == summary["groups"]
    assert GroupStore.objects.count() == 12
    assert CampaignStore.objects.count() == 24
