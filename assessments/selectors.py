"""Reading companies and assessments: memberships, histories, grants, reviews, rounds.

The look-ups by id on behalf of a user, which enforce access, are in `assessments.access`; the
ones here that take an id filter by an object the caller already got through it.
"""

from django.db.models import OuterRef, Subquery
from django.http import Http404

from assessments.model_spec import model_spec_of
from assessments.models import (
    ActionPlan,
    Assessment,
    AssessmentKind,
    AssessmentRound,
    AssessmentStatus,
    Company,
    ConsultantGrant,
    ConsultantProfile,
    GrantStatus,
    Invitation,
    Membership,
    MembershipRole,
    PlanAction,
    Review,
)
from assessments.scoring import ModelSpec
from maturity.selectors import ModelContent, model_content


def model_spec(content: ModelContent) -> ModelSpec:
    """The scoring engine's plain-value view of a model version."""
    return model_spec_of(content.version)


def membership_of(user) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("company").filter(user=user).first()


def company_of(user) -> Company | None:
    membership = membership_of(user)
    return membership.company if membership else None


def company_owner(company: Company):
    membership = (
        company.memberships.filter(role=MembershipRole.OWNER).select_related("user").first()
    )
    return membership.user if membership else None


def member_of_company(company: Company, membership_id) -> Membership:
    """One membership of the company (404 for another company's or a made-up id)."""
    membership = (
        Membership.objects.select_related("user").filter(pk=membership_id, company=company).first()
    )
    if membership is None:
        raise Http404
    return membership


def content_for(assessment: Assessment) -> ModelContent:
    """The model version the assessment was answered against (not necessarily the current one)."""
    return model_content(assessment.model_version)


def open_draft(company: Company) -> Assessment | None:
    """The company's single self-test in progress (respondents' drafts in a round excluded)."""
    return company.assessments.drafts().single().order_by("-created_at").first()


def latest_submitted(company: Company) -> Assessment | None:
    return (
        company.assessments.submitted()
        .official()
        .select_related("diagnosis")
        .order_by("-submitted_at")
        .first()
    )


def company_history(company: Company, *, drafts: bool = True) -> list[Assessment]:
    """The company's own results (single self-tests and rounds' combined results), newest first;
    respondents' answers in a round are shown on the round's page."""
    assessments = company.assessments.official()
    if not drafts:
        assessments = assessments.submitted()
    confirmed = (
        Review.objects.filter(assessment=OuterRef("pk"), signed_off_at__isnull=False)
        .order_by("-created_at")
        .values("confirmed_level")[:1]
    )
    return list(
        assessments.select_related("diagnosis", "submitted_by", "model_version")
        # The official level: a signed review's confirmed level, else the computed one.
        .annotate(confirmed_level=Subquery(confirmed))
        .order_by("-created_at")
    )


def unanswered_items(assessment: Assessment, content: ModelContent) -> dict[int, list[str]]:
    """{step: codes of its unanswered required questions} for the steps that are incomplete.

    Ticking checklist items is optional (none may apply), and so are the goals and homework of
    step 4 (they never stand between a manager and the diagnosis); every metric needs a value
    or "不清楚", every self-assessed dimension a choice.
    """
    missing = {}
    metrics = [m.code for m in content.metrics if m.code not in assessment.indicators]
    if metrics:
        missing[2] = metrics
    dimensions = [
        d.code for d in content.self_assessed_dimensions if d.code not in assessment.dimensions
    ]
    if dimensions:
        missing[3] = dimensions
    return missing


def missing_answers(assessment: Assessment, content: ModelContent) -> dict[int, int]:
    """{step: number of unanswered required questions} for the steps that are incomplete."""
    return {step: len(codes) for step, codes in unanswered_items(assessment, content).items()}


# ---------------------------------------------------------------------------------------------
# Consultants
# ---------------------------------------------------------------------------------------------


def consultant_profile_of(user) -> ConsultantProfile | None:
    if not user.is_authenticated:
        return None
    try:
        return user.consultant_profile
    except ConsultantProfile.DoesNotExist:
        return None


def consultant_for(user) -> ConsultantProfile:
    """The consultant's profile; 404 for anyone else (managers cannot reach consultant pages)."""
    profile = consultant_profile_of(user)
    if profile is None:
        raise Http404
    return profile


def grant_of_company(company: Company, grant_id) -> ConsultantGrant:
    grant = ConsultantGrant.objects.filter(pk=grant_id, company=company).first()
    if grant is None:
        raise Http404
    return grant


def invitation_of_company(company: Company, invitation_id) -> Invitation:
    invitation = Invitation.objects.filter(
        pk=invitation_id, company=company, direction="to_consultant"
    ).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_of_consultant(user, invitation_id) -> Invitation:
    invitation = Invitation.objects.filter(
        pk=invitation_id, consultant=user, direction="to_company"
    ).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_by_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("company", "consultant__consultant_profile")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def company_grants(company: Company) -> list[ConsultantGrant]:
    return list(
        company.consultant_grants.select_related(
            "consultant__consultant_profile", "granted_by", "revoked_by"
        ).order_by("status", "-granted_at")
    )


def company_invitations(company: Company) -> list[Invitation]:
    return list(company.invitations.filter(direction="to_consultant").order_by("-created_at"))


def consultant_invitations(user) -> list[Invitation]:
    return list(
        Invitation.objects.filter(consultant=user, direction="to_company")
        .select_related("company")
        .order_by("-created_at")
    )


def consultant_has_grant(user, company: Company) -> bool:
    return ConsultantGrant.objects.filter(
        company=company, consultant=user, status=GrantStatus.ACTIVE
    ).exists()


def signed_reviews(assessment: Assessment):
    return Review.objects.filter(assessment=assessment, signed_off_at__isnull=False)


def latest_signed_review(assessment: Assessment) -> Review | None:
    """The review that counts: the latest signed one (reviews are append-only), or None."""
    return signed_reviews(assessment).select_related("reviewer").order_by("-created_at").first()


def latest_review(assessment: Assessment) -> Review | None:
    """The latest saved review, signed or not (the review form starts from it)."""
    return Review.objects.filter(assessment=assessment).order_by("-created_at").first()


def review_history(assessment: Assessment, *, include_drafts: bool) -> list[Review]:
    reviews = Review.objects.filter(assessment=assessment).select_related("reviewer")
    if not include_drafts:
        reviews = reviews.filter(signed_off_at__isnull=False)
    return list(reviews.order_by("-created_at"))


def latest_signed_reviews(assessment_ids) -> dict:
    """{assessment id: its latest signed review} for many assessments, in one query."""
    latest: dict = {}
    for review in (
        Review.objects.filter(assessment_id__in=list(assessment_ids), signed_off_at__isnull=False)
        .select_related("reviewer")
        .order_by("assessment_id", "-created_at")
    ):
        latest.setdefault(review.assessment_id, review)
    return latest


def company_rounds(company: Company) -> list[AssessmentRound]:
    return list(company.rounds.order_by("-created_at"))


def round_responses(round_: AssessmentRound) -> list[Assessment]:
    return list(
        round_.assessments.filter(kind=AssessmentKind.RESPONSE)
        .select_related("respondent", "diagnosis")
        .order_by("created_at")
    )


def round_combined(round_: AssessmentRound) -> Assessment | None:
    return round_.assessments.filter(kind=AssessmentKind.COMBINED).first()


def my_open_responses(user, company: Company) -> list[Assessment]:
    """The user's unsubmitted answers in the company's open rounds."""
    return list(
        Assessment.objects.filter(
            company=company,
            kind=AssessmentKind.RESPONSE,
            respondent=user,
            status=AssessmentStatus.DRAFT,
            round__status="open",
        ).order_by("created_at")
    )


def round_is_closed(assessment: Assessment) -> bool:
    """A respondent's answers cannot change once their round is closed."""
    if assessment.round_id is None:
        return False
    return AssessmentRound.objects.filter(pk=assessment.round_id, status="closed").exists()


def action_of_plan(plan: ActionPlan, action_id) -> PlanAction:
    action = PlanAction.objects.filter(plan=plan, pk=action_id).select_related("initiative").first()
    if action is None:
        raise Http404
    return action


def figures_carried_from(assessment):
    """The earlier assessment whose business figures this re-assessment still shows unchanged
    (copied by questionnaire.services.reassess and not saved since), if any."""
    earlier = assessment.copied_from if assessment.copied_from_id else None
    if earlier is not None and assessment.business and assessment.business == earlier.business:
        return earlier
    return None
