"""Properties of the scoring engine (rules v2, issue 11) that hold for every set of answers.

Besides the issue's "Done when" properties, the verdict is compared with `reference_verdict`,
a literal, deliberately naive transcription of the issue's rules 1-9 written for these tests
(it shares no code with the engine).
"""

import json
import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.scoring import Previous, band_level, diagnose
from tests.scoring_spec import REAL_MODEL, SHORT_METRICS

LEVELS = REAL_MODEL.levels
ITEMS = {item.code: item for item in REAL_MODEL.checklist}
CRITERIA = {criterion.code: criterion for criterion in REAL_MODEL.criteria}
CAPABILITY_ITEMS = sorted(code for code, item in ITEMS.items() if item.kind == "capability")
SELF_ASSESSED = [d.code for d in REAL_MODEL.dimensions if d.kind == "self_assessed"]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# Thresholds are the interesting values: they are tried often, exactly (60 and 50 so that paper
# + electronic work orders land on K1's 110 too).
_EDGES: dict[str, list] = {}
for _criterion in REAL_MODEL.criteria:
    _EDGES.setdefault(_criterion.metric, []).append(_criterion.threshold)
for _metric, _values in {
    "paper_work_order_pct": [50, 60, 61, 70, 90],
    "e_work_order_pct": [40, 50, 60, 61, 90],
    "api_partner_count": [0, 1],
    "data_service_revenue_pct": [0, 5],
    "system_integration_pct": [81],
}.items():
    _EDGES.setdefault(_metric, []).extend(_values)


def _value_strategy(metric):
    if metric.type == "boolean":
        return st.booleans()
    if metric.type == "choice":
        return st.sampled_from(metric.options)
    edges = st.sampled_from([*_EDGES.get(metric.code, []), 1.2, 2, 4, 6, 70, 75, 85, 90]).filter(
        lambda v: (
            (metric.min is None or v >= metric.min) and (metric.max is None or v <= metric.max)
        )
    )
    upper = metric.max if metric.max is not None else 500
    lower = metric.min if metric.min is not None else 0
    if metric.type == "count":
        return st.one_of(st.integers(min_value=int(lower), max_value=int(upper)), edges)
    return st.one_of(
        st.integers(min_value=int(lower), max_value=int(upper)),
        st.floats(min_value=lower, max_value=upper, allow_nan=False),
        edges,
        edges,
    )


# Ticks drawn level by level, so that whole levels (and L2.1 + L2.2) are ticked often.
_by_level = [sorted(code for code in ITEMS if ITEMS[code].level == lvl) for lvl in LEVELS]
checklists = st.one_of(
    st.lists(st.sampled_from(sorted(ITEMS)), max_size=30),
    st.tuples(*(st.sets(st.sampled_from(codes)) for codes in _by_level)).map(
        lambda sets: sorted(set().union(*sets))
    ),
)
indicator_values = st.fixed_dictionaries(
    {},
    optional={
        metric.code: st.one_of(st.none(), _value_strategy(metric)) for metric in REAL_MODEL.metrics
    },
)
dimension_values = st.fixed_dictionaries(
    {}, optional={code: st.integers(min_value=1, max_value=5) for code in SELF_ASSESSED}
)
previous_values = st.none() | st.builds(
    Previous,
    level=st.integers(min_value=1, max_value=5),
    months_ago=st.one_of(
        st.sampled_from([0, 11, 11.9, 12, 23, 24, 35, 36, 47, 48]),
        st.floats(min_value=0, max_value=120, allow_nan=False),
    ),
)
languages = st.sampled_from(["zh", "en"])


def run(checklist, indicators=None, dimensions=None, language="zh", previous=None):
    return diagnose(REAL_MODEL, checklist, indicators or {}, dimensions or {}, language, previous)


def counts_of(checklist) -> dict[int, int]:
    ticked = set(checklist)
    return {lvl: sum(1 for c in ticked if ITEMS[c].level == lvl) for lvl in LEVELS}


# --------------------------------------------------------------------------------------------
# The issue's rules 1-9, transcribed literally
# --------------------------------------------------------------------------------------------

M = SHORT_METRICS
SYMPTOMS = {"L1.1", "L1.2", "L1.3", "L1.4", "L1.5", "L2.3", "L2.4", "L2.5"}
# The seed's criteria, written out again: (metric, comparator, threshold).
SEED_CRITERIA = {
    "C1.1": ("P", ">", 60),
    "C1.2": ("CD", "<", 30),
    "C1.3": ("HU", "is", False),
    "C1.4": ("SO", "<", 20),
    "C2.1": ("CS", "is", True),
    "C2.2": ("E", ">", 80),
    "C2.3": ("INT", "<", 30),
    "C2.4": ("REC", "is", True),
    "C2.5": ("DD", "<", 50),
    "C3.1": ("INT", ">", 80),
    "C3.2": ("BI", "is", True),
    "C3.3": ("PA", ">", 60),
    "C3.4": ("DD", ">", 70),
    "C3.5": ("FA", "is", True),
    "C4.1": ("AI", "is", True),
    "C4.2": ("PM", ">", 40),
    "C4.3": ("OTA", ">", 30),
    "C4.4": ("PRO", "is", True),
    "C4.5": ("PROD", ">=", 4),
    "C5.1": ("PLAT", "is", True),
    "C5.2": ("API", ">", 50),
    "C5.3": ("REV", ">", 10),
    "C5.4": ("CHAIN", ">", 80),
    "C5.5": ("S2O", "is", True),
}
K6_PAIRS = (("L1.1", "L2.2"), ("L1.4", "L2.1"), ("L2.3", "L3.1"), ("L2.5", "L3.4"))


def reference_verdict(checklist, indicators, previous=None) -> dict:
    t = set(checklist)
    v = {short: indicators.get(M[short]) for short in M}

    def answered(*names):
        return all(v[name] is not None for name in names)

    def status(code):
        name, op, threshold = SEED_CRITERIA[code]
        value = v[name]
        if value is None:
            return "unknown"
        holds = {
            ">": lambda: value > threshold,
            "<": lambda: value < threshold,
            ">=": lambda: value >= threshold,
            "is": lambda: value is threshold,
        }[op]()
        return "met" if holds else "not_met"

    def met(code):
        return status(code) == "met"

    def not_met(code):
        return status(code) == "not_met"

    def level_items(lvl):
        return [f"L{lvl}.{n}" for n in range(1, 6)]

    def capability_criteria(lvl):
        return [f"C{lvl}.{n}" for n in range(1, 6)]

    # 1. Match.
    count = {lvl: sum(1 for code in level_items(lvl) if code in t) for lvl in LEVELS}
    core_ticked = "L2.1" in t or "L2.2" in t
    matches = {
        lvl: (
            ({"L2.1", "L2.2"} <= t or (count[2] >= 3 and core_ticked))
            if lvl == 2
            else count[lvl] >= 3
        )
        for lvl in LEVELS
    }
    matching = [lvl for lvl in LEVELS if matches[lvl]]
    cl = max(matching) if matching else None

    # 2. Still present.
    present = [
        lvl
        for lvl in LEVELS
        if sum(1 for code in level_items(lvl) if code in t and code in SYMPTOMS) >= 3
    ]
    transition = cl is not None and (cl - 1) in present
    inconsistent = cl is not None and any(s <= cl - 2 for s in present)

    # 3. KPI evidence.
    evidenced = set()
    if sum(met(f"C1.{n}") for n in range(1, 5)) >= 3:
        evidenced.add(1)
    if met("C2.1") and met("C2.2"):
        evidenced.add(2)
    for lvl in (3, 4, 5):
        if sum(met(code) for code in capability_criteria(lvl)) >= 3:
            evidenced.add(lvl)
    above_1 = [lvl for lvl in evidenced if lvl >= 2]
    indicator = max(above_1) if above_1 else (1 if 1 in evidenced else None)

    # 4. Warnings.
    kpi_warnings = []
    if answered("P", "E") and v["P"] + v["E"] > 110:
        kpi_warnings.append("K1")
    if answered("HU", "INT") and v["HU"] is False and v["INT"] > 80:
        kpi_warnings.append("K2")
    if answered("CS", "E") and v["CS"] is False and v["E"] > 80:
        kpi_warnings.append("K3")
    if answered("REV", "PLAT", "API") and v["REV"] > 0 and v["PLAT"] is False and v["API"] == 0:
        kpi_warnings.append("K4")
    if 1 in evidenced and any(lvl >= 3 for lvl in evidenced):
        kpi_warnings.append("K5")
    if answered("HU", "CS") and v["HU"] is False and v["CS"] is True:
        kpi_warnings.append("K8")
    tick_warnings = ["K6" for a, b in K6_PAIRS if a in t and b in t]
    if {"L2.3", "L2.4", "L2.5"} <= t and not core_ticked:
        tick_warnings.append("K7")
    warnings = sorted(kpi_warnings + tick_warnings)
    plausible = not kpi_warnings

    # 5. Refuted.
    refuted = set()
    if plausible:
        if met("C1.1") or 1 in evidenced or (not_met("C2.1") and not_met("C2.2")):
            refuted.add(2)
        for lvl in (3, 4, 5):
            if sum(not_met(code) for code in capability_criteria(lvl)) >= 3:
                refuted.add(lvl)

    # 6. In place.
    contradicted = (
        ("L1.1" in t and not (v["P"] is not None and v["P"] <= 60))
        or ("L1.4" in t and v["CS"] is not True)
        or 2 in refuted
    )
    in_place = {lvl for lvl in LEVELS if lvl >= 2 and (matches[lvl] or lvl in evidenced)}
    if 3 in in_place and ("L3.1" in t or met("C3.1")) and 1 not in present and not contradicted:
        in_place.add(2)

    def foundation(n):
        f = 1
        for lvl in range(2, n + 1):
            if lvl not in in_place:
                break
            f = lvl
        return f

    # 7. No skipping.
    skipped = cl is not None and cl >= 3 and foundation(cl - 1) < cl - 1

    # 8. The headline.
    if cl is None:
        if indicator is not None:
            level = indicator
        elif any(count.values()):
            most = max(count.values())
            level = min(lvl for lvl in LEVELS if count[lvl] == most)
        else:
            level = None
        if level is not None:
            level = min(level, foundation(5))
            below = [k for k in refuted if k <= level]
            if below:
                level = min(below) - 1
        provisional = level is not None
    else:
        caps = [cl]
        if skipped:
            caps.append(foundation(cl - 1))
        if inconsistent:
            s = min(present)
            lifted = (s + 1) in in_place and not (s == 1 and contradicted)
            caps.append(s + 1 if lifted else s)
        refuted_below = [k for k in refuted if k <= cl]
        if refuted_below:
            caps.append(min(refuted_below) - 1)
        level = min(caps)
        provisional = (
            skipped
            or inconsistent
            or bool(refuted_below)
            or (indicator is not None and indicator >= cl + 2)
            or bool(warnings)
        )

    # 9. Downstream.
    law_1 = []
    if level is not None:
        if skipped:
            law_1.append("skipped")
        if cl is not None and cl >= level + 2:
            law_1.append("overreach")
        if previous is not None:
            rise = level - previous.level
            if rise >= 1 and previous.months_ago < 12 * rise:
                law_1.append("too_fast")
            if rise >= 2:
                provisional = True
    return {
        "level": level,
        "checklist_level": cl,
        "determined": cl is not None,
        "transition": transition,
        "inconsistent": inconsistent,
        "skipped": skipped,
        "provisional": provisional,
        "needs_review": provisional,
        "indicator_level": indicator,
        "warnings": tuple(warnings),
        "refuted_levels": tuple(sorted(refuted)),
        "in_place_levels": tuple(sorted(in_place)),
        "next_level": level + 1 if level is not None and level < 5 else None,
        "law_1_reasons": tuple(law_1),
    }


# A met and a not-met value for every criterion, for answer sheets shaped like a company.
_MET_VALUE = {
    ">": lambda threshold: threshold + 1,
    "<": lambda threshold: threshold - 1,
    ">=": lambda threshold: threshold,
}


@st.composite
def companies(draw):
    """Ticks and figures of a company around a target level, with some noise: such answers
    reach the interesting rules (evidence, refutation, bridges, warnings) far more often."""
    target = draw(st.sampled_from(LEVELS))
    checklist = []
    for code, item in ITEMS.items():
        if item.kind == "capability":
            chance = 90 if item.level <= target else (25 if item.level == target + 1 else 5)
        else:
            chance = 60 if item.level >= target else 15
        if draw(st.integers(0, 99)) < chance:
            checklist.append(code)
    values = {}
    for code, (short, op, threshold) in SEED_CRITERIA.items():
        roll = draw(st.integers(0, 99))
        if roll < 25 or M[short] in values:
            continue  # unanswered, or a metric two criteria share
        capability = CRITERIA[code].kind == "capability"
        want_met = (int(code[1]) <= target) == capability
        if roll > 85:
            want_met = not want_met
        if op == "is":
            value = threshold if want_met else not threshold
        else:
            far = {">": -1, "<": 1, ">=": -1}[op] * draw(st.sampled_from([0, 10, 50]))
            far -= 0.5 if op == ">=" else 0
            value = _MET_VALUE[op](threshold) if want_met else threshold + far
            value = max(0, value) if short in ("PROD", "API") else max(0, min(value, 100))
        values[M[short]] = value
    if draw(st.booleans()):
        extra = draw(indicator_values)
        values.update({k: v for k, v in extra.items() if v is not None})
    return checklist, values


answers = st.one_of(st.tuples(checklists, indicator_values), companies())


def outcome(result) -> dict:
    return {
        "level": result.level,
        "checklist_level": result.checklist_level,
        "determined": result.determined,
        "transition": result.transition,
        "inconsistent": result.inconsistent,
        "skipped": result.skipped,
        "provisional": result.provisional,
        "needs_review": result.needs_review,
        "indicator_level": result.indicator_level,
        "warnings": tuple(sorted(w.code for w in result.warnings)),
        "refuted_levels": tuple(result.refuted_levels),
        "in_place_levels": tuple(result.in_place_levels),
        "next_level": result.next_level.level if result.next_level else None,
        "law_1_reasons": tuple(result.law_1_reasons),
    }


@settings(max_examples=2000)
@given(answers, previous_values)
def test_the_verdict_is_exactly_the_issues_rules(answer, previous):
    checklist, indicators = answer
    result = run(checklist, indicators, previous=previous)
    assert outcome(result) == reference_verdict(checklist, indicators, previous)


# --------------------------------------------------------------------------------------------
# The issue's "Done when" properties
# --------------------------------------------------------------------------------------------


@settings(max_examples=500)
@given(answers, previous_values)
def test_the_headline_never_exceeds_the_checklist_level_when_determined(answer, previous):
    checklist, indicators = answer
    result = run(checklist, indicators, previous=previous)
    if result.determined:
        assert result.checklist_level is not None
        assert result.level is not None
        assert result.level <= result.checklist_level
    else:
        assert result.checklist_level is None


@settings(max_examples=500)
@given(answers, previous_values)
def test_needs_review_iff_provisional(answer, previous):
    checklist, indicators = answer
    result = run(checklist, indicators, previous=previous)
    assert result.needs_review == result.provisional
    assert result.as_api_dict()["needs_review"] == result.as_api_dict()["provisional"]


@settings(max_examples=1000)
@given(answers, st.data())
def test_adding_a_capability_tick_never_lowers_the_checklist_level(answer, data):
    checklist, indicators = answer
    candidates = [code for code in CAPABILITY_ITEMS if code not in checklist]
    if not candidates:
        return
    extra = data.draw(st.sampled_from(candidates))
    before = run(checklist, indicators)
    after = run([*checklist, extra], indicators)
    if before.checklist_level is not None:
        assert after.checklist_level is not None
        assert after.checklist_level >= before.checklist_level


@settings(max_examples=1000)
@given(answers, st.data())
def test_adding_a_capability_tick_never_lowers_the_headline_without_a_reason(answer, data):
    checklist, indicators = answer
    candidates = [code for code in CAPABILITY_ITEMS if code not in checklist]
    if not candidates:
        return
    extra = data.draw(st.sampled_from(candidates))
    before = run(checklist, indicators)
    after = run([*checklist, extra], indicators)
    if before.level is None:
        return
    warning_added = len(after.warnings) > len(before.warnings) or {
        (w.code, w.message) for w in after.warnings
    } - {(w.code, w.message) for w in before.warnings}
    excused = (
        bool(warning_added)
        or "L1.1" in checklist
        or "L1.4" in checklist
        or (not before.determined and after.determined)
    )
    if not excused:
        assert after.level is not None
        assert after.level >= before.level


# --------------------------------------------------------------------------------------------
# More properties
# --------------------------------------------------------------------------------------------


@given(checklists)
def test_checklist_counts_are_the_distinct_ticks_per_level(checklist):
    assert run(checklist).checklist_counts == counts_of(checklist)


@given(checklists)
def test_the_checklist_level_is_the_highest_matching_level(checklist):
    result = run(checklist)
    counts = counts_of(checklist)
    ticked = set(checklist)

    def matches(lvl):
        if lvl == 2:
            core = ticked & {"L2.1", "L2.2"}
            return len(core) == 2 or (counts[2] >= 3 and bool(core))
        return counts[lvl] >= 3

    assert result.matched_levels == tuple(lvl for lvl in LEVELS if matches(lvl))
    if result.determined:
        assert matches(result.checklist_level)
        assert not any(matches(lvl) for lvl in LEVELS if lvl > result.checklist_level)
    else:
        assert not any(matches(lvl) for lvl in LEVELS)


@given(checklists)
def test_a_level_is_shown_iff_something_is_ticked_without_indicators(checklist):
    assert (run(checklist).level is None) == (not checklist)


@given(checklists, indicator_values)
def test_transition_and_inconsistent_imply_determined(checklist, indicators):
    result = run(checklist, indicators)
    if result.transition or result.inconsistent or result.skipped:
        assert result.determined


@given(checklists, indicator_values, dimension_values, languages, st.randoms(use_true_random=False))
def test_checklist_order_and_duplicates_do_not_matter(
    checklist, indicators, dimensions, language, rnd
):
    shuffled = checklist + checklist[: len(checklist) // 2]
    rnd.shuffle(shuffled)
    first = run(checklist, indicators, dimensions, language)
    second = run(shuffled, indicators, dimensions, language)
    assert first == second
    dump = json.dumps(first.as_api_dict(), ensure_ascii=False)
    assert dump == json.dumps(second.as_api_dict(), ensure_ascii=False)
    assert run(tuple(checklist), indicators, dimensions, language) == first
    assert run(iter(checklist), indicators, dimensions, language) == first


@given(indicator_values)
def test_a_criterion_is_unknown_iff_its_metric_is_missing(indicators):
    result = run([], indicators)
    assert list(result.criteria) == list(CRITERIA)
    for code, status in result.criteria.items():
        missing = indicators.get(CRITERIA[code].metric) is None
        assert (status == "unknown") == missing
        assert status in ("met", "not_met", "unknown")


@given(checklists, indicator_values)
def test_unanswered_metrics_count_for_nothing(checklist, indicators):
    """Rule 0: an unanswered criterion never counts for or against anything."""
    with_nones = {**{metric.code: None for metric in REAL_MODEL.metrics}, **indicators}
    assert run(checklist, with_nones) == run(checklist, indicators)


@given(indicator_values)
def test_level_2_is_evidenced_by_its_capabilities_only(indicators):
    """Rule 3: C2.1 + C2.2, whatever the Level 2 symptom criteria C2.3-C2.5 say."""
    result = run([], indicators)
    capabilities_met = result.criteria["C2.1"] == result.criteria["C2.2"] == "met"
    assert (2 in result.evidenced_levels) == capabilities_met
    without_record = {k: v for k, v in indicators.items() if k != "data_mainly_record_query"}
    assert run([], without_record).evidenced_levels == result.evidenced_levels


@given(checklists, indicator_values)
def test_the_headline_is_provisional_whenever_a_warning_stands(checklist, indicators):
    result = run(checklist, indicators)
    if result.warnings and result.level is not None:
        assert result.provisional


@given(checklists, indicator_values)
def test_refutation_needs_plausible_kpis(checklist, indicators):
    result = run(checklist, indicators)
    kpi_codes = {"K1", "K2", "K3", "K4", "K5", "K8"}
    if any(w.code in kpi_codes for w in result.warnings):
        assert result.refuted_levels == ()
    assert 1 not in result.refuted_levels


bands = st.lists(
    st.floats(min_value=0, max_value=1000, allow_nan=False), min_size=1, max_size=6, unique=True
).map(lambda values: tuple(sorted(values)))
numbers = st.floats(min_value=-10, max_value=2000, allow_nan=False)


@given(numbers, numbers, bands)
def test_band_level_is_monotonic_and_bounded(a, b, cut_points):
    low, high = sorted((a, b))
    assert 1 <= band_level(low, cut_points) <= band_level(high, cut_points) <= len(cut_points) + 1


@given(bands)
def test_band_level_bounds_are_inclusive(cut_points):
    for index, bound in enumerate(cut_points):
        assert band_level(bound, cut_points) == index + 2
        assert band_level(math.nextafter(bound, -math.inf), cut_points) == index + 1


@given(dimension_values, indicator_values)
def test_weakest_dimensions_are_at_most_two_of_the_lowest(dimensions, indicators):
    result = run([], indicators, dimensions)
    profile = result.dimension_profile
    order = [d.code for d in REAL_MODEL.dimensions]
    assert list(profile) == [code for code in order if code in profile]
    assert all(1 <= value <= 5 for value in profile.values())
    for code, value in dimensions.items():
        assert profile[code] == value
    weakest = result.weakest_dimensions
    assert len(weakest) <= 2
    if len(set(profile.values())) < 2:
        assert weakest == ()
    else:
        lowest = min(profile.values())
        assert weakest == tuple(c for c, v in profile.items() if v == lowest)[:2]
    assert not set(weakest) & set(result.not_comparable)


@given(checklists, indicator_values, previous_values)
def test_next_level_is_the_level_above_the_headline(checklist, indicators, previous):
    result = run(checklist, indicators, previous=previous)
    nxt = result.next_level
    if result.level is None or result.level == 5:
        assert nxt is None
        return
    assert nxt.level == result.level + 1
    ticked = set(checklist)
    ticked_symptoms = {c for c in ticked if ITEMS[c].kind == "symptom"}
    assert list(nxt.symptoms_to_resolve) == [c for c in ITEMS if c in ticked_symptoms]
    capabilities = [c for c, i in ITEMS.items() if i.level == nxt.level and i.kind == "capability"]
    assert list(nxt.missing_checklist) == [c for c in capabilities if c not in ticked]
    criteria = [
        c for c, spec in CRITERIA.items() if spec.level == nxt.level and spec.kind == "capability"
    ]
    assert list(nxt.unmet_criteria) == [c for c in criteria if result.criteria[c] != "met"]


@given(checklists, indicator_values, previous_values)
def test_law_1_on_re_assessment(checklist, indicators, previous):
    result = run(checklist, indicators, previous=previous)
    without = run(checklist, indicators)
    assert result.level == without.level
    if previous is None or result.level is None:
        assert result.law_1_reasons == without.law_1_reasons
        return
    rise = result.level - previous.level
    assert ("too_fast" in result.law_1_reasons) == (rise >= 1 and previous.months_ago < 12 * rise)
    assert result.provisional == (without.provisional or rise >= 2)


@settings(max_examples=150)
@given(checklists, indicator_values, dimension_values, previous_values)
def test_explanation_in_both_languages(checklist, indicators, dimensions, previous):
    zh = run(checklist, indicators, dimensions, "zh", previous).explanation
    en = run(checklist, indicators, dimensions, "en", previous).explanation
    for explanation in (zh, en):
        assert explanation
        assert all(isinstance(sentence, str) and sentence.strip() for sentence in explanation)
    assert all(CJK.search(sentence) for sentence in zh)
    for sentence in en:
        assert not CJK.search(sentence), sentence
    level = run(checklist, indicators, previous=previous).level
    if level is not None:
        # The headline's number appears (as the checklist level, the cap, or the next step).
        assert f"Level {level}" in "".join(zh)
        assert f"Level {level}" in "".join(en)
