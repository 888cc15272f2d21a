"""Render an assessment's PDF diagnosis report to a file (the same report as the download).

    python manage.py render_report <assessment-id> --output report.pdf [--language en]

Renders afresh (no cache, no time limit), with the latest signed review like the download.
"""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.models import Assessment
from assessments.reports.pdf import render_report_pdf
from assessments.selectors import latest_signed_review


class Command(BaseCommand):
    help = "Render the PDF diagnosis report of a submitted assessment to a file."

    def add_arguments(self, parser):
        parser.add_argument("assessment_id", help="the assessment's id (UUID)")
        parser.add_argument("--output", "-o", required=True, help="the PDF file to write")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help=f"report language (default {settings.LANGUAGE_CODE})",
        )

    def handle(self, *args, assessment_id, output, language, **options):
        try:
            pk = uuid.UUID(assessment_id)
        except ValueError:
            raise CommandError(
                f"Not an assessment id (a UUID is expected): {assessment_id!r}"
            ) from None
        assessment = (
            Assessment.objects.select_related("company", "model_version").filter(pk=pk).first()
        )
        if assessment is None:
            raise CommandError(f"No assessment with id {pk}.")
        if assessment.is_draft:
            raise CommandError(
                f"Assessment {pk} is a draft: only a submitted assessment has a report."
            )
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The output folder does not exist: {target.parent}")
        started = time.perf_counter()
        # Exactly the download: the signed review (official level, comments) included.
        pdf = render_report_pdf(
            assessment, language=language, review=latest_signed_review(assessment)
        )
        target.write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {target} ({len(pdf) / 1024:.0f} KB, {language}, "
                f"{(time.perf_counter() - started) * 1000:.0f} ms)"
            )
        )
