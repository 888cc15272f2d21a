"""“下一段位对你值多少”: the business case, the per-KPI benchmark and the national shares, ready
for the result page and the PDF (reads only).

Peers are the other companies of the same type *and* city tier, each counted once with its
latest official submitted result; a KPI's percentile is shown only when at least `MIN_GROUP` of
them gave that KPI. Only the KPI values are read (no name, id or date of anyone).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessments.answers import UNKNOWN
from assessments.business_case import SOURCES, BusinessCase, Size, business_case, num
from assessments.business_chart import RangeRow, range_bar_chart
from assessments.business_kpis import BENCHMARKED, KPIS_BY_CODE, LOWER, known
from assessments.models import OFFICIAL_KINDS, Assessment, AssessmentStatus
from assessments.reports.charts import level_color
from assessments.reports.peers import MIN_GROUP
from assessments.reports.type_placement import SEED_PLACEMENT
from maturity.i18n import active_language_code, pick

# The seed's national shares, each with the population it is a share of (they are not shares of
# one whole: the 35% are independent workshops only).
NATIONAL_SHARES = (
    (
        1,
        "~35%",
        {"zh": "独立售后门店", "en": "of independent after-sales workshops"},
        {
            "zh": "根据中国汽车维修行业协会2024年数据,中国仍有约35%的独立售后门店(约12万家)处于Level 1阶段,"
            "主要集中在三四线城市和县域市场。",
            "en": "According to 2024 data of the China Automobile Maintenance and Repair Association, "
            "about 35% of China's independent after-sales workshops (about 120,000) are still at "
            "Level 1, mainly in third- and fourth-tier cities and county markets.",
        },
    ),
    (
        2,
        "~48%",
        {"zh": "中国汽车售后企业", "en": "of Chinese automotive after-sales businesses"},
        {
            "zh": "根据罗兰贝格2024年研究,约48%的中国汽车售后企业处于Level 2阶段,包括大部分4S店和区域连锁。",
            "en": "According to 2024 research by Roland Berger, about 48% of Chinese automotive "
            "after-sales businesses are at Level 2, including most 4S dealerships and regional chains.",
        },
    ),
    (
        3,
        "~12%",
        {"zh": "中国售后企业", "en": "of Chinese after-sales businesses"},
        {
            "zh": "根据德勤2024年调研,仅约12%的中国售后企业达到Level 3,主要是造车新势力(蔚来、理想、小鹏)"
            "和少数头部主机厂的直营体系。",
            "en": "According to a 2024 Deloitte survey, only about 12% of Chinese after-sales businesses "
            "have reached Level 3, mainly the new EV makers (NIO, Li Auto, XPeng) and the "
            "directly run networks of a few leading OEMs.",
        },
    ),
    (
        4,
        "<3%",
        {"zh": "中国售后行业的企业", "en": "of businesses in China's after-sales industry"},
        {
            "zh": "中国售后行业达到Level 4的企业占比 < 3%。",
            "en": "Businesses at Level 4 make up < 3% of China's after-sales industry.",
        },
    ),
    (
        5,
        "<1%",
        {"zh": "(对照表未说明口径)", "en": "(the table does not say of what)"},
        {
            "zh": "中国占比 ~35% ~48% ~12% ~3% <1%",
            "en": "Share in China: ~35% ~48% ~12% ~3% <1%",
        },
    ),
)

# Seed figures a KPI can be read against: (level, value text, source key).
KPI_REFERENCES = {
    "ftfr_pct": (4, "94%", "ftfr"),
    "avg_repair_hours": (3, "4.2 → 2.4 h", "repair_time"),
    "stockout_pct": (3, "12% → 3%", "inventory"),
    "inventory_turnover": (3, "+35%", "inventory"),
}
WAITING_SOURCE = {
    "zh": "客户平均等待时长:0小时(因为是预测性的,客户自主选择时间)",
    "en": "Average customer waiting time: 0 hours (because it is predictive, customers choose "
    "their own time) (Tesla, Level 4)",
}
SATISFACTION_ROW = {
    "zh": "客户满意度 60-70分 70-75分 75-85分 85-90分 90+分",
    "en": "Comparison table, Customer satisfaction: 60-70 | 70-75 | 75-85 | 85-90 | 90+ points",
}
SATISFACTION_BANDS = {1: "60-70", 2: "70-75", 3: "75-85", 4: "85-90", 5: "90+"}


@dataclass
class FigureRow:
    label: str
    unit: str
    low: str
    typical: str
    high: str
    formula: str
    sources: list[str]
    kind: str


@dataclass
class KpiRow:
    label: str
    value: str
    percentile: int | None
    peers: int
    position: str
    reference: str
    reference_source: str


@dataclass
class BusinessSection:
    level: int | None
    target: int | None
    case: BusinessCase | None
    size_rows: list[tuple[str, str]]
    figures: list[FigureRow]
    investment: str
    investment_formula: str
    payback: str
    payback_formula: str
    payback_missing: str
    seed_payback: str
    notes: list[str]
    chart: str
    kpis: list[KpiRow]
    group_label: str
    type_sentence: str
    national: list[tuple[int, str, str, str]] = field(default_factory=list)
    investment_source: str = ""
    payback_source: str = ""
    has_figures: bool = False
    minimum: int = MIN_GROUP


def company_size(company, figures: dict | None) -> Size:
    return size_of(company.technicians or 0, company.annual_work_orders or 0, figures)


def size_of(technicians: float, work_orders: float, figures: dict | None) -> Size:
    return Size(
        technicians=technicians,
        work_orders=work_orders,
        revenue_wan=known(figures, "annual_revenue_wan"),
        inventory_wan=known(figures, "parts_inventory_wan"),
        gross_margin_pct=known(figures, "gross_margin_pct"),
        repair_hours=known(figures, "avg_repair_hours"),
        stockout_pct=known(figures, "stockout_pct"),
        ftfr_pct=known(figures, "ftfr_pct"),
        nps=known(figures, "satisfaction_score")
        if (figures or {}).get("satisfaction_basis") == "nps"
        else None,
    )


def size_from_api(business: dict) -> Size:
    """The size and KPIs of a scoring API request's `business` object."""
    return size_of(business.get("technicians", 0), business.get("annual_work_orders", 0), business)


def _peer_business_figures(company):
    """The business figures of the other companies of the same type and city tier (their latest
    official submitted result each), one query."""
    latest = (
        Assessment.objects.filter(
            company_id=OuterRef("company_id"),
            status=AssessmentStatus.SUBMITTED,
            kind__in=OFFICIAL_KINDS,
        )
        .order_by("-submitted_at")
        .values("pk")[:1]
    )
    return (
        Assessment.objects.filter(
            status=AssessmentStatus.SUBMITTED,
            kind__in=OFFICIAL_KINDS,
            company__type=company.type,
            company__city_tier=company.city_tier,
            pk=Subquery(latest),
        )
        .exclude(company_id=company.pk)
        .values_list("business", flat=True)
    )


def peer_kpi_values(company) -> dict[str, list[float]]:
    """{KPI code: values} of the other companies of the same type and city tier (latest official
    submitted result each)."""
    rows = _peer_business_figures(company)
    values: dict[str, list[float]] = {
        code: [] for code in BENCHMARKED if code != "satisfaction_score"
    }
    for business in rows:
        for code in values:
            value = known(business, code)
            if value is not None:
                values[code].append(value)
    return values


def peer_satisfaction(company, basis: str) -> list[float]:
    """Satisfaction scores of the same peers on the same basis only (different scales)."""
    rows = _peer_business_figures(company)
    return [
        value
        for business in rows
        if (business or {}).get("satisfaction_basis") == basis
        and (value := known(business, "satisfaction_score")) is not None
    ]


def percentile(value: float, others: list[float]) -> int:
    """The share of `others` below `value`, ties counted half, in whole percent."""
    below = sum(1 for other in others if other < value)
    equal = sum(1 for other in others if other == value)
    return round(100 * (below + equal / 2) / len(others))


def _fmt(value: float) -> str:
    return num(value, 1)


def _source_text(key: str, language: str) -> str:
    source = SOURCES[key]
    return pick(source, language)


def business_section(report) -> BusinessSection:
    language = active_language_code()
    assessment = report.assessment
    company = assessment.company
    figures = assessment.business or {}
    level = report.level.number if report.level else None
    size = company_size(company, figures)
    case = business_case(level, size)

    size_rows = [
        (_("技师人数"), num(size.technicians, 0)),
        (_("年工单量"), num(size.work_orders, 0)),
    ]
    for code in ("annual_revenue_wan", "gross_margin_pct", "parts_inventory_wan"):
        kpi = KPIS_BY_CODE[code]
        value = known(figures, code)
        size_rows.append(
            (pick(kpi.name), f"{_fmt(value)} {pick(kpi.unit)}" if value is not None else "—")
        )

    rows: list[FigureRow] = []
    investment = payback = payback_formula = payback_missing = seed_payback = ""
    investment_formula = ""
    notes: list[str] = []
    chart = ""
    if case is not None:
        for figure in case.figures:
            rows.append(
                FigureRow(
                    label=pick(figure.label, language),
                    unit=pick(figure.unit, language),
                    low=num(figure.low, figure.decimals),
                    typical=num(figure.typical, figure.decimals),
                    high=num(figure.high, figure.decimals),
                    formula=pick(figure.formula, language),
                    sources=[_source_text(key, language) for key in figure.sources],
                    kind=figure.kind,
                )
            )
        low, high = case.investment
        investment = f"{_fmt(low)} – {_fmt(high)}" if high is not None else f"≥ {_fmt(low)}"
        investment_formula = pick(case.investment_formula, language)
        if case.payback is not None:
            p = case.payback
            payback = _("%(low)s – %(high)s 个月(典型 %(typical)s 个月)") % {
                "low": _fmt(p.low),
                "high": _fmt(p.high) if p.high is not None else "—",
                "typical": _fmt(p.typical),
            }
            payback_formula = pick(p.formula, language)
        elif case.payback_missing:
            payback_missing = pick(case.payback_missing, language)
        if case.seed_payback:
            seed_payback = _("%(low)d–%(high)d 个月") % {
                "low": case.seed_payback[0],
                "high": case.seed_payback[1],
            }
        notes = [pick(note, language) for note in case.notes]
        chart = mark_safe(_chart(case, language))  # every text escaped by the chart module

    return BusinessSection(
        level=level,
        target=case.target if case else None,
        case=case,
        size_rows=size_rows,
        figures=rows,
        investment=investment,
        investment_formula=investment_formula,
        payback=payback,
        payback_formula=payback_formula,
        payback_missing=payback_missing,
        seed_payback=seed_payback,
        notes=notes,
        chart=chart,
        kpis=_kpi_rows(company, figures, language),
        group_label=_("%(type)s · %(tier)s")
        % {"type": company.get_type_display(), "tier": company.get_city_tier_display()},
        type_sentence=_type_sentence(company, figures),
        national=[
            (n, share, pick(denominator, language), pick(quote, language))
            for n, share, denominator, quote in NATIONAL_SHARES
            # The seed's shares are of its five levels: shown for the levels this version has.
            if n <= report.content.levels[-1].number
        ],
        investment_source=_source_text("investment", language),
        payback_source=_source_text("payback", language),
        has_figures=any(value != UNKNOWN for value in figures.values()),
    )


def _chart(case: BusinessCase, language: str) -> str:
    money = [f for f in case.figures if f.kind in ("yearly_money", "one_off_money")]
    if money:
        low, high = case.investment
        rows = [
            RangeRow(
                _("投入(按规模换算)"),
                low,
                (low + high) / 2 if high is not None else None,
                high,
                color=level_color(case.target),
            )
        ]
        rows += [
            RangeRow(pick(f.label, language), f.low, f.typical, f.high, color="#2e7d32")
            for f in money
        ]
        return range_bar_chart(
            rows,
            unit=_("万元"),
            title=_("Level %(n)d:投入与效果的区间(低 – 高,竖线为典型)") % {"n": case.target},
        )
    volume = [f for f in case.figures if f.code in ("capacity_orders", "repeat_visits_avoided")]
    rows = [
        RangeRow(pick(f.label, language), f.low, f.typical, f.high, color="#2e7d32") for f in volume
    ]
    return range_bar_chart(
        rows,
        unit=_("张/年"),
        title=_("Level %(n)d:每年可多承接的工单(低 – 高,竖线为典型)") % {"n": case.target},
    )


def _kpi_rows(company, figures: dict, language: str) -> list[KpiRow]:
    rows: list[KpiRow] = []
    peers = None
    for code in BENCHMARKED:
        value = known(figures, code)
        if value is None:
            continue
        kpi = KPIS_BY_CODE[code]
        if code == "satisfaction_score":
            basis = figures.get("satisfaction_basis")
            others = [] if basis in (None, UNKNOWN) else peer_satisfaction(company, basis)
        else:
            if peers is None:
                peers = peer_kpi_values(company)
            others = peers[code]
        shown = len(others) >= MIN_GROUP
        rank = percentile(value, others) if shown else None
        if shown:
            position = _("P%(p)d(同组 %(n)d 家企业,由低到高排列)") % {"p": rank, "n": len(others)}
            if kpi.better == LOWER:
                position += _(";该指标越低越好")
        else:
            position = _("同组填写该指标的企业不足%(n)d家,暂不显示") % {"n": MIN_GROUP}
        reference, source = _reference(code, figures, company)
        rows.append(
            KpiRow(
                label=pick(kpi.name, language),
                value=f"{_fmt(value)} {pick(kpi.unit, language)}".strip(),
                percentile=rank,
                peers=len(others),
                position=position,
                reference=reference,
                reference_source=source,
            )
        )
    return rows


def _reference(code: str, figures: dict, company) -> tuple[str, str]:
    if code in KPI_REFERENCES:
        level, text, key = KPI_REFERENCES[code]
        who = _("理想汽车") if key != "ftfr" else _("特斯拉")
        return (
            _("%(who)s(Level %(n)d):%(text)s") % {"who": who, "n": level, "text": text},
            pick(SOURCES[key]),
        )
    if code == "customer_wait_hours":
        return _("特斯拉(Level 4):0 小时"), pick(WAITING_SOURCE)
    if code == "satisfaction_score":
        basis = figures.get("satisfaction_basis")
        if basis == "nps":
            return _("理想汽车(Level 3):NPS 68 → 86"), pick(SOURCES["nps"])
        typical, _sources = SEED_PLACEMENT.get(company.type, (None, ()))
        if basis in ("oem_csi", "own_survey") and typical:
            low, high = typical
            bands = ", ".join(f"L{n} {SATISFACTION_BANDS[n]}" for n in range(low, high + 1))
            return (
                _("“%(type)s”的典型段位的客户满意度:%(bands)s 分(百分制)")
                % {"type": company.get_type_display(), "bands": bands},
                pick(SATISFACTION_ROW),
            )
    return "", ""


def _type_sentence(company, figures: dict) -> str:
    typical, _sources = SEED_PLACEMENT.get(company.type, (None, ()))
    if not typical:
        return ""
    low, high = typical
    label = f"Level {low}" if low == high else f"Level {low}-{high}"
    return _(
        "按对照表“代表企业”一行,“%(type)s”的典型段位是 %(level)s;下表的参照数字是原文中标杆企业的数字,"
        "不是同类企业的平均值。"
    ) % {"type": company.get_type_display(), "level": label}
