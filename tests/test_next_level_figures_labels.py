"""The comparison table's investment and payback figures, shown on the roadmap to the next
level, are labelled as typical of companies at that level (model reference), not as the price
of this company's step — on the result page and in the PDF."""

import html
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from assessments.reports.pdf import render_report_pdf
from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def level_2(content):
    user = make_user()
    company = make_company(owner=user)
    assessment = make_assessment(
        company,
        user,
        content,
        checklist=["L2.1", "L2.2"],
        indicators={"core_system_deployed": True, "e_work_order_pct": 92},
    )
    assert assessment.diagnosis.level == 2
    return user, assessment


def test_the_roadmap_labels_the_figures_as_typical_of_the_next_level(client, level_2, content):
    user, assessment = level_2
    client.force_login(user)
    page = client.get(f"/assessments/{assessment.pk}/result/").content.decode()
    # The business case section (tests/test_business_page.py) quotes the 投资规模 row verbatim as
    # the source of its own, explicitly scaled estimate; the roadmap is checked without it.
    page = re.sub(r'<section class="business-case".*?</section>', "", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    investment = content.dimensions_by_code["investment"].cell(3)
    payback = content.dimensions_by_code["payback"].cell(3)
    assert (investment, payback) == ("200-800万", "12-18个月")
    assert f"Level 3 企业的典型投入(模型参考值){investment}" in text
    assert f"Level 3 企业的典型回报周期(模型参考值){payback}" in text
    assert "不是为你的企业这一步测算的价格" in text
    assert "投资规模" not in text  # the bare label read as this company's cost

    page = client.get(
        f"/assessments/{assessment.pk}/result/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "Typical investment of companies at Level 3 (model reference)" in text
    assert "Typical payback period of companies at Level 3 (model reference)" in text
    assert "not a price worked out for your business's next step" in text


def test_the_pdf_roadmap_labels_the_figures_the_same_way(level_2):
    _user, assessment = level_2
    pdf = render_report_pdf(assessment, language="zh-hans")
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    assert "Level3企业的典型投入(模型参考值)" in text
    assert "Level3企业的典型回报周期(模型参考值)" in text
    assert "200-800万" in text and "12-18个月" in text
    assert "不是为你的企业这一步测算的价格" in text
