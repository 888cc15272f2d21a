"""The store's owner leaves a group (withdraws consent): at the group admin's next request the
store is gone from the roll-up and its results are refused; the leave is audited."""

import pytest
from django.urls import reverse

from assessments.models import AuditAction, AuditEvent, GroupStore
from tests.group_helpers import make_group, make_store

pytestmark = pytest.mark.django_db


def test_a_store_that_leaves_disappears_at_the_next_request(client, content):
    group, admin = make_group(name="北方集团")
    company, owner, assessment = make_store(group, content, level=3, name="天津滨海4S店")
    make_store(group, content, level=2, name="北京亦庄4S店")
    result_url = reverse("assessment_result", args=[assessment.pk])
    rollup_url = reverse("group_rollup", args=[group.pk])

    client.force_login(admin)
    assert "天津滨海4S店" in client.get(rollup_url).content.decode()
    assert client.get(result_url).status_code == 200
    assert client.get(reverse("assessment_report_pdf", args=[assessment.pk])).status_code == 200

    client.force_login(owner)
    page = client.get(reverse("company_groups", args=[company.pk])).content.decode()
    assert "北方集团" in page and "退出集团" in page
    membership = GroupStore.objects.get(group=group, company=company)
    response = client.post(reverse("group_store_leave", args=[company.pk, membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "left" and membership.left_by == owner
    assert membership.left_at is not None
    assert AuditEvent.objects.filter(
        company=company, action=AuditAction.REVOKE, target="group_store_leave"
    ).exists()

    client.force_login(admin)
    page = client.get(rollup_url).content.decode()
    assert "天津滨海4S店" not in page and "北京亦庄4S店" in page
    assert client.get(result_url).status_code == 404
    assert client.get(reverse("assessment_report_pdf", args=[assessment.pk])).status_code == 404


def test_someone_else_cannot_make_a_store_leave(client, content):
    group, admin = make_group()
    company, _owner, _assessment = make_store(group, content, level=2)
    membership = GroupStore.objects.get(company=company)
    client.force_login(admin)  # the group's admin is not the store's owner
    response = client.post(reverse("group_store_leave", args=[company.pk, membership.pk]))
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == "active"
