"""Everything the result page and the PDF report show about one submitted assessment.

`build_report` gathers it once, in the reader's language, from the frozen answers, the model
version they were answered against and the scoring engine; the templates only lay it out.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessments.answers import UNKNOWN
from assessments.fingerprint import files_digest
from assessments.model_spec import model_spec_of
from assessments.models import Assessment
from assessments.reports.peers import peer_benchmark
from assessments.reports.type_placement import type_placement
from assessments.scoring import next_level_for
from assessments.selectors import latest_signed_review
from assessments.verdicts import stored_verdict
from maturity.i18n import active_language_code, pick
from maturity.models import Comparator, Criterion, Dimension, Level, MetricType
from maturity.selectors import ModelContent, model_content

# Company types with several service centres, for whom Iron law 5's pilot-then-roll-out applies.
MULTI_SITE_TYPES = ("regional_chain", "oem_direct")
MONTHS_PER_STEP_MIN = 12  # Iron law 1: 每个段位的跃迁周期:12-24个月
MONTHS_PER_STEP_MAX = 24


@dataclass
class CriterionRow:
    criterion: Criterion
    level: int
    level_name: str
    metric_name: str
    value: str
    threshold: str
    status: str  # met | not_met | unknown

    @property
    def status_label(self) -> str:
        return {"met": _("符合"), "not_met": _("不符合"), "unknown": _("未知")}[self.status]


@dataclass
class DimensionRow:
    dimension: Dimension
    value: int | None
    today: str
    next: str
    weakest: bool
    # Measured on another basis than the model's bands (e.g. NPS for satisfaction): not placed.
    not_comparable: bool = False


@dataclass
class LevelGroup:
    level: Level
    items: list  # [(ChecklistItem, ticked)]
    count: int
    matched: bool


@dataclass
class Flag:
    key: str
    title: str
    text: str


@dataclass
class LawRow:
    law: object
    applies: bool
    reasons: list[str] = field(default_factory=list)


@dataclass
class Roadmap:
    next_level: Level
    missing_items: list
    unmet_criteria: list[CriterionRow]
    symptoms: list
    barriers_title: str
    barriers_intro: str
    barriers: list[str]
    investment: str
    payback: str
    time_frame: str
    milestones: list[tuple[int, str]]
    target_warning: str


@dataclass
class NextAction:
    """One of the three things to do first, and why it comes now."""

    kind: str  # build | meet | resolve
    text: str
    why: str


@dataclass
class Report:
    assessment: Assessment
    content: ModelContent
    diagnosis: object  # the stored verdict in the reader's language (diagnosis.StoredVerdict)
    # The official level: the latest signed review's confirmed level, else the computed one.
    # Everything downstream (roadmap, laws, homework 1, position) follows it.
    level: Level | None
    flags: list[Flag]
    checklist_groups: list[LevelGroup]
    criteria_rows: list[CriterionRow]
    indicator_summary: str
    dimension_rows: list[DimensionRow]
    roadmap: Roadmap | None
    laws: list[LawRow]
    national_position: str
    levels_ahead_share: str
    homework_1_answer: str
    generated_on: date
    # The consultant's review that counts (the latest signed one) or None; the PDF passes it on.
    review: object = None  # assessments.models.Review | None
    # Where the level stands among other companies (assessments.reports.peers.PeerBenchmark).
    peer_benchmark: object = None
    computed_level: Level | None = None  # the scoring engine's headline

    @property
    def company(self):
        return self.assessment.company

    @property
    def weakest_rows(self) -> list:
        """The 1-2 weakest dimensions (none when all are alike)."""
        return [row for row in self.dimension_rows if row.weakest]

    @property
    def next_actions(self) -> list[NextAction]:
        """The three next actions, from the first steps of the roadmap to the next level: the
        missing foundations first (capabilities of the next level), then its criteria, then the
        symptoms still ticked (Iron law 1: one level at a time)."""
        roadmap = self.roadmap
        if roadmap is None:
            return []
        target = roadmap.next_level.number
        actions = [
            NextAction(
                "build",
                item.text,
                _("Level %(n)d 的能力,尚未具备") % {"n": target},
            )
            for item in roadmap.missing_items
        ]
        actions += [
            NextAction(
                "meet",
                row.criterion.text,
                _("Level %(n)d 的诊断标准;今天:%(value)s") % {"n": target, "value": row.value},
            )
            for row in roadmap.unmet_criteria
        ]
        actions += [
            NextAction(
                "resolve", item.text, _("仍勾选的 Level %(n)d 问题症状") % {"n": item.level_number}
            )
            for item in roadmap.symptoms
        ]
        return actions[:3]

    @property
    def confirmed(self) -> bool:
        """A signed review confirmed a level: that level is the official one."""
        return bool(self.review and self.review.confirmed_level)

    @property
    def overridden(self) -> bool:
        """The consultant confirmed another level than the computed one."""
        return self.confirmed and self.level != self.computed_level

    @property
    def provisional(self) -> bool:
        """The computed verdict is provisional and no consultant has confirmed a level yet."""
        return self.diagnosis.provisional and not self.confirmed

    # The seed's framing (issue 11). Placed against the company's own type: the level judged is
    # the one the report shows: the official level.
    @property
    def type_placement(self):
        level = self.level.number if self.level else None
        return type_placement(self.company.type, level, self.content)

    @property
    def closing_title(self) -> str:
        return self.content.text("closing_title")

    @property
    def closing(self) -> str:
        return self.content.text("closing")


def format_number(value: float) -> str:
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def format_metric_value(metric, stored) -> str:
    if stored is None:
        return _("未填写")
    if stored == UNKNOWN:
        return _("不清楚")
    if metric.type == MetricType.CHOICE:
        labels = {option["code"]: pick(option["label"]) for option in metric.options}
        return labels.get(stored, str(stored))
    if metric.type == MetricType.BOOLEAN:
        return boolean_label(metric.code, stored)
    return _with_unit(format_number(stored), metric.unit)


def _with_unit(number: str, unit: str) -> str:
    # "85%", "3倍", "50家" stick to the number; Latin words ("50 partners") do not.
    if not unit or unit in ("%", "×") or not unit.isascii():
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_threshold(criterion: Criterion, metric) -> str:
    if criterion.comparator == Comparator.IS:
        return boolean_label(metric.code, criterion.threshold)
    sign = {Comparator.GREATER: ">", Comparator.AT_LEAST: "≥"}.get(criterion.comparator, "<")
    return f"{sign} {_with_unit(format_number(criterion.threshold), metric.unit)}"


def months_until_end_of(year: int, today: date) -> int:
    return (year - today.year) * 12 + (12 - today.month)


def build_report(assessment: Assessment) -> Report:
    content = model_content(assessment.model_version)
    result = stored_verdict(assessment, language=active_language_code())
    computed_level = content.level(result.level) if result.level else None
    review = latest_signed_review(assessment)
    official = review.confirmed_level if review and review.confirmed_level else result.level
    level = content.level(official) if official else None
    metrics = content.metrics_by_code
    checklist = set(assessment.checklist)

    criteria_rows = []
    for criterion in content.criteria:
        metric = metrics[criterion.metric_code]
        criteria_rows.append(
            CriterionRow(
                criterion=criterion,
                level=criterion.level_number,
                level_name=content.level(criterion.level_number).name,
                metric_name=metric.name,
                value=format_metric_value(metric, assessment.indicators.get(metric.code)),
                threshold=format_threshold(criterion, metric),
                status=result.criteria[criterion.code],
            )
        )
    rows_by_code = {row.criterion.code: row for row in criteria_rows}

    groups = []
    for lvl in content.levels:
        items = [(item, item.code in checklist) for item in content.checklist_of_level(lvl.number)]
        count = result.checklist_counts[lvl.number]
        groups.append(
            LevelGroup(
                level=lvl, items=items, count=count, matched=lvl.number in result.matched_levels
            )
        )

    # "Weakest" only means something when the dimensions differ.
    varied = len(set(result.dimension_profile.values())) > 1
    dimension_rows = []
    for dimension in content.profile_dimensions:
        value = result.dimension_profile.get(dimension.code)
        dimension_rows.append(
            DimensionRow(
                dimension=dimension,
                value=value,
                today=dimension.cell(value) if value else "",
                next=dimension.cell(value + 1) if value and value < len(content.levels) else "",
                weakest=varied and dimension.code in result.weakest_dimensions,
                not_comparable=dimension.code in result.not_comparable,
            )
        )

    submitted = timezone.localtime(assessment.submitted_at or timezone.now()).date()
    next_level = next_level_for(
        model_spec_of(assessment.model_version), checklist, result.criteria, official
    )
    roadmap = _roadmap(assessment, content, next_level, level, rows_by_code, submitted)
    return Report(
        assessment=assessment,
        content=content,
        diagnosis=result,
        level=level,
        computed_level=computed_level,
        flags=_flags(result, content),
        checklist_groups=groups,
        criteria_rows=criteria_rows,
        indicator_summary=_indicator_summary(result, content),
        dimension_rows=dimension_rows,
        roadmap=roadmap,
        laws=_laws(assessment, content, result, roadmap, level),
        national_position=_national_position(level),
        levels_ahead_share=_levels_ahead(level, content),
        homework_1_answer=_homework_1(result, level, confirmed=official != result.level),
        generated_on=timezone.localdate(),
        review=review,
        peer_benchmark=peer_benchmark(assessment, official, content),
    )


def _flags(result, content) -> list[Flag]:
    flags = []
    if result.level is not None and not result.determined:
        flags.append(
            Flag(
                "undetermined",
                _("未达判定标准"),
                _(
                    "自测清单上没有任何段位达到判定标准,显示的段位依据关键指标或勾选最多的段位保守估计"
                    "(铁律1:宁低勿高)。建议对照各段位的描述重新核对勾选。"
                ),
            )
        )
    if result.skipped:
        flags.append(
            Flag(
                "skipped",
                _("越级"),
                _(
                    "勾选了 Level %(checklist)d 的能力,但中间段位的基础没有到位;"
                    "按铁律1“不要越级打怪”,诊断段位取已经打牢的基础。"
                )
                % {"checklist": result.checklist_level},
            )
        )
    if result.transition:
        flags.append(
            Flag(
                "transition",
                _("过渡期"),
                _(
                    "比诊断段位低一级的 Level %(prev)d 仍勾选了3项以上的症状:企业正处在从 "
                    "Level %(prev)d 向 Level %(level)d 跃迁的过渡期,前一段位的基础仍需巩固。"
                )
                % {"prev": result.checklist_level - 1, "level": result.checklist_level},
            )
        )
    if result.inconsistent:
        flags.append(
            Flag(
                "inconsistent",
                _("答案不一致"),
                _(
                    "比自测段位低两级以上的段位仍有3项以上问题症状:高段位的能力和低段位的症状同时存在,"
                    "请逐项核对。"
                ),
            )
        )
    for warning in result.warnings:
        flags.append(
            Flag("warning", _("数据提示 %(code)s") % {"code": warning["code"]}, warning["message"])
        )
    if result.provisional:
        flags.append(
            Flag(
                "needs_review",
                _("暂定结果,建议复核"),
                _(
                    "自测结果存在不确定性(见上方说明与数据提示),段位为暂定,"
                    "建议由顾问或管理团队复核并确认。"
                ),
            )
        )
    return flags


def _indicator_summary(result, content) -> str:
    if result.indicator_level is None:
        return _("关键指标不足以验证任何段位(每个段位至少需要3项诊断标准符合)。")
    name = content.level(result.indicator_level).name
    if result.level is None:
        return _("关键指标显示 Level %(n)d(%(name)s)。") % {
            "n": result.indicator_level,
            "name": name,
        }
    gap = result.indicator_level - result.level
    values = {"n": result.indicator_level, "name": name, "level": result.level}
    if gap == 0:
        return _("关键指标验证的段位是 Level %(n)d(%(name)s),与自测结果一致。") % values
    if abs(gap) == 1:
        return (
            _(
                "关键指标验证的段位是 Level %(n)d(%(name)s),与自测的 Level %(level)d 相差一级,值得留意。"
            )
            % values
        )
    return (
        _(
            "关键指标验证的段位是 Level %(n)d(%(name)s),与自测的 Level %(level)d 相差两级以上,需要复核。"
        )
        % values
    )


def _roadmap(assessment, content, next_level, level, rows_by_code, today) -> Roadmap | None:
    if next_level is None or level is None:
        return None
    nxt = content.level(next_level.level)
    table = content.dimensions_by_code
    milestones, warning = _target_plan(assessment, level.number, today)
    return Roadmap(
        next_level=nxt,
        missing_items=[content.checklist_by_code[c] for c in next_level.missing_checklist],
        unmet_criteria=[rows_by_code[c] for c in next_level.unmet_criteria],
        symptoms=[content.checklist_by_code[c] for c in next_level.symptoms_to_resolve],
        barriers_title=level.barriers_title,
        barriers_intro=level.barriers_intro,
        barriers=level.barriers,
        investment=table["investment"].cell(nxt.number) if "investment" in table else "",
        payback=table["payback"].cell(nxt.number) if "payback" in table else "",
        time_frame=_("%(min)d-%(max)d个月")
        % {"min": MONTHS_PER_STEP_MIN, "max": MONTHS_PER_STEP_MAX},
        milestones=milestones,
        target_warning=warning,
    )


def _target_plan(assessment, level: int, today: date) -> tuple[list[tuple[int, str]], str]:
    """Milestones level by level, and Iron law 1's warning when the target is too fast."""
    target, year = assessment.target_level, assessment.target_year
    if not target or not year or target <= level:
        if target and target <= level:
            return [], _("目标段位不高于当前段位:可以把目标设为 Level %(n)d,先巩固再跃迁。") % {
                "n": level + 1
            }
        return [], ""
    steps = target - level
    months = months_until_end_of(year, today)
    milestones = []
    for step in range(1, steps + 1):
        earliest = _add_months(today, MONTHS_PER_STEP_MIN * step)
        latest = _add_months(today, MONTHS_PER_STEP_MAX * step)
        milestones.append((level + step, _("%(a)s 至 %(b)s") % {"a": earliest, "b": latest}))
    warning = ""
    if months < MONTHS_PER_STEP_MIN * steps:
        warning = _(
            "铁律1:不要越级打怪。从 Level %(level)d 到 Level %(target)d 需要跃迁 %(steps)d 个段位,"
            "每个段位的跃迁周期为12-24个月,至少需要 %(need)d 个月;而到 %(year)d 年底只有 %(months)d 个月。"
            "请放宽目标年份,或把目标定为 Level %(next)d。"
        ) % {
            "level": level,
            "target": target,
            "steps": steps,
            "need": MONTHS_PER_STEP_MIN * steps,
            "year": year,
            "months": max(months, 0),
            "next": level + 1,
        }
    elif steps > 1:
        warning = _("目标跨越 %(steps)d 个段位:必须逐级跃迁(Level %(path)s),不能跳过中间段位。") % {
            "steps": steps,
            "path": " → ".join(str(n) for n in range(level, target + 1)),
        }
    return milestones, warning


def _add_months(day: date, months: int) -> str:
    total = day.year * 12 + (day.month - 1) + months
    return f"{total // 12}-{total % 12 + 1:02d}"


def _laws(assessment, content, result, roadmap, official: Level | None) -> list[LawRow]:
    rows = {law.number: LawRow(law=law, applies=False) for law in content.iron_laws}
    ticked = set(assessment.checklist)
    level = official.number if official else None

    def add(number, reason):
        if number in rows:
            rows[number].applies = True
            rows[number].reasons.append(reason)

    # The target's pace is Iron law 1's business; a target at or below today's level is not.
    if roadmap and roadmap.target_warning and (assessment.target_level or 0) > (level or 0):
        add(1, roadmap.target_warning)
    if not result.determined and level is not None:
        add(1, _("自测清单上没有段位达到判定标准:段位按保守原则确定,不高估自己。"))
    if result.skipped:
        add(1, _("勾选了高段位的能力,但中间段位的基础没有到位:先补齐基础,再谈高段位的能力。"))
    elif (
        level is not None
        and result.checklist_level is not None
        and result.checklist_level >= level + 2
    ):
        add(
            1,
            _("自测清单指向 Level %(checklist)d,比段位高两级以上:先把当前段位做扎实,逐级跃迁。")
            % {"checklist": result.checklist_level},
        )
    if "too_fast" in result.law_1_reasons:
        add(
            1,
            _(
                "距上次诊断时间不长却提升了段位:每个段位的跃迁周期一般为12-24个月,请确认提升已真正落地。"
            ),
        )
    if result.inconsistent:
        add(1, _("高低段位的特征同时出现:先补齐低段位的基础,再谈高段位的能力。"))

    # A law's standing advice shows at the levels its data names (IronLaw.hint_levels; in v1
    # and v2: law 1 at the base level, law 2 on the way up from Level 1 or 2, when a system
    # project is about to start, law 4 at Levels 2 and 3).
    def standing(number) -> bool:
        return number in rows and level in rows[number].law.hint_levels

    if standing(1):
        add(1, _("当前在 Level 1:正确路径是先把系统用起来(Level 2),不要直接学特斯拉搞AI预测。"))
    if standing(2) and not any(assessment.pain_points):
        add(
            2,
            _(
                "还没有写下当前段位的痛点:启动数字化项目前,先回答“解决什么痛点、创造什么价值、如何衡量成功”。"
            ),
        )
    elif standing(2):
        add(2, _("上新系统或项目前,先对你列出的痛点回答3个问题,并确定衡量成功的指标和目标值。"))
    for hint in assessment.model_version.verdict_rules.get("law_hints") or ():
        if any(_hint_holds(condition, ticked, result) for condition in hint["any"]):
            add(hint["law"], pick(hint["reason"]))
    if standing(4):
        add(4, _("跃迁到下一段位需要一把手工程和组织重构(见本段位的突破关键)。"))
    # Law 5 is about rolling out across service centres: networks, chains and dealer groups.
    if (
        level is not None
        and level < content.levels[-1].number
        and assessment.company.type in MULTI_SITE_TYPES
    ):
        add(5, _("下一步先选1-2个服务中心做MVP试点,3个月看效果,验证成功后再推广。"))
    return [rows[number] for number in sorted(rows)]


def _hint_holds(condition: dict, ticked: set, result) -> bool:
    """One condition of a law hint from the model data: ticked / met / dimension_at_most."""
    if "ticked" in condition:
        return condition["ticked"] in ticked
    if "met" in condition:
        return result.criteria.get(condition["met"]) == "met"
    if "dimension_at_most" in condition:
        bound = condition["dimension_at_most"]
        value = result.dimension_profile.get(bound["code"])
        return value is not None and value <= bound["level"]
    return False


def _national_position(level: Level | None) -> str:
    if level is None:
        return ""
    return _("中国售后企业中约 %(share)s 处于 Level %(n)d(%(name)s)。") % {
        "share": level.share_label.lstrip("~"),
        "n": level.number,
        "name": level.name,
    }


def _levels_ahead(level: Level | None, content: ModelContent) -> str:
    if level is None or level.number == content.levels[-1].number:
        return ""
    ahead = sum(lvl.share_percent for lvl in content.levels if lvl.number > level.number)
    return _("段位高于你的企业约占 %(share)s%%(按模型中各段位的中国占比估算)。") % {
        "share": format_number(round(ahead))
    }


def _homework_1(result, level: Level | None, *, confirmed: bool = False) -> str:
    if level is None:
        return _("自测清单没有勾选任何一项,无法判定段位。")
    text = _("诊断结果:Level %(n)d %(name)s(%(stage)s)。") % {
        "n": level.number,
        "name": level.name,
        "stage": level.stage,
    }
    if confirmed:
        text += _("(顾问确认的段位;系统诊断为 Level %(n)d)") % {"n": result.level or 0}
    elif result.provisional:
        text += _("(暂定结果,建议复核)")
    return text


def report_charts(report: Report) -> dict:
    """The result page's and the PDF's charts, as inline SVG (built only from model texts and
    numbers; every label is escaped by the chart module).

    Charts are a pure function of their inputs, so they are cached under a hash of exactly those
    inputs (and of the chart code): a submitted assessment's page then skips the drawing."""
    from assessments.reports import charts

    result = report.diagnosis
    levels = report.content.levels
    official = report.level.number if report.level else None
    top = levels[-1].number
    bar_args = dict(
        counts=dict(result.checklist_counts),
        level_labels={lvl.number: f"Level {lvl.number} {lvl.short_name}" for lvl in levels},
        highlight=official,
        title=str(_("各段位勾选数")),
        threshold_label=str(_("3项以上=该段位")),
    )
    profile = [(row.dimension.name, row.value) for row in report.dimension_rows]
    radar_args = dict(
        values=profile,
        title=str(_("维度画像")),
        compare=[official + 1] * len(profile) if official and official < top else None,
        value_label=str(_("今天")),
        compare_label=str(_("下一段位")),
    )
    scale_args = dict(
        level=official,
        labels={lvl.number: lvl.short_name for lvl in levels},
        highlight_share={lvl.number: lvl.share_label for lvl in levels},
    )
    key = (
        "charts:"
        + hashlib.sha256(
            repr((_CHART_CODE_DIGEST, bar_args, radar_args, scale_args)).encode()
        ).hexdigest()
    )
    svgs = cache.get(key)
    if svgs is None:
        svgs = {
            "bar": charts.checklist_bar_chart(**bar_args),
            "radar": charts.radar_chart(**radar_args),
            "scale": charts.level_scale(**scale_args),
        }
        cache.set(key, svgs, CHART_CACHE_SECONDS)
    # Generated SVG; every text inside was escaped by the chart module.
    return {name: mark_safe(svg) for name, svg in svgs.items()}  # noqa: S308


CHART_CACHE_SECONDS = 24 * 60 * 60
_CHART_CODE_DIGEST = files_digest([Path(__file__).resolve().parent / "charts.py"])


def boolean_label(metric_code: str, value: bool) -> str:
    """A yes/no answer as a plain statement where 是/否 reads as a double negative: C1.3
    "没有统一的管理系统" is met when has_unified_system is false, and its row read
    "没有统一的管理系统 · 否 · 否"; "无统一系统 · 无统一系统" says it plainly. The criteria tables
    (result page, PDF, roadmap), progress and multi-respondent spreads all show it this way."""
    if metric_code == "has_unified_system":
        return _("有统一系统") if value else _("无统一系统")
    return _("是") if value else _("否")
