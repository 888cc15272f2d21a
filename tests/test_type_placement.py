"""The company against its own type, as the seed places the types (the 代表企业 row and the
levels' 行业现状): typical / ahead / behind, with the seed's sentences as the reasons — from the
pure function, on the result page and in the PDF."""

import html
import re
from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from assessments.reports.pdf import render_report_pdf
from assessments.reports.type_placement import AHEAD, BEHIND, TYPICAL, type_placement
from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db

INDEPENDENT_L1 = "中国仍有约35%的独立售后门店(约12万家)处于Level 1阶段"
MOST_4S_L2 = "约48%的中国汽车售后企业处于Level 2阶段,包括大部分4S店和区域连锁"
OEM_L3 = "主要是造车新势力(蔚来、理想、小鹏)和少数头部主机厂的直营体系"


@pytest.mark.parametrize(
    ("company_type", "level", "typical", "verdict"),
    [
        ("independent", 1, (1, 1), TYPICAL),
        ("independent", 2, (1, 1), AHEAD),
        ("dealer_4s", 1, (2, 2), BEHIND),
        ("dealer_4s", 2, (2, 2), TYPICAL),
        ("dealer_4s", 3, (2, 2), AHEAD),
        ("regional_chain", 1, (2, 3), BEHIND),
        ("regional_chain", 2, (2, 3), TYPICAL),
        ("regional_chain", 3, (2, 3), TYPICAL),
        ("regional_chain", 4, (2, 3), AHEAD),
        ("dealer_4s", None, (2, 2), None),
        ("oem_direct", 3, None, None),
    ],
)
def test_typical_ahead_or_behind_for_the_type(content, company_type, level, typical, verdict):
    placement = type_placement(company_type, level, content)
    assert placement.typical == typical
    assert placement.verdict == verdict
    assert placement.sentence


def test_the_reasons_are_the_seeds_sentences(content):
    independent = type_placement("independent", 1, content)
    assert independent.sentence == "Level 1 是“独立售后门店”的典型段位(Level 1)。"
    assert any(INDEPENDENT_L1 in reason for reason in independent.reasons)
    assert any("“独立小店”" in reason for reason in independent.reasons)

    dealer = type_placement("dealer_4s", 3, content)
    assert dealer.sentence == "Level 3 领先于“4S店”的典型段位(Level 2)。"
    assert any(MOST_4S_L2 in reason for reason in dealer.reasons)
    assert any("“多数4S店”" in reason for reason in dealer.reasons)
    assert type_placement("dealer_4s", 1, content).sentence == (
        "Level 1 落后于“4S店”的典型段位(Level 2)。"
    )

    # A regional chain is placed by both texts: most are at Level 2, the table's Level 3 names it.
    chain = type_placement("regional_chain", 3, content)
    assert chain.typical_label == "Level 2-3"
    assert any(MOST_4S_L2 in reason for reason in chain.reasons)
    assert any("“理想/区域连锁”" in reason for reason in chain.reasons)

    # The seed places only *a few* OEMs' own networks (at Level 3): no verdict, its words quoted.
    oem = type_placement("oem_direct", 4, content)
    assert oem.verdict is None and "不判断领先或落后" in oem.sentence
    assert any(OEM_L3 in reason for reason in oem.reasons)

    assert type_placement("other", 2, content) is None


def test_in_english(content):
    with translation.override("en"):
        dealer = type_placement("dealer_4s", 3, content)
    assert dealer.sentence == (
        "Level 3 is ahead of what is typical for your type of business, "
        "\u201c4S dealership\u201d (Level 2)."
    )
    assert any("including most 4S dealerships and regional chains" in r for r in dealer.reasons)
    assert any("\u201cMost 4S dealerships\u201d" in r for r in dealer.reasons)


LEVEL_3 = {
    "checklist": ["L2.1", "L2.2", "L3.1", "L3.2", "L3.3", "L3.4"],
    "indicators": {
        "core_system_deployed": True,
        "e_work_order_pct": 95,
        "system_integration_pct": 85,
        "bi_core_coverage": True,
        "process_automation_pct": 65,
        "data_decision_pct": 75,
        "frontline_data_access": True,
    },
}


@pytest.fixture
def dealer_at_level_3(content):
    user = make_user()
    company = make_company(owner=user, type="dealer_4s")
    assessment = make_assessment(company, user, content, **LEVEL_3)
    assert assessment.diagnosis.level == 3
    return user, assessment


def test_the_result_page_places_the_company_against_its_type(client, dealer_at_level_3):
    user, assessment = dealer_at_level_3
    client.force_login(user)
    response = client.get(f"/assessments/{assessment.pk}/result/")
    text = html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))
    assert "与同类企业相比(4S店)" in text
    assert "Level 3 领先于“4S店”的典型段位(Level 2)。" in text
    assert MOST_4S_L2 in text
    assert "“代表企业”一行:Level 2 为“多数4S店”。" in text


def test_the_pdf_places_the_company_against_its_type(dealer_at_level_3):
    _user, assessment = dealer_at_level_3
    pdf = render_report_pdf(assessment, language="zh-hans")
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    assert "与同类企业相比(4S店)" in text
    assert "Level3领先于“4S店”的典型段位(Level2)。" in text
    assert re.sub(r"\s+", "", MOST_4S_L2) in text
    assert "Level2为“多数4S店”" in text
