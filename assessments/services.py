"""State changes of companies and assessments: one named function each, atomic.

Views validate input (forms) and call exactly one of these; nothing else writes these models.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import (
    QUESTIONNAIRE_STEPS,
    Assessment,
    AssessmentStatus,
    Company,
    Diagnosis,
    Membership,
    MembershipRole,
    new_join_code,
)
from assessments.scoring import diagnose
from assessments.selectors import model_spec
from maturity.selectors import model_content

STEP_FIELDS = {
    1: ("checklist",),
    2: ("indicators",),
    3: ("dimensions",),
    4: (
        "target_level",
        "target_year",
        "pain_point_1",
        "pain_point_2",
        "pain_point_3",
        "next_problem_1",
        "next_problem_2",
        "next_problem_3",
        "benchmark_company",
        "benchmark_level",
        "benchmark_learnings",
    ),
}
ANSWER_FIELDS = tuple(field for fields in STEP_FIELDS.values() for field in fields)


class AlreadyInCompany(Exception):
    pass


class AssessmentLocked(Exception):
    """The assessment was submitted: its answers are frozen."""


@dataclass
class DraftConflict(Exception):
    """Someone saved the draft since this editor loaded it."""

    current_revision: int
    changed_fields: tuple[str, ...]


@transaction.atomic
def create_company(*, user, **fields) -> Company:
    if Membership.objects.filter(user=user).exists():
        raise AlreadyInCompany
    company = Company.objects.create(created_by=user, **fields)
    Membership.objects.create(user=user, company=company, role=MembershipRole.OWNER)
    return company


@transaction.atomic
def update_company(company: Company, **fields) -> Company:
    for name, value in fields.items():
        setattr(company, name, value)
    company.save()
    return company


@transaction.atomic
def join_company(*, user, company: Company, title: str = "") -> Membership:
    if Membership.objects.filter(user=user).exists():
        raise AlreadyInCompany
    try:
        with transaction.atomic():
            return Membership.objects.create(
                user=user, company=company, role=MembershipRole.MEMBER, title=title
            )
    except IntegrityError:
        raise AlreadyInCompany from None


@transaction.atomic
def renew_join_code(company: Company) -> Company:
    company.join_code = new_join_code()
    company.save(update_fields=["join_code"])
    return company


@transaction.atomic
def start_assessment(*, company: Company, user) -> Assessment:
    """Resume the company's open draft, or open a new one on the current model version."""
    Company.objects.select_for_update().filter(pk=company.pk).first()
    draft = company.assessments.drafts().order_by("-created_at").first()
    if draft is not None:
        return draft
    return Assessment.objects.create(
        company=company,
        model_version=model_content().version,
        created_by=user,
        updated_by=user,
    )


@transaction.atomic
def reassess(*, previous: Assessment, user) -> Assessment:
    """A new draft on the current model version, pre-filled with the previous answers.

    Answers that the current version no longer knows (a changed model) are dropped.
    """
    Company.objects.select_for_update().filter(pk=previous.company_id).first()
    existing = previous.company.assessments.drafts().order_by("-created_at").first()
    if existing is not None:
        return existing
    content = model_content()
    draft = Assessment(
        company=previous.company,
        model_version=content.version,
        created_by=user,
        updated_by=user,
        copied_from=previous,
    )
    for field in ANSWER_FIELDS:
        setattr(draft, field, getattr(previous, field))
    draft.checklist = [code for code in previous.checklist if code in content.checklist_by_code]
    draft.indicators = {
        code: value
        for code, value in previous.indicators.items()
        if code in content.metrics_by_code
    }
    draft.dimensions = {
        code: value
        for code, value in previous.dimensions.items()
        if code in content.dimensions_by_code
    }
    draft.save()
    return draft


@transaction.atomic
def save_step(
    assessment: Assessment,
    *,
    step: int,
    answers: dict,
    user,
    expected_revision: int | None = None,
    next_step: int | None = None,
) -> Assessment:
    """Store one step's answers in the draft (locking it), bumping its revision."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.DRAFT:
        raise AssessmentLocked
    changed = tuple(
        field
        for field in STEP_FIELDS[step]
        if field in answers and getattr(locked, field) != answers[field]
    )
    step_key = str(step)
    if (
        expected_revision is not None
        and changed
        and locked.step_revisions.get(step_key, 0) > expected_revision
    ):
        # Someone saved this step after this editor loaded it, and the answers differ.
        raise DraftConflict(current_revision=locked.revision, changed_fields=changed)
    locked.revision += 1
    if changed:
        for field in changed:
            setattr(locked, field, answers[field])
        locked.step_revisions = {**locked.step_revisions, step_key: locked.revision}
    if next_step is not None:
        locked.current_step = max(1, min(QUESTIONNAIRE_STEPS, next_step))
    locked.updated_by = user
    locked.save()
    return locked


def diagnose_assessment(assessment: Assessment, language: str = "zh"):
    """The scoring engine's verdict on the assessment's answers, against its own model version."""
    content = model_content(assessment.model_version)
    return diagnose(
        model_spec(content),
        checklist=assessment.checklist,
        indicators=scoring_indicators(assessment.indicators),
        dimensions=assessment.dimensions,
        language=language,
    )


def scoring_indicators(stored: dict) -> dict:
    """Stored answers keep "unknown" explicitly; the engine treats it like an absent value."""
    return {code: value for code, value in stored.items() if value != "unknown"}


@transaction.atomic
def submit_assessment(assessment: Assessment, *, user) -> Assessment:
    """Freeze the answers and store the diagnosis. Submitting twice yields one result."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status == AssessmentStatus.SUBMITTED:
        return locked
    result = diagnose_assessment(locked)
    Diagnosis.objects.create(
        assessment=locked,
        level=result.level,
        determined=result.determined,
        transition=result.transition,
        inconsistent=result.inconsistent,
        needs_review=result.needs_review,
        indicator_level=result.indicator_level,
        payload=result.as_api_dict(),
    )
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = user
    locked.revision += 1
    locked.save()
    return locked
