"""The roll-up reads a fixed number of queries whatever the number of stores."""

import pytest
from django.urls import reverse

from tests.group_helpers import make_campaign, make_group, make_store

pytestmark = pytest.mark.django_db


def test_query_count_is_the_same_for_3_and_30_stores(
    client, content, django_assert_max_num_queries
):
    group, admin = make_group()
    make_campaign(group, content, "T0")
    make_campaign(group, content, "T1")
    for n in range(3):
        make_store(group, content, level=1 + n % 3, region_name="华东区")
    client.force_login(admin)
    url = reverse("group_rollup", args=[group.pk])
    client.get(url)  # warm the model cache
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for n in range(27):
        make_store(group, content, level=1 + n % 3, region_name="华南区" if n % 2 else "华东区")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["rollup"].store_count == 30
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("group_export_xlsx", args=[group.pk])).status_code == 200
