"""Rate limits on what sends mail or creates accounts: password reset (per address, and per
email without telling), sign-up (per address), invitations (per person). Before: none."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD, make_company, make_consultant, make_user

pytestmark = pytest.mark.django_db


@override_settings(PASSWORD_RESET_RATE_LIMIT=2)
def test_password_reset_mails_per_email_are_limited_without_saying_so(client):
    make_user("reset@example.com")
    for n in range(4):
        response = client.post(
            "/accounts/password_reset/", {"email": "reset@example.com"}, REMOTE_ADDR=f"10.9.0.{n}"
        )
        assert response.status_code == 302
        assert response["Location"].endswith("/accounts/password_reset/done/")
    assert len(mail.outbox) == 2


@override_settings(PASSWORD_RESET_RATE_LIMIT=2)
def test_password_reset_posts_per_address_are_limited(client):
    for n in range(2):
        client.post("/accounts/password_reset/", {"email": f"x{n}@example.com"})
    response = client.post("/accounts/password_reset/", {"email": "x9@example.com"})
    assert response.status_code == 429
    assert "Retry-After" in response


@override_settings(SIGNUP_RATE_LIMIT=2)
@pytest.mark.parametrize("url", ["/accounts/signup/", "/accounts/signup/consultant/"])
def test_sign_up_posts_per_address_are_limited(client, url):
    for n in range(2):
        client.post(url, {"email": f"bot{n}@example.com"})
    response = client.post(
        url,
        {
            "email": "bot9@example.com",
            "display_name": "x",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 429


@override_settings(INVITATION_RATE_LIMIT=2)
def test_invitation_emails_per_person_are_limited(client, django_capture_on_commit_callbacks):
    owner = make_user()
    company = make_company(owner=owner)
    client.force_login(owner)
    url = reverse("company_consultants", args=[company.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(2):
            assert client.post(url, {"email": f"c{n}@example.com"}).status_code == 302
        assert client.post(url, {"email": "c9@example.com"}).status_code == 429
    assert len(mail.outbox) == 2


@override_settings(INVITATION_RATE_LIMIT=1)
def test_consultant_invitation_links_per_person_are_limited(client):
    consultant = make_consultant()
    client.force_login(consultant)
    assert client.post("/consultant/invitations/", {"note": "a"}).status_code == 302
    assert client.post("/consultant/invitations/", {"note": "b"}).status_code == 429
