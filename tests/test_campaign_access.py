"""Campaign pages belong to the group's admins: an outsider, a store manager and the admin of
another group get 404 on every one of them (and learn nothing)."""

import pytest
from django.urls import reverse

from tests.campaign_helpers import make_campaign, make_group
from tests.factories import make_company, make_user

pytestmark = pytest.mark.django_db


def urls(campaign):
    g, c = campaign.group_id, campaign.pk
    return [
        ("get", reverse("campaign_list", args=[g])),
        ("get", reverse("campaign_create", args=[g])),
        ("post", reverse("campaign_create", args=[g])),
        ("get", reverse("campaign_detail", args=[g, c])),
        ("post", reverse("campaign_upload", args=[g, c])),
        ("post", reverse("campaign_invite", args=[g, c])),
        ("post", reverse("campaign_remind", args=[g, c])),
        ("post", reverse("campaign_close", args=[g, c])),
        ("get", reverse("campaign_template_csv", args=[g])),
        ("get", reverse("campaign_template_xlsx", args=[g])),
    ]


def test_outsiders_get_404_everywhere(client):
    campaign = make_campaign()
    other_group_admin = make_group(name="别的集团").admins.get().user
    store_manager = make_user()
    make_company(owner=store_manager)
    for user in (make_user(), store_manager, other_group_admin):
        client.force_login(user)
        for method, url in urls(campaign):
            assert getattr(client, method)(url).status_code == 404, (user, url)
    campaign.refresh_from_db()
    assert campaign.status == "open"


def test_a_campaign_of_another_group_under_my_group_url_is_404(client):
    mine = make_campaign()
    theirs = make_campaign(make_group(name="别的集团"))
    client.force_login(mine.group.admins.get().user)
    url = reverse("campaign_detail", args=[mine.group_id, theirs.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("campaign_close", args=[mine.group_id, theirs.pk])).status_code == 404
    )


def test_anonymous_is_sent_to_log_in(client):
    campaign = make_campaign()
    response = client.get(reverse("campaign_detail", args=[campaign.group_id, campaign.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_admin_sees_the_pages(client):
    campaign = make_campaign()
    client.force_login(campaign.group.admins.get().user)
    for method, url in urls(campaign):
        if method == "get":
            assert client.get(url).status_code == 200, url
