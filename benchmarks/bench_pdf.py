"""PDF report rendering time and size against a plain reference document, in the same run.

Run by hand (not a test):  .venv/bin/python benchmarks/bench_pdf.py [--runs 7]

It uses a scratch SQLite database (or $DATABASE_URL if given), creates one fully answered,
submitted assessment (all metrics, all dimensions, homework filled: the demo company at Level 3)
and measures, alternating so that machine noise hits both alike:
  - the report: template + WeasyPrint (`assessments.reports.pdf.render_report_pdf`, no cache),
  - the reference: a plain 8-page A4 document of Chinese text (the model's source document,
    repeated) in the same font, size and margins, through the same fetcher.
It prints the median times, the ratio and the file sizes.
Targets: report ≤ 1.2× the reference, report ≤ 400 KB.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = ROOT.parent / "shared" / "seed" / "000_e9faecbfe89754b3.txt"

REFERENCE_PAGES = 8
REFERENCE_CSS = """
@page { size: A4 portrait; margin: 20mm 17mm 18mm 17mm; }
html { font-family: "Noto Sans CJK SC", sans-serif; font-size: 9.5pt; line-height: 1.55;
       color: #1d2733; }
body { margin: 0; }
p { margin: 0 0 2mm; }
"""


def fully_answered_assessment():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from assessments.companies import services
    from assessments.management.commands.seed_demo import COMPANIES
    from assessments.models import Company
    from assessments.questionnaire import services as questionnaire_services

    call_command("migrate", verbosity=0)
    spec = COMPANIES[0]
    name = "基准测试 · " + spec["fields"]["name"]
    company = Company.objects.filter(name=name).first()
    if company is None:
        user, _ = get_user_model().objects.get_or_create(
            username="bench-pdf@example.com", defaults={"email": "bench-pdf@example.com"}
        )
        company = services.create_company(user=user, **{**spec["fields"], "name": name})
    assessment = company.assessments.submitted().first()
    if assessment is None:
        user = company.memberships.first().user
        assessment = questionnaire_services.start_assessment(company=company, user=user)
        for step, answers in spec["answers"].items():
            assessment = questionnaire_services.save_step(
                assessment, step=step, answers=answers, user=user
            )
        assessment = questionnaire_services.submit_assessment(assessment, user=user)
    return assessment


def reference_html(paragraph_count: int, paragraphs: list[str]) -> str:
    body = "".join(
        f"<p>{escape(paragraphs[i % len(paragraphs)])}</p>" for i in range(paragraph_count)
    )
    return f'<!DOCTYPE html><html lang="zh-Hans"><meta charset="utf-8"><body>{body}</body></html>'


def render_reference(html: str) -> bytes:
    from weasyprint import CSS, HTML

    from assessments.reports.pdf import REPORT_BASE_URL, ReportURLFetcher

    fetcher = ReportURLFetcher()
    document = HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(string=REFERENCE_CSS, url_fetcher=fetcher)])


def reference_document() -> str:
    """Exactly REFERENCE_PAGES full pages: as many of the seed's paragraphs as fit."""
    from weasyprint import CSS, HTML

    from assessments.reports.pdf import REPORT_BASE_URL, ReportURLFetcher

    paragraphs = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    paragraphs = [p for p in paragraphs if p]

    def pages(count: int) -> int:
        fetcher = ReportURLFetcher()
        document = HTML(
            string=reference_html(count, paragraphs),
            base_url=REPORT_BASE_URL,
            url_fetcher=fetcher,
        )
        return len(
            document.render(stylesheets=[CSS(string=REFERENCE_CSS, url_fetcher=fetcher)]).pages
        )

    low, high = 1, 4000  # the largest count that still gives REFERENCE_PAGES pages
    while low < high:
        middle = (low + high + 1) // 2
        if pages(middle) <= REFERENCE_PAGES:
            low = middle
        else:
            high = middle - 1
    return reference_html(low, paragraphs)


def page_count(pdf: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--language", default="zh-hans")
    args = parser.parse_args()

    scratch = Path(tempfile.gettempdir()) / "maturity-bench-pdf.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from assessments.reports.pdf import render_report_pdf

    assessment = fully_answered_assessment()
    reference = reference_document()

    # Warm up both (imports, font loading, fontconfig cache).
    report_pdf = render_report_pdf(assessment, language=args.language)
    reference_pdf = render_reference(reference)

    report_times, reference_times = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        reference_pdf = render_reference(reference)
        reference_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        report_pdf = render_report_pdf(assessment, language=args.language)
        report_times.append(time.perf_counter() - started)

    report_ms = statistics.median(report_times) * 1000
    reference_ms = statistics.median(reference_times) * 1000
    ratio = report_ms / reference_ms
    print(f"runs: {args.runs} each, language {args.language}")
    print(
        f"report     median {report_ms:7.0f} ms  (min {min(report_times) * 1000:.0f})  "
        f"{len(report_pdf) / 1024:6.0f} KB  {page_count(report_pdf)} pages"
    )
    print(
        f"reference  median {reference_ms:7.0f} ms  (min {min(reference_times) * 1000:.0f})  "
        f"{len(reference_pdf) / 1024:6.0f} KB  {page_count(reference_pdf)} pages"
    )
    size_ok = len(report_pdf) <= 400 * 1024
    print(
        f"ratio report/reference: {ratio:.2f}  (target ≤ 1.2: {'OK' if ratio <= 1.2 else 'MISSED'}); "
        f"size target ≤ 400 KB: {'OK' if size_ok else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
