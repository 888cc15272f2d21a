"""Downloading the PDF diagnosis report (rendering and caching are in assessments.reports.pdf)."""

import re
import unicodedata
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessments.access import assessment_for_user
from assessments.reports import pdf
from assessments.selectors import latest_signed_review
from maturity.language import normalized_language, supported_language
from maturity.language_codes import is_english

FILENAME_UNSAFE = re.compile(r'[\\/:*?"<>|]')
MAX_NAME_LENGTH = 80


def safe_filename_part(text: str) -> str:
    """A company name fit for a file name: no path separators, no characters Windows refuses,
    no control or format characters (including bidirectional overrides), whitespace collapsed."""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in text
    )
    text = FILENAME_UNSAFE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return text[:MAX_NAME_LENGTH].strip()


def content_disposition(company_name: str, date: str, language: str = "zh-hans") -> str:
    """``attachment`` with an ASCII fallback name and the full UTF-8 name (RFC 6266/5987), so a
    Chinese company name survives in every browser. The name says the report's language."""
    name = safe_filename_part(company_name)
    english = is_english(language)
    with translation.override(language):
        title = _("数字化成熟度诊断")
    suffix = "-EN" if english else ""
    full = f"{name}-{title}-{date}{suffix}.pdf" if name else f"{title}-{date}{suffix}.pdf"
    ascii_name = f"report-{date}-{'en' if english else 'zh'}.pdf"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(full, safe='')}"


@login_required
@require_safe
def report_pdf(request, assessment_id):
    """The submitted assessment's report as a PDF attachment; members of the company only."""
    # Members and granted consultants; 404 for everyone else.
    assessment = assessment_for_user(
        request.user, assessment_id, allow_consultant=True, allow_group_admin=True
    )
    if assessment.is_draft:
        raise Http404
    # ?lang= chooses the report's language at download; otherwise the page's language.
    language = normalized_language(supported_language(request.GET.get("lang")))
    try:
        data = pdf.report_pdf(
            assessment, language=language, review=latest_signed_review(assessment)
        )
    except pdf.ReportTimeout:
        result_url = reverse("assessment_result", args=[assessment.pk])
        body = format_html(
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{}</title></head>'
            '<body><p>{}</p><p><a href="{}">{}</a></p></body></html>',
            _("报告生成超时,请稍后重试"),
            _("报告生成超时,请稍后重试"),
            result_url,
            _("返回诊断结果"),
        )
        return HttpResponse(body, status=503, headers={"Retry-After": "30"})
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        assessment.company.name, pdf.report_filename_date(assessment), language
    )
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = "private, no-store"
    return response
