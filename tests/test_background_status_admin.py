"""Staff see the background work in the Django admin: outgoing emails and long jobs, filtered
by status and kind."""

import pytest
from django.contrib.auth import get_user_model

from assessments.models import BackgroundJob, EmailStatus, JobKind, JobStatus, OutgoingEmail

pytestmark = pytest.mark.django_db


def test_emails_and_jobs_are_listed_and_filtered_by_status_and_kind(client):
    staff = get_user_model().objects.create_superuser("staff", "staff@example.com", "x" * 12)
    client.force_login(staff)
    for status, to in [
        (EmailStatus.FAILED, "failed@example.com"),
        (EmailStatus.SENT, "ok@example.com"),
    ]:
        OutgoingEmail.objects.create(
            kind="submission", to_email=to, subject="s", body_text="b", status=status
        )
    BackgroundJob.objects.create(
        kind=JobKind.REPORTS_ZIP, status=JobStatus.RUNNING, progress_total=9
    )

    page = client.get(
        "/admin/assessments/outgoingemail/?status__exact=failed&kind__exact=submission"
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "failed@example.com" in text and "ok@example.com" not in text

    page = client.get("/admin/assessments/backgroundjob/?status__exact=running")
    assert page.status_code == 200
    assert "全部门店报告 ZIP" in page.content.decode()
    assert client.get(
        "/admin/assessments/backgroundjob/?status__exact=done"
    ).content.decode().count("全部门店报告 ZIP") < page.content.decode().count("全部门店报告 ZIP")
