"""Sign-up with email, login by email or user name, password reset, the company form and
joining a colleague's company by link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from assessments.models import Company, Membership
from tests.factories import COMPANY_FIELDS, PASSWORD, make_company, make_user

pytestmark = pytest.mark.django_db


def test_sign_up_emails_a_link_that_logs_in_and_leads_to_the_company_form(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "Li.Ming@Example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 200
    assert "请查收邮件" in response.content.decode()
    user = get_user_model().objects.get()
    assert user.email == "li.ming@example.com" and not user.is_active
    link = re.search(r"http://testserver(/accounts/activate/\S+/)", mail.outbox[-1].body).group(1)
    response = client.get(link)
    assert response["Location"] == "/companies/new/"
    assert client.get("/workspace/")["Location"] == "/companies/new/"
    # the link works once
    client.logout()
    assert client.get(link)["Location"] == "/accounts/login/"


def test_sign_up_rejects_a_weak_password_and_keeps_the_email(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "a@example.com",
            "password1": "12345678",
            "password2": "12345678",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 200
    assert 'value="a@example.com"' in response.content.decode()
    assert not get_user_model().objects.exists()


def test_sign_up_with_a_taken_email_looks_the_same_and_mails_the_owner(client):
    make_user("taken@example.com")
    response = client.post(
        "/accounts/signup/",
        {
            "email": "TAKEN@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 200
    assert "请查收邮件" in response.content.decode()
    assert "已注册" not in response.content.decode()
    assert get_user_model().objects.count() == 1
    assert mail.outbox[-1].to == ["taken@example.com"]
    assert "已经有账号" in mail.outbox[-1].body


@pytest.mark.parametrize("login_as", ["email", "username"])
def test_login_by_email_or_user_name(client, login_as):
    user = make_user("manager-x", email="mx@example.com")
    typed = user.email.upper() if login_as == "email" else user.username
    response = client.post("/accounts/login/", {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/workspace/").status_code == 302


def test_a_wrong_password_is_refused(client):
    make_user("someone@example.com")
    response = client.post(
        "/accounts/login/", {"username": "someone@example.com", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_mail_with_a_working_link(client):
    make_user("reset@example.com")
    response = client.post("/accounts/password_reset/", {"email": "reset@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1].strip()
    page = client.get(path, follow=True)
    assert page.status_code == 200
    assert "new_password1" in page.content.decode()


def company_data(**overrides):
    return {**COMPANY_FIELDS, "name": "杭州某4S店", **overrides}


def test_create_company_makes_the_user_its_owner(client):
    user = make_user()
    client.force_login(user)
    response = client.post("/companies/new/", company_data(contact_mobile="+86 138-0013-8000"))
    company = Company.objects.get()
    assert response["Location"] == f"/companies/{company.pk}/"
    assert company.contact_mobile == "13800138000"
    assert Membership.objects.get(user=user).role == "owner"


@pytest.mark.parametrize(
    "mobile", ["12345678901", "1380013800", "23800138000", "138001380001", "电话"]
)
def test_an_invalid_mobile_number_is_refused_and_the_form_keeps_its_values(client, mobile):
    client.force_login(make_user())
    response = client.post("/companies/new/", company_data(contact_mobile=mobile))
    assert response.status_code == 200
    html = response.content.decode()
    assert "手机号码" in html
    assert "杭州某4S店" in html
    assert not Company.objects.exists()


def test_company_fields_have_limits(client):
    client.force_login(make_user())
    response = client.post("/companies/new/", company_data(name="长" * 101, technicians="-1"))
    assert response.status_code == 200
    assert not Company.objects.exists()


def test_a_colleague_joins_by_link(client):
    company = make_company()
    colleague = make_user()
    client.force_login(colleague)
    assert client.get(f"/companies/join/{company.join_code}/").status_code == 200
    response = client.post(f"/companies/join/{company.join_code}/")
    assert response["Location"] == f"/companies/{company.pk}/"
    assert Membership.objects.get(user=colleague).company == company


def test_a_renewed_link_stops_the_old_one(client):
    owner = make_user()
    company = make_company(owner=owner)
    old = company.join_code
    client.force_login(owner)
    client.post(f"/companies/{company.pk}/join-link/")
    client.force_login(make_user())
    assert client.get(f"/companies/join/{old}/").status_code == 404


def test_a_member_of_one_company_cannot_join_another(client):
    user = make_user()
    mine = make_company(owner=user)
    other = make_company()
    client.force_login(user)
    client.post(f"/companies/join/{other.join_code}/")
    assert Membership.objects.get(user=user).company == mine


def test_sign_up_needs_consent_to_the_privacy_notice(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "noconsent@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "隐私声明" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_sign_up_records_the_consent(client):
    from assessments.models import PrivacyConsent
    from assessments.privacy import PRIVACY_NOTICE_VERSION

    client.post(
        "/accounts/signup/",
        {
            "email": "yes@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    consent = PrivacyConsent.objects.get()
    assert consent.user.email == "yes@example.com"
    assert consent.notice_version == PRIVACY_NOTICE_VERSION
