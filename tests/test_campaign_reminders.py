"""Campaign reminders: on the configured days before the deadline (the scheduler's
`send_due_reminders`) or by the page's button, only to invited stores that have not submitted,
at most once per store per day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.campaigns import services
from assessments.models import CampaignStore, OutgoingEmail
from assessments.questionnaire import services as questionnaire_services
from tests.campaign_helpers import csv_bytes, make_campaign, store_rows
from tests.factories import full_answers, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


@pytest.fixture
def campaign(content, smtp_sink):
    campaign = make_campaign(days=10, reminder_days=(7, 3))
    services.import_stores(campaign, content=csv_bytes(store_rows(4)), filename="s.csv")
    services.queue_invitations(campaign, site_url="http://testserver/")
    smtp_sink.wait_for(4)
    smtp_sink.clear()
    # Store 1 submits; store 2 only starts; stores 3 and 4 have not opened their link.
    for number, submit in ((2, True), (3, False)):
        row = CampaignStore.objects.get(campaign=campaign, row_number=number)
        user = make_user(row.email)
        assessment = services.accept_link(
            row,
            user=user,
            company_fields={"city_tier": "tier2", "technicians": 5, "annual_work_orders": 900},
        )
        if submit:
            for step, answers in full_answers(content).items():
                assessment = questionnaire_services.save_step(
                    assessment, step=step, answers=answers, user=user
                )
            questionnaire_services.submit_assessment(assessment, user=user)
    # The submission is news for the group's admin (the store joined through its link);
    # that email is not a reminder, so it leaves the sink before the tests count.
    admin_email = campaign.group.admins.get().user.email
    smtp_sink.wait_for(1)
    assert [m["To"] for m in smtp_sink.messages] == [admin_email]
    smtp_sink.clear()
    return campaign


def recipients(sink) -> set[str]:
    return {message["To"] for message in sink.messages}


def test_only_on_configured_days_and_only_to_stores_not_submitted(campaign, smtp_sink):
    deadline = campaign.deadline
    assert services.send_due_reminders(at(deadline - datetime.timedelta(days=6))) == 0
    assert services.send_due_reminders(at(deadline - datetime.timedelta(days=7))) == 3
    smtp_sink.wait_for(3)
    submitted = CampaignStore.objects.get(campaign=campaign, row_number=2).email
    assert submitted not in recipients(smtp_sink)
    assert len(recipients(smtp_sink)) == 3
    message = smtp_sink.messages[0]
    assert "还有 7 天截止" in message["Subject"]
    assert "/c/" in smtp_sink.text_of(message)


def test_once_per_store_per_day(campaign, smtp_sink):
    day = at(campaign.deadline - datetime.timedelta(days=3))
    assert services.send_due_reminders(day) == 3
    assert services.send_due_reminders(day + datetime.timedelta(hours=5)) == 0
    smtp_sink.wait_for(3)
    rows = CampaignStore.objects.filter(campaign=campaign, reminders_sent=1)
    assert rows.count() == 3
    assert OutgoingEmail.objects.filter(kind="campaign_reminder").count() == 3


def test_the_button_reminds_the_others_and_a_closed_campaign_none(campaign, smtp_sink, client):
    client.force_login(campaign.group.admins.get().user)
    url = reverse("campaign_remind", args=[campaign.group_id, campaign.pk])
    response = client.post(url, follow=True)
    assert "已向 3 家未提交的门店发送提醒" in response.content.decode()
    smtp_sink.wait_for(3)
    page = client.get(reverse("campaign_detail", args=[campaign.group_id, campaign.pk]))
    assert timezone.localdate().isoformat() in page.content.decode()
    response = client.post(url, follow=True)
    assert "今天已经提醒过" in response.content.decode()
    services.close_campaign(campaign)
    assert services.send_due_reminders(at(campaign.deadline - datetime.timedelta(days=3))) == 0
    assert len(smtp_sink.messages) == 3
