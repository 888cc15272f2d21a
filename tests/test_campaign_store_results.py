"""From the campaign page to a store's result: a store that submitted (and is still an active
member of the group) is a link to its result, which its admin can open; a store that has
only started, or has left the group since, is plain text (its result is not theirs to read)."""

import pytest
from django.urls import reverse

from assessments.campaigns import services
from assessments.groups import services as group_services
from assessments.models import CampaignStore, GroupStore
from assessments.questionnaire import services as questionnaire_services
from tests.campaign_helpers import csv_bytes, make_campaign, store_rows
from tests.factories import full_answers, make_user

pytestmark = pytest.mark.django_db

COMPANY = {"city_tier": "tier2", "technicians": 5, "annual_work_orders": 900}


def join(row, content, *, submit):
    user = make_user(row.email)
    assessment = services.accept_link(row, user=user, company_fields=COMPANY)
    if submit:
        for step, answers in full_answers(content).items():
            assessment = questionnaire_services.save_step(
                assessment, step=step, answers=answers, user=user
            )
        questionnaire_services.submit_assessment(assessment, user=user)
    return user, assessment


def test_a_submitted_store_links_to_its_result_until_it_leaves(client, content):
    campaign = make_campaign()
    services.import_stores(campaign, content=csv_bytes(store_rows(2)), filename="s.csv")
    first, second = CampaignStore.objects.filter(campaign=campaign).order_by("row_number")
    owner, submitted = join(first, content, submit=True)
    _, started = join(second, content, submit=False)
    client.force_login(campaign.group.admins.get().user)
    page_url = reverse("campaign_detail", args=[campaign.group_id, campaign.pk])
    result_url = reverse("assessment_result", args=[submitted.pk])

    page = client.get(page_url).content.decode()
    assert f'href="{result_url}"' in page
    assert reverse("assessment_result", args=[started.pk]) not in page
    assert client.get(result_url).status_code == 200

    membership = GroupStore.objects.get(group=campaign.group, company=submitted.company)
    group_services.leave_group(membership, by=owner)
    page = client.get(page_url).content.decode()
    assert f'href="{result_url}"' not in page and first.store_name in page
    assert client.get(result_url).status_code == 404
