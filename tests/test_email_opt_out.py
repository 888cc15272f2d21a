"""A person stops email: per kind or all on /account/email/, or with the signed one-click link
of any email (GET asks, POST unsubscribes, mail clients' RFC 8058 POST too). An opted-out
address gets a 'skipped' row, never an email."""

import re

import pytest

from assessments.models import EmailOptOut, EmailStatus, NotificationKind, OutgoingEmail
from assessments.notifications.services import notify, unsubscribe_token
from tests.factories import make_company, make_consultant, make_user

pytestmark = pytest.mark.django_db


def revoke_notice(to):
    return notify(NotificationKind.ACCESS_REVOKED, to_email=to, context={"company_name": "A"})


def test_the_preferences_page_offers_the_persons_kinds_and_saves_them(client, smtp_sink):
    consultant = make_consultant("pref@example.com")
    client.force_login(consultant)
    page = client.get("/account/email/")
    assert page.status_code == 200
    text = page.content.decode()
    for label in ("顾问邀请", "测评已提交", "访问权限已撤销"):
        assert label in text
    assert "该复测了" not in text  # an owner's email, not a consultant's
    assert text.count('type="checkbox" name="kinds"') == 3 and text.count("checked") == 3

    response = client.post(
        "/account/email/", {"kinds": ["consultant_invitation", "submission"]}, follow=True
    )
    assert "邮件设置已保存。" in response.content.decode()
    assert set(EmailOptOut.objects.values_list("email", "kind")) == {
        ("pref@example.com", "access_revoked")
    }
    assert revoke_notice("Pref@Example.com").status == EmailStatus.SKIPPED
    assert (
        notify(
            NotificationKind.SUBMISSION,
            to_email="pref@example.com",
            context={"company_name": "A", "url": "http://x/"},
        ).status
        == EmailStatus.QUEUED
    )

    # "none" stops everything; unticking it again restores the per-kind choice.
    client.post("/account/email/", {"kinds": ["submission"], "none": "1"})
    assert (
        notify(
            NotificationKind.SUBMISSION, to_email="pref@example.com", context={"company_name": "B"}
        ).status
        == EmailStatus.SKIPPED
    )
    client.post("/account/email/", {"kinds": ["submission", "access_revoked"]})
    assert not EmailOptOut.objects.filter(kind="").exists()


def test_an_owner_sees_the_owners_kinds(client):
    owner = make_user()
    make_company(owner=owner)
    client.force_login(owner)
    text = client.get("/account/email/").content.decode()
    assert "该复测了" in text and "顾问审阅已签字" in text and "访问权限已撤销" not in text


def test_the_preferences_page_needs_a_sign_in(client):
    response = client.get("/account/email/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_link_in_an_email_asks_then_unsubscribes(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revoke_notice("link@example.com")
    text = smtp_sink.text_of(smtp_sink.wait_for(1)[0])
    path = re.search(r"http://127\.0\.0\.1:8000(/email/unsubscribe/\S+/)", text).group(1)

    page = client.get(path)  # a link scanner opening it changes nothing
    assert page.status_code == 200
    assert "link@example.com 将不再收到“访问权限已撤销”邮件。" in page.content.decode()
    assert not EmailOptOut.objects.exists()

    done = client.post(path)
    assert done.status_code == 200
    assert "link@example.com 不会再收到“访问权限已撤销”邮件。" in done.content.decode()
    assert EmailOptOut.objects.filter(email="link@example.com", kind="access_revoked").exists()

    with django_capture_on_commit_callbacks(execute=True):
        row = revoke_notice("link@example.com")
    assert row.status == EmailStatus.SKIPPED
    assert len(smtp_sink.messages) == 1  # nothing more arrived
    assert OutgoingEmail.objects.filter(status=EmailStatus.SKIPPED).count() == 1


def test_a_mail_clients_one_click_post_unsubscribes_without_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    token = unsubscribe_token("oneclick@example.com", "")
    response = strict.post(
        f"/email/unsubscribe/{token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert EmailOptOut.objects.filter(email="oneclick@example.com", kind="").exists()
    assert revoke_notice("oneclick@example.com").status == EmailStatus.SKIPPED


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_mangled_link_is_refused(client, method):
    token = unsubscribe_token("victim@example.com", "submission")
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = getattr(client, method)(f"/email/unsubscribe/{forged}/")
    assert response.status_code == 404
    assert "退订链接无效" in response.content.decode()
    assert not EmailOptOut.objects.exists()
