"""Plain factory functions: each test builds exactly the rows it needs."""

import itertools

from django.contrib.auth import get_user_model

from assessments.companies import services
from assessments.consultants import services as consultant_services
from assessments.models import Assessment, Company
from assessments.questionnaire import services as questionnaire_services

_counter = itertools.count(1)

PASSWORD = "correct-horse-battery-9"

COMPANY_FIELDS = {
    "type": "dealer_4s",
    "province": "zhejiang",
    "city_tier": "tier2",
    "technicians": 20,
    "annual_work_orders": 8000,
    "contact_name": "王经理",
    "contact_mobile": "13800001111",
    "contact_email": "contact@example.com",
}


def make_user(username: str | None = None, *, email: str | None = None):
    n = next(_counter)
    username = username or f"user{n}@example.com"
    return get_user_model().objects.create_user(
        username=username,
        email=email or (username if "@" in username else f"{username}@example.com"),
        password=PASSWORD,
    )


def make_company(owner=None, **fields) -> Company:
    owner = owner or make_user()
    values = {**COMPANY_FIELDS, "name": f"测试企业{next(_counter)}", **fields}
    return services.create_company(user=owner, **values)


def make_colleague(company: Company):
    user = make_user()
    services.join_company(user=user, company=company)
    return user


ALL_UNKNOWN = "unknown"


def full_answers(content, *, checklist=(), indicators=None, dimensions=None, goals=None) -> dict:
    """Answers for all four steps: unspecified metrics "unknown", dimensions 1, a goal."""
    indicators = {
        **{metric.code: ALL_UNKNOWN for metric in content.metrics},
        **(indicators or {}),
    }
    dimensions = {
        **{d.code: 1 for d in content.self_assessed_dimensions},
        **(dimensions or {}),
    }
    return {
        1: {"checklist": list(checklist)},
        2: {"indicators": indicators},
        3: {"dimensions": dimensions},
        4: {"target_level": 2, "target_year": 2030, **(goals or {})},
    }


def make_assessment(company, user, content, *, submit=True, **answer_kwargs):
    assessment = questionnaire_services.start_assessment(company=company, user=user)
    for step, answers in full_answers(content, **answer_kwargs).items():
        assessment = questionnaire_services.save_step(
            assessment, step=step, answers=answers, user=user
        )
    if submit:
        assessment = questionnaire_services.submit_assessment(assessment, user=user)
    return assessment


def make_consultant(username: str | None = None, *, firm_name: str = "", clients=()):
    """A consultant account (with its profile), granted access to ``clients``."""
    n = next(_counter)
    email = username or f"consultant{n}@example.com"
    user = consultant_services.register_consultant(
        email=email, password=PASSWORD, display_name=f"顾问{n}", firm_name=firm_name
    )
    for company in clients:
        owner = company.memberships.order_by("joined_at").first().user
        consultant_services.grant_access(company=company, consultant=user, granted_by=owner)
    return user


def make_review(assessment, consultant, *, confirmed_level=None, sign=True, **fields):
    level = assessment.diagnosis.level if confirmed_level is None else confirmed_level
    values = {
        "section_comments": {},
        "overall_opinion": "意见",
        "justification": "" if level == assessment.diagnosis.level else "理由",
        "signer_name": "顾问",
        **fields,
    }
    return consultant_services.save_review(
        assessment=assessment, reviewer=consultant, confirmed_level=level, sign=sign, **values
    )


def ticks_for_level(level: int) -> list[str]:
    """A genuine profile at `level` under rules v2: Level 1's symptoms for Level 1, else the
    Level 2 core (DMS, e-work orders) plus 3 capabilities of every level from 3 up to `level`
    (capabilities are cumulative; a level is never reached by skipping the ones below)."""
    if level == 1:
        return ["L1.1", "L1.2", "L1.3"]
    codes = ["L2.1", "L2.2"]
    for n in range(3, level + 1):
        codes += [f"L{n}.1", f"L{n}.2", f"L{n}.3"]
    return codes


def start_draft(client, user=None):
    """A signed-in owner's new self-test draft, started through the page as a manager would."""
    user = user or make_user()
    company = make_company(owner=user)
    client.force_login(user)
    client.post(f"/companies/{company.pk}/assessments/start/")
    return Assessment.objects.get(company=company)


def step_url(assessment, step) -> str:
    return f"/assessments/{assessment.pk}/step/{step}/"
