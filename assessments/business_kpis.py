"""The operational KPIs and size figures a company may add to an assessment (all optional).

Pure data (no Django), versioned on its own (`KPI_DEFINITIONS_VERSION`): the maturity model
version's identity does not change when these do, and none of them is ever needed for a
verdict. Values are stored on `Assessment.business` as {code: number or "unknown"}.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from assessments.answers import UNKNOWN

KPI_DEFINITIONS_VERSION = 1

HIGHER, LOWER = "higher", "lower"  # which way is better


@dataclass(frozen=True)
class Kpi:
    code: str
    name: dict[str, str]
    help: dict[str, str]
    unit: dict[str, str]
    min: float | None
    max: float | None
    better: str | None  # HIGHER | LOWER | None (a size figure, not better either way)
    kind: str = "number"  # number | choice
    options: tuple[tuple[str, dict[str, str]], ...] = ()
    integer: bool = False


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


PCT = _t("%", "%")
SATISFACTION_BASES = (
    ("nps", _t("NPS(净推荐值,−100 到 100)", "NPS (Net Promoter Score, −100 to 100)")),
    ("oem_csi", _t("主机厂CSI(百分制)", "OEM CSI (100-point scale)")),
    ("own_survey", _t("本企业的百分制调查", "Our own 100-point survey")),
)

KPIS: tuple[Kpi, ...] = (
    Kpi(
        "ftfr_pct",
        _t("首次修复率(FTFR)", "First-time fix rate (FTFR)"),
        _t(
            "最近12个月内,首次到店就彻底修好、30天内没有因同一问题返修的维修工单,占全部维修工单的比例。",
            "Repair work orders in the last 12 months fixed for good on the first visit (no "
            "return for the same problem within 30 days), as a share of all repair work orders.",
        ),
        PCT,
        0,
        100,
        HIGHER,
    ),
    Kpi(
        "avg_repair_hours",
        _t("平均维修时长", "Average repair time"),
        _t(
            "最近12个月内,维修工单从开工到完工的平均时长(不含客户等待开工的时间)。",
            "The average time from start to finish of a repair work order in the last 12 months "
            "(not counting the wait before work starts).",
        ),
        _t("小时", "hours"),
        0,
        240,
        LOWER,
    ),
    Kpi(
        "customer_wait_hours",
        _t("客户平均等待时长", "Average customer waiting time"),
        _t(
            "最近12个月内,客户从到店交车到取车的平均时长。",
            "The average time from the customer handing the car in to collecting it, over the "
            "last 12 months.",
        ),
        _t("小时", "hours"),
        0,
        720,
        LOWER,
    ),
    Kpi(
        "technician_utilisation_pct",
        _t("技师工时利用率", "Technician utilisation"),
        _t(
            "最近12个月内,技师结算工时占技师出勤工时的比例;结算工时高于出勤工时时可超过100%。",
            "Billed technician hours as a share of technicians' attended hours over the last 12 "
            "months; may exceed 100% when billed hours exceed attended hours.",
        ),
        PCT,
        0,
        200,
        HIGHER,
    ),
    Kpi(
        "stockout_pct",
        _t("常用件缺货率", "Stock-out rate of common parts"),
        _t(
            "最近3个月内,需要常用件时库存没有、需要调货或等货的次数,占常用件需求次数的比例。",
            "Times a common part was needed but not in stock (had to be transferred or ordered) "
            "in the last 3 months, as a share of all requests for common parts.",
        ),
        PCT,
        0,
        100,
        LOWER,
    ),
    Kpi(
        "inventory_turnover",
        _t("备件库存周转率", "Parts inventory turnover"),
        _t(
            "最近12个月的备件出库成本 ÷ 同期平均备件库存金额(次/年)。",
            "Cost of parts issued in the last 12 months ÷ the average parts inventory value over "
            "the same period (times a year).",
        ),
        _t("次/年", "times/year"),
        0,
        100,
        HIGHER,
    ),
    Kpi(
        "satisfaction_score",
        _t("客户满意度(NPS 或 CSI)", "Customer satisfaction (NPS or CSI)"),
        _t(
            "最近一次的 NPS 或 CSI 分值;请在下一项选择口径,不同口径的分数不能直接比较。",
            "The latest NPS or CSI score; choose its basis below, as scores on different bases "
            "cannot be compared directly.",
        ),
        _t("分", "points"),
        -100,
        100,
        HIGHER,
    ),
    Kpi(
        "satisfaction_basis",
        _t("满意度口径", "Basis of the satisfaction score"),
        _t("上一项分数的来源和量表。", "Where the score above comes from, and its scale."),
        _t("", ""),
        None,
        None,
        None,
        kind="choice",
        options=SATISFACTION_BASES,
    ),
    Kpi(
        "annual_revenue_wan",
        _t("年售后产值", "Annual after-sales revenue"),
        _t(
            "最近12个月的售后总产值(工时费 + 备件 + 其他售后收入,不含新车销售),单位万元。",
            "Total after-sales revenue in the last 12 months (labour + parts + other after-sales "
            "income, excluding new-car sales), in units of RMB 10,000.",
        ),
        _t("万元", "× RMB 10,000"),
        0,
        10_000_000,
        None,
    ),
    Kpi(
        "gross_margin_pct",
        _t("售后毛利率", "After-sales gross margin"),
        _t(
            "最近12个月售后毛利 ÷ 售后产值。计算回收期需要它:产能只有变成毛利才是回报。",
            "After-sales gross profit ÷ after-sales revenue over the last 12 months. The payback "
            "needs it: capacity is a return only as gross profit.",
        ),
        PCT,
        0,
        100,
        None,
    ),
    Kpi(
        "parts_inventory_wan",
        _t("备件库存金额", "Parts inventory value"),
        _t(
            "最近一个月末的备件库存金额(按成本),单位万元。",
            "The value of parts inventory (at cost) at the end of the last month, in units of "
            "RMB 10,000.",
        ),
        _t("万元", "× RMB 10,000"),
        0,
        10_000_000,
        None,
    ),
)
KPIS_BY_CODE = {kpi.code: kpi for kpi in KPIS}
# The operational KPIs peers are compared on (size figures are not benchmarks).
BENCHMARKED = tuple(kpi.code for kpi in KPIS if kpi.better is not None)


def value_error(kpi: Kpi, value) -> str | None:
    """None when `value` is acceptable for `kpi` (or "unknown"); else an error code:
    not_number | not_finite | below | above | not_option."""
    if value == UNKNOWN:
        return None
    if kpi.kind == "choice":
        options = {code for code, _label in kpi.options}
        return None if isinstance(value, str) and value in options else "not_option"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "not_number"
    if not math.isfinite(value):
        return "not_finite"
    if kpi.min is not None and value < kpi.min:
        return "below"
    if kpi.max is not None and value > kpi.max:
        return "above"
    return None


def known(values: dict | None, code: str) -> float | None:
    """A stored number, or None when absent, unknown or not a number."""
    value = (values or {}).get(code)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
