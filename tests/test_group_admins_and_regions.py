"""Any signed-in user creates a group and becomes its admin; admins add and remove admins (by
an existing account's email), add and rename regions; the nav and workspace lead to the group."""

import pytest
from django.urls import reverse

from assessments.models import GroupAdmin, GroupRegion, StoreGroup
from tests.factories import make_user
from tests.group_helpers import make_group

pytestmark = pytest.mark.django_db


def test_a_user_creates_a_group_and_administers_it(client):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("group_create"),
        {"name": "华东汽车服务集团", "kind": "regional_chain", "regions": "华东区\n华南区\n华东区"},
    )
    group = StoreGroup.objects.get()
    assert response["Location"] == reverse("group_manage", args=[group.pk])
    assert GroupAdmin.objects.filter(group=group, user=user).exists()
    assert list(group.regions.values_list("name", flat=True)) == ["华东区", "华南区"]
    page = client.get(reverse("group_list")).content.decode()
    assert "华东汽车服务集团" in page
    # The nav shows the groups to their admins; a user with no company lands on them.
    assert reverse("group_list") in client.get(reverse("home")).content.decode()
    assert client.get(reverse("workspace"))["Location"] == reverse("group_list")


def test_a_group_needs_a_name(client):
    client.force_login(make_user())
    response = client.post(reverse("group_create"), {"name": "", "kind": "dealer_group"})
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert not StoreGroup.objects.exists()


def test_admins_are_added_by_email_and_the_last_one_stays(client):
    group, admin = make_group()
    colleague = make_user("colleague@example.com")
    client.force_login(admin)
    unknown = client.post(reverse("group_admin_add", args=[group.pk]), {"email": "no@x.com"})
    assert "没有使用这个邮箱的账号" in unknown.content.decode()
    client.post(reverse("group_admin_add", args=[group.pk]), {"email": "Colleague@example.com"})
    assert GroupAdmin.objects.filter(group=group, user=colleague).exists()
    # The new admin reads the roll-up.
    client.force_login(colleague)
    assert client.get(reverse("group_rollup", args=[group.pk])).status_code == 200
    row = GroupAdmin.objects.get(group=group, user=colleague)
    client.post(reverse("group_admin_remove", args=[group.pk, row.pk]))
    assert client.get(reverse("group_rollup", args=[group.pk])).status_code == 404
    client.force_login(admin)
    last = GroupAdmin.objects.get(group=group)
    response = client.post(reverse("group_admin_remove", args=[group.pk, last.pk]), follow=True)
    assert "至少要有一位管理员" in response.content.decode()
    assert GroupAdmin.objects.filter(group=group).count() == 1


def test_regions_are_added_and_renamed(client):
    group, admin = make_group(regions=["华东区"])
    client.force_login(admin)
    client.post(reverse("group_region_add", args=[group.pk]), {"name": "华北区"})
    duplicate = client.post(reverse("group_region_add", args=[group.pk]), {"name": "华北区"})
    assert "已经有这个区域了" in duplicate.content.decode()
    north = GroupRegion.objects.get(group=group, name="华北区")
    client.post(reverse("group_region_rename", args=[group.pk, north.pk]), {"name": "北方区"})
    assert set(group.regions.values_list("name", flat=True)) == {"华东区", "北方区"}
    # Another group's region is not reachable through this group.
    other, _ = make_group(name="别的", regions=["西区"])
    west = other.regions.get()
    response = client.post(reverse("group_region_rename", args=[group.pk, west.pk]), {"name": "x"})
    assert response.status_code == 404
