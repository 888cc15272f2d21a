"""A group invites a store by its manager's email; the store's owner opens the link, sees what
the group will see, chooses the company and consents: the store joins (audited as a grant)."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import AuditAction, AuditEvent, GroupInvitation, GroupStore
from tests.factories import make_colleague, make_company, make_user
from tests.group_helpers import make_group, region

pytestmark = pytest.mark.django_db


def _invite(client, group, admin, email, captured):
    client.force_login(admin)
    with captured(execute=True):
        response = client.post(
            reverse("group_invite", args=[group.pk]),
            {"email": email, "region": region(group, "华南区").pk, "city": "广州"},
        )
    assert response.status_code == 302
    return GroupInvitation.objects.get(group=group, email=email)


def test_the_owner_consents_through_the_emailed_link(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    group, admin = make_group(name="华南汽车服务集团")
    owner = make_user("store-owner@example.com")
    company = make_company(owner=owner, name="广州天河店")
    invitation = _invite(
        client, group, admin, "store-owner@example.com", django_capture_on_commit_callbacks
    )

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "store-owner@example.com"
    assert "华南汽车服务集团" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = reverse("group_invitation_accept", args=[invitation.token])
    assert link in body
    assert "华南区" in body and "广州" in body
    assert message.get_body(preferencelist=("html",)) is not None

    client.force_login(owner)
    page = client.get(link).content.decode()
    assert "加入后,集团能看到什么" in page
    assert "广州天河店" in page  # the company to choose

    # Without the consent box: a clear message, nothing joined.
    refused = client.post(link, {"company": str(company.pk)})
    assert "加入前请勾选同意" in refused.content.decode()
    assert not GroupStore.objects.filter(group=group).exists()

    response = client.post(link, {"company": str(company.pk), "consent": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("company_groups", args=[company.pk])
    store = GroupStore.objects.get(group=group, company=company)
    assert store.status == "active" and store.consented_by == owner
    assert store.region.name == "华南区" and store.source == "invited"
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.accepted_by == owner
    assert AuditEvent.objects.filter(
        company=company, action=AuditAction.GRANT, target="group_invitation_accept"
    ).exists()

    # The store's owner sees the group on its company's page of groups.
    assert (
        "华南汽车服务集团"
        in client.get(reverse("company_groups", args=[company.pk])).content.decode()
    )

    # Single use.
    again = client.post(link, {"company": str(company.pk), "consent": "on"}, follow=True)
    assert "已失效" in again.content.decode()


def test_only_an_owner_can_let_a_company_join(client, django_capture_on_commit_callbacks):
    group, admin = make_group()
    company = make_company()
    colleague = make_colleague(company)
    invitation = _invite(client, group, admin, "x@example.com", django_capture_on_commit_callbacks)
    link = reverse("group_invitation_accept", args=[invitation.token])
    client.force_login(colleague)
    page = client.get(link).content.decode()
    assert "只有企业的创建者可以让企业加入集团" in page
    response = client.post(link, {"company": str(company.pk), "consent": "on"})
    assert response.status_code == 200
    assert not GroupStore.objects.filter(group=group).exists()


def test_an_owner_cannot_pick_someone_elses_company(client, django_capture_on_commit_callbacks):
    group, admin = make_group()
    owner = make_user()
    make_company(owner=owner)
    other = make_company()
    invitation = _invite(client, group, admin, "y@example.com", django_capture_on_commit_callbacks)
    client.force_login(owner)
    response = client.post(
        reverse("group_invitation_accept", args=[invitation.token]),
        {"company": str(other.pk), "consent": "on"},
    )
    assert response.status_code == 200
    assert "company" in response.context["form"].errors
    assert not GroupStore.objects.filter(company=other).exists()


def test_an_unknown_token_is_404_and_anonymous_visitors_are_asked_to_sign_in(
    client, django_capture_on_commit_callbacks
):
    assert client.get(reverse("group_invitation_accept", args=["nope"])).status_code == 404
    group, admin = make_group()
    invitation = _invite(client, group, admin, "z@example.com", django_capture_on_commit_callbacks)
    client.logout()
    link = reverse("group_invitation_accept", args=[invitation.token])
    assert "请先登录" in client.get(link).content.decode()
    assert client.post(link, {}).status_code == 302


def test_a_bad_invitation_keeps_what_was_typed(client):
    group, admin = make_group()
    client.force_login(admin)
    response = client.post(
        reverse("group_invite", args=[group.pk]), {"email": "not-an-email", "city": "广州"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "not-an-email" in page and "广州" in page
    assert not GroupInvitation.objects.exists()
    assert not mail.outbox
