"""The real maturity model (version 2) as the scoring engine sees it, built by hand.

No database: the scoring tests run without Django. The project builds the same `ModelSpec` from
the database (`assessments.selectors.model_spec`); this copy spells out the rules and thresholds
of the source document so the tests read like it.
"""

from pathlib import Path

import yaml

from assessments.scoring import (
    ChecklistItemSpec,
    CriterionSpec,
    DimensionSpec,
    MetricSpec,
    ModelSpec,
    verdict_rules_from_data,
)

MODEL_FILE = Path(__file__).resolve().parent.parent / "maturity" / "data" / "model_v2.yaml"

SYMPTOM_ITEMS = frozenset({"L1.1", "L1.2", "L1.3", "L1.4", "L1.5", "L2.3", "L2.4", "L2.5"})

CHECKLIST = tuple(
    ChecklistItemSpec(
        code=f"L{level}.{n}",
        level=level,
        kind="symptom" if f"L{level}.{n}" in SYMPTOM_ITEMS else "capability",
    )
    for level in range(1, 6)
    for n in range(1, 6)
)

# (code, metric, comparator, threshold)
_CRITERIA = (
    ("C1.1", "paper_work_order_pct", "gt", 60),
    ("C1.2", "customer_data_digital_pct", "lt", 30),
    ("C1.3", "has_unified_system", "is", False),
    ("C1.4", "tech_standard_op_pct", "lt", 20),
    ("C2.1", "core_system_deployed", "is", True),
    ("C2.2", "e_work_order_pct", "gt", 80),
    ("C2.3", "system_integration_pct", "lt", 30),
    ("C2.4", "data_mainly_record_query", "is", True),
    ("C2.5", "data_decision_pct", "lt", 50),
    ("C3.1", "system_integration_pct", "gt", 80),
    ("C3.2", "bi_core_coverage", "is", True),
    ("C3.3", "process_automation_pct", "gt", 60),
    ("C3.4", "data_decision_pct", "gt", 70),
    ("C3.5", "frontline_data_access", "is", True),
    ("C4.1", "ai_in_production", "is", True),
    ("C4.2", "predictive_maintenance_pct", "gt", 40),
    ("C4.3", "remote_ota_fix_pct", "gt", 30),
    ("C4.4", "proactive_outreach", "is", True),
    ("C4.5", "productivity_multiple", "ge", 4),
    ("C5.1", "platformized", "is", True),
    ("C5.2", "api_partner_count", "gt", 50),
    ("C5.3", "data_service_revenue_pct", "gt", 10),
    ("C5.4", "chain_collaboration_pct", "gt", 80),
    ("C5.5", "service_to_operations", "is", True),
)
SYMPTOM_CRITERIA = frozenset({"C1.1", "C1.2", "C1.3", "C1.4", "C2.3", "C2.4", "C2.5"})

CRITERIA = tuple(
    CriterionSpec(
        code=code,
        level=int(code[1]),
        metric=metric,
        comparator=comparator,
        threshold=threshold,
        kind="symptom" if code in SYMPTOM_CRITERIA else "capability",
    )
    for code, metric, comparator, threshold in _CRITERIA
)


def _metric(code: str) -> MetricSpec:
    if code.endswith("_pct"):
        return MetricSpec(code=code, type="percent", min=0, max=100)
    if code == "productivity_multiple":
        return MetricSpec(code=code, type="multiple", min=0, max=None)
    if code == "api_partner_count":
        return MetricSpec(code=code, type="count", min=0, max=None)
    if code == "customer_satisfaction_score":
        return MetricSpec(code=code, type="score", min=0, max=100)
    return MetricSpec(code=code, type="boolean", min=None, max=None)


METRIC_CODES = tuple(dict.fromkeys([metric for _c, metric, _o, _t in _CRITERIA]))
METRICS = (
    *(_metric(code) for code in (*METRIC_CODES, "customer_satisfaction_score")),
    MetricSpec(
        code="customer_satisfaction_basis",
        type="choice",
        min=None,
        max=None,
        options=("own_survey", "oem_csi", "nps"),
    ),
)
BOOLEAN_METRICS = frozenset(m.code for m in METRICS if m.type == "boolean")

SELF_ASSESSED_DIMENSIONS = (
    "work_orders",
    "customer_reach",
    "decision_making",
    "service_model",
    "tech_stack",
    "data_quality",
)
DIMENSIONS = (
    *(DimensionSpec(code=code, kind="self_assessed") for code in SELF_ASSESSED_DIMENSIONS),
    DimensionSpec(
        code="productivity",
        kind="measured",
        metric="productivity_multiple",
        bands=(1.2, 2, 4, 6),
    ),
    DimensionSpec(
        code="satisfaction",
        kind="measured",
        metric="customer_satisfaction_score",
        bands=(70, 75, 85, 90),
        comparable_when=("customer_satisfaction_basis", "own_survey"),
    ),
)

LEVEL_NAMES = {
    1: {"zh": "纸质化/Excel管理", "en": "Paper & Excel"},
    2: {"zh": "基础信息化", "en": "Basic digitisation"},
    3: {"zh": "数据驱动", "en": "Data-driven"},
    4: {"zh": "智能化", "en": "Intelligent"},
    5: {"zh": "生态化", "en": "Ecosystem"},
}

REAL_MODEL = ModelSpec(
    checklist=CHECKLIST,
    criteria=CRITERIA,
    metrics=METRICS,
    dimensions=DIMENSIONS,
    level_names=LEVEL_NAMES,
    rules=verdict_rules_from_data(
        yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))["verdict_rules"]
    ),
)


def items(level: int, *numbers: int) -> list[str]:
    """items(3, 1, 2, 4) -> ["L3.1", "L3.2", "L3.4"]."""
    return [f"L{level}.{n}" for n in numbers]


def first(level: int, count: int) -> list[str]:
    """The first `count` checklist items of a level."""
    return [f"L{level}.{n}" for n in range(1, count + 1)]


def ticks(**per_level: int) -> list[str]:
    """ticks(l2=3, l4=1) -> the first 3 items of level 2 and the first item of level 4."""
    codes = []
    for key, count in per_level.items():
        codes += first(int(key.removeprefix("l")), count)
    return codes


# Indicator values that meet every criterion of a level (criteria of other levels untouched
# where they share a metric: C2.3/C3.1 and C2.5/C3.4 share one, so a level's full set conflicts
# with the other's).
MEETS_LEVEL = {
    1: {
        "paper_work_order_pct": 90,
        "customer_data_digital_pct": 10,
        "has_unified_system": False,
        "tech_standard_op_pct": 5,
    },
    2: {
        "core_system_deployed": True,
        "e_work_order_pct": 95,
        "system_integration_pct": 10,
        "data_mainly_record_query": True,
        "data_decision_pct": 20,
    },
    3: {
        "system_integration_pct": 90,
        "bi_core_coverage": True,
        "process_automation_pct": 70,
        "data_decision_pct": 80,
        "frontline_data_access": True,
    },
    4: {
        "ai_in_production": True,
        "predictive_maintenance_pct": 50,
        "remote_ota_fix_pct": 40,
        "proactive_outreach": True,
        "productivity_multiple": 4,
    },
    5: {
        "platformized": True,
        "api_partner_count": 60,
        "data_service_revenue_pct": 20,
        "chain_collaboration_pct": 90,
        "service_to_operations": True,
    },
}


# Short names for the metrics, so a table row reads like an answer sheet:
# kpis(P=90, CD=10, HU=False) -> {"paper_work_order_pct": 90, ...}.
SHORT_METRICS = {
    "P": "paper_work_order_pct",
    "CD": "customer_data_digital_pct",
    "HU": "has_unified_system",
    "SO": "tech_standard_op_pct",
    "CS": "core_system_deployed",
    "E": "e_work_order_pct",
    "INT": "system_integration_pct",
    "REC": "data_mainly_record_query",
    "DD": "data_decision_pct",
    "BI": "bi_core_coverage",
    "PA": "process_automation_pct",
    "FA": "frontline_data_access",
    "AI": "ai_in_production",
    "PM": "predictive_maintenance_pct",
    "OTA": "remote_ota_fix_pct",
    "PRO": "proactive_outreach",
    "PROD": "productivity_multiple",
    "PLAT": "platformized",
    "API": "api_partner_count",
    "REV": "data_service_revenue_pct",
    "CHAIN": "chain_collaboration_pct",
    "S2O": "service_to_operations",
    "SAT": "customer_satisfaction_score",
    "BASIS": "customer_satisfaction_basis",
}


def kpis(**short) -> dict:
    """kpis(P=90, HU=False) -> {"paper_work_order_pct": 90, "has_unified_system": False}."""
    return {SHORT_METRICS[name]: value for name, value in short.items()}
