"""The business case in the PDF report: the section, its formulas and sources as text."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from assessments import business_services
from assessments.reports.pdf import render_report_pdf
from tests.factories import make_assessment, make_company, make_user, ticks_for_level

pytestmark = pytest.mark.django_db


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_has_the_business_case(content):
    owner = make_user()
    company = make_company(owner=owner, technicians=40, annual_work_orders=20000)
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(2))
    business_services.save_business_figures(
        assessment,
        figures={"annual_revenue_wan": 3000, "gross_margin_pct": 40, "parts_inventory_wan": 500},
        user=owner,
    )
    pdf = render_report_pdf(assessment)
    text = squeeze("".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages))
    assert squeeze("下一段位对你值多少") in text
    assert squeeze("1.1 – 34.4 个月") in text
    assert squeeze("平均资金浪费率高达43%") in text
    assert squeeze("独立售后门店") in text
