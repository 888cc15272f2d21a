"""The scoring API under rules v2: the headline, the checklist's own level, warnings, the
previous official level, and bad numbers that are 400s, never 500s."""

import json

import pytest

URL = "/api/v1/score"

pytestmark = pytest.mark.django_db


def post(client, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json")


def test_a_skipping_shop_gets_level_1_provisional_with_the_checklists_level_beside_it(client):
    response = post(
        client,
        {
            "checklist": ["L1.3", "L1.5", "L4.1", "L4.2", "L4.4"],
            "indicators": {
                "paper_work_order_pct": 70,
                "customer_data_digital_pct": 20,
                "has_unified_system": False,
                "core_system_deployed": False,
            },
        },
    )
    body = response.json()
    assert response.status_code == 200
    assert body["level"] == 1
    assert body["checklist_level"] == 4
    assert body["skipped"] is True
    assert body["provisional"] is True and body["needs_review"] is True
    assert body["next_level"]["level"] == 2
    assert any("不能越级" in sentence for sentence in body["explanation"])


def test_warnings_come_with_code_and_message(client):
    body = post(
        client,
        {
            "checklist": ["L2.1", "L2.2"],
            "indicators": {"paper_work_order_pct": 70, "e_work_order_pct": 90},
        },
    ).json()
    assert [w["code"] for w in body["warnings"]] == ["K1"]
    assert "110%" in body["warnings"][0]["message"]
    assert body["provisional"] is True


def test_previous_official_level_raises_iron_law_1_when_the_rise_is_too_fast(client):
    ticks = ["L2.1", "L2.2", "L3.1", "L3.2", "L3.3", "L3.4", "L3.5", "L4.1", "L4.2", "L4.3"]
    indicators = {
        "ai_in_production": True,
        "predictive_maintenance_pct": 50,
        "remote_ota_fix_pct": 40,
    }
    slow = post(
        client,
        {"checklist": ticks, "indicators": indicators, "previous": {"level": 2, "months_ago": 30}},
    ).json()
    fast = post(
        client,
        {"checklist": ticks, "indicators": indicators, "previous": {"level": 2, "months_ago": 6}},
    ).json()
    assert slow["level"] == fast["level"] == 4
    assert slow["provisional"] is True  # two levels up is always a review
    assert any("12-24" in sentence for sentence in fast["explanation"])
    assert not any("12-24" in sentence for sentence in slow["explanation"])


@pytest.mark.parametrize(
    "body, path",
    [
        (
            {"checklist": [], "indicators": {"api_partner_count": int("9" * 310)}},
            "indicators.api_partner_count",
        ),
        (
            {"checklist": [], "indicators": {"productivity_multiple": int("9" * 310)}},
            "indicators.productivity_multiple",
        ),
        (
            {"checklist": [], "dimensions": {"work_orders": int("9" * 310)}},
            "dimensions.work_orders",
        ),
        (
            {"checklist": [], "indicators": {"has_unified_system": 1}},
            "indicators.has_unified_system",
        ),
        (
            {"checklist": [], "indicators": {"core_system_deployed": 0}},
            "indicators.core_system_deployed",
        ),
        (
            {"checklist": [], "indicators": {"customer_satisfaction_basis": "csi"}},
            "indicators.customer_satisfaction_basis",
        ),
        ({"checklist": [], "previous": {"level": 9, "months_ago": 3}}, "previous.level"),
        ({"checklist": [], "previous": {"level": 2, "months_ago": -1}}, "previous.months_ago"),
        ({"checklist": [], "previous": {"level": 2}}, "previous.months_ago"),
        ({"checklist": [], "previous": 3}, "previous"),
    ],
    ids=lambda value: str(value)[:50],
)
def test_bad_values_are_a_400_naming_the_field(client, body, path):
    response = post(client, body)
    assert response.status_code == 400
    assert path in response.json()["errors"]


def test_a_whole_float_is_an_integer_dimension(client):
    response = post(client, {"checklist": [], "dimensions": {"work_orders": 3.0}})
    assert response.status_code == 200
    assert response.json()["dimension_profile"]["work_orders"] == 3


def test_satisfaction_on_another_basis_is_not_compared_with_the_bands(client):
    def profile(basis):
        return post(
            client,
            {
                "checklist": [],
                "indicators": {
                    "customer_satisfaction_score": 72,
                    "customer_satisfaction_basis": basis,
                },
            },
        ).json()["dimension_profile"]

    assert profile("own_survey")["satisfaction"] == 2
    assert "satisfaction" not in profile("nps")
    assert "satisfaction" not in profile("oem_csi")
