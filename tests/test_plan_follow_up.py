"""Closing the loop: after a re-assessment the progress page shows each action's status beside
the codes it was meant to move and which moved; consultants see clients' overdue actions."""

import datetime

import pytest
from django.urls import reverse

from assessments import plan_services
from assessments.action_plans import plan_follow_up, proposal_for_report
from assessments.reports.report import build_report
from tests.factories import (
    make_assessment,
    make_company,
    make_consultant,
    make_user,
    ticks_for_level,
)

pytestmark = pytest.mark.django_db

BEFORE = ticks_for_level(2) + ["L2.3", "L2.4", "L2.5"]


def planned(content, owner=None, **company):
    owner = owner or make_user()
    company = make_company(owner, type="dealer_4s", **company)
    assessment = make_assessment(company, owner, content, checklist=BEFORE)
    plan = plan_services.create_plan(
        assessment=assessment, user=owner, proposal=proposal_for_report(build_report(assessment))
    )
    return owner, company, plan


def test_the_progress_page_shows_status_beside_what_moved(client, content):
    owner, company, plan = planned(content)
    kpi = plan.actions.get(initiative__code="I18")  # moves C3.4, L3.4, C3.2, L3.2, C2.4, C2.5
    plan_services.update_action(kpi, status="done")
    # Re-assessed: BI dashboards now ticked (L3.2), the silo symptom (L2.3) gone.
    make_assessment(company, owner, content, checklist=ticks_for_level(2) + ["L3.2", "L2.4"])
    follow = plan_follow_up(company, content)
    assert follow.plan == plan
    row = next(r for r in follow.rows if r.action == kpi)
    moved = {m.code: m.moved for m in row.moves}
    assert moved["L3.2"] is True and moved["L3.4"] is False
    governance = next(r for r in follow.rows if r.action.initiative.code == "I13")
    assert {m.code: m.moved for m in governance.moves}["L2.3"] is True  # symptom removed

    client.force_login(owner)
    page = client.get(reverse("company_progress", args=[company.pk])).content.decode()
    assert "行动计划的效果" in page
    assert "完成" in page and "已改变" in page and "L3.2" in page


def test_no_follow_up_before_a_re_assessment(content):
    _owner, company, _plan = planned(content)
    assert plan_follow_up(company, content) is None


def test_consultant_dashboard_lists_only_clients_overdue_open_actions(client, content):
    _owner, company, plan = planned(content, name="苏州4S店")
    _other_owner, other, other_plan = planned(content, name="别家企业")
    consultant = make_consultant(clients=[company])
    actions = list(plan.actions.order_by("position"))
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    plan_services.update_action(actions[0], due_date=yesterday, owner_name="张三")
    plan_services.update_action(actions[1], due_date=yesterday, status="done")  # done: not overdue
    plan_services.update_action(actions[2], due_date=yesterday, status="on_hold")  # on hold
    plan_services.update_action(other_plan.actions.first(), due_date=yesterday)  # not a client
    client.force_login(consultant)
    page = client.get(reverse("consultant_dashboard")).content.decode()
    assert "客户逾期的行动" in page
    assert actions[0].display_title in page and "张三" in page
    assert reverse("plan_detail", args=[plan.pk]) in page
    assert actions[1].display_title not in page.split("客户逾期的行动")[1].split("</section>")[0]
    assert "别家企业" not in page
