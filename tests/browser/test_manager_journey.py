"""A new manager in a real browser: sign up, create the company, answer the four steps (with a
deliberate validation error and a log-out in the middle), submit, and read the result."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import page_replaced

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Hangzhou-Service-2026"


def by_css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def all_css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def fill(driver, name, value):
    field = by_css(driver, f"[name='{name}']")
    if field.tag_name == "select":
        from selenium.webdriver.support.ui import Select

        Select(field).select_by_value(str(value))
        return
    field.clear()
    field.send_keys(str(value))


def click_and_wait(driver, element):
    """Click something that loads a new page and wait until the new page is there."""
    from selenium.webdriver.support.ui import WebDriverWait

    old_page = driver.find_element("tag name", "html")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    WebDriverWait(driver, 15).until(page_replaced(old_page))
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def submit(driver):
    click_and_wait(driver, by_css(driver, "main form button[type=submit]"))


def click_button(driver, value):
    click_and_wait(driver, by_css(driver, f"button[name='action'][value='{value}']"))


def tick_by_text(driver, text):
    for label in all_css(driver, "label.check-card"):
        if text in label.text:
            box = label.find_element("css selector", "input")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
            if not box.is_selected():
                box.click()
            return
    raise AssertionError(f"checklist item not shown: {text}")


def shot(driver, screenshot_dir, name):
    driver.save_screenshot(str(screenshot_dir / name))


def test_a_new_manager_from_sign_up_to_the_result(browser, live_server, screenshot_dir, content):
    driver = browser
    driver.set_window_size(1280, 1000)
    base = live_server.url
    driver.get(base + "/")
    driver.delete_all_cookies()  # no session or language left over from another test

    driver.get(base + "/accounts/signup/")
    fill(driver, "email", "zhang@example.com")
    fill(driver, "password1", PASSWORD)
    fill(driver, "password2", PASSWORD)
    driver.execute_script("arguments[0].click();", by_css(driver, "[name='privacy_consent']"))
    submit(driver)
    shot(driver, screenshot_dir, "journey-signup.png")
    # The same "check your email" page for any address; the emailed link activates the account.
    assert "请查收邮件" in driver.page_source
    link = re.search(r"(/accounts/activate/\S+/)", mail.outbox[-1].body).group(1)
    driver.get(base + link)
    assert "/companies/new/" in driver.current_url

    fill(driver, "name", "杭州星河汽车服务有限公司")
    fill(driver, "type", "dealer_4s")
    fill(driver, "province", "zhejiang")
    fill(driver, "city_tier", "new_tier1")
    fill(driver, "technicians", "35")
    fill(driver, "annual_work_orders", "15000")
    fill(driver, "contact_name", "张经理")
    fill(driver, "contact_mobile", "12345")  # deliberately wrong first
    fill(driver, "contact_email", "zhang@example.com")
    submit(driver)
    assert "手机号码" in driver.page_source
    assert by_css(driver, "[name='name']").get_attribute("value") == "杭州星河汽车服务有限公司"
    fill(driver, "contact_mobile", "13900001234")
    submit(driver)
    assert "杭州星河汽车服务有限公司" in by_css(driver, "h1").text

    click_and_wait(driver, by_css(driver, "form[action$='/assessments/start/'] button"))
    assert "/step/1/" in driver.current_url
    for code in ("L2.1", "L2.2", "L3.1", "L3.2", "L3.3"):
        tick_by_text(driver, content.checklist_by_code[code].text_zh)
    shot(driver, screenshot_dir, "journey-step1.png")
    click_button(driver, "next")
    assert "/step/2/" in driver.current_url

    # A deliberate validation error: 150% is out of range; the other values must survive.
    fill(driver, "e_work_order_pct", "150")
    fill(driver, "system_integration_pct", "85")
    click_button(driver, "save")
    assert "/step/2/" in driver.current_url
    assert all_css(driver, ".is-invalid")
    assert by_css(driver, "[name='system_integration_pct']").get_attribute("value") == "85"
    assert by_css(driver, "[name='e_work_order_pct']").get_attribute("value") == "150"
    shot(driver, screenshot_dir, "journey-step2-error.png")
    fill(driver, "e_work_order_pct", "92")
    click_button(driver, "save")
    assert "草稿已保存" in driver.page_source

    # Log out in the middle and come back: everything is still there.
    click_and_wait(driver, by_css(driver, "form[action$='/accounts/logout/'] button"))
    driver.get(base + "/accounts/login/")
    fill(driver, "username", "zhang@example.com")
    fill(driver, "password", PASSWORD)
    submit(driver)
    click_and_wait(driver, by_css(driver, "main a[href*='/step/']"))
    assert "/step/2/" in driver.current_url
    assert by_css(driver, "[name='e_work_order_pct']").get_attribute("value") == "92"
    assert by_css(driver, "[name='system_integration_pct']").get_attribute("value") == "85"

    for metric in content.metrics:
        if metric.code in ("e_work_order_pct", "system_integration_pct"):
            continue
        if metric.type in ("boolean", "choice"):
            value = (
                "yes" if metric.code in ("core_system_deployed", "bi_core_coverage") else "unknown"
            )
            radio = by_css(driver, f"input[name='{metric.code}'][value='{value}']")
            driver.execute_script("arguments[0].click();", radio)
        else:
            box = by_css(driver, f"input[name='{metric.code}__unknown']")
            driver.execute_script("arguments[0].click();", box)
    click_button(driver, "next")
    assert "/step/3/" in driver.current_url

    for dimension in content.self_assessed_dimensions:
        radio = by_css(driver, f"input[name='{dimension.code}'][value='3']")
        driver.execute_script("arguments[0].click();", radio)
    click_button(driver, "next")
    assert "/step/4/" in driver.current_url

    fill(driver, "target_level", "4")
    fill(driver, "target_year", str(content.version.loaded_at.year + 4))
    fill(driver, "pain_point_1", "各系统数据口径不一致")
    fill(driver, "benchmark_company", "理想汽车")
    click_button(driver, "submit")
    assert "/result/" in driver.current_url
    page = driver.page_source
    assert f"Level 3 · {content.level(3).name_zh}" in page
    assert "各系统数据口径不一致" in page
    # The checklist bars, the radar, and the business case's range bars.
    assert len(all_css(driver, ".chart svg")) == 3
    assert "勾选了" in page  # the explanation is in the page's language
    driver.set_window_size(1280, 4200)
    shot(driver, screenshot_dir, "journey-result.png")
