"""Autosave in a real browser, verified on the server: type into steps 1, 2 and 3, wait for the
"已自动保存" indicator (with the time), then open each step in a new browser session (fresh
cookies, logged in again through the form) and find the values there. A save that fails on the
network is retried, and leaving with unsaved changes asks first."""

import re

import pytest

from assessments.models import Assessment
from tests.browser.helpers import build_world, open_and_wait, sign_in
from tests.browser.test_manager_journey import by_css, fill, submit
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def wait_for_status(driver, pattern: str, timeout: int = 20) -> str:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(
        lambda d: re.search(pattern, by_css(d, "[data-autosave-status]").text)
    )
    return by_css(driver, "[data-autosave-status]").text


def click(driver, selector):
    element = by_css(driver, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def unsaved_copies(driver) -> int:
    """How many local copies of unsaved input the browser keeps (static/js/autosave.js)."""
    return driver.execute_script(
        "return Object.keys(localStorage).filter(k => k.startsWith('maturity:unsaved:')).length"
    )


def unsaved_changes_warn(driver) -> bool:
    """Whether the page's beforeunload handler would ask before leaving."""
    return driver.execute_script(
        "const e = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(e); return e.defaultPrevented;"
    )


def test_autosave_keeps_steps_1_2_and_3_on_the_server(browser, live_server, content):
    world = build_world(content)
    draft = world["draft"]
    base = live_server.url
    driver = browser
    driver.set_window_size(1280, 1000)
    step = f"{base}/assessments/{draft.pk}/step/"

    sign_in(driver, base, world["owner"])
    open_and_wait(driver, step + "1/")
    assert not unsaved_changes_warn(driver)
    click(driver, "input[name=checklist][value='L3.1']")
    click(driver, "input[name=checklist][value='L4.2']")
    assert unsaved_changes_warn(driver)  # typed, not saved yet
    saved = wait_for_status(driver, r"已自动保存 \d\d:\d\d:\d\d")
    assert not unsaved_changes_warn(driver)
    assert "失败" not in saved

    open_and_wait(driver, step + "2/")
    fill(driver, "e_work_order_pct", "77")
    fill(driver, "productivity_multiple", "1.5")
    click(driver, "input[name=paper_work_order_pct__unknown]")
    click(driver, "input[name=has_unified_system][value=yes]")
    wait_for_status(driver, r"已自动保存 \d\d:\d\d:\d\d")

    # The network goes away: the save fails, says so, and is retried when it is back.
    driver.execute_cdp_cmd("Network.enable", {})
    offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    try:
        fill(driver, "customer_satisfaction_score", "81")
        wait_for_status(driver, r"网络中断,尚未保存")
        assert unsaved_changes_warn(driver)
    finally:
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {**offline, "offline": False})
    wait_for_status(driver, r"已自动保存 \d\d:\d\d:\d\d", timeout=30)

    open_and_wait(driver, step + "3/")
    work_orders = content.self_assessed_dimensions[0].code
    click(driver, f"input[name={work_orders}][value='4']")
    wait_for_status(driver, r"已自动保存 \d\d:\d\d:\d\d")

    # A new browser session: no cookies, log in through the form.
    driver.delete_all_cookies()
    driver.get(base + "/accounts/login/")
    fill(driver, "username", world["owner"].email)
    fill(driver, "password", PASSWORD)
    submit(driver)
    assert "/accounts/login/" not in driver.current_url

    open_and_wait(driver, step + "1/")
    assert by_css(driver, "input[name=checklist][value='L3.1']").is_selected()
    assert by_css(driver, "input[name=checklist][value='L4.2']").is_selected()
    assert by_css(driver, "input[name=checklist][value='L2.1']").is_selected()  # saved before
    open_and_wait(driver, step + "2/")
    assert by_css(driver, "[name=e_work_order_pct]").get_attribute("value") == "77"
    assert by_css(driver, "[name=productivity_multiple]").get_attribute("value") == "1.5"
    assert by_css(driver, "[name=customer_satisfaction_score]").get_attribute("value") == "81"
    assert by_css(driver, "input[name=paper_work_order_pct__unknown]").is_selected()
    assert by_css(driver, "input[name=has_unified_system][value=yes]").is_selected()
    open_and_wait(driver, step + "3/")
    assert by_css(driver, f"input[name={work_orders}][value='4']").is_selected()

    stored = Assessment.objects.get(pk=draft.pk)
    assert stored.checklist == ["L2.1", "L3.1", "L4.2"]
    assert stored.indicators == {
        "e_work_order_pct": 77,
        "productivity_multiple": 1.5,
        "paper_work_order_pct": "unknown",
        "has_unified_system": True,
        "customer_satisfaction_score": 81,
    }
    assert stored.dimensions == {work_orders: 4}


def test_a_deleted_session_cookie_mid_step_loses_nothing(browser, live_server, content):
    from django.conf import settings

    world = build_world(content)
    draft = world["draft"]
    base = live_server.url
    driver = browser
    driver.set_window_size(1280, 1000)
    step2 = f"{base}/assessments/{draft.pk}/step/2/"

    sign_in(driver, base, world["owner"])
    open_and_wait(driver, step2)
    driver.delete_cookie(settings.SESSION_COOKIE_NAME)  # the session ends while typing
    fill(driver, "e_work_order_pct", "64")
    fill(driver, "system_integration_pct", "33")
    # The background save finds the session gone: it says so and offers the way back.
    status = wait_for_status(driver, r"会话已过期,已为你保留输入")
    assert "重新登录" in status
    click(driver, "button[name=action][value=next]")  # and the user carries on regardless
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(lambda d: "/accounts/login/" in d.current_url)
    assert "会话已过期,已为你保留输入" in driver.page_source
    fill(driver, "username", world["owner"].email)
    fill(driver, "password", PASSWORD)
    submit(driver)

    assert driver.current_url == step2
    assert "会话已过期,已为你保留输入" in by_css(driver, ".messages").text
    assert by_css(driver, "[name=e_work_order_pct]").get_attribute("value") == "64"
    assert by_css(driver, "[name=system_integration_pct]").get_attribute("value") == "33"
    # Back on the page, the kept input is saved in the background like any change.
    wait_for_status(driver, r"已自动保存 \d\d:\d\d:\d\d")
    stored = Assessment.objects.get(pk=draft.pk)
    assert stored.indicators == {"e_work_order_pct": 64, "system_integration_pct": 33}


def test_input_survives_losing_both_the_session_and_the_csrf_cookie(browser, live_server, content):
    """The server cannot keep input it never received: with every cookie gone, the background
    save and the "next" button both fail (CSRF). The browser's local copy puts the input back
    when the step is opened again after signing in, and it is then saved — asked of the server.
    Signing out forgets the copy."""
    world = build_world(content)
    draft = world["draft"]
    base = live_server.url
    driver = browser
    driver.set_window_size(1280, 1000)
    step2 = f"{base}/assessments/{draft.pk}/step/2/"

    sign_in(driver, base, world["owner"])
    open_and_wait(driver, step2)
    driver.delete_all_cookies()  # session and CSRF cookie gone while typing
    fill(driver, "e_work_order_pct", "58")
    fill(driver, "system_integration_pct", "21")
    # The background save is refused (no CSRF cookie): the input is still only on this page.
    wait_for_status(driver, r"未能自动保存|会话已过期")
    click(driver, "button[name=action][value=next]")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(lambda d: "e_work_order_pct" not in d.page_source)
    assert Assessment.objects.get(pk=draft.pk).indicators == {}  # the server has nothing

    sign_in(driver, base, world["owner"])
    open_and_wait(driver, step2)
    assert by_css(driver, "[name=e_work_order_pct]").get_attribute("value") == "58"
    assert by_css(driver, "[name=system_integration_pct]").get_attribute("value") == "21"
    assert "已在本机保留" in by_css(driver, "[data-autosave-status]").text
    wait_for_status(driver, r"已自动保存 \d\d:\d\d:\d\d")
    stored = Assessment.objects.get(pk=draft.pk)
    assert stored.indicators == {"e_work_order_pct": 58, "system_integration_pct": 21}
    assert unsaved_copies(driver) == 0  # saved: the copy is dropped

    # Unsaved input (the server unreachable again), then signing out: the copy is forgotten.
    driver.delete_all_cookies()
    fill(driver, "e_work_order_pct", "59")
    wait_for_status(driver, r"未能自动保存|会话已过期")
    assert unsaved_copies(driver) == 1
    click(driver, "form[data-sign-out] button")
    WebDriverWait(driver, 15).until(lambda d: "/step/" not in d.current_url)
    WebDriverWait(driver, 5).until(lambda d: unsaved_copies(d) == 0)
