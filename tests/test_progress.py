"""Progress over time: the timeline, the KPI changes, the previous roadmap against what changed,
the chart; and the new charts themselves."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from assessments.models import Assessment
from assessments.reports import charts
from assessments.reports.progress import build_progress, metric_direction
from tests.factories import make_assessment, make_company, make_consultant, make_review, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(content):
    owner = make_user()
    company = make_company(owner=owner)
    earlier = make_assessment(
        company,
        owner,
        content,
        checklist=["L2.1", "L2.2", "L2.3"],
        indicators={
            "system_integration_pct": 35,
            "bi_core_coverage": False,
            "paper_work_order_pct": 20,
        },
        dimensions={"work_orders": 2},
    )
    Assessment.objects.filter(pk=earlier.pk).update(
        submitted_at=timezone.now() - timedelta(days=300)
    )
    later = make_assessment(
        company,
        owner,
        content,
        checklist=["L2.1", "L2.2", "L2.3", "L3.1", "L3.2", "L3.3"],
        indicators={
            "system_integration_pct": 85,
            "bi_core_coverage": True,
            "paper_work_order_pct": 5,
        },
        dimensions={"work_orders": 3},
    )
    make_assessment(company, owner, content, submit=False)  # a draft is not on the timeline
    return {"owner": owner, "company": company, "earlier": earlier, "later": later}


def test_timeline_kpis_and_follow_up(history):
    progress = build_progress(history["company"])
    assert [point.assessment for point in progress.points] == [history["earlier"], history["later"]]
    assert [point.level for point in progress.points] == [2, 3]
    kpis = {row.metric.code: row for row in progress.kpi_rows}
    integration = kpis["system_integration_pct"].cells[1]
    assert (integration.change, integration.trend, integration.good) == ("+50", "up", True)
    paper = kpis["paper_work_order_pct"].cells[1]
    assert (paper.change, paper.good) == ("−15", True)  # less paper is better
    bi = kpis["bi_core_coverage"].cells[1]
    assert bi.trend == "changed" and bi.good is True
    follow = progress.follow_up
    assert follow.target_level == 3
    done = {row.code for row in follow.items if row.done}
    assert {"L3.1", "L3.2", "L3.3"} <= done
    assert "L3.4" in {row.code for row in follow.items if not row.done}
    assert follow.done >= 3 and follow.total > follow.done


def test_metric_direction(content):
    assert metric_direction(content, "system_integration_pct") == 1
    assert metric_direction(content, "paper_work_order_pct") == -1


def test_the_progress_page_for_members_and_granted_consultants(client, history):
    company = history["company"]
    consultant = make_consultant(clients=[company])
    make_review(history["later"], consultant, confirmed_level=4, justification="j")
    for user in (history["owner"], consultant):
        client.force_login(user)
        response = client.get(f"/companies/{company.pk}/progress/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "chart-progress" in html and "+50" in html
        assert "段位从 Level 2 到 Level 3" in html
    client.force_login(make_consultant())
    assert client.get(f"/companies/{company.pk}/progress/").status_code == 404


def test_an_empty_history(client):
    owner = make_user()
    company = make_company(owner=owner)
    client.force_login(owner)
    response = client.get(f"/companies/{company.pk}/progress/")
    assert response.status_code == 200 and "还没有已提交的评估" in response.content.decode()
    assert build_progress(company).points == []


def well_formed(svg: str):
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output


def test_progress_chart_draws_every_series_and_escapes_labels():
    svg = charts.progress_line_chart(
        ["2025-01-01", "2025-06-01", "2026-01-01"],
        [2, None, 3],
        dimensions=[("<b>维度</b>", [1, 2, 3]), ("数据质量", [None, 2, 2])],
        confirmed=[None, None, 4],
        title="进展",
        level_label="诊断段位",
        confirmed_label="顾问确认",
        positions=[0, 150, 365],
    )
    root = well_formed(svg)
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}circle[@class='chart-level-point']")) == 2  # None skipped
    assert len(root.findall(f".//{ns}circle[@class='chart-confirmed-point']")) == 1
    assert len(root.findall(f".//{ns}polyline[@class='chart-dimension']")) == 2
    assert svg == charts.progress_line_chart(
        ["2025-01-01", "2025-06-01", "2026-01-01"],
        [2, None, 3],
        dimensions=[("<b>维度</b>", [1, 2, 3]), ("数据质量", [None, 2, 2])],
        confirmed=[None, None, 4],
        title="进展",
        level_label="诊断段位",
        confirmed_label="顾问确认",
        positions=[0, 150, 365],
    )  # deterministic


def test_progress_points_are_placed_by_date_but_never_collide():
    xs = charts.progress_xs(4, [0, 1, 2, 1000])
    assert all(b - a >= charts.PROGRESS_MIN_GAP - 0.01 for a, b in zip(xs, xs[1:], strict=False))
    assert xs[-1] <= charts.PROGRESS_RIGHT
    single = charts.progress_line_chart(["2026-01-01"], [3])
    well_formed(single)


def test_level_distribution_chart():
    svg = charts.level_distribution_chart(
        {1: 3, 2: 0, 3: 10, 4: 1, 5: 0},
        level_labels={n: f"L{n} 名称" for n in range(1, 6)},
        none_count=2,
        none_label="暂无段位",
        title="分布",
    )
    root = well_formed(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}rect[@class='chart-bar']")) == 6
    assert "62%" in svg  # 10 of 16
    empty = charts.level_distribution_chart({}, level_labels={})
    well_formed(empty)
