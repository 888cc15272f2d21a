"""A consultant running a programme for a network (the issue: "a group admin or consultant
creates a campaign"): the navigation offers the groups, the consultant creates one, becomes its
admin and opens a campaign in it; another consultant sees none of it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Campaign, StoreGroup
from maturity.selectors import current_version
from tests.factories import make_consultant

pytestmark = pytest.mark.django_db


def test_a_consultant_creates_a_group_and_a_campaign(client, content):
    consultant = make_consultant(firm_name="数智咨询")
    client.force_login(consultant)
    dashboard = client.get(reverse("consultant_dashboard")).content.decode()
    assert f'href="{reverse("group_list")}"' in dashboard and "集团与活动" in dashboard

    response = client.post(
        reverse("group_create"),
        {"name": "浙江省汽车维修行业协会", "kind": "association", "regions": "杭州\n宁波"},
    )
    group = StoreGroup.objects.get(name="浙江省汽车维修行业协会")
    assert response.status_code == 302
    assert group.admins.get().user == consultant

    deadline = timezone.localdate() + timedelta(days=21)
    response = client.post(
        reverse("campaign_create", args=[group.pk]),
        {
            "name": "2027 T0 会员摸底",
            "deadline": deadline.isoformat(),
            "model_version": current_version().pk,
            "reminder_days": "7,3,1",
        },
    )
    campaign = Campaign.objects.get(group=group)
    assert response.status_code == 302
    assert (campaign.name, campaign.deadline) == ("2027 T0 会员摸底", deadline)
    assert client.get(reverse("campaign_detail", args=[group.pk, campaign.pk])).status_code == 200

    client.force_login(make_consultant())
    assert client.get(reverse("campaign_detail", args=[group.pk, campaign.pk])).status_code == 404
    assert client.get(reverse("group_rollup", args=[group.pk])).status_code == 404
