"""Consultants: accounts, client-granted access, revocation, invitations both ways, roles."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from assessments.companies import services
from assessments.consultants import services as consultant_services
from assessments.models import (
    ConsultantGrant,
    GrantStatus,
    Invitation,
    InvitationStatus,
)
from tests.factories import (
    PASSWORD,
    make_assessment,
    make_company,
    make_consultant,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(content):
    owner = make_user()
    company = make_company(owner=owner)
    company.owner = owner
    company.submitted = make_assessment(company, owner, content, checklist=["L2.1", "L2.2", "L2.3"])
    return company


# --------------------------------------------------------------------------------------------
# Grants and revocation
# --------------------------------------------------------------------------------------------


def test_a_grant_opens_read_only_pages_and_a_revocation_closes_them_at_once(client, company):
    consultant = make_consultant(clients=[company])
    client.force_login(consultant)
    result = f"/assessments/{company.submitted.pk}/result/"
    assert client.get(result).status_code == 200
    assert client.get(f"/companies/{company.pk}/progress/").status_code == 200

    grant = ConsultantGrant.objects.get(company=company, consultant=consultant)
    consultant_services.revoke_grant(grant, by=company.owner)
    # The very next request is refused: access is read from the database on every request.
    assert client.get(result).status_code == 404
    assert client.get(f"/companies/{company.pk}/progress/").status_code == 404
    assert client.get("/consultant/").status_code == 200  # their own dashboard still opens
    assert company.name not in client.get("/consultant/").content.decode()


def test_a_manager_revokes_from_the_consultants_page(client, company):
    consultant = make_consultant(clients=[company])
    grant = ConsultantGrant.objects.get(consultant=consultant)
    client.force_login(company.owner)
    page = client.get(f"/companies/{company.pk}/consultants/")
    assert page.status_code == 200 and consultant.email in page.content.decode()
    response = client.post(f"/companies/{company.pk}/consultants/{grant.pk}/revoke/")
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REVOKED
    assert grant.revoked_by == company.owner and grant.revoked_at is not None


def test_a_grant_of_another_company_cannot_be_revoked_through_mine(client, company):
    other = make_company()
    consultant = make_consultant(clients=[other])
    grant = ConsultantGrant.objects.get(consultant=consultant)
    client.force_login(company.owner)
    response = client.post(f"/companies/{company.pk}/consultants/{grant.pk}/revoke/")
    assert response.status_code == 404
    grant.refresh_from_db()
    assert grant.status == GrantStatus.ACTIVE


def test_granting_twice_keeps_one_active_grant_and_regranting_after_revocation_works(company):
    consultant = make_consultant()
    first = consultant_services.grant_access(
        company=company, consultant=consultant, granted_by=company.owner
    )
    again = consultant_services.grant_access(
        company=company, consultant=consultant, granted_by=company.owner
    )
    assert first.pk == again.pk
    consultant_services.revoke_grant(first, by=company.owner)
    renewed = consultant_services.grant_access(
        company=company, consultant=consultant, granted_by=company.owner
    )
    assert renewed.pk != first.pk
    assert ConsultantGrant.objects.filter(consultant=consultant).count() == 2
    assert (
        ConsultantGrant.objects.filter(consultant=consultant, status=GrantStatus.ACTIVE).count()
        == 1
    )


def test_only_consultants_can_be_granted(company):
    with pytest.raises(consultant_services.NotAConsultant):
        consultant_services.grant_access(
            company=company, consultant=make_user(), granted_by=company.owner
        )


def test_a_consultant_cannot_edit_or_start_anything(client, company, content):
    consultant = make_consultant(clients=[company])
    draft = make_assessment(company, company.owner, content, submit=False)
    client.force_login(consultant)
    for method, url in [
        ("get", f"/companies/{company.pk}/edit/"),
        ("post", f"/companies/{company.pk}/join-link/"),
        ("post", f"/companies/{company.pk}/assessments/start/"),
        ("post", f"/assessments/{company.submitted.pk}/reassess/"),
        ("get", f"/assessments/{draft.pk}/step/1/"),
        ("post", f"/assessments/{draft.pk}/step/1/"),
        ("post", f"/assessments/{draft.pk}/submit/"),
        ("get", f"/assessments/{draft.pk}/"),
        ("get", f"/companies/{company.pk}/consultants/"),
        ("get", f"/companies/{company.pk}/rounds/new/"),
    ]:
        response = getattr(client, method)(url, {"action": "save", "checklist": ["L5.1"]})
        assert response.status_code == 404, (method, url)
    draft.refresh_from_db()
    assert "L5.1" not in draft.checklist


def test_the_company_page_is_read_only_for_a_consultant(client, company, content):
    consultant = make_consultant(clients=[company])
    make_assessment(company, company.owner, content, submit=False)  # a draft: not shown
    client.force_login(consultant)
    html = client.get(f"/companies/{company.pk}/").content.decode()
    assert company.join_code not in html
    assert "/assessments/start/" not in html and "/edit/" not in html
    assert "继续填写" not in html
    assert f"/assessments/{company.submitted.pk}/result/" in html


def test_managers_cannot_reach_consultant_pages(client, company):
    client.force_login(company.owner)
    for url in (
        "/consultant/",
        "/consultant/export.csv",
        "/consultant/export.xlsx",
        "/consultant/invitations/",
        f"/assessments/{company.submitted.pk}/review/",
    ):
        assert client.get(url).status_code == 404, url


# --------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------


def test_a_consultant_cannot_become_a_manager(client, company):
    consultant = make_consultant()
    with pytest.raises(services.RoleConflict):
        services.create_company(user=consultant, name="x", type="other")
    with pytest.raises(services.RoleConflict):
        services.join_company(user=consultant, company=company)
    client.force_login(consultant)
    response = client.post(f"/companies/join/{company.join_code}/")
    assert response.status_code == 302
    assert not company.memberships.filter(user=consultant).exists()
    assert client.get("/companies/new/")["Location"] == "/workspace/"
    assert client.get("/workspace/")["Location"] == "/consultant/"


def test_the_navigation_shows_the_dashboard_to_consultants(client, company):
    consultant = make_consultant()
    client.force_login(consultant)
    html = client.get("/").content.decode()
    assert "客户看板" in html and "我的企业" not in html
    client.force_login(company.owner)
    html = client.get("/").content.decode()
    assert "我的企业" in html and "客户看板" not in html


def test_signing_up_as_a_consultant(client):
    response = client.post(
        "/accounts/signup/consultant/",
        {
            "email": "Li@Advisory.example.com",
            "display_name": "李顾问",
            "firm_name": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 200  # "check your email": the link activates the account
    link = re.search(r"http://testserver(/accounts/activate/\S+/)", mail.outbox[-1].body).group(1)
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == "/consultant/"
    user = response.wsgi_request.user
    assert user.is_authenticated and user.username == "li@advisory.example.com"
    assert user.consultant_profile.display_name == "李顾问"
    assert user.consultant_profile.firm_name == ""  # independent


def test_consultant_signup_validates(client):
    make_user("taken@example.com")
    response = client.post(
        "/accounts/signup/consultant/",
        {
            "email": "taken@example.com",
            "display_name": "x",
            "password1": "short",
            "password2": "different",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    # a taken email is not an error (that would tell who has an account): the password is
    assert "email" not in form.errors and "password2" in form.errors


# --------------------------------------------------------------------------------------------
# Invitations: a manager invites a consultant by email
# --------------------------------------------------------------------------------------------


def test_inviting_an_existing_consultant_grants_at_once(
    client, company, django_capture_on_commit_callbacks
):
    consultant = make_consultant("known@example.com")
    client.force_login(company.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/companies/{company.pk}/consultants/", {"email": "KNOWN@example.com"}
        )
    assert response.status_code == 302
    assert ConsultantGrant.objects.filter(
        company=company, consultant=consultant, status=GrantStatus.ACTIVE
    ).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["known@example.com"]


def test_inviting_a_manager_email_is_refused(client, company):
    manager = make_user("boss@example.com")
    make_company(owner=manager)
    client.force_login(company.owner)
    response = client.post(f"/companies/{company.pk}/consultants/", {"email": "boss@example.com"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not ConsultantGrant.objects.exists()


def test_inviting_a_new_consultant_by_email_then_signing_up_accepts(
    client, company, django_capture_on_commit_callbacks
):
    client.force_login(company.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/companies/{company.pk}/consultants/", {"email": "new@example.com"})
    invitation = Invitation.objects.get()
    assert invitation.status == InvitationStatus.PENDING and invitation.company == company
    assert len(mail.outbox) == 1
    link = f"/invitations/{invitation.token}/"
    assert link in mail.outbox[0].body

    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and company.name in page.content.decode()
    response = client.post(
        f"/accounts/signup/consultant/?invitation={invitation.token}",
        {
            "invitation": invitation.token,
            "email": "new@example.com",
            "display_name": "新顾问",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.grant.status == GrantStatus.ACTIVE
    assert company.name in client.get("/consultant/").content.decode()
    # single use
    with pytest.raises(consultant_services.InvitationInvalid):
        consultant_services.accept_invitation(invitation, user=make_consultant())


def test_an_existing_consultant_accepts_a_manager_invitation_link(client, company):
    outcome = consultant_services.invite_consultant(
        company=company, email="later@example.com", invited_by=company.owner, site_url="http://x"
    )
    consultant = make_consultant("other@example.com")
    client.force_login(consultant)
    response = client.post(f"/invitations/{outcome.invitation.token}/")
    assert response.status_code == 302 and response["Location"] == "/consultant/"
    assert ConsultantGrant.objects.filter(company=company, consultant=consultant).exists()


def test_a_manager_cannot_accept_an_invitation_meant_for_a_consultant(client, company):
    outcome = consultant_services.invite_consultant(
        company=company, email="c@example.com", invited_by=company.owner, site_url="http://x"
    )
    other_manager = make_user()
    make_company(owner=other_manager)
    client.force_login(other_manager)
    client.post(f"/invitations/{outcome.invitation.token}/")
    assert not ConsultantGrant.objects.exists()


def test_a_cancelled_or_expired_invitation_cannot_be_accepted(client, company):
    consultant = make_consultant()
    cancelled = consultant_services.invite_consultant(
        company=company, email="c1@example.com", invited_by=company.owner, site_url="http://x"
    ).invitation
    client.force_login(company.owner)
    response = client.post(f"/companies/{company.pk}/invitations/{cancelled.pk}/cancel/")
    assert response.status_code == 302
    expired = consultant_services.invite_consultant(
        company=company, email="c2@example.com", invited_by=company.owner, site_url="http://x"
    ).invitation
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(consultant)
    for invitation in (cancelled, expired):
        page = client.get(f"/invitations/{invitation.token}/")
        assert "已失效" in page.content.decode()
        client.post(f"/invitations/{invitation.token}/")
    assert not ConsultantGrant.objects.exists()


def test_an_unknown_invitation_token_is_404(client):
    assert client.get("/invitations/not-a-real-token/").status_code == 404


# --------------------------------------------------------------------------------------------
# Invitations: a consultant sends a company a link
# --------------------------------------------------------------------------------------------


def test_a_consultant_link_accepted_by_a_manager_grants_their_company(client, company):
    consultant = make_consultant(firm_name="华信咨询")
    client.force_login(consultant)
    client.post("/consultant/invitations/", {"note": "给测试企业"})
    invitation = Invitation.objects.get(consultant=consultant)
    page = client.get("/consultant/invitations/").content.decode()
    assert f"/invitations/{invitation.token}/" in page

    colleague = company.memberships.get(role="owner").user  # the owner accepts (not a member)
    client.force_login(colleague)
    page = client.get(f"/invitations/{invitation.token}/").content.decode()
    assert "华信咨询" in page and company.name in page
    response = client.post(f"/invitations/{invitation.token}/")
    assert response.status_code == 302
    grant = ConsultantGrant.objects.get(consultant=consultant)
    assert grant.company == company and grant.granted_by == colleague
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.company == company


def test_a_consultant_link_needs_a_manager(client, company):
    consultant = make_consultant()
    invitation = consultant_services.create_company_invitation(consultant=consultant)
    for user in (make_user(), make_consultant()):  # no company / another consultant
        client.force_login(user)
        client.post(f"/invitations/{invitation.token}/")
    assert not ConsultantGrant.objects.exists()
    client.logout()
    response = client.post(f"/invitations/{invitation.token}/")
    assert response["Location"].startswith("/accounts/login/")


def test_a_consultant_cancels_only_their_own_links(client):
    mine = consultant_services.create_company_invitation(consultant=make_consultant())
    other = make_consultant()
    client.force_login(other)
    assert client.post(f"/consultant/invitations/{mine.pk}/cancel/").status_code == 404
    mine.refresh_from_db()
    assert mine.status == InvitationStatus.PENDING
