"""The business case on the result page: optional figures, never needed for the result."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_assessment, make_company, make_user, ticks_for_level

pytestmark = pytest.mark.django_db


@pytest.fixture
def dealer(content):
    owner = make_user()
    company = make_company(
        owner=owner, type="dealer_4s", city_tier="tier2", technicians=40, annual_work_orders=20000
    )
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(2))
    assert assessment.diagnosis.level == 2
    return owner, assessment


def result(client, assessment) -> str:
    response = client.get(reverse("assessment_result", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_result_shows_the_case_from_the_company_size_alone(client, dealer):
    owner, assessment = dealer
    client.force_login(owner)
    page = result(client, assessment)
    assert "下一段位对你值多少" in page
    assert "从 Level 2 到 Level 3" in page
    # 20,000 work orders × (2 ÷ 1.2 − 1): low 4,400, typical 7,600, high 13,333.3
    assert "4,400" in page and "7,600" in page and "13,333" in page and "13,333.3" not in page
    assert "年工单量 20,000 × 人效提升 (2 ÷ 1.2 − 1 = 66.7%)" in page
    assert "人效水平 基准1倍 1.2倍 2倍 4倍 6倍" in page  # the source, verbatim
    assert "平均资金浪费率高达43%" in page
    assert "200 – 800 万元" in page  # 200-800万 × 40 ÷ 40
    assert "回收期需要年售后产值和毛利率" in page  # no payback is guessed
    assert "mchart-range-bars" in page
    assert reverse("assessment_business", args=[assessment.pk]) in page


def test_saving_figures_adds_money_payback_and_keeps_the_verdict(client, dealer):
    owner, assessment = dealer
    client.force_login(owner)
    url = reverse("assessment_business", args=[assessment.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "annual_revenue_wan": "3000",
            "gross_margin_pct": "40",
            "parts_inventory_wan": "500",
            "ftfr_pct": "85",
            "customer_wait_hours__unknown": "on",
            "satisfaction_basis": "nps",
            "satisfaction_score": "50",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#business-case")
    assessment.refresh_from_db()
    assert assessment.business == {
        "annual_revenue_wan": 3000,
        "gross_margin_pct": 40,
        "parts_inventory_wan": 500,
        "ftfr_pct": 85,
        "customer_wait_hours": "unknown",
        "satisfaction_basis": "nps",
        "satisfaction_score": 50,
    }
    assert assessment.diagnosis.level == 2
    page = result(client, assessment)
    assert "1.1 – 34.4 个月(典型 11.2 个月)" in page  # see tests/test_business_case.py
    assert "备件库存 500 万元 × (1 − 1 ÷ 1.35 = 25.9%)" in page
    assert "12-18个月" in page  # the table's payback for Level 3, for comparison
    assert "特斯拉(Level 4):94%" in page  # FTFR against the seed's benchmark
    assert "理想汽车(Level 3):NPS 68 → 86" in page


def test_out_of_bounds_figures_are_refused_with_the_field_named(client, dealer):
    owner, assessment = dealer
    client.force_login(owner)
    url = reverse("assessment_business", args=[assessment.pk])
    response = client.post(
        url, {"ftfr_pct": "140", "stockout_pct": "5", "stockout_pct__unknown": "on"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "100" in body and "二者只能选其一" in body
    assessment.refresh_from_db()
    assert assessment.business == {}


def test_a_consultant_may_read_but_not_write(dealer):
    from tests.factories import make_consultant

    owner, assessment = dealer
    consultant = make_consultant(clients=[assessment.company])
    client = Client()
    client.force_login(consultant)
    url = reverse("assessment_business", args=[assessment.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"ftfr_pct": "80"}).status_code == 403
    assessment.refresh_from_db()
    assert assessment.business == {}


def test_english_edition(dealer):
    owner, assessment = dealer
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    client.force_login(owner)
    page = result(client, assessment)
    assert "What the next level is worth to you" in page
    assert "annual work orders 20,000 × productivity gain (2 ÷ 1.2 − 1 = 66.7%)" in page
    assert "of independent after-sales workshops" in page
    form = client.get(reverse("assessment_business", args=[assessment.pk])).content.decode()
    assert "First-time fix rate (FTFR)" in form


def test_percent_signs_render_once(client, dealer):
    owner, assessment = dealer
    client.force_login(owner)
    page = result(client, assessment)
    assert "“67%的数字化项目未达预期,平均资金浪费率高达43%”" in page
    assert "%%" not in page
