"""The peer benchmark: distributions over other companies' latest results, shown only for groups
of at least 5 companies, never identifying a company; one query for all three groups."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.reports.peers import MIN_GROUP, peer_benchmark
from assessments.reports.report import build_report
from tests.factories import make_assessment, make_company, make_user, ticks_for_level

pytestmark = pytest.mark.django_db

TICKS = {n: ticks_for_level(n) for n in range(1, 6)}


def company_at(content, level, *, name=None, earlier=None, **fields):
    owner = make_user()
    company = make_company(owner=owner, **({"name": name} if name else {}), **fields)
    if earlier:
        make_assessment(company, owner, content, checklist=TICKS[earlier])
    if level:
        make_assessment(company, owner, content, checklist=TICKS[level])
    return company


@pytest.fixture
def mine(content):
    owner = make_user()
    company = make_company(owner=owner, type="dealer_4s", city_tier="tier1", name="我的企业")
    return make_assessment(company, owner, content, checklist=TICKS[3])


def groups(assessment, content):
    benchmark = peer_benchmark(assessment, assessment.diagnosis.level, content)
    return {group.key: group for group in benchmark.groups}


def test_groups_smaller_than_five_are_not_shown(mine, content):
    for _ in range(MIN_GROUP - 1):
        company_at(content, 2, type="dealer_4s", city_tier="tier3")
    result = groups(mine, content)
    assert result["all"].size == 4 and not result["all"].shown
    assert not result["type"].shown and result["city_tier"].size == 0


def test_distribution_counts_each_company_once_by_its_latest_result(mine, content):
    company_at(content, 2, earlier=1, type="dealer_4s", city_tier="tier1")  # now L2, was L1
    company_at(content, 3, type="dealer_4s", city_tier="tier1")
    company_at(content, 4, type="dealer_4s", city_tier="tier2")
    company_at(content, 4, type="independent", city_tier="tier1")
    company_at(content, 5, type="independent", city_tier="tier2")
    company_at(content, None)  # no submitted result: not counted
    draft_only = company_at(content, None)
    make_assessment(draft_only, draft_only.memberships.get().user, content, submit=False)
    result = groups(mine, content)
    everyone = result["all"]
    assert everyone.shown and everyone.size == 5  # my own company is not in its peer group
    assert everyone.counts == {1: 0, 2: 1, 3: 1, 4: 2, 5: 1}
    assert (everyone.below, everyone.same, everyone.above) == (1, 1, 3)
    assert "20% 的企业段位低于你" in everyone.position
    assert result["type"].size == 3 and not result["type"].shown
    assert result["city_tier"].size == 3


def test_one_grouped_query_then_the_cache(mine, content):
    from assessments.reports.peers import clear_peer_cache

    for n in range(6):
        company_at(content, 1 + n % 5)
    assert mine.company  # loaded with the assessment on the pages
    clear_peer_cache()
    with CaptureQueriesContext(connection) as cold:
        first = peer_benchmark(mine, 3, content)
    grouped = [q for q in cold.captured_queries if "GROUP BY" in q["sql"].upper()]
    assert len(grouped) == 1
    # Warm: a cache read and the company's own latest level, whatever the number of companies.
    with CaptureQueriesContext(connection) as warm:
        second = peer_benchmark(mine, 3, content)
    assert len(warm.captured_queries) == 2
    assert [g.counts for g in first.groups] == [g.counts for g in second.groups]


def test_cached_counts_match_a_direct_count(mine, content):
    from assessments.reports.peers import clear_peer_cache, peer_counts

    levels = [1, 2, 2, 3, 4, 5, 3]
    for n, level in enumerate(levels):
        company_at(content, level, type="dealer_4s" if n % 2 else "independent")
    clear_peer_cache()
    counts = peer_counts(mine.company)
    assert sum(counts["all"].values()) == len(levels)
    for level in range(1, 6):
        assert counts["all"][level] == levels.count(level)


def test_the_result_page_shows_a_distribution_and_no_other_company(client, mine, content):
    secret_names = []
    for n in range(6):
        company = company_at(content, 1 + n % 5, name=f"保密企业{n}", type="dealer_4s")
        secret_names.append(company.name)
    client.force_login(mine.company.memberships.get().user)
    html = client.get(f"/assessments/{mine.pk}/result/").content.decode()
    assert "同行对比" in html
    assert "同类企业不足5家,暂不显示" in html  # the city tier group
    assert "~35%" in html  # the model's national share, alongside
    for name in secret_names:
        assert name not in html
    report = build_report(mine)
    assert report.peer_benchmark.any_shown
    text = repr(report.peer_benchmark)
    assert all(name not in text for name in secret_names)
