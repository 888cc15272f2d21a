"""State changes of a round with several respondents: opening it, closing it with the combined
result. One named function each, atomic (see `assessments.companies.services`)."""

from django.db import transaction
from django.utils import timezone

from assessments.companies.services import NotAManager, NotTheOwner
from assessments.diagnosis import store_diagnosis
from assessments.models import (
    QUESTIONNAIRE_STEPS,
    Assessment,
    AssessmentKind,
    AssessmentRound,
    AssessmentStatus,
    Company,
    MembershipRole,
    RoundStatus,
)
from assessments.notifications import events
from assessments.questionnaire.services import STEP_FIELDS
from assessments.reports.tasks import queue_prerender
from assessments.rounds.answers import combine_responses
from maturity.selectors import model_content


class RoundAlreadyOpen(Exception):
    pass


class RoundHasNoAnswers(Exception):
    """A round is closed with at least one submitted answer."""


class RoundClosed(Exception):
    pass


@transaction.atomic
def open_round(*, company: Company, opened_by, respondents) -> AssessmentRound:
    """Open a round: each respondent (members of the company, as ``[(user, title)]``) gets an
    empty draft of their own, on the current model version."""
    Company.objects.select_for_update().filter(pk=company.pk).first()
    if company.rounds.filter(status=RoundStatus.OPEN).exists():
        raise RoundAlreadyOpen
    member_ids = set(company.memberships.values_list("user_id", flat=True))
    if opened_by.pk not in member_ids:
        raise NotAManager
    if not company.memberships.filter(user=opened_by, role=MembershipRole.OWNER).exists():
        raise NotTheOwner
    chosen = [(user, title) for user, title in respondents if user.pk in member_ids]
    if not chosen or len(chosen) != len(respondents):
        raise ValueError("respondents must be members of the company")
    version = model_content().version
    round_ = AssessmentRound.objects.create(
        company=company, opened_by=opened_by, model_version=version
    )
    Assessment.objects.bulk_create(
        [
            Assessment(
                company=company,
                model_version=version,
                kind=AssessmentKind.RESPONSE,
                round=round_,
                respondent=user,
                respondent_title=title,
                created_by=opened_by,
                updated_by=opened_by,
            )
            for user, title in chosen
        ]
    )
    return round_


@transaction.atomic
def close_round(round_: AssessmentRound, *, user) -> Assessment:
    """Close the round and store its result: the combined answers of the submitted responses as
    one submitted assessment (kind "combined") with its diagnosis. The goals and homework are
    those of the respondent who opened the round (else the first to submit)."""
    locked = AssessmentRound.objects.select_for_update().get(pk=round_.pk)
    if locked.status != RoundStatus.OPEN:
        raise RoundClosed
    responses = list(
        locked.assessments.filter(
            kind=AssessmentKind.RESPONSE, status=AssessmentStatus.SUBMITTED
        ).order_by("submitted_at")
    )
    if not responses:
        raise RoundHasNoAnswers
    combined = combine_responses(locked, responses)
    goals_from = next(
        (a for a in responses if a.respondent_id == locked.opened_by_id), responses[0]
    )
    now = timezone.now()
    result = Assessment(
        company_id=locked.company_id,
        model_version_id=locked.model_version_id,
        kind=AssessmentKind.COMBINED,
        round=locked,
        status=AssessmentStatus.SUBMITTED,
        current_step=QUESTIONNAIRE_STEPS,
        checklist=list(combined.checklist),
        indicators=dict(combined.indicators),
        dimensions=dict(combined.dimensions),
        created_by=user,
        updated_by=user,
        submitted_at=now,
        submitted_by=user,
    )
    for field in STEP_FIELDS[4]:
        setattr(result, field, getattr(goals_from, field))
    result.save()
    store_diagnosis(result)
    locked.status = RoundStatus.CLOSED
    locked.closed_at = now
    locked.save(update_fields=["status", "closed_at"])
    # After the commit: the consultants and groups are told, the PDF is rendered ahead.
    events.assessment_submitted(result)
    queue_prerender(result)
    return result
