"""The periodic reminders: a draft untouched for DRAFT_REMINDER_DAYS reminds its respondent,
once; a company whose latest submitted result is older than REASSESSMENT_DUE_MONTHS tells its
owner a re-assessment is due, once per result (a newer result starts the clock again)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from assessments.models import Assessment, NotificationKind, OutgoingEmail
from assessments.notifications.events import (
    months_before,
    send_draft_reminders,
    send_reassessment_reminders,
)
from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db


def age(assessment, **fields):
    Assessment.objects.filter(pk=assessment.pk).update(**fields)


def test_a_stale_draft_reminds_its_respondent_once(
    content, settings, smtp_sink, django_capture_on_commit_callbacks
):
    settings.DRAFT_REMINDER_DAYS = 7
    owner = make_user("drafter@example.com")
    company = make_company(owner=owner, name="宁波某店")
    stale = make_assessment(company, owner, content, submit=False)
    fresh_company = make_company(owner=make_user("fresh@example.com"))
    fresh = make_assessment(
        fresh_company, fresh_company.memberships.get().user, content, submit=False
    )
    now = timezone.now()
    age(stale, updated_at=now - timedelta(days=8))
    age(fresh, updated_at=now - timedelta(days=6))

    with django_capture_on_commit_callbacks(execute=True):
        assert send_draft_reminders() == 1
        assert send_draft_reminders() == 0  # the next run: already reminded
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "drafter@example.com"
    text = smtp_sink.text_of(message)
    assert "宁波某店 的数字化成熟度自测已保存为草稿,7 天没有更新了" in text
    assert f"/assessments/{stale.pk}/step/" in text


def test_an_old_result_tells_the_owner_a_reassessment_is_due_once(
    content, settings, smtp_sink, django_capture_on_commit_callbacks
):
    settings.REASSESSMENT_DUE_MONTHS = 12
    owner = make_user("due@example.com")
    company = make_company(owner=owner, name="温州某店")
    old = make_assessment(company, owner, content)
    now = timezone.now()
    age(old, submitted_at=now - timedelta(days=400))
    recent_owner = make_user("recent@example.com")
    recent_company = make_company(owner=recent_owner)
    older = make_assessment(recent_company, recent_owner, content)
    newer = make_assessment(recent_company, recent_owner, content)
    age(older, submitted_at=now - timedelta(days=500))  # superseded by `newer`
    age(newer, submitted_at=now - timedelta(days=30))

    with django_capture_on_commit_callbacks(execute=True):
        assert send_reassessment_reminders() == 1
        assert send_reassessment_reminders() == 0
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "due@example.com"
    text = smtp_sink.text_of(message)
    assert "温州某店 上一次提交自测是在" in text and "已超过 12 个月" in text
    assert f"/companies/{company.pk}/assessments/start/" in text

    # A year after a newer result, the owner is told again (about that result).
    newest = make_assessment(company, owner, content)
    assert send_reassessment_reminders(now=now + timedelta(days=10)) == 0
    age(newest, submitted_at=now - timedelta(days=370))
    assert send_reassessment_reminders() == 1
    assert OutgoingEmail.objects.filter(kind=NotificationKind.REASSESSMENT_DUE).count() == 2


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = datetime(2026, 3, 31, 9, 0, tzinfo=UTC)
    assert months_before(moment, 1) == datetime(2026, 2, 28, 9, 0, tzinfo=UTC)
    assert months_before(moment, 12) == datetime(2025, 3, 31, 9, 0, tzinfo=UTC)
    assert months_before(moment, 15) == datetime(2024, 12, 31, 9, 0, tzinfo=UTC)
