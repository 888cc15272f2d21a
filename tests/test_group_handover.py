"""A group creates a store itself and hands it over to its manager: accepting the emailed link
makes the acceptor the company's owner and records their consent."""

import pytest
from django.urls import reverse

from assessments.models import (
    AuditAction,
    AuditEvent,
    Company,
    GroupInvitation,
    GroupStore,
    Membership,
)
from tests.factories import make_company, make_user
from tests.group_helpers import make_group, region

pytestmark = pytest.mark.django_db

STORE = {
    "name": "佛山禅城4S店",
    "type": "dealer_4s",
    "province": "guangdong",
    "city_tier": "tier2",
    "city": "佛山",
    "contact_name": "李店长",
    "email": "manager@example.com",
}


def _create(client, group, admin, captured):
    client.force_login(admin)
    with captured(execute=True):
        response = client.post(
            reverse("group_store_create", args=[group.pk]),
            {**STORE, "region": region(group, "华南区").pk},
        )
    assert response.status_code == 302
    return GroupInvitation.objects.get(group=group, email="manager@example.com")


def test_the_manager_takes_over_the_store(client, smtp_sink, django_capture_on_commit_callbacks):
    group, admin = make_group(name="南方集团")
    invitation = _create(client, group, admin, django_capture_on_commit_callbacks)
    company = Company.objects.get(name="佛山禅城4S店")
    assert invitation.company == company
    store = GroupStore.objects.get(group=group, company=company)
    assert store.source == "created" and store.consented_by is None  # not handed over yet
    assert store.region.name == "华南区" and store.city == "佛山"
    assert not Membership.objects.filter(company=company).exists()

    [message] = smtp_sink.wait_for(1)
    assert "佛山禅城4S店" in message["Subject"]
    link = reverse("group_invitation_accept", args=[invitation.token])
    assert link in message.get_body(preferencelist=("plain",)).get_content()

    manager = make_user("manager@example.com")
    client.force_login(manager)
    page = client.get(link).content.decode()
    assert "接管门店并同意" in page
    response = client.post(link, {"consent": "on"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=manager)
    assert membership.company == company and membership.role == "owner"
    store.refresh_from_db()
    assert store.consented_by == manager and store.status == "active"
    assert AuditEvent.objects.filter(company=company, action=AuditAction.GRANT).exists()
    # The new owner manages the company now: its page of groups is theirs.
    assert client.get(reverse("company_groups", args=[company.pk])).status_code == 200


def test_someone_already_in_a_company_cannot_take_it_over(
    client, django_capture_on_commit_callbacks
):
    group, admin = make_group()
    invitation = _create(client, group, admin, django_capture_on_commit_callbacks)
    busy = make_user()
    make_company(owner=busy)
    client.force_login(busy)
    link = reverse("group_invitation_accept", args=[invitation.token])
    assert "不能接管这家门店" in client.get(link).content.decode()
    client.post(link, {"consent": "on"})
    assert not Membership.objects.filter(company=invitation.company).exists()


def test_a_store_form_with_errors_keeps_the_input(client):
    group, admin = make_group()
    client.force_login(admin)
    response = client.post(
        reverse("group_store_create", args=[group.pk]), {**STORE, "email": "bad", "city": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "佛山禅城4S店" in page and "李店长" in page
    assert not Company.objects.filter(name="佛山禅城4S店").exists()
