"""The group's long exports, run by the task workers (`manage.py db_worker`): the network PDF
and the ZIP of every store's report. Each updates its BackgroundJob row as it goes (status,
progress_done / progress_total), which the job page and its JSON status read."""

from __future__ import annotations

import logging

from django.utils import timezone, translation
from django_tasks import task

from assessments.groups import documents
from assessments.groups.rollup import build_rollup
from assessments.models import BackgroundJob, JobStatus

logger = logging.getLogger(__name__)


def _run(job_id: str, campaign_id: str, make) -> str:
    job = BackgroundJob.objects.select_related("group").defer("result").get(pk=job_id)
    if job.status in (JobStatus.DONE, JobStatus.RUNNING):
        return job.status  # a second delivery of the same task does nothing
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    try:
        with translation.override(job.language):
            rollup = build_rollup(job.group, campaign_id=campaign_id or None)
            filename, content_type, data = make(job, rollup)
    except Exception as error:
        logger.exception("background job %s failed", job_id)
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        result=data,
        filename=filename,
        content_type=content_type,
        finished_at=timezone.now(),
    )
    return JobStatus.DONE


def _network_pdf(job, rollup):
    BackgroundJob.objects.filter(pk=job.pk).update(progress_total=1)
    data = documents.network_pdf(rollup)
    BackgroundJob.objects.filter(pk=job.pk).update(progress_done=1)
    return f"network-{timezone.localdate():%Y%m%d}.pdf", "application/pdf", data


def _reports_zip(job, rollup):
    entries = documents.report_entries(rollup)
    BackgroundJob.objects.filter(pk=job.pk).update(progress_total=len(entries))

    def progress(done: int) -> None:
        BackgroundJob.objects.filter(pk=job.pk).update(progress_done=done)

    data = documents.write_reports_zip(entries, language=job.language, progress=progress)
    return f"reports-{timezone.localdate():%Y%m%d}.zip", "application/zip", data


@task()
def build_network_pdf(job_id: str, campaign_id: str = "") -> str:
    return _run(job_id, campaign_id, _network_pdf)


@task()
def build_reports_zip(job_id: str, campaign_id: str = "") -> str:
    return _run(job_id, campaign_id, _reports_zip)
