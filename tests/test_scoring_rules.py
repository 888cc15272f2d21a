"""The scoring engine's rules, one table per rule, edges included (no database, no Django)."""

import json
import math
from dataclasses import replace

import pytest

from assessments.scoring import (
    CriterionSpec,
    Diagnosis,
    band_level,
    diagnose,
    evaluate_criterion,
    level_name,
)
from tests.scoring_spec import MEETS_LEVEL, REAL_MODEL, items, ticks

CRITERIA = {criterion.code: criterion for criterion in REAL_MODEL.criteria}
PRODUCTIVITY_BANDS = (1.2, 2, 4, 6)
SATISFACTION_BANDS = (70, 75, 85, 90)


def run(checklist=(), indicators=None, dimensions=None, language="zh") -> Diagnosis:
    return diagnose(
        REAL_MODEL,
        checklist=checklist,
        indicators=indicators or {},
        dimensions=dimensions or {},
        language=language,
    )


def merged(*levels: int, **extra) -> dict:
    values = {}
    for level in levels:
        values.update(MEETS_LEVEL[level])
    values.update(extra)
    return values


# --------------------------------------------------------------------------------------------
# Checklist: counts, matched levels, level, flags
# --------------------------------------------------------------------------------------------

# (checklist, level, determined, transition, inconsistent, matched levels)
CHECKLIST_CASES = {
    "exactly 3 ticks match": (ticks(l2=3), 2, True, False, False, (2,)),
    "2 ticks do not match": (ticks(l2=2), 2, False, False, False, ()),
    "all 5 ticks of level 5": (ticks(l5=5), 5, True, False, False, (5,)),
    "3 ticks at level 1 only": (ticks(l1=3), 1, True, False, False, (1,)),
    "matched level beats a level with 2 ticks above it": (
        ticks(l2=3, l4=2),
        2,
        True,
        False,
        False,
        (2,),
    ),
    "highest matched wins over a lower level with more ticks": (
        ticks(l1=5, l2=3),
        2,
        True,
        True,
        False,
        (1, 2),
    ),
    "transition 2 to 3": (ticks(l2=3, l3=3), 3, True, True, False, (2, 3)),
    "transition 4 to 5": (ticks(l4=5, l5=3), 5, True, True, False, (4, 5)),
    "level 3 with level 2 matched is transition not inconsistent": (
        ticks(l2=4, l3=3),
        3,
        True,
        True,
        False,
        (2, 3),
    ),
    "level 4 with level 1 matched is inconsistent": (
        ticks(l1=3, l4=3),
        4,
        True,
        False,
        True,
        (1, 4),
    ),
    "level 5 with level 3 matched is inconsistent": (
        ticks(l3=3, l5=3),
        5,
        True,
        False,
        True,
        (3, 5),
    ),
    "level 3 with level 1 matched (two below) is inconsistent": (
        ticks(l1=3, l3=3),
        3,
        True,
        False,
        True,
        (1, 3),
    ),
    "transition and inconsistent at once": (
        ticks(l1=3, l3=3, l4=3),
        4,
        True,
        True,
        True,
        (1, 3, 4),
    ),
    "every level matched": (
        ticks(l1=3, l2=3, l3=3, l4=3, l5=3),
        5,
        True,
        True,
        True,
        (1, 2, 3, 4, 5),
    ),
    "undetermined: tie goes to the lower level": (
        ticks(l1=2, l3=2),
        1,
        False,
        False,
        False,
        (),
    ),
    "undetermined: tie of three goes to the lowest": (
        ticks(l2=2, l4=2, l5=2),
        2,
        False,
        False,
        False,
        (),
    ),
    "undetermined: the most-ticked level even if higher": (
        ticks(l2=1, l4=2),
        4,
        False,
        False,
        False,
        (),
    ),
    "undetermined: one tick at every level gives level 1": (
        ticks(l1=1, l2=1, l3=1, l4=1, l5=1),
        1,
        False,
        False,
        False,
        (),
    ),
    "undetermined: a single tick": (["L5.5"], 5, False, False, False, ()),
    "nothing ticked: no level": ([], None, False, False, False, ()),
}


@pytest.mark.parametrize(
    ("checklist", "level", "determined", "transition", "inconsistent", "matched"),
    list(CHECKLIST_CASES.values()),
    ids=list(CHECKLIST_CASES),
)
def test_checklist_level_and_flags(checklist, level, determined, transition, inconsistent, matched):
    result = run(checklist)
    assert result.level == level
    assert result.determined is determined
    assert result.transition is transition
    assert result.inconsistent is inconsistent
    assert result.matched_levels == matched


@pytest.mark.parametrize(
    ("checklist", "counts"),
    [
        ([], {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}),
        (ticks(l1=2, l3=5), {1: 2, 2: 0, 3: 5, 4: 0, 5: 0}),
        (["L4.2", "L4.2", "L2.5", "L4.2"], {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}),
    ],
    ids=["nothing ticked", "two levels", "duplicates count once"],
)
def test_checklist_counts_cover_every_level(checklist, counts):
    result = run(checklist)
    assert result.checklist_counts == counts
    assert list(result.checklist_counts) == [1, 2, 3, 4, 5]


# --------------------------------------------------------------------------------------------
# Criteria
# --------------------------------------------------------------------------------------------

CRITERION_CASES = {
    "gt: exactly the threshold is not met (80 not > 80)": ("C2.2", 80, "not_met"),
    "gt: just above is met": ("C2.2", 80.0001, "met"),
    "gt: above is met": ("C2.2", 95, "met"),
    "gt: below is not met": ("C2.2", 79, "not_met"),
    "gt: a float threshold 3 on a multiple": ("C4.5", 3.0, "not_met"),
    "gt: 3.01 > 3": ("C4.5", 3.01, "met"),
    "gt: a count at 50 is not > 50": ("C5.2", 50, "not_met"),
    "gt: a count at 51 is met": ("C5.2", 51, "met"),
    "lt: exactly the threshold is not met (30 not < 30)": ("C1.2", 30, "not_met"),
    "lt: just below is met": ("C1.2", 29.99, "met"),
    "lt: zero is met": ("C1.2", 0, "met"),
    "lt: above is not met": ("C1.2", 31, "not_met"),
    "is False: false is met": ("C1.3", False, "met"),
    "is False: true is not met": ("C1.3", True, "not_met"),
    "is True: true is met": ("C2.1", True, "met"),
    "is True: false is not met": ("C2.1", False, "not_met"),
    "unknown number": ("C2.2", None, "unknown"),
    "unknown boolean": ("C2.1", None, "unknown"),
}


@pytest.mark.parametrize(
    ("code", "value", "status"), list(CRITERION_CASES.values()), ids=list(CRITERION_CASES)
)
def test_evaluate_criterion(code, value, status):
    assert evaluate_criterion(CRITERIA[code], value) == status


@pytest.mark.parametrize(
    ("code", "value"),
    [("C2.1", 1), ("C2.1", "yes"), ("C2.2", True), ("C2.2", "85"), ("C2.2", math.nan)],
    ids=["is with 1", "is with a string", "gt with a bool", "gt with a string", "gt with NaN"],
)
def test_evaluate_criterion_rejects_wrongly_typed_values(code, value):
    with pytest.raises(ValueError, match=code):
        evaluate_criterion(CRITERIA[code], value)


def test_evaluate_criterion_rejects_an_unknown_comparator():
    odd = CriterionSpec(code="CX", level=1, metric="m", comparator="ge", threshold=1, kind="x")
    with pytest.raises(ValueError, match="comparator"):
        evaluate_criterion(odd, 2)


def test_every_criterion_is_reported_in_seed_order():
    result = run(indicators={"e_work_order_pct": 90})
    assert list(result.criteria) == [c.code for c in REAL_MODEL.criteria]
    assert result.criteria["C2.2"] == "met"
    assert {status for code, status in result.criteria.items() if code != "C2.2"} == {"unknown"}


@pytest.mark.parametrize(
    ("indicators", "unknown"),
    [
        ({}, {c.code for c in REAL_MODEL.criteria}),
        (
            {"e_work_order_pct": None, "core_system_deployed": None},
            {c.code for c in REAL_MODEL.criteria},
        ),
        (MEETS_LEVEL[1], {c.code for c in REAL_MODEL.criteria} - {"C1.1", "C1.2", "C1.3", "C1.4"}),
    ],
    ids=["nothing answered", "None is unknown", "level 1 answered"],
)
def test_unknown_metrics_give_unknown_criteria(indicators, unknown):
    result = run(indicators=indicators)
    assert {code for code, status in result.criteria.items() if status == "unknown"} == unknown


def test_a_shared_metric_feeds_both_criteria():
    low = run(indicators={"system_integration_pct": 10, "data_decision_pct": 60})
    assert (low.criteria["C2.3"], low.criteria["C3.1"]) == ("met", "not_met")
    assert (low.criteria["C2.5"], low.criteria["C3.4"]) == ("not_met", "not_met")
    high = run(indicators={"system_integration_pct": 90, "data_decision_pct": 75})
    assert (high.criteria["C2.3"], high.criteria["C3.1"]) == ("not_met", "met")
    assert (high.criteria["C2.5"], high.criteria["C3.4"]) == ("not_met", "met")


# --------------------------------------------------------------------------------------------
# Indicator level: at least 3 met criteria evidence a level; the highest evidenced one counts
# --------------------------------------------------------------------------------------------

INDICATOR_CASES = {
    "nothing answered": ({}, None, {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}),
    "3 of 4 met at level 1": (
        {"paper_work_order_pct": 61, "customer_data_digital_pct": 29, "has_unified_system": False},
        1,
        {1: 3, 2: 0, 3: 0, 4: 0, 5: 0},
    ),
    "2 met + 2 unknown at level 1 is not enough": (
        {"paper_work_order_pct": 61, "customer_data_digital_pct": 29},
        None,
        {1: 2, 2: 0, 3: 0, 4: 0, 5: 0},
    ),
    "3 met, 1 not met, 1 unknown at level 5": (
        {
            "platformized": True,
            "api_partner_count": 51,
            "data_service_revenue_pct": 11,
            "chain_collaboration_pct": 80,
        },
        5,
        {1: 0, 2: 0, 3: 0, 4: 0, 5: 3},
    ),
    "2 met, 1 not met (at the threshold), 2 unknown at level 3": (
        {"system_integration_pct": 81, "bi_core_coverage": True, "process_automation_pct": 60},
        None,
        {1: 0, 2: 0, 3: 2, 4: 0, 5: 0},
    ),
    "all 5 met at level 4": (MEETS_LEVEL[4], 4, {1: 0, 2: 0, 3: 0, 4: 5, 5: 0}),
    "highest evidenced of levels 1 and 4": (
        merged(1, 4),
        4,
        {1: 4, 2: 0, 3: 0, 4: 5, 5: 0},
    ),
    "evidenced levels need not be adjacent": (merged(1, 5), 5, {1: 4, 2: 0, 3: 0, 4: 0, 5: 5}),
    "level 3 evidenced, level 5 only 2 met": (
        merged(3, platformized=True, api_partner_count=99),
        3,
        {1: 0, 2: 0, 3: 5, 4: 0, 5: 2},
    ),
}


@pytest.mark.parametrize(
    ("indicators", "indicator_level", "met_by_level"),
    list(INDICATOR_CASES.values()),
    ids=list(INDICATOR_CASES),
)
def test_indicator_level(indicators, indicator_level, met_by_level):
    result = run(indicators=indicators)
    assert result.indicator_level == indicator_level
    assert result.criteria_met_by_level == met_by_level


# --------------------------------------------------------------------------------------------
# needs_review
# --------------------------------------------------------------------------------------------

REVIEW_CASES = {
    "determined, indicators agree": (ticks(l3=3), MEETS_LEVEL[3], False),
    "determined, indicators unknown": (ticks(l3=3), {}, False),
    "indicators one level above: a note, no review": (ticks(l3=3), MEETS_LEVEL[4], False),
    "indicators one level below: a note, no review": (ticks(l3=3), MEETS_LEVEL[2], False),
    "transition alone needs no review": (ticks(l2=3, l3=3), MEETS_LEVEL[3], False),
    "indicators two levels above": (ticks(l2=3), MEETS_LEVEL[4], True),
    "indicators two levels below": (ticks(l3=3), MEETS_LEVEL[1], True),
    "indicators four levels above": (ticks(l1=3), MEETS_LEVEL[5], True),
    "not determined, indicators agree": (ticks(l3=2), MEETS_LEVEL[3], True),
    "nothing ticked": ([], MEETS_LEVEL[3], True),
    "inconsistent, indicators agree": (ticks(l1=3, l4=3), MEETS_LEVEL[4], True),
}


@pytest.mark.parametrize(
    ("checklist", "indicators", "needs_review"), list(REVIEW_CASES.values()), ids=list(REVIEW_CASES)
)
def test_needs_review(checklist, indicators, needs_review):
    assert run(checklist, indicators).needs_review is needs_review


# --------------------------------------------------------------------------------------------
# Dimensions
# --------------------------------------------------------------------------------------------

BAND_CASES = {
    "productivity 0": (0, PRODUCTIVITY_BANDS, 1),
    "productivity 1.1999": (1.1999, PRODUCTIVITY_BANDS, 1),
    "productivity 1.2 (inclusive)": (1.2, PRODUCTIVITY_BANDS, 2),
    "productivity 1.99": (1.99, PRODUCTIVITY_BANDS, 2),
    "productivity 2": (2, PRODUCTIVITY_BANDS, 3),
    "productivity 3.99": (3.99, PRODUCTIVITY_BANDS, 3),
    "productivity 4": (4, PRODUCTIVITY_BANDS, 4),
    "productivity 5.999": (5.999, PRODUCTIVITY_BANDS, 4),
    "productivity 6": (6, PRODUCTIVITY_BANDS, 5),
    "productivity 40": (40, PRODUCTIVITY_BANDS, 5),
    "satisfaction 0": (0, SATISFACTION_BANDS, 1),
    "satisfaction 69.99": (69.99, SATISFACTION_BANDS, 1),
    "satisfaction 70 (inclusive)": (70, SATISFACTION_BANDS, 2),
    "satisfaction 74.9": (74.9, SATISFACTION_BANDS, 2),
    "satisfaction 75": (75, SATISFACTION_BANDS, 3),
    "satisfaction 84.99": (84.99, SATISFACTION_BANDS, 3),
    "satisfaction 85": (85, SATISFACTION_BANDS, 4),
    "satisfaction 89.99": (89.99, SATISFACTION_BANDS, 4),
    "satisfaction 90": (90, SATISFACTION_BANDS, 5),
    "satisfaction 100": (100, SATISFACTION_BANDS, 5),
}


@pytest.mark.parametrize(
    ("value", "bands", "level"), list(BAND_CASES.values()), ids=list(BAND_CASES)
)
def test_band_level(value, bands, level):
    assert band_level(value, bands) == level


@pytest.mark.parametrize("value", [math.nan, True, "5", None], ids=["NaN", "bool", "str", "None"])
def test_band_level_rejects_non_numbers(value):
    with pytest.raises(ValueError):
        band_level(value, PRODUCTIVITY_BANDS)


PROFILE_CASES = {
    "nothing known": ({}, {}, {}, ()),
    "self-assessed in dimension order, not input order": (
        {"data_quality": 4, "work_orders": 2, "tech_stack": 3},
        {},
        {"work_orders": 2, "tech_stack": 3, "data_quality": 4},
        ("work_orders",),
    ),
    "measured from their metrics": (
        {},
        {"productivity_multiple": 1.2, "customer_satisfaction_score": 90},
        {"productivity": 2, "satisfaction": 5},
        ("productivity",),
    ),
    "a measured dim is left out when its metric is unknown": (
        {"work_orders": 3},
        {"productivity_multiple": None, "customer_satisfaction_score": 69.99},
        {"work_orders": 3, "satisfaction": 1},
        ("satisfaction",),
    ),
    "weakest ties in dimension order": (
        {"tech_stack": 2, "work_orders": 3, "customer_reach": 2},
        {"productivity_multiple": 1.9},
        {"work_orders": 3, "customer_reach": 2, "tech_stack": 2, "productivity": 2},
        ("customer_reach", "tech_stack", "productivity"),
    ),
    "all equal: all weakest": (
        {code: 3 for code in ("work_orders", "customer_reach", "decision_making")},
        {"customer_satisfaction_score": 80},
        {"work_orders": 3, "customer_reach": 3, "decision_making": 3, "satisfaction": 3},
        ("work_orders", "customer_reach", "decision_making", "satisfaction"),
    ),
    "a None self-assessment is unanswered": (
        {"work_orders": None, "service_model": 5},
        {},
        {"service_model": 5},
        ("service_model",),
    ),
}


@pytest.mark.parametrize(
    ("dimensions", "indicators", "profile", "weakest"),
    list(PROFILE_CASES.values()),
    ids=list(PROFILE_CASES),
)
def test_dimension_profile_and_weakest(dimensions, indicators, profile, weakest):
    result = run(indicators=indicators, dimensions=dimensions)
    assert list(result.dimension_profile.items()) == list(profile.items())
    assert result.weakest_dimensions == weakest


# --------------------------------------------------------------------------------------------
# Next level
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "checklist",
    [ticks(l5=3), ticks(l4=3, l5=5), [], ticks(l5=2)],
    ids=["5", "5 in transition", "none", "5 undetermined"],
)
def test_no_next_level_at_5_or_without_a_level(checklist):
    assert run(checklist).next_level is None


NEXT_LEVEL_CASES = {
    "level 2 to 3: untouched capabilities and criteria": (
        ticks(l2=3) + ["L3.4", "L3.2"],
        {"system_integration_pct": 90, "bi_core_coverage": False},
        3,
        ("L3.1", "L3.3", "L3.5"),
        ("C3.2", "C3.3", "C3.4", "C3.5"),
        ("L2.3",),
    ),
    "level 1 to 2: only capability items and criteria": (
        ticks(l1=3),
        {"system_integration_pct": 90, "data_decision_pct": 90},
        2,
        ("L2.1", "L2.2"),
        ("C2.1", "C2.2"),
        ("L1.1", "L1.2", "L1.3"),
    ),
    "met criteria drop out, unknown stay": (
        ticks(l1=3),
        {"core_system_deployed": True, "e_work_order_pct": 80},
        2,
        ("L2.1", "L2.2"),
        ("C2.2",),
        ("L1.1", "L1.2", "L1.3"),
    ),
    "symptoms of any level, in seed order, whatever the input order": (
        ["L2.4", "L1.3", "L3.1", "L2.3", "L1.1", "L3.2", "L3.3"],
        {},
        4,
        ("L4.1", "L4.2", "L4.3", "L4.4", "L4.5"),
        ("C4.1", "C4.2", "C4.3", "C4.4", "C4.5"),
        ("L1.1", "L1.3", "L2.3", "L2.4"),
    ),
    "level 4 to 5 with some done": (
        ticks(l4=3) + ["L5.5", "L5.2"],
        {"platformized": True, "api_partner_count": 50, "service_to_operations": True},
        5,
        ("L5.1", "L5.3", "L5.4"),
        ("C5.2", "C5.3", "C5.4"),
        (),
    ),
    "from an undetermined estimate": (
        ["L2.1", "L2.4"],
        MEETS_LEVEL[3],
        3,
        ("L3.1", "L3.2", "L3.3", "L3.4", "L3.5"),
        (),
        ("L2.4",),
    ),
}


@pytest.mark.parametrize(
    ("checklist", "indicators", "level", "missing", "unmet", "symptoms"),
    list(NEXT_LEVEL_CASES.values()),
    ids=list(NEXT_LEVEL_CASES),
)
def test_next_level(checklist, indicators, level, missing, unmet, symptoms):
    nxt = run(checklist, indicators).next_level
    assert nxt is not None
    assert nxt.level == level
    assert nxt.missing_checklist == missing
    assert nxt.unmet_criteria == unmet
    assert nxt.symptoms_to_resolve == symptoms


# --------------------------------------------------------------------------------------------
# The API dict
# --------------------------------------------------------------------------------------------

API_KEYS = [
    "level",
    "determined",
    "transition",
    "inconsistent",
    "needs_review",
    "checklist_counts",
    "indicator_level",
    "criteria",
    "dimension_profile",
    "weakest_dimensions",
    "next_level",
    "explanation",
]


def test_as_api_dict_exact_shape():
    result = run(
        ticks(l2=3, l3=1) + ["L1.2"],
        {
            "e_work_order_pct": 90,
            "core_system_deployed": True,
            "has_unified_system": True,
            "productivity_multiple": 2.5,
        },
        {"tech_stack": 2, "work_orders": 4},
    )
    data = result.as_api_dict()
    assert list(data) == API_KEYS
    assert data["checklist_counts"] == {"1": 1, "2": 3, "3": 1, "4": 0, "5": 0}
    assert data["level"] == 2
    assert (data["determined"], data["transition"], data["inconsistent"]) == (True, False, False)
    assert data["needs_review"] is False
    assert data["indicator_level"] is None
    assert list(data["criteria"]) == [c.code for c in REAL_MODEL.criteria]
    assert data["criteria"]["C2.2"] == "met" and data["criteria"]["C1.3"] == "not_met"
    assert data["dimension_profile"] == {"work_orders": 4, "tech_stack": 2, "productivity": 3}
    assert data["weakest_dimensions"] == ["tech_stack"]
    assert data["next_level"] == {
        "level": 3,
        "missing_checklist": ["L3.2", "L3.3", "L3.4", "L3.5"],
        "unmet_criteria": ["C3.1", "C3.2", "C3.3", "C3.4", "C3.5"],
        "symptoms_to_resolve": ["L1.2", "L2.3"],
    }
    assert data["explanation"] == list(result.explanation)
    assert all(isinstance(sentence, str) and sentence for sentence in data["explanation"])
    # Plain JSON: survives a round trip unchanged.
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_as_api_dict_without_a_level():
    data = run().as_api_dict()
    assert list(data) == API_KEYS
    assert data["level"] is None
    assert data["next_level"] is None
    assert data["checklist_counts"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
    assert data["dimension_profile"] == {}
    assert data["weakest_dimensions"] == []
    assert data["needs_review"] is True


# --------------------------------------------------------------------------------------------
# Input checks and languages
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"checklist": ["L6.1"]}, "L6.1"),
        ({"checklist": "L2.1"}, "single string"),
        ({"indicators": {"nonsense_pct": 5}}, "nonsense_pct"),
        ({"indicators": {"core_system_deployed": "yes"}}, "C2.1"),
        ({"dimensions": {"productivity": 3}}, "productivity"),
        ({"dimensions": {"vibes": 3}}, "vibes"),
        ({"dimensions": {"work_orders": 6}}, "work_orders"),
        ({"dimensions": {"work_orders": True}}, "work_orders"),
        ({"language": "fr"}, "fr"),
    ],
    ids=[
        "unknown checklist code",
        "checklist as a string",
        "unknown metric",
        "ill-typed indicator",
        "measured dimension given as self-assessed",
        "unknown dimension",
        "dimension out of range",
        "dimension as a bool",
        "unsupported language",
    ],
)
def test_invalid_input_raises_value_error(kwargs, message):
    arguments = {"checklist": [], "indicators": {}, "dimensions": {}, **kwargs}
    with pytest.raises(ValueError, match=message):
        diagnose(REAL_MODEL, **arguments)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh", "zh"), ("zh-hans", "zh"), ("en", "en"), ("en-us", "en"), ("EN", "en")],
)
def test_language_codes(language, expected):
    explanation = run(ticks(l2=3), language=language).explanation
    assert explanation == run(ticks(l2=3), language=expected).explanation


def test_language_defaults_to_chinese():
    default = diagnose(REAL_MODEL, ticks(l2=3), {}, {})
    assert default.explanation == run(ticks(l2=3), language="zh").explanation


def test_language_changes_only_the_explanation():
    zh = run(ticks(l2=3, l3=3), MEETS_LEVEL[3], {"work_orders": 2}, language="zh")
    en = run(ticks(l2=3, l3=3), MEETS_LEVEL[3], {"work_orders": 2}, language="en")
    assert zh.explanation != en.explanation
    assert replace(zh, explanation=()) == replace(en, explanation=())


@pytest.mark.parametrize(
    ("names", "language", "expected"),
    [
        ({"zh": "数据驱动", "en": "Data-driven"}, "en", "Data-driven"),
        ({"zh": "数据驱动", "en": "Data-driven"}, "zh", "数据驱动"),
        ({"zh": "数据驱动", "en": ""}, "en", "数据驱动"),
        ({"zh": "数据驱动"}, "en", "数据驱动"),
    ],
    ids=["en", "zh", "empty en falls back", "missing en falls back"],
)
def test_level_name(names, language, expected):
    model = replace(REAL_MODEL, level_names={3: names})
    assert level_name(model, 3, language) == expected


def test_the_real_model_spec_matches_the_source_counts():
    assert len(REAL_MODEL.checklist) == 25
    assert len(REAL_MODEL.criteria) == 24
    assert len(REAL_MODEL.metrics) == 23
    assert [d.code for d in REAL_MODEL.dimensions][-2:] == ["productivity", "satisfaction"]
    assert [i.code for i in REAL_MODEL.checklist if i.kind == "symptom"] == [
        *items(1, 1, 2, 3, 4, 5),
        *items(2, 3, 4, 5),
    ]
    assert [c.code for c in REAL_MODEL.criteria if c.kind == "symptom"] == [
        "C1.1",
        "C1.2",
        "C1.3",
        "C1.4",
        "C2.3",
        "C2.4",
        "C2.5",
    ]
