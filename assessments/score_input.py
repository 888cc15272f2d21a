"""Validating a scoring request (`POST /api/v1/score`) against a model spec.

Pure: plain JSON values in, either clean values or `{field path: [messages]}` out. Every
rejection names the field, so an integrating system can fix its request without guessing.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from assessments.scoring import ModelSpec

ALLOWED_KEYS = {"checklist", "indicators", "dimensions"}
MAX_ABS_NUMBER = 10**15


@dataclass(frozen=True)
class ScoreRequest:
    checklist: tuple[str, ...]
    indicators: dict
    dimensions: dict


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
        error(key, _("未知字段。允许的字段:checklist、indicators、dimensions。"))

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
    for code, value in raw_dimensions.items():
        path = f"dimensions.{code}"
        if code not in self_assessed:
            error(path, _("未知或不可自评的维度编号。"))
        elif value is None:
            continue
        elif not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            error(path, _("必须是 1 到 5 的整数。"))
        else:
            dimensions[code] = value

    if errors:
        raise ScoreInputError(errors)
    return ScoreRequest(checklist=tuple(checklist), indicators=indicators, dimensions=dimensions)


def _metric_value_error(metric, value) -> str | None:
    if metric.type == "boolean":
        if not isinstance(value, bool):
            return _("必须是 true 或 false。")
        return None
    if not _is_number(value):
        return _("必须是数值(不能是字符串或布尔值)。")
    if isinstance(value, int) and abs(value) > MAX_ABS_NUMBER:
        # A 310-digit integer is valid JSON but no float: it must not reach float arithmetic.
        return _("数值超出范围(绝对值不能超过 10^15)。")
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
