"""Each submitted assessment's PDF is rendered by a task right after submission and stored,
so the first download is served from the stored bytes without rendering; a signed review
(which the report shows) is rendered ahead again."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from assessments.models import ReportFile
from assessments.reports import pdf
from tests.factories import (
    make_assessment,
    make_company,
    make_consultant,
    make_review,
    make_user,
    ticks_for_level,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts the WeasyPrint layouts (the expensive step) while still producing real PDFs."""
    calls = []
    real = pdf.html_to_pdf

    def counting(html, **kwargs):
        calls.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", counting)
    pdf._IN_FLIGHT.clear()
    yield calls
    pdf._IN_FLIGHT.clear()


def text_of(data: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages))


def test_the_first_download_after_submission_renders_nothing(
    client, content, renders, django_capture_on_commit_callbacks
):
    owner = make_user()
    company = make_company(owner=owner, name="嘉兴预渲染汽修")
    draft = make_assessment(company, owner, content, submit=False, checklist=ticks_for_level(2))
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/assessments/{draft.pk}/submit/").status_code == 302
    assert len(renders) == 1  # the task, after the commit
    assert ReportFile.objects.filter(assessment=draft, language="zh-hans").count() == 1

    response = client.get(f"/assessments/{draft.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(renders) == 1  # served from the stored bytes
    text = text_of(response.content)
    assert "嘉兴预渲染汽修" in text and "数字化成熟度诊断" in text

    # A signed review changes the report: it is rendered again ahead of the download.
    consultant = make_consultant(clients=[company])
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        make_review(draft, consultant, signer_name="赵顾问")
    assert len(renders) == 2
    response = client.get(f"/assessments/{draft.pk}/report.pdf")
    assert len(renders) == 2
    assert "赵顾问" in text_of(response.content)
    assert ReportFile.objects.filter(assessment=draft).count() == 1  # the stale one is gone


def test_an_english_submitter_gets_the_english_report_ahead(
    client, content, renders, django_capture_on_commit_callbacks
):
    owner = make_user()
    company = make_company(owner=owner, name="Acme Motors")
    draft = make_assessment(company, owner, content, submit=False)
    client.force_login(owner)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/assessments/{draft.pk}/submit/", HTTP_ACCEPT_LANGUAGE="en")
    assert list(ReportFile.objects.values_list("language", flat=True)) == ["en"]
    response = client.get(f"/assessments/{draft.pk}/report.pdf?lang=en")
    assert response.status_code == 200 and len(renders) == 1
    text = text_of(response.content)
    assert "AcmeMotors" in text and "DigitalMaturity" in text
