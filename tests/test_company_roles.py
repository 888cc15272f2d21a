"""Owner and member inside a company: the owner (creator, transferable) manages the company —
details, members, the join link, consultants, invitations, rounds, the audit log; members answer,
read results and download reports. (Before: `Membership.role` was stored and never checked.)"""

import pytest
from django.urls import reverse

from assessments import privacy
from assessments.companies import services
from assessments.consultants import services as consultant_services
from assessments.models import ConsultantGrant, Membership, MembershipRole
from assessments.rounds import services as round_services
from tests.factories import (
    make_assessment,
    make_colleague,
    make_company,
    make_consultant,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = make_user()
    company = make_company(owner=owner)
    member = make_colleague(company)
    outsider = make_user()
    make_company(owner=outsider)
    return {"owner": owner, "company": company, "member": member, "outsider": outsider}


def test_the_creator_is_the_owner_and_a_joiner_a_member(world):
    assert world["owner"].membership.role == MembershipRole.OWNER
    assert world["member"].membership.role == MembershipRole.MEMBER


def test_a_member_sees_neither_the_join_link_nor_the_management_links(client, world):
    company = world["company"]
    client.force_login(world["member"])
    html = client.get(reverse("company_detail", args=[company.pk])).content.decode()
    assert company.join_code not in html
    assert reverse("company_edit", args=[company.pk]) not in html
    assert reverse("company_consultants", args=[company.pk]) not in html
    assert reverse("company_audit", args=[company.pk]) not in html
    client.force_login(world["owner"])
    html = client.get(reverse("company_detail", args=[company.pk])).content.decode()
    assert company.join_code in html
    assert reverse("company_audit", args=[company.pk]) in html


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_owner_manages(client, world, who):
    company = world["company"]
    consultant = make_consultant(clients=[company])
    grant = ConsultantGrant.objects.get(consultant=consultant)
    code = company.join_code
    client.force_login(world[who])
    assert client.get(reverse("company_audit", args=[company.pk])).status_code == 404
    assert client.post(reverse("company_renew_join_code", args=[company.pk])).status_code == 404
    assert client.post(reverse("grant_revoke", args=[company.pk, grant.pk])).status_code == 404
    response = client.post(
        reverse("company_consultants", args=[company.pk]), {"email": "spy@example.com"}
    )
    assert response.status_code == 404
    company.refresh_from_db()
    grant.refresh_from_db()
    assert company.join_code == code
    assert grant.status == "active"


def test_a_member_cannot_grant_a_consultant_by_accepting_their_link(client, world):
    consultant = make_consultant()
    invitation = consultant_services.create_company_invitation(consultant=consultant)
    client.force_login(world["member"])
    response = client.post(reverse("invitation_accept", args=[invitation.token]), follow=True)
    assert "只有企业的创建者可以授权顾问" in response.content.decode()
    assert not ConsultantGrant.objects.filter(consultant=consultant).exists()
    with pytest.raises(services.NotTheOwner):
        consultant_services.invite_consultant(
            company=world["company"],
            email="c@example.com",
            invited_by=world["member"],
            site_url="http://t",
        )


def test_the_owner_removes_a_member_who_then_loses_access(client, world, content):
    company = world["company"]
    assessment = make_assessment(company, world["owner"], content)
    membership = world["member"].membership
    client.force_login(world["owner"])
    response = client.post(reverse("company_member_remove", args=[company.pk, membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.force_login(world["member"])
    assert client.get(reverse("assessment_result", args=[assessment.pk])).status_code == 404


def test_the_owner_cannot_remove_themself(client, world):
    company = world["company"]
    client.force_login(world["owner"])
    own = world["owner"].membership
    client.post(reverse("company_member_remove", args=[company.pk, own.pk]))
    assert Membership.objects.filter(pk=own.pk, role=MembershipRole.OWNER).exists()


def test_another_companys_member_cannot_be_removed_through_my_company(client, world):
    other = world["outsider"].membership
    client.force_login(world["owner"])
    response = client.post(reverse("company_member_remove", args=[world["company"].pk, other.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_ownership_is_transferred(client, world):
    company = world["company"]
    client.force_login(world["owner"])
    response = client.post(
        reverse("company_owner_transfer", args=[company.pk, world["member"].membership.pk])
    )
    assert response.status_code == 302
    roles = dict(company.memberships.values_list("user_id", "role"))
    assert roles == {
        world["owner"].pk: MembershipRole.MEMBER,
        world["member"].pk: MembershipRole.OWNER,
    }
    assert client.get(reverse("company_edit", args=[company.pk])).status_code == 404
    client.force_login(world["member"])
    assert client.get(reverse("company_edit", args=[company.pk])).status_code == 200


def test_a_member_cannot_close_a_round(client, world, content):
    company = world["company"]
    round_ = round_services.open_round(
        company=company, opened_by=world["owner"], respondents=[(world["member"], "")]
    )
    client.force_login(world["member"])
    assert client.post(reverse("round_close", args=[round_.pk])).status_code == 404
    other = make_company()
    member = make_colleague(other)
    with pytest.raises(services.NotTheOwner):
        round_services.open_round(company=other, opened_by=member, respondents=[(member, "")])


def test_deleting_the_owner_hands_the_company_to_its_oldest_member(world):
    privacy.delete_account(world["owner"])
    assert Membership.objects.get(user=world["member"]).role == MembershipRole.OWNER
