"""The PDF opens with a one-page board summary (after the cover): the official level and its
confidence, the 3 biggest gaps, the 3 actions with owners and dates, the typical cost and
payback labelled as typical, and the risks (the iron laws that apply)."""

import datetime
import re
from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from assessments import plan_services
from assessments.action_plans import proposal_for_report
from assessments.reports.pdf import render_report_pdf
from assessments.reports.report import build_report
from tests.factories import make_assessment, make_company, make_user, ticks_for_level

pytestmark = pytest.mark.django_db


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def assessment(content):
    owner = make_user()
    company = make_company(owner, type="dealer_4s", technicians=30, annual_work_orders=12000)
    return make_assessment(
        company,
        owner,
        content,
        checklist=ticks_for_level(2) + ["L2.3", "L2.4", "L2.5"],
        indicators={"core_system_deployed": True, "e_work_order_pct": 85},
    )


def pages(pdf: bytes) -> list[str]:
    return [squeeze(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


def test_board_summary_is_the_page_after_the_cover(assessment):
    report = build_report(assessment)
    plan = plan_services.create_plan(
        assessment=assessment, user=None, proposal=proposal_for_report(report)
    )
    first = plan.actions.order_by("position").first()
    plan_services.update_action(first, owner_name="李总监", due_date=datetime.date(2027, 1, 31))
    text = pages(render_report_pdf(assessment, language="zh-hans"))
    board = text[1]
    assert "董事会一页纸摘要" in board
    assert "Level2" in board and "自动诊断" in board
    assert "3个最大的差距" in board and "C3.2" in board
    assert "依赖主机厂" in board and "L3.1" in board
    assert "李总监" in board and "2027-01-31" in board and "建立售后KPI体系" in board
    assert "200-800万" in board and "12-18个月" in board  # the table's Level 3 figures
    assert "典型" in board and "不是为你的企业测算的价格" in board
    # The laws that apply: law 3 (data silos), law 4 (the organisation); law 5's roll-out is
    # for networks of service centres, not a single 4S dealer.
    assert "铁律3" in board and "铁律4" in board and "铁律5" not in board
    assert "董事会一页纸摘要" not in text[0] and "董事会一页纸摘要" not in text[2]


def test_without_a_plan_the_board_shows_the_proposed_three_in_english(assessment):
    with translation.override("en"):
        text = pages(render_report_pdf(assessment, language="en"))
    board = text[1]
    assert "One-pageboardsummary" in board
    assert "Officiallevel" in board and "Computed,notyetconfirmed" in board
    assert "Suggestedthreeactions(noactionplanyet)" in board
    assert "Anafter-salesKPIsystem" in board  # the library's English title
    assert "DependsontheOEM" in board
    assert "notapricecalculatedforyourbusiness" in board
    assert not re.search(r"[\u4e00-\u9fff]", board.replace("测试企业", "")), board


def test_a_plan_edit_gives_the_cached_pdf_a_new_key(assessment):
    from assessments.reports.pdf import inputs_digest

    before = inputs_digest(assessment)
    plan = plan_services.create_plan(
        assessment=assessment, user=None, proposal=proposal_for_report(build_report(assessment))
    )
    made = inputs_digest(assessment)
    plan_services.update_action(plan.actions.first(), owner_name="王五")
    assert len({before, made, inputs_digest(assessment)}) == 3


def test_the_board_summary_quotes_the_business_case_range(content):
    """With the company's size and figures, the board page quotes the estimated investment and
    payback range (issue 15 on the board summary of issue 14)."""
    from assessments.business_services import save_business_figures
    from tests.factories import make_assessment, make_company, make_user

    owner = make_user()
    company = make_company(owner=owner, technicians=12, annual_work_orders=5200)
    assessment = make_assessment(company, owner, content, checklist=["L1.1", "L1.2", "L1.3"])
    save_business_figures(
        assessment,
        figures={"annual_revenue_wan": 650, "gross_margin_pct": 38, "parts_inventory_wan": 90},
        user=owner,
    )
    board = pages(render_report_pdf(assessment, language="zh-hans"))[1]
    assert "按你的规模估算的投入:15–60万元" in board
    assert "回收期:3.6–44.2个月" in board
