"""The PDF report in English: the language is chosen at download (?lang=en, else the active
language), the file name says which, and the text is English apart from what the company typed
and the glossary's Chinese column.

Until the download URL exists these tests skip themselves."""

import re
import uuid
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.factories import make_assessment, make_company, make_user
from tests.test_english_edition import ASCII_COMPANY, ASCII_GOALS, CJK, LEVEL_3_INDICATORS


def _report_url_exists() -> bool:
    try:
        reverse("assessment_report_pdf", args=[uuid.uuid4()])
    except NoReverseMatch:
        return False
    return True


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not _report_url_exists(), reason="no assessment_report_pdf URL yet"),
]


@pytest.fixture(autouse=True)
def no_renders_in_flight():
    from assessments.reports import pdf

    pdf._IN_FLIGHT.clear()
    yield
    pdf._IN_FLIGHT.clear()


def make_report(content, **company):
    manager = make_user()
    company = make_company(owner=manager, **{**ASCII_COMPANY, **company})
    assessment = make_assessment(
        company,
        manager,
        content,
        checklist=["L2.1", "L2.2", "L3.1", "L3.2", "L3.3", "L3.4"],
        indicators=LEVEL_3_INDICATORS,
        dimensions={"work_orders": 3, "data_quality": 2},
        goals=ASCII_GOALS,
    )
    return manager, assessment


def client_in(language: str, user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def pdf_url(assessment, **query) -> str:
    url = reverse("assessment_report_pdf", args=[assessment.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def download(client, url) -> tuple[str, str, object]:
    """(text of every page, the file name offered, the PdfReader)."""
    from pypdf import PdfReader

    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    disposition = response["Content-Disposition"]
    encoded = re.search(r"filename\*=UTF-8''([^;]+)", disposition)
    name = unquote(encoded[1]) if encoded else re.search(r'filename="([^"]+)"', disposition)[1]
    return text, name, reader


def english_problems(text: str, content, allowed_user_text=()) -> list[str]:
    """Chinese in the extracted text, once the glossary's Chinese terms and the user's own
    text are taken out."""
    for term in sorted((t.term_zh for t in content.glossary), key=len, reverse=True):
        text = text.replace(term, "")
    for user_text in allowed_user_text:
        text = text.replace(user_text, "")
    squeezed = re.sub(r"\s+", "", text)
    return [squeezed[max(0, m.start() - 20) : m.end() + 20] for m in CJK.finditer(squeezed)][:10]


def test_the_report_is_english_when_the_interface_is(content):
    manager, assessment = make_report(content)
    text, name, _reader = download(client_in("en", manager), pdf_url(assessment))
    assert english_problems(text, content) == []
    squeezed = re.sub(r"\s+", " ", text)
    assert "Data-driven" in squeezed
    assert "Acme Motors Service" in squeezed
    # the file name is English too: it says which language the report is in
    assert not CJK.search(name), name
    assert "Digital" in name and name.endswith(".pdf"), name


def test_the_chinese_report_stays_chinese(content):
    manager, assessment = make_report(content)
    text, name, _reader = download(client_in("zh-hans", manager), pdf_url(assessment))
    assert "数据驱动" in re.sub(r"\s+", "", text)
    assert "数字化成熟度诊断" in name


def test_the_language_is_chosen_at_download(content):
    manager, assessment = make_report(content)
    chinese_ui = client_in("zh-hans", manager)
    text, name, _reader = download(chinese_ui, pdf_url(assessment, lang="en"))
    assert english_problems(text, content) == []
    assert not CJK.search(name) and "en" in name.lower(), name
    english_ui = client_in("en", manager)
    text, name, _reader = download(english_ui, pdf_url(assessment, lang="zh-hans"))
    assert "数据驱动" in re.sub(r"\s+", "", text)
    # an unknown language falls back to the active one instead of failing
    text, _name, _reader = download(english_ui, pdf_url(assessment, lang="xx"))
    assert english_problems(text, content) == []


def test_english_text_is_set_in_a_latin_font_and_a_chinese_name_still_shows(content):
    from tests.test_pdf_report import font_names

    manager, assessment = make_report(content, name="宁波星河汽车服务")
    text, _name, reader = download(client_in("en", manager), pdf_url(assessment))
    assert "宁波星河汽车服务" in re.sub(r"\s+", "", text)
    assert english_problems(text, content, allowed_user_text=["宁波星河汽车服务"]) == []
    fonts = " ".join(font_names(reader))
    assert "CJK" in fonts  # the company's Chinese name
    assert re.search(r"Liberation|DejaVu|Noto ?Sans(?! ?CJK)|Source ?Sans|Inter", fonts), fonts
