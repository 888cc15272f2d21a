"""The scoring / diagnosis engine: answers in, a diagnosed maturity level with its reasons out.

Pure Python on plain values — no ORM, no Django — so it can be tested exhaustively and called
from the questionnaire, the result page, the PDF report and the stateless scoring API alike.
The model version is passed in as a `ModelSpec` (built from the database by
`assessments.selectors.model_spec`); every code the rules name (the core level's items, the
bridge above it, the warnings' metrics) comes from the version's `VerdictRules`, never from here.

Rules v2 (issue 11; the clause numbers are used in the tests and in the explanation):

1. Match: a level matches with ≥ 3 ticks; the *core* level (Level 2, whose seed list holds only
   two capabilities) matches when both core items are ticked, or ≥ 3 ticks including a core item.
2. Still present: a level whose *symptom* items have ≥ 3 ticks. Transition = the level directly
   below the checklist level is still present; inconsistent = a level two or more below it is.
   Capabilities are cumulative and never read as leftovers.
3. KPI evidence: the base level by ≥ 3 of its criteria, the core level by all core criteria,
   higher levels by ≥ 3 capability criteria. Symptom criteria above the base never evidence.
4. Warnings: KPI sets and tick pairs that cannot both be true.
5. Refuted: only with plausible KPIs (no KPI warning).
6. In place: matched or evidenced; the core level also when the level above is in place and its
   bridge (data platform) is there, the base level is no longer present and nothing contradicts it.
7. No skipping (Iron law 1): the foundations below the checklist level must be in place.
8. The headline never overestimates: the lowest of everything that caps it; `provisional` and
   `needs_review` when anything caps it or a warning stands.
9. Everything downstream (the next level, the laws) follows the headline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "CAPABILITY",
    "MEASURED",
    "MET",
    "NOT_MET",
    "RULES_VERSION",
    "SELF_ASSESSED",
    "SYMPTOM",
    "UNKNOWN",
    "ChecklistItemSpec",
    "Condition",
    "CriterionSpec",
    "Diagnosis",
    "DimensionSpec",
    "MetricSpec",
    "ModelSpec",
    "NextLevel",
    "Previous",
    "VerdictRules",
    "VerdictWarning",
    "band_level",
    "diagnose",
    "evaluate_criterion",
    "level_name",
    "next_level_for",
    "verdict_rules_from_data",
]

RULES_VERSION = 2  # the rules this engine implements; stored with every verdict

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
SYMPTOM, CAPABILITY = "symptom", "capability"
SELF_ASSESSED, MEASURED = "self_assessed", "measured"
LANGUAGES = ("zh", "en")
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


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def band_level(value: float, bands: Sequence[float]) -> int:
    """The level (1..len(bands)+1) of a measured value: 1 + the number of bands it reaches.

    `bands` are the inclusive lower bounds of levels 2, 3, ...: with (1.2, 2, 4, 6), 1.1999 is
    level 1, 1.2 is level 2 and 6 is level 5.
    """
    if not _is_number(value) or math.isnan(value):
        raise ValueError(f"band_level needs a number, got {value!r}")
    return 1 + sum(1 for lower_bound in bands if value >= lower_bound)


def _compare(value, comparator: str, threshold) -> bool:
    if comparator == "is":
        if not isinstance(value, bool):
            raise ValueError(f"needs true/false, got {value!r}")
        return value is bool(threshold)
    if comparator == "eq" and isinstance(threshold, str):
        return value == threshold
    if comparator not in COMPARATORS:
        raise ValueError(f"unknown comparator {comparator!r}")
    if not _is_number(value) or math.isnan(value):
        raise ValueError(f"needs a number, got {value!r}")
    threshold = float(threshold)
    return {
        "gt": value > threshold,
        "lt": value < threshold,
        "ge": value >= threshold,
        "le": value <= threshold,
        "eq": value == threshold,
    }[comparator]


def evaluate_criterion(criterion: CriterionSpec, value) -> str:
    """ "met", "not_met", or "unknown" when the metric is not answered (None).

    `gt` / `lt` are strict as the seed writes them: 80 is not > 80. `is` compares booleans.
    """
    if value is None:
        return UNKNOWN
    try:
        return MET if _compare(value, criterion.comparator, criterion.threshold) else NOT_MET
    except ValueError as error:
        raise ValueError(f"{criterion.code}: {criterion.metric} {error}") from None


def level_name(model: ModelSpec, level: int, language: str = "zh") -> str:
    """The level's name in `language`, falling back to Chinese when that slot is empty."""
    names = model.level_names.get(level) or {}
    return names.get(language) or names.get("zh") or ""


def _normalise_language(language: str) -> str:
    code = (language or "zh").lower()
    if code.startswith("en"):
        return "en"
    if code.startswith("zh"):
        return "zh"
    raise ValueError(f"unsupported language {language!r}; use one of {', '.join(LANGUAGES)}")


def _ticked_codes(model: ModelSpec, checklist: Iterable[str]) -> frozenset[str]:
    if isinstance(checklist, str):
        raise ValueError("checklist must be a collection of item codes, not a single string")
    ticked = frozenset(checklist)
    unknown = ticked - {item.code for item in model.checklist}
    if unknown:
        raise ValueError(f"unknown checklist item code(s): {', '.join(sorted(map(str, unknown)))}")
    return ticked


def _known_indicators(model: ModelSpec, indicators: Mapping[str, object]) -> dict[str, object]:
    known_metrics = {metric.code for metric in model.metrics}
    unknown = set(indicators) - known_metrics
    if unknown:
        raise ValueError(f"unknown metric code(s): {', '.join(sorted(map(str, unknown)))}")
    return {code: value for code, value in indicators.items() if value is not None}


def _checked_dimensions(model: ModelSpec, dimensions: Mapping[str, int]) -> dict[str, int]:
    self_assessed = {d.code for d in model.dimensions if d.kind == SELF_ASSESSED}
    unknown = set(dimensions) - self_assessed
    if unknown:
        raise ValueError(
            f"unknown or not self-assessed dimension code(s): {', '.join(sorted(map(str, unknown)))}"
        )
    levels = model.levels
    answered = {}
    for code, value in dimensions.items():
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value not in levels:
            raise ValueError(
                f"dimension {code} must be an integer from {levels[0]} to {levels[-1]}, "
                f"got {value!r}"
            )
        answered[code] = value
    return answered


def _dimension_profile(
    model: ModelSpec, answered: Mapping[str, int], indicators: Mapping[str, object]
) -> tuple[dict[str, int], tuple[str, ...]]:
    profile: dict[str, int] = {}
    not_comparable: list[str] = []
    for dimension in model.dimensions:
        if dimension.kind == SELF_ASSESSED:
            if dimension.code in answered:
                profile[dimension.code] = answered[dimension.code]
        elif dimension.kind == MEASURED:
            value = indicators.get(dimension.metric) if dimension.metric else None
            if value is None:
                continue
            if dimension.comparable_when is not None:
                basis_metric, basis_value = dimension.comparable_when
                basis = indicators.get(basis_metric)
                if basis is not None and basis != basis_value:
                    not_comparable.append(dimension.code)
                    continue
            profile[dimension.code] = band_level(value, dimension.bands)
    return profile, tuple(not_comparable)


def _weakest(profile: Mapping[str, int]) -> tuple[str, ...]:
    """The 1-2 lowest dimensions, only when some dimension is higher (else none is "weakest")."""
    if len(set(profile.values())) < 2:
        return ()
    lowest = min(profile.values())
    return tuple(code for code, value in profile.items() if value == lowest)[:2]


def _condition_holds(condition: Condition, values: Mapping[str, object]) -> bool | None:
    """True / False, or None when its metric is not answered."""
    value = values.get(condition.metric)
    if value is None:
        return None
    return _compare(value, condition.comparator, condition.threshold)


# --------------------------------------------------------------------------------------------
# The diagnosis
# --------------------------------------------------------------------------------------------


@dataclass
class _Verdict:
    """Everything the rules derive, before the explanation is written."""

    levels: tuple[int, ...]
    ticked: frozenset[str]
    previous: Previous | None
    counts: dict[int, int]
    symptom_counts: dict[int, int]
    matched: tuple[int, ...]
    checklist_level: int | None
    still_present: tuple[int, ...]
    transition: bool
    inconsistent: bool
    statuses: dict[str, str]
    met_by_level: dict[int, int]
    evidenced: tuple[int, ...]
    indicator_level: int | None
    warnings: list[VerdictWarning]
    plausible: bool
    refuted: tuple[int, ...]
    core_contradicted: bool
    in_place: tuple[int, ...]
    skipped: bool = False
    foundation_below: int | None = None  # foundation(checklist_level - 1) when skipped
    estimate: int | None = None  # undetermined: the level shown before capping
    estimate_source: str = ""  # indicators | ticks | ticks_tie
    caps: list[tuple[str, int]] = field(default_factory=list)  # (reason, cap)
    headline: int | None = None
    provisional: bool = False
    provisional_reasons: list[str] = field(default_factory=list)
    law_1_reasons: list[str] = field(default_factory=list)


def diagnose(
    model: ModelSpec,
    checklist: Iterable[str],
    indicators: Mapping[str, float | int | bool | str | None],
    dimensions: Mapping[str, int],
    language: str = "zh",
    previous: Previous | None = None,
) -> Diagnosis:
    """Diagnose one set of answers against one model version (rules v2, see the module doc).

    `checklist`: the ticked item codes (order and duplicates do not matter). `indicators`:
    {metric code: value}; an absent or None value is unknown. `dimensions`: {self-assessed
    dimension code: level}. `language`: "zh" (default) or "en", for texts only. `previous`: the
    company's previous official level, for Iron law 1 on re-assessment.
    Unknown codes or ill-typed values raise ValueError (the callers validate first).
    """
    if model.rules is None:
        raise ValueError("this model version has no verdict rules")
    language = _normalise_language(language)
    ticked = _ticked_codes(model, checklist)
    values = _known_indicators(model, indicators)
    answered_dimensions = _checked_dimensions(model, dimensions)

    verdict = _judge(model, ticked, values, language, previous)

    profile, not_comparable = _dimension_profile(model, answered_dimensions, values)
    headline = verdict.headline
    next_level = next_level_for(model, ticked, verdict.statuses, headline)
    return Diagnosis(
        level=headline,
        determined=verdict.checklist_level is not None,
        transition=verdict.transition,
        inconsistent=verdict.inconsistent,
        needs_review=verdict.provisional,
        checklist_counts=verdict.counts,
        matched_levels=verdict.matched,
        indicator_level=verdict.indicator_level,
        criteria=verdict.statuses,
        criteria_met_by_level=verdict.met_by_level,
        dimension_profile=profile,
        weakest_dimensions=_weakest(profile),
        next_level=next_level,
        explanation=_explain(model, verdict, next_level, language),
        checklist_level=verdict.checklist_level,
        skipped=verdict.skipped,
        provisional=verdict.provisional,
        warnings=tuple(verdict.warnings),
        still_present=verdict.still_present,
        evidenced_levels=verdict.evidenced,
        refuted_levels=verdict.refuted,
        in_place_levels=verdict.in_place,
        law_1_reasons=tuple(verdict.law_1_reasons),
        not_comparable=not_comparable,
    )


def next_level_for(
    model: ModelSpec, ticked: Iterable[str], statuses: Mapping[str, str], level: int | None
) -> NextLevel | None:
    """The way from `level` to the one above: its capability items not ticked, its capability
    criteria not met (or unknown), and every ticked symptom to resolve. None at the top."""
    if level is None or level >= model.levels[-1]:
        return None
    ticked = frozenset(ticked)
    target = level + 1
    return NextLevel(
        level=target,
        missing_checklist=tuple(
            item.code
            for item in model.checklist
            if item.level == target and item.kind == CAPABILITY and item.code not in ticked
        ),
        unmet_criteria=tuple(
            c.code
            for c in model.criteria
            if c.level == target and c.kind == CAPABILITY and statuses.get(c.code) != MET
        ),
        symptoms_to_resolve=tuple(
            item.code for item in model.checklist if item.kind == SYMPTOM and item.code in ticked
        ),
    )


def _judge(model, ticked, values, language, previous) -> _Verdict:
    rules = model.rules
    levels = model.levels
    base, top, core = levels[0], levels[-1], rules.core_level
    items_by_level = {lvl: [i for i in model.checklist if i.level == lvl] for lvl in levels}

    # 1. Match (ticks).
    counts = {lvl: sum(1 for i in items_by_level[lvl] if i.code in ticked) for lvl in levels}
    symptom_counts = {
        lvl: sum(1 for i in items_by_level[lvl] if i.kind == SYMPTOM and i.code in ticked)
        for lvl in levels
    }

    def matches(lvl: int) -> bool:
        if lvl == core:
            core_ticked = [code for code in rules.core_items if code in ticked]
            return len(core_ticked) == len(rules.core_items) or (
                counts[lvl] >= rules.match_threshold and bool(core_ticked)
            )
        return counts[lvl] >= rules.match_threshold

    matched = tuple(lvl for lvl in levels if matches(lvl))
    checklist_level = max(matched) if matched else None

    # 2. Still present (leftovers): symptoms only.
    still_present = tuple(lvl for lvl in levels if symptom_counts[lvl] >= rules.match_threshold)
    transition = checklist_level is not None and (checklist_level - 1) in still_present
    inconsistent = checklist_level is not None and any(
        s <= checklist_level - 2 for s in still_present
    )

    # 3. KPI evidence.
    statuses = {c.code: evaluate_criterion(c, values.get(c.metric)) for c in model.criteria}
    criteria_by_level = {lvl: [c for c in model.criteria if c.level == lvl] for lvl in levels}
    met_by_level = {
        lvl: sum(1 for c in criteria_by_level[lvl] if statuses[c.code] == MET) for lvl in levels
    }

    def evidenced_at(lvl: int) -> bool:
        if lvl == base:
            return met_by_level[lvl] >= rules.evidence_threshold
        if lvl == core:
            return all(statuses.get(code) == MET for code in rules.core_criteria)
        capable = [c for c in criteria_by_level[lvl] if c.kind == CAPABILITY]
        return sum(1 for c in capable if statuses[c.code] == MET) >= rules.evidence_threshold

    evidenced = tuple(lvl for lvl in levels if evidenced_at(lvl))
    above_base = [lvl for lvl in evidenced if lvl != base]
    indicator_level = max(above_base) if above_base else (base if base in evidenced else None)

    # 4. Warnings.
    warnings = _warnings(rules, ticked, values, evidenced, base, language)
    plausible = not any(w.about_kpis for w in warnings)

    # 5. Refuted (evidence against), only with plausible KPIs.
    def refuted_at(lvl: int) -> bool:
        if not plausible or lvl == base:
            return False
        if lvl == core:
            return (
                any(statuses.get(code) == MET for code in rules.core_refuted_by)
                or base in evidenced
                or all(statuses.get(code) == NOT_MET for code in rules.core_criteria)
            )
        capable = [c for c in criteria_by_level[lvl] if c.kind == CAPABILITY]
        return sum(1 for c in capable if statuses[c.code] == NOT_MET) >= rules.evidence_threshold

    refuted = tuple(lvl for lvl in levels if refuted_at(lvl))

    # 6. In place.
    def contradiction_applies(entry: Contradiction) -> bool:
        return entry.item in ticked and _condition_holds(entry.unless, values) is not True

    core_contradicted = core in refuted or any(
        contradiction_applies(entry) for entry in rules.core_contradictions
    )
    in_place_set = {lvl for lvl in levels if lvl != base and (lvl in matched or lvl in evidenced)}
    bridged = any(code in ticked for code in rules.bridge_items) or any(
        statuses.get(code) == MET for code in rules.bridge_criteria
    )
    if (
        core not in in_place_set
        and (core + 1) in in_place_set
        and bridged
        and base not in still_present
        and not core_contradicted
    ):
        in_place_set.add(core)
    in_place = tuple(sorted(in_place_set))

    def foundation(n: int) -> int:
        reached = base
        for lvl in levels:
            if lvl == base or lvl > n:
                continue
            if lvl not in in_place_set:
                break
            reached = lvl
        return reached

    verdict = _Verdict(
        levels=levels,
        ticked=ticked,
        previous=previous,
        counts=counts,
        symptom_counts=symptom_counts,
        matched=matched,
        checklist_level=checklist_level,
        still_present=still_present,
        transition=transition,
        inconsistent=inconsistent,
        statuses=statuses,
        met_by_level=met_by_level,
        evidenced=evidenced,
        indicator_level=indicator_level,
        warnings=warnings,
        plausible=plausible,
        refuted=refuted,
        core_contradicted=core_contradicted,
        in_place=in_place,
    )

    # 7. No skipping (Iron law 1).
    if checklist_level is not None and checklist_level >= core + 1:
        below = foundation(checklist_level - 1)
        if below < checklist_level - 1:
            verdict.skipped = True
            verdict.foundation_below = below

    # 8. The headline, never overestimated.
    if checklist_level is None:
        if indicator_level is not None:
            estimate, verdict.estimate_source = indicator_level, "indicators"
        else:
            best = max(counts.values(), default=0)
            tied = [lvl for lvl in levels if counts[lvl] == best] if best else []
            estimate = min(tied) if tied else None
            verdict.estimate_source = "ticks_tie" if len(tied) > 1 else "ticks"
        verdict.estimate = estimate
        headline = estimate
        if headline is not None:
            cap = foundation(top)
            if cap < headline:
                verdict.caps.append(("foundation", cap))
                headline = cap
            refuted_below = [k for k in refuted if k <= headline]
            if refuted_below:
                k = min(refuted_below)
                verdict.caps.append((f"refuted:{k}", k - 1))
                headline = k - 1
            verdict.provisional = True
            verdict.provisional_reasons.append("undetermined")
    else:
        headline = checklist_level
        if verdict.skipped:
            verdict.caps.append(("skipped", verdict.foundation_below))
        if inconsistent:
            s = min(still_present)
            lifted = s + 1 in in_place_set and not (s == base and core_contradicted)
            verdict.caps.append(("inconsistent", s + 1 if lifted else s))
        refuted_below = [k for k in refuted if k <= checklist_level]
        if refuted_below:
            k = min(refuted_below)
            verdict.caps.append((f"refuted:{k}", k - 1))
        headline = min([checklist_level, *(cap for _reason, cap in verdict.caps)])
        reasons = verdict.provisional_reasons
        if verdict.skipped:
            reasons.append("skipped")
        if inconsistent:
            reasons.append("inconsistent")
        if refuted_below:
            reasons.append("refuted")
        if indicator_level is not None and indicator_level >= checklist_level + 2:
            reasons.append("indicators_above")
        if warnings:
            reasons.append("warnings")
        verdict.provisional = bool(reasons)

    # 9. Iron law 1, against the headline; on re-assessment, the pace since the last one.
    if headline is not None:
        if verdict.skipped:
            verdict.law_1_reasons.append("skipped")
        if checklist_level is not None and checklist_level >= headline + 2:
            verdict.law_1_reasons.append("overreach")
        if previous is not None:
            rise = headline - previous.level
            if rise >= 1 and previous.months_ago < rules.months_per_level * rise:
                verdict.law_1_reasons.append("too_fast")
            if rise >= 2:
                verdict.provisional = True
                verdict.provisional_reasons.append("rise")
    verdict.headline = headline
    return verdict


def _warnings(rules, ticked, values, evidenced, base, language) -> list[VerdictWarning]:
    found: list[VerdictWarning] = []
    for rule in rules.kpi_warnings:
        if rule.sum_of:
            parts = [values.get(metric) for metric in rule.sum_of]
            if any(part is None for part in parts):
                continue
            fires = sum(parts) > rule.sum_above
            metrics = rule.sum_of
        else:
            holds = [_condition_holds(c, values) for c in rule.conditions]
            if any(h is None for h in holds):
                continue
            fires = all(holds)
            metrics = tuple(c.metric for c in rule.conditions)
        if fires:
            found.append(VerdictWarning(rule.code, rule.message[language], metrics=metrics))
    if base in evidenced and any(lvl >= rules.evidence_conflict_from for lvl in evidenced):
        found.append(
            VerdictWarning(
                rules.evidence_conflict_code,
                rules.evidence_conflict_message[language],
                metrics=("*",),
            )
        )
    for pair in rules.tick_pairs:
        if all(code in ticked for code in pair.items):
            found.append(VerdictWarning(rules.tick_pairs_code, pair.message[language], pair.items))
    if all(code in ticked for code in rules.core_symptoms) and not any(
        code in ticked for code in rules.core_items
    ):
        found.append(
            VerdictWarning(
                rules.core_symptoms_code,
                rules.core_symptoms_message[language],
                rules.core_symptoms,
            )
        )
    return sorted(found, key=lambda w: w.code)


# --------------------------------------------------------------------------------------------
# The explanation: plain sentences in Chinese or English, one or more per rule that applied
# --------------------------------------------------------------------------------------------

_TEXTS = {
    "zh": {
        "matched": "自测清单:{label}勾选了{count},达到“3项以上”的标准。",
        "matched_core": "自测清单:{label}的核心能力({core})都已勾选,达到该段位。",
        "core_needs_capability": (
            "{label}虽勾选了{count},但都是问题症状,没有勾选核心能力({core}),"
            "不能据此判定为该段位——三个症状描述的是一套你尚未说明已具备的系统。"
        ),
        "still_present_transition": (
            "{below}的问题症状仍勾选了3项以上:企业正处在从 Level {from_} 向 Level {to} 跃迁的过渡期,"
            "前一段位的问题还没有解决完。"
        ),
        "still_present_inconsistent": (
            "比 Level {level} 低两级以上的 {below}仍勾选了3项以上问题症状;"
            "同一家企业很少同时具备相隔这么远的特征,请逐项核对勾选是否符合实际。"
        ),
        "none_ticked": "没有勾选任何自测清单项,无法由清单判定段位;请对照各段位的特征,勾选符合贵公司现状的描述。",
        "undetermined": "没有任何段位在自测清单上达到判定标准。",
        "estimate_indicators": "段位的估计依据关键指标印证的 {label},只是暂定结果。",
        "estimate": "段位的估计从勾选最多的 {label}(共{count})出发,遵循铁律1——宁可低估,不可高估。",
        "estimate_tie": (
            "段位的估计从勾选最多的段位出发:{tied} 的勾选数并列最多(各{count}),"
            "按铁律1取较低的 {label}——宁可低估,不可高估。"
        ),
        "indicators_none": "按已填写的关键指标,没有任何段位得到数据印证。",
        "indicators_level": "关键指标印证了 {label}:该段位有{met}符合。",
        "indicators_base": "关键指标显示 {label}的特征:该段位的{met}符合。",
        "indicators_above": "关键指标印证的 {label}比自测清单高两级以上,需要核对答案和数据。",
        "warning": "数据提示({code}):{message}",
        "refuted": "按你填写的关键指标,{label}不成立:{reason}",
        "refuted_core": "该段位的核心条件没有得到数据支持(如纸质工单仍占多数,或核心系统与工单电子化均未达标)。",
        "refuted_higher": "该段位有{count}项能力标准明确不符合。",
        "skipped": (
            "不能越级(铁律1):你勾选了 Level {level} 的能力,但 {missing}的基础尚未到位"
            "(既未勾满、也未由关键指标印证)。如已具备,请补勾相应项目。"
        ),
        "headline": "因此,诊断段位定为 {label}(宁可低估,不可高估)。",
        "overreach": (
            "自测清单指向 Level {checklist},比诊断段位高两级以上:按铁律1“不要越级打怪”,"
            "先把当前段位做扎实,再逐级跃迁。"
        ),
        "provisional": "本次结果为暂定,建议复核(原因:{reasons}),请与顾问一起核对答案和数据。",
        "reason_undetermined": "自测清单未达判定标准",
        "reason_skipped": "跳过了中间段位",
        "reason_inconsistent": "低段位的问题症状与高段位并存",
        "reason_refuted": "关键指标与自测清单相矛盾",
        "reason_indicators_above": "关键指标比自测清单高两级以上",
        "reason_warnings": "有数据提示",
        "reason_rise": "距上次诊断提升了两级以上",
        "reasons_sep": ";",
        "too_fast": (
            "距上次正式段位(Level {previous})仅{months}个月就提升到 Level {level};"
            "每个段位的跃迁周期一般为12-24个月(铁律1),请确认提升是否真实落地。"
        ),
        "top": "{label}已是模型中的最高段位,没有更高的下一段位。",
        "next": "迈向 {label}:{gaps}。",
        "next_missing": "还有{missing}能力尚未具备",
        "next_unmet": "{unmet}尚未满足(含未填写的指标)",
        "next_nothing": "该段位的能力和诊断标准都已具备,关键是巩固并消除问题症状",
        "next_gaps_sep": ",",
        "symptoms": "另外,你勾选了{count}问题症状,需要在迈向下一段位的过程中逐步消除。",
        "list_sep": "、",
    },
    "en": {
        "matched": "Checklist: {label} has {count} ticked, meeting the rule of 3 or more.",
        "matched_core": "Checklist: the core capabilities of {label} ({core}) are all ticked, so it is reached.",
        "core_needs_capability": (
            "{label} has {count} ticked, but only symptoms and none of its core capabilities "
            "({core}), so it is not reached: three symptoms describe a system you have not said "
            "you have."
        ),
        "still_present_transition": (
            "{below} still has 3 or more of its symptoms ticked: you are in transition from "
            "Level {from_} to Level {to}, with the problems of the level below not yet solved."
        ),
        "still_present_inconsistent": (
            "{below}, two or more levels below Level {level}, still {has} 3 or more symptoms "
            "ticked; a business rarely shows features this far apart at once, so please check "
            "the answers item by item."
        ),
        "none_ticked": (
            "No checklist item is ticked, so the checklist gives no level; tick the descriptions "
            "that match your business today."
        ),
        "undetermined": "No level meets the checklist rule.",
        "estimate_indicators": (
            "The estimate starts from {label}, which the key indicators confirm, and is "
            "provisional."
        ),
        "estimate": (
            "The estimate starts from the most-ticked level, {label} ({count}), following Iron "
            "law 1: never overestimate."
        ),
        "estimate_tie": (
            "The estimate starts from the most-ticked levels: {tied} are tied ({count} each), "
            "and per Iron law 1 the lower one, {label}, is taken - never overestimate."
        ),
        "indicators_none": "On the indicators answered, the data confirms no level.",
        "indicators_level": "The key indicators confirm {label}: {met} met at that level.",
        "indicators_base": "The key indicators show the features of {label}: {met} met.",
        "indicators_above": (
            "The key indicators confirm {label}, two or more levels above the checklist; check "
            "the answers and figures."
        ),
        "warning": "Data check ({code}): {message}",
        "refuted": "On the indicators you gave, {label} does not hold: {reason}",
        "refuted_core": (
            "its core conditions are not backed by the figures (paper work orders still "
            "dominate, or neither the core system nor electronic work orders reach the mark)."
        ),
        "refuted_higher": "{count} of its capability criteria are clearly not met.",
        "skipped": (
            "No skipping levels (Iron law 1): you ticked capabilities of Level {level}, but the "
            "foundations of {missing} are not in place (neither ticked nor confirmed by the "
            "indicators). If you have them, tick the matching items."
        ),
        "headline": "The diagnosed level is therefore {label} (never overestimate).",
        "overreach": (
            "The checklist points to Level {checklist}, two or more levels above the diagnosed "
            "level: per Iron law 1 (don't skip levels), consolidate the current level first and "
            "step up one level at a time."
        ),
        "provisional": (
            "This result is provisional and needs review ({reasons}); go through the answers "
            "and figures with a consultant."
        ),
        "reason_undetermined": "the checklist meets no level",
        "reason_skipped": "levels skipped",
        "reason_inconsistent": "symptoms of a much lower level remain",
        "reason_refuted": "the key indicators contradict the checklist",
        "reason_indicators_above": "the indicators are two or more levels above the checklist",
        "reason_warnings": "data checks raised",
        "reason_rise": "two or more levels up since the last diagnosis",
        "reasons_sep": "; ",
        "too_fast": (
            "Only {months} months after the last official level (Level {previous}) the result "
            "is Level {level}; a step up usually takes 12-24 months (Iron law 1), so make sure "
            "the progress is real."
        ),
        "top": "{label} is the highest level of the model; there is no level above it.",
        "next": "Towards {label}: {gaps}.",
        "next_missing": "{missing} still to build",
        "next_unmet": "{unmet} not yet met (unanswered indicators included)",
        "next_nothing": "its capabilities and criteria are in place; consolidate and remove the symptoms",
        "next_gaps_sep": "; ",
        "symptoms": "You also ticked {count} to resolve on the way to the next level.",
        "list_sep": ", ",
    },
}


def _explain(model: ModelSpec, v: _Verdict, nxt: NextLevel | None, lang: str) -> tuple[str, ...]:
    texts = _TEXTS[lang]
    rules = model.rules

    def label(level: int) -> str:
        name = level_name(model, level, lang)
        if not name:
            return f"Level {level}"
        return f"Level {level}({name})" if lang == "zh" else f"Level {level} ({name})"

    def join(parts: Sequence[str]) -> str:
        if len(parts) < 2:
            return "".join(parts)
        head = texts["list_sep"].join(parts[:-1])
        if lang == "en":
            return f"{head} and {parts[-1]}"
        return head + ("与 " if head.endswith(")") else " 与 ") + parts[-1]

    def amount(n: int, kind: str) -> str:
        if lang == "zh":
            return f"{n}项诊断标准" if kind == "criterion" else f"{n}项"
        singular, plural = {
            "item": ("item", "items"),
            "criterion": ("criterion", "criteria"),
            "capability": ("capability item", "capability items"),
            "symptom": ("symptom item", "symptom items"),
        }[kind]
        return f"{n} {singular if n == 1 else plural}"

    sentences: list[str] = []
    core = rules.core_level
    cl = v.checklist_level

    # 1. Why the checklist says what it says.
    if cl is not None:
        core_all = cl == core and all(code in v.ticked for code in rules.core_items)
        if core_all and v.counts[cl] < rules.match_threshold:
            sentences.append(
                texts["matched_core"].format(label=label(cl), core=join(rules.core_items))
            )
        else:
            sentences.append(
                texts["matched"].format(label=label(cl), count=amount(v.counts[cl], "item"))
            )
    elif not any(v.counts.values()):
        sentences.append(texts["none_ticked"])
    else:
        sentences.append(texts["undetermined"])
    if (
        core not in v.matched
        and v.counts.get(core, 0) >= rules.match_threshold
        and (cl is None or cl < core)
    ):
        sentences.append(
            texts["core_needs_capability"].format(
                label=label(core),
                count=amount(v.counts[core], "item"),
                core=join(rules.core_items),
            )
        )

    # 2. Still present.
    if v.transition:
        sentences.append(
            texts["still_present_transition"].format(below=label(cl - 1), from_=cl - 1, to=cl)
        )
    if v.inconsistent:
        far = [label(s) for s in v.still_present if s <= cl - 2]
        sentences.append(
            texts["still_present_inconsistent"].format(
                below=join(far), level=cl, has="has" if len(far) == 1 else "have"
            )
        )

    # 3. KPI evidence.
    il = v.indicator_level
    if il is None:
        sentences.append(texts["indicators_none"])
    else:
        key = "indicators_base" if il == v.levels[0] else "indicators_level"
        sentences.append(
            texts[key].format(label=label(il), met=amount(v.met_by_level[il], "criterion"))
        )
        if cl is not None and il >= cl + 2:
            sentences.append(texts["indicators_above"].format(label=label(il)))

    # 4. Warnings.
    for warning in v.warnings:
        sentences.append(texts["warning"].format(code=warning.code, message=warning.message))

    # 5. Refuted.
    for k in v.refuted:
        if k == core:
            reason = texts["refuted_core"]
        else:
            capable = [c for c in model.criteria if c.level == k and c.kind == CAPABILITY]
            count = sum(1 for c in capable if v.statuses[c.code] == NOT_MET)
            reason = texts["refuted_higher"].format(count=count)
        if (cl is not None and k <= cl) or (cl is None and v.estimate and k <= v.estimate):
            sentences.append(texts["refuted"].format(label=label(k), reason=reason))

    # 7. Skipping.
    if v.skipped:
        missing = [label(lvl) for lvl in range(v.foundation_below + 1, cl)]
        sentences.append(texts["skipped"].format(level=cl, missing=join(missing)))

    # Undetermined: where the shown level comes from.
    if cl is None and v.estimate is not None:
        if v.estimate_source == "indicators":
            sentences.append(texts["estimate_indicators"].format(label=label(v.estimate)))
        else:
            count = v.counts[v.estimate]
            tied = [lvl for lvl in v.levels if v.counts[lvl] == count]
            if len(tied) > 1:
                sentences.append(
                    texts["estimate_tie"].format(
                        label=label(v.estimate),
                        tied=join([f"Level {lvl}" for lvl in tied]),
                        count=amount(count, "item"),
                    )
                )
            else:
                sentences.append(
                    texts["estimate"].format(label=label(v.estimate), count=amount(count, "item"))
                )

    # 8. The headline when something capped it, and whether it is provisional.
    shown = cl if cl is not None else v.estimate
    if v.headline is not None and shown is not None and v.headline < shown:
        sentences.append(texts["headline"].format(label=label(v.headline)))
    if "overreach" in v.law_1_reasons and not v.skipped:
        sentences.append(texts["overreach"].format(checklist=cl))
    if "too_fast" in v.law_1_reasons:
        sentences.append(
            texts["too_fast"].format(
                previous=v.previous.level,
                months=f"{v.previous.months_ago:g}",
                level=v.headline,
            )
        )
    if v.provisional:
        reasons = [texts[f"reason_{r}"] for r in dict.fromkeys(v.provisional_reasons)]
        sentences.append(texts["provisional"].format(reasons=texts["reasons_sep"].join(reasons)))

    # 9. The way up from the headline.
    if v.headline is not None and nxt is None:
        sentences.append(texts["top"].format(label=label(v.headline)))
    elif nxt is not None:
        gaps = []
        if nxt.missing_checklist:
            gaps.append(
                texts["next_missing"].format(
                    missing=amount(len(nxt.missing_checklist), "capability")
                )
            )
        if nxt.unmet_criteria:
            gaps.append(
                texts["next_unmet"].format(unmet=amount(len(nxt.unmet_criteria), "criterion"))
            )
        sentences.append(
            texts["next"].format(
                label=label(nxt.level),
                gaps=texts["next_gaps_sep"].join(gaps) if gaps else texts["next_nothing"],
            )
        )
        if nxt.symptoms_to_resolve:
            sentences.append(
                texts["symptoms"].format(count=amount(len(nxt.symptoms_to_resolve), "symptom"))
            )
    return tuple(sentences)
