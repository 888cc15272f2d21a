"""A campaign's emails are emails like the others: the reason and the one-click unsubscribe
link in the text and HTML footer and the List-Unsubscribe header, and a contact who followed
that link gets no reminder (their row is kept, marked skipped)."""

import re

import pytest

from assessments.campaigns import services
from assessments.models import CampaignStore, EmailStatus, OutgoingEmail
from tests.campaign_helpers import csv_bytes, make_campaign, store_rows

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_invitation_can_be_unsubscribed_and_then_no_reminder_comes(client, smtp_sink):
    campaign = make_campaign(days=10, reminder_days=(7,))
    services.import_stores(campaign, content=csv_bytes(store_rows(2)), filename="s.csv")
    services.queue_invitations(campaign, site_url="http://testserver/")
    smtp_sink.wait_for(2)
    [message] = smtp_sink.to("store1@example.com")
    text = smtp_sink.text_of(message)
    assert "你的门店被列入一次测评活动" in text
    assert "一键退订" in text and "一键退订" in smtp_sink.html_of(message)
    assert "/email/unsubscribe/" in message["List-Unsubscribe"]

    path = re.search(r"https?://[^/\s]+(/email/unsubscribe/\S+/)", text).group(1)
    assert client.post(path).status_code == 200
    smtp_sink.clear()

    assert services.send_reminders_now(campaign, site_url="http://testserver/") == 2
    smtp_sink.wait_for(1)
    assert [m["To"] for m in smtp_sink.messages] == ["store2@example.com"]
    skipped = OutgoingEmail.objects.get(kind="campaign_reminder", to_email="store1@example.com")
    assert skipped.status == EmailStatus.SKIPPED
    assert CampaignStore.objects.get(email="store1@example.com").invited_at is not None
