"""The explanation of a verdict: plain sentences in Chinese or English, one or more per rule
that applied (the clause numbers are the engine's, see `assessments.scoring.engine`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assessments.scoring.result import NextLevel
from assessments.scoring.spec import CAPABILITY, NOT_MET, ModelSpec, level_name

if TYPE_CHECKING:
    from assessments.scoring.engine import _Verdict


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


def explain(model: ModelSpec, v: _Verdict, nxt: NextLevel | None, lang: str) -> tuple[str, ...]:
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
