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


def _metric_schema(metric) -> dict:
    if metric.type == "boolean":
        return {"type": ["boolean", "null"]}
    schema: dict = {"type": ["integer", "null"] if metric.type == "count" else ["number", "null"]}
    if metric.min_value is not None:
        schema["minimum"] = metric.min_value
    if metric.max_value is not None:
        schema["maximum"] = metric.max_value
    schema["description"] = metric.name_en or metric.name_zh
    return schema


def level_schema(nullable: bool = True) -> dict:
    return {"type": ["integer", "null"] if nullable else "integer", "minimum": 1, "maximum": 5}


def score_request_schema(content: ModelContent) -> dict:
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
                    d.code: {"type": ["integer", "null"], "minimum": 1, "maximum": 5}
                    for d in content.self_assessed_dimensions
                },
            },
        },
    }


def score_response_schema(content: ModelContent) -> dict:
    codes = [item.code for item in content.checklist]
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
        ],
        "properties": {
            "level": level_schema(),
            "determined": {"type": "boolean"},
            "transition": {"type": "boolean"},
            "inconsistent": {"type": "boolean"},
            "needs_review": {"type": "boolean"},
            "checklist_counts": {
                "type": "object",
                "required": ["1", "2", "3", "4", "5"],
                "additionalProperties": False,
                "properties": {
                    str(n): {"type": "integer", "minimum": 0, "maximum": 5} for n in range(1, 6)
                },
            },
            "indicator_level": level_schema(),
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
                "properties": {d.code: level_schema(False) for d in content.profile_dimensions},
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
                            "level": {"type": "integer", "minimum": 2, "maximum": 5},
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
