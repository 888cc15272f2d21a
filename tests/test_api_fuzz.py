"""Property-based fuzzing of POST /api/v1/score against its OpenAPI document: whatever the body,
no 5xx, and every answer matches the documented schema."""

import json

import jsonschema
import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.api.openapi import ERRORS, openapi_document, score_response_schema

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5)
    ),
    max_leaves=20,
)


@st.composite
def business_objects(draw):
    """The optional `business` object: KPIs within their bounds or null, size figures."""
    from assessments.business_kpis import KPIS

    business = {}
    for kpi in KPIS:
        if not draw(st.booleans()):
            continue
        if kpi.kind == "choice":
            business[kpi.code] = draw(st.sampled_from([c for c, _l in kpi.options]) | st.none())
        else:
            business[kpi.code] = draw(
                st.none()
                | st.floats(min_value=kpi.min, max_value=kpi.max, allow_nan=False)
                | st.integers(min_value=int(kpi.min), max_value=int(kpi.max))
            )
    if draw(st.booleans()):
        business["technicians"] = draw(st.integers(min_value=0, max_value=1_000_000))
        business["annual_work_orders"] = draw(st.integers(min_value=0, max_value=100_000_000))
    return business


@st.composite
def valid_requests(draw, content):
    codes = [item.code for item in content.checklist]
    indicators = {}
    for metric in content.metrics:
        if not draw(st.booleans()):
            continue
        if metric.type == "boolean":
            value = draw(st.booleans() | st.none())
        elif metric.type == "choice":
            value = draw(st.sampled_from([option["code"] for option in metric.options]) | st.none())
        elif metric.type == "count":
            value = draw(st.integers(min_value=0, max_value=10_000))
        else:
            upper = metric.max_value if metric.max_value is not None else 1e6
            value = draw(
                st.floats(min_value=metric.min_value or 0, max_value=upper, allow_nan=False)
                | st.integers(min_value=int(metric.min_value or 0), max_value=int(upper))
            )
        indicators[metric.code] = value
    dimensions = {
        d.code: draw(st.integers(min_value=1, max_value=5))
        for d in content.self_assessed_dimensions
        if draw(st.booleans())
    }
    body = {"checklist": draw(st.lists(st.sampled_from(codes), max_size=30))}
    if indicators or draw(st.booleans()):
        body["indicators"] = indicators
    if dimensions or draw(st.booleans()):
        body["dimensions"] = dimensions
    if draw(st.booleans()):
        body["business"] = draw(business_objects())
    if draw(st.booleans()):
        body["previous"] = {
            "level": draw(st.integers(min_value=1, max_value=5)),
            "months_ago": draw(st.integers(min_value=0, max_value=120)),
        }
    return body


def post(client, body):
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post("/api/v1/score", data=data, content_type="application/json")


@override_settings(SCORE_API_RATE_LIMIT=10**9)
def test_valid_requests_get_schema_conforming_diagnoses(client, content):
    schema = score_response_schema(content)

    @FUZZ
    @given(valid_requests(content))
    def check(body):
        response = post(client, body)
        assert response.status_code == 200, (body, response.content)
        jsonschema.validate(response.json(), schema)

    check()


@override_settings(SCORE_API_RATE_LIMIT=10**9)
def test_arbitrary_json_never_breaks_the_api(client, content):
    schema = score_response_schema(content)

    @FUZZ
    @given(
        json_values
        | st.dictionaries(st.sampled_from(["checklist", "indicators", "dimensions"]), json_values)
    )
    def check(body):
        response = post(client, body)
        assert response.status_code in (200, 400), (body, response.status_code)
        jsonschema.validate(response.json(), schema if response.status_code == 200 else ERRORS)

    check()


@override_settings(SCORE_API_RATE_LIMIT=10**9)
def test_arbitrary_bytes_never_break_the_api(client):
    @FUZZ
    @given(st.binary(max_size=200))
    def check(raw):
        response = post(client, raw)
        assert response.status_code in (200, 400), raw
        if response.status_code == 400:
            jsonschema.validate(response.json(), ERRORS)

    check()


def test_the_openapi_document_is_served_and_describes_the_contract(client, content):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    operation = document["paths"]["/api/v1/score"]["post"]
    request_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert set(request_schema["properties"]) == {
        "checklist",
        "indicators",
        "dimensions",
        "previous",
        "business",
    }
    assert len(request_schema["properties"]["checklist"]["items"]["enum"]) == 25
    assert len(request_schema["properties"]["indicators"]["properties"]) == len(content.metrics)
    assert set(operation["responses"]) >= {"200", "400", "413", "429"}
    jsonschema.Draft202012Validator.check_schema(request_schema)
    assert document == json.loads(json.dumps(openapi_document(content)))
