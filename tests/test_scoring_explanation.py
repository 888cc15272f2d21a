"""What the explanation says, in Chinese and English: every clause of rules v2 (issue 11) that
applies is said in both languages."""

from dataclasses import replace

import pytest
import yaml

from assessments.scoring import Previous, diagnose
from tests.scoring_spec import LEVEL_NAMES, MEETS_LEVEL, MODEL_FILE, REAL_MODEL, items, kpis, ticks

CORE = items(2, 1, 2)
L3_TICKS = [*CORE, *items(3, 1, 2, 3, 4, 5)]
L3_KPIS = {**MEETS_LEVEL[3], **kpis(CS=True, E=95)}
L5_TICKS = [*L3_TICKS, *items(4, 1, 2, 3, 4, 5), *items(5, 1, 2, 3, 4, 5)]
L5_KPIS = {**L3_KPIS, **MEETS_LEVEL[4], **MEETS_LEVEL[5]}
AI_ON_PAPER = ([*items(1, 3, 5), *items(4, 1, 2, 4)], kpis(P=70, CD=20, HU=False, CS=False))
DEALER_OVER_L3 = (
    [*CORE, *items(3, 1, 2, 3, 4)],
    kpis(CS=True, E=90, INT=50, BI=False, PA=30, DD=75, FA=True),
)
VERDICT_RULES = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))["verdict_rules"]


def explain(checklist=(), indicators=None, language="zh", model=REAL_MODEL, previous=None):
    return diagnose(model, checklist, indicators or {}, {}, language, previous).explanation


def text(*args, **kwargs) -> str:
    return "\n".join(explain(*args, **kwargs))


def both(checklist=(), indicators=None, previous=None) -> tuple[str, str]:
    return (
        text(checklist, indicators, "zh", previous=previous),
        text(checklist, indicators, "en", previous=previous),
    )


def assert_says(checklist, indicators, zh_fragments, en_fragments, previous=None):
    zh, en = both(checklist, indicators, previous)
    for fragment in zh_fragments:
        assert fragment in zh
    for fragment in en_fragments:
        assert fragment in en


# --------------------------------------------------------------------------------------------
# Rule 1: match
# --------------------------------------------------------------------------------------------


def test_rule_1_a_matched_level_names_the_level_and_the_count():
    assert explain(items(3, 1, 2, 3, 4), MEETS_LEVEL[3])[0] == (
        "自测清单:Level 3(数据驱动)勾选了4项,达到“3项以上”的标准。"
    )
    assert explain(items(3, 1, 2, 3, 4), MEETS_LEVEL[3], "en")[0] == (
        "Checklist: Level 3 (Data-driven) has 4 items ticked, meeting the rule of 3 or more."
    )


def test_rule_1_level_2_matched_by_its_two_core_capabilities():
    assert_says(
        CORE,
        {},
        ["Level 2(基础信息化)的核心能力(L2.1 与 L2.2)都已勾选,达到该段位"],
        ["the core capabilities of Level 2 (Basic digitisation) (L2.1 and L2.2) are all ticked"],
    )


def test_rule_1_level_2_matched_by_3_ticks_including_a_core_one():
    assert_says(
        items(2, 1, 3, 4),
        {},
        ["Level 2(基础信息化)勾选了3项,达到“3项以上”的标准"],
        ["Level 2 (Basic digitisation) has 3 items ticked, meeting the rule of 3 or more"],
    )


@pytest.mark.parametrize(
    "checklist",
    [items(2, 3, 4, 5), [*items(1, 1, 2, 3, 4), *items(2, 3, 4, 5)]],
    ids=["undetermined", "under Level 1"],
)
def test_rule_1_three_level_2_symptoms_alone_do_not_reach_level_2(checklist):
    assert_says(
        checklist,
        {},
        ["Level 2(基础信息化)虽勾选了3项,但都是问题症状,没有勾选核心能力(L2.1 与 L2.2)"],
        [
            "Level 2 (Basic digitisation) has 3 items ticked, but only symptoms and none of its "
            "core capabilities (L2.1 and L2.2), so it is not reached"
        ],
    )


def test_rule_1_no_level_matches():
    assert_says(
        [*items(1, 2, 3), *items(3, 1, 2)],
        {},
        ["没有任何段位在自测清单上达到判定标准。"],
        ["No level meets the checklist rule."],
    )


def test_rule_1_nothing_ticked():
    assert explain([])[0].startswith("没有勾选任何自测清单项")
    assert explain([], language="en")[0].startswith("No checklist item is ticked")


# --------------------------------------------------------------------------------------------
# Rule 2: still present
# --------------------------------------------------------------------------------------------


def test_rule_2_transition_is_explained_and_is_no_review():
    checklist = [*items(2, 1, 2, 3, 4, 5), *items(3, 2, 3, 5)]
    assert_says(
        checklist,
        {},
        ["Level 2(基础信息化)的问题症状仍勾选了3项以上", "从 Level 2 向 Level 3 跃迁的过渡期"],
        [
            "Level 2 (Basic digitisation) still has 3 or more of its symptoms ticked",
            "in transition from Level 2 to Level 3",
        ],
    )
    zh, en = both(checklist)
    assert "建议复核" not in zh
    assert "needs review" not in en


def test_rule_2_inconsistent_is_explained_with_its_review_reason():
    assert_says(
        [*items(1, 2, 3, 5), *CORE, *items(3, 2, 3, 5)],
        {},
        [
            "比 Level 3 低两级以上的 Level 1(纸质化/Excel管理)仍勾选了3项以上问题症状",
            "请逐项核对",
            "建议复核(原因:低段位的问题症状与高段位并存)",
            "因此,诊断段位定为 Level 2(基础信息化)",
        ],
        [
            "Level 1 (Paper & Excel), two or more levels below Level 3, still has 3 or more "
            "symptoms ticked",
            "needs review (symptoms of a much lower level remain)",
            "The diagnosed level is therefore Level 2 (Basic digitisation)",
        ],
    )


def test_rule_2_several_far_levels_are_listed():
    checklist = [*items(1, 2, 3, 5), *items(2, 1, 3, 4, 5), *items(4, 1, 2, 3)]
    assert_says(
        checklist,
        {},
        ["比 Level 4 低两级以上的 Level 1(纸质化/Excel管理)与 Level 2(基础信息化)"],
        ["Level 1 (Paper & Excel) and Level 2 (Basic digitisation), two or more levels below"],
    )
    assert "still have 3 or more symptoms ticked" in text(checklist, language="en")


def test_rule_2_lower_capabilities_are_not_called_leftovers():
    zh, en = both(L5_TICKS, L5_KPIS)
    assert "过渡期" not in zh and "问题症状" not in zh
    assert "transition" not in en and "symptom" not in en


# --------------------------------------------------------------------------------------------
# Rule 3: KPI evidence
# --------------------------------------------------------------------------------------------

EVIDENCE_CASES = {
    "a level above 1 confirmed": (
        items(3, 1, 2, 3),
        MEETS_LEVEL[3],
        "关键指标印证了 Level 3(数据驱动):该段位有5项诊断标准符合。",
        "The key indicators confirm Level 3 (Data-driven): 5 criteria met at that level.",
    ),
    "Level 2 confirmed by C2.1 + C2.2": (
        CORE,
        kpis(CS=True, E=81),
        "关键指标印证了 Level 2(基础信息化)",
        "The key indicators confirm Level 2 (Basic digitisation)",
    ),
    "Level 1 features": (
        items(1, 1, 2, 3, 4),
        MEETS_LEVEL[1],
        "关键指标显示 Level 1(纸质化/Excel管理)的特征:该段位的4项诊断标准符合。",
        "The key indicators show the features of Level 1 (Paper & Excel): 4 criteria met.",
    ),
    "nothing evidenced": (
        CORE,
        {},
        "按已填写的关键指标,没有任何段位得到数据印证。",
        "On the indicators answered, the data confirms no level.",
    ),
    "Level 2 symptom criteria confirm nothing": (
        CORE,
        kpis(INT=10, REC=True, DD=20),
        "按已填写的关键指标,没有任何段位得到数据印证。",
        "On the indicators answered, the data confirms no level.",
    ),
    "two or more levels above the checklist": (
        items(1, 2, 3, 5),
        MEETS_LEVEL[3],
        "关键指标印证的 Level 3(数据驱动)比自测清单高两级以上",
        "The key indicators confirm Level 3 (Data-driven), two or more levels above the checklist",
    ),
}


@pytest.mark.parametrize(
    ("checklist", "indicators", "zh", "en"), list(EVIDENCE_CASES.values()), ids=list(EVIDENCE_CASES)
)
def test_rule_3_evidence(checklist, indicators, zh, en):
    assert_says(checklist, indicators, [zh], [en])


def test_rule_3_indicators_two_above_is_a_review_reason():
    assert_says(
        items(1, 2, 3, 5),
        MEETS_LEVEL[3],
        ["建议复核(原因:关键指标比自测清单高两级以上)"],
        ["needs review (the indicators are two or more levels above the checklist)"],
    )


def test_rule_3_indicators_one_level_apart_is_no_review():
    zh, en = both(CORE, MEETS_LEVEL[3])
    assert "建议复核" not in zh and "高两级以上" not in zh
    assert "needs review" not in en


# --------------------------------------------------------------------------------------------
# Rule 4: warnings, each message in both languages
# --------------------------------------------------------------------------------------------


def _message(code, index=0):
    if code == "K5":
        return VERDICT_RULES["evidence_conflict"]["message"]
    if code == "K6":
        return VERDICT_RULES["tick_pairs"]["pairs"][index]["message"]
    if code == "K7":
        return VERDICT_RULES["core_symptoms_alone"]["message"]
    return next(w for w in VERDICT_RULES["kpi_warnings"] if w["code"] == code)["message"]


WARNING_CASES = {
    "K1": (CORE, kpis(P=50, E=61), "K1", 0),
    "K2": (CORE, kpis(HU=False, INT=81), "K2", 0),
    "K3": (CORE, kpis(CS=False, E=81), "K3", 0),
    "K4": (CORE, kpis(REV=5, PLAT=False, API=0), "K4", 0),
    "K5": (
        [*CORE, *items(3, 2, 3, 5)],
        kpis(P=90, CD=10, SO=5, BI=True, PA=70, DD=80, FA=True),
        "K5",
        0,
    ),
    "K8": (CORE, kpis(HU=False, CS=True), "K8", 0),
    "K6 L1.1 + L2.2": (["L1.1", *CORE], {}, "K6", 0),
    "K6 L1.4 + L2.1": (["L1.4", *CORE], {}, "K6", 1),
    "K6 L2.3 + L3.1": ([*CORE, "L2.3", *items(3, 1, 2, 3)], {}, "K6", 2),
    "K6 L2.5 + L3.4": ([*CORE, "L2.5", *items(3, 2, 3, 4)], {}, "K6", 3),
    "K7": ([*items(1, 1, 2, 3), *items(2, 3, 4, 5)], {}, "K7", 0),
}


@pytest.mark.parametrize(
    ("checklist", "indicators", "code", "index"),
    list(WARNING_CASES.values()),
    ids=list(WARNING_CASES),
)
def test_rule_4_each_warning_is_said_with_its_code_and_message(checklist, indicators, code, index):
    message = _message(code, index)
    assert_says(
        checklist,
        indicators,
        [f"数据提示({code}):{message['zh']}", "建议复核(原因:有数据提示)"],
        [f"Data check ({code}): {message['en']}", "needs review (data checks raised)"],
    )


def test_rule_4_the_messages_the_rules_file_holds_are_what_the_verdict_carries():
    for checklist, indicators, code, index in WARNING_CASES.values():
        for language in ("zh", "en"):
            result = diagnose(REAL_MODEL, checklist, indicators, {}, language)
            assert (code, _message(code, index)[language]) in {
                (w.code, w.message) for w in result.warnings
            }


def test_rule_4_no_warning_no_data_check():
    zh, en = both(L3_TICKS, L3_KPIS)
    assert "数据提示" not in zh
    assert "Data check" not in en


# --------------------------------------------------------------------------------------------
# Rule 5: refuted
# --------------------------------------------------------------------------------------------


def test_rule_5_level_2_refuted():
    assert_says(
        CORE,
        kpis(P=61),
        [
            "按你填写的关键指标,Level 2(基础信息化)不成立",
            "建议复核(原因:关键指标与自测清单相矛盾)",
            "因此,诊断段位定为 Level 1(纸质化/Excel管理)",
        ],
        [
            "On the indicators you gave, Level 2 (Basic digitisation) does not hold",
            "needs review (the key indicators contradict the checklist)",
            "The diagnosed level is therefore Level 1 (Paper & Excel)",
        ],
    )


def test_rule_5_a_higher_level_refuted():
    assert_says(
        *DEALER_OVER_L3,
        ["按你填写的关键指标,Level 3(数据驱动)不成立", "因此,诊断段位定为 Level 2(基础信息化)"],
        [
            "On the indicators you gave, Level 3 (Data-driven) does not hold",
            "The diagnosed level is therefore Level 2 (Basic digitisation)",
        ],
    )


def test_rule_5_the_refuted_higher_sentence_reads_cleanly():
    zh, en = both(*DEALER_OVER_L3)
    assert "该段位有3项能力标准明确不符合" in zh
    assert "3 of its capability criteria are clearly not met" in en


def test_rule_5_implausible_kpis_refute_nothing():
    zh, en = both(CORE, kpis(P=70, E=50))
    assert "不成立" not in zh
    assert "does not hold" not in en


# --------------------------------------------------------------------------------------------
# Rules 6 and 7: in place, no skipping
# --------------------------------------------------------------------------------------------


def test_rule_7_skipping_is_explained_with_the_missing_foundations():
    assert_says(
        *AI_ON_PAPER,
        [
            "不能越级(铁律1):你勾选了 Level 4 的能力,但 Level 2(基础信息化)与 Level 3(数据驱动)"
            "的基础尚未到位",
            "如已具备,请补勾相应项目",
            "跳过了中间段位",
        ],
        [
            "No skipping levels (Iron law 1): you ticked capabilities of Level 4, but the "
            "foundations of Level 2 (Basic digitisation) and Level 3 (Data-driven) are not in place",
            "If you have them, tick the matching items.",
            "levels skipped",
        ],
    )


def test_rule_6_foundation_stops_at_the_first_gap():
    assert_says(
        [*CORE, *items(4, 1, 2, 3), *items(5, 1, 2, 3)],
        {},
        ["你勾选了 Level 5 的能力,但 Level 3(数据驱动)与 Level 4(智能化)的基础尚未到位"],
        [
            "you ticked capabilities of Level 5, but the foundations of Level 3 (Data-driven) and "
            "Level 4 (Intelligent) are not in place"
        ],
    )


@pytest.mark.parametrize(
    ("checklist", "indicators"),
    [
        (items(3, 1, 2, 3), {}),
        (items(3, 2, 3, 5), kpis(INT=81)),
        (["L1.1", *items(3, 1, 2, 3)], kpis(P=60)),
        (items(4, 1, 2, 3), kpis(CS=True, E=95, INT=90, BI=True, PA=70)),
    ],
    ids=["bridge by L3.1", "bridge by C3.1", "L1.1 answered away", "foundations by indicators"],
)
def test_rule_6_foundations_in_place_mean_no_skipping_sentence(checklist, indicators):
    zh, en = both(checklist, indicators)
    assert "不能越级" not in zh
    assert "No skipping" not in en


@pytest.mark.parametrize(
    "indicators", [{}, kpis(P=61)], ids=["paper share unanswered", "paper share above 60"]
)
def test_rule_6_a_contradicted_level_2_is_a_missing_foundation(indicators):
    assert_says(
        ["L1.1", *items(3, 1, 2, 3)],
        indicators,
        ["不能越级(铁律1)", "Level 2(基础信息化)的基础尚未到位"],
        ["No skipping levels (Iron law 1)", "foundations of Level 2 (Basic digitisation)"],
    )


# --------------------------------------------------------------------------------------------
# Rule 8: the headline
# --------------------------------------------------------------------------------------------


def test_rule_8_the_headline_sentence_when_capped():
    assert_says(
        *AI_ON_PAPER,
        ["因此,诊断段位定为 Level 1(纸质化/Excel管理)(宁可低估,不可高估)。"],
        ["The diagnosed level is therefore Level 1 (Paper & Excel) (never overestimate)."],
    )


@pytest.mark.parametrize(
    ("checklist", "indicators"),
    [(L3_TICKS, L3_KPIS), (L5_TICKS, L5_KPIS), (CORE, kpis(E=92))],
    ids=["genuine 3", "genuine 5", "Level 2"],
)
def test_rule_8_no_headline_sentence_and_no_review_when_nothing_caps(checklist, indicators):
    zh, en = both(checklist, indicators)
    assert "因此,诊断段位定为" not in zh and "建议复核" not in zh
    assert "therefore" not in en and "provisional" not in en


def test_rule_8_undetermined_shows_the_indicator_level_as_provisional():
    assert_says(
        ["L2.1"],
        kpis(CS=True, E=90),
        ["段位的估计依据关键指标印证的 Level 2(基础信息化),只是暂定结果", "自测清单未达判定标准"],
        [
            "The estimate starts from Level 2 (Basic digitisation), which the key indicators confirm",
            "needs review (the checklist meets no level)",
        ],
    )


def test_rule_8_undetermined_ties_go_to_the_lower_level():
    assert_says(
        [*items(1, 2, 3), *items(3, 1, 2)],
        {},
        ["Level 1 与 Level 3 的勾选数并列最多(各2项)", "宁可低估,不可高估"],
        [
            "Level 1 and Level 3 are tied (2 items each)",
            "the lower one, Level 1 (Paper & Excel), is taken - never overestimate",
        ],
    )


def test_rule_8_undetermined_most_ticked_level_then_capped():
    assert_says(
        [*items(4, 1, 2), "L2.1"],
        {},
        ["勾选最多的 Level 4(智能化)(共2项)", "因此,诊断段位定为 Level 1(纸质化/Excel管理)"],
        [
            "the most-ticked level, Level 4 (Intelligent) (2 items)",
            "The diagnosed level is therefore Level 1 (Paper & Excel)",
        ],
    )


def test_rule_8_only_the_headline_is_called_the_level_shown():
    zh, en = both([*items(4, 1, 2), "L2.1"])
    assert "目前显示的 Level 4" not in zh
    assert "The Level 4 (Intelligent) shown" not in en


def test_rule_8_every_provisional_verdict_says_so_on_both_languages():
    for checklist, indicators in (AI_ON_PAPER, DEALER_OVER_L3, (items(2, 3, 4, 5), {})):
        zh, en = both(checklist, indicators)
        assert "本次结果为暂定,建议复核" in zh
        assert "This result is provisional and needs review" in en


# --------------------------------------------------------------------------------------------
# Rule 9: downstream, from the headline
# --------------------------------------------------------------------------------------------


def test_rule_9_the_way_up_starts_at_the_headline_not_the_checklist():
    zh, en = both(*AI_ON_PAPER)
    assert "迈向 Level 2(基础信息化):还有2项能力尚未具备,2项诊断标准尚未满足" in zh
    assert "迈向 Level 5" not in zh
    assert "Towards Level 2 (Basic digitisation): 2 capability items still to build" in en
    assert "Towards Level 5" not in en
    assert "另外,你勾选了2项问题症状" in zh
    assert "You also ticked 2 symptom items to resolve" in en


def test_rule_9_nothing_missing_at_the_next_level():
    assert_says(
        [*items(1, 2, 3, 5), *L3_TICKS],
        MEETS_LEVEL[3],
        ["迈向 Level 3(数据驱动):该段位的能力和诊断标准都已具备,关键是巩固并消除问题症状。"],
        [
            "Towards Level 3 (Data-driven): its capabilities and criteria are in place; "
            "consolidate and remove the symptoms."
        ],
    )


def test_rule_9_singular_and_plural():
    en = text([*CORE, *items(3, 1, 2, 3, 4)], kpis(INT=90, BI=True, PA=70), language="en")
    assert "Towards Level 4 (Intelligent): 5 capability items still to build" in en
    en = text([*items(4, 1, 2), "L2.1"], {}, language="en")
    assert "Towards Level 2 (Basic digitisation): 1 capability item still to build;" in en


def test_rule_9_level_5_has_no_next_level():
    assert_says(
        L5_TICKS,
        L5_KPIS,
        ["Level 5(生态化)已是模型中的最高段位"],
        ["Level 5 (Ecosystem) is the highest level of the model"],
    )
    assert "迈向" not in text(L5_TICKS, L5_KPIS)


@pytest.mark.parametrize(
    ("previous", "zh", "en"),
    [
        (
            Previous(2, 11),
            ["距上次正式段位(Level 2)仅11个月就提升到 Level 3", "(铁律1)"],
            ["Only 11 months after the last official level (Level 2) the result is Level 3"],
        ),
        (
            Previous(1, 23),
            ["距上次正式段位(Level 1)仅23个月就提升到 Level 3", "距上次诊断提升了两级以上"],
            [
                "Only 23 months after the last official level (Level 1)",
                "two or more levels up since the last diagnosis",
            ],
        ),
        (
            Previous(1, 30),
            ["建议复核(原因:距上次诊断提升了两级以上)"],
            ["needs review (two or more levels up since the last diagnosis)"],
        ),
    ],
    ids=["up 1 in 11 months", "up 2 in 23 months", "up 2 in 30 months"],
)
def test_rule_9_re_assessment(previous, zh, en):
    assert_says(L3_TICKS, L3_KPIS, zh, en, previous=previous)


@pytest.mark.parametrize(
    "previous", [Previous(2, 12), Previous(3, 1), Previous(5, 1)], ids=["12 months", "same", "down"]
)
def test_rule_9_re_assessment_without_law_1(previous):
    zh, en = both(L3_TICKS, L3_KPIS, previous)
    assert "距上次" not in zh and "建议复核" not in zh
    assert "after the last official level" not in en and "needs review" not in en


# --------------------------------------------------------------------------------------------
# The examples, as a reader sees them
# --------------------------------------------------------------------------------------------


def test_example_county_shop():
    zh, en = both(items(1, 1, 2, 3, 4), MEETS_LEVEL[1])
    assert "Level 1(纸质化/Excel管理)勾选了4项" in zh
    assert "关键指标显示 Level 1(纸质化/Excel管理)的特征" in zh
    assert "建议复核" not in zh and "Level 2(基础信息化)不成立" not in zh
    assert "needs review" not in en


def test_example_sentences_follow_the_rules_order():
    explanation = explain(*AI_ON_PAPER)
    markers = ("勾选了3项,达到", "关键指标显示", "不成立", "不能越级", "因此", "建议复核", "迈向")
    positions = [
        next(i for i, sentence in enumerate(explanation) if marker in sentence)
        for marker in markers
    ]
    assert positions == sorted(positions)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def test_empty_english_names_fall_back_to_chinese():
    model = replace(
        REAL_MODEL,
        level_names={n: {"zh": names["zh"], "en": ""} for n, names in LEVEL_NAMES.items()},
    )
    en = explain(ticks(l3=3), language="en", model=model)
    assert en[0].startswith("Checklist: Level 3 (数据驱动) has 3 items ticked")


def test_a_level_without_any_name_is_just_its_number():
    model = replace(REAL_MODEL, level_names={n: {"zh": "", "en": ""} for n in LEVEL_NAMES})
    assert explain(ticks(l3=3), model=model)[0].startswith("自测清单:Level 3勾选了3项")
    assert explain(ticks(l3=3), language="en", model=model)[0].startswith(
        "Checklist: Level 3 has 3 items"
    )


LAW_1_CASES = {
    "skipped": (AI_ON_PAPER[0], AI_ON_PAPER[1], None),
    "too fast": (L3_TICKS, L3_KPIS, Previous(2, 11)),
    "overreach": ([*CORE, *items(3, 1, 2, 3)], kpis(P=61), None),
}


@pytest.mark.parametrize(
    ("checklist", "indicators", "previous"),
    list(LAW_1_CASES.values()),
    ids=list(LAW_1_CASES),
)
def test_rule_9_when_law_1_is_raised_the_explanation_names_it(checklist, indicators, previous):
    result = diagnose(REAL_MODEL, checklist, indicators, {}, "zh", previous)
    assert result.law_1_reasons
    zh, en = both(checklist, indicators, previous)
    assert "铁律1" in zh
    assert "Iron law 1" in en
