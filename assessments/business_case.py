"""What the next level is worth to one company: a range, grounded in the seed, never a promise.

Pure (no Django): plain numbers in, a `BusinessCase` out, with every text in both languages so
the caller picks one. Every figure carries the formula that produced it (with the company's own
numbers filled in) and the seed's sentences it rests on, verbatim (`SOURCES`).

How the range is built
- The anchors are the seed's: the 人效水平 row (productivity 1× → 1.2× → 2× → 4× → 6×), Li Auto's
  Level 3 figures (turnover +35%, repair time 4.2 → 2.4 h, stock-outs 12% → 3%, NPS 68 → 86),
  Tesla's Level 4 FTFR of 94%, and the table's 投资规模 and 回报周期 rows.
- An anchor is the effect of a project that does what the benchmark did: the **high** end.
  The seed's risk sentence (67% of projects miss expectations, 43% of the money is wasted on
  average) gives the two others: **typical** = high × (1 − 43%), the average project; **low** =
  high × (1 − 67%), as if only the projects that meet expectations delivered anything.
- Li Auto's figures are a Level 3 company's (the seed's Level 3 case), so they apply only to the
  step into Level 3; Tesla's FTFR only to the step into Level 4. Other steps get the productivity
  multiple alone: the seed gives no other figure for them.
- Capacity is what the productivity multiple frees; repair hours are the same capacity seen
  through repair time, so they are shown but never added to the money.
- Money: the capacity is worth revenue only if there is demand for it, and worth return only
  through the margin: the yearly contribution = revenue × gain × gross margin, so it needs the
  company's revenue *and* margin (neither is in the seed, so nothing is guessed). Freed inventory
  is cash released once (inventory × (1 − 1/1.35)), which lowers the net investment.
- The investment is the next level's 投资规模 band scaled by technicians ÷ REFERENCE_TECHNICIANS.
  The seed does not say how large the companies behind the band are: the reference size is the
  product's assumption, stated as such wherever it is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from maturity.language_codes import text_slot

LEVELS = (1, 2, 3, 4, 5)

# 人效水平 row of the comparison table.
PRODUCTIVITY = {1: 1.0, 2: 1.2, 3: 2.0, 4: 4.0, 5: 6.0}
# 投资规模 row, in 万元 (10,000 CNY); Level 5's band is open above (3000万+).
INVESTMENT_WAN: dict[int, tuple[float, float | None]] = {
    1: (0.0, 0.0),
    2: (50.0, 200.0),
    3: (200.0, 800.0),
    4: (800.0, 3000.0),
    5: (3000.0, None),
}
# 回报周期 row, in months (Level 1: "-").
PAYBACK_MONTHS: dict[int, tuple[int, int]] = {2: (18, 24), 3: (12, 18), 4: (24, 36), 5: (36, 60)}

MISSED_SHARE = 0.67  # 67%的数字化项目未达预期
WASTE_SHARE = 0.43  # 平均资金浪费率高达43%
REALISATION = {"low": 1 - MISSED_SHARE, "typical": 1 - WASTE_SHARE, "high": 1.0}

TURNOVER_GAIN = 0.35  # 库存周转率提升35% (Li Auto, Level 3)
REPAIR_HOURS = (4.2, 2.4)  # 平均维修时长从4.2小时降至2.4小时
STOCKOUT_PCT = (12.0, 3.0)  # 常用件缺货率从12%降至3%
NPS_POINTS = (68.0, 86.0)  # NPS从68升至86
TESLA_FTFR_PCT = 94.0  # FTFR达到94%

# The product's assumption, not the seed's: the size of company the 投资规模 band describes.
REFERENCE_TECHNICIANS = 40

SOURCES: dict[str, dict[str, str]] = {
    "productivity": {
        "zh": "人效水平 基准1倍 1.2倍 2倍 4倍 6倍",
        "en": "Comparison table, Productivity: baseline 1× | 1.2× | 2× | 4× | 6×",
    },
    "investment": {
        "zh": "投资规模 几乎为0 50-200万 200-800万 800-3000万 3000万+",
        "en": "Comparison table, Investment: almost zero | RMB 0.5-2 million | RMB 2-8 million | "
        "RMB 8-30 million | RMB 30 million+",
    },
    "payback": {
        "zh": "回报周期 - 18-24个月 12-18个月 24-36个月 36-60个月",
        "en": "Comparison table, Payback period: - | 18-24 months | 12-18 months | 24-36 months | "
        "36-60 months",
    },
    "risk": {
        "zh": "根据麦肯锡2024年调研,中国汽车售后行业有67%的数字化项目未达预期,平均资金浪费率高达43%。",
        "en": "According to a 2024 McKinsey survey, 67% of digital projects in China's automotive "
        "after-sales industry fell short of expectations, with an average waste of funds as high "
        "as 43%.",
    },
    "inventory": {
        "zh": "常用件缺货率从12%降至3%,库存周转率提升35%",
        "en": "The stock-out rate of common parts fell from 12% to 3%, and inventory turnover "
        "rose by 35% (Li Auto, Level 3)",
    },
    "repair_time": {
        "zh": "服务效率提升42%:平均维修时长从4.2小时降至2.4小时",
        "en": "Service efficiency up 42%: the average repair time fell from 4.2 hours to 2.4 hours "
        "(Li Auto, Level 3)",
    },
    "nps": {
        "zh": "客户满意度提升18分:NPS(净推荐值,Net Promoter Score)从68升至86",
        "en": "Customer satisfaction up 18 points: NPS (Net Promoter Score) rose from 68 to 86 "
        "(Li Auto, Level 3)",
    },
    "ftfr": {
        "zh": "FTFR达到94%(因为AI提前诊断,备件和方案都准备好了)",
        "en": "FTFR reached 94% (because AI diagnosed in advance, the parts and the fix were "
        "ready) (Tesla, Level 4)",
    },
}

ASSUMPTION_REFERENCE = {
    "zh": f"假设(非原文数字):投资规模一行对应约 {REFERENCE_TECHNICIANS} 名技师的企业;"
    "原文没有给出这些企业的规模。",
    "en": f"Assumption (not a figure from the model): the Investment row describes a company with "
    f"about {REFERENCE_TECHNICIANS} technicians; the model does not give these companies' size.",
}


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


@dataclass(frozen=True)
class Size:
    """The company's size. Money in 万元 (10,000 CNY); None = not given."""

    technicians: float = 0
    work_orders: float = 0
    revenue_wan: float | None = None
    inventory_wan: float | None = None
    gross_margin_pct: float | None = None
    repair_hours: float | None = None
    stockout_pct: float | None = None
    ftfr_pct: float | None = None
    nps: float | None = None


@dataclass(frozen=True)
class Figure:
    code: str
    label: dict[str, str]
    unit: dict[str, str]
    low: float
    typical: float
    high: float
    formula: dict[str, str]
    sources: tuple[str, ...]
    kind: str  # yearly_money | one_off_money | yearly_volume | kpi
    # Decimals shown: counted things (work orders) are whole; people (FTE) and money keep one.
    decimals: int = 1

    @property
    def values(self) -> tuple[float, float, float]:
        return (self.low, self.typical, self.high)


@dataclass(frozen=True)
class Payback:
    """Months to recover the net investment: best (low), typical and worst (high; None when the
    investment band is open above)."""

    low: float
    typical: float
    high: float | None
    formula: dict[str, str]


@dataclass
class BusinessCase:
    level: int
    target: int
    gain: float  # productivity multiple of the target ÷ the current one, minus 1
    figures: list[Figure]
    investment: tuple[float, float | None]  # scaled, 万元
    investment_formula: dict[str, str]
    payback: Payback | None
    payback_missing: dict[str, str] | None  # why there is no payback
    seed_payback: tuple[int, int] | None
    notes: list[dict[str, str]] = field(default_factory=list)

    def figure(self, code: str) -> Figure | None:
        return next((f for f in self.figures if f.code == code), None)


def num(value: float, digits: int = 1) -> str:
    """A number for a formula: thousands separated, at most `digits` decimals, no trailing 0."""
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def money_en(wan: float) -> str:
    """万元 in English: 3000 → "RMB 30 million", 50 → "RMB 500k"."""
    yuan = wan * 10_000
    if yuan >= 1_000_000:
        return f"RMB {num(yuan / 1_000_000, 2)} million"
    return f"RMB {num(yuan / 1_000, 0)}k"


def _three(base: float) -> tuple[float, float, float]:
    return tuple(base * REALISATION[k] for k in ("low", "typical", "high"))  # type: ignore[return-value]


RISK_ZH = "× 实现系数(低 33% = 1 − 67%;典型 57% = 1 − 43%;高 100%)"
RISK_EN = "× realisation (low 33% = 1 − 67%; typical 57% = 1 − 43%; high 100%)"


def productivity_gain(level: int, target: int) -> float:
    return PRODUCTIVITY[target] / PRODUCTIVITY[level] - 1


def scaled_investment(target: int, technicians: float) -> tuple[float, float | None]:
    low, high = INVESTMENT_WAN[target]
    factor = technicians / REFERENCE_TECHNICIANS
    return (low * factor, None if high is None else high * factor)


def business_case(level: int | None, size: Size) -> BusinessCase | None:
    """The case for reaching `level + 1`; None without a level or at the top level."""
    if level is None or level not in PRODUCTIVITY or level + 1 not in PRODUCTIVITY:
        return None
    target = level + 1
    gain = productivity_gain(level, target)
    m_now, m_next = PRODUCTIVITY[level], PRODUCTIVITY[target]
    ratio_text = f"({num(m_next)} ÷ {num(m_now)} − 1 = {num(gain * 100)}%)"
    figures: list[Figure] = []
    W, T = max(0.0, float(size.work_orders)), max(0.0, float(size.technicians))

    figures.append(
        Figure(
            "capacity_orders",
            _t("可多承接的工单(同样的技师)", "Extra work orders the same technicians can handle"),
            _t("张/年", "orders/year"),
            *_three(W * gain),
            _t(
                f"年工单量 {num(W, 0)} × 人效提升 {ratio_text} {RISK_ZH}",
                f"annual work orders {num(W, 0)} × productivity gain {ratio_text} {RISK_EN}",
            ),
            ("productivity", "risk"),
            "yearly_volume",
            decimals=0,
        )
    )
    freed_share = 1 - m_now / m_next
    figures.append(
        Figure(
            "technicians_freed",
            _t("同样工作量所省下的技师人力", "Technician capacity freed for the same workload"),
            _t("人", "FTE"),
            *_three(T * freed_share),
            _t(
                f"技师 {num(T, 0)} 人 × (1 − {num(m_now)} ÷ {num(m_next)} = "
                f"{num(freed_share * 100)}%) {RISK_ZH}",
                f"{num(T, 0)} technicians × (1 − {num(m_now)} ÷ {num(m_next)} = "
                f"{num(freed_share * 100)}%) {RISK_EN}",
            ),
            ("productivity", "risk"),
            "yearly_volume",
        )
    )
    revenue = size.revenue_wan
    margin = size.gross_margin_pct
    if revenue is not None:
        R = max(0.0, float(revenue))
        figures.append(
            Figure(
                "revenue_capacity",
                _t(
                    "可多承接的产值(需有相应的客户需求)",
                    "Extra revenue capacity (if demand is there)",
                ),
                _t("万元/年", "× RMB 10,000/year"),
                *_three(R * gain),
                _t(
                    f"年售后产值 {num(R)} 万元 × 人效提升 {ratio_text} {RISK_ZH}",
                    f"annual after-sales revenue {money_en(R)} × productivity gain "
                    f"{ratio_text} {RISK_EN}",
                ),
                ("productivity", "risk"),
                "yearly_money",
            )
        )
        if margin is not None:
            share = max(0.0, min(100.0, float(margin))) / 100
            figures.append(
                Figure(
                    "contribution",
                    _t(
                        "每年可多得的毛利(多出的产能有客户需求时)",
                        "Extra gross profit per year (if demand fills the extra capacity)",
                    ),
                    _t("万元/年", "× RMB 10,000/year"),
                    *_three(R * gain * share),
                    _t(
                        f"年售后产值 {num(R)} 万元 × 人效提升 {ratio_text} × 毛利率 "
                        f"{num(share * 100)}% {RISK_ZH}",
                        f"annual after-sales revenue {money_en(R)} × productivity gain "
                        f"{ratio_text} × gross margin {num(share * 100)}% {RISK_EN}",
                    ),
                    ("productivity", "risk"),
                    "yearly_money",
                )
            )
    if target == 3:
        freed_inventory_share = 1 - 1 / (1 + TURNOVER_GAIN)
        if size.inventory_wan is not None:
            inventory = max(0.0, float(size.inventory_wan))
            figures.append(
                Figure(
                    "freed_inventory",
                    _t(
                        "周转加快释放的备件库存资金(一次性)",
                        "Cash released from parts inventory (once)",
                    ),
                    _t("万元", "× RMB 10,000"),
                    *_three(inventory * freed_inventory_share),
                    _t(
                        f"备件库存 {num(inventory)} 万元 × (1 − 1 ÷ 1.35 = "
                        f"{num(freed_inventory_share * 100)}%) {RISK_ZH}",
                        f"parts inventory {money_en(inventory)} × (1 − 1 ÷ 1.35 = "
                        f"{num(freed_inventory_share * 100)}%) {RISK_EN}",
                    ),
                    ("inventory", "risk"),
                    "one_off_money",
                )
            )
        if size.repair_hours is not None:
            saved_share = 1 - REPAIR_HOURS[1] / REPAIR_HOURS[0]
            hours = max(0.0, float(size.repair_hours))
            figures.append(
                Figure(
                    "repair_hours_saved",
                    _t(
                        "节省的维修工时(与上面的产能是同一效果,不重复计入金额)",
                        "Repair hours saved (the same effect as the capacity above; "
                        "not added to the money)",
                    ),
                    _t("小时/年", "hours/year"),
                    *_three(W * hours * saved_share),
                    _t(
                        f"年工单量 {num(W, 0)} × 平均维修时长 {num(hours)} 小时 × "
                        f"(1 − 2.4 ÷ 4.2 = {num(saved_share * 100)}%) {RISK_ZH}",
                        f"annual work orders {num(W, 0)} × average repair time {num(hours)} h × "
                        f"(1 − 2.4 ÷ 4.2 = {num(saved_share * 100)}%) {RISK_EN}",
                    ),
                    ("repair_time", "risk"),
                    "yearly_volume",
                )
            )
        if size.stockout_pct is not None:
            cut = 1 - STOCKOUT_PCT[1] / STOCKOUT_PCT[0]
            now = max(0.0, min(100.0, float(size.stockout_pct)))
            figures.append(
                Figure(
                    "stockout_points",
                    _t("缺货率可下降的百分点", "Stock-out rate cut, in percentage points"),
                    _t("个百分点", "points"),
                    *_three(now * cut),
                    _t(
                        f"当前缺货率 {num(now)}% × (1 − 3 ÷ 12 = {num(cut * 100)}%) {RISK_ZH}",
                        f"current stock-out rate {num(now)}% × (1 − 3 ÷ 12 = {num(cut * 100)}%) "
                        f"{RISK_EN}",
                    ),
                    ("inventory", "risk"),
                    "kpi",
                )
            )
        if size.nps is not None:
            rise = NPS_POINTS[1] - NPS_POINTS[0]
            room = max(0.0, 100 - float(size.nps))
            figures.append(
                Figure(
                    "nps_points",
                    _t("NPS 可提升的分数", "NPS rise, in points"),
                    _t("分", "points"),
                    *_three(min(rise, room)),
                    _t(
                        f"min(86 − 68 = 18, 100 − 当前 {num(float(size.nps))}) {RISK_ZH}",
                        f"min(86 − 68 = 18, 100 − current {num(float(size.nps))}) {RISK_EN}",
                    ),
                    ("nps", "risk"),
                    "kpi",
                )
            )
    if target == 4 and size.ftfr_pct is not None:
        gap = max(0.0, TESLA_FTFR_PCT - max(0.0, min(100.0, float(size.ftfr_pct)))) / 100
        figures.append(
            Figure(
                "repeat_visits_avoided",
                _t(
                    "可避免的返修到店(按首次修复率)",
                    "Repeat visits avoided (by first-time fix rate)",
                ),
                _t("次/年", "visits/year"),
                *_three(W * gap),
                _t(
                    f"年工单量 {num(W, 0)} × (94% − 当前 FTFR {num(float(size.ftfr_pct))}%) "
                    f"{RISK_ZH}",
                    f"annual work orders {num(W, 0)} × (94% − current FTFR "
                    f"{num(float(size.ftfr_pct))}%) {RISK_EN}",
                ),
                ("ftfr", "risk"),
                "yearly_volume",
            )
        )

    investment = scaled_investment(target, T)
    band_low, band_high = INVESTMENT_WAN[target]
    band_zh = f"{num(band_low)}-{num(band_high)}万" if band_high is not None else "3000万+"
    band_en = (
        f"{money_en(band_low)}-{money_en(band_high)}"
        if band_high is not None
        else "RMB 30 million+"
    )
    investment_formula = _t(
        f"Level {target} 投资规模 {band_zh} × 技师 {num(T, 0)} 人 ÷ {REFERENCE_TECHNICIANS} 人(假设)",
        f"Level {target} investment {band_en} × {num(T, 0)} technicians ÷ "
        f"{REFERENCE_TECHNICIANS} (assumed)",
    )

    payback, missing = _payback(figures, investment)
    notes = [ASSUMPTION_REFERENCE]
    if revenue is not None:
        notes.append(
            _t(
                "多出的产能只有在有客户需求时才变成产值和毛利;技师工时没有排满时,这一步的效果主要是"
                "同样的工作量需要更少的技师人力(见上表),而不是更多收入。",
                "Extra capacity becomes revenue and gross profit only when there is demand for it; "
                "while technicians are not fully booked, the step mainly means the same workload "
                "needs fewer technicians (see above), not more revenue.",
            )
        )
    if target not in (3, 4):
        notes.append(
            _t(
                f"原文为 Level {target} 只给出了人效倍数,没有库存、维修时长等数字,这里不作推算。",
                f"For Level {target} the model gives only the productivity multiple, no inventory "
                "or repair-time figures, so none are estimated here.",
            )
        )
    return BusinessCase(
        level=level,
        target=target,
        gain=gain,
        figures=figures,
        investment=investment,
        investment_formula=investment_formula,
        payback=payback,
        payback_missing=missing,
        seed_payback=PAYBACK_MONTHS.get(target),
        notes=notes,
    )


def _payback(figures: list[Figure], investment) -> tuple[Payback | None, dict | None]:
    contribution = next((f for f in figures if f.code == "contribution"), None)
    if contribution is None:
        return None, _t(
            "回收期需要年售后产值和毛利率:产能只有变成毛利才是回报,原文没有这两个数字,这里不作猜测。",
            "The payback needs the annual after-sales revenue and the gross margin: capacity is a "
            "return only as gross profit, and the model gives neither figure, so none is guessed.",
        )
    if contribution.high <= 0:
        return None, _t(
            "按所填数字,每年多得的毛利为 0,无法收回投入。",
            "With the figures given, the extra gross profit is zero: the investment is not "
            "recovered.",
        )
    freed = next((f for f in figures if f.code == "freed_inventory"), None)
    freed_low, freed_typical, freed_high = freed.values if freed else (0.0, 0.0, 0.0)
    inv_low, inv_high = investment
    inv_mid = (inv_low + inv_high) / 2 if inv_high is not None else inv_low

    def months(invest, released, per_year):
        if per_year <= 0:
            return None
        return 12 * max(0.0, invest - released) / per_year

    best = months(inv_low, freed_high, contribution.high)
    typical = months(inv_mid, freed_typical, contribution.typical)
    worst = None if inv_high is None else months(inv_high, freed_low, contribution.low)
    formula = _t(
        "回收期(月) = 12 × (投入 − 释放的库存资金) ÷ 每年多得的毛利;"
        "最短 = 投入下限、释放与毛利取高;典型 = 投入中值、取典型;最长 = 投入上限、释放与毛利取低",
        "payback (months) = 12 × (investment − released inventory cash) ÷ extra gross profit per "
        "year; shortest = lowest investment with the high release and profit; typical = the "
        "middle of the band with the typical ones; longest = highest investment with the low ones",
    )
    return Payback(low=best, typical=typical, high=worst, formula=formula), None  # type: ignore[arg-type]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def business_case_api_dict(case: BusinessCase | None, language: str) -> dict | None:
    """The case as the scoring API returns it (`business_case`), texts in `language`."""
    if case is None:
        return None
    lang = text_slot(language)
    payback = case.payback
    return {
        "level": case.level,
        "target_level": case.target,
        "productivity_gain": round(case.gain, 4),
        "realisation": {key: round(value, 2) for key, value in REALISATION.items()},
        "figures": [
            {
                "code": figure.code,
                "label": figure.label[lang],
                "unit": figure.unit[lang],
                "kind": figure.kind,
                "low": _round(figure.low),
                "typical": _round(figure.typical),
                "high": _round(figure.high),
                "formula": figure.formula[lang],
                "sources": [SOURCES[key][lang] for key in figure.sources],
            }
            for figure in case.figures
        ],
        "investment_wan": {
            "low": _round(case.investment[0]),
            "high": _round(case.investment[1]),
            "formula": case.investment_formula[lang],
            "sources": [SOURCES["investment"][lang], ASSUMPTION_REFERENCE[lang]],
        },
        "payback_months": None
        if payback is None
        else {
            "low": _round(payback.low),
            "typical": _round(payback.typical),
            "high": _round(payback.high),
            "formula": payback.formula[lang],
        },
        "payback_missing": case.payback_missing[lang] if case.payback_missing else None,
        "seed_payback_months": None
        if case.seed_payback is None
        else {
            "low": case.seed_payback[0],
            "high": case.seed_payback[1],
            "source": SOURCES["payback"][lang],
        },
        "notes": [note[lang] for note in case.notes],
    }
