"""A submitted self-test is emailed to the company's granted consultants and to the admins of
every group in which the company is an active store; not to a revoked consultant, nor to a
group the store has left, nor to anyone for a respondent's own answers in a round."""

import pytest
from django.utils import timezone

from assessments.consultants import services as consultant_services
from assessments.groups.services import add_store
from assessments.models import (
    GroupAdmin,
    GroupKind,
    GroupStore,
    GroupStoreStatus,
    NotificationKind,
    OutgoingEmail,
    StoreGroup,
)
from tests.factories import (
    make_assessment,
    make_company,
    make_consultant,
    make_user,
    ticks_for_level,
)

pytestmark = pytest.mark.django_db


def group_with_admin(name, admin_email, company, *, left=False):
    group = StoreGroup.objects.create(name=name, kind=GroupKind.DEALER_GROUP)
    GroupAdmin.objects.create(group=group, user=make_user(admin_email))
    add_store(group, company)
    if left:
        GroupStore.objects.filter(group=group, company=company).update(
            status=GroupStoreStatus.LEFT, left_at=timezone.now()
        )
    return group


def test_submission_reaches_consultants_and_active_groups_admins(
    client, content, smtp_sink, django_capture_on_commit_callbacks
):
    owner = make_user()
    company = make_company(owner=owner, name="杭州某4S店")
    make_consultant("granted@example.com", clients=[company])
    revoked = make_consultant("revoked@example.com", clients=[company])
    grant = revoked.consultant_grants.get()
    consultant_services.revoke_grant(grant, by=owner)
    group_with_admin("华东集团", "east-admin@example.com", company)
    group_with_admin("旧集团", "old-admin@example.com", company, left=True)
    OutgoingEmail.objects.all().delete()  # the revocation's own notice

    draft = make_assessment(company, owner, content, submit=False, checklist=ticks_for_level(2))
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/assessments/{draft.pk}/submit/")
    assert response.status_code == 302

    messages = smtp_sink.wait_for(2)
    assert sorted(m["To"] for m in messages) == ["east-admin@example.com", "granted@example.com"]
    by_to = {m["To"]: m for m in messages}
    group_text = smtp_sink.text_of(by_to["east-admin@example.com"])
    assert "华东集团 的门店 杭州某4S店 提交了数字化成熟度自测。" in group_text
    consultant_text = smtp_sink.text_of(by_to["granted@example.com"])
    assert "你的客户 杭州某4S店 提交了数字化成熟度自测。" in consultant_text
    assert f"http://127.0.0.1:8000/assessments/{draft.pk}/result/" in consultant_text
    draft.refresh_from_db()
    assert draft.diagnosis.level is not None
    assert f"诊断段位:Level {draft.diagnosis.level}" in consultant_text
    assert set(OutgoingEmail.objects.values_list("kind", flat=True)) == {
        NotificationKind.SUBMISSION
    }


def test_submitting_twice_emails_once(content, django_capture_on_commit_callbacks):
    owner = make_user()
    company = make_company(owner=owner)
    make_consultant(clients=[company])
    draft = make_assessment(company, owner, content, submit=False)
    from assessments.questionnaire.services import submit_assessment

    submit_assessment(draft, user=owner)
    submit_assessment(draft, user=owner)
    assert OutgoingEmail.objects.filter(kind=NotificationKind.SUBMISSION).count() == 1
