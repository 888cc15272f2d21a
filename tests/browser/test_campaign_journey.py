"""The issue's "Done when" for campaigns, in a real browser against the live server and a real
SMTP server: a group admin creates a campaign, uploads 20 stores (a bad row refused with its
row number, then the fixed file), sends the invitations (20 emails arrive), one store opens its
link from the email, signs up, answers and submits; the campaign counts update; a reminder goes
only to the 19 others."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import CampaignStore, GroupStore
from tests.browser.helpers import sign_in
from tests.browser.test_manager_journey import (
    all_css,
    by_css,
    click_button,
    fill,
    submit,
    tick_by_text,
)
from tests.campaign_helpers import csv_bytes, make_group, store_rows

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Store-Manager-2026!"


def count(driver, name) -> int:
    return int(by_css(driver, f"[data-count='{name}']").text)


def upload(driver, path):
    by_css(driver, "input[type=file][name=file]").send_keys(str(path))
    click_button(driver, "upload")


def test_a_campaign_from_upload_to_reminders(
    browser, live_server, smtp_sink, content, tmp_path, screenshot_dir
):
    driver = browser
    driver.set_window_size(1280, 1000)
    base = live_server.url
    group = make_group(name="华东汽车服务集团")
    sign_in(driver, base, group.admins.get().user)

    # 1. Create the campaign.
    driver.get(f"{base}/groups/{group.pk}/campaigns/new/")
    fill(driver, "name", "2026 T1")
    deadline = (timezone.localdate() + timedelta(days=14)).isoformat()
    driver.execute_script(
        "document.querySelector(\"[name='deadline']\").value = arguments[0];", deadline
    )
    submit(driver)
    assert "2026 T1" in by_css(driver, "h1").text

    # 2. Twenty stores, row 13's mobile wrong: refused whole, with its row number.
    rows = store_rows(20)
    good_mobile = rows[11][6]
    rows[11][6] = "1380000"
    bad_file = tmp_path / "stores.csv"
    bad_file.write_bytes(b"\xef\xbb\xbf" + csv_bytes(rows))
    upload(driver, bad_file)
    errors = by_css(driver, "#import-errors").text
    assert "第 13 行" in errors and "手机" in errors and "没有导入任何门店" in errors
    assert count(driver, "total") == 0
    driver.save_screenshot(str(screenshot_dir / "campaign-upload-errors.png"))
    rows[11][6] = good_mobile
    fixed_file = tmp_path / "stores-fixed.csv"
    fixed_file.write_bytes(csv_bytes(rows, encoding="gb18030"))
    upload(driver, fixed_file)
    assert "已导入 20 家门店" in driver.page_source
    assert count(driver, "total") == 20 and not all_css(driver, "#import-errors")

    # 3. Invitations: 20 emails at the SMTP server, each with its own link.
    click_button(driver, "invite")
    messages = smtp_sink.wait_for(20)
    assert len(messages) == 20
    assert count(driver, "invited") == 20
    assert {m["To"] for m in messages} == {f"store{n}@example.com" for n in range(1, 21)}
    campaign_id = CampaignStore.objects.get(email="store5@example.com").campaign_id
    driver.get(f"{base}/groups/{group.pk}/?campaign={campaign_id}")
    assert "其中 0 家有已提交的结果" in driver.page_source  # nobody has joined yet

    # 4. Store 5 opens its link from the email body, signs up, answers and submits.
    [email] = smtp_sink.to("store5@example.com")
    link = re.search(r"https?://\S+/c/[\w-]+/", smtp_sink.text_of(email)).group(0)
    driver.delete_all_cookies()
    driver.get(base + re.sub(r"^https?://[^/]+", "", link))
    assert "同意门店加入" in driver.page_source
    assert by_css(driver, "#id_email").get_attribute("value") == "store5@example.com"
    fill(driver, "name", "王店长")
    fill(driver, "password1", PASSWORD)
    fill(driver, "password2", PASSWORD)
    fill(driver, "city_tier", "new_tier1")
    fill(driver, "technicians", "20")
    fill(driver, "annual_work_orders", "8000")
    driver.execute_script("arguments[0].click();", by_css(driver, "[name='privacy_consent']"))
    submit(driver)
    assert "/step/1/" in driver.current_url
    for code in ("L2.1", "L2.2"):
        tick_by_text(driver, content.checklist_by_code[code].text_zh)
    click_button(driver, "next")
    for metric in content.metrics:
        if metric.type in ("boolean", "choice"):
            radio = by_css(driver, f"input[name='{metric.code}'][value='unknown']")
        else:
            radio = by_css(driver, f"input[name='{metric.code}__unknown']")
        driver.execute_script("arguments[0].click();", radio)
    click_button(driver, "next")
    for dimension in content.self_assessed_dimensions:
        radio = by_css(driver, f"input[name='{dimension.code}'][value='2']")
        driver.execute_script("arguments[0].click();", radio)
    click_button(driver, "next")
    assert "/step/4/" in driver.current_url
    fill(driver, "target_level", "3")
    fill(driver, "target_year", str(content.version.loaded_at.year + 3))
    click_button(driver, "submit")
    assert "/result/" in driver.current_url
    row = CampaignStore.objects.get(email="store5@example.com")
    assert row.assessment.status == "submitted" and row.assessment.campaign == row.campaign
    assert GroupStore.objects.filter(group=group, company=row.company, status="active").exists()

    # 5. The group admin hears of the submission, the roll-up now holds the store and its
    # result (it had none before), and the campaign page counts it.
    admin = group.admins.get().user
    assert smtp_sink.wait_for(21)[-1]["To"] == admin.email
    sign_in(driver, base, admin)
    driver.get(f"{base}/groups/{group.pk}/?campaign={row.campaign_id}")
    heat_map = by_css(driver, "table.heatmap").text
    assert row.company.name in heat_map
    assert "其中 1 家有已提交的结果" in driver.page_source
    campaign_url = f"{base}/groups/{group.pk}/campaigns/{row.campaign_id}/"
    driver.get(campaign_url)
    assert (count(driver, "invited"), count(driver, "started"), count(driver, "submitted")) == (
        20,
        1,
        1,
    )
    # 6. Reminders now: exactly the 19 others.
    smtp_sink.clear()
    click_button(driver, "remind")
    reminders = smtp_sink.wait_for(19)
    assert len(reminders) == 19
    assert "store5@example.com" not in {m["To"] for m in reminders}
    assert all("提醒" in m["Subject"] for m in reminders)
    driver.save_screenshot(str(screenshot_dir / "campaign-page.png"))
