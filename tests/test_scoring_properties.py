"""Properties of the scoring engine that hold for every set of answers (hypothesis)."""

import json
import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.scoring import band_level, diagnose
from tests.scoring_spec import REAL_MODEL as _MODEL

LEVELS = _MODEL.levels
from tests.scoring_spec import REAL_MODEL

ITEMS = {item.code: item for item in REAL_MODEL.checklist}
CRITERIA = {criterion.code: criterion for criterion in REAL_MODEL.criteria}
SELF_ASSESSED = [d.code for d in REAL_MODEL.dimensions if d.kind == "self_assessed"]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# Thresholds are the interesting values: they are tried often, exactly.
_THRESHOLDS: dict[str, list] = {}
for _criterion in REAL_MODEL.criteria:
    _THRESHOLDS.setdefault(_criterion.metric, []).append(_criterion.threshold)


def _value_strategy(metric):
    if metric.type == "boolean":
        return st.booleans()
    edges = st.sampled_from(
        [*_THRESHOLDS.get(metric.code, []), 1.2, 2, 4, 6, 70, 75, 85, 90]
    ).filter(
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
    )


checklists = st.lists(st.sampled_from(sorted(ITEMS)), max_size=30)
indicator_values = st.fixed_dictionaries(
    {},
    optional={
        metric.code: st.one_of(st.none(), _value_strategy(metric)) for metric in REAL_MODEL.metrics
    },
)
dimension_values = st.fixed_dictionaries(
    {}, optional={code: st.integers(min_value=1, max_value=5) for code in SELF_ASSESSED}
)
languages = st.sampled_from(["zh", "en"])


def run(checklist, indicators=None, dimensions=None, language="zh"):
    return diagnose(REAL_MODEL, checklist, indicators or {}, dimensions or {}, language)


def counts_of(checklist) -> dict[int, int]:
    ticked = set(checklist)
    return {lvl: sum(1 for c in ticked if ITEMS[c].level == lvl) for lvl in LEVELS}


@given(checklists)
def test_checklist_counts_are_the_distinct_ticks_per_level(checklist):
    assert run(checklist).checklist_counts == counts_of(checklist)


@given(checklists)
def test_a_determined_level_has_3_ticks_and_none_above_has(checklist):
    result = run(checklist)
    counts = counts_of(checklist)
    if result.determined:
        assert counts[result.level] >= 3
        assert all(counts[lvl] < 3 for lvl in LEVELS if lvl > result.level)
    else:
        assert all(count < 3 for count in counts.values())


@given(checklists)
def test_an_undetermined_level_is_the_lowest_most_ticked(checklist):
    result = run(checklist)
    if not result.determined and result.level is not None:
        counts = counts_of(checklist)
        assert counts[result.level] == max(counts.values())
        assert all(counts[lvl] < counts[result.level] for lvl in LEVELS if lvl < result.level)


@given(checklists, st.data())
def test_ticking_a_capability_above_the_level_never_lowers_it(checklist, data):
    before = run(checklist).level
    floor = before or 0
    candidates = [
        code
        for code, item in ITEMS.items()
        if item.kind == "capability" and item.level > floor and code not in checklist
    ]
    if not candidates:
        return
    extra = data.draw(st.sampled_from(sorted(candidates)))
    after = run([*checklist, extra]).level
    assert after is not None
    assert after >= floor


@given(checklists)
def test_level_is_none_iff_nothing_is_ticked(checklist):
    assert (run(checklist).level is None) == (not checklist)


@given(checklists)
def test_transition_and_inconsistent_imply_determined(checklist):
    result = run(checklist)
    if result.transition or result.inconsistent:
        assert result.determined
    if result.determined:
        assert result.transition == (result.level - 1 in result.matched_levels)
        assert result.inconsistent == any(m < result.level - 1 for m in result.matched_levels)


@given(checklists, indicator_values)
def test_needs_review_is_exactly_the_formula(checklist, indicators):
    result = run(checklist, indicators)
    far_apart = (
        result.level is not None
        and result.indicator_level is not None
        and abs(result.indicator_level - result.level) >= 2
    )
    assert result.needs_review == (not result.determined or result.inconsistent or far_apart)


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


@given(indicator_values)
def test_indicator_level_is_the_highest_level_with_3_met(indicators):
    result = run([], indicators)
    met = {
        lvl: sum(
            1 for code, s in result.criteria.items() if s == "met" and CRITERIA[code].level == lvl
        )
        for lvl in LEVELS
    }
    assert result.criteria_met_by_level == met
    evidenced = [lvl for lvl in LEVELS if met[lvl] >= 3]
    assert result.indicator_level == (max(evidenced) if evidenced else None)


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
def test_weakest_dimensions_hold_the_minimum_in_order(dimensions, indicators):
    result = run([], indicators, dimensions)
    profile = result.dimension_profile
    order = [d.code for d in REAL_MODEL.dimensions]
    assert list(profile) == [code for code in order if code in profile]
    assert all(1 <= value <= 5 for value in profile.values())
    for code, value in dimensions.items():
        assert profile[code] == value
    if profile:
        lowest = min(profile.values())
        assert result.weakest_dimensions == tuple(c for c, v in profile.items() if v == lowest)
    else:
        assert result.weakest_dimensions == ()


@given(checklists, indicator_values)
def test_next_level_is_the_level_above_with_what_is_missing(checklist, indicators):
    result = run(checklist, indicators)
    nxt = result.next_level
    if result.level is None or result.level == 5:
        assert nxt is None
        return
    assert nxt.level == result.level + 1
    ticked = set(checklist)
    ticked_symptoms = {c for c in ticked if ITEMS[c].kind == "symptom"}
    assert set(nxt.symptoms_to_resolve) == ticked_symptoms
    assert set(nxt.symptoms_to_resolve) <= ticked_symptoms
    assert list(nxt.symptoms_to_resolve) == [c for c in ITEMS if c in ticked_symptoms]
    for code in nxt.missing_checklist:
        assert code not in ticked
        assert (ITEMS[code].level, ITEMS[code].kind) == (nxt.level, "capability")
    for code in nxt.unmet_criteria:
        assert (CRITERIA[code].level, CRITERIA[code].kind) == (nxt.level, "capability")
        assert result.criteria[code] != "met"
    capabilities = [c for c, i in ITEMS.items() if i.level == nxt.level and i.kind == "capability"]
    assert len(nxt.missing_checklist) == sum(1 for c in capabilities if c not in ticked)


@settings(max_examples=150)
@given(checklists.filter(bool), indicator_values, dimension_values)
def test_explanation_in_both_languages(checklist, indicators, dimensions):
    zh = run(checklist, indicators, dimensions, "zh").explanation
    en = run(checklist, indicators, dimensions, "en").explanation
    for explanation in (zh, en):
        assert explanation
        assert all(isinstance(sentence, str) and sentence.strip() for sentence in explanation)
    assert all(CJK.search(sentence) for sentence in zh)
    for sentence in en:
        assert not CJK.search(sentence), sentence
        assert sentence.isascii(), sentence
    # The diagnosed level is named first, by its number.
    level = run(checklist).level
    assert f"Level {level}" in zh[0] + zh[1 if len(zh) > 1 else 0]
    assert f"Level {level}" in en[0] + en[1 if len(en) > 1 else 0]
