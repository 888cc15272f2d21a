"""The model pages in a real browser: desktop, phone and print layouts, with screenshots.

Set SCREENSHOT_DIR to keep the pictures (e.g. SCREENSHOT_DIR=/tmp/shots).
"""

import base64
import io

import pytest

pytestmark = [
    pytest.mark.browser,
    # live_server needs a transactional database; the serialized rollback restores the model
    # rows loaded by the data migration, which a transactional test would otherwise flush away.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DIMENSION_NAMES = [
    "核心特征",
    "工单管理",
    "客户触达",
    "决策方式",
    "服务模式",
    "技术栈",
    "数据质量",
    "人效水平",
    "客户满意度",
    "投资规模",
    "回报周期",
    "中国占比",
    "代表企业",
]
LEVEL_NAMES = ["纸质化/Excel管理", "基础信息化", "数据驱动", "智能化", "生态化"]


def open_page(driver, url: str, width: int, height: int = 900) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.set_window_size(width, height)
    driver.get(url)
    WebDriverWait(driver, 15).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "footer.site-footer"))
    )
    viewport = driver.execute_script("return window.innerWidth")
    assert abs(viewport - width) <= 20, f"window {width} px wide has a {viewport} px viewport"


def full_page_screenshot(driver, path) -> None:
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    assert path.stat().st_size > 10_000, path


def assert_no_horizontal_page_overflow(driver) -> None:
    """Wide content (the table) scrolls inside its own box; the page itself never does."""
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"the page is {overflow} px wider than the viewport"


def assert_comparison_table(driver) -> None:
    from selenium.webdriver.common.by import By

    table = driver.find_element(By.CSS_SELECTOR, "table.comparison-table")
    assert table.is_displayed()
    row_headers = table.find_elements(By.CSS_SELECTOR, "tbody th[scope='row']")
    assert [header.text.strip() for header in row_headers] == DIMENSION_NAMES
    viewport = driver.execute_script("return window.innerWidth")
    for header in row_headers:
        assert header.is_displayed(), header.text
        box = header.rect
        assert box["width"] > 0 and box["height"] > 0, header.text
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport, header.text
    cells = table.find_elements(By.CSS_SELECTOR, "tbody td")
    assert len(cells) == 65
    assert cells[5 * 5].text.strip() == "—"  # 技术栈 / Level 1 is empty in the source table
    assert cells[5 * 5 + 1].text.strip() == "DMS+CRM"


@pytest.mark.parametrize(("label", "width"), [("desktop", 1280), ("phone", 390)])
def test_model_overview_layout(browser, live_server, screenshot_dir, label, width):
    from selenium.webdriver.common.by import By

    open_page(browser, live_server.url + "/model/", width)
    assert browser.title.startswith("成熟度模型")
    assert_comparison_table(browser)
    assert_no_horizontal_page_overflow(browser)
    nav = browser.find_element(By.CSS_SELECTOR, ".site-nav")
    assert nav.is_displayed()
    page_text = browser.find_element(By.TAG_NAME, "main").text
    for name in LEVEL_NAMES:
        assert name in page_text
    if width < 500:
        wrapper = browser.find_element(By.CSS_SELECTOR, ".comparison-section .table-scroll")
        scroll = browser.execute_script(
            "return [arguments[0].scrollWidth, arguments[0].clientWidth]", wrapper
        )
        assert scroll[0] > scroll[1], "on a phone the table scrolls inside its wrapper"
    full_page_screenshot(browser, screenshot_dir / f"model-{label}-{width}.png")


def test_model_overview_print_media(browser, live_server, screenshot_dir):
    from selenium.webdriver.common.by import By

    open_page(browser, live_server.url + "/model/", 1280)
    try:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert browser.execute_script("return window.matchMedia('print').matches")
        assert not browser.find_element(By.CSS_SELECTOR, ".site-nav").is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, ".lang-switch").is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, "button[data-print]").is_displayed()
        assert_comparison_table(browser)
        # Black on white, solid table borders.
        styles = browser.execute_script(
            """
            const cell = document.querySelector('.comparison-table tbody td');
            const style = getComputedStyle(cell);
            return [getComputedStyle(document.body).backgroundColor, style.color,
                    style.borderTopStyle, style.borderTopColor];
            """
        )
        assert styles == ["rgb(255, 255, 255)", "rgb(0, 0, 0)", "solid", "rgb(0, 0, 0)"]
        full_page_screenshot(browser, screenshot_dir / "model-print.png")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_model_overview_prints_the_table_on_landscape_pages(browser, live_server, screenshot_dir):
    from pypdf import PdfReader

    open_page(browser, live_server.url + "/model/", 1280)
    pdf = browser.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    data = base64.b64decode(pdf["data"])
    (screenshot_dir / "model-print.pdf").write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    orientations = []
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        orientations.append("landscape" if width > height else "portrait")
    assert "portrait" in orientations  # the rest of the page: A4 portrait
    landscape = [i for i, kind in enumerate(orientations) if kind == "landscape"]
    assert landscape, orientations
    table_text = "".join(reader.pages[i].extract_text() or "" for i in landscape)
    assert "技术栈" in table_text
    assert "代表企业" in table_text
    # A4 landscape is 842 × 595 pt.
    first = reader.pages[landscape[0]].mediabox
    assert round(float(first.width)) == 842 and round(float(first.height)) == 595


@pytest.mark.parametrize(
    ("name", "path", "needle"),
    [
        ("home", "/", "你的企业在哪个段位?"),
        ("level-3", "/model/levels/3/", "标杆案例:理想汽车的售后数据中台"),
        ("laws", "/model/laws/", "数据治理四步走"),
        ("glossary", "/model/glossary/", "首次维修就彻底解决问题的比例"),
    ],
)
@pytest.mark.parametrize(("label", "width"), [("desktop", 1280), ("phone", 390)])
def test_other_pages_layout(browser, live_server, screenshot_dir, name, path, needle, label, width):
    from selenium.webdriver.common.by import By

    open_page(browser, live_server.url + path, width)
    assert needle in browser.find_element(By.TAG_NAME, "main").text
    assert_no_horizontal_page_overflow(browser)
    full_page_screenshot(browser, screenshot_dir / f"{name}-{label}-{width}.png")
