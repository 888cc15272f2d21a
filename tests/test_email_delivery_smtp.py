"""An email queued with notify() arrives at a real SMTP server (127.0.0.1, aiosmtpd): plain
text and HTML, the List-Unsubscribe headers (RFC 2369/8058), the footer with the reason and
the links, in the recipient's saved language."""

import re

import pytest

from assessments.models import EmailStatus, NotificationKind, OutgoingEmail, UserPreference
from assessments.notifications.services import notify
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


def send_revocation(user, company_name, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return notify(
            NotificationKind.ACCESS_REVOKED,
            to_email=user.email,
            user=user,
            context={"company_name": company_name, "url": "http://127.0.0.1:8000/consultant/"},
        )


def test_a_chinese_email_arrives_with_both_parts_and_unsubscribe_headers(
    smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://diag.example.com"
    user = make_user("reader@example.com")
    row = send_revocation(user, "华东汽修 & 服务", django_capture_on_commit_callbacks)

    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "reader@example.com"
    assert message["Subject"].strip() == "华东汽修 & 服务 已撤销你的查看权限"
    text = smtp_sink.text_of(message)
    html = smtp_sink.html_of(message)
    assert "华东汽修 & 服务 已撤销你作为顾问查看其自测结果的权限" in text  # not &amp; in text
    assert "华东汽修 &amp; 服务" in html and "<a href=" in html
    # The footer: why they get it, one-click unsubscribe, the preferences page.
    assert "你收到这封邮件,是因为你曾被授权查看这家企业的自测结果。" in text
    assert "https://diag.example.com/account/email/" in text
    unsubscribe = re.search(r"https://diag\.example\.com/email/unsubscribe/\S+/", text).group(0)
    assert unsubscribe in html
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    row.refresh_from_db()
    assert row.status == EmailStatus.SENT and row.attempts == 1 and row.sent_at is not None
    assert row.next_attempt_at is None


def test_a_user_who_chose_english_gets_it_in_english(smtp_sink, django_capture_on_commit_callbacks):
    user = make_user("english@example.com")
    UserPreference.objects.create(user=user, language="en")
    send_revocation(user, "Acme Motors", django_capture_on_commit_callbacks)

    (message,) = smtp_sink.wait_for(1)
    assert message["Subject"].strip() == "Acme Motors has revoked your access"
    text, html = smtp_sink.text_of(message), smtp_sink.html_of(message)
    assert "no longer appears on your client dashboard" in text
    assert "Unsubscribe in one click" in text and "Email settings" in html
    assert not CJK.search(message["Subject"] + text + html), text
    assert OutgoingEmail.objects.get().language == "en"


def test_without_a_saved_language_it_is_chinese_whatever_the_page_language(
    smtp_sink, django_capture_on_commit_callbacks
):
    from django.utils import translation

    user = make_user()
    with translation.override("en"):
        send_revocation(user, "Acme", django_capture_on_commit_callbacks)
    (message,) = smtp_sink.wait_for(1)
    assert message["Subject"].strip() == "Acme 已撤销你的查看权限"
