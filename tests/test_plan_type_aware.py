"""Type-aware proposals: a 4S dealer never gets the OEM's items as gaps or as actions; a small
county shop is not sent to Level 3-4 projects; every level's top actions are explained."""

import pytest

from assessments.action_plans import proposal_for_report
from assessments.reports.report import build_report
from maturity.models import InitiativeLibrary
from tests.factories import make_assessment, make_company, make_user, ticks_for_level

DEALER_INDICATORS = {
    1: {"paper_work_order_pct": 70, "customer_data_digital_pct": 20, "has_unified_system": False},
    2: {"core_system_deployed": True, "e_work_order_pct": 85, "system_integration_pct": 20},
    3: {
        "core_system_deployed": True,
        "e_work_order_pct": 95,
        "system_integration_pct": 85,
        "bi_core_coverage": True,
        "process_automation_pct": 65,
        "data_decision_pct": 75,
    },
    4: {"ai_in_production": True, "predictive_maintenance_pct": 45, "proactive_outreach": True},
}


def proposal(content, company_type, level, **company):
    owner = make_user()
    company = make_company(owner, type=company_type, **company)
    ticks = ticks_for_level(level)
    if level == 2:
        ticks += ["L2.3", "L2.4", "L2.5"]
    assessment = make_assessment(
        company, owner, content, checklist=ticks, indicators=DEALER_INDICATORS[min(level, 4)]
    )
    return proposal_for_report(build_report(assessment))


@pytest.mark.django_db
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_a_4s_dealer_never_gets_an_oem_item_as_a_gap_or_an_action(content, level):
    oem_owned = set(
        InitiativeLibrary.objects.current().reference["company_types"]["dealer_4s"]["oem_owned"]
    )
    found = proposal(content, "dealer_4s", level)
    assert not {row.code for row in found.plan_gaps.rows} & oem_owned
    for action in found.actions:
        assert "dealer_4s" in action.initiative.company_types
        moved = set(action.ranked.gaps_moved)
        assert not moved & oem_owned, action.initiative.code
    codes = {a.initiative.code for a in found.actions}
    assert not codes & {"I16", "I31", "I32", "I33", "I38", "I39"}  # platform, OTA, ecosystem


@pytest.mark.django_db
def test_the_dealers_data_platform_is_shown_as_depending_on_the_oem(content):
    found = proposal(content, "dealer_4s", 2)
    assert [row.code for row in found.plan_gaps.oem_dependent] == ["L3.1", "C3.1"]
    assert found.target_level == 3
    assert [a.initiative.code for a in found.top][:3] == ["I18", "I13", "I15"]


@pytest.mark.django_db
def test_a_county_shop_gets_systems_first_within_its_budget(content):
    found = proposal(content, "independent", 1, technicians=12, annual_work_orders=5200)
    assert found.profile.size == "small"
    top = [a.initiative.code for a in found.top]
    assert top[0] == "I01"  # the SaaS DMS, not an RMB 800,000 system
    assert all(not a.ranked.over_budget for a in found.top)
    assert all(a.initiative.kind not in ("analysis", "ai", "ecosystem") for a in found.top)
    assert all(a.reasons for a in found.top)


@pytest.mark.django_db
def test_at_its_ceiling_a_chain_consolidates_its_level_first(content):
    found = proposal(content, "regional_chain", 3, technicians=60, annual_work_orders=31000)
    assert found.plan_gaps.consolidating
    assert found.target_level == 3
    assert found.actions
    assert all(a.initiative.kind != "ai" for a in found.top)


@pytest.mark.django_db
def test_past_the_ceiling_with_nothing_to_consolidate_the_page_says_so(client, content):
    owner = make_user()
    company = make_company(owner, type="independent", technicians=12, annual_work_orders=5200)
    assessment = make_assessment(
        company,
        owner,
        content,
        checklist=["L2.1", "L2.2"],
        indicators={"core_system_deployed": True, "e_work_order_pct": 95},
    )
    found = proposal_for_report(build_report(assessment))
    assert found.beyond_ceiling and not found.plan_gaps.consolidating
    assert found.target_level == 3
    client.force_login(owner)
    page = client.get(f"/assessments/{assessment.pk}/plan/").content.decode()
    assert "这已超出这类企业现实的上限" in page
