"""Demo data for a fresh installation: companies at different levels, their managers, submitted
assessments with homework answers, a colleague, and two consultants. Idempotent: a second run
reuses what the first made.

Company A (manager-a, colleague-a) has two submitted assessments months apart — an earlier one
at Level 2 and the current one at Level 3 — and consultant-a, whom A granted access, has signed
a review of the current one. Company B (manager-b) has one. Company C (manager-c), a regional
chain, ticks Level 3 but its own figures back only two of the five Level 3 criteria: consultant-a,
granted by C too, signed a review confirming Level 2 with a justification (a consultant's level
that differs from the engine's). consultant-x has no clients. A also has an open draft (a re-assessment begun: a few answers of
steps 1 and 2, not submitted).

The last line printed is one JSON object describing what exists (an interface for scripts and
checks; see README).
"""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessments.business_services import save_business_figures
from assessments.companies import services
from assessments.consultants import services as consultant_services
from assessments.models import (
    Assessment,
    Company,
    ConsultantGrant,
    ConsultantProfile,
    GrantStatus,
    Membership,
    MembershipRole,
    Review,
)
from assessments.questionnaire import services as questionnaire_services
from assessments.selectors import latest_signed_review, open_draft

from ._demo_network import seed_network

# Operational figures of each company's current result (the optional business-case page), so the
# demo shows what the next level is worth: revenue and inventory in 万元.
BUSINESS_FIGURES = {
    "a": {
        "ftfr_pct": 88,
        "avg_repair_hours": 3.1,
        "customer_wait_hours": 1.5,
        "technician_utilisation_pct": 78,
        "stockout_pct": 6,
        "inventory_turnover": 7.5,
        "annual_revenue_wan": 9800,
        "gross_margin_pct": 32,
        "parts_inventory_wan": 1200,
    },
    "b": {
        "ftfr_pct": 72,
        "avg_repair_hours": 5.5,
        "customer_wait_hours": 2.5,
        "technician_utilisation_pct": 62,
        "stockout_pct": 14,
        "inventory_turnover": 3.5,
        "annual_revenue_wan": 650,
        "gross_margin_pct": 38,
        "parts_inventory_wan": 90,
    },
    "c": {
        "ftfr_pct": 81,
        "avg_repair_hours": 4.0,
        "customer_wait_hours": 2.0,
        "technician_utilisation_pct": 70,
        "stockout_pct": 9,
        "inventory_turnover": 5.0,
        "annual_revenue_wan": 5200,
        "gross_margin_pct": 30,
        "parts_inventory_wan": 700,
    },
}

DEFAULT_PASSWORD = "demo-pass-2026"  # noqa: S105 - demo accounts only, printed on purpose

COMPANIES = [
    {
        "key": "a",
        "fields": {
            "name": "华东新能源汽车服务中心",
            "type": "oem_direct",
            "province": "shanghai",
            "city_tier": "tier1",
            "technicians": 85,
            "annual_work_orders": 42000,
            "contact_name": "张经理",
            "contact_mobile": "13800138000",
            "contact_email": "manager-a@demo.example.com",
        },
        "answers": {
            1: {"checklist": ["L2.1", "L2.2", "L3.1", "L3.2", "L3.3", "L3.4"]},
            2: {
                "indicators": {
                    "paper_work_order_pct": 5,
                    "customer_data_digital_pct": 95,
                    "has_unified_system": True,
                    "tech_standard_op_pct": 70,
                    "core_system_deployed": True,
                    "e_work_order_pct": 96,
                    "system_integration_pct": 85,
                    "data_mainly_record_query": False,
                    "data_decision_pct": 75,
                    "bi_core_coverage": True,
                    "process_automation_pct": 65,
                    "frontline_data_access": True,
                    "ai_in_production": False,
                    "predictive_maintenance_pct": 10,
                    "remote_ota_fix_pct": "unknown",
                    "proactive_outreach": False,
                    "productivity_multiple": 2.2,
                    "platformized": False,
                    "api_partner_count": 3,
                    "data_service_revenue_pct": 0,
                    "chain_collaboration_pct": 30,
                    "service_to_operations": False,
                    "customer_satisfaction_score": 82,
                }
            },
            3: {
                "dimensions": {
                    "work_orders": 3,
                    "customer_reach": 3,
                    "decision_making": 3,
                    "service_model": 2,
                    "tech_stack": 3,
                    "data_quality": 3,
                }
            },
            4: {
                "target_level": 4,
                "target_year": 2028,
                "pain_point_1": "预测性维护尚未起步,仍以事后响应为主",
                "pain_point_2": "数据科学人才不足,模型无人维护",
                "pain_point_3": "客户主动触达依赖人工外呼",
                "next_problem_1": "积累高质量的故障与车联网数据",
                "next_problem_2": "找到1-2个能落地的AI场景做MVP试点",
                "next_problem_3": "组建数据科学与业务专家的联合团队",
                "benchmark_company": "特斯拉",
                "benchmark_level": 4,
                "benchmark_learnings": "车辆数据实时上云、故障预测与OTA远程修复;先在一个服务中心试点预测性维护。",
            },
        },
    },
    {
        "key": "b",
        "fields": {
            "name": "鲁中汽修连锁(淄博店)",
            "type": "independent",
            "province": "shandong",
            "city_tier": "tier3",
            "technicians": 12,
            "annual_work_orders": 5200,
            "contact_name": "李店长",
            "contact_mobile": "13912345678",
            "contact_email": "manager-b@demo.example.com",
        },
        "answers": {
            1: {"checklist": ["L1.1", "L1.2", "L1.3", "L1.4", "L1.5"]},
            2: {
                "indicators": {
                    "paper_work_order_pct": 85,
                    "customer_data_digital_pct": 15,
                    "has_unified_system": False,
                    "tech_standard_op_pct": 10,
                    "core_system_deployed": False,
                    "e_work_order_pct": 15,
                    "system_integration_pct": 0,
                    "data_mainly_record_query": True,
                    "data_decision_pct": 10,
                    "bi_core_coverage": False,
                    "process_automation_pct": 0,
                    "frontline_data_access": False,
                    "ai_in_production": False,
                    "predictive_maintenance_pct": 0,
                    "remote_ota_fix_pct": 0,
                    "proactive_outreach": False,
                    "productivity_multiple": 1,
                    "platformized": False,
                    "api_partner_count": 0,
                    "data_service_revenue_pct": 0,
                    "chain_collaboration_pct": "unknown",
                    "service_to_operations": False,
                    "customer_satisfaction_score": 68,
                }
            },
            3: {
                "dimensions": {
                    "work_orders": 1,
                    "customer_reach": 1,
                    "decision_making": 1,
                    "service_model": 1,
                    "tech_stack": 1,
                    "data_quality": 1,
                }
            },
            4: {
                "target_level": 2,
                "target_year": 2027,
                "pain_point_1": "客户信息记在笔记本上,容易丢失",
                "pain_point_2": "备件靠人工盘点,经常缺货",
                "pain_point_3": "老板看经营数据要等财务整理好几天",
                "next_problem_1": "选一套适合门店规模的DMS并真正用起来",
                "next_problem_2": "把客户信息和工单全部电子化",
                "next_problem_3": "培训技师和服务顾问使用系统",
                "benchmark_company": "本地一家已上DMS的4S店",
                "benchmark_level": 2,
                "benchmark_learnings": "先从工单电子化做起,再逐步管理客户和备件。",
            },
        },
    },
]


# Company C: the ticks say Level 3 (data platform, BI dashboards, decisions from data), but its
# own figures meet only C3.1 and C3.2 (automation 35% < 60%, data-based decisions 55% < 70%,
# frontline access not measured). consultant-a confirms Level 2.
COMPANY_C = {
    "key": "c",
    "fields": {
        "name": "苏锡常汽车服务连锁",
        "type": "regional_chain",
        "province": "jiangsu",
        "city_tier": "new_tier1",
        "technicians": 60,
        "annual_work_orders": 31000,
        "contact_name": "王总监",
        "contact_mobile": "13700137000",
        "contact_email": "manager-c@demo.example.com",
    },
    "answers": {
        1: {"checklist": ["L2.1", "L2.2", "L3.1", "L3.2", "L3.4"]},
        2: {
            "indicators": {
                "paper_work_order_pct": 8,
                "customer_data_digital_pct": 90,
                "has_unified_system": True,
                "tech_standard_op_pct": 55,
                "core_system_deployed": True,
                "e_work_order_pct": 92,
                "system_integration_pct": 82,
                "data_mainly_record_query": False,
                "data_decision_pct": 55,
                "bi_core_coverage": True,
                "process_automation_pct": 35,
                "frontline_data_access": "unknown",
                "ai_in_production": False,
                "predictive_maintenance_pct": 0,
                "remote_ota_fix_pct": 0,
                "proactive_outreach": False,
                "productivity_multiple": 1.5,
                "platformized": False,
                "api_partner_count": 0,
                "data_service_revenue_pct": 0,
                "chain_collaboration_pct": 15,
                "service_to_operations": False,
                "customer_satisfaction_score": 78,
            }
        },
        3: {
            "dimensions": {
                "work_orders": 2,
                "customer_reach": 2,
                "decision_making": 2,
                "service_model": 2,
                "tech_stack": 3,
                "data_quality": 2,
            }
        },
        4: {
            "target_level": 3,
            "target_year": 2028,
            "pain_point_1": "BI看板只在总部用,门店经理很少看",
            "pain_point_2": "派单仍靠前台经验,自动化流程覆盖不到一半",
            "pain_point_3": "各门店的数据口径不一致",
            "next_problem_1": "把智能派单和库存预警推广到全部门店",
            "next_problem_2": "门店例会先看数据再做决定,纳入考核",
            "next_problem_3": "统一各门店的工单和客户数据标准",
            "benchmark_company": "理想汽车",
            "benchmark_level": 3,
            "benchmark_learnings": "先在一家门店试点数据驱动的派单和库存预警,3个月看效果再推广。",
        },
    },
}
CONFIRMED_LEVEL_OF_C = 2
REVIEW_OF_C = {
    "section_comments": {
        "indicators": (
            "Level 3 的5项诊断标准只有2项符合:关键流程自动化率35%(标准 > 60%),"
            "管理决策中数据依据占比55%(标准 > 70%),一线员工取数没有统计。"
        ),
        "roadmap": "先让门店把BI看板用起来,再把智能派单推广到全部门店。",
    },
    "overall_opinion": (
        "系统基础扎实(DMS全覆盖,工单电子化92%,数据中台已接通主要系统),"
        "但数据还没有进入门店的日常决策。按 Level 2 规划,12-18个月后复评 Level 3。"
    ),
    "justification": (
        "自测勾选了数据中台、BI仪表盘和数据决策三项 Level 3 特征,但企业自己填写的指标只支持其中两项:"
        "关键流程自动化率35%(标准 > 60%),管理决策中数据依据占比55%(标准 > 70%)。"
        "现场核实:BI看板只在总部使用,门店仍按经验派单。确认为 Level 2。"
    ),
    "signer_name": "陈顾问",
}

# Company A, about ten months before its current assessment: still Level 2 (digitised, systems
# not connected). The re-assessment shows the progress to Level 3.
EARLIER_A_ANSWERS = {
    1: {"checklist": ["L1.3", "L2.1", "L2.2", "L2.3", "L2.4"]},
    2: {
        "indicators": {
            "paper_work_order_pct": 20,
            "customer_data_digital_pct": 80,
            "has_unified_system": True,
            "tech_standard_op_pct": 45,
            "core_system_deployed": True,
            "e_work_order_pct": 82,
            "system_integration_pct": 35,
            "data_mainly_record_query": True,
            "data_decision_pct": 30,
            "bi_core_coverage": False,
            "process_automation_pct": 20,
            "frontline_data_access": False,
            "ai_in_production": False,
            "predictive_maintenance_pct": 0,
            "remote_ota_fix_pct": "unknown",
            "proactive_outreach": False,
            "productivity_multiple": 1.4,
            "platformized": False,
            "api_partner_count": 1,
            "data_service_revenue_pct": 0,
            "chain_collaboration_pct": 10,
            "service_to_operations": False,
            "customer_satisfaction_score": 76,
        }
    },
    3: {
        "dimensions": {
            "work_orders": 2,
            "customer_reach": 2,
            "decision_making": 2,
            "service_model": 2,
            "tech_stack": 2,
            "data_quality": 1,
        }
    },
    4: {
        "target_level": 3,
        "target_year": 2026,
        "pain_point_1": "DMS、CRM、备件系统各自独立,数据对不上",
        "pain_point_2": "很多技师先纸上记录再补录系统",
        "pain_point_3": "经营分析靠人工导出Excel",
        "next_problem_1": "打通DMS与CRM的客户和工单数据",
        "next_problem_2": "上线BI看板覆盖核心经营指标",
        "next_problem_3": "把系统使用率纳入考核",
        "benchmark_company": "理想汽车",
        "benchmark_level": 3,
        "benchmark_learnings": "统一的数据中台,门店经营指标每天自动出数。",
    },
}
EARLIER_A_MONTHS_BACK = 10

# Company A's open draft: a re-assessment begun but not submitted (a few answers of steps 1-2).
DRAFT_A_ANSWERS = {
    1: {"checklist": ["L2.1", "L2.2", "L3.1", "L3.2", "L3.3"]},
    2: {
        "indicators": {
            "paper_work_order_pct": 3,
            "e_work_order_pct": 97,
            "has_unified_system": True,
            "system_integration_pct": 88,
        }
    },
}

CONSULTANTS = [
    {
        "username": "consultant-a",
        "display_name": "陈顾问",
        "firm_name": "华信售后数字化咨询",
        "clients": ["a", "c"],
    },
    {"username": "consultant-x", "display_name": "刘顾问", "firm_name": "", "clients": []},
]

REVIEW_OF_A = {
    "section_comments": {
        "checklist": "L3 的四项能力都有实际证据(BI看板、流程自动化已在运行),勾选可信。",
        "indicators": "数据驱动决策比例75%与访谈一致;OTA远程修复率请补充统计口径。",
        "roadmap": "建议先在一个服务中心做预测性维护MVP,3个月评估效果。",
    },
    "overall_opinion": (
        "与十个月前相比进步明显:系统集成率从35%提升到85%,BI已覆盖核心指标。"
        "确认处于 Level 3(数据驱动)。下一步的重点是数据科学人才和第一个AI场景的落地。"
    ),
    "signer_name": "陈顾问",
}


class Command(BaseCommand):
    help = "Create demo companies, managers, a colleague, consultants and assessments (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="password of every demo user"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="seed even with DEBUG off (a production-like server with demo accounts)",
        )

    def handle(self, *args, password, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; DEBUG is off, so this "
                "looks like production. Refusing. Use --force (and --password) if you mean it."
            )
        with transaction.atomic():
            summary = self._seed(password)
        users = summary["users"]
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ with:"))
        for user in users:
            self.stdout.write(f"  {user['username']:<14} {password}   ({user['role']})")
        managers = summary["store_managers"]
        self.stdout.write(
            f"  {managers[0]} … {managers[-1]}  {password}   (store managers of demo-group)"
        )
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _user(self, username: str, email: str, password: str):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        return user

    def _submitted(self, company, manager, answers) -> Assessment:
        assessment = questionnaire_services.start_assessment(company=company, user=manager)
        for step, step_answers in answers.items():
            assessment = questionnaire_services.save_step(
                assessment, step=step, answers=step_answers, user=manager
            )
        return questionnaire_services.submit_assessment(assessment, user=manager)

    def _seed(self, password: str) -> dict:
        users, others, entries = [], [], []
        companies, current = {}, {}
        for spec in (*COMPANIES, COMPANY_C):
            key = spec["key"]
            manager = self._user(f"manager-{key}", f"manager-{key}@demo.example.com", password)
            company = Company.objects.filter(name=spec["fields"]["name"]).first()
            if company is None:
                company = services.create_company(user=manager, **spec["fields"])
            elif not Membership.objects.filter(user=manager).exists():
                Membership.objects.create(user=manager, company=company, role=MembershipRole.OWNER)
            companies[key] = company
            users.append(
                {
                    "username": manager.username,
                    "role": "manager",
                    "company": company.name,
                    "company_id": str(company.pk),
                }
            )

            submitted = list(company.assessments.submitted().official().order_by("submitted_at"))
            if key == "a":
                earlier = next((a for a in submitted if a.diagnosis.level == 2), None)
                if earlier is None:
                    earlier = self._submitted(company, manager, EARLIER_A_ANSWERS)
                    back = timezone.now() - timedelta(days=30 * EARLIER_A_MONTHS_BACK)
                    Assessment.objects.filter(pk=earlier.pk).update(
                        created_at=back - timedelta(days=3), submitted_at=back, updated_at=back
                    )
                    earlier.refresh_from_db()
                latest = next((a for a in submitted if a.pk != earlier.pk), None)
                if latest is None:
                    latest = self._submitted(company, manager, spec["answers"])
                current[key] = (latest, earlier)

                colleague = self._user("colleague-a", "colleague-a@demo.example.com", password)
                if not Membership.objects.filter(user=colleague).exists():
                    services.join_company(user=colleague, company=company, title="备件经理")
                others.append(
                    {
                        "username": colleague.username,
                        "role": "colleague",
                        "company": company.name,
                        "company_id": str(company.pk),
                    }
                )
            else:
                latest = submitted[-1] if submitted else None
                if latest is None:
                    latest = self._submitted(company, manager, spec["answers"])
                current[key] = (latest, None)

        consultants = []
        for spec in CONSULTANTS:
            user = self._user(spec["username"], f"{spec['username']}@demo.example.com", password)
            ConsultantProfile.objects.get_or_create(
                user=user,
                defaults={"display_name": spec["display_name"], "firm_name": spec["firm_name"]},
            )
            for key in spec["clients"]:
                company = companies[key]
                manager = company.memberships.filter(role=MembershipRole.OWNER).first().user
                consultant_services.grant_access(
                    company=company, consultant=user, granted_by=manager
                )
            consultants.append(user)

        # consultant-a's signed review of A's current assessment.
        reviewer = consultants[0]
        latest_a = current["a"][0]
        if not Review.objects.filter(assessment=latest_a, signed_off_at__isnull=False).exists():
            consultant_services.save_review(
                assessment=latest_a,
                reviewer=reviewer,
                confirmed_level=latest_a.diagnosis.level,
                justification="",
                sign=True,
                **REVIEW_OF_A,
            )

        # consultant-a's signed review of C's assessment, confirming a lower level than the
        # engine's, with the justification the form requires for that.
        latest_c = current["c"][0]
        if not Review.objects.filter(assessment=latest_c, signed_off_at__isnull=False).exists():
            consultant_services.save_review(
                assessment=latest_c,
                reviewer=reviewer,
                confirmed_level=CONFIRMED_LEVEL_OF_C,
                sign=True,
                **REVIEW_OF_C,
            )
        for key, figures in BUSINESS_FIGURES.items():
            latest = current[key][0]
            if not latest.business:
                owner = companies[key].memberships.filter(role=MembershipRole.OWNER).first().user
                save_business_figures(latest, figures=figures, user=owner)

        owner_a = companies["a"].memberships.filter(role=MembershipRole.OWNER).first().user
        drafts = [self._draft(companies["a"], owner_a)]

        for user in consultants:
            clients = (
                ConsultantGrant.objects.filter(consultant=user, status=GrantStatus.ACTIVE)
                .select_related("company")
                .order_by("company__name")
            )
            users_entry = {
                "username": user.username,
                "role": "consultant",
                "clients": [grant.company.name for grant in clients],
            }
            others.append(users_entry)

        # Each company's current assessment first (in the companies' order), then the earlier ones.
        specs = (*COMPANIES, COMPANY_C)
        ordered = [current[spec["key"]][0] for spec in specs]
        ordered += [current[spec["key"]][1] for spec in specs if current[spec["key"]][1]]
        for assessment in ordered:
            review = latest_signed_review(assessment)
            entries.append(
                {
                    "id": str(assessment.pk),
                    "company": assessment.company.name,
                    "level": assessment.diagnosis.level,
                    "url": reverse("assessment_result", args=[assessment.pk]),
                    "pdf_url": reverse("assessment_report_pdf", args=[assessment.pk]),
                    # The engine's level, and the latest signed review's (null without one).
                    "computed_level": assessment.diagnosis.level,
                    "confirmed_level": review.confirmed_level if review else None,
                    "justification": review.justification if review else None,
                }
            )
        group_entry, group_admin, store_managers = seed_network(
            make_user=self._user,
            answers_by_level={
                1: COMPANIES[1]["answers"],
                2: EARLIER_A_ANSWERS,
                3: COMPANIES[0]["answers"],
            },
            password=password,
        )
        return {
            "users": users + others + [group_admin],
            "store_managers": store_managers,
            "groups": [group_entry],
            "assessments": entries,
            "drafts": [
                {
                    "id": str(draft.pk),
                    "company": draft.company.name,
                    "url": reverse("assessment_step", args=[draft.pk, 1]),
                }
                for draft in drafts
            ],
        }

    def _draft(self, company, manager) -> Assessment:
        """The company's open draft; a new one with a few answers if it has none."""
        draft = open_draft(company)
        if draft is None:
            draft = questionnaire_services.start_assessment(company=company, user=manager)
            for step, step_answers in DRAFT_A_ANSWERS.items():
                draft = questionnaire_services.save_step(
                    draft, step=step, answers=step_answers, user=manager
                )
        return draft
