"""The result page explains itself: level, explanation, flags, charts, criteria, roadmap,
iron laws, national position and the homework answers — escaped."""

import pytest
from django.utils.html import escape

from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db

LEVEL_3_INDICATORS = {
    "system_integration_pct": 85,
    "bi_core_coverage": True,
    "process_automation_pct": 65,
    "data_decision_pct": 75,
    "frontline_data_access": True,
    "predictive_maintenance_pct": 10,
    "productivity_multiple": 2.2,
    "customer_satisfaction_score": 82,
}


@pytest.fixture
def manager(client):
    user = make_user()
    make_company(owner=user, name="宁波<b>星河</b>汽车服务")
    client.force_login(user)
    return user


def result_html(client, assessment) -> str:
    response = client.get(f"/assessments/{assessment.pk}/result/")
    assert response.status_code == 200
    return response.content.decode()


def test_level_3_result(client, manager, content):
    assessment = make_assessment(
        manager.membership.company,
        manager,
        content,
        checklist=["L2.1", "L2.2", "L3.1", "L3.2", "L3.3", "L3.4"],
        indicators=LEVEL_3_INDICATORS,
        dimensions={"work_orders": 3, "data_quality": 2},
        goals={"target_level": 4, "target_year": 2040, "pain_point_1": "预测性维护尚未起步"},
    )
    html = result_html(client, assessment)
    level3 = content.level(3)
    assert f"Level 3 · {level3.name_zh}" in html
    assert level3.core_feature_zh in html
    assert "过渡期" not in html or "transition" in html  # L2 has 2 ticks: not a transition
    # the criteria table with values and thresholds
    assert "85%" in html and "&gt; 80%" in html
    assert "C3.1" in html
    # the charts are inline SVG
    assert html.count("<svg") >= 2
    # roadmap to level 4: missing capabilities, unmet criteria, barriers of 3→4, investment
    assert "从Level 3到Level 4的鸿沟" in html
    assert content.dimensions_by_code["investment"].cells_texts[3]["zh"] in html
    assert content.dimensions_by_code["payback"].cells_texts[3]["zh"] in html
    for code in ("L4.1", "L4.2", "L4.3", "L4.4", "L4.5"):
        assert escape(content.checklist_by_code[code].text_zh) in html
    assert "C4.2" in html
    # iron laws and the national share
    for law in content.iron_laws:
        assert escape(law.title_zh) in html
    assert "12%" in html
    # homework answers
    assert "预测性维护尚未起步" in html
    for task in content.homework:
        assert escape(task.prompt_zh) in html


def test_level_1_result_warns_when_the_target_skips_levels(client, manager, content):
    assessment = make_assessment(
        manager.membership.company,
        manager,
        content,
        checklist=["L1.1", "L1.2", "L1.3", "L1.4"],
        indicators={"paper_work_order_pct": 85, "customer_data_digital_pct": 10},
        goals={"target_level": 4, "target_year": 2027},
    )
    html = result_html(client, assessment)
    assert f"Level 1 · {content.level(1).name_zh}" in html
    assert "不要越级打怪" in html
    assert "35%" in html


def test_level_5_result_has_no_next_level(client, manager, content):
    assessment = make_assessment(
        manager.membership.company,
        manager,
        content,
        # A genuine Level 5: every level's capabilities below it ticked too (rules v2 never
        # reads capabilities as leftovers, and never lets a level be skipped).
        checklist=["L2.1", "L2.2", "L3.1", "L3.2", "L3.3", "L4.1", "L4.2", "L4.3"]
        + ["L5.1", "L5.2", "L5.3"],
    )
    html = result_html(client, assessment)
    assert f"Level 5 · {content.level(5).name_zh}" in html
    assert "最高段位" in html
    assert "过渡期" not in html


def test_inconsistent_answers_are_flagged(client, manager, content):
    assessment = make_assessment(
        manager.membership.company,
        manager,
        content,
        checklist=["L1.1", "L1.2", "L1.3", "L4.1", "L4.2", "L4.3"],
    )
    html = result_html(client, assessment)
    assert "答案不一致" in html
    assert "建议复核" in html


def test_user_text_is_escaped(client, manager, content):
    assessment = make_assessment(
        manager.membership.company,
        manager,
        content,
        checklist=["L2.1", "L2.2", "L2.3"],
        goals={
            "pain_point_1": "<script>alert(1)</script>",
            "benchmark_learnings": '<img src="x" onerror="alert(2)">',
        },
    )
    html = result_html(client, assessment)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="x"' not in html
    assert "宁波&lt;b&gt;星河&lt;/b&gt;汽车服务" in html


def test_checklist_mapping_is_revealed(client, manager, content):
    assessment = make_assessment(
        manager.membership.company, manager, content, checklist=["L2.1", "L2.2", "L2.3"]
    )
    html = result_html(client, assessment)
    for item in content.checklist:
        assert escape(item.text_zh) in html
        assert item.code in html


def test_history_lists_assessments_with_levels(client, manager, content):
    company = manager.membership.company
    make_assessment(company, manager, content, checklist=["L1.1", "L1.2", "L1.3"])
    make_assessment(company, manager, content, checklist=["L2.1", "L2.2", "L2.3"])
    html = client.get(f"/companies/{company.pk}/").content.decode()
    assert "Level 1" in html and "Level 2" in html


def test_a_draft_redirects_to_its_step(client, manager, content):
    draft = make_assessment(manager.membership.company, manager, content, submit=False)
    response = client.get(f"/assessments/{draft.pk}/result/")
    assert response.status_code == 302
    assert "/step/" in response["Location"]


def test_result_page_queries_do_not_grow_with_data(
    client, manager, content, django_assert_max_num_queries
):
    company = manager.membership.company
    first = make_assessment(company, manager, content, checklist=["L2.1", "L2.2", "L2.3"])
    client.get(f"/assessments/{first.pk}/result/")  # warm the model cache
    # 15: the navigation asks whether the manager administers a group (issue 16).
    with django_assert_max_num_queries(15) as small:
        client.get(f"/assessments/{first.pk}/result/")
    for _ in range(5):
        other = make_user()
        make_assessment(
            make_company(owner=other), other, content, checklist=["L3.1", "L3.2", "L3.3"]
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"/assessments/{first.pk}/result/")


def test_the_cached_lower_page_follows_the_language(client, manager, content):
    assessment = make_assessment(
        manager.membership.company, manager, content, checklist=["L2.1", "L2.2", "L2.3"]
    )
    url = f"/assessments/{assessment.pk}/result/"
    first = client.get(url).content.decode()
    again = client.get(url).content.decode()
    assert first.split('aria-labelledby="dims"')[1] == again.split('aria-labelledby="dims"')[1]
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert content.iron_laws[0].title_en in english
    assert escape(content.iron_laws[0].title_zh) not in english.split('aria-labelledby="dims"')[1]


def test_a_new_signed_review_changes_the_cached_page(content):
    from assessments.reports.views import result_body_cache_key

    user = make_user()
    assessment = make_assessment(make_company(owner=user), user, content, checklist=["L1.1"])

    class Review:
        pk = 1
        signed_off_at = "2026-11-25"

    assert result_body_cache_key(assessment, None) != result_body_cache_key(assessment, Review())
