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

from assessments.scoring.explain import explain as _explain
from assessments.scoring.result import Diagnosis, NextLevel, VerdictWarning
from assessments.scoring.spec import (
    CAPABILITY,
    COMPARATORS,
    MEASURED,
    MET,
    NOT_MET,
    SELF_ASSESSED,
    SYMPTOM,
    UNKNOWN,
    Condition,
    Contradiction,
    CriterionSpec,
    ModelSpec,
    Previous,
)
from maturity.language_codes import strict_text_slot

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
    language = strict_text_slot(language)
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
