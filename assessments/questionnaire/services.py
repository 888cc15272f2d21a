"""State changes of the questionnaire: starting a draft, reassessing, saving a step, submitting. One
named function each, atomic (see `assessments.companies.services`)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessments.diagnosis import store_diagnosis
from assessments.models import (
    QUESTIONNAIRE_STEPS,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    Company,
)
from assessments.notifications import events
from assessments.reports.tasks import queue_prerender
from assessments.selectors import round_is_closed
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


class AssessmentLocked(Exception):
    """The assessment was submitted: its answers are frozen."""


@dataclass
class DraftConflict(Exception):
    """Someone saved the draft since this editor loaded it."""

    current_revision: int
    changed_fields: tuple[str, ...]


@transaction.atomic
def start_assessment(*, company: Company, user) -> Assessment:
    """Resume the company's open draft, or open a new one on the current model version."""
    Company.objects.select_for_update().filter(pk=company.pk).first()
    draft = company.assessments.drafts().single().order_by("-created_at").first()
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
    existing = previous.company.assessments.drafts().single().order_by("-created_at").first()
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
    # Last time's operational figures as a starting point (the business page says they are
    # last time's until the manager saves this year's).
    draft.business = dict(previous.business or {})
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
    if locked.status != AssessmentStatus.DRAFT or round_is_closed(locked):
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


@transaction.atomic
def submit_assessment(assessment: Assessment, *, user) -> Assessment:
    """Freeze the answers and store the diagnosis. Submitting twice yields one result."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status == AssessmentStatus.SUBMITTED:
        return locked
    if round_is_closed(locked):
        raise AssessmentLocked
    store_diagnosis(locked)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = user
    locked.revision += 1
    locked.save()
    # After the commit: the consultants and groups are told, the PDF is rendered ahead.
    events.assessment_submitted(locked)
    if locked.kind != AssessmentKind.RESPONSE:
        queue_prerender(locked)
    return locked
