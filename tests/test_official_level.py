"""A signed review's confirmed level is the company's official level: the result page's hero,
the PDF cover and summary, the roadmap, homework 1 and the dashboard follow it, the computed
level stays visible beside it with the justification, section comments reach their sections,
and `render_report` produces what the download does."""

import re
from io import BytesIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from assessments.models import Diagnosis
from tests.factories import (
    make_assessment,
    make_company,
    make_consultant,
    make_review,
    make_user,
    ticks_for_level,
)

pytestmark = pytest.mark.django_db

JUSTIFICATION = "系统勾选了AI能力,但现场核查:工单仍以纸质为主,尚无统一系统。"
ROADMAP_NOTE = "先上DMS,三个月内把工单电子化率提到80%以上。"
LEVEL_4_INDICATORS = {
    "core_system_deployed": True,
    "e_work_order_pct": 95,
    "system_integration_pct": 85,
    "bi_core_coverage": True,
    "process_automation_pct": 65,
    "ai_in_production": True,
    "predictive_maintenance_pct": 45,
    "remote_ota_fix_pct": 35,
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf: bytes) -> list[str]:
    return [squeeze(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


@pytest.fixture
def overridden(content):
    owner = make_user()
    company = make_company(owner=owner, name="复核汽车服务")
    assessment = make_assessment(
        company, owner, content, checklist=ticks_for_level(4), indicators=LEVEL_4_INDICATORS
    )
    assert assessment.diagnosis.level == 4
    consultant = make_consultant(clients=[company])
    make_review(
        assessment,
        consultant,
        confirmed_level=1,
        justification=JUSTIFICATION,
        section_comments={"roadmap": ROADMAP_NOTE},
        signer_name="王顾问",
    )
    return owner, consultant, assessment


def test_the_pdf_cover_shows_the_confirmed_level_and_the_justification(client, overridden):
    owner, _consultant, assessment = overridden
    client.force_login(owner)
    response = client.get(f"/assessments/{assessment.pk}/report.pdf")
    assert response.status_code == 200
    pages = pdf_pages(response.content)
    cover = pages[0]
    assert "顾问确认段位" in cover
    assert "Level1" in cover
    assert "系统诊断:Level4·顾问确认:Level1" in cover
    assert squeeze(JUSTIFICATION) in cover
    whole = "".join(pages)
    assert squeeze(ROADMAP_NOTE) in whole
    # The roadmap and homework 1 follow the official level: the way up is to Level 2.
    assert "Level2" in whole and "顾问确认的段位;系统诊断为Level4" in whole


def test_the_result_page_leads_with_the_official_level(client, overridden):
    owner, _consultant, assessment = overridden
    client.force_login(owner)
    html = client.get(f"/assessments/{assessment.pk}/result/").content.decode()
    hero = html[html.index("level-hero") : html.index("</section>", html.index("level-hero"))]
    assert "Level 1 ·" in hero
    assert "Level 4</strong>" in hero  # the computed level, beside it
    assert JUSTIFICATION in hero
    assert ROADMAP_NOTE in html


def test_render_report_equals_the_download(client, overridden, tmp_path):
    owner, _consultant, assessment = overridden
    client.force_login(owner)
    downloaded = pdf_pages(client.get(f"/assessments/{assessment.pk}/report.pdf").content)
    target = tmp_path / "report.pdf"
    call_command("render_report", str(assessment.pk), output=str(target))
    rendered = pdf_pages(target.read_bytes())
    assert rendered == downloaded
    assert squeeze(JUSTIFICATION) in rendered[0]


def test_a_provisional_verdict_says_so_on_the_cover(client, content):
    owner = make_user()
    company = make_company(owner=owner)
    assessment = make_assessment(
        company,
        owner,
        content,
        checklist=["L1.3", "L1.5", "L4.1", "L4.2", "L4.4"],
        indicators={
            "paper_work_order_pct": 70,
            "customer_data_digital_pct": 20,
            "has_unified_system": False,
            "core_system_deployed": False,
        },
    )
    diagnosis = Diagnosis.objects.get(assessment=assessment)
    assert (diagnosis.level, diagnosis.checklist_level, diagnosis.skipped) == (1, 4, True)
    assert diagnosis.provisional and diagnosis.rules_version == 2
    client.force_login(owner)
    cover = pdf_pages(client.get(f"/assessments/{assessment.pk}/report.pdf").content)[0]
    assert "诊断段位(暂定)" in cover
    assert "暂定结果" in cover
