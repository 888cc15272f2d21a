"""The model version as the scoring engine sees it: plain values, no Django.

`assessments.model_spec` builds these from the database; tests build them by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from maturity.language_codes import SLOTS

RULES_VERSION = 2  # the rules this engine implements; stored with every verdict

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
SYMPTOM, CAPABILITY = "symptom", "capability"
SELF_ASSESSED, MEASURED = "self_assessed", "measured"
LANGUAGES = SLOTS
COMPARATORS = ("gt", "lt", "ge", "le", "eq", "is")

# --------------------------------------------------------------------------------------------
# Input: the model version, as plain values
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItemSpec:
    code: str
    level: int
    kind: str  # "symptom" | "capability"


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    level: int
    metric: str
    comparator: str  # gt | lt | ge | le | eq | is
    threshold: float | bool
    kind: str  # "symptom" | "capability"


@dataclass(frozen=True)
class MetricSpec:
    code: str
    type: str  # percent | boolean | multiple | count | score | choice
    min: float | None
    max: float | None
    options: tuple[str, ...] = ()  # choice metrics only


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    kind: str  # "self_assessed" | "measured"
    metric: str | None = None
    bands: tuple[float, ...] = ()  # inclusive lower bounds of levels 2..n
    # A measured dimension is only comparable with the bands when this metric has this value
    # (e.g. satisfaction: only an own 100-point survey is on the seed's scale).
    comparable_when: tuple[str, str] | None = None


@dataclass(frozen=True)
class Condition:
    """`metric comparator threshold`, e.g. ("e_work_order_pct", "gt", 80)."""

    metric: str
    comparator: str
    threshold: float | bool | str


@dataclass(frozen=True)
class KpiWarningRule:
    code: str
    message: Mapping[str, str]  # {"zh", "en"}
    conditions: tuple[Condition, ...] = ()  # all hold (each metric answered)
    sum_of: tuple[str, ...] = ()  # or: these metrics (all answered) add up to more than sum_above
    sum_above: float = 0


@dataclass(frozen=True)
class TickPairRule:
    items: tuple[str, str]
    message: Mapping[str, str]


@dataclass(frozen=True)
class Contradiction:
    """A ticked item contradicts the core level unless a condition is answered true."""

    item: str
    unless: Condition


@dataclass(frozen=True)
class VerdictRules:
    """The codes and numbers rules v2 need, from the model version's data file."""

    match_threshold: int
    evidence_threshold: int
    core_level: int
    core_items: tuple[str, ...]
    core_criteria: tuple[str, ...]
    core_refuted_by: tuple[str, ...]  # met criteria that refute the core level
    core_contradictions: tuple[Contradiction, ...]
    bridge_items: tuple[str, ...]  # the level above's items that imply the core level
    bridge_criteria: tuple[str, ...]
    kpi_warnings: tuple[KpiWarningRule, ...]
    evidence_conflict_code: str  # base level evidenced while a level >= conflict_from is
    evidence_conflict_from: int
    evidence_conflict_message: Mapping[str, str]
    tick_pairs_code: str
    tick_pairs: tuple[TickPairRule, ...]
    core_symptoms_code: str  # all these symptoms ticked with no core item
    core_symptoms: tuple[str, ...]
    core_symptoms_message: Mapping[str, str]
    months_per_level: int  # Iron law 1: 12-24 months a level, the lower bound


@dataclass(frozen=True)
class ModelSpec:
    checklist: tuple[ChecklistItemSpec, ...]  # seed order
    criteria: tuple[CriterionSpec, ...]  # seed order
    metrics: tuple[MetricSpec, ...]
    dimensions: tuple[DimensionSpec, ...]  # self_assessed and measured only, in order
    level_names: Mapping[int, Mapping[str, str]]  # {1: {"zh": "...", "en": "..."}, ...}
    rules: VerdictRules | None = None

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(sorted(self.level_names))


@dataclass(frozen=True)
class Previous:
    """The company's previous official level and how long ago it was given."""

    level: int
    months_ago: float


def verdict_rules_from_data(data: Mapping) -> VerdictRules:
    """VerdictRules from the `verdict_rules` section of a model data file (plain dicts)."""

    def condition(entry) -> Condition:
        return Condition(entry["metric"], entry["comparator"], entry["threshold"])

    core = data["core"]
    conflict = data["evidence_conflict"]
    pairs = data["tick_pairs"]
    symptoms = data["core_symptoms_alone"]
    return VerdictRules(
        match_threshold=int(data["match_threshold"]),
        evidence_threshold=int(data["evidence_threshold"]),
        core_level=int(core["level"]),
        core_items=tuple(core["items"]),
        core_criteria=tuple(core["criteria"]),
        core_refuted_by=tuple(core.get("refuted_by_met") or ()),
        core_contradictions=tuple(
            Contradiction(entry["item"], condition(entry["unless"]))
            for entry in core.get("contradicted_by") or ()
        ),
        bridge_items=tuple(core["bridge"]["items"]),
        bridge_criteria=tuple(core["bridge"]["criteria"]),
        kpi_warnings=tuple(
            KpiWarningRule(
                code=entry["code"],
                message=dict(entry["message"]),
                conditions=tuple(condition(c) for c in entry.get("conditions") or ()),
                sum_of=tuple(entry.get("sum_of") or ()),
                sum_above=float(entry.get("sum_above") or 0),
            )
            for entry in data["kpi_warnings"]
        ),
        evidence_conflict_code=conflict["code"],
        evidence_conflict_from=int(conflict["from_level"]),
        evidence_conflict_message=dict(conflict["message"]),
        tick_pairs_code=pairs["code"],
        tick_pairs=tuple(
            TickPairRule(tuple(entry["items"]), dict(entry["message"])) for entry in pairs["pairs"]
        ),
        core_symptoms_code=symptoms["code"],
        core_symptoms=tuple(symptoms["items"]),
        core_symptoms_message=dict(symptoms["message"]),
        months_per_level=int(data.get("months_per_level", 12)),
    )


def level_name(model: ModelSpec, level: int, language: str = "zh") -> str:
    """The level's name in `language`, falling back to Chinese when that slot is empty."""
    names = model.level_names.get(level) or {}
    return names.get(language) or names.get("zh") or ""
