"""The pure scoring package: plain values in, a verdict out, no Django (an import-linter
contract keeps it so).

- `spec`: the model version as plain values, and the verdict rules' codes from its data file;
- `engine`: the rules v2 (`diagnose`), clause by clause;
- `explain`: the verdict's explanation in Chinese or English;
- `result`: the verdict (`Diagnosis`) and the API's response body;
- `combine`: several respondents' answers combined into one set.
"""

from assessments.scoring.engine import band_level, diagnose, evaluate_criterion, next_level_for
from assessments.scoring.result import Diagnosis, NextLevel, VerdictWarning
from assessments.scoring.spec import (
    CAPABILITY,
    MEASURED,
    MET,
    NOT_MET,
    RULES_VERSION,
    SELF_ASSESSED,
    SYMPTOM,
    UNKNOWN,
    ChecklistItemSpec,
    Condition,
    CriterionSpec,
    DimensionSpec,
    MetricSpec,
    ModelSpec,
    Previous,
    VerdictRules,
    level_name,
    verdict_rules_from_data,
)

__all__ = [
    "CAPABILITY",
    "MEASURED",
    "MET",
    "NOT_MET",
    "RULES_VERSION",
    "SELF_ASSESSED",
    "SYMPTOM",
    "UNKNOWN",
    "ChecklistItemSpec",
    "Condition",
    "CriterionSpec",
    "Diagnosis",
    "DimensionSpec",
    "MetricSpec",
    "ModelSpec",
    "NextLevel",
    "Previous",
    "VerdictRules",
    "VerdictWarning",
    "band_level",
    "diagnose",
    "evaluate_criterion",
    "level_name",
    "next_level_for",
    "verdict_rules_from_data",
]
