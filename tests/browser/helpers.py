"""Shared pieces of the measuring browser tests: a small world of users and assessments, signing
a browser in without the login form, axe-core, and a phone-sized viewport."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.utils import timezone

from assessments import plan_services
from assessments.action_plans import proposal_for_report
from assessments.questionnaire import services as questionnaire_services
from assessments.reports.report import build_report
from assessments.rounds import services as round_services
from tests.factories import (
    full_answers,
    make_assessment,
    make_colleague,
    make_company,
    make_consultant,
    make_review,
    make_user,
)

# axe-core 4.14.1 (MPL-2.0), vendored so that a fresh CI machine needs no npm: see vendor/README.
AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")


def build_world(content) -> dict:
    """A company with a submitted assessment (signed review), an open draft with a few answers,
    a colleague, a granted consultant and a round with one submitted response."""
    owner = make_user("owner@example.com")
    company = make_company(owner=owner, name="杭州星河汽车服务有限公司(过渡期测试)")
    colleague = make_colleague(company)
    submitted = make_assessment(company, owner, content, checklist=["L2.1", "L2.2", "L2.3"])
    consultant = make_consultant("consultant@example.com", clients=[company])
    review = make_review(submitted, consultant, overall_opinion="签字意见")
    round_ = round_services.open_round(
        company=company, opened_by=owner, respondents=[(owner, "总监")]
    )
    response = round_.assessments.get()
    for step, answers in full_answers(content, checklist=["L1.1", "L1.2"]).items():
        response = questionnaire_services.save_step(
            response, step=step, answers=answers, user=owner
        )
    questionnaire_services.submit_assessment(response, user=owner)
    draft = questionnaire_services.start_assessment(company=company, user=owner)
    draft = questionnaire_services.save_step(
        draft, step=1, answers={"checklist": ["L2.1"]}, user=owner
    )
    plan = plan_services.create_plan(
        assessment=submitted, user=owner, proposal=proposal_for_report(build_report(submitted))
    )
    return {
        "owner": owner,
        "colleague": colleague,
        "consultant": consultant,
        "company": company,
        "submitted": submitted,
        "draft": draft,
        "review": review,
        "round": round_,
        "grant": company.consultant_grants.get(),
        "plan": plan,
        "plan_action": plan.actions.first(),
    }


def sign_in(driver, base_url: str, user) -> None:
    """Give the browser a fresh signed-in session of ``user`` (no login form, no rate limit)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    driver.get(base_url + "/healthz")
    driver.delete_all_cookies()
    driver.add_cookie({"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "path": "/"})


def open_and_wait(driver, url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 20).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "footer.site-footer"))
    )


def run_axe(driver) -> list[dict]:
    """axe-core's violations on the current page (injected by WebDriver, so the page's CSP does
    not apply to it)."""
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(AXE_SOURCE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        AXE_TAGS,
    )
    return result


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      {node['target']}  {node['summary'][:200]!r}")
    return "\n".join(lines)


def phone(driver, width: int = 390, height: int = 844) -> None:
    """A phone-sized layout viewport, exactly ``width`` CSS pixels wide."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
    )


def desktop(driver, width: int = 1366, height: int = 900) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def reset_viewport(driver) -> None:
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def build_group_world(world) -> dict:
    """A group (issue 16) whose admin sees the world's company as an active store, with a
    finished export job: the group pages' objects, and the admin as ``group_admin``."""
    from assessments.groups import services as group_services
    from assessments.models import BackgroundJob, JobKind, JobStatus

    admin = make_user("group-admin@example.com")
    group = group_services.create_group(
        user=admin, name="华东汽车服务集团", kind="dealer_group", regions=["华东区", "华南区"]
    )
    group_services.add_store(
        group, world["company"], region=group.regions.first(), consented_by=world["owner"]
    )
    job = BackgroundJob.objects.create(
        kind=JobKind.REPORTS_ZIP,
        group=group,
        requested_by=admin,
        status=JobStatus.RUNNING,
        progress_done=1,
        progress_total=3,
    )
    # A campaign of the same group with a store list (its pages are the admin's too).
    from assessments.campaigns import services as campaign_services
    from maturity.selectors import current_version
    from tests.campaign_helpers import csv_bytes, store_rows

    campaign = campaign_services.create_campaign(
        group=group,
        user=admin,
        name="2026 T1 全网自测",
        deadline=timezone.localdate() + timedelta(days=14),
        model_version=current_version(),
        reminder_days=[7, 3, 1],
    )
    campaign_services.import_stores(
        campaign, content=csv_bytes(store_rows(3)), filename="stores.csv"
    )
    world["group_admin"] = admin
    return {
        "group": group.pk,
        "job": job.pk,
        "job_kind": JobKind.REPORTS_ZIP.value,
        "campaign_group": group.pk,
        "campaign": campaign.pk,
    }
