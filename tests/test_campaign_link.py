"""A store's one-time campaign link: a new person signs up (email fixed), an existing account
logs in, the company joins the group with the owner's consent and a campaign draft opens; the
link is refused to anyone else and brings its user back to their draft or result."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from assessments.campaigns import services
from assessments.models import (
    Assessment,
    CampaignStore,
    GroupStore,
    GroupStoreSource,
)
from assessments.questionnaire import services as questionnaire_services
from tests.campaign_helpers import csv_bytes, make_campaign, store_rows
from tests.factories import PASSWORD, full_answers, make_company, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Campaign-Store-2026!"


@pytest.fixture
def row():
    campaign = make_campaign()
    rows = [r + ["华东区"] for r in store_rows(2)]
    from tests.campaign_helpers import HEADER

    parsed = services.import_stores(
        campaign, content=csv_bytes(rows, header=HEADER + ["区域"]), filename="s.csv"
    )
    assert parsed.ok
    return CampaignStore.objects.get(campaign=campaign, row_number=2)


def link(row):
    return reverse("campaign_link", args=[row.token])


def signup_data(**extra):
    return {
        "name": "王店长",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "city_tier": "new_tier1",
        "technicians": "18",
        "annual_work_orders": "7000",
        "privacy_consent": "on",
        **extra,
    }


def test_a_new_person_signs_up_and_lands_on_step_one(client, row):
    page = client.get(link(row))
    text = page.content.decode()
    assert page.status_code == 200
    assert row.email in text and "readonly" in text
    assert "同意门店加入" in text  # the consent is said before they accept

    response = client.post(link(row), signup_data())
    row.refresh_from_db()
    assessment = row.assessment
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment_step", args=[assessment.pk, 1])
    user = get_user_model().objects.get(email=row.email)
    assert user.is_active and user.first_name == "王店长"
    assert row.token_used_by == user and row.token_used_at is not None
    company = assessment.company
    assert (company.name, company.type, company.city, company.contact_mobile) == (
        row.store_name,
        row.type,
        row.city,
        row.mobile,
    )
    assert assessment.campaign == row.campaign and assessment.status == "draft"
    membership = GroupStore.objects.get(group=row.campaign.group, company=company)
    assert membership.status == "active" and membership.source == GroupStoreSource.CAMPAIGN
    assert membership.consented_by == user and membership.region.name == "华东区"
    # Signed in: the step page opens.
    assert client.get(response["Location"]).status_code == 200


def test_sign_up_errors_keep_what_was_typed(client, row):
    response = client.post(
        link(row), signup_data(password2="different-Password-1", technicians="x")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "王店长" in text
    assert not get_user_model().objects.filter(email=row.email).exists()


def test_an_existing_account_logs_in_then_accepts(client, row):
    user = make_user(row.email)
    page = client.get(link(row))
    assert "登录后继续" in page.content.decode()
    client.force_login(user)
    page = client.get(link(row))
    assert page.status_code == 200 and "city_tier" in page.content.decode()
    response = client.post(
        link(row), {"city_tier": "tier2", "technicians": "9", "annual_work_orders": "3000"}
    )
    row.refresh_from_db()
    assert response["Location"] == reverse("assessment_step", args=[row.assessment.pk, 1])
    assert row.company.memberships.get().user == user


def test_the_owner_of_a_company_of_that_name_uses_it(client, row):
    owner = make_user()
    company = make_company(owner=owner, name=row.store_name)
    client.force_login(owner)
    assert "将使用你的企业" in client.get(link(row)).content.decode()
    client.post(link(row))
    row.refresh_from_db()
    assert row.company == company
    assert GroupStore.objects.filter(company=company, status="active").count() == 1


def test_an_account_of_another_company_is_told_why(client, row):
    other = make_user()
    make_company(owner=other, name="别的企业")
    client.force_login(other)
    response = client.post(link(row))
    assert response.status_code == 403
    assert "别的企业" in response.content.decode()
    row.refresh_from_db()
    assert row.token_used_by is None


def test_reuse_by_another_person_is_refused_plainly(client, row):
    client.post(link(row), signup_data())
    client.logout()
    stranger = make_user()
    client.force_login(stranger)
    response = client.get(link(row))
    assert response.status_code == 403
    assert "只能使用一次" in response.content.decode()
    response = client.post(
        link(row), {"city_tier": "tier2", "technicians": "1", "annual_work_orders": "1"}
    )
    assert response.status_code == 403
    assert Assessment.objects.count() == 1


def test_the_same_person_comes_back_to_the_draft_then_the_result(client, row, content):
    client.post(link(row), signup_data())
    row.refresh_from_db()
    assessment = row.assessment
    again = client.get(link(row))
    assert again["Location"] == reverse("assessment_step", args=[assessment.pk, 1])
    client.logout()
    logged_out = client.get(link(row))
    assert "登录" in logged_out.content.decode() and "只能使用一次" in logged_out.content.decode()
    user = row.token_used_by
    for step, answers in full_answers(content).items():
        assessment = questionnaire_services.save_step(
            assessment, step=step, answers=answers, user=user
        )
    questionnaire_services.submit_assessment(assessment, user=user)
    client.force_login(user)
    assert client.get(link(row))["Location"] == reverse("assessment_result", args=[assessment.pk])


def test_a_closed_campaign_takes_no_one_and_an_unknown_token_is_explained(client, row):
    services.close_campaign(row.campaign)
    response = client.get(link(row))
    assert response.status_code == 410 and "已经结束" in response.content.decode()
    response = client.get(reverse("campaign_link", args=["no-such-token"]))
    assert response.status_code == 404 and "没有找到这个邀请链接" in response.content.decode()


def test_existing_password_user_unaffected(client, row):
    """The sign-up form never touches an account that exists: it asks to log in instead."""
    user = make_user(row.email)
    response = client.post(link(row), signup_data())
    assert response.status_code == 200 and "登录后继续" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
