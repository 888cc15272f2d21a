"""The roll-up page: level distribution, heat map sortable by region and type, the most common
unmet criteria, the most planned actions, T0 → T1 change, law 5's pilots and waves."""

import re

import pytest
from django.urls import reverse

from assessments import plan_services
from assessments.action_plans import proposal_for_report
from assessments.groups.rollup import build_rollup
from assessments.reports.report import build_report
from tests.factories import make_user
from tests.group_helpers import answer_in_campaign, make_campaign, make_group, make_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(content):
    group, admin = make_group(name="示范集团")
    east_best, east_owner, east_result = make_store(
        group, content, level=3, region_name="华东区", name="杭州旗舰店", type="oem_direct"
    )
    make_store(group, content, level=1, region_name="华东区", name="宁波快修店", type="independent")
    south_best, south_owner, _ = make_store(
        group, content, level=2, region_name="华南区", name="广州天河店"
    )
    make_store(group, content, level=None, region_name="华南区", name="深圳新店")
    plan_services.create_plan(
        assessment=east_result,
        user=east_owner,
        proposal=proposal_for_report(build_report(east_result)),
    )
    t0, t1 = make_campaign(group, content, "T0"), make_campaign(group, content, "T1")
    answer_in_campaign(east_best, east_owner, content, t0, level=2)
    answer_in_campaign(east_best, east_owner, content, t1, level=3)
    answer_in_campaign(south_best, south_owner, content, t0, level=2)
    return {"group": group, "admin": admin, "t0": t0, "t1": t1}


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_page_shows_the_network(client, network):
    client.force_login(network["admin"])
    response = client.get(reverse("group_rollup", args=[network["group"].pk]))
    assert response.status_code == 200
    text = _text(response)
    assert "4 家门店已同意加入,其中 3 家有已提交的结果" in text
    rollup = response.context["rollup"]
    assert rollup.distribution[3] == 1 and rollup.distribution[2] == 1
    assert rollup.distribution[1] == 1 and rollup.no_result == 1
    # Heat map: every store, the self-assessed and measured dimensions as columns.
    for name in ("杭州旗舰店", "宁波快修店", "广州天河店", "深圳新店"):
        assert name in text
    assert "工单管理" in text and "数据质量" in text
    assert 'class="heatmap-scroll"' in response.content.decode()
    # The way on to the group's campaigns (invite the stores, see who answered).
    campaigns_url = reverse("campaign_list", args=[network["group"].pk])
    assert f'href="{campaigns_url}"' in response.content.decode()
    # Unmet criteria for the next level, counted over the stores.
    assert rollup.unmet_criteria and all(n >= 1 for _c, n in rollup.unmet_criteria)
    assert "最常见的未满足标准" in text
    # The plan of the east store's latest result.
    assert rollup.planned_actions and rollup.planned_actions[0][1] == 1
    assert rollup.planned_actions[0][0] in text


def test_pilots_and_waves_follow_law_5(client, network):
    rollup = build_rollup(network["group"])
    pilots = {p.region: p for p in rollup.pilots}
    assert pilots["华东区"].store.name == "杭州旗舰店"
    assert pilots["华南区"].store.name == "广州天河店"
    assert "Level 3" in pilots["华东区"].reason and "准备度最高" in pilots["华东区"].reason
    first, second, third = rollup.waves
    assert [s.name for s in first.stores] == ["杭州旗舰店"]
    assert {s.name for s in second.stores} == {"广州天河店", "宁波快修店"}
    assert {s.name for s in third.stores} == {"深圳新店"}
    assert "1 个服务中心试点" in first.title


def test_sorted_by_region_and_by_type(client, network):
    client.force_login(network["admin"])
    url = reverse("group_rollup", args=[network["group"].pk])
    by_region = [r.name for r in client.get(url, {"sort": "region"}).context["page"].object_list]
    assert by_region == ["宁波快修店", "杭州旗舰店", "广州天河店", "深圳新店"]
    by_type = client.get(url, {"sort": "type"}).context["page"].object_list
    labels = [r.type_label for r in by_type]
    assert labels == sorted(labels)
    # An unknown sort falls back to names, never an error.
    assert client.get(url, {"sort": "'; drop"}).status_code == 200


def test_change_between_two_campaigns(client, network):
    client.force_login(network["admin"])
    url = reverse("group_rollup", args=[network["group"].pk])
    response = client.get(url, {"from": network["t0"].pk, "to": network["t1"].pk})
    changes = {c.name: c for c in response.context["rollup"].changes}
    assert (changes["杭州旗舰店"].before, changes["杭州旗舰店"].after) == (2, 3)
    assert changes["杭州旗舰店"].delta == 1
    assert changes["广州天河店"].after is None and changes["广州天河店"].delta is None
    text = _text(response)
    assert "+1" in text and "未提交" in text


def test_one_campaign_only(client, network):
    client.force_login(network["admin"])
    url = reverse("group_rollup", args=[network["group"].pk])
    rollup = client.get(url, {"campaign": network["t1"].pk}).context["rollup"]
    assert rollup.with_result == 1  # only the east store answered T1
    assert client.get(url, {"campaign": "not-a-campaign"}).status_code == 200


def test_outsiders_and_store_owners_get_404(client, network):
    url = reverse("group_rollup", args=[network["group"].pk])
    client.force_login(make_user())
    assert client.get(url).status_code == 404
    store_owner = network["group"].stores.first().consented_by
    client.force_login(store_owner)
    assert client.get(url).status_code == 404
