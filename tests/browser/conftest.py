"""Headless Chromium for the real-browser tests (skipped when Chromium is not installed)."""

import os
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMEDRIVER_CANDIDATES = ("/usr/bin/chromedriver", "chromedriver")

CHROMIUM_ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--lang=zh-CN",
)


def _find(candidates) -> str | None:
    for candidate in candidates:
        path = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if path and os.access(path, os.X_OK):
            return path
    return None


@pytest.fixture(scope="session")
def browser(live_server):
    """One headless Chromium for the whole session.

    It depends on `live_server` so that it is torn down first: Chromium keeps keep-alive
    connections to the live server open, and their request threads must end (and release the
    shared in-memory SQLite connection) while the server and its thread sharing still exist.
    """
    chromium = _find(CHROMIUM_CANDIDATES)
    chromedriver = _find(CHROMEDRIVER_CANDIDATES)
    if not chromium or not chromedriver:
        pytest.skip("Chromium and chromedriver are needed for the browser tests")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed")

    options = Options()
    options.binary_location = chromium
    for argument in CHROMIUM_ARGUMENTS:
        options.add_argument(argument)
    # Headless Chromium ignores --lang for Accept-Language; the users' browsers ask for Chinese.
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    time.sleep(0.3)  # let the live server's request threads see their sockets close


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """$SCREENSHOT_DIR if set (to look at the pictures), else the test's temporary directory."""
    directory = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def page_replaced(old_html):
    """A WebDriverWait condition: the page that `old_html` belonged to is gone. Chromium
    sometimes answers a probe of a node mid-navigation with an inspector error instead of a
    stale-element error; both mean the old document is gone."""
    from selenium.common.exceptions import WebDriverException

    def check(driver):
        try:
            old_html.is_enabled()
        except WebDriverException:  # StaleElementReferenceException is one of these
            return True
        return False

    return check
