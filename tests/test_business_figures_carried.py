"""A re-assessment starts from last time's operational figures, and the business page says they
are last time's until the manager saves this year's; work orders are whole numbers on the page."""

import pytest

from assessments.business_services import save_business_figures
from assessments.models import Assessment
from tests.factories import make_assessment, make_company, make_user, ticks_for_level

pytestmark = pytest.mark.django_db

FIGURES = {"annual_revenue_wan": 650, "gross_margin_pct": 38, "parts_inventory_wan": 90}


def test_reassessment_carries_the_figures_and_says_so(client, content):
    owner = make_user()
    company = make_company(owner, technicians=12, annual_work_orders=5200)
    earlier = make_assessment(company, owner, content, checklist=ticks_for_level(1))
    save_business_figures(earlier, figures=FIGURES, user=owner)
    client.force_login(owner)

    client.post(f"/assessments/{earlier.pk}/reassess/")
    draft = Assessment.objects.exclude(pk=earlier.pk).get()
    assert draft.business == Assessment.objects.get(pk=earlier.pk).business

    page = client.get(f"/assessments/{draft.pk}/business/").content.decode()
    assert "以下数字沿用上次测评" in page
    assert 'value="650"' in page

    client.post(
        f"/assessments/{draft.pk}/business/",
        {"annual_revenue_wan": "700", "gross_margin_pct": "36", "parts_inventory_wan": "80"},
    )
    draft.refresh_from_db()
    assert draft.business["annual_revenue_wan"] == 700
    page = client.get(f"/assessments/{draft.pk}/business/").content.decode()
    assert "以下数字沿用上次测评" not in page


def test_extra_work_orders_are_whole_numbers(client, content):
    owner = make_user()
    company = make_company(owner, technicians=12, annual_work_orders=5200)
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(1))
    save_business_figures(assessment, figures=FIGURES, user=owner)
    client.force_login(owner)
    page = client.get(f"/assessments/{assessment.pk}/result/").content.decode()
    # 5,200 × 20% × 33% = 343.2 work orders: shown as 343, not 343.2.
    assert "343.2" not in page
    assert ">343<" in page
