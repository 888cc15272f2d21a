"""The group admin's campaign pages: creating a campaign (bad input explained, nothing lost),
uploading a list with a bad row (errors by row and column, nothing imported), the fixed file,
the counts and the store table's filters, closing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments.models import Campaign, CampaignStore
from maturity.selectors import current_version
from tests.campaign_helpers import csv_bytes, make_campaign, make_group, store_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_create_a_campaign(client):
    group = make_group()
    client.force_login(group.admins.get().user)
    url = reverse("campaign_create", args=[group.pk])
    page = client.get(url).content.decode()
    assert "7,3,1" in page and f'value="{current_version().pk}" selected' in page
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        url,
        {
            "name": "2026 T1 复测",
            "deadline": yesterday,
            "model_version": current_version().pk,
            "reminder_days": "7,x",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "截止日期不能早于今天" in text and "2026 T1 复测" in text
    assert 'value="7,x"' in text
    deadline = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client.post(
        url,
        {
            "name": "2026 T1 复测",
            "deadline": deadline,
            "model_version": current_version().pk,
            "reminder_days": "1, 7,3",
        },
    )
    campaign = Campaign.objects.get(group=group)
    assert response["Location"] == reverse("campaign_detail", args=[group.pk, campaign.pk])
    assert campaign.reminder_days == [7, 3, 1] and campaign.created_by == group.admins.get().user


def upload(client, campaign, content, name="stores.csv"):
    url = reverse("campaign_upload", args=[campaign.group_id, campaign.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_bad_row_refused_with_its_number_then_the_fixed_file_imported(client):
    campaign = make_campaign()
    client.force_login(campaign.group.admins.get().user)
    rows = store_rows(20)
    rows[11][6] = "1380000"  # row 13
    response = upload(client, campaign, csv_bytes(rows))
    text = response.content.decode()
    assert response.status_code == 400
    assert "没有导入任何门店" in text and "第 13 行" in text and "手机" in text
    assert "stores.csv" in text
    assert CampaignStore.objects.count() == 0
    rows[11][6] = "13800000012"
    response = upload(client, campaign, xlsx_bytes(rows), "stores.xlsx")
    text = response.content.decode()
    assert "已导入 20 家门店" in text
    assert 'data-count="total">20<' in text
    assert CampaignStore.objects.filter(campaign=campaign).count() == 20


def test_not_a_spreadsheet_is_refused_plainly(client):
    campaign = make_campaign()
    client.force_login(campaign.group.admins.get().user)
    response = upload(client, campaign, b"hello", "stores.pdf")
    assert response.status_code == 400 and "请上传 CSV 或 XLSX 文件" in response.content.decode()
    response = client.post(reverse("campaign_upload", args=[campaign.group_id, campaign.pk]))
    assert response.status_code == 400


def test_filters_and_search(client):
    campaign = make_campaign()
    client.force_login(campaign.group.admins.get().user)
    upload(client, campaign, csv_bytes(store_rows(3)))
    url = reverse("campaign_detail", args=[campaign.group_id, campaign.pk])
    text = client.get(url, {"q": "00002"}).content.decode()
    assert "store门店00002" in text and "store门店00001" not in text
    text = client.get(url, {"stage": "submitted"}).content.decode()
    assert "没有符合条件的门店" in text
    assert client.get(url, {"stage": "<script>"}).status_code == 200


def test_store_names_are_escaped(client):
    campaign = make_campaign()
    client.force_login(campaign.group.admins.get().user)
    rows = store_rows(1)
    rows[0][0] = "<b>恶意</b>"
    upload(client, campaign, csv_bytes(rows))
    text = client.get(
        reverse("campaign_detail", args=[campaign.group_id, campaign.pk])
    ).content.decode()
    assert "&lt;b&gt;恶意&lt;/b&gt;" in text and "<b>恶意</b>" not in text


def test_close(client):
    campaign = make_campaign()
    client.force_login(campaign.group.admins.get().user)
    response = client.post(
        reverse("campaign_close", args=[campaign.group_id, campaign.pk]), follow=True
    )
    assert "活动已结束" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == "closed"
    response = upload(client, campaign, csv_bytes(store_rows(1)))
    assert "不能再导入" in response.content.decode()
    assert CampaignStore.objects.count() == 0
