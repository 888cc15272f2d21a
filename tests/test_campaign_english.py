"""Campaign pages and emails in English: the admin's pages follow their language; an invitation
goes out in the site's first language (the contact has no account yet); a reminder in the
language the store's user chose."""

import pytest
from django.urls import reverse

from assessments.campaigns import services
from assessments.models import CampaignStore, OutgoingEmail, UserPreference
from tests.campaign_helpers import csv_bytes, make_campaign, store_rows
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_admin_pages_in_english(client):
    campaign = make_campaign()
    client.force_login(campaign.group.admins.get().user)
    client.cookies["django_language"] = "en"
    rows = store_rows(2)
    rows[1][5] = "bad"
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("campaign_upload", args=[campaign.group_id, campaign.pk])
    text = client.post(url, {"file": SimpleUploadedFile("s.csv", csv_bytes(rows))}).content.decode()
    assert "Upload the store list" in text and "Row 3" in text
    assert "The email address is not valid." in text and "no store was imported" in text


def test_invitation_in_chinese_reminder_in_the_users_language(
    client, django_capture_on_commit_callbacks
):
    campaign = make_campaign()
    services.import_stores(campaign, content=csv_bytes(store_rows(1)), filename="s.csv")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(campaign, site_url="http://testserver/")
    invitation = OutgoingEmail.objects.get(kind="campaign_invitation")
    assert invitation.language == "zh-hans" and "邀请" in invitation.subject
    row = CampaignStore.objects.get()
    user = make_user(row.email)
    UserPreference.objects.create(user=user, language="en")
    services.accept_link(
        row,
        user=user,
        company_fields={"city_tier": "tier2", "technicians": 3, "annual_work_orders": 100},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders_now(campaign, site_url="http://testserver/") == 1
    reminder = OutgoingEmail.objects.get(kind="campaign_reminder")
    assert reminder.language == "en"
    assert reminder.subject.startswith("Reminder:") and "Hello" in reminder.body_text
