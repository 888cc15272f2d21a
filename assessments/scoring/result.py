"""The verdict the engine returns (and the scoring API's response body)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assessments.scoring.spec import RULES_VERSION

# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextLevel:
    level: int
    missing_checklist: tuple[str, ...]  # the level's capability items not ticked
    unmet_criteria: tuple[str, ...]  # the level's capability criteria not met or unknown
    symptoms_to_resolve: tuple[str, ...]  # ticked symptom items, any level

    def as_api_dict(self) -> dict:
        return {
            "level": self.level,
            "missing_checklist": list(self.missing_checklist),
            "unmet_criteria": list(self.unmet_criteria),
            "symptoms_to_resolve": list(self.symptoms_to_resolve),
        }


@dataclass(frozen=True)
class VerdictWarning:
    code: str
    message: str
    items: tuple[str, ...] = ()  # checklist codes involved (tick warnings)
    metrics: tuple[str, ...] = ()  # metric codes involved (KPI warnings)

    @property
    def about_kpis(self) -> bool:
        return bool(self.metrics)

    def as_api_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Diagnosis:
    """The verdict. Mappings are plain dicts in a fixed order; treat them as read-only."""

    level: int | None  # the headline
    determined: bool
    transition: bool
    inconsistent: bool
    needs_review: bool
    checklist_counts: Mapping[int, int]  # every level
    matched_levels: tuple[int, ...]  # ascending
    indicator_level: int | None
    criteria: Mapping[str, str]  # every criterion code -> met / not_met / unknown, seed order
    criteria_met_by_level: Mapping[int, int]  # every level
    dimension_profile: Mapping[str, int]  # known, comparable dimensions only, dimension order
    weakest_dimensions: tuple[str, ...]
    next_level: NextLevel | None
    explanation: tuple[str, ...]
    checklist_level: int | None = None
    skipped: bool = False
    provisional: bool = False
    warnings: tuple[VerdictWarning, ...] = ()
    still_present: tuple[int, ...] = ()
    evidenced_levels: tuple[int, ...] = ()
    refuted_levels: tuple[int, ...] = ()
    in_place_levels: tuple[int, ...] = ()
    law_1_reasons: tuple[str, ...] = ()  # codes: skipped | overreach | too_fast
    not_comparable: tuple[str, ...] = ()  # measured dimensions answered on another basis
    rules_version: int = RULES_VERSION

    @property
    def law_1_raised(self) -> bool:
        return bool(self.law_1_reasons)

    def as_api_dict(self) -> dict:
        """The scoring API's response body (an external contract: keys are fixed)."""
        return {
            "level": self.level,
            "determined": self.determined,
            "transition": self.transition,
            "inconsistent": self.inconsistent,
            "needs_review": self.needs_review,
            "checklist_counts": {
                str(level): count for level, count in self.checklist_counts.items()
            },
            "indicator_level": self.indicator_level,
            "criteria": dict(self.criteria),
            "dimension_profile": dict(self.dimension_profile),
            "weakest_dimensions": list(self.weakest_dimensions),
            "next_level": self.next_level.as_api_dict() if self.next_level else None,
            "explanation": list(self.explanation),
            "checklist_level": self.checklist_level,
            "skipped": self.skipped,
            "provisional": self.provisional,
            "warnings": [warning.as_api_dict() for warning in self.warnings],
        }
