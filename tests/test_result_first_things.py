"""The result page leads with what to do: the official level and its confidence, the 1-2
weakest dimensions and three next actions above the details; the details (checklist, criteria,
laws) are collapsible; a law is marked as relevant only where its rule fires."""

import pytest

from tests.factories import make_assessment, make_company, make_user, ticks_for_level

pytestmark = pytest.mark.django_db


def result_html(client, owner, assessment) -> str:
    client.force_login(owner)
    response = client.get(f"/assessments/{assessment.pk}/result/")
    assert response.status_code == 200
    return response.content.decode()


def test_three_next_actions_and_the_weakest_dimensions_come_before_the_details(client, content):
    owner = make_user()
    company = make_company(owner=owner, type="dealer_4s")
    assessment = make_assessment(
        company,
        owner,
        content,
        checklist=["L2.1", "L2.2", "L2.3", "L2.5"],
        indicators={"core_system_deployed": True, "e_work_order_pct": 90},
        dimensions={
            "work_orders": 2,
            "customer_reach": 2,
            "decision_making": 1,
            "service_model": 2,
            "tech_stack": 2,
            "data_quality": 2,
        },
    )
    html = result_html(client, owner, assessment)
    first = html.index('class="first-things"')
    details = html.index('class="result-details"')
    assert first < details
    block = html[first:details]
    # The way to Level 3 starts with its capabilities: the data platform first.
    assert block.count('class="next-action ') == 3
    assert "已建立数据中台,打通了各系统数据" in block
    assert "Level 3 的能力,尚未具备" in block
    assert "最薄弱的维度" in block and "决策方式" in block
    assert "data-print" in block


def test_laws_are_relevant_only_where_their_rule_fires(client, content):
    owner = make_user()
    dealer = make_company(owner=owner, type="dealer_4s")
    even = dict.fromkeys(
        ["work_orders", "customer_reach", "decision_making", "service_model", "tech_stack"], 3
    )
    answers = {"dimensions": {**even, "data_quality": 3}, "goals": {"target_level": 4}}
    assessment = make_assessment(dealer, owner, content, checklist=ticks_for_level(3), **answers)
    html = result_html(client, owner, assessment)
    laws = html[html.index('id="laws"') :]
    # A Level 3 dealer with no symptoms ticked: no skipping, no system project (law 2), no data
    # silos (law 3), no roll-out across centres (law 5).
    assert laws.count('class="applies"') == 1  # law 4: the organisation for the next step
    chain_owner = make_user()
    chain = make_company(owner=chain_owner, type="regional_chain")
    chained = make_assessment(chain, chain_owner, content, checklist=ticks_for_level(3), **answers)
    chain_laws = result_html(client, chain_owner, chained)
    chain_laws = chain_laws[chain_laws.index('id="laws"') :]
    assert chain_laws.count('class="applies"') == 2  # and law 5: pilot in 1-2 centres first
    assert "MVP试点" in chain_laws
