"""Reading verdicts: stored answers as the engine's input, and the stored verdict.

The result page, the PDF, exports and the questionnaire's checks read through here;
`assessments.diagnosis` (writes) stores the verdicts with the same functions.
"""

from dataclasses import dataclass

from django.apps import apps as live_apps
from django.utils import timezone

from assessments.answers import UNKNOWN  # how the questionnaire stores "不清楚"
from assessments.model_spec import model_spec_of
from assessments.scoring import RULES_VERSION, NextLevel, Previous, diagnose

OFFICIAL = ("single", "combined")  # assessments.models.OFFICIAL_KINDS, as stored
DAYS_PER_MONTH = 30.44


def scoring_indicators(stored: dict) -> dict:
    """Stored answers keep "unknown" explicitly; the engine treats it like an absent value."""
    return {code: value for code, value in stored.items() if value != UNKNOWN}


def previous_official(assessment, apps=live_apps) -> Previous | None:
    """The company's official level before this assessment, and how many months before."""
    if assessment.kind not in OFFICIAL:
        return None
    Assessment = apps.get_model("assessments", "Assessment")
    Review = apps.get_model("assessments", "Review")
    Diagnosis = apps.get_model("assessments", "Diagnosis")
    reference = assessment.submitted_at or timezone.now()
    earlier = (
        Assessment.objects.filter(
            company_id=assessment.company_id,
            kind__in=OFFICIAL,
            status="submitted",
            submitted_at__lt=reference,
        )
        .exclude(pk=assessment.pk)
        .order_by("-submitted_at")
        .first()
    )
    if earlier is None:
        return None
    confirmed = (
        Review.objects.filter(assessment_id=earlier.pk, signed_off_at__isnull=False)
        .order_by("-created_at")
        .values_list("confirmed_level", flat=True)
        .first()
    )
    level = confirmed or (
        Diagnosis.objects.filter(assessment_id=earlier.pk).values_list("level", flat=True).first()
    )
    if level is None:
        return None
    months = (reference - earlier.submitted_at).days / DAYS_PER_MONTH
    return Previous(level=level, months_ago=round(months, 1))


def diagnose_assessment(assessment, language: str = "zh", *, spec=None, previous=None):
    """The engine's verdict on the assessment's answers, against its own model version."""
    return diagnose(
        spec or model_spec_of(assessment.model_version),
        checklist=assessment.checklist,
        indicators=scoring_indicators(assessment.indicators),
        dimensions=assessment.dimensions,
        language=language,
        previous=previous,
    )


@dataclass(frozen=True)
class StoredVerdict:
    """A stored verdict in one language, shaped like the engine's result for the pages."""

    level: int | None
    determined: bool
    transition: bool
    inconsistent: bool
    needs_review: bool
    checklist_level: int | None
    skipped: bool
    provisional: bool
    warnings: tuple[dict, ...]
    checklist_counts: dict
    matched_levels: tuple[int, ...]
    indicator_level: int | None
    criteria: dict
    dimension_profile: dict
    weakest_dimensions: tuple[str, ...]
    next_level: NextLevel | None
    explanation: tuple[str, ...]
    law_1_reasons: tuple[str, ...]
    not_comparable: tuple[str, ...]
    refuted_levels: tuple[int, ...]
    still_present: tuple[int, ...]
    rules_version: int

    @property
    def law_1_raised(self) -> bool:
        return bool(self.law_1_reasons)

    @classmethod
    def from_payload(cls, payload: dict) -> "StoredVerdict":
        nxt = payload.get("next_level")
        return cls(
            level=payload["level"],
            determined=payload["determined"],
            transition=payload["transition"],
            inconsistent=payload["inconsistent"],
            needs_review=payload["needs_review"],
            checklist_level=payload.get("checklist_level"),
            skipped=payload.get("skipped", False),
            provisional=payload.get("provisional", payload["needs_review"]),
            warnings=tuple(payload.get("warnings") or ()),
            checklist_counts={int(k): v for k, v in payload["checklist_counts"].items()},
            matched_levels=tuple(payload.get("matched_levels") or ()),
            indicator_level=payload["indicator_level"],
            criteria=dict(payload["criteria"]),
            dimension_profile=dict(payload["dimension_profile"]),
            weakest_dimensions=tuple(payload["weakest_dimensions"]),
            next_level=NextLevel(
                level=nxt["level"],
                missing_checklist=tuple(nxt["missing_checklist"]),
                unmet_criteria=tuple(nxt["unmet_criteria"]),
                symptoms_to_resolve=tuple(nxt["symptoms_to_resolve"]),
            )
            if nxt
            else None,
            explanation=tuple(payload["explanation"]),
            law_1_reasons=tuple(payload.get("law_1_reasons") or ()),
            not_comparable=tuple(payload.get("not_comparable") or ()),
            refuted_levels=tuple(payload.get("refuted_levels") or ()),
            still_present=tuple(payload.get("still_present") or ()),
            rules_version=payload.get("rules_version", 1),
        )


def stored_verdict(assessment, language: str = "zh") -> StoredVerdict:
    """The assessment's verdict as stored, in `language` ("zh" or "en"). Every submitted
    assessment has its row (stored in the submission's transaction); anything without one is
    judged on the fly, never stored from a read."""
    Diagnosis = live_apps.get_model("assessments", "Diagnosis")
    row = Diagnosis.objects.filter(assessment=assessment).first()
    if row is None:
        result = diagnose_assessment(assessment, language, previous=previous_official(assessment))
        return StoredVerdict.from_payload(verdict_payload(result))
    payload = row.payload_en if language == "en" and row.payload_en else row.payload
    return StoredVerdict.from_payload(payload)


@dataclass(frozen=True)
class DraftCheck:
    code: str
    message: str


def draft_checks(assessment, content, step: int, language: str = "zh") -> list[DraftCheck]:
    """What would make the verdict provisional and the respondent can fix, shown without
    blocking while answering: on the checklist step the tick pairs (K6, K7) and the
    foundations a skip misses; on the KPI step the KPI warnings (K1-K5, K8)."""
    spec = model_spec_of(assessment.model_version)
    if spec.rules is None or step not in (1, 2):
        return []
    result = diagnose_assessment(assessment, language, spec=spec)
    checks = [
        DraftCheck(warning.code, warning.message)
        for warning in result.warnings
        if (step == 1) == (not warning.about_kpis)
    ]
    if step == 1 and result.skipped:
        checks.append(DraftCheck("skip", _skip_hint(assessment, content, spec, result, language)))
    return checks


def _skip_hint(assessment, content, spec, result, language) -> str:
    ticked = set(assessment.checklist)
    core_missing = [
        content.checklist_by_code[code].text_en
        if language == "en" and content.checklist_by_code[code].text_en
        else content.checklist_by_code[code].text_zh
        for code in spec.rules.core_items
        if code not in ticked
    ]
    gaps = [
        f"Level {n}" for n in range(2, result.checklist_level) if n not in result.in_place_levels
    ]
    if language == "en":
        text = (
            f"You ticked capabilities of Level {result.checklist_level}, but the foundations of "
            f"{', '.join(gaps)} are not ticked"
        )
        if core_missing:
            text += " (" + "; ".join(f'"{t}"' for t in core_missing) + ")"
        return text + ". If you have them, tick them too."
    text = f"你勾选了 Level {result.checklist_level} 的能力,但 {'、'.join(gaps)} 的基础未勾选"
    if core_missing:
        text += "(" + "、".join(f"“{t}”" for t in core_missing) + ")"
    return text + "——如已具备,请补勾。"


def verdict_payload(result) -> dict:
    """The engine's result as stored: the API's JSON plus what the pages need."""
    payload = result.as_api_dict()
    # What the pages need beyond the API's contract.
    payload["law_1_reasons"] = list(result.law_1_reasons)
    payload["not_comparable"] = list(result.not_comparable)
    payload["refuted_levels"] = list(result.refuted_levels)
    payload["still_present"] = list(result.still_present)
    payload["matched_levels"] = list(result.matched_levels)
    payload["rules_version"] = RULES_VERSION
    return payload
