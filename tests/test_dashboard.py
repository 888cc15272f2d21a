"""The consultant's dashboard: rows, filters, search, sorting, pagination, the level chart and a
constant number of queries whatever the number of clients."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.consultants import services as consultant_services
from assessments.consultants.dashboard import ClientFilters, dashboard_clients, level_distribution
from assessments.models import Assessment
from tests.factories import (
    make_assessment,
    make_company,
    make_consultant,
    make_review,
    make_user,
    ticks_for_level,
)

pytestmark = pytest.mark.django_db

LEVEL_TICKS = {n: ticks_for_level(n) for n in range(1, 6)}


def client_company(consultant, content, *, name, level=None, levels=(), **fields):
    owner = make_user()
    company = make_company(owner=owner, name=name, **fields)
    for n in (*levels, *([level] if level else [])):
        make_assessment(company, owner, content, checklist=LEVEL_TICKS[n])
    consultant_services.grant_access(company=company, consultant=consultant, granted_by=owner)
    company.owner = owner
    return company


@pytest.fixture
def consultant(db):
    return make_consultant()


def names(response) -> list[str]:
    return [row.name for row in response.context["rows"]]


def test_rows_show_levels_status_change_and_flags(client, consultant, content):
    client_company(consultant, content, name="上升企业", levels=(2, 3))
    reviewed = client_company(consultant, content, name="已审阅企业", level=2)
    make_review(reviewed.assessments.get(), consultant, confirmed_level=3, justification="核实")
    drafting = client_company(consultant, content, name="填写中企业", level=1)
    make_assessment(drafting, drafting.owner, content, submit=False)
    client_company(consultant, content, name="未开始企业")
    flagged = client_company(consultant, content, name="需复核企业")
    # inconsistent answers (L1 and L3 both matched) make the engine ask for a review
    make_assessment(flagged, flagged.owner, content, checklist=LEVEL_TICKS[1] + LEVEL_TICKS[3])
    make_company(name="没有授权的企业")

    client.force_login(consultant)
    response = client.get("/consultant/")
    rows = {row.name: row for row in response.context["rows"]}
    assert set(rows) == {"上升企业", "已审阅企业", "填写中企业", "未开始企业", "需复核企业"}
    assert (rows["上升企业"].computed_level, rows["上升企业"].level_change) == (3, 1)
    assert rows["上升企业"].status == "submitted"
    assert (rows["已审阅企业"].computed_level, rows["已审阅企业"].confirmed_level) == (2, 3)
    assert rows["已审阅企业"].status == "reviewed" and rows["已审阅企业"].level == 3
    assert rows["填写中企业"].status == "draft"
    assert rows["未开始企业"].status == "none" and rows["未开始企业"].level is None
    assert rows["需复核企业"].needs_review == 1 and rows["上升企业"].needs_review == 0
    html = response.content.decode()
    assert "没有授权的企业" not in html
    assert "▲ +1" in html and "需复核" in html
    assert "<svg" in html  # the level distribution chart


def test_filters_search_and_sorting(client, consultant, content):
    client_company(
        consultant, content, name="杭州A店", level=1, type="dealer_4s", province="zhejiang"
    )
    client_company(
        consultant, content, name="杭州B店", level=3, type="independent", province="zhejiang"
    )
    client_company(
        consultant, content, name="成都C店", level=3, type="dealer_4s", province="sichuan"
    )
    client_company(consultant, content, name="成都D店", type="dealer_4s", province="sichuan")
    client.force_login(consultant)

    assert names(client.get("/consultant/")) == ["成都C店", "成都D店", "杭州A店", "杭州B店"]
    assert names(client.get("/consultant/?level=3")) == ["成都C店", "杭州B店"]
    assert names(client.get("/consultant/?level=none")) == ["成都D店"]
    assert names(client.get("/consultant/?status=none")) == ["成都D店"]
    assert names(client.get("/consultant/?status=submitted&type=dealer_4s")) == [
        "成都C店",
        "杭州A店",
    ]
    assert names(client.get("/consultant/?type=independent")) == ["杭州B店"]
    assert names(client.get("/consultant/?province=sichuan&sort=-name")) == ["成都D店", "成都C店"]
    assert names(client.get("/consultant/?q=杭州")) == ["杭州A店", "杭州B店"]
    assert names(client.get("/consultant/?q=b店")) == ["杭州B店"]  # case-insensitive
    by_level = names(client.get("/consultant/?sort=-level"))
    assert by_level == ["成都C店", "杭州B店", "杭州A店", "成都D店"]
    assert names(client.get("/consultant/?sort=level"))[0] == "成都D店"
    # A bad value is ignored, not an error.
    response = client.get("/consultant/?level=9&sort=evil")
    assert response.status_code == 200 and len(names(response)) == 4


def test_sorting_by_latest_date(client, consultant, content):
    old = client_company(consultant, content, name="早", level=2)
    client_company(consultant, content, name="晚", level=2)
    Assessment.objects.filter(company=old).update(submitted_at=timezone.now() - timedelta(days=90))
    client.force_login(consultant)
    assert names(client.get("/consultant/?sort=-date")) == ["晚", "早"]
    assert names(client.get("/consultant/?sort=date")) == ["早", "晚"]


def test_pagination_keeps_the_filters(client, consultant, content):
    for n in range(27):
        client_company(consultant, content, name=f"企业{n:02d}")
    client_company(consultant, content, name="其他", level=2)
    client.force_login(consultant)
    first = client.get("/consultant/?status=none")
    assert len(first.context["rows"]) == 25 and first.context["page"].paginator.count == 27
    html = first.content.decode()
    assert "?status=none&amp;page=2" in html
    second = client.get("/consultant/?status=none&page=2")
    assert names(second) == ["企业25", "企业26"]
    assert client.get("/consultant/?page=99").status_code == 200  # clamps to the last page


def test_level_distribution(consultant, content):
    client_company(consultant, content, name="a", level=1)
    client_company(consultant, content, name="b", level=3)
    reviewed = client_company(consultant, content, name="c", level=3)
    make_review(reviewed.assessments.get(), consultant, confirmed_level=4, justification="j")
    client_company(consultant, content, name="d")
    counts = level_distribution(consultant)
    assert counts == {1: 1, 2: 0, 3: 1, 4: 1, 5: 0, None: 1}


def test_a_revoked_client_leaves_the_dashboard(client, consultant, content):
    company = client_company(consultant, content, name="将撤销", level=2)
    grant = company.consultant_grants.get()
    consultant_services.revoke_grant(grant, by=company.owner)
    assert list(dashboard_clients(consultant, ClientFilters())) == []


def test_the_dashboard_costs_the_same_queries_for_1_or_30_clients(
    client, consultant, content, django_assert_max_num_queries
):
    client_company(consultant, content, name="第一家", levels=(1, 2))
    client.force_login(consultant)
    client.get("/consultant/")  # warm the model cache
    with django_assert_max_num_queries(10) as one:
        assert client.get("/consultant/?sort=-level").status_code == 200
    for n in range(29):
        company = client_company(consultant, content, name=f"客户{n}", levels=(2, 3)[: n % 3])
        if n % 4 == 0 and company.assessments.exists():
            make_review(company.assessments.order_by("-submitted_at").first(), consultant)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/consultant/?sort=-level")
    assert len(response.context["rows"]) == 25
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/consultant/?level=2&q=客户&page=1")
    html = response.content.decode()
    assert len(re.findall(r'<tr>\s*<th scope="row">', html)) == 25
