"""PIPL: the privacy notice, a person's copy of their data, and deleting an account."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from assessments.models import Assessment, Membership
from tests.factories import PASSWORD, make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_is_public(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "隐私声明" in response.content.decode()


def test_a_manager_downloads_their_personal_data(client):
    user = make_user("li@example.com")
    company = make_company(owner=user, name="数据导出企业")
    client.force_login(user)
    response = client.get("/account/data.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "li@example.com"
    assert data["membership"]["company"] == company.name
    assert "password" not in json.dumps(data).lower()


def test_the_data_download_needs_a_login(client):
    assert client.get("/account/data.json").status_code == 302


def test_deleting_an_account_anonymises_it_and_keeps_the_company_data(client, content):
    user = make_user("gone@example.com")
    company = make_company(owner=user)
    assessment = make_assessment(company, user, content, checklist=["L1.1", "L1.2", "L1.3"])
    client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    key = client.session.session_key
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "" and user.username.startswith("deleted-")
    assert not user.is_active and not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert not Session.objects.filter(session_key=key).exists()
    assert Assessment.objects.filter(pk=assessment.pk, company=company).exists()
    assert not get_user_model().objects.filter(email="gone@example.com").exists()
    # the old credentials no longer work
    client.post("/accounts/login/", {"username": "gone@example.com", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_deleting_needs_the_password(client):
    user = make_user()
    client.force_login(user)
    response = client.post("/account/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert "密码不正确" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active
