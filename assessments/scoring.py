"""The scoring / diagnosis engine: answers in, a diagnosed maturity level with its reasons out.

Pure Python on plain values — no ORM, no Django — so it can be tested exhaustively and called
from the questionnaire, the result page, the PDF report and the stateless scoring API alike.
The model version is passed in as a `ModelSpec` (built from the database by
`assessments.selectors.model_spec`).

The rules (the "售后数字化成熟度模型" self-test):

* Checklist: a level *matches* when at least 3 of its items are ticked. The diagnosed level is
  the highest matching level. A match one level below it means a *transition*; a match two or
  more levels below means the answers are *inconsistent*. With no match at all the level is
  *not determined*; the most-ticked level is shown as a conservative estimate, ties going to the
  lower level (Iron law 1: never overestimate).
* Key indicators: each diagnostic criterion is met / not met / unknown (metric not answered).
  A level is *evidenced* by at least 3 met criteria; the indicator level is the highest one.
* Review: needed when the level is not determined, the answers are inconsistent, or the
  indicator level is two or more levels away from the checklist level.
* Dimensions: the self-assessed scores plus the measured ones derived from their metric by
  bands; the weakest dimensions are those holding the minimum.
* Next level: its capability items not ticked, its capability criteria not met (or unknown),
  and the ticked symptoms to resolve on the way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "CAPABILITY",
    "CHECKLIST_MATCH_THRESHOLD",
    "EVIDENCE_THRESHOLD",
    "LEVELS",
    "MEASURED",
    "MET",
    "NOT_MET",
    "REVIEW_GAP",
    "SELF_ASSESSED",
    "SYMPTOM",
    "UNKNOWN",
    "ChecklistItemSpec",
    "CriterionSpec",
    "Diagnosis",
    "DimensionSpec",
    "MetricSpec",
    "ModelSpec",
    "NextLevel",
    "band_level",
    "diagnose",
    "evaluate_criterion",
    "level_name",
]

LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
CHECKLIST_MATCH_THRESHOLD = 3  # ticked items for a level to match ("3个以上")
EVIDENCE_THRESHOLD = 3  # met criteria for a level to be evidenced (3 of 4 at L1, 3 of 5 above)
REVIEW_GAP = 2  # |indicator level - level| from which a review is needed

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
SYMPTOM, CAPABILITY = "symptom", "capability"
SELF_ASSESSED, MEASURED = "self_assessed", "measured"
LANGUAGES = ("zh", "en")


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
    comparator: str  # "gt" | "lt" | "is"
    threshold: float | bool
    kind: str  # "symptom" | "capability"


@dataclass(frozen=True)
class MetricSpec:
    code: str
    type: str  # percent | boolean | multiple | count | score
    min: float | None
    max: float | None


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    kind: str  # "self_assessed" | "measured"
    metric: str | None = None
    bands: tuple[float, ...] = ()  # inclusive lower bounds of levels 2..5


@dataclass(frozen=True)
class ModelSpec:
    checklist: tuple[ChecklistItemSpec, ...]  # seed order
    criteria: tuple[CriterionSpec, ...]  # seed order
    metrics: tuple[MetricSpec, ...]
    dimensions: tuple[DimensionSpec, ...]  # self_assessed and measured only, in order
    level_names: Mapping[int, Mapping[str, str]]  # {1: {"zh": "...", "en": "..."}, ...}


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
class Diagnosis:
    """The verdict. Mappings are plain dicts in a fixed order; treat them as read-only."""

    level: int | None
    determined: bool
    transition: bool
    inconsistent: bool
    needs_review: bool
    checklist_counts: Mapping[int, int]  # every level 1..5
    matched_levels: tuple[int, ...]  # ascending
    indicator_level: int | None
    criteria: Mapping[str, str]  # every criterion code -> met / not_met / unknown, seed order
    criteria_met_by_level: Mapping[int, int]  # every level 1..5
    dimension_profile: Mapping[str, int]  # known dimensions only, dimension order
    weakest_dimensions: tuple[str, ...]
    next_level: NextLevel | None
    explanation: tuple[str, ...]

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


def evaluate_criterion(criterion: CriterionSpec, value) -> str:
    """ "met", "not_met", or "unknown" when the metric is not answered (None).

    `gt` / `lt` are strict: 80 is not > 80. `is` compares booleans.
    """
    if value is None:
        return UNKNOWN
    if criterion.comparator == "is":
        if not isinstance(value, bool):
            raise ValueError(
                f"{criterion.code}: {criterion.metric} needs true/false, got {value!r}"
            )
        return MET if value is bool(criterion.threshold) else NOT_MET
    if criterion.comparator not in ("gt", "lt"):
        raise ValueError(f"{criterion.code}: unknown comparator {criterion.comparator!r}")
    if not _is_number(value) or math.isnan(value):
        raise ValueError(f"{criterion.code}: {criterion.metric} needs a number, got {value!r}")
    threshold = float(criterion.threshold)
    met = value > threshold if criterion.comparator == "gt" else value < threshold
    return MET if met else NOT_MET


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
    answered = {}
    for code, value in dimensions.items():
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value not in LEVELS:
            raise ValueError(f"dimension {code} must be an integer from 1 to 5, got {value!r}")
        answered[code] = value
    return answered


def _estimate_level(counts: Mapping[int, int]) -> int | None:
    """The most-ticked level, ties to the lower one; None when nothing is ticked."""
    best = max(counts.values(), default=0)
    if best == 0:
        return None
    return min(level for level, count in counts.items() if count == best)


def _dimension_profile(
    model: ModelSpec, answered: Mapping[str, int], indicators: Mapping[str, object]
) -> dict[str, int]:
    profile: dict[str, int] = {}
    for dimension in model.dimensions:
        if dimension.kind == SELF_ASSESSED:
            if dimension.code in answered:
                profile[dimension.code] = answered[dimension.code]
        elif dimension.kind == MEASURED:
            value = indicators.get(dimension.metric) if dimension.metric else None
            if value is not None:
                profile[dimension.code] = band_level(value, dimension.bands)
    return profile


# --------------------------------------------------------------------------------------------
# The diagnosis
# --------------------------------------------------------------------------------------------


def diagnose(
    model: ModelSpec,
    checklist: Iterable[str],
    indicators: Mapping[str, float | int | bool | None],
    dimensions: Mapping[str, int],
    language: str = "zh",
) -> Diagnosis:
    """Diagnose one set of answers against one model version.

    `checklist`: the ticked item codes (order and duplicates do not matter). `indicators`:
    {metric code: value}; an absent or None value is unknown. `dimensions`: {self-assessed
    dimension code: 1..5}. `language`: "zh" (default) or "en", for the explanation only.
    Unknown codes or ill-typed values raise ValueError (the callers validate first).
    """
    language = _normalise_language(language)
    ticked = _ticked_codes(model, checklist)
    values = _known_indicators(model, indicators)
    answered_dimensions = _checked_dimensions(model, dimensions)

    # Checklist.
    counts = {level: 0 for level in LEVELS}
    for item in model.checklist:
        if item.code in ticked and item.level in counts:
            counts[item.level] += 1
    matched = tuple(level for level in LEVELS if counts[level] >= CHECKLIST_MATCH_THRESHOLD)
    if matched:
        level: int | None = max(matched)
        determined = True
        transition = (level - 1) in matched
        inconsistent = any(m < level - 1 for m in matched)
    else:
        level = _estimate_level(counts)
        determined = transition = inconsistent = False

    # Key indicators.
    statuses = {c.code: evaluate_criterion(c, values.get(c.metric)) for c in model.criteria}
    met_by_level = {lvl: 0 for lvl in LEVELS}
    for criterion in model.criteria:
        if statuses[criterion.code] == MET and criterion.level in met_by_level:
            met_by_level[criterion.level] += 1
    evidenced = [lvl for lvl in LEVELS if met_by_level[lvl] >= EVIDENCE_THRESHOLD]
    indicator_level = max(evidenced) if evidenced else None

    far_apart = (
        level is not None
        and indicator_level is not None
        and abs(indicator_level - level) >= REVIEW_GAP
    )
    needs_review = (not determined) or inconsistent or far_apart

    # Dimensions.
    profile = _dimension_profile(model, answered_dimensions, values)
    lowest = min(profile.values(), default=None)
    weakest = tuple(code for code, value in profile.items() if value == lowest)

    # The way up.
    next_level = None
    if level is not None and level < max(LEVELS):
        target = level + 1
        next_level = NextLevel(
            level=target,
            missing_checklist=tuple(
                item.code
                for item in model.checklist
                if item.level == target and item.kind == CAPABILITY and item.code not in ticked
            ),
            unmet_criteria=tuple(
                c.code
                for c in model.criteria
                if c.level == target and c.kind == CAPABILITY and statuses[c.code] != MET
            ),
            symptoms_to_resolve=tuple(
                item.code
                for item in model.checklist
                if item.kind == SYMPTOM and item.code in ticked
            ),
        )

    facts = _Facts(
        model=model,
        language=language,
        level=level,
        determined=determined,
        transition=transition,
        inconsistent=inconsistent,
        needs_review=needs_review,
        far_apart=far_apart,
        counts=counts,
        matched=matched,
        indicator_level=indicator_level,
        met_by_level=met_by_level,
        statuses=statuses,
        next_level=next_level,
    )
    return Diagnosis(
        level=level,
        determined=determined,
        transition=transition,
        inconsistent=inconsistent,
        needs_review=needs_review,
        checklist_counts=counts,
        matched_levels=matched,
        indicator_level=indicator_level,
        criteria=statuses,
        criteria_met_by_level=met_by_level,
        dimension_profile=profile,
        weakest_dimensions=weakest,
        next_level=next_level,
        explanation=_explain(facts),
    )


# --------------------------------------------------------------------------------------------
# The explanation: plain sentences in Chinese or English
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Facts:
    model: ModelSpec
    language: str
    level: int | None
    determined: bool
    transition: bool
    inconsistent: bool
    needs_review: bool
    far_apart: bool
    counts: Mapping[int, int]
    matched: tuple[int, ...]
    indicator_level: int | None
    met_by_level: Mapping[int, int]
    statuses: Mapping[str, str]
    next_level: NextLevel | None


_ZH_NUMERALS = {1: "一", 2: "两", 3: "三", 4: "四"}
_EN_NUMERALS = {1: "one", 2: "two", 3: "three", 4: "four"}

_TEXTS = {
    "zh": {
        "matched": "{label}勾选了{count},达到“3项以上”的标准。",
        "transition": (
            "低一级的 {below}也勾选了3项以上:诊断取达标段位中最高的一级,"
            "同时说明您正处于从 Level {from_} 向 Level {to} 过渡的阶段(过渡期)。"
        ),
        "inconsistent": (
            "{below}也勾选了3项以上,与 Level {level} 相差两级或更多;"
            "同一家企业很少同时具备相隔这么远的特征,答案之间存在矛盾,请逐项核对勾选是否符合实际。"
        ),
        "none_ticked": "没有勾选任何自测清单项,无法给出诊断段位;请对照各段位的特征,勾选符合贵公司现状的描述。",
        "undetermined": "没有任何段位勾选达到3项,因此无法确定段位。",
        "estimate": (
            "目前显示的 {label}只是保守估计:取勾选最多的段位(共{count}),"
            "遵循铁律一“认清段位”的原则——宁可低估,不可高估。"
        ),
        "estimate_tie": (
            "目前显示的 {label}只是保守估计:{tied} 的勾选数并列最多(各{count}),"
            "按铁律一“认清段位”的原则取较低的一级——宁可低估,不可高估。"
        ),
        "review": "本次结果建议复核(原因:{reasons}),请与顾问一起核对答案和数据。",
        "reason_undetermined": "没有段位勾选达到3项",
        "reason_inconsistent": "勾选结果前后矛盾",
        "reason_far_apart": "关键指标与自测段位相差两级以上",
        "reasons_sep": ";",
        "indicators_too_few": (
            "关键指标填写不足,无法用数据验证段位:每个段位需要至少3项诊断标准符合,"
            "目前有{unknown}因指标未填写或“不清楚”而无法判断。"
        ),
        "indicators_none": "按已填写的关键指标,没有任何段位有3项以上诊断标准符合,暂时无法用数据验证段位。",
        "indicators_only": "关键指标显示的是 {label}:该段位有{met}符合。",
        "indicators_equal": "关键指标印证了这一结果:{label}有{met}符合。",
        "indicators_equal_estimate": "关键指标与这一估计一致:{label}有{met}符合。",
        "indicators_one_apart": (
            "关键指标显示的是 {label},该段位有{met}符合,比自测段位{direction}一级;"
            "相差一级属于正常范围,仅作提示,不影响诊断结果。"
        ),
        "indicators_far_apart": (
            "关键指标显示的是 {label},该段位有{met}符合,比自测段位{direction}{gap}级;"
            "差距过大,需要复核答案和数据。"
        ),
        "higher": "高",
        "lower": "低",
        "top": "{label}已是模型中的最高段位,没有更高的下一段位。",
        "next": "尚未达到 {label}:该段位勾选了{count},需要3项以上{gaps}。",
        "next_missing": "{missing}能力尚未具备",
        "next_unmet": "{unmet}尚未满足(含未填写的指标)",
        "next_gaps_intro": ";还有",
        "next_gaps_sep": ",",
        "symptoms": "另外,您勾选了{count}问题症状,需要在迈向下一段位的过程中逐步消除。",
        "list_sep": "、",
    },
    "en": {
        "matched": "{label} has {count} ticked, meeting the rule of 3 or more.",
        "transition": (
            "{below}, the level just below, also has 3 or more ticked: the highest qualifying "
            "level is the diagnosis, and you are in transition from Level {from_} to Level {to}."
        ),
        "inconsistent": (
            "{below}, two or more levels below Level {level}, also {has} 3 or more ticked; a "
            "business rarely shows features this far apart at once, so the answers contradict "
            "each other - please check them item by item."
        ),
        "none_ticked": (
            "No checklist item is ticked, so no level can be diagnosed; tick the descriptions "
            "that match your business today."
        ),
        "undetermined": "No level has 3 or more items ticked, so the level cannot be determined.",
        "estimate": (
            "The {label} shown is only a conservative estimate: the most-ticked level "
            "({count}), following Iron law 1 (know your level): never overestimate."
        ),
        "estimate_tie": (
            "The {label} shown is only a conservative estimate: {tied} are tied as the "
            "most-ticked ({count} each), and per Iron law 1 (know your level) the lower one is "
            "taken - never overestimate."
        ),
        "review": (
            "This result needs review ({reasons}); go through the answers and figures with a "
            "consultant."
        ),
        "reason_undetermined": "no level reached 3 ticks",
        "reason_inconsistent": "contradictory checklist answers",
        "reason_far_apart": "key indicators two or more levels away from the checklist",
        "reasons_sep": "; ",
        "indicators_too_few": (
            "Too few key indicators are answered to confirm a level with data: a level needs at "
            "least 3 criteria met, and {unknown} cannot be judged because the indicator is not "
            "answered or marked unknown."
        ),
        "indicators_none": (
            "On the indicators answered, no level has 3 or more criteria met, so the data "
            "cannot confirm a level yet."
        ),
        "indicators_only": "The key indicators point to {label}: {met} met at that level.",
        "indicators_equal": "The key indicators confirm this: {label} has {met} met.",
        "indicators_equal_estimate": (
            "The key indicators agree with this estimate: {label} has {met} met."
        ),
        "indicators_one_apart": (
            "The key indicators point to {label}, with {met} met, one level {direction} than "
            "the checklist; a one-level gap is normal and only a note, it does not change the "
            "diagnosis."
        ),
        "indicators_far_apart": (
            "The key indicators point to {label}, with {met} met, {gap} levels {direction} "
            "than the checklist; a gap this large needs a review of the answers and figures."
        ),
        "higher": "higher",
        "lower": "lower",
        "top": "{label} is the highest level of the model; there is no level above it.",
        "next": "Not yet {label}: {count} ticked at that level, 3 or more are needed{gaps}.",
        "next_missing": "{missing} still to build",
        "next_unmet": "{unmet} not yet met (unanswered indicators included)",
        "next_gaps_intro": "; ",
        "next_gaps_sep": " and ",
        "symptoms": "You also ticked {count} to resolve on the way to the next level.",
        "list_sep": ", ",
    },
}


def _explain(facts: _Facts) -> tuple[str, ...]:
    lang = facts.language
    texts = _TEXTS[lang]
    model = facts.model

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
        # Chinese: a space between a Latin word or digit and a Chinese one, none after ")".
        return head + ("与 " if head.endswith(")") else " 与 ") + parts[-1]

    def amount(n: int, kind: str) -> str:
        if lang == "zh":
            return {
                "item": f"{n}项",
                "criterion": f"{n}项诊断标准",
                "capability": f"{n}项",
                "symptom": f"{n}项",
            }[kind]
        singular, plural = {
            "item": ("item", "items"),
            "criterion": ("criterion", "criteria"),
            "capability": ("capability item", "capability items"),
            "symptom": ("symptom item", "symptom items"),
        }[kind]
        return f"{n} {singular if n == 1 else plural}"

    def numeral(n: int) -> str:
        table = _ZH_NUMERALS if lang == "zh" else _EN_NUMERALS
        return table.get(n, str(n))

    sentences: list[str] = []
    level = facts.level

    # Why this level.
    if level is None:
        sentences.append(texts["none_ticked"])
    elif facts.determined:
        count = facts.counts[level]
        sentences.append(texts["matched"].format(label=label(level), count=amount(count, "item")))
        if facts.transition:
            sentences.append(
                texts["transition"].format(below=label(level - 1), from_=level - 1, to=level)
            )
        if facts.inconsistent:
            far_below = [label(m) for m in facts.matched if m < level - 1]
            sentences.append(
                texts["inconsistent"].format(
                    below=join(far_below), level=level, has="has" if len(far_below) == 1 else "have"
                )
            )
    else:
        sentences.append(texts["undetermined"])
        count = facts.counts[level]
        tied = [lvl for lvl in LEVELS if facts.counts[lvl] == count]
        if len(tied) > 1:
            sentences.append(
                texts["estimate_tie"].format(
                    label=label(level),
                    tied=join([f"Level {lvl}" for lvl in tied]),
                    count=amount(count, "item"),
                )
            )
        else:
            sentences.append(
                texts["estimate"].format(label=label(level), count=amount(count, "item"))
            )

    # Review: the reasons, summed up.
    if facts.needs_review:
        reasons = []
        if not facts.determined:
            reasons.append(texts["reason_undetermined"])
        if facts.inconsistent:
            reasons.append(texts["reason_inconsistent"])
        if facts.far_apart:
            reasons.append(texts["reason_far_apart"])
        sentences.append(texts["review"].format(reasons=texts["reasons_sep"].join(reasons)))

    # Key indicators.
    indicator_level = facts.indicator_level
    if indicator_level is None:
        unknown = sum(1 for status in facts.statuses.values() if status == UNKNOWN)
        could_be_evidenced = any(
            sum(
                1
                for c in model.criteria
                if c.level == lvl and facts.statuses[c.code] in (MET, UNKNOWN)
            )
            >= EVIDENCE_THRESHOLD
            for lvl in LEVELS
        )
        if unknown and could_be_evidenced:
            sentences.append(
                texts["indicators_too_few"].format(unknown=amount(unknown, "criterion"))
            )
        else:
            sentences.append(texts["indicators_none"])
    else:
        values = {
            "label": label(indicator_level),
            "met": amount(facts.met_by_level[indicator_level], "criterion"),
        }
        if level is None:
            sentences.append(texts["indicators_only"].format(**values))
        else:
            gap = indicator_level - level
            direction = texts["higher"] if gap > 0 else texts["lower"]
            if gap == 0:
                key = "indicators_equal" if facts.determined else "indicators_equal_estimate"
                sentences.append(texts[key].format(**values))
            elif abs(gap) < REVIEW_GAP:
                sentences.append(
                    texts["indicators_one_apart"].format(direction=direction, **values)
                )
            else:
                sentences.append(
                    texts["indicators_far_apart"].format(
                        direction=direction, gap=numeral(abs(gap)), **values
                    )
                )

    # Why not the next level.
    if level is not None and facts.next_level is None:
        sentences.append(texts["top"].format(label=label(level)))
    elif facts.next_level is not None:
        nxt = facts.next_level
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
                count=amount(facts.counts[nxt.level], "item"),
                gaps=texts["next_gaps_intro"] + texts["next_gaps_sep"].join(gaps) if gaps else "",
            )
        )
        if nxt.symptoms_to_resolve:
            sentences.append(
                texts["symptoms"].format(count=amount(len(nxt.symptoms_to_resolve), "symptom"))
            )

    return tuple(sentences)
