"""Reading companies and assessments on behalf of a user.

Every object look-up by id goes through a function here that filters by the user's access, so
"not yours" and "does not exist" are the same 404 and an id reveals nothing.
"""

from django.http import Http404

from assessments.models import Assessment, Company, Membership
from assessments.scoring import (
    ChecklistItemSpec,
    CriterionSpec,
    DimensionSpec,
    MetricSpec,
    ModelSpec,
)
from maturity.models import DimensionKind
from maturity.selectors import ModelContent, model_content

_SPEC_CACHE: dict[tuple[int, str], ModelSpec] = {}


def model_spec(content: ModelContent) -> ModelSpec:
    """The scoring engine's plain-value view of a model version (cached: versions are immutable)."""
    key = (content.version.pk, content.version.checksum)
    spec = _SPEC_CACHE.get(key)
    if spec is None:
        spec = _build_spec(content)
        _SPEC_CACHE[key] = spec
    return spec


def _build_spec(content: ModelContent) -> ModelSpec:
    return ModelSpec(
        checklist=tuple(
            ChecklistItemSpec(code=item.code, level=item.level_number, kind=item.kind)
            for item in content.checklist
        ),
        criteria=tuple(
            CriterionSpec(
                code=criterion.code,
                level=criterion.level_number,
                metric=criterion.metric_code,
                comparator=criterion.comparator,
                threshold=criterion.threshold,
                kind=criterion.kind,
            )
            for criterion in content.criteria
        ),
        metrics=tuple(
            MetricSpec(
                code=metric.code,
                type=metric.type,
                min=metric.min_value,
                max=metric.max_value,
            )
            for metric in content.metrics
        ),
        dimensions=tuple(
            DimensionSpec(
                code=dimension.code,
                kind=dimension.kind,
                metric=dimension.metric_code,
                bands=tuple(dimension.bands or ()),
            )
            for dimension in content.dimensions
            if dimension.kind != DimensionKind.REFERENCE
        ),
        level_names={
            level.number: {"zh": level.name_zh, "en": level.name_en} for level in content.levels
        },
    )


def membership_of(user) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("company").filter(user=user).first()


def company_of(user) -> Company | None:
    membership = membership_of(user)
    return membership.company if membership else None


def company_for_user(user, company_id) -> Company:
    company = Company.objects.filter(pk=company_id, memberships__user=user).first()
    if company is None or not user.is_authenticated:
        raise Http404
    return company


def assessment_for_user(user, assessment_id) -> Assessment:
    if not user.is_authenticated:
        raise Http404
    assessment = (
        Assessment.objects.select_related("company", "model_version")
        .filter(pk=assessment_id, company__memberships__user=user)
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def content_for(assessment: Assessment) -> ModelContent:
    """The model version the assessment was answered against (not necessarily the current one)."""
    return model_content(assessment.model_version)


def open_draft(company: Company) -> Assessment | None:
    return company.assessments.drafts().order_by("-created_at").first()


def latest_submitted(company: Company) -> Assessment | None:
    return (
        company.assessments.submitted()
        .select_related("diagnosis")
        .order_by("-submitted_at")
        .first()
    )


def company_history(company: Company) -> list[Assessment]:
    return list(
        company.assessments.select_related("diagnosis", "submitted_by", "model_version").order_by(
            "-created_at"
        )
    )


def missing_answers(assessment: Assessment, content: ModelContent) -> dict[int, int]:
    """{step: number of unanswered required questions} for the steps that are incomplete.

    Ticking checklist items is optional (none may apply) and so is the homework; every metric
    needs a value or "不清楚", every self-assessed dimension a choice, and the goal a level
    and year.
    """
    missing = {}
    unanswered_metrics = sum(1 for m in content.metrics if m.code not in assessment.indicators)
    if unanswered_metrics:
        missing[2] = unanswered_metrics
    unanswered_dimensions = sum(
        1 for d in content.self_assessed_dimensions if d.code not in assessment.dimensions
    )
    if unanswered_dimensions:
        missing[3] = unanswered_dimensions
    unanswered_goals = sum(
        1 for value in (assessment.target_level, assessment.target_year) if value is None
    )
    if unanswered_goals:
        missing[4] = unanswered_goals
    return missing
