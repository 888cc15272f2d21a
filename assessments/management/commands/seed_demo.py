"""Demo data for a fresh installation: companies at different levels, their managers, submitted
assessments with homework answers. Idempotent: a second run reuses what the first made.

The last line printed is one JSON object describing what exists (an interface for scripts and
checks; see README).
"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from assessments import services
from assessments.models import Company, Membership, MembershipRole

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


class Command(BaseCommand):
    help = "Create demo companies, managers and submitted assessments (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="password of every demo user"
        )

    def handle(self, *args, password, **options):
        with transaction.atomic():
            summary = self._seed(password)
        users = summary["users"]
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ with:"))
        for user in users:
            self.stdout.write(f"  {user['username']:<14} {password}   ({user['role']})")
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _user(self, username: str, email: str, password: str):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        return user

    def _seed(self, password: str) -> dict:
        users, assessments = [], []
        for spec in COMPANIES:
            manager = self._user(
                f"manager-{spec['key']}", f"manager-{spec['key']}@demo.example.com", password
            )
            company = Company.objects.filter(name=spec["fields"]["name"]).first()
            if company is None:
                company = services.create_company(user=manager, **spec["fields"])
            elif not Membership.objects.filter(user=manager).exists():
                Membership.objects.create(user=manager, company=company, role=MembershipRole.OWNER)
            users.append({"username": manager.username, "role": "manager", "company": company.name})
            assessment = company.assessments.submitted().order_by("submitted_at").first()
            if assessment is None:
                assessment = services.start_assessment(company=company, user=manager)
                for step, answers in spec["answers"].items():
                    assessment = services.save_step(
                        assessment, step=step, answers=answers, user=manager
                    )
                assessment = services.submit_assessment(assessment, user=manager)
            assessments.append(
                {
                    "id": str(assessment.pk),
                    "company": company.name,
                    "level": assessment.diagnosis.level,
                    "url": reverse("assessment_result", args=[assessment.pk]),
                    "pdf_url": reverse("assessment_result", args=[assessment.pk]).replace(
                        "/result/", "/report.pdf"
                    ),
                }
            )
        return {"users": users, "assessments": assessments}
