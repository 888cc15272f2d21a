"""The OpenAPI 3.1 document of /api/v1, built from the current model version so the enums of
codes and the value ranges are the ones the API actually enforces."""

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


LARGEST_NUMBER = 10**12  # assessments.score_input.LARGEST_NUMBER


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
