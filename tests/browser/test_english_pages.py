"""The English edition in a real browser: the result page and the model pages on a desktop
and a phone — no Chinese in what is shown (apart from the language switch's own label and the
glossary's Chinese column), no page wider than the screen, no word spilling out of its box.

Set SCREENSHOT_DIR to keep the pictures (e.g. SCREENSHOT_DIR=/tmp/shots7).
"""

import re

import pytest

from tests.browser.conftest import page_replaced
from tests.browser.test_model_screenshots import (
    assert_no_horizontal_page_overflow,
    full_page_screenshot,
    open_page,
)
from tests.factories import PASSWORD, make_assessment, make_company, make_user
from tests.test_english_edition import ASCII_COMPANY, ASCII_GOALS, CJK, LEVEL_3_INDICATORS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The visible text of the page without the elements marked as Chinese (lang="zh…"), and those
# elements' texts apart.
VISIBLE_TEXT = """
const clone = document.body.cloneNode(true);
const chinese = [];
clone.querySelectorAll('[lang^="zh"]').forEach((el) => { chinese.push(el.textContent.trim()); el.remove(); });
clone.querySelectorAll('script, style').forEach((el) => el.remove());
document.body.appendChild(clone);
clone.style.position = 'absolute'; clone.style.left = '-99999px';
const text = clone.innerText;
clone.remove();
return [text, chinese, document.title];
"""

# Elements whose content is wider than their box (a long English word that does not wrap), and
# elements that stick out of the viewport, outside the boxes that scroll on purpose.
SPILLS = """
const scrollers = '.table-scroll, .table-wrap, .site-nav, pre';  // these scroll on purpose
const viewport = document.documentElement.clientWidth;
const found = [];
const selectors = 'h1, h2, h3, h4, th, td, dt, dd, li, p, a, button, label, legend, .flag, .level-pill, .level-badge, .eyebrow';
document.querySelectorAll(selectors).forEach((el) => {
  if (!el.offsetParent || el.closest('[hidden]')) return;
  const style = getComputedStyle(el);
  const inScroller = el.closest(scrollers);
  if (style.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0
      && style.display !== 'inline') {
    found.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.textContent.trim().slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`);
  }
  const box = el.getBoundingClientRect();
  if (!inScroller && box.width > 0 && box.right > viewport + 1) {
    found.push(`${el.tagName.toLowerCase()}.${el.className} sticks out: "${el.textContent.trim().slice(0, 40)}" right=${Math.round(box.right)}`);
  }
});
return found;
"""


def english_text_problems(driver, allowed) -> list[str]:
    text, chinese, title = driver.execute_script(VISIBLE_TEXT)
    problems = [
        f"...{text[max(0, m.start() - 30) : m.end() + 30]}..."
        for m in CJK.finditer(text + "\n" + title)
    ]
    problems += [f"lang=zh: {piece}" for piece in chinese if piece not in allowed]
    return problems[:10]


@pytest.fixture
def english_browser(browser, live_server):
    """The shared browser with the English language cookie (removed afterwards, so the other
    browser tests see the Chinese their Accept-Language asks for)."""
    browser.get(live_server.url + "/ping")
    browser.delete_all_cookies()
    browser.add_cookie({"name": "django_language", "value": "en", "path": "/"})
    yield browser
    browser.delete_all_cookies()


def sign_in(driver, base, email):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + "/accounts/login/")
    driver.find_element(By.NAME, "username").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 15).until(page_replaced(old))


def test_the_english_result_page(english_browser, live_server, screenshot_dir, content):
    from selenium.webdriver.common.by import By

    from tests.test_english_edition import allowed_chinese

    driver = english_browser
    manager = make_user("en-manager@example.com")
    company = make_company(owner=manager, **ASCII_COMPANY)
    assessment = make_assessment(
        company,
        manager,
        content,
        checklist=["L1.1", "L2.1", "L2.2", "L2.3", "L2.4", "L3.1", "L3.2", "L3.3"],
        indicators=LEVEL_3_INDICATORS,
        dimensions={"work_orders": 3, "data_quality": 2, "customer_reach": 2},
        goals=ASCII_GOALS,
    )
    sign_in(driver, live_server.url, "en-manager@example.com")
    allowed = allowed_chinese(content)
    for label, width in (("desktop", 1280), ("phone", 390)):
        open_page(driver, f"{live_server.url}/assessments/{assessment.pk}/result/", width)
        assert driver.execute_script("return document.documentElement.lang") == "en"
        main = driver.find_element(By.TAG_NAME, "main").text
        assert "Level 3 · Data-driven" in main
        assert "Why this level" in main and "Roadmap to Level 4 (Intelligent)" in main
        # The checklist bars, the radar, and the business case's range bars.
        assert len(driver.find_elements(By.CSS_SELECTOR, ".chart svg")) == 3
        assert english_text_problems(driver, allowed) == []
        assert_no_horizontal_page_overflow(driver)
        assert driver.execute_script(SPILLS) == []
        full_page_screenshot(driver, screenshot_dir / f"en-result-{label}-{width}.png")


@pytest.mark.parametrize(
    ("name", "path", "needle"),
    [
        ("model", "/model/", "Comparison table of the 5-level maturity model (printable)"),
        ("home", "/", "Which level is your business at?"),
        ("level-4", "/model/levels/4/", "Benchmark case: Tesla's predictive maintenance"),
        ("laws", "/model/laws/", "Data governance in four steps"),
        (
            "glossary",
            "/model/glossary/",
            "The share of problems completely solved by the first repair",
        ),
    ],
)
@pytest.mark.parametrize(("label", "width"), [("desktop", 1280), ("phone", 390)])
def test_the_english_model_pages(
    english_browser, live_server, screenshot_dir, content, name, path, needle, label, width
):
    from selenium.webdriver.common.by import By

    from tests.test_english_edition import allowed_chinese

    driver = english_browser
    open_page(driver, live_server.url + path, width)
    assert driver.execute_script("return document.documentElement.lang") == "en"
    main = driver.find_element(By.TAG_NAME, "main").text
    assert needle in main
    assert english_text_problems(driver, allowed_chinese(content)) == []
    assert_no_horizontal_page_overflow(driver)
    assert driver.execute_script(SPILLS) == []
    if name == "model":
        headers = [
            re.sub(r"\s+", " ", th.text).strip()
            for th in driver.find_elements(By.CSS_SELECTOR, ".comparison-table thead th")
        ]
        assert headers[1:] == [
            f"Level {level.number} {level.short_name_en}" for level in content.levels
        ]
        rows = driver.find_elements(By.CSS_SELECTOR, ".comparison-table tbody th[scope='row']")
        assert [row.text.strip() for row in rows] == [d.name_en for d in content.dimensions]
    full_page_screenshot(driver, screenshot_dir / f"en-{name}-{label}-{width}.png")


def test_the_english_questionnaire(english_browser, live_server, screenshot_dir, content):
    from selenium.webdriver.common.by import By

    from tests.test_english_edition import allowed_chinese

    driver = english_browser
    manager = make_user("en-steps@example.com")
    company = make_company(owner=manager, **ASCII_COMPANY)
    draft = make_assessment(company, manager, content, submit=False, goals=ASCII_GOALS)
    sign_in(driver, live_server.url, "en-steps@example.com")
    allowed = allowed_chinese(content)
    for step in (1, 2, 3, 4):
        for label, width in (("desktop", 1280), ("phone", 390)):
            open_page(driver, f"{live_server.url}/assessments/{draft.pk}/step/{step}/", width)
            heading = driver.find_element(By.TAG_NAME, "h1").text
            assert heading.startswith(f"Step {step} of 4: "), heading
            assert english_text_problems(driver, allowed) == []
            assert_no_horizontal_page_overflow(driver)
            assert driver.execute_script(SPILLS) == []
            full_page_screenshot(driver, screenshot_dir / f"en-step-{step}-{label}-{width}.png")
    open_page(driver, f"{live_server.url}/companies/{company.pk}/", 1280)
    assert english_text_problems(driver, allowed) == []
    full_page_screenshot(driver, screenshot_dir / "en-company-desktop-1280.png")
