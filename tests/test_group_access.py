"""What a group admin may read of a store: its submitted official results and their PDFs, while
the store is active in the group; never drafts, the company's pages or a left store's results."""

import pytest
from django.urls import reverse

from assessments.groups import services as group_services
from assessments.models import GroupStore
from tests.factories import make_assessment, ticks_for_level
from tests.group_helpers import make_group, make_store

pytestmark = pytest.mark.django_db


def test_a_group_admin_reads_results_not_drafts_nor_company_pages(client, content):
    group, admin = make_group()
    company, owner, submitted = make_store(group, content, level=2)
    draft = make_assessment(company, owner, content, submit=False, checklist=ticks_for_level(3))
    client.force_login(admin)
    assert client.get(reverse("assessment_result", args=[submitted.pk])).status_code == 200
    assert client.get(reverse("assessment_step", args=[draft.pk, 1])).status_code == 404
    assert client.get(reverse("assessment_result", args=[draft.pk])).status_code == 404
    assert client.get(reverse("company_detail", args=[company.pk])).status_code == 404
    assert client.get(reverse("company_groups", args=[company.pk])).status_code == 404


def test_the_left_stores_admin_had_access_a_moment_before(client, content):
    group, admin = make_group()
    company, owner, submitted = make_store(group, content, level=2)
    url = reverse("assessment_result", args=[submitted.pk])
    client.force_login(admin)
    assert client.get(url).status_code == 200
    group_services.leave_group(GroupStore.objects.get(company=company), by=owner)
    assert client.get(url).status_code == 404
    # Re-joining (a new consent) restores it.
    group_services.add_store(group, company, consented_by=owner)
    assert client.get(url).status_code == 200


def test_an_admin_of_another_group_sees_nothing(client, content):
    group, _admin = make_group()
    _company, _owner, submitted = make_store(group, content, level=2)
    _other, other_admin = make_group(name="别的集团")
    client.force_login(other_admin)
    assert client.get(reverse("assessment_result", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("assessment_report_pdf", args=[submitted.pk])).status_code == 404
