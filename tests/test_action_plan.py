"""The plan is a living object: made from a result, edited, added to; every change audited; the
same people as the result may see and change it (members, granted consultants), others 404."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import ActionPlan, AuditAction, AuditEvent, PlanAction
from maturity.models import Initiative
from tests.factories import (
    make_assessment,
    make_colleague,
    make_company,
    make_consultant,
    make_user,
    ticks_for_level,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(content):
    owner = make_user()
    company = make_company(owner, type="dealer_4s", technicians=30, annual_work_orders=12000)
    assessment = make_assessment(
        company,
        owner,
        content,
        checklist=ticks_for_level(2) + ["L2.3", "L2.4", "L2.5"],
        indicators={"core_system_deployed": True, "e_work_order_pct": 85},
    )
    return {
        "owner": owner,
        "company": company,
        "assessment": assessment,
        "colleague": make_colleague(company),
        "consultant": make_consultant(clients=[company]),
        "outsider": make_user(),
        "stranger_consultant": make_consultant(),
    }


def create(client, world, user="owner"):
    client.force_login(world[user])
    response = client.post(reverse("assessment_plan", args=[world["assessment"].pk]))
    assert response.status_code == 302
    return ActionPlan.objects.get(assessment=world["assessment"])


def test_the_proposal_page_shows_ranked_actions_with_reasons(client, world):
    client.force_login(world["owner"])
    page = client.get(reverse("assessment_plan", args=[world["assessment"].pk])).content.decode()
    assert "建立售后KPI体系" in page
    assert "为什么排在这里" in page
    assert "依赖主机厂" in page  # the dealer's data platform (L3.1)
    assert not ActionPlan.objects.exists()  # looking does not create


def test_creating_proposes_the_top_five_due_in_90_days(client, world):
    plan = create(client, world)
    client.force_login(world["owner"])
    actions = list(plan.actions.order_by("position"))
    assert len(actions) == 5
    assert actions[0].initiative.code == "I18"
    assert all(a.proposed and a.reasons for a in actions)
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "预算 5万以内 在中型企业的常规投入之内" in page  # the size class stays in the reason
    assert {a.due_date for a in actions} == {datetime.date.today() + datetime.timedelta(days=90)}
    # A second POST does not make a second plan.
    client.post(reverse("assessment_plan", args=[world["assessment"].pk]))
    assert ActionPlan.objects.count() == 1


def test_an_edit_is_saved_and_audited(client, world):
    plan = create(client, world)
    action = plan.actions.order_by("position").first()
    prefix = str(action.pk)
    response = client.post(
        reverse("plan_action_edit", args=[plan.pk, action.pk]),
        {
            f"{prefix}-owner_name": "李总监",
            f"{prefix}-due_date": "2027-01-31",
            f"{prefix}-status": "in_progress",
            f"{prefix}-notes": "先在一号店试点",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner_name, action.due_date, action.status, action.notes) == (
        "李总监",
        datetime.date(2027, 1, 31),
        "in_progress",
        "先在一号店试点",
    )
    events = AuditEvent.objects.filter(action=AuditAction.CHANGE, company=world["company"])
    assert set(events.values_list("target", flat=True)) == {"assessment_plan", "plan_action_edit"}
    edit = events.get(target="plan_action_edit")
    assert edit.actor == world["owner"] and str(action.pk) in edit.path


def test_actions_can_be_added_from_the_library_or_written_freely(client, world):
    plan = create(client, world)
    add = reverse("plan_action_add", args=[plan.pk])
    client.post(add, {"initiative": "I17", "owner_name": "王经理"})
    client.post(add, {"title": "与主机厂区域经理对齐数据接口计划", "due_date": "2027-02-28"})
    client.post(add, {})  # neither: refused
    client.post(add, {"initiative": "I31"})  # OEM-only: not offered to a dealer
    added = list(plan.actions.filter(proposed=False).order_by("position"))
    assert [(a.initiative and a.initiative.code, a.title) for a in added] == [
        ("I17", ""),
        (None, "与主机厂区域经理对齐数据接口计划"),
    ]
    assert added[0].moves == Initiative.objects.get(library=plan.library, code="I17").moves
    assert AuditEvent.objects.filter(target="plan_action_add", action="change").count() == 4


@pytest.mark.parametrize("who", ["owner", "colleague", "consultant"])
def test_members_and_granted_consultants_may_see_and_edit(client, world, who):
    plan = create(client, world, user=who)
    client.force_login(world[who])
    assert client.get(reverse("plan_detail", args=[plan.pk])).status_code == 200
    action = plan.actions.first()
    response = client.post(
        reverse("plan_action_edit", args=[plan.pk, action.pk]),
        {f"{action.pk}-status": "done", f"{action.pk}-owner_name": who},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"


@pytest.mark.parametrize("who", ["outsider", "stranger_consultant"])
def test_outsiders_get_404_everywhere_and_change_nothing(client, world, who):
    plan = create(client, world)
    action = plan.actions.first()
    client.force_login(world[who])
    urls = [
        ("get", reverse("assessment_plan", args=[world["assessment"].pk])),
        ("post", reverse("assessment_plan", args=[world["assessment"].pk])),
        ("get", reverse("plan_detail", args=[plan.pk])),
        ("post", reverse("plan_action_edit", args=[plan.pk, action.pk])),
        ("post", reverse("plan_action_add", args=[plan.pk])),
        ("get", reverse("plan_export_xlsx", args=[plan.pk])),
        ("get", reverse("plan_export_ics", args=[plan.pk])),
    ]
    for method, url in urls:
        assert getattr(client, method)(url, {f"{action.pk}-status": "done"}).status_code == 404
    action.refresh_from_db()
    assert action.status == "not_started"
    refused = AuditEvent.objects.filter(actor=world[who], action=AuditAction.REFUSED)
    assert refused.count() == len(urls)
    assert set(refused.values_list("company", flat=True)) == {world["company"].pk}


def test_a_revoked_consultant_is_refused_at_once(client, world):
    plan = create(client, world)
    grant = world["company"].consultant_grants.get(consultant=world["consultant"])
    from assessments.consultants import services as consultant_services

    consultant_services.revoke_grant(grant, by=world["owner"])
    client.force_login(world["consultant"])
    assert client.get(reverse("plan_detail", args=[plan.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, world):
    plan = create(client, world)
    client.logout()
    for url in (
        reverse("assessment_plan", args=[world["assessment"].pk]),
        reverse("plan_detail", args=[plan.pk]),
        reverse("plan_export_ics", args=[plan.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_library_action_keeps_its_title_and_bad_status_is_refused(client, world):
    plan = create(client, world)
    action = plan.actions.first()
    client.post(
        reverse("plan_action_edit", args=[plan.pk, action.pk]),
        {f"{action.pk}-title": "改名", f"{action.pk}-status": "exploded"},
    )
    action.refresh_from_db()
    assert action.status == "not_started" and action.title == ""
    assert PlanAction.objects.filter(plan=plan).count() == 5


def test_the_result_page_shows_the_top_three(client, world):
    client.force_login(world["owner"])
    result = reverse("assessment_result", args=[world["assessment"].pk])
    page = client.get(result).content.decode()
    assert "最重要的3项行动" in page and "制定90天行动计划" in page
    plan = create(client, world)
    first = plan.actions.order_by("position").first()
    client.post(
        reverse("plan_action_edit", args=[plan.pk, first.pk]),
        {f"{first.pk}-owner_name": "赵六", f"{first.pk}-status": "in_progress"},
    )
    page = client.get(result).content.decode()
    assert "赵六" in page and reverse("plan_detail", args=[plan.pk]) in page
