"""The scoring API contract: POST /api/v1/score."""

import json

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/score"
RESPONSE_KEYS = {
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
}


def post(client, body, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **extra)


def test_scores_a_level_2_company(client):
    response = post(
        client,
        {
            "checklist": ["L2.1", "L2.2", "L2.3", "L1.2"],
            "indicators": {"e_work_order_pct": 85, "has_unified_system": True},
            "dimensions": {"work_orders": 2},
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == RESPONSE_KEYS
    assert body["level"] == 2
    assert body["determined"] is True
    assert body["checklist_counts"] == {"1": 1, "2": 3, "3": 0, "4": 0, "5": 0}
    assert body["criteria"]["C2.2"] == "met"
    assert body["criteria"]["C1.3"] == "not_met"
    assert body["criteria"]["C3.1"] == "unknown"
    assert len(body["criteria"]) == 24
    assert body["dimension_profile"] == {"work_orders": 2}
    # One dimension known: nothing is higher, so nothing is "weakest" (rules v2, 11).
    assert body["weakest_dimensions"] == []
    assert body["next_level"]["level"] == 3
    assert body["next_level"]["missing_checklist"] == ["L3.1", "L3.2", "L3.3", "L3.4", "L3.5"]
    assert body["next_level"]["symptoms_to_resolve"] == ["L1.2", "L2.3"]
    assert body["explanation"] and all(isinstance(s, str) for s in body["explanation"])


def test_empty_checklist_gives_no_level(client):
    body = post(client, {"checklist": []}).json()
    assert body["level"] is None
    assert body["determined"] is False
    assert body["next_level"] is None


def test_needs_no_login_and_no_csrf(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, {"checklist": ["L1.1"]}).status_code == 200


def test_stores_nothing(client, django_assert_max_num_queries):
    from assessments.models import Assessment, Diagnosis

    post(client, {"checklist": ["L1.1", "L1.2", "L1.3"]})
    assert Assessment.objects.count() == 0
    assert Diagnosis.objects.count() == 0


def test_explains_in_english_when_asked(client):
    body = post(client, {"checklist": ["L3.1", "L3.2", "L3.3"]}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["level"] == 3
    text = " ".join(body["explanation"])
    chinese = post(client, {"checklist": ["L3.1", "L3.2", "L3.3"]}).json()["explanation"]
    assert "ticked" in text
    assert text != " ".join(chinese)


@pytest.mark.parametrize(
    "body, path",
    [
        ({"checklist": ["L9.9"]}, "checklist[0]"),
        ({"checklist": "L1.1"}, "checklist"),
        ({"checklist": [1]}, "checklist[0]"),
        ({}, "checklist"),
        ({"checklist": [], "extra": 1}, "extra"),
        ({"checklist": [], "indicators": {"nope": 1}}, "indicators.nope"),
        (
            {"checklist": [], "indicators": {"e_work_order_pct": True}},
            "indicators.e_work_order_pct",
        ),
        (
            {"checklist": [], "indicators": {"e_work_order_pct": "85"}},
            "indicators.e_work_order_pct",
        ),
        (
            {"checklist": [], "indicators": {"e_work_order_pct": 100.5}},
            "indicators.e_work_order_pct",
        ),
        ({"checklist": [], "indicators": {"e_work_order_pct": -1}}, "indicators.e_work_order_pct"),
        (
            {"checklist": [], "indicators": {"has_unified_system": 1}},
            "indicators.has_unified_system",
        ),
        (
            {"checklist": [], "indicators": {"has_unified_system": "yes"}},
            "indicators.has_unified_system",
        ),
        (
            {"checklist": [], "indicators": {"api_partner_count": 2.5}},
            "indicators.api_partner_count",
        ),
        (
            {"checklist": [], "indicators": {"api_partner_count": -3}},
            "indicators.api_partner_count",
        ),
        (
            {"checklist": [], "indicators": {"productivity_multiple": -0.1}},
            "indicators.productivity_multiple",
        ),
        (
            {"checklist": [], "indicators": {"customer_satisfaction_score": 101}},
            "indicators.customer_satisfaction_score",
        ),
        ({"checklist": [], "indicators": []}, "indicators"),
        ({"checklist": [], "dimensions": {"work_orders": 6}}, "dimensions.work_orders"),
        ({"checklist": [], "dimensions": {"work_orders": 0}}, "dimensions.work_orders"),
        ({"checklist": [], "dimensions": {"work_orders": 2.5}}, "dimensions.work_orders"),
        ({"checklist": [], "dimensions": {"work_orders": True}}, "dimensions.work_orders"),
        ({"checklist": [], "dimensions": {"productivity": 3}}, "dimensions.productivity"),
        ({"checklist": [], "dimensions": {"investment": 3}}, "dimensions.investment"),
        ([], "$"),
        ("null", "$"),
        ('"text"', "$"),
    ],
    ids=lambda value: str(value)[:40],
)
def test_rejects_bad_input_with_the_field_path(client, body, path):
    response = post(client, body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert path in errors, errors
    assert all(isinstance(message, str) and message for message in errors[path])


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "{",
        '{"checklist": [NaN]}',
        '{"checklist": [], "indicators": {"e_work_order_pct": NaN}}',
        '{"checklist": [], "indicators": {"e_work_order_pct": Infinity}}',
        '{"checklist": [], "indicators": {"e_work_order_pct": -Infinity}}',
    ],
)
def test_rejects_non_json_and_non_finite_numbers(client, raw):
    response = post(client, raw)
    assert response.status_code == 400
    assert "errors" in response.json()


def test_rejects_invalid_utf8(client):
    response = post(client, b"\xff\xfe{")
    assert response.status_code == 400


def test_rejects_a_body_over_64_kb(client):
    body = json.dumps({"checklist": ["L1.1"] * 20000})
    assert len(body) > 64 * 1024
    response = post(client, body)
    assert response.status_code in (400, 413)
    assert "errors" in response.json()


def test_deeply_nested_json_is_a_400_not_a_500(client):
    response = post(client, "[" * 5000 + "]" * 5000)
    assert response.status_code in (400, 413)


def test_only_post(client):
    assert client.get(URL).status_code == 405


def test_null_values_mean_unknown(client):
    body = post(
        client,
        {
            "checklist": [],
            "indicators": {"e_work_order_pct": None},
            "dimensions": {"work_orders": None},
        },
    ).json()
    assert body["criteria"]["C2.2"] == "unknown"
    assert body["dimension_profile"] == {}
