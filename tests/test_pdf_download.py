"""Downloading the PDF report: who may, the attachment header, the database cache, the time
limit, the result page's link and the render_report command."""

import threading
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments.models import ReportFile
from assessments.reports import pdf
from assessments.reports.pdf_views import content_disposition, safe_filename_part
from tests.factories import make_assessment, make_colleague, make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_renders_in_flight():
    pdf._IN_FLIGHT.clear()
    yield
    pdf._IN_FLIGHT.clear()


@pytest.fixture
def world(content):
    owner = make_user()
    company = make_company(owner=owner, name="宁波星河汽车服务")
    colleague = make_colleague(company)
    outsider = make_user()
    make_company(owner=outsider)
    submitted = make_assessment(company, owner, content, checklist=["L1.1", "L1.2", "L1.3"])
    draft = make_assessment(company, owner, content, submit=False)
    return {
        "owner": owner,
        "colleague": colleague,
        "outsider": outsider,
        "company": company,
        "submitted": submitted,
        "draft": draft,
    }


@pytest.fixture
def renders(monkeypatch):
    """Counts the WeasyPrint layouts (the expensive step) while still producing real PDFs."""
    calls = []
    real = pdf.html_to_pdf

    def counting(html, **kwargs):
        calls.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", counting)
    return calls


def url(assessment) -> str:
    return f"/assessments/{assessment.pk}/report.pdf"


def submitted_date(assessment) -> str:
    return timezone.localtime(assessment.submitted_at).strftime("%Y-%m-%d")


@pytest.mark.parametrize("who", ["owner", "colleague"])
def test_members_download_the_pdf(client, world, who, renders):
    client.force_login(world[who])
    response = client.get(url(world["submitted"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    date = submitted_date(world["submitted"])
    full_name = f"宁波星河汽车服务-数字化成熟度诊断-{date}.pdf"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"report-{date}-zh.pdf\"; filename*=UTF-8''{quote(full_name)}"
    )
    assert "private" in response["Cache-Control"]
    assert len(renders) == 1


def test_outsider_gets_404(client, world):
    client.force_login(world["outsider"])
    assert client.get(url(world["submitted"])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(url(world["submitted"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_draft_has_no_report(client, world):
    client.force_login(world["owner"])
    assert client.get(url(world["draft"])).status_code == 404


def test_unknown_id_is_404(client, world):
    client.force_login(world["owner"])
    response = client.get("/assessments/00000000-0000-0000-0000-000000000000/report.pdf")
    assert response.status_code == 404


def test_post_is_not_allowed(client, world):
    client.force_login(world["owner"])
    assert client.post(url(world["submitted"])).status_code == 405


def test_second_download_comes_from_the_database(client, world, renders):
    client.force_login(world["owner"])
    first = client.get(url(world["submitted"]))
    client.force_login(world["colleague"])
    second = client.get(url(world["submitted"]))
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(renders) == 1
    row = ReportFile.objects.get()
    assert row.assessment_id == world["submitted"].pk
    assert row.language == "zh-hans"
    assert row.template_version == pdf.template_version()
    assert bytes(row.pdf) == first.content


def test_cache_is_keyed_by_language_and_company_profile(client, world, renders):
    client.force_login(world["owner"])
    client.get(url(world["submitted"]))
    client.get(url(world["submitted"]), headers={"accept-language": "en"})
    assert len(renders) == 2
    assert set(ReportFile.objects.values_list("language", flat=True)) == {"zh-hans", "en"}
    assert '<html lang="en">' in renders[1]

    # renaming the company makes a new report (and drops the stale one)
    company = world["company"]
    company.name = "宁波星河汽车服务(新名)"
    company.save()
    response = client.get(url(world["submitted"]))
    assert len(renders) == 3
    assert "宁波星河汽车服务(新名)" in renders[2]
    assert quote("宁波星河汽车服务(新名)") in response["Content-Disposition"]
    assert ReportFile.objects.filter(language="zh-hans").count() == 1


def test_new_template_version_renders_again(client, world, renders, monkeypatch):
    client.force_login(world["owner"])
    client.get(url(world["submitted"]))
    monkeypatch.setattr(pdf, "template_version", lambda: "test-next-version")
    client.get(url(world["submitted"]))
    assert len(renders) == 2
    assert list(ReportFile.objects.values_list("template_version", flat=True)) == [
        "test-next-version"
    ]


def test_timeout_is_a_friendly_503_and_the_retry_gets_the_finished_render(
    client, world, settings, monkeypatch
):
    settings.REPORT_PDF_TIMEOUT = 0.2
    release = threading.Event()
    calls = []
    real = pdf.html_to_pdf

    def slow(html, **kwargs):
        calls.append(1)
        release.wait(10)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", slow)
    client.force_login(world["owner"])
    try:
        response = client.get(url(world["submitted"]))
        assert response.status_code == 503
        assert response["Retry-After"]
        assert "报告生成超时,请稍后重试" in response.content.decode()
        assert not ReportFile.objects.exists()
    finally:
        release.set()
    settings.REPORT_PDF_TIMEOUT = 30
    response = client.get(url(world["submitted"]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert len(calls) == 1  # the retry waited for the render already running
    assert ReportFile.objects.count() == 1


def test_result_page_links_to_the_pdf(client, world):
    client.force_login(world["owner"])
    html = client.get(f"/assessments/{world['submitted'].pk}/result/").content.decode()
    assert "下载 PDF 报告" in html
    assert f'href="{url(world["submitted"])}"' in html


def test_filename_keeps_chinese_and_drops_separators_and_controls():
    assert safe_filename_part("宁波/星河\\汽车\n服务\x00\u202e中心") == "宁波 星河 汽车 服务 中心"
    assert safe_filename_part('a:b*c?d"e<f>g|h') == "a b c d e f g h"
    assert safe_filename_part("../..") == ""
    header = content_disposition("../../etc/passwd\r\nX-Evil: 1", "2026-01-02")
    assert "\r" not in header and "\n" not in header
    filename_star = header.split("filename*=UTF-8''")[1]
    assert "/" not in filename_star and "%2F" not in filename_star.upper()
    assert header.startswith('attachment; filename="report-2026-01-02-zh.pdf"; ')
    assert content_disposition("", "2026-01-02").endswith(quote("数字化成熟度诊断-2026-01-02.pdf"))


def test_render_report_command(world, tmp_path):
    target = tmp_path / "report.pdf"
    out = StringIO()
    call_command(
        "render_report", str(world["submitted"].pk), output=str(target), language="en", stdout=out
    )
    assert target.read_bytes().startswith(b"%PDF-")
    assert "Wrote" in out.getvalue()


def test_render_report_command_fails_clearly(world, tmp_path):
    target = str(tmp_path / "report.pdf")
    with pytest.raises(CommandError, match="No assessment with id"):
        call_command("render_report", "00000000-0000-0000-0000-000000000000", output=target)
    with pytest.raises(CommandError, match="UUID"):
        call_command("render_report", "not-an-id", output=target)
    with pytest.raises(CommandError, match="draft"):
        call_command("render_report", str(world["draft"].pk), output=target)
    assert not (tmp_path / "report.pdf").exists()


def test_template_version_follows_the_template_catalogues_and_model_data():
    sources = {path.name for path in pdf.version_sources()}
    assert "report_pdf.html" in sources and "report_pdf.css" in sources
    assert any(name.endswith(".yaml") for name in sources)
    version = pdf.template_version()
    assert version.startswith(pdf.REPORT_TEMPLATE_VERSION + "-")
    assert pdf.template_version() == version  # stable while nothing changes


def test_template_version_changes_when_a_source_changes(tmp_path, monkeypatch):
    source = tmp_path / "report_pdf.html"
    source.write_text("<p>one</p>")
    monkeypatch.setattr(pdf, "version_sources", lambda: [source])
    before = pdf.template_version()
    source.write_text("<p>two, longer</p>")
    assert pdf.template_version() != before
