"""Validating a scoring request (`POST /api/v1/score`) against a model spec.

Pure: plain JSON values in, either clean values or `{field path: [messages]}` out. Every
rejection names the field, so an integrating system can fix its request without guessing.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from assessments.answers import UNKNOWN
from assessments.business_kpis import KPIS, KPIS_BY_CODE, value_error
from assessments.scoring import ModelSpec, Previous

ALLOWED_KEYS = {"checklist", "indicators", "dimensions", "previous", "business"}
# The size figures of `business` besides the KPIs (the company profile's bounds).
SIZE_LIMITS = {"technicians": 1_000_000, "annual_work_orders": 100_000_000}
BUSINESS_KEYS = {*SIZE_LIMITS, *(kpi.code for kpi in KPIS)}
# Beyond any real figure; also keeps Python from turning a 300-digit integer into a float.
LARGEST_NUMBER = 10**12
MAX_MONTHS_AGO = 1200


@dataclass(frozen=True)
class ScoreRequest:
    checklist: tuple[str, ...]
    indicators: dict
    dimensions: dict
    previous: Previous | None = None
    # Optional operational KPIs and size figures ({code: number or basis}; null left out).
    business: dict | None = None


class ScoreInputError(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def _is_number(value) -> bool:
    # bool is an int subclass in Python, but true is not a number in a JSON contract.
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_score_request(data, spec: ModelSpec) -> ScoreRequest:
    errors: dict[str, list[str]] = {}

    def error(path: str, message: str):
        errors.setdefault(path, []).append(message)

    if not isinstance(data, dict):
        raise ScoreInputError({"$": [_("请求体必须是一个 JSON 对象。")]})
    for key in sorted(set(data) - ALLOWED_KEYS):
        error(
            key, _("未知字段。允许的字段:checklist、indicators、dimensions、previous、business。")
        )

    checklist: list[str] = []
    known_items = {item.code for item in spec.checklist}
    if "checklist" not in data:
        error("checklist", _("必填:勾选的自测清单编号列表(可以为空列表)。"))
    elif not isinstance(data["checklist"], list):
        error("checklist", _('必须是自测清单编号(如 "L2.1")组成的列表。'))
    else:
        for index, code in enumerate(data["checklist"]):
            path = f"checklist[{index}]"
            if not isinstance(code, str):
                error(path, _('必须是字符串编号,如 "L2.1"。'))
            elif code not in known_items:
                error(path, _("未知的自测清单编号:%(code)s。") % {"code": code[:20]})
            elif code not in checklist:
                checklist.append(code)

    indicators = {}
    raw_indicators = data.get("indicators", {})
    metrics = {metric.code: metric for metric in spec.metrics}
    if raw_indicators is None:
        raw_indicators = {}
    if not isinstance(raw_indicators, dict):
        error("indicators", _("必须是一个对象:{指标编号: 数值}。"))
        raw_indicators = {}
    for code, value in raw_indicators.items():
        path = f"indicators.{code}"
        metric = metrics.get(code)
        if metric is None:
            error(path, _("未知的指标编号。"))
            continue
        if value is None:
            continue  # null = unknown, same as leaving it out
        message = _metric_value_error(metric, value)
        if message:
            error(path, message)
        else:
            indicators[code] = value

    dimensions = {}
    raw_dimensions = data.get("dimensions", {})
    self_assessed = {d.code for d in spec.dimensions if d.kind == "self_assessed"}
    if raw_dimensions is None:
        raw_dimensions = {}
    if not isinstance(raw_dimensions, dict):
        error("dimensions", _("必须是一个对象:{维度编号: 1–5}。"))
        raw_dimensions = {}
    levels = spec.levels
    for code, value in raw_dimensions.items():
        path = f"dimensions.{code}"
        if code not in self_assessed:
            error(path, _("未知或不可自评的维度编号。"))
        elif value is None:
            continue
        elif (level := _whole_number(value)) is None or level not in levels:
            error(
                path,
                _("必须是 %(low)d 到 %(high)d 的整数。") % {"low": levels[0], "high": levels[-1]},
            )
        else:
            dimensions[code] = level

    previous = None
    raw_previous = data.get("previous")
    if raw_previous is not None:
        if not isinstance(raw_previous, dict) or set(raw_previous) - {"level", "months_ago"}:
            error("previous", _('必须是对象:{"level": 上次的正式段位, "months_ago": 距今月数}。'))
        else:
            level = _whole_number(raw_previous.get("level"))
            months = raw_previous.get("months_ago")
            if level is None or level not in levels:
                error(
                    "previous.level",
                    _("必须是 %(low)d 到 %(high)d 的整数。")
                    % {"low": levels[0], "high": levels[-1]},
                )
            elif (
                not _is_number(months)
                or abs(months) > LARGEST_NUMBER
                or not math.isfinite(months)
                or not 0 <= months <= MAX_MONTHS_AGO
            ):
                error(
                    "previous.months_ago",
                    _("必须是 0 到 %(max)d 之间的数值(月)。") % {"max": MAX_MONTHS_AGO},
                )
            else:
                previous = Previous(level=level, months_ago=float(months))

    business = _parse_business(data.get("business"), error)

    if errors:
        raise ScoreInputError(errors)
    return ScoreRequest(
        checklist=tuple(checklist),
        indicators=indicators,
        dimensions=dimensions,
        previous=previous,
        business=business,
    )


def _parse_business(raw, error) -> dict | None:
    """`business`: operational KPIs and size figures, each optional, null = unknown."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        error("business", _("必须是一个对象:{经营指标或规模编号: 数值}。"))
        return None
    business = {}
    for code, value in raw.items():
        path = f"business.{code}"
        if code not in BUSINESS_KEYS:
            error(path, _("未知的经营指标或规模编号。"))
            continue
        if value is None:
            continue
        if code in SIZE_LIMITS:
            number = _whole_number(value)
            if number is None or not 0 <= number <= SIZE_LIMITS[code]:
                error(path, _("必须是 0 到 %(max)d 的整数。") % {"max": SIZE_LIMITS[code]})
            else:
                business[code] = number
            continue
        kpi = KPIS_BY_CODE[code]
        if kpi.kind == "choice":
            if value_error(kpi, value) or value == UNKNOWN:
                options = "、".join(option for option, _label in kpi.options)
                error(path, _("必须是以下之一:%(options)s。") % {"options": options})
            else:
                business[code] = value
            continue
        if not _is_number(value):
            error(path, _("必须是数值(不能是字符串或布尔值)。"))
        elif abs(value) > LARGEST_NUMBER or not math.isfinite(value):
            error(path, _("数值过大。"))
        elif kpi.min is not None and value < kpi.min:
            error(path, _("不能小于 %(min)s。") % {"min": _format(kpi.min)})
        elif kpi.max is not None and value > kpi.max:
            error(path, _("不能大于 %(max)s。") % {"max": _format(kpi.max)})
        else:
            business[code] = value
    return business


def _whole_number(value) -> int | None:
    """An integer, or a float with no fraction (JSON Schema's integer accepts 3.0), else None."""
    if not _is_number(value) or abs(value) > LARGEST_NUMBER:
        return None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    return value


def _metric_value_error(metric, value) -> str | None:
    if metric.type == "boolean":
        if not isinstance(value, bool):
            return _("必须是 JSON 布尔值 true 或 false(1/0 不行)。")
        return None
    if metric.type == "choice":
        if value not in metric.options:
            return _("必须是以下之一:%(options)s。") % {"options": "、".join(metric.options)}
        return None
    if not _is_number(value):
        return _("必须是数值(不能是字符串或布尔值)。")
    if abs(value) > LARGEST_NUMBER:
        return _("数值过大。")
    if not math.isfinite(value):
        return _("必须是有限的数值。")
    if metric.type == "count" and not (isinstance(value, int) or float(value).is_integer()):
        return _("必须是整数。")
    if metric.min is not None and value < metric.min:
        return _("不能小于 %(min)s。") % {"min": _format(metric.min)}
    if metric.max is not None and value > metric.max:
        return _("不能大于 %(max)s。") % {"max": _format(metric.max)}
    return None


def _format(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
