"""The report renderer reads nothing but data: URIs and the app's own static files.

User text full of markup (in the company name and the homework) must come out as literal text,
never make the renderer fetch a URL or read a file, and never attach a file to the PDF.
"""

import base64
import re
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from pypdf import PdfReader

from assessments.reports import pdf
from assessments.reports.pdf import ReportRefusedURL, ReportURLFetcher, html_to_pdf, static_url
from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db

ATTACKS = [
    '<img src="file:///etc/passwd">',
    '<img src="http://169.254.169.254/">',
    "<style>@import url(http://example.com/x.css)</style>",
    '<div style="background:url(file:///etc/passwd)">',
    '<link rel="attachment" href="file:///etc/passwd">',
]
FORBIDDEN = ("passwd", "169.254.169.254", "example.com", "file:", "http:")


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks the report's fetcher for, and what became of it."""
    calls = []
    real = ReportURLFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = real(self, url, headers)
        except ReportRefusedURL:
            calls.append((url, "refused"))
            raise
        calls.append((url, "served"))
        return response

    monkeypatch.setattr(ReportURLFetcher, "fetch", spy)
    return calls


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_no_attachments(reader: PdfReader):
    names = reader.trailer["/Root"].get("/Names")
    if names is not None:
        assert "/EmbeddedFiles" not in names.get_object()
    assert not reader.attachments
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"


def test_markup_in_user_text_is_printed_literally_and_never_fetched(content, fetched):
    owner = make_user()
    company = make_company(owner=owner, name=ATTACKS[4])
    goals = {
        "pain_point_1": ATTACKS[0],
        "pain_point_2": ATTACKS[1],
        "pain_point_3": ATTACKS[2],
        "next_problem_1": ATTACKS[3],
        "next_problem_2": ATTACKS[4],
        "next_problem_3": ATTACKS[0],
        "benchmark_company": ATTACKS[1],
        "benchmark_learnings": "\n".join(ATTACKS),
    }
    assessment = make_assessment(
        company, owner, content, checklist=["L1.1", "L1.2", "L1.3"], goals=goals
    )
    data = pdf.render_report_pdf(assessment, language="zh-hans")

    reader = PdfReader(BytesIO(data))
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    for attack in ATTACKS:
        assert squeeze(attack) in text
    assert squeeze(ATTACKS[4]) in squeeze(reader.pages[0].extract_text())  # the company name

    # the fetcher saw only the stylesheet and the charts, and nothing from the user text
    assert fetched, "the renderer should have fetched the stylesheet through the fetcher"
    for url, outcome in fetched:
        assert outcome == "served", url
        assert url.startswith("data:image/svg+xml;base64,") or url == static_url(
            pdf.REPORT_STYLESHEET
        )
        assert not any(word in url for word in FORBIDDEN if not url.startswith("data:"))
    assert_no_attachments(reader)


def test_markup_in_the_html_itself_is_refused_by_the_fetcher(fetched):
    """Even if markup ever reached the HTML unescaped, the fetcher refuses every URL in it."""
    html = (
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://example.com/a.css">'
        "<style>@import url(http://example.com/x.css); "
        "p { background: url(file:///etc/passwd) }</style>"
        '<link rel="attachment" href="file:///etc/passwd"></head><body>'
        '<p>text</p><img src="file:///etc/passwd"><img src="http://169.254.169.254/">'
        '<img src="https://example.com/x.png"><img src="ftp://example.com/x.png">'
        '<a rel="attachment" href="file:///etc/hosts">attached?</a>'
        '<img src="/static/../config/settings.py"><img src="../../etc/passwd">'
        "</body></html>"
    )
    data = html_to_pdf(html)
    assert data.startswith(b"%PDF-")
    refused = {url for url, outcome in fetched if outcome == "refused"}
    served = {url for url, outcome in fetched if outcome == "served"}
    assert served == {static_url(pdf.REPORT_STYLESHEET)}
    for url in (
        "http://example.com/a.css",
        "http://example.com/x.css",
        "file:///etc/passwd",
        "http://169.254.169.254/",
        "https://example.com/x.png",
        "ftp://example.com/x.png",
    ):
        assert url in refused
    # relative URLs resolve against the reserved origin, never the filesystem
    assert all(
        url.startswith(("https://report.invalid/", "http:", "https:", "file:", "ftp:"))
        for url in refused
    )
    assert "https://report.invalid/etc/passwd" in refused
    assert "https://report.invalid/config/settings.py" in refused
    assert_no_attachments(PdfReader(BytesIO(data)))


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.css",
        "https://example.com/x.css",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "https://report.invalid/static/../config/settings.py",
        "https://report.invalid/static/css/../../config/settings.py",
        "https://report.invalid/static/%2e%2e/config/settings.py",
        "https://report.invalid/static/css/%2E%2E/%2E%2E/manage.py",
        "https://report.invalid/static//etc/passwd",
        "https://report.invalid/static/css\\..\\..\\manage.py",
        "https://report.invalid/etc/passwd",
        "https://report.invalid/static/css/no-such-file.css",
        "https://report.invalid/static/css/report_pdf.css?x=1",
        "https://report.invalid.example.com/static/css/report_pdf.css",
        "https://user@report.invalid/static/css/report_pdf.css",
        "javascript:alert(1)",
        "report.css",
    ],
)
def test_fetcher_refuses(url):
    with pytest.raises(ReportRefusedURL):
        ReportURLFetcher().fetch(url)


def test_fetcher_serves_data_uris():
    fetcher = ReportURLFetcher()
    response = fetcher.fetch("data:text/plain;base64," + base64.b64encode(b"hello").decode())
    assert response.read() == b"hello"
    assert response.content_type == "text/plain"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    response = fetcher.fetch("data:image/svg+xml;base64," + base64.b64encode(svg).decode())
    assert response.read() == svg
    assert response.content_type == "image/svg+xml"


def test_fetcher_serves_the_apps_static_files():
    fetcher = ReportURLFetcher()
    response = fetcher.fetch(static_url("css/report_pdf.css"))
    assert response.read() == Path(finders.find("css/report_pdf.css")).read_bytes()
    assert response.content_type == "text/css"
    assert static_url("css/report_pdf.css") == "https://report.invalid/static/css/report_pdf.css"
    image = fetcher.fetch(static_url("img/favicon.svg"))
    assert image.read() == Path(finders.find("img/favicon.svg")).read_bytes()


def test_fetcher_refuses_a_symlink_out_of_the_static_folder(tmp_path, settings):
    (tmp_path / "static").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (tmp_path / "static" / "leak.txt").symlink_to(secret)
    (tmp_path / "static" / "ok.txt").write_text("ok")
    settings.STATICFILES_DIRS = [tmp_path / "static"]
    finders.get_finder.cache_clear()
    try:
        fetcher = ReportURLFetcher()
        assert fetcher.fetch(static_url("ok.txt")).read() == b"ok"
        with pytest.raises(ReportRefusedURL):
            fetcher.fetch(static_url("leak.txt"))
    finally:
        finders.get_finder.cache_clear()


def test_renderer_is_given_the_fetcher_and_a_non_filesystem_base_url(monkeypatch):
    import weasyprint

    seen = {}
    real_html, real_css = weasyprint.HTML, weasyprint.CSS

    def html(*args, **kwargs):
        seen["html"] = kwargs
        return real_html(*args, **kwargs)

    def css(*args, **kwargs):
        seen.setdefault("css", []).append(kwargs)
        return real_css(*args, **kwargs)

    monkeypatch.setattr(pdf, "HTML", html)
    monkeypatch.setattr(pdf, "CSS", css)
    html_to_pdf("<p>x</p>")
    assert isinstance(seen["html"]["url_fetcher"], ReportURLFetcher)
    assert seen["html"]["base_url"] == "https://report.invalid/"
    assert seen["css"] and all(
        isinstance(kwargs["url_fetcher"], ReportURLFetcher) for kwargs in seen["css"]
    )
