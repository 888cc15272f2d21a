"""The roll-up's exports: the XLSX workbook (cell values), the network PDF (its text) and the
ZIP of every store's report, both run as background jobs with their progress recorded."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import AuditAction, AuditEvent, BackgroundJob
from tests.group_helpers import make_group, make_store
from tests.test_pdf_report import pdf_text, squeeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(content):
    group, admin = make_group(name="示范集团")
    make_store(group, content, level=3, region_name="华东区", name="杭州旗舰店")
    make_store(group, content, level=1, region_name="华南区", name="=HYPERLINK(1)")
    make_store(group, content, level=None, region_name="华南区", name="深圳新店")
    return group, admin


def test_xlsx_holds_the_rollup(client, network):
    group, admin = network
    client.force_login(admin)
    response = client.get(reverse("group_export_xlsx", args=[group.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:2] == ["段位分布", "热力图"]
    distribution = {row[0]: row[1] for row in workbook["段位分布"].iter_rows(values_only=True)}
    assert distribution["暂无结果"] == 1
    assert any(key.startswith("Level 3") and value == 1 for key, value in distribution.items())
    heat = list(workbook["热力图"].iter_rows(values_only=True))
    assert heat[0][:5] == ("门店", "区域", "城市", "企业类型", "段位")
    rows = {row[0]: row for row in heat[1:]}
    assert rows["杭州旗舰店"][1] == "华东区" and rows["杭州旗舰店"][4] == 3
    assert "'=HYPERLINK(1)" in rows  # a name that looks like a formula stays text
    assert rows["深圳新店"][4] is None
    pilots = list(workbook["试点建议"].iter_rows(values_only=True))
    assert ("华东区", "杭州旗舰店") in [row[:2] for row in pilots]
    # Filed in every exported store's audit log.
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 3


def test_network_pdf_job(client, network, django_capture_on_commit_callbacks):
    group, admin = network
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("group_job_start", args=[group.pk, "network_pdf"]))
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("group_job", args=[group.pk, job.pk])
    assert job.status == "done" and (job.progress_done, job.progress_total) == (1, 1)
    assert job.task_id
    download = client.get(reverse("group_job_download", args=[group.pk, job.pk]))
    assert download["Content-Type"] == "application/pdf"
    _reader, pages = pdf_text(download.content)
    text = squeeze("".join(pages))
    assert squeeze("示范集团") in text and squeeze("网络总览") in text
    assert "杭州旗舰店" in text  # the pilot of 华东区
    assert squeeze("试点门店建议") in text and squeeze("推广波次") in text


def test_reports_zip_job(client, network, django_capture_on_commit_callbacks):
    group, admin = network
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("group_job_start", args=[group.pk, "reports_zip"]))
    job = BackgroundJob.objects.get()
    assert job.status == "done" and (job.progress_done, job.progress_total) == (2, 2)
    download = client.get(reverse("group_job_download", args=[group.pk, job.pk]))
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert sorted(archive.namelist()) == sorted(["杭州旗舰店.pdf", "=HYPERLINK(1).pdf"])
    _reader, pages = pdf_text(archive.read("杭州旗舰店.pdf"))
    assert "杭州旗舰店" in squeeze("".join(pages))
