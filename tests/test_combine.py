"""Combining several respondents' answers (assessments.scoring.combine): pure, no database."""

import math
import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.scoring import (
    ChecklistItemSpec,
    DimensionSpec,
    MetricSpec,
    ModelSpec,
    band_level,
)
from assessments.scoring.combine import UNKNOWN, Response, combine, majority, median_number

SPEC = ModelSpec(
    checklist=tuple(
        ChecklistItemSpec(code=f"L{level}.{n}", level=level, kind="capability")
        for level in range(1, 6)
        for n in range(1, 4)
    ),
    criteria=(),
    metrics=(
        MetricSpec(code="pct", type="percent", min=0, max=100),
        MetricSpec(code="count", type="count", min=0, max=None),
        MetricSpec(code="flag", type="boolean", min=None, max=None),
    ),
    dimensions=(
        DimensionSpec(code="work_orders", kind="self_assessed"),
        DimensionSpec(code="data_quality", kind="self_assessed"),
        DimensionSpec(code="efficiency", kind="measured", metric="count", bands=(2, 4, 6, 8)),
    ),
    level_names={n: {"zh": f"L{n}", "en": f"L{n}"} for n in range(1, 6)},
)
CODES = [item.code for item in SPEC.checklist]


def test_an_item_counts_when_a_strict_majority_ticked_it():
    two_of_three = combine(
        SPEC,
        [
            Response(checklist=["L1.1", "L2.1"]),
            Response(checklist=["L1.1"]),
            Response(checklist=["L2.1", "L1.1"]),
        ],
    )
    assert set(two_of_three.checklist) == {"L1.1", "L2.1"}
    one_of_two = combine(SPEC, [Response(checklist=["L1.1"]), Response(checklist=[])])
    assert one_of_two.checklist == ()  # a tie is not a majority
    ratios = {item.code: (item.ticked, item.respondents) for item in two_of_three.items}
    assert ratios["L1.1"] == (3, 3) and ratios["L2.1"] == (2, 3) and ratios["L3.1"] == (0, 3)


def test_metrics_are_the_median_of_the_answers_given():
    combined = combine(
        SPEC,
        [
            Response(indicators={"pct": 10, "count": 1, "flag": True}),
            Response(indicators={"pct": 50, "count": UNKNOWN, "flag": False}),
            Response(indicators={"pct": 40, "count": 4, "flag": True}),
            Response(indicators={"pct": UNKNOWN}),
        ],
    )
    assert combined.indicators["pct"] == 40  # median of 10, 40, 50 ("unknown" left out)
    assert combined.indicators["count"] == 2.5  # even count: the mean of the middle two
    assert combined.indicators["flag"] is True  # 2 yes, 1 no
    spread = {m.code: m for m in combined.metrics}
    assert (spread["pct"].minimum, spread["pct"].maximum, spread["pct"].answered) == (10, 50, 3)
    assert (spread["flag"].yes, spread["flag"].no) == (2, 1)


def test_boolean_ties_and_metrics_nobody_knows_are_unknown():
    combined = combine(
        SPEC,
        [
            Response(indicators={"flag": True, "pct": UNKNOWN}),
            Response(indicators={"flag": False}),
        ],
    )
    assert combined.indicators["flag"] == UNKNOWN
    assert combined.indicators["pct"] == UNKNOWN
    assert combined.indicators["count"] == UNKNOWN


def test_dimensions_are_the_median_rounded_down():
    combined = combine(
        SPEC,
        [
            Response(dimensions={"work_orders": 2, "data_quality": 1}),
            Response(dimensions={"work_orders": 3, "data_quality": 4}),
        ],
    )
    assert combined.dimensions == {"work_orders": 2, "data_quality": 2}  # 2.5 → 2, 2.5 → 2
    spreads = {d.code: d for d in combined.dimension_spreads}
    assert (spreads["data_quality"].minimum, spreads["data_quality"].maximum) == (1, 4)
    assert spreads["data_quality"].spread == 3


def test_measured_dimensions_spread_and_come_from_the_combined_metric():
    combined = combine(SPEC, [Response(indicators={"count": 1}), Response(indicators={"count": 9})])
    spread = {d.code: d for d in combined.dimension_spreads}["efficiency"]
    assert (spread.minimum, spread.maximum) == (1, 5)
    assert spread.value == band_level(5, (2, 4, 6, 8))


def test_no_response_is_an_error():
    try:
        combine(SPEC, [])
    except ValueError:
        return
    raise AssertionError("combine([]) should fail")


def test_helpers():
    assert median_number([]) is None
    assert median_number([3, 1, 2]) == 2
    assert majority([]) == UNKNOWN
    assert majority([True, False]) == UNKNOWN
    assert majority([False, False, True]) is False


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

number = st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False)) | st.just(UNKNOWN)
responses = st.builds(
    Response,
    checklist=st.lists(st.sampled_from(CODES), unique=True),
    indicators=st.fixed_dictionaries(
        {
            "pct": number,
            "count": st.integers(0, 12) | st.just(UNKNOWN),
            "flag": st.booleans() | st.just(UNKNOWN),
        }
    ),
    dimensions=st.fixed_dictionaries(
        {"work_orders": st.integers(1, 5), "data_quality": st.integers(1, 5)}
    ),
)


@settings(max_examples=200, deadline=None)
@given(responses)
def test_a_single_respondent_is_a_round_of_one(response):
    combined = combine(SPEC, [response])
    assert set(combined.checklist) == set(response.checklist)
    assert combined.indicators == dict(response.indicators)
    assert combined.dimensions == dict(response.dimensions)
    assert not combined.disputed_items and not combined.disputed_metrics


@settings(max_examples=200, deadline=None)
@given(st.lists(responses, min_size=1, max_size=7), st.randoms())
def test_the_order_of_respondents_does_not_matter(group, rnd):
    shuffled = list(group)
    rnd.shuffle(shuffled)
    a, b = combine(SPEC, group), combine(SPEC, shuffled)
    assert a.checklist == b.checklist
    assert a.dimensions == b.dimensions
    for code in a.indicators:
        x, y = a.indicators[code], b.indicators[code]
        assert x == y or (isinstance(x, float) and math.isclose(x, y))


@settings(max_examples=200, deadline=None)
@given(st.lists(responses, min_size=1, max_size=7))
def test_combined_values_stay_within_what_respondents_said(group):
    combined = combine(SPEC, group)
    n = len(group)
    for item in combined.items:
        assert 0 <= item.ticked <= n
        assert (item.code in combined.checklist) == (item.ticked * 2 > n)
    for code in ("work_orders", "data_quality"):
        values = [r.dimensions[code] for r in group]
        assert min(values) <= combined.dimensions[code] <= max(values)
        assert combined.dimensions[code] == math.floor(statistics.median(values))
    numbers = [r.indicators["pct"] for r in group if r.indicators["pct"] != UNKNOWN]
    if numbers:
        assert min(numbers) - 1e-9 <= combined.indicators["pct"] <= max(numbers) + 1e-9
    else:
        assert combined.indicators["pct"] == UNKNOWN
    flags = [r.indicators["flag"] for r in group if isinstance(r.indicators["flag"], bool)]
    if flags.count(True) > flags.count(False):
        assert combined.indicators["flag"] is True
    elif flags.count(False) > flags.count(True):
        assert combined.indicators["flag"] is False
    else:
        assert combined.indicators["flag"] == UNKNOWN


@settings(max_examples=100, deadline=None)
@given(responses, st.integers(2, 6))
def test_unanimous_respondents_combine_to_their_common_answer(response, copies):
    combined = combine(SPEC, [response] * copies)
    assert set(combined.checklist) == set(response.checklist)
    assert combined.dimensions == dict(response.dimensions)
    assert combined.disputed_items == ()
