"""Step 2 (the key metrics) on a phone (390 px) and a laptop (1366 px), after a save with one
value out of range: the error summary at the top has the focus and links to the field, the
stepper fits, the page does not scroll sideways. Screenshots go to $SCREENSHOT_DIR (the ones in
docs/ were made with SCREENSHOT_DIR=docs)."""

import pytest

from tests.browser.helpers import (
    build_world,
    desktop,
    open_and_wait,
    phone,
    reset_viewport,
    sign_in,
)
from tests.browser.test_manager_journey import by_css, click_button, fill

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("width", [390, 1366])
def test_step_2_with_an_error_at_phone_and_laptop_width(
    browser, live_server, content, screenshot_dir, width
):
    world = build_world(content)
    driver = browser
    sign_in(driver, live_server.url, world["owner"])
    (phone if width == 390 else desktop)(driver, width, 844 if width == 390 else 900)
    try:
        open_and_wait(driver, f"{live_server.url}/assessments/{world['draft'].pk}/step/2/")
        fill(driver, "e_work_order_pct", "150")
        fill(driver, "paper_work_order_pct", "12")
        click_button(driver, "save")
        summary = by_css(driver, "#error-summary")
        assert driver.switch_to.active_element == summary
        link = summary.find_element("css selector", "a[href='#id_e_work_order_pct']")
        assert link.text == "工单电子化率须在 0–100 之间"
        assert driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"
        )
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(screenshot_dir / f"screenshot-step2-{width}.png"))
        link.click()  # the link lands on the field
        assert driver.switch_to.active_element == by_css(driver, "#id_e_work_order_pct")
    finally:
        reset_viewport(driver)
