"""A background export's page: a server-rendered progress bar that refreshes itself (the JSON
status is the script's enhancement), the download link once done; admins only."""

import pytest
from django.urls import reverse

from assessments.groups import documents
from assessments.models import BackgroundJob, JobKind, JobStatus
from tests.factories import make_user
from tests.group_helpers import make_group, make_store

pytestmark = pytest.mark.django_db


def _job(group, **fields):
    return BackgroundJob.objects.create(kind=JobKind.REPORTS_ZIP, group=group, **fields)


def test_a_running_job_shows_its_progress_and_refreshes(client):
    group, admin = make_group()
    job = _job(group, status=JobStatus.RUNNING, progress_done=3, progress_total=10)
    client.force_login(admin)
    page = client.get(reverse("group_job", args=[group.pk, job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress max="10" value="3"' in page
    assert "已完成 3 / 10" in page
    assert "js/job_progress.js" in page
    status = client.get(reverse("group_job_status", args=[group.pk, job.pk])).json()
    assert status == {
        "status": "running",
        "status_label": "进行中",
        "done": 3,
        "total": 10,
        "percent": 30,
        "download_url": "",
    }
    assert client.get(reverse("group_job_download", args=[group.pk, job.pk])).status_code == 404


def test_a_finished_job_offers_its_file(client):
    group, admin = make_group()
    job = _job(
        group,
        status=JobStatus.DONE,
        progress_done=2,
        progress_total=2,
        result=b"PK zip",
        filename="reports.zip",
        content_type="application/zip",
    )
    client.force_login(admin)
    page = client.get(reverse("group_job", args=[group.pk, job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    download_url = reverse("group_job_download", args=[group.pk, job.pk])
    assert download_url in page
    assert (
        client.get(reverse("group_job_status", args=[group.pk, job.pk])).json()["download_url"]
        == download_url
    )
    response = client.get(download_url)
    assert response.content == b"PK zip"
    assert 'filename="reports.zip"' in response["Content-Disposition"]


def test_outsiders_get_404(client):
    group, _admin = make_group()
    job = _job(group, status=JobStatus.DONE, result=b"x", filename="x.zip")
    other_group, other_admin = make_group(name="别的集团")
    client.force_login(other_admin)  # an admin, but of another group
    for name in ("group_job", "group_job_status", "group_job_download"):
        assert client.get(reverse(name, args=[group.pk, job.pk])).status_code == 404
        # The job id under the admin's own group is not theirs either.
        assert client.get(reverse(name, args=[other_group.pk, job.pk])).status_code == 404
    client.force_login(make_user())
    assert client.get(reverse("group_job", args=[group.pk, job.pk])).status_code == 404


def test_the_zip_records_progress_report_by_report(
    client, content, monkeypatch, django_capture_on_commit_callbacks
):
    group, admin = make_group()
    for _ in range(3):
        make_store(group, content, level=2)
    seen = []

    def fake_report_pdf(assessment, **kwargs):
        job = BackgroundJob.objects.get()
        seen.append((job.status, job.progress_done, job.progress_total))
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(documents.pdf, "report_pdf", fake_report_pdf)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("group_job_start", args=[group.pk, "reports_zip"]))
    assert seen == [("running", 0, 3), ("running", 1, 3), ("running", 2, 3)]
    job = BackgroundJob.objects.get()
    assert (job.status, job.progress_done, job.progress_total) == ("done", 3, 3)


def test_a_failed_job_says_so(client, content, monkeypatch, django_capture_on_commit_callbacks):
    group, admin = make_group()
    make_store(group, content, level=2)

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(documents.pdf, "report_pdf", broken)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("group_job_start", args=[group.pk, "reports_zip"]))
    job = BackgroundJob.objects.get()
    assert job.status == "failed" and "layout failed" in job.error
    page = client.get(reverse("group_job", args=[group.pk, job.pk])).content.decode()
    assert "生成失败" in page


def test_an_unknown_kind_starts_nothing(client):
    group, admin = make_group()
    client.force_login(admin)
    response = client.post(reverse("group_job_start", args=[group.pk, "everything"]))
    assert response.status_code == 302
    assert not BackgroundJob.objects.exists()
