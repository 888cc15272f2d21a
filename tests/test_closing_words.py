"""The seed's closing, "写在最后:数字化是手段,不是目的", every paragraph verbatim, is its own
section at the end of the result page and a short section of the PDF before the glossary."""

import html
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from assessments.reports.pdf import render_report_pdf
from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db

TITLE = "写在最后:数字化是手段,不是目的"


def seed_closing(seed: str) -> list[str]:
    """The closing's paragraphs in the seed: after its title, up to the next article's teaser."""
    start = seed.index(TITLE) + len(TITLE)
    end = seed.index("下一篇", start)
    return [line.strip() for line in seed[start:end].splitlines() if line.strip()]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def level_1(content):
    user = make_user()
    company = make_company(owner=user, type="independent")
    assessment = make_assessment(
        company,
        user,
        content,
        checklist=["L1.1", "L1.2", "L1.3", "L1.4"],
        indicators={"paper_work_order_pct": 85, "customer_data_digital_pct": 10},
    )
    return user, assessment


def test_the_result_page_ends_with_the_closing(client, level_1, seed_text):
    user, assessment = level_1
    client.force_login(user)
    page = client.get(f"/assessments/{assessment.pk}/result/").content.decode()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    paragraphs = seed_closing(seed_text)
    assert len(paragraphs) == 8
    assert "Level 1不丢人,关键是你知道自己在Level 1,并且在往Level 2努力。" in paragraphs
    assert "Level 5很美好,但也许不适合你的企业规模和发展阶段。" in paragraphs
    assert TITLE in text
    for paragraph in paragraphs:
        assert paragraph in text, paragraph
    # Its own section, after the homework.
    assert 'aria-labelledby="closing-title"' in page
    assert text.index("本章作业") < text.index(TITLE)


def test_the_result_page_closing_in_english(client, level_1):
    user, assessment = level_1
    client.force_login(user)
    page = client.get(
        f"/assessments/{assessment.pk}/result/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "Final thoughts: digitalisation is a means, not an end" in text
    assert "There is no shame in Level 1." in text
    assert "Level 5 is wonderful, but it may not suit the size and stage" in text


def test_the_pdf_has_the_closing_before_the_glossary(level_1, seed_text):
    _user, assessment = level_1
    pdf = render_report_pdf(assessment, language="zh-hans")
    pages = [squeeze(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]
    body = "".join(pages[3:])  # past the cover, the board summary (issue 14) and the contents
    assert TITLE in body
    for paragraph in seed_closing(seed_text):
        assert squeeze(paragraph) in body, paragraph
    assert body.index(TITLE) < body.rindex("关键术语中英对照表")
    assert TITLE in pages[2]  # listed in the contents
