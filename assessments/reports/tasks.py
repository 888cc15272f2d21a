"""Pre-rendering each submitted assessment's PDF report on a task worker, so the first download
is served from the stored bytes (`ReportFile`, shared by every app server) instead of waiting
for WeasyPrint.

The stored PDF is keyed by everything it shows that can change (assessments.reports.pdf
`cache_key`: language, template version, company profile, signed review, action plan), so a
signed review or a renamed company simply makes a new key; `after_review_signed` renders that
new key ahead of the download too.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import translation
from django_tasks import task

from assessments.models import Assessment, AssessmentStatus, ReportFile
from assessments.reports import pdf
from assessments.selectors import latest_signed_review
from maturity.language import normalized_language

logger = logging.getLogger("assessments.pdf")


@task(queue_name="default")
def prerender_report(assessment_id: str, languages: list[str]) -> int:
    """Render and store the report in each language not stored yet; returns how many were
    rendered. A draft (or a deleted assessment) renders nothing."""
    assessment = (
        Assessment.objects.select_related("company", "model_version")
        .filter(pk=assessment_id, status=AssessmentStatus.SUBMITTED)
        .first()
    )
    if assessment is None:
        return 0
    review = latest_signed_review(assessment)
    rendered = 0
    for language in dict.fromkeys(normalized_language(code) for code in languages):
        key = pdf.cache_key(assessment, language, review)
        if pdf.cached_pdf(key) is not None:
            continue
        pdf.store_pdf(key, pdf.render_report_pdf(assessment, language=language, review=review))
        rendered += 1
    logger.info("PDF report %s pre-rendered in %d language(s)", assessment_id, rendered)
    return rendered


def queue_prerender(assessment: Assessment, languages: list[str] | None = None) -> None:
    """After the caller's transaction commits, queue the pre-rendering of ``assessment``'s
    report in ``languages`` (default: the active language, the one its submitter reads)."""
    languages = list(languages or [translation.get_language() or "zh-hans"])
    assessment_id = str(assessment.pk)
    transaction.on_commit(lambda: prerender_report.enqueue(assessment_id, languages))


def queue_prerender_after_change(assessment: Assessment) -> None:
    """The report changed (a review was signed): render again the languages already
    downloaded, and Chinese."""
    stored = ReportFile.objects.filter(assessment=assessment).values_list("language", flat=True)
    queue_prerender(assessment, ["zh-hans", *sorted(set(stored))])
