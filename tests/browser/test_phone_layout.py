"""Phone layout by measurement, at 390 CSS pixels wide, over every page of the access matrix
(tests/test_access_matrix.py) that a browser opens with GET, plus the public and account pages:

- no page scrolls sideways (document.documentElement.scrollWidth <= innerWidth);
- a table wider than the screen scrolls inside its own container;
- no short label breaks one character per line (自/测/清/单);
- every link and button of the navigation is on screen.
"""

import pytest
from django.urls import reverse

from assessments.consultants import services as consultant_services
from tests.browser.helpers import (
    build_group_world,
    build_world,
    open_and_wait,
    phone,
    reset_viewport,
    sign_in,
)
from tests.test_access_matrix import CAMPAIGN_ADMIN, MATRIX

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTH = 390

# Who opens each GET page of the matrix (its access rule decides: members, else the consultant).
MATRIX_VIEWER = {"granted consultants only (managers never reach consultant pages)": "consultant"}
# The group pages (issue 16) are opened by the group's admin.
MATRIX_VIEWER["the group's admins only (the store's own owner 404s on group pages)"] = "group_admin"
MATRIX_VIEWER[CAMPAIGN_ADMIN] = "group_admin"  # the campaign pages of that group

PUBLIC = [
    "/",
    "/model/",
    "/model/levels/1/",
    "/model/levels/5/",
    "/model/laws/",
    "/model/glossary/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/signup/consultant/",
    "/accounts/password_reset/",
]

MEASURE = """
const width = window.innerWidth;
const problems = [];
const root = document.documentElement;
if (root.scrollWidth > width) problems.push(`page is ${root.scrollWidth}px wide`);
function scrolls(el) {
  for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && node.clientWidth <= width) return true;
  }
  return false;
}
for (const table of document.querySelectorAll('table')) {
  const box = table.getBoundingClientRect();
  if (box.width > width && !scrolls(table)) problems.push(`table ${box.width}px wide, not in a scroller`);
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.replace(/\\s+/g, '');
  if (text.length < 2 || text.length > 16) continue;
  const parent = node.parentElement;
  if (!parent || parent.closest('svg, script, style, .visually-hidden')) continue;
  const style = getComputedStyle(parent);
  if (style.display === 'none' || style.visibility === 'hidden') continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  if (tops.size >= text.length) problems.push(`"${text}" breaks per character`);
}
for (const item of document.querySelectorAll('.site-header a, .site-header button')) {
  const box = item.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;  // in a closed menu
  if (box.left < 0 || box.right > width + 0.5) problems.push(`header item "${item.textContent.trim()}" off screen`);
}
return problems;
"""


# The outermost elements that reach past the screen's right edge (to say what is too wide).
WIDEST = """
const width = arguments[0];
const out = [];
for (const el of document.querySelectorAll('body *')) {
  const box = el.getBoundingClientRect();
  if (box.right > width + 0.5 && !(el.parentElement.getBoundingClientRect().right > width + 0.5)) {
    out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(box.right)}px`);
  }
}
return out.slice(0, 4);
"""


def matrix_pages(world) -> list[tuple[str, str]]:
    objects = {
        "company": world["company"].pk,
        "submitted": world["submitted"].pk,
        "draft": world["draft"].pk,
        "round": world["round"].pk,
        "review": world["review"].pk,
        "grant": world["grant"].pk,
        "plan": world["plan"].pk,
        "plan_action": world["plan_action"].pk,
        **build_group_world(world),
    }
    pages = []
    for name, (method, params, access) in MATRIX.items():
        # Downloads (the PDF, the plan's XLSX and calendar) are not pages.
        if method != "get" or name in (
            "assessment_report_pdf",
            "plan_export_xlsx",
            "plan_export_ics",
            "group_export_xlsx",
            "group_job_status",
            "group_job_download",
        ):
            continue
        kwargs = {key: objects.get(value, value) for key, value in params.items()}
        viewer = MATRIX_VIEWER.get(access, "owner")
        pages.append((viewer, reverse(name, kwargs=kwargs)))
        if name == "assessment_step":
            for step in (2, 3, 4):
                pages.append((viewer, reverse(name, kwargs={**kwargs, "step": step})))
    return pages


def all_pages(world) -> list[tuple[str, str]]:
    owner_pages = [
        "/account/",
        f"/companies/join/{world['company'].join_code}/",
        "/accounts/password_change/",
    ]
    consultant_pages = ["/consultant/", "/consultant/invitations/"]
    return (
        [("anonymous", path) for path in PUBLIC]
        + [("owner", path) for path in owner_pages]
        + [(who, path) for who, path in matrix_pages(world)]
        + [("consultant", path) for path in consultant_pages]
    )


def test_every_page_fits_a_390_px_phone(browser, live_server, content):
    world = build_world(content)
    consultant_services.create_company_invitation(
        consultant=world["consultant"], note="给一家企业的链接"
    )
    base = live_server.url
    driver = browser
    phone(driver, WIDTH)
    failures, checked = [], []
    try:
        current = None
        for who, path in all_pages(world):
            if who != current:
                if who == "anonymous":
                    driver.get(base + "/healthz")
                    driver.delete_all_cookies()
                else:
                    sign_in(driver, base, world[who])
                current = who
            open_and_wait(driver, base + path)
            checked.append(path)
            problems = driver.execute_script(MEASURE)
            # A phone widens its layout viewport (zooms out) when the content is wider.
            inner = driver.execute_script("return window.innerWidth")
            if inner != WIDTH:
                problems.insert(0, f"content wider than the screen: viewport {inner}px")
                problems[1:1] = driver.execute_script(WIDEST, WIDTH)
            if problems:
                failures.append(f"{path} ({who}): " + "; ".join(problems[:8]))
    finally:
        reset_viewport(driver)
    print(f"\nchecked at {WIDTH}px:\n  " + "\n  ".join(checked))
    assert len(checked) >= 30
    assert not failures, "\n".join(failures)
