"""What the explanation says, in Chinese and English, for a few concrete answers."""

from dataclasses import replace

import pytest

from assessments.scoring import diagnose
from tests.scoring_spec import LEVEL_NAMES, MEETS_LEVEL, REAL_MODEL, ticks


def explain(checklist=(), indicators=None, language="zh", model=REAL_MODEL) -> tuple[str, ...]:
    return diagnose(model, checklist, indicators or {}, {}, language).explanation


def text(*args, **kwargs) -> str:
    return "\n".join(explain(*args, **kwargs))


def test_zh_why_this_level_names_the_level_and_the_count():
    explanation = explain(ticks(l3=4), MEETS_LEVEL[3])
    assert explanation[0] == "Level 3(数据驱动)勾选了4项,达到“3项以上”的标准。"


def test_en_why_this_level_names_the_level_and_the_count():
    explanation = explain(ticks(l3=4), MEETS_LEVEL[3], language="en")
    assert (
        explanation[0] == "Level 3 (Data-driven) has 4 items ticked, meeting the rule of 3 or more."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", ["低一级的 Level 2(基础信息化)也勾选了3项以上", "从 Level 2 向 Level 3 过渡"]),
        ("en", ["Level 2 (Basic digitisation)", "in transition from Level 2 to Level 3"]),
    ],
)
def test_transition_is_explained(language, expected):
    explanation = text(ticks(l2=3, l3=3), MEETS_LEVEL[3], language=language)
    for fragment in expected:
        assert fragment in explanation
    assert ("复核" if language == "zh" else "review") not in explanation


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh",
            [
                "Level 1(纸质化/Excel管理)也勾选了3项以上",
                "与 Level 4 相差两级或更多",
                "矛盾",
                "核对",
            ],
        ),
        (
            "en",
            ["Level 1 (Paper & Excel), two or more levels below Level 4", "contradict", "check"],
        ),
    ],
)
def test_inconsistent_answers_are_explained_and_sent_for_review(language, expected):
    explanation = text(ticks(l1=3, l4=3), MEETS_LEVEL[4], language=language)
    for fragment in expected:
        assert fragment in explanation
    review = (
        "建议复核(原因:勾选结果前后矛盾)" if language == "zh" else "needs review (contradictory"
    )
    assert review in explanation


def test_several_far_levels_are_listed():
    zh = text(ticks(l1=3, l2=3, l4=3))
    assert "Level 1(纸质化/Excel管理)与 Level 2(基础信息化)也勾选了3项以上" in zh
    en = text(ticks(l1=3, l2=3, l4=3), language="en")
    assert "Level 1 (Paper & Excel) and Level 2 (Basic digitisation), two or more" in en
    assert "also have 3 or more ticked" in en


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh",
            [
                "没有任何段位勾选达到3项,因此无法确定段位。",
                "Level 2(基础信息化)只是保守估计",
                "Level 2 与 Level 4 的勾选数并列最多(各2项)",
                "铁律一",
                "宁可低估,不可高估",
                "建议复核",
            ],
        ),
        (
            "en",
            [
                "No level has 3 or more items ticked, so the level cannot be determined.",
                "Level 2 (Basic digitisation) shown is only a conservative estimate",
                "Level 2 and Level 4 are tied",
                "Iron law 1",
                "never overestimate",
                "needs review (no level reached 3 ticks)",
            ],
        ),
    ],
)
def test_undetermined_level_is_a_conservative_estimate(language, expected):
    explanation = text(ticks(l2=2, l4=2), language=language)
    for fragment in expected:
        assert fragment in explanation


def test_undetermined_without_a_tie_names_the_most_ticked_level():
    assert "取勾选最多的段位(共2项)" in text(ticks(l1=1, l3=2))
    assert "the most-ticked level (2 items)" in text(ticks(l1=1, l3=2), language="en")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", "没有勾选任何自测清单项,无法给出诊断段位"),
        ("en", "No checklist item is ticked, so no level can be diagnosed"),
    ],
)
def test_nothing_ticked(language, expected):
    explanation = explain([], language=language)
    assert explanation[0].startswith(expected)


INDICATOR_CASES = {
    "equal": (
        ticks(l3=3),
        MEETS_LEVEL[3],
        "关键指标印证了这一结果:Level 3(数据驱动)有5项诊断标准符合。",
        "The key indicators confirm this: Level 3 (Data-driven) has 5 criteria met.",
    ),
    "one above is a note": (
        ticks(l3=3),
        MEETS_LEVEL[4],
        "Level 4(智能化),该段位有5项诊断标准符合,比自测段位高一级;相差一级属于正常范围,仅作提示",
        "Level 4 (Intelligent), with 5 criteria met, one level higher than the checklist; a "
        "one-level gap is normal and only a note",
    ),
    "one below is a note": (
        ticks(l3=3),
        MEETS_LEVEL[2],
        "比自测段位低一级",
        "one level lower than the checklist",
    ),
    "two apart needs review": (
        ticks(l2=3),
        MEETS_LEVEL[4],
        "比自测段位高两级;差距过大,需要复核",
        "two levels higher than the checklist; a gap this large needs a review",
    ),
    "too few answered": (
        ticks(l2=3),
        {"core_system_deployed": True},
        "关键指标填写不足,无法用数据验证段位",
        "Too few key indicators are answered",
    ),
    "answered but nothing evidenced": (
        ticks(l2=3),
        {
            **{m.code: (False if m.type == "boolean" else 50) for m in REAL_MODEL.metrics},
            "has_unified_system": True,
            "predictive_maintenance_pct": 0,
            "remote_ota_fix_pct": 0,
            "productivity_multiple": 1,
        },
        "按已填写的关键指标,没有任何段位有3项以上诊断标准符合",
        "On the indicators answered, no level has 3 or more criteria met",
    ),
}


@pytest.mark.parametrize(
    ("checklist", "indicators", "zh", "en"),
    list(INDICATOR_CASES.values()),
    ids=list(INDICATOR_CASES),
)
def test_indicator_comparison(checklist, indicators, zh, en):
    assert zh in text(checklist, indicators)
    assert en in text(checklist, indicators, language="en")


def test_a_gap_of_one_is_not_a_review():
    assert "建议复核" not in text(ticks(l3=3), MEETS_LEVEL[4])
    assert "needs review" not in text(ticks(l3=3), MEETS_LEVEL[4], language="en")


def test_a_gap_of_two_is_a_review_with_its_reason():
    assert "建议复核(原因:关键指标与自测段位相差两级以上)" in text(ticks(l2=3), MEETS_LEVEL[4])
    assert "needs review (key indicators two or more levels away" in text(
        ticks(l2=3), MEETS_LEVEL[4], language="en"
    )


def test_why_not_the_next_level():
    checklist = ticks(l3=3) + ["L4.1", "L4.2", "L1.1"]
    zh = explain(checklist, {"ai_in_production": True})
    assert (
        "尚未达到 Level 4(智能化):该段位勾选了2项,需要3项以上;"
        "还有3项能力尚未具备,4项诊断标准尚未满足(含未填写的指标)。"
    ) in zh
    assert "另外,您勾选了1项问题症状,需要在迈向下一段位的过程中逐步消除。" in zh
    en = explain(checklist, {"ai_in_production": True}, language="en")
    assert (
        "Not yet Level 4 (Intelligent): 2 items ticked at that level, 3 or more are needed; "
        "3 capability items still to build and 4 criteria not yet met "
        "(unanswered indicators included)."
    ) in en
    assert "You also ticked 1 symptom item to resolve on the way to the next level." in en


def test_why_not_the_next_level_singular_and_nothing_missing():
    en = text(["L2.1", "L2.2", "L2.3", "L3.1"], MEETS_LEVEL[3], language="en")
    assert "Not yet Level 3 (Data-driven): 1 item ticked at that level, 3 or more are needed;" in en
    assert "4 capability items still to build." in en
    assert "not yet met" not in en
    zh = text(["L2.1", "L2.2", "L2.3", "L3.1"], MEETS_LEVEL[3])
    assert "尚未达到 Level 3(数据驱动):该段位勾选了1项,需要3项以上;还有4项能力尚未具备。" in zh


def test_level_5_has_no_next_level():
    assert "Level 5(生态化)已是模型中的最高段位" in text(ticks(l5=3))
    assert "Level 5 (Ecosystem) is the highest level of the model" in text(
        ticks(l5=3), language="en"
    )
    assert "尚未达到" not in text(ticks(l5=3))


def test_sentence_order_why_flags_indicators_next():
    explanation = explain(ticks(l1=3, l3=3, l4=3), MEETS_LEVEL[2])
    positions = [
        next(i for i, sentence in enumerate(explanation) if marker in sentence)
        for marker in ("勾选了3项,达到", "过渡", "矛盾", "建议复核", "关键指标", "尚未达到 Level 5")
    ]
    assert positions == sorted(positions)


def test_empty_english_names_fall_back_to_chinese():
    model = replace(
        REAL_MODEL,
        level_names={n: {"zh": names["zh"], "en": ""} for n, names in LEVEL_NAMES.items()},
    )
    en = explain(ticks(l3=3), language="en", model=model)
    assert en[0].startswith("Level 3 (数据驱动) has 3 items ticked")


def test_a_level_without_any_name_is_just_its_number():
    model = replace(REAL_MODEL, level_names={})
    assert explain(ticks(l3=3), model=model)[0].startswith("Level 3勾选了3项")
    assert explain(ticks(l3=3), language="en", model=model)[0].startswith("Level 3 has 3 items")
