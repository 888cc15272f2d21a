"""The scoring API takes operational KPIs and size figures and returns the business case."""

import jsonschema
import pytest
from django.test import override_settings

from assessments.api.openapi import openapi_document, score_response_schema

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("content")]

LEVEL_2 = ["L2.1", "L2.2"]


def post(client, body, **headers):
    return client.post("/api/v1/score", data=body, content_type="application/json", **headers)


@override_settings(SCORE_API_RATE_LIMIT=10**6)
def test_size_figures_give_the_business_case(client, content):
    body = {
        "checklist": LEVEL_2,
        "business": {
            "technicians": 40,
            "annual_work_orders": 20000,
            "annual_revenue_wan": 3000,
            "gross_margin_pct": 40,
            "parts_inventory_wan": 500,
            "ftfr_pct": None,
            "satisfaction_basis": "nps",
        },
    }
    response = post(client, body)
    assert response.status_code == 200
    data = response.json()
    jsonschema.validate(data, score_response_schema(content))
    case = data["business_case"]
    assert data["level"] == 2 and case["target_level"] == 3
    figures = {f["code"]: f for f in case["figures"]}
    assert (figures["contribution"]["low"], figures["contribution"]["typical"]) == (264.0, 456.0)
    assert figures["contribution"]["high"] == 800.0
    assert figures["freed_inventory"]["high"] == 129.63
    assert case["investment_wan"]["low"] == 200.0 and case["investment_wan"]["high"] == 800.0
    assert case["payback_months"]["low"] == 1.06
    assert case["payback_months"]["typical"] == 11.21
    assert case["payback_months"]["high"] == 34.42
    assert case["seed_payback_months"]["low"] == 12
    assert any("平均资金浪费率高达43%" in s for s in figures["capacity_orders"]["sources"])


@override_settings(SCORE_API_RATE_LIMIT=10**6)
def test_kpis_alone_are_accepted_and_change_nothing(client, content):
    plain = post(client, {"checklist": LEVEL_2}).json()
    with_kpis = post(client, {"checklist": LEVEL_2, "business": {"ftfr_pct": 80}}).json()
    assert "business_case" not in with_kpis
    assert with_kpis == plain


@override_settings(SCORE_API_RATE_LIMIT=10**6)
def test_english_and_no_payback_without_margin(client, content):
    body = {
        "checklist": ["L1.1", "L1.2", "L1.3"],
        "business": {"technicians": 12, "annual_work_orders": 6000},
    }
    data = post(client, body, HTTP_ACCEPT_LANGUAGE="en").json()
    case = data["business_case"]
    assert data["level"] == 1 and case["target_level"] == 2
    assert case["payback_months"] is None
    assert "gross margin" in case["payback_missing"]
    assert case["investment_wan"]["low"] == 15.0 and case["investment_wan"]["high"] == 60.0
    capacity = case["figures"][0]
    assert capacity["code"] == "capacity_orders"
    assert [capacity["low"], capacity["typical"], capacity["high"]] == [396.0, 684.0, 1200.0]
    assert "annual work orders 6,000" in capacity["formula"]


@override_settings(SCORE_API_RATE_LIMIT=10**6)
@pytest.mark.parametrize(
    ("business", "path"),
    [
        ({"ftfr_pct": 140}, "business.ftfr_pct"),
        ({"ftfr_pct": "80"}, "business.ftfr_pct"),
        ({"technicians": -1}, "business.technicians"),
        ({"technicians": 2.5}, "business.technicians"),
        ({"satisfaction_basis": "stars"}, "business.satisfaction_basis"),
        ({"satisfaction_basis": {}}, "business.satisfaction_basis"),
        ({"satisfaction_basis": ["nps"]}, "business.satisfaction_basis"),
        ({"profit": 1}, "business.profit"),
        ([1], "business"),
    ],
)
def test_bad_business_values_name_the_field(client, business, path):
    response = post(client, {"checklist": [], "business": business})
    assert response.status_code == 400
    assert path in response.json()["errors"]


def test_openapi_documents_the_business_object(content):
    doc = openapi_document(content)
    request = doc["paths"]["/api/v1/score"]["post"]["requestBody"]["content"]["application/json"]
    business = request["schema"]["properties"]["business"]
    assert business["properties"]["ftfr_pct"]["maximum"] == 100
    assert "technicians" in business["properties"]
    response = doc["paths"]["/api/v1/score"]["post"]["responses"]["200"]["content"]
    assert "business_case" in response["application/json"]["schema"]["properties"]
