"""The OpenAPI 3.1 document of /api/v1, built from the current model version so the enums of
codes and the value ranges are the ones the API actually enforces."""

from assessments.api.score_input import SIZE_LIMITS
from assessments.business_kpis import KPIS
from maturity.selectors import ModelContent

ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "object",
            "description": "Field path (e.g. indicators.e_work_order_pct, checklist[0], $) → messages.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        }
    },
}


LARGEST_NUMBER = 10**12  # assessments.api.score_input.LARGEST_NUMBER


def _metric_schema(metric) -> dict:
    if metric.type == "boolean":
        return {"type": ["boolean", "null"], "description": metric.name_en or metric.name_zh}
    if metric.type == "choice":
        return {
            "enum": [*(option["code"] for option in metric.options), None],
            "description": metric.name_en or metric.name_zh,
        }
    schema: dict = {"type": ["integer", "null"] if metric.type == "count" else ["number", "null"]}
    schema["minimum"] = metric.min_value if metric.min_value is not None else -LARGEST_NUMBER
    schema["maximum"] = metric.max_value if metric.max_value is not None else LARGEST_NUMBER
    schema["description"] = metric.name_en or metric.name_zh
    return schema


def business_request_schema() -> dict:
    properties: dict = {
        code: {
            "type": ["integer", "null"],
            "minimum": 0,
            "maximum": top,
            "description": "Company size; with both size figures the response has business_case.",
        }
        for code, top in SIZE_LIMITS.items()
    }
    for kpi in KPIS:
        if kpi.kind == "choice":
            properties[kpi.code] = {
                "enum": [*(code for code, _label in kpi.options), None],
                "description": kpi.name["en"],
            }
        else:
            properties[kpi.code] = {
                "type": ["number", "null"],
                "minimum": kpi.min,
                "maximum": kpi.max,
                "description": f"{kpi.name['en']} ({kpi.unit['en']}). {kpi.help['en']}",
            }
    return {
        "description": "Optional operational KPIs and size figures (null = unknown). They never "
        "change the diagnosis; with technicians and annual_work_orders the response carries "
        "business_case, what reaching the next level is worth as a range.",
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": properties,
    }


def _range(*, nullable_high: bool = False, typical: bool = True) -> dict:
    number = {"type": "number", "minimum": 0}
    props = {
        "low": number,
        "high": {"type": ["number", "null"], "minimum": 0} if nullable_high else number,
    }
    if typical:
        props["typical"] = number
    return props


def business_case_schema() -> dict:
    text_list = {"type": "array", "items": {"type": "string"}}
    payback = _range(nullable_high=True)
    return {
        "oneOf": [
            {"type": "null"},
            {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "level",
                    "target_level",
                    "productivity_gain",
                    "realisation",
                    "figures",
                    "investment_wan",
                    "payback_months",
                    "payback_missing",
                    "seed_payback_months",
                    "notes",
                ],
                "properties": {
                    "level": {"type": "integer", "minimum": 1, "maximum": 4},
                    "target_level": {"type": "integer", "minimum": 2, "maximum": 5},
                    "productivity_gain": {"type": "number", "minimum": 0},
                    "realisation": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["low", "typical", "high"],
                        "properties": _range(),
                    },
                    "figures": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": [
                                "code",
                                "label",
                                "unit",
                                "kind",
                                "low",
                                "typical",
                                "high",
                                "formula",
                                "sources",
                            ],
                            "properties": {
                                "code": {"type": "string"},
                                "label": {"type": "string"},
                                "unit": {"type": "string"},
                                "kind": {
                                    "enum": [
                                        "yearly_money",
                                        "one_off_money",
                                        "yearly_volume",
                                        "kpi",
                                    ]
                                },
                                **_range(),
                                "formula": {"type": "string"},
                                "sources": text_list,
                            },
                        },
                    },
                    "investment_wan": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["low", "high", "formula", "sources"],
                        "properties": {
                            **_range(nullable_high=True, typical=False),
                            "formula": {"type": "string"},
                            "sources": text_list,
                        },
                    },
                    "payback_months": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["low", "typical", "high", "formula"],
                                "properties": {**payback, "formula": {"type": "string"}},
                            },
                        ]
                    },
                    "payback_missing": {"type": ["string", "null"]},
                    "seed_payback_months": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["low", "high", "source"],
                                "properties": {
                                    "low": {"type": "integer"},
                                    "high": {"type": "integer"},
                                    "source": {"type": "string"},
                                },
                            },
                        ]
                    },
                    "notes": text_list,
                },
            },
        ],
        "description": "Present when business.technicians and business.annual_work_orders were "
        "given: the yearly effect of reaching the next level as low/typical/high, each figure "
        "with its formula and the model's source sentences; null at the top level or without "
        "a level. An estimate, not a promise.",
    }


def level_schema(nullable: bool = True, top: int = 5) -> dict:
    return {"type": ["integer", "null"] if nullable else "integer", "minimum": 1, "maximum": top}


def score_request_schema(content: ModelContent) -> dict:
    top = content.levels[-1].number
    return {
        "type": "object",
        "required": ["checklist"],
        "additionalProperties": False,
        "properties": {
            "checklist": {
                "type": "array",
                "items": {"type": "string", "enum": [item.code for item in content.checklist]},
            },
            "indicators": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {m.code: _metric_schema(m) for m in content.metrics},
            },
            "dimensions": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {
                    d.code: {"type": ["integer", "null"], "minimum": 1, "maximum": top}
                    for d in content.self_assessed_dimensions
                },
            },
            "previous": {
                "description": "The company's previous official level and how many months ago "
                "it was given (Iron law 1 on re-assessment).",
                "type": ["object", "null"],
                "additionalProperties": False,
                "required": ["level", "months_ago"],
                "properties": {
                    "level": {"type": "integer", "minimum": 1, "maximum": top},
                    "months_ago": {"type": "number", "minimum": 0, "maximum": 1200},
                },
            },
            "business": business_request_schema(),
        },
    }


def score_response_schema(content: ModelContent) -> dict:
    codes = [item.code for item in content.checklist]
    levels = [str(level.number) for level in content.levels]
    top = content.levels[-1].number
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "level",
            "determined",
            "transition",
            "inconsistent",
            "needs_review",
            "checklist_counts",
            "indicator_level",
            "criteria",
            "dimension_profile",
            "weakest_dimensions",
            "next_level",
            "explanation",
            "checklist_level",
            "skipped",
            "provisional",
            "warnings",
        ],
        "properties": {
            "level": level_schema(top=top),
            "checklist_level": level_schema(top=top),
            "skipped": {"type": "boolean"},
            "provisional": {"type": "boolean"},
            "warnings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
            },
            "determined": {"type": "boolean"},
            "transition": {"type": "boolean"},
            "inconsistent": {"type": "boolean"},
            "needs_review": {"type": "boolean"},
            "checklist_counts": {
                "type": "object",
                "required": levels,
                "additionalProperties": False,
                "properties": {n: {"type": "integer", "minimum": 0} for n in levels},
            },
            "indicator_level": level_schema(top=top),
            "criteria": {
                "type": "object",
                "additionalProperties": False,
                "required": [c.code for c in content.criteria],
                "properties": {
                    c.code: {"enum": ["met", "not_met", "unknown"]} for c in content.criteria
                },
            },
            "dimension_profile": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    d.code: level_schema(False, top=top) for d in content.profile_dimensions
                },
            },
            "weakest_dimensions": {
                "type": "array",
                "items": {"enum": [d.code for d in content.profile_dimensions]},
            },
            "next_level": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": [
                            "level",
                            "missing_checklist",
                            "unmet_criteria",
                            "symptoms_to_resolve",
                        ],
                        "properties": {
                            "level": {"type": "integer", "minimum": 2, "maximum": top},
                            "missing_checklist": {"type": "array", "items": {"enum": codes}},
                            "unmet_criteria": {
                                "type": "array",
                                "items": {"enum": [c.code for c in content.criteria]},
                            },
                            "symptoms_to_resolve": {"type": "array", "items": {"enum": codes}},
                        },
                    },
                ]
            },
            "explanation": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "business_case": business_case_schema(),
        },
    }


def openapi_document(content: ModelContent) -> dict:
    error_response = {"content": {"application/json": {"schema": ERRORS}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "售后数字化成熟度诊断 API / After-sales Digital Maturity Diagnosis API",
            "version": "1",
            "description": (
                "Stateless scoring of the after-sales digital maturity self-test, and the model "
                f"itself (model version {content.version.version}). Explanations follow "
                "Accept-Language (zh-Hans by default, en)."
            ),
        },
        "paths": {
            "/api/v1/score": {
                "post": {
                    "operationId": "score",
                    "summary": "Diagnose a level from checklist ticks, KPIs and dimensions",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": score_request_schema(content)}},
                    },
                    "responses": {
                        "200": {
                            "description": "The diagnosis",
                            "content": {
                                "application/json": {"schema": score_response_schema(content)}
                            },
                        },
                        "400": {"description": "Invalid input", **error_response},
                        "413": {"description": "Body over 64 KB", **error_response},
                        "429": {"description": "Rate limit exceeded", **error_response},
                    },
                }
            },
            "/api/v1/model": {
                "get": {
                    "operationId": "model",
                    "summary": "The current maturity model version with every text",
                    "responses": {
                        "200": {
                            "description": "The model",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "304": {"description": "Not modified (ETag)"},
                    },
                }
            },
        },
    }
