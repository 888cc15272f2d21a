"""A consultant in a real browser: invited by a manager, signs up through the invitation, finds
the client on the dashboard, reviews and signs off with a different level (the justification is
required), the manager sees both levels and revokes the grant, and the consultant's very next
page load is a 404."""

import pytest

from assessments.models import Invitation
from tests.browser.test_manager_journey import all_css, by_css, click_and_wait, fill, shot, submit
from tests.factories import PASSWORD, make_assessment, make_company, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONSULTANT_EMAIL = "chen@advisory.example.com"
CONSULTANT_PASSWORD = "Advisory-Review-2026"


def log_in(driver, base, username, password):
    driver.get(base + "/accounts/login/")
    fill(driver, "username", username)
    fill(driver, "password", password)
    submit(driver)


def status_of(driver, url) -> int:
    """The HTTP status of a same-origin GET with the browser's own cookies."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'})"
        ".then(r => done(r.status));",
        url,
    )


def test_a_consultant_from_invitation_to_sign_off_and_revocation(
    browser, live_server, screenshot_dir, content
):
    manager = make_user("manager@example.com")
    company = make_company(owner=manager, name="杭州星河汽车服务有限公司")
    submitted = make_assessment(company, manager, content, checklist=["L2.1", "L2.2", "L2.3"])
    assert submitted.diagnosis.level == 2

    driver = browser
    driver.set_window_size(1280, 1000)
    base = live_server.url
    driver.get(base + "/")
    driver.delete_all_cookies()

    # The manager invites a consultant by email.
    log_in(driver, base, "manager@example.com", PASSWORD)
    click_and_wait(driver, by_css(driver, f"a[href='/companies/{company.pk}/consultants/']"))
    fill(driver, "email", CONSULTANT_EMAIL)
    submit(driver)
    assert "邀请已发送" in driver.page_source
    invitation = Invitation.objects.get(email=CONSULTANT_EMAIL)
    click_and_wait(driver, by_css(driver, "form[action$='/accounts/logout/'] button"))

    # The consultant opens the link, signs up as a consultant and accepts.
    driver.get(f"{base}/invitations/{invitation.token}/")
    assert "杭州星河汽车服务有限公司" in driver.page_source
    click_and_wait(driver, by_css(driver, "a[href*='/accounts/signup/consultant/']"))
    assert by_css(driver, "[name='email']").get_attribute("value") == CONSULTANT_EMAIL
    fill(driver, "display_name", "陈顾问")
    fill(driver, "firm_name", "华信售后咨询")
    fill(driver, "password1", CONSULTANT_PASSWORD)
    fill(driver, "password2", CONSULTANT_PASSWORD)
    driver.execute_script("arguments[0].click();", by_css(driver, "[name='privacy_consent']"))
    submit(driver)
    assert driver.current_url.endswith("/consultant/")
    assert "客户看板" in by_css(driver, "h1").text
    row = by_css(driver, ".client-table tbody tr")
    assert "杭州星河汽车服务有限公司" in row.text and "L2" in row.text
    assert all_css(driver, ".dashboard-chart svg")
    shot(driver, screenshot_dir, "consultant-dashboard.png")

    # Review: a different level without a justification is refused, then signed off.
    click_and_wait(driver, by_css(driver, f"a[href='/assessments/{submitted.pk}/review/']"))
    fill(driver, "comment_checklist", "L2 的三项都有证据。")
    fill(driver, "overall_opinion", "系统已打通一半,建议按 Level 3 路线推进。")
    fill(driver, "confirmed_level", "3")
    click_and_wait(driver, by_css(driver, "button[name='action'][value='sign']"))
    assert "请填写调整理由" in driver.page_source
    assert (
        by_css(driver, "[name='overall_opinion']").get_attribute("value").startswith("系统已打通")
    )
    fill(driver, "justification", "现场核实:BI 看板已覆盖核心指标。")
    shot(driver, screenshot_dir, "consultant-review.png")
    click_and_wait(driver, by_css(driver, "button[name='action'][value='sign']"))
    assert f"/assessments/{submitted.pk}/result/" in driver.current_url
    page = driver.page_source
    assert "顾问审阅" in page and "现场核实" in page
    consultant_cookies = driver.get_cookies()
    result_url = driver.current_url

    # The manager sees both levels, then revokes the grant.
    driver.delete_all_cookies()
    log_in(driver, base, "manager@example.com", PASSWORD)
    driver.get(result_url)
    hero = by_css(driver, ".level-hero").text
    assert "Level 2" in hero and "顾问确认" in hero and "Level 3" in hero
    driver.set_window_size(1280, 2400)
    shot(driver, screenshot_dir, "consultant-result-manager-view.png")
    driver.set_window_size(1280, 1000)
    driver.get(f"{base}/companies/{company.pk}/consultants/")
    assert "陈顾问" in driver.page_source
    click_and_wait(driver, by_css(driver, "form[action*='/revoke/'] button"))
    assert "已撤销" in driver.page_source
    shot(driver, screenshot_dir, "consultant-revoked.png")

    # The consultant's very next page load is refused.
    driver.delete_all_cookies()
    for cookie in consultant_cookies:
        driver.add_cookie({key: cookie[key] for key in ("name", "value", "path")})
    driver.get(result_url)
    assert "页面不存在" in driver.title or "404" in driver.page_source
    assert status_of(driver, result_url) == 404
    driver.get(base + "/consultant/")
    assert "杭州星河汽车服务有限公司" not in driver.page_source
