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

from assessments.answers import diagnose_assessment
from assessments.fingerprint import files_digest
from assessments.forms import UNKNOWN
from assessments.models import Assessment
from assessments.peers import peer_benchmark
from assessments.selectors import latest_signed_review
from maturity.i18n import active_language_code
from maturity.models import Comparator, Criterion, Dimension, Level, MetricType
from maturity.selectors import ModelContent, model_content

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
class Report:
    assessment: Assessment
    content: ModelContent
    diagnosis: object  # assessments.scoring.Diagnosis in the reader's language
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
    # Where the level stands among other companies (assessments.peers.PeerBenchmark).
    peer_benchmark: object = None

    @property
    def company(self):
        return self.assessment.company


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
    if metric.type == MetricType.BOOLEAN:
        return _("是") if stored else _("否")
    return _with_unit(format_number(stored), metric.unit)


def _with_unit(number: str, unit: str) -> str:
    # "85%", "3倍", "50家" stick to the number; Latin words ("50 partners") do not.
    if not unit or unit in ("%", "×") or not unit.isascii():
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_threshold(criterion: Criterion, metric) -> str:
    if criterion.comparator == Comparator.IS:
        return _("是") if criterion.threshold else _("否")
    sign = ">" if criterion.comparator == Comparator.GREATER else "<"
    return f"{sign} {_with_unit(format_number(criterion.threshold), metric.unit)}"


def months_until_end_of(year: int, today: date) -> int:
    return (year - today.year) * 12 + (12 - today.month)


def build_report(assessment: Assessment) -> Report:
    content = model_content(assessment.model_version)
    result = diagnose_assessment(assessment, language=active_language_code())
    level = content.level(result.level) if result.level else None
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
        groups.append(LevelGroup(level=lvl, items=items, count=count, matched=count >= 3))

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
                next=dimension.cell(value + 1) if value and value < 5 else "",
                weakest=varied and dimension.code in result.weakest_dimensions,
            )
        )

    submitted = timezone.localtime(assessment.submitted_at or timezone.now()).date()
    roadmap = _roadmap(assessment, content, result, level, rows_by_code, submitted)
    return Report(
        assessment=assessment,
        content=content,
        diagnosis=result,
        level=level,
        flags=_flags(result, content),
        checklist_groups=groups,
        criteria_rows=criteria_rows,
        indicator_summary=_indicator_summary(result, content),
        dimension_rows=dimension_rows,
        roadmap=roadmap,
        laws=_laws(assessment, content, result, roadmap),
        national_position=_national_position(level),
        levels_ahead_share=_levels_ahead(level, content),
        homework_1_answer=_homework_1(result, level),
        generated_on=timezone.localdate(),
        review=latest_signed_review(assessment),
        peer_benchmark=peer_benchmark(assessment, result.level, content),
    )


def _flags(result, content) -> list[Flag]:
    flags = []
    if result.level is not None and not result.determined:
        flags.append(
            Flag(
                "undetermined",
                _("未达判定标准"),
                _(
                    "没有任何段位勾满3项,显示的段位是按勾选最多的段位保守估计的(铁律1:宁低勿高)。"
                    "建议对照各段位的描述重新核对勾选。"
                ),
            )
        )
    if result.transition:
        flags.append(
            Flag(
                "transition",
                _("过渡期"),
                _(
                    "下一级以下的段位也勾满了3项:企业正处在从 Level %(prev)d 向 Level %(level)d "
                    "跃迁的过渡期,前一段位的基础仍需巩固。"
                )
                % {"prev": result.level - 1, "level": result.level},
            )
        )
    if result.inconsistent:
        flags.append(
            Flag(
                "inconsistent",
                _("答案不一致"),
                _(
                    "比诊断段位低两级以上的段位也勾满了3项:高段位的能力和低段位的症状同时存在,"
                    "答案互相矛盾,请逐项核对。"
                ),
            )
        )
    if result.needs_review:
        flags.append(
            Flag(
                "needs_review",
                _("建议复核"),
                _(
                    "自测结果存在不确定性(未达判定标准、答案不一致,或关键指标验证的段位与自测相差两级以上),"
                    "建议由顾问或管理团队复核。"
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


def _roadmap(assessment, content, result, level, rows_by_code, today) -> Roadmap | None:
    if result.next_level is None or level is None:
        return None
    nxt = content.level(result.next_level.level)
    table = content.dimensions_by_code
    milestones, warning = _target_plan(assessment, result.level, today)
    return Roadmap(
        next_level=nxt,
        missing_items=[content.checklist_by_code[c] for c in result.next_level.missing_checklist],
        unmet_criteria=[rows_by_code[c] for c in result.next_level.unmet_criteria],
        symptoms=[content.checklist_by_code[c] for c in result.next_level.symptoms_to_resolve],
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


def _laws(assessment, content, result, roadmap) -> list[LawRow]:
    rows = {law.number: LawRow(law=law, applies=False) for law in content.iron_laws}
    ticked = set(assessment.checklist)
    level = result.level

    def add(number, reason):
        if number in rows:
            rows[number].applies = True
            rows[number].reasons.append(reason)

    if roadmap and roadmap.target_warning:
        add(1, roadmap.target_warning)
    if not result.determined and level is not None:
        add(1, _("没有段位勾满3项:按勾选最多的段位保守定位,不高估自己。"))
    if result.inconsistent:
        add(1, _("高低段位的特征同时出现:先补齐低段位的基础,再谈高段位的能力。"))
    if level == 1:
        add(1, _("当前在 Level 1:正确路径是先把系统用起来(Level 2),不要直接学特斯拉搞AI预测。"))
    if not any(assessment.pain_points):
        add(
            2,
            _(
                "还没有写下当前段位的痛点:启动数字化项目前,先回答“解决什么痛点、创造什么价值、如何衡量成功”。"
            ),
        )
    elif level in (1, 2):
        add(2, _("上新系统或项目前,先对你列出的痛点回答3个问题,并确定衡量成功的指标和目标值。"))
    data_quality = result.dimension_profile.get("data_quality")
    if data_quality is not None and data_quality <= 2:
        add(3, _("数据质量自评处于“无数据积累/数据孤岛”:数据治理要先于数据应用。"))
    if "L2.3" in ticked or result.criteria.get("C2.3") == "met":
        add(3, _("各系统间数据不互通:先定标准、清存量、控增量,再打通数据。"))
    if "L2.4" in ticked:
        add(4, _("系统使用率低、很多人线下记录再补录:需要流程重构、考核激励和全员培训的配套。"))
    if result.criteria.get("C2.5") == "met" or "L2.5" in ticked:
        add(4, _("决策仍主要靠经验:把数据使用纳入KPI,从“经验决策”转向“数据决策”。"))
    if level in (2, 3):
        add(4, _("跃迁到下一段位需要一把手工程和组织重构(见本段位的突破关键)。"))
    if level is not None and level < 5:
        add(5, _("下一步先选1-2个服务中心做MVP试点,3个月看效果,验证成功后再推广。"))
    return [rows[number] for number in sorted(rows)]


def _national_position(level: Level | None) -> str:
    if level is None:
        return ""
    return _("中国售后企业中约 %(share)s 处于 Level %(n)d(%(name)s)。") % {
        "share": level.share_label.lstrip("~"),
        "n": level.number,
        "name": level.name,
    }


def _levels_ahead(level: Level | None, content: ModelContent) -> str:
    if level is None or level.number == 5:
        return ""
    ahead = sum(lvl.share_percent for lvl in content.levels if lvl.number > level.number)
    return _("段位高于你的企业约占 %(share)s%%(按模型中各段位的中国占比估算)。") % {
        "share": format_number(round(ahead))
    }


def _homework_1(result, level: Level | None) -> str:
    if level is None:
        return _("自测清单没有勾选任何一项,无法判定段位。")
    text = _("诊断结果:Level %(n)d %(name)s(%(stage)s)。") % {
        "n": level.number,
        "name": level.name,
        "stage": level.stage,
    }
    if not result.determined:
        text += _("(未达“3项以上”标准,为保守估计)")
    return text


def report_charts(report: Report) -> dict:
    """The result page's and the PDF's charts, as inline SVG (built only from model texts and
    numbers; every label is escaped by the chart module).

    Charts are a pure function of their inputs, so they are cached under a hash of exactly those
    inputs (and of the chart code): a submitted assessment's page then skips the drawing."""
    from assessments import charts

    result = report.diagnosis
    levels = report.content.levels
    bar_args = dict(
        counts=dict(result.checklist_counts),
        level_labels={lvl.number: f"Level {lvl.number} {lvl.short_name}" for lvl in levels},
        highlight=result.level,
        title=str(_("各段位勾选数")),
        threshold_label=str(_("3项以上=该段位")),
    )
    profile = [(row.dimension.name, row.value) for row in report.dimension_rows]
    radar_args = dict(
        values=profile,
        title=str(_("维度画像")),
        compare=[result.level + 1] * len(profile) if result.level and result.level < 5 else None,
        value_label=str(_("今天")),
        compare_label=str(_("下一段位")),
    )
    scale_args = dict(
        level=result.level,
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
