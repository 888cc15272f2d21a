"""The result page of one assessment and a company's progress over time (the PDF download is in
`pdf_views`)."""

import hashlib
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_safe

from assessments.access import assessment_for_user, company_for_user
from assessments.action_plans import plan_follow_up, result_top_actions
from assessments.business_benchmarks import business_section
from assessments.fingerprint import files_digest
from assessments.reports.progress import build_progress
from assessments.reports.report import build_report, report_charts
from maturity.selectors import model_content


@login_required
@require_safe
def assessment_result(request, assessment_id):
    assessment = assessment_for_user(
        request.user, assessment_id, allow_consultant=True, allow_group_admin=True
    )
    if assessment.is_draft:
        return redirect(
            "assessment_step", assessment_id=assessment.pk, step=assessment.current_step
        )
    report = build_report(assessment)
    return render(
        request,
        "assessments/result.html",
        {
            "report": report,
            "charts": report_charts(report),
            "company": assessment.company,
            "review": report.review,
            "viewer_is_member": assessment.viewer_is_member,
            "viewer_is_consultant": assessment.viewer_is_consultant,
            "body_cache_key": result_body_cache_key(assessment, report.review),
            "business": business_section(report),
            "can_edit_business": assessment.viewer_is_member,
            "business_assessment_id": assessment.pk,
            "plan_top": result_top_actions(report),  # the action plan's top 3 (issue 14)
        },
    )


def _code_digest() -> str:
    """What the cached part of the result page is made from besides the data: its template, the
    report builder and the translation catalogues (a deploy changes them, the key follows)."""
    root = Path(__file__).resolve().parent.parent.parent
    return files_digest(
        [
            root / "templates" / "assessments" / "result.html",
            root / "assessments" / "reports" / "report.py",
            *sorted((root / "locale").glob("*/LC_MESSAGES/django.mo")),
        ]
    )[:16]


_RESULT_CODE_DIGEST = _code_digest()


def result_body_cache_key(assessment, review) -> str:
    """The submitted assessment is frozen; only a new signed review, the reader's language or a
    new release change the lower part of its result page."""
    parts = (
        str(assessment.pk),
        translation.get_language() or "",
        str(getattr(review, "pk", "")),
        str(getattr(review, "signed_off_at", "")),
        assessment.company.name,
        _RESULT_CODE_DIGEST,
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@login_required
@require_safe
def company_progress(request, company_id):
    company = company_for_user(request.user, company_id, allow_consultant=True)
    return render(
        request,
        "assessments/company_progress.html",
        {
            "company": company,
            "progress": build_progress(company),
            "plan_follow_up": plan_follow_up(company, model_content()),  # issue 14
        },
    )
