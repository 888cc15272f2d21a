"""A signed review is emailed to the company's owner (an unsigned draft review is not); a
revoked consultant is told, once."""

import pytest

from assessments.consultants import services as consultant_services
from assessments.models import EmailStatus, NotificationKind, OutgoingEmail, UserPreference
from tests.factories import (
    make_assessment,
    make_company,
    make_consultant,
    make_review,
    make_user,
    ticks_for_level,
)

pytestmark = pytest.mark.django_db


def test_a_signed_review_reaches_the_owner_in_their_language(
    content, smtp_sink, django_capture_on_commit_callbacks
):
    owner = make_user("owner@example.com")
    UserPreference.objects.create(user=owner, language="en")
    company = make_company(owner=owner, name="Acme Motors")
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(2))
    consultant = make_consultant(clients=[company])

    make_review(assessment, consultant, sign=False)
    assert not OutgoingEmail.objects.filter(kind=NotificationKind.REVIEW_SIGNED).exists()

    with django_capture_on_commit_callbacks(execute=True):
        make_review(assessment, consultant, signer_name="Li Wei")
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "owner@example.com"
    assert "reviewed and signed by a consultant" in message["Subject"]
    text = smtp_sink.text_of(message)
    assert (
        "Consultant Li Wei has reviewed and signed the digital maturity diagnosis of Acme Motors."
        in text
    )
    assert f"/assessments/{assessment.pk}/result/" in text


def test_a_revoked_consultant_is_told_once(client, smtp_sink, django_capture_on_commit_callbacks):
    owner = make_user()
    company = make_company(owner=owner, name="苏州某连锁")
    consultant = make_consultant("gone@example.com", clients=[company])
    grant = consultant.consultant_grants.get()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/companies/{company.pk}/consultants/{grant.pk}/revoke/")
    assert response.status_code == 302
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "gone@example.com"
    assert "苏州某连锁 已撤销你作为顾问查看其自测结果的权限" in smtp_sink.text_of(message)

    consultant_services.revoke_grant(grant, by=owner)  # again: nothing more
    assert (
        OutgoingEmail.objects.filter(
            kind=NotificationKind.ACCESS_REVOKED, status=EmailStatus.SENT
        ).count()
        == 1
    )
