"""Accessibility by measurement: axe-core (WCAG 2.1 A/AA and best practices, colour contrast
included) over the home, model, questionnaire steps (also with errors showing), result,
dashboard and review pages, the group and campaign pages, at desktop and phone width. No
serious or critical violation."""

import pytest

from assessments.models import CampaignStore
from tests.browser.helpers import (
    BLOCKING_IMPACTS,
    build_group_world,
    build_world,
    describe,
    desktop,
    open_and_wait,
    phone,
    reset_viewport,
    run_axe,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def pages(world) -> list[tuple[str, str, str]]:
    """(who, label, path) of the pages to measure."""
    draft, submitted = world["draft"].pk, world["submitted"].pk
    return [
        ("anonymous", "home", "/"),
        ("anonymous", "model", "/model/"),
        ("anonymous", "login", "/accounts/login/"),
        ("owner", "company", f"/companies/{world['company'].pk}/"),
        ("owner", "step 1", f"/assessments/{draft}/step/1/"),
        ("owner", "step 2", f"/assessments/{draft}/step/2/"),
        ("owner", "step 3", f"/assessments/{draft}/step/3/"),
        ("owner", "step 4", f"/assessments/{draft}/step/4/"),
        ("owner", "result", f"/assessments/{submitted}/result/"),
        ("consultant", "dashboard", "/consultant/"),
        ("consultant", "review", f"/assessments/{submitted}/review/"),
        ("consultant", "review detail", f"/reviews/{world['review'].pk}/"),
        *group_pages(world),
    ]


def group_pages(world) -> list[tuple[str, str, str]]:
    """The network pages (issue 16): the group admin's roll-up, stores, campaigns, and the
    store contact's one-time campaign link."""
    objects = build_group_world(world)
    group, campaign = objects["group"], objects["campaign"]
    token = CampaignStore.objects.filter(campaign_id=campaign).order_by("row_number")[0].token
    return [
        ("group_admin", "group roll-up", f"/groups/{group}/"),
        ("group_admin", "group stores", f"/groups/{group}/manage/"),
        ("group_admin", "campaigns", f"/groups/{group}/campaigns/"),
        ("group_admin", "campaign", f"/groups/{group}/campaigns/{campaign}/"),
        ("anonymous", "campaign link", f"/c/{token}/"),
    ]


def measure(driver, base, world) -> dict[str, list[dict]]:
    found = {}
    signed_in_as = None
    for who, label, path in pages(world):
        if who != signed_in_as:
            if who == "anonymous":
                driver.get(base + "/healthz")
                driver.delete_all_cookies()
            else:
                sign_in(driver, base, world[who])
            signed_in_as = who
        open_and_wait(driver, base + path)
        found[label] = run_axe(driver)
        if label == "step 2":
            # The same step with errors showing (summary, marked inputs, messages).
            driver.execute_script(
                "document.querySelector('[name=e_work_order_pct]').value = '150';"
                "document.querySelector('button[name=action][value=save]').click();"
            )
            from selenium.webdriver.support.ui import WebDriverWait

            WebDriverWait(driver, 15).until(
                lambda d: d.find_elements("css selector", "#error-summary, .is-invalid")
            )
            found["step 2 with errors"] = run_axe(driver)
    return found


def counts(found) -> dict[str, dict[str, int]]:
    table = {}
    for label, violations in found.items():
        row = {}
        for violation in violations:
            key = f"{violation['impact']}:{violation['id']}"
            row[key] = row.get(key, 0) + len(violation["nodes"])
        table[label] = row
    return table


@pytest.mark.parametrize("layout", ["desktop", "phone"])
def test_no_serious_or_critical_axe_violations(browser, live_server, content, layout):
    world = build_world(content)
    driver = browser
    (desktop if layout == "desktop" else phone)(driver)
    try:
        found = measure(driver, live_server.url, world)
    finally:
        reset_viewport(driver)
    print(f"\naxe-core violations ({layout}), nodes per impact:rule")
    for label, row in counts(found).items():
        print(f"  {label:<20} {row}")
    blocking = {
        label: [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        for label, violations in found.items()
    }
    report = "\n".join(
        f"{label}:\n{describe(violations)}" for label, violations in blocking.items() if violations
    )
    assert not report, f"serious/critical accessibility violations ({layout}):\n{report}"
