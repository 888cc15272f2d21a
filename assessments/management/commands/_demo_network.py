"""The demo network for `seed_demo`: dealer group "demo-group" run by `group-admin`, 12 stores
over 3 regions at different levels, and two campaigns — T0 (the baseline, about nine months ago,
closed) and T1 (open, deadline in two weeks) — so the roll-up shows a distribution, a heat map,
T0 → T1 change, pilots and waves. Companies A and B (seed_demo's) stay outside the group.

Every store has its own manager (`store-01` … `store-12`), who consented to the group (the
GroupStore row names them). In T1, eleven stores submitted and store 12 has only started.
"""

from __future__ import annotations

import copy
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from assessments.companies import services as company_services
from assessments.models import (
    Assessment,
    Campaign,
    CampaignStatus,
    CampaignStore,
    Company,
    GroupAdmin,
    GroupKind,
    GroupRegion,
    GroupStore,
    GroupStoreSource,
    GroupStoreStatus,
    Membership,
    MembershipRole,
    StoreGroup,
)
from assessments.plan_services import create_plan
from assessments.questionnaire import services as questionnaire_services
from maturity.selectors import model_content

GROUP_NAME = "demo-group"
GROUP_ADMIN = "group-admin"
REGIONS = ["华东区", "华南区", "华北区"]
T0_MONTHS_BACK = 9

# A genuine Level 4 store: every Level 2–4 capability ticked and its own figures back them.
LEVEL_4_ANSWERS = {
    1: {
        "checklist": [
            "L2.1",
            "L2.2",
            "L3.1",
            "L3.2",
            "L3.3",
            "L3.4",
            "L3.5",
            "L4.1",
            "L4.2",
            "L4.3",
            "L4.4",
            "L4.5",
        ]
    },
    2: {
        "indicators": {
            "paper_work_order_pct": 2,
            "customer_data_digital_pct": 95,
            "has_unified_system": True,
            "tech_standard_op_pct": 80,
            "core_system_deployed": True,
            "e_work_order_pct": 98,
            "system_integration_pct": 92,
            "data_mainly_record_query": False,
            "data_decision_pct": 82,
            "bi_core_coverage": True,
            "process_automation_pct": 72,
            "frontline_data_access": True,
            "ai_in_production": True,
            "predictive_maintenance_pct": 50,
            "remote_ota_fix_pct": 40,
            "proactive_outreach": True,
            "productivity_multiple": 4.5,
            "platformized": False,
            "api_partner_count": 4,
            "data_service_revenue_pct": 0,
            "chain_collaboration_pct": 40,
            "service_to_operations": False,
            "customer_satisfaction_score": 90,
        }
    },
    3: {
        "dimensions": {
            "work_orders": 4,
            "customer_reach": 4,
            "decision_making": 4,
            "service_model": 3,
            "tech_stack": 4,
            "data_quality": 4,
        }
    },
}

# name, type, province, city, city tier, technicians, work orders/year, region index,
# level at T0, level at T1 (None: T1 started, not submitted), a dimension nudged (+1/-1).
STORES = [
    (
        "沪西旗舰4S店",
        "dealer_4s",
        "shanghai",
        "上海",
        "tier1",
        48,
        26000,
        0,
        3,
        4,
        ("tech_stack", 1),
    ),
    (
        "杭州滨江4S店",
        "dealer_4s",
        "zhejiang",
        "杭州",
        "new_tier1",
        36,
        19000,
        0,
        2,
        3,
        ("customer_reach", 1),
    ),
    (
        "苏州园区服务中心",
        "oem_direct",
        "jiangsu",
        "苏州",
        "new_tier1",
        40,
        21000,
        0,
        2,
        3,
        ("data_quality", -1),
    ),
    (
        "宁波北仑快修店",
        "independent",
        "zhejiang",
        "宁波",
        "tier2",
        12,
        6000,
        0,
        1,
        2,
        ("work_orders", 1),
    ),
    (
        "广州天河4S店",
        "dealer_4s",
        "guangdong",
        "广州",
        "tier1",
        45,
        24000,
        1,
        2,
        3,
        ("decision_making", 1),
    ),
    (
        "深圳南山服务中心",
        "oem_direct",
        "guangdong",
        "深圳",
        "tier1",
        52,
        28000,
        1,
        3,
        3,
        ("service_model", 1),
    ),
    (
        "佛山禅城4S店",
        "dealer_4s",
        "guangdong",
        "佛山",
        "tier2",
        28,
        14000,
        1,
        2,
        2,
        ("tech_stack", -1),
    ),
    (
        "东莞厚街快修店",
        "independent",
        "guangdong",
        "东莞",
        "tier2",
        10,
        4800,
        1,
        1,
        1,
        ("customer_reach", 1),
    ),
    (
        "北京亦庄4S店",
        "dealer_4s",
        "beijing",
        "北京",
        "tier1",
        44,
        23000,
        2,
        2,
        3,
        ("data_quality", 1),
    ),
    (
        "天津滨海4S店",
        "dealer_4s",
        "tianjin",
        "天津",
        "tier2",
        30,
        15000,
        2,
        2,
        2,
        ("work_orders", -1),
    ),
    (
        "石家庄裕华服务站",
        "regional_chain",
        "hebei",
        "石家庄",
        "tier2",
        20,
        9000,
        2,
        1,
        2,
        ("decision_making", 1),
    ),
    (
        "济南高新4S店",
        "dealer_4s",
        "shandong",
        "济南",
        "tier2",
        26,
        12000,
        2,
        1,
        None,
        ("service_model", 1),
    ),
]


def _answers_with_nudge(answers: dict, nudge: tuple[str, int]) -> dict:
    varied = copy.deepcopy(answers)
    dimensions = varied.get(3, {}).get("dimensions")
    if dimensions:
        code, delta = nudge
        dimensions[code] = min(5, max(1, dimensions[code] + delta))
    return varied


def _campaign_assessment(company, manager, campaign, answers, *, submit: bool, at=None):
    """The store's assessment of the campaign (made once; a second run finds it)."""
    existing = Assessment.objects.filter(company=company, campaign=campaign).first()
    if existing is not None:
        return existing
    draft = questionnaire_services.start_assessment(company=company, user=manager)
    Assessment.objects.filter(pk=draft.pk).update(campaign=campaign)
    for step, step_answers in answers.items():
        draft = questionnaire_services.save_step(
            draft, step=step, answers=step_answers, user=manager
        )
    if not submit:
        return draft
    submitted = questionnaire_services.submit_assessment(draft, user=manager)
    if at is not None:
        Assessment.objects.filter(pk=submitted.pk).update(
            created_at=at - timedelta(days=2), submitted_at=at, updated_at=at
        )
        submitted.refresh_from_db()
    return submitted


def seed_network(*, make_user, answers_by_level: dict, password: str) -> tuple[dict, dict, list]:
    """Create (or find) the demo network; returns its JSON summary entry, the group admin's
    user entry, and the store managers' user names (printed, not in the JSON's `users`, whose
    set of names other checks rely on)."""
    answers_by_level = {**answers_by_level, 4: LEVEL_4_ANSWERS}
    admin = make_user(GROUP_ADMIN, f"{GROUP_ADMIN}@demo.example.com", password)
    group = StoreGroup.objects.filter(name=GROUP_NAME).first()
    if group is None:
        group = StoreGroup.objects.create(
            name=GROUP_NAME, kind=GroupKind.DEALER_GROUP, created_by=admin
        )
    GroupAdmin.objects.get_or_create(group=group, user=admin, defaults={"added_by": admin})
    regions = [
        GroupRegion.objects.get_or_create(group=group, name=name, defaults={"position": i})[0]
        for i, name in enumerate(REGIONS)
    ]

    now = timezone.now()
    version = model_content().version
    t0_at = now - timedelta(days=30 * T0_MONTHS_BACK)
    # T0: the baseline, closed; T1: open, deadline in two weeks.
    t0, t1 = (
        Campaign.objects.get_or_create(
            group=group,
            name=name,
            defaults={
                "deadline": deadline,
                "model_version": version,
                "reminder_days": [7, 3, 1],
                "status": status,
                "created_by": admin,
            },
        )[0]
        for name, deadline, status in (
            ("T0", (t0_at + timedelta(days=7)).date(), CampaignStatus.CLOSED),
            ("T1", (now + timedelta(days=14)).date(), CampaignStatus.OPEN),
        )
    )

    users, stores = [], []
    for number, spec in enumerate(STORES, start=1):
        name, kind, province, city, tier, technicians, orders, region, t0_level, t1_level, nudge = (
            spec
        )
        username = f"store-{number:02d}"
        email = f"{username}@demo.example.com"
        manager = make_user(username, email, password)
        company = Company.objects.filter(name=name).first()
        if company is None:
            company = company_services.create_company(
                user=manager,
                name=name,
                type=kind,
                province=province,
                city_tier=tier,
                technicians=technicians,
                annual_work_orders=orders,
                contact_name=f"{city}店长",
                contact_mobile=f"139{number:08d}",
                contact_email=email,
                city=city,
            )
        elif not Membership.objects.filter(user=manager).exists():
            Membership.objects.create(user=manager, company=company, role=MembershipRole.OWNER)
        if not GroupStore.objects.filter(
            group=group, company=company, status=GroupStoreStatus.ACTIVE
        ).exists():
            GroupStore.objects.create(
                group=group,
                company=company,
                region=regions[region],
                city=city,
                source=GroupStoreSource.CAMPAIGN,
                consented_by=manager,
                consented_at=t0_at - timedelta(days=10),
            )

        for campaign, level, submit, at in (
            (t0, t0_level, True, t0_at),
            (t1, t1_level or t0_level, t1_level is not None, None),
        ):
            assessment = _campaign_assessment(
                company,
                manager,
                campaign,
                _answers_with_nudge(answers_by_level[level], nudge),
                submit=submit,
                at=at,
            )
            row, _ = CampaignStore.objects.get_or_create(
                campaign=campaign,
                email=email,
                defaults={
                    "row_number": number + 1,
                    "store_name": name,
                    "type": kind,
                    "province": province,
                    "city": city,
                    "region": regions[region],
                    "contact_name": f"{city}店长",
                    "mobile": f"139{number:08d}",
                    "company": company,
                    "invited_at": (at or now) - timedelta(days=20),
                    "token_used_at": (at or now) - timedelta(days=18),
                    "assessment": assessment,
                },
            )
            if campaign is t1 and submit and not hasattr(assessment, "action_plan"):
                _plan(assessment, manager)

        users.append(username)
        stores.append({"id": str(company.pk), "name": company.name})

    admin_entry = {"username": admin.username, "role": "group_admin", "groups": [group.name]}
    entry = {
        "id": str(group.pk),
        "name": group.name,
        "url": reverse("group_rollup", args=[group.pk]),
        "stores": stores,
    }
    return entry, admin_entry, users


def _plan(assessment, manager) -> None:
    """The store's action plan from its T1 result (the proposal's top actions), so the roll-up
    can count the actions most often planned."""
    from assessments.action_plans import proposal_for_report
    from assessments.reports.report import build_report

    proposal = proposal_for_report(build_report(assessment))
    create_plan(assessment=assessment, user=manager, proposal=proposal)
