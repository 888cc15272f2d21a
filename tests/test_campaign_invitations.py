"""Sending a campaign's invitations: a task notify()s every store not yet invited; each email
reaches the SMTP server with the store's own one-time link, and nobody is invited twice."""

import re

import pytest
from django.urls import reverse

from assessments.campaigns import services
from assessments.models import CampaignStore, OutgoingEmail
from tests.campaign_helpers import csv_bytes, make_campaign, store_rows
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_store_gets_its_own_link_once(client, smtp_sink):
    campaign = make_campaign()
    services.import_stores(campaign, content=csv_bytes(store_rows(5)), filename="s.csv")
    client.force_login(campaign.group.admins.get().user)
    url = reverse("campaign_invite", args=[campaign.group_id, campaign.pk])
    response = client.post(url, follow=True)
    assert "正在向 5 家门店发送邀请邮件" in response.content.decode()
    smtp_sink.wait_for(5)
    for row in CampaignStore.objects.filter(campaign=campaign):
        [message] = smtp_sink.to(row.email)
        body = smtp_sink.text_of(message)
        assert re.search(r"https?://\S+/c/" + re.escape(row.token) + "/", body)
        assert row.store_name in body and campaign.group.name in message["Subject"]
        assert row.token in smtp_sink.html_of(message)
        assert row.invited_at is not None
    # A second click invites nobody again.
    response = client.post(url, follow=True)
    assert "所有门店都已邀请过了" in response.content.decode()
    assert len(smtp_sink.messages) == 5
    assert OutgoingEmail.objects.filter(kind="campaign_invitation").count() == 5


def test_stores_added_later_are_the_only_ones_invited(smtp_sink):
    campaign = make_campaign()
    services.import_stores(campaign, content=csv_bytes(store_rows(2)), filename="s.csv")
    services.queue_invitations(campaign, site_url="http://testserver/")
    smtp_sink.wait_for(2)
    services.import_stores(
        campaign, content=csv_bytes(store_rows(1, prefix="late")), filename="s.csv"
    )
    assert services.queue_invitations(campaign, site_url="http://testserver/") == 1
    smtp_sink.wait_for(3)
    assert [m["To"] for m in smtp_sink.messages][-1] == "late1@example.com"


def test_english_speaking_admin_sends_chinese_first_emails_in_the_default_language(smtp_sink):
    campaign = make_campaign()
    services.import_stores(campaign, content=csv_bytes(store_rows(1)), filename="s.csv")
    make_user()
    services.queue_invitations(campaign)
    [message] = smtp_sink.wait_for(1)
    assert "邀请" in message["Subject"]
