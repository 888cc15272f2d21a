"""The business case in a real browser: the range chart is drawn, the optional figures page
saves and the result page comes back to the section with the payback."""

import pytest

from tests.browser.test_consultant_journey import log_in
from tests.browser.test_manager_journey import by_css, fill, shot, submit
from tests.factories import PASSWORD, make_assessment, make_company, make_user, ticks_for_level

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_business_case_section_and_its_figures_page(
    browser, live_server, screenshot_dir, content
):
    owner = make_user("dealer@example.com")
    company = make_company(
        owner=owner, type="dealer_4s", city_tier="tier2", technicians=40, annual_work_orders=20000
    )
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(2))
    driver = browser
    base = live_server.url
    driver.set_window_size(1280, 1000)
    log_in(driver, base, "dealer@example.com", PASSWORD)
    driver.get(f"{base}/assessments/{assessment.pk}/result/")
    section = by_css(driver, "#business-case")
    assert "下一段位对你值多少" in section.text
    chart = by_css(driver, "#business-case svg.mchart-range-bars")
    assert chart.size["width"] > 300 and chart.size["height"] > 60
    submit_link = by_css(driver, "#business-case a.btn")
    driver.get(submit_link.get_attribute("href"))
    fill(driver, "annual_revenue_wan", "3000")
    fill(driver, "gross_margin_pct", "40")
    fill(driver, "parts_inventory_wan", "500")
    fill(driver, "ftfr_pct", "85")
    shot(driver, screenshot_dir, "business-figures-form.png")
    submit(driver)
    assert driver.current_url.endswith("#business-case")
    section = by_css(driver, "#business-case")
    assert "1.1 – 34.4 个月(典型 11.2 个月)" in section.text
    driver.execute_script("arguments[0].scrollIntoView();", section)
    driver.set_window_size(1280, 2600)
    shot(driver, screenshot_dir, "business-case-result.png")
