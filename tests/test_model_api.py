"""GET /api/v1/model: the whole current model as JSON, cacheable and revalidatable."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/api/v1/model"


@pytest.fixture
def document(client, content):
    response = client.get(URL)
    assert response.status_code == 200
    return json.loads(response.content.decode("utf-8"))


def by_code(entries: list[dict]) -> dict[str, dict]:
    return {entry["code"]: entry for entry in entries}


def test_url_name_and_exact_path():
    assert reverse("api_model") == URL


def test_status_content_type_and_raw_utf8(client, content):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.content.decode("utf-8")
    assert "纸质化/Excel管理" in body  # ensure_ascii=False: Chinese is not \u-escaped
    assert "\\u7eb8" not in body


def test_version_and_document_texts(document, content):
    assert document["version"] == "2"  # model v2 (issue 11) is current
    assert document["checksum"] == content.version.checksum
    assert len(document["checksum"]) == 64
    assert document["source"] == "000_e9faecbfe89754b3.txt"
    texts = document["document"]
    assert texts["table_title"] == "5级成熟度模型对照表(可打印版)"
    assert texts["core_insight"].startswith("数字化转型不是买系统")
    assert texts["glossary_title"] == "关键术语中英对照表"


def test_counts(document):
    assert len(document["levels"]) == 5
    assert len(document["checklist"]) == 25
    assert len(document["metrics"]) == 24  # v2 asks the basis of customer satisfaction
    assert len(document["criteria"]) == 24
    assert len(document["dimensions"]) == 13
    assert all(len(dimension["cells"]) == 5 for dimension in document["dimensions"])
    table = document["comparison_table"]
    assert len(table["columns"]) == 5
    assert len(table["rows"]) == 13
    assert all(len(row["cells"]) == 5 for row in table["rows"])
    assert len(document["iron_laws"]) == 5
    assert len(document["homework"]) == 3
    assert len(document["glossary"]) == 11


def test_codes_are_unique(document):
    for key in ("checklist", "metrics", "criteria", "dimensions"):
        codes = [entry["code"] for entry in document[key]]
        assert len(codes) == len(set(codes)), key
        assert all(codes), key
    assert [level["number"] for level in document["levels"]] == [1, 2, 3, 4, 5]
    assert [law["number"] for law in document["iron_laws"]] == [1, 2, 3, 4, 5]
    assert [task["number"] for task in document["homework"]] == [1, 2, 3]
    abbreviations = [term["abbreviation"] for term in document["glossary"]]
    assert len(abbreviations) == len(set(abbreviations))


def test_checklist_and_criteria_per_level(document):
    for number in range(1, 6):
        items = [item for item in document["checklist"] if item["level"] == number]
        assert [item["code"] for item in items] == [f"L{number}.{i}" for i in range(1, 6)]
    per_level = [
        len([c for c in document["criteria"] if c["level"] == number]) for number in range(1, 6)
    ]
    assert per_level == [4, 5, 5, 5, 5]


def test_verbatim_spot_checks_against_the_seed(document, seed_text):
    checklist = by_code(document["checklist"])
    criteria = by_code(document["criteria"])
    dimensions = by_code(document["dimensions"])
    laws = {law["number"]: law for law in document["iron_laws"]}
    homework = {task["number"]: task for task in document["homework"]}
    glossary = {term["abbreviation"]: term for term in document["glossary"]}

    spot_checks = [
        (checklist["L1.1"]["text"], "60%以上的工单还在用纸质或Excel记录"),
        (criteria["C3.1"]["text"], "数据中台已建成,系统集成度 > 80%"),
        (dimensions["customer_reach"]["cells"][4], "全生命周期运营"),
        (dimensions["investment"]["cells"][3], "800-3000万"),
        (
            homework[2]["prompt"],
            "列出你企业当前段位的Top 3痛点,以及跃迁到下一段位需要解决的Top 3问题",
        ),
        (laws[3]["title"], "数据治理先于数据应用"),
        (laws[5]["lead"], '不要幻想"一次性做对"。'),
        (glossary["FTFR"]["definition"], "首次维修就彻底解决问题的比例"),
        (document["levels"][0]["name"], "纸质化/Excel管理"),
        (document["levels"][2]["case"]["title"], "标杆案例:理想汽车的售后数据中台"),
    ]
    for api_value, expected in spot_checks:
        assert expected in seed_text, expected
        assert api_value == expected
    row = "技术栈 " + " ".join(dimensions["tech_stack"]["cells"][1:])
    assert row in seed_text


def test_comparison_table(document, seed_text):
    table = document["comparison_table"]
    assert table["title"] == "5级成熟度模型对照表(可打印版)"
    assert table["columns"] == [
        "Level 1 纸质化",
        "Level 2 信息化",
        "Level 3 数据驱动",
        "Level 4 智能化",
        "Level 5 生态化",
    ]
    assert "维度 " + " ".join(table["columns"]) in seed_text
    rows = {row["code"]: row for row in table["rows"]}
    assert rows["tech_stack"]["dimension"] == "技术栈"
    assert rows["tech_stack"]["cells"][0] == ""  # the seed leaves this cell empty
    assert rows["china_share"]["cells"] == ["~35%", "~48%", "~12%", "~3%", "<1%"]
    assert rows["payback"]["cells"][0] == "-"
    for row, dimension in zip(table["rows"], document["dimensions"], strict=True):
        assert row["code"] == dimension["code"]
        assert row["dimension"] == dimension["name"]
        assert row["cells"] == dimension["cells"]
        line = " ".join([row["dimension"], *[cell for cell in row["cells"] if cell]])
        assert line in seed_text.splitlines()
    empty = [(row["code"], i) for row in table["rows"] for i, c in enumerate(row["cells"]) if not c]
    assert empty == [("tech_stack", 0)]


@pytest.mark.parametrize(
    ("code", "metric", "comparator", "threshold", "level"),
    [
        ("C1.1", "paper_work_order_pct", "gt", 60, 1),
        ("C1.2", "customer_data_digital_pct", "lt", 30, 1),
        ("C1.3", "has_unified_system", "is", False, 1),
        ("C1.4", "tech_standard_op_pct", "lt", 20, 1),
        ("C2.1", "core_system_deployed", "is", True, 2),
        ("C2.2", "e_work_order_pct", "gt", 80, 2),
        ("C2.3", "system_integration_pct", "lt", 30, 2),
        ("C3.1", "system_integration_pct", "gt", 80, 3),
        ("C3.4", "data_decision_pct", "gt", 70, 3),
        ("C4.2", "predictive_maintenance_pct", "gt", 40, 4),
        ("C4.3", "remote_ota_fix_pct", "gt", 30, 4),
        ("C4.5", "productivity_multiple", "ge", 4, 4),  # v2: the table's 4x
        ("C5.2", "api_partner_count", "gt", 50, 5),
        ("C5.3", "data_service_revenue_pct", "gt", 10, 5),
        ("C5.4", "chain_collaboration_pct", "gt", 80, 5),
    ],
)
def test_criterion_fields(document, code, metric, comparator, threshold, level):
    criterion = by_code(document["criteria"])[code]
    assert criterion["metric"] == metric
    assert criterion["comparator"] == comparator
    assert criterion["level"] == level
    if isinstance(threshold, bool):
        assert criterion["threshold"] is threshold
    else:
        assert not isinstance(criterion["threshold"], bool)
        assert criterion["threshold"] == threshold


def test_criteria_reference_known_metrics_and_comparators(document):
    metrics = by_code(document["metrics"])
    for criterion in document["criteria"]:
        metric = metrics[criterion["metric"]]
        assert criterion["comparator"] in {"gt", "lt", "ge", "is"}
        assert criterion["kind"] in {"symptom", "capability"}
        if criterion["comparator"] == "is":
            assert metric["type"] == "boolean", criterion["code"]
            assert isinstance(criterion["threshold"], bool)
        else:
            assert metric["type"] != "boolean", criterion["code"]
            assert isinstance(criterion["threshold"], int | float)


def test_metric_ranges(document):
    metrics = by_code(document["metrics"])
    assert metrics["e_work_order_pct"]["range"] == {"min": 0, "max": 100}
    assert metrics["e_work_order_pct"]["type"] == "percent"
    assert metrics["api_partner_count"]["range"] == {"min": 0, "max": None}
    assert metrics["api_partner_count"]["type"] == "count"
    assert metrics["productivity_multiple"]["range"] == {"min": 0, "max": None}
    assert metrics["has_unified_system"]["range"] == {"min": None, "max": None}
    assert metrics["has_unified_system"]["type"] == "boolean"
    assert metrics["customer_satisfaction_score"]["range"] == {"min": 0, "max": 100}
    for metric in document["metrics"]:
        assert metric["name"], metric["code"]
        if metric["type"] == "percent":
            assert metric["range"] == {"min": 0, "max": 100}, metric["code"]


def test_dimension_kinds_and_bands(document):
    kinds: dict[str, list[str]] = {}
    for dimension in document["dimensions"]:
        kinds.setdefault(dimension["kind"], []).append(dimension["code"])
        assert dimension["assessment"] == dimension["kind"]
    assert {kind: len(codes) for kind, codes in kinds.items()} == {
        "reference": 5,
        "self_assessed": 6,
        "measured": 2,
    }
    assert kinds["measured"] == ["productivity", "satisfaction"]
    assert kinds["self_assessed"] == [
        "work_orders",
        "customer_reach",
        "decision_making",
        "service_model",
        "tech_stack",
        "data_quality",
    ]
    dimensions = by_code(document["dimensions"])
    assert dimensions["productivity"]["metric"] == "productivity_multiple"
    assert dimensions["productivity"]["bands"] == [1.2, 2, 4, 6]
    assert dimensions["satisfaction"]["metric"] == "customer_satisfaction_score"
    assert dimensions["satisfaction"]["bands"] == [70, 75, 85, 90]
    for dimension in document["dimensions"]:
        if dimension["kind"] != "measured":
            assert dimension["bands"] is None, dimension["code"]
            assert dimension["metric"] is None, dimension["code"]
        else:
            assert dimension["bands"] == sorted(dimension["bands"])


def test_levels(document):
    levels = document["levels"]
    assert [level["share"]["label"] for level in levels] == ["~35%", "~48%", "~12%", "~3%", "<1%"]
    assert [level["share"]["percent"] for level in levels] == [35, 48, 12, 3, 1]
    assert [level["short_name"] for level in levels] == [
        "纸质化",
        "信息化",
        "数据驱动",
        "智能化",
        "生态化",
    ]
    barriers = [level["barriers_to_next"] for level in levels]
    assert barriers[0] is None and barriers[3] is None and barriers[4] is None
    assert barriers[1]["title"] == "突破Level 2到Level 3的三大关键"
    assert len(barriers[1]["items"]) == 3
    assert barriers[2]["title"] == "从Level 3到Level 4的鸿沟"
    assert len(barriers[2]["items"]) == 3
    for level in levels:
        assert len(level["typical_features"]) == 5
        assert level["case"]["title"] and level["case"]["body"]
        assert level["industry_status"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_is_allowed(client, content, method):
    response = getattr(client, method)(URL)
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_caching_headers_and_etag_revalidation(client, content):
    response = client.get(URL)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=300"}
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert content.version.checksum in etag
    assert "Accept-Language" in response["Vary"]

    revalidated = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated["ETag"] == etag
    assert "max-age=300" in revalidated["Cache-Control"]

    changed = client.get(URL, HTTP_IF_NONE_MATCH='"some-other-version"')
    assert changed.status_code == 200
    assert json.loads(changed.content)["checksum"] == content.version.checksum


def test_etag_depends_on_the_language(client, content):
    chinese = client.get(URL)["ETag"]
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    assert chinese != english
    # A Chinese ETag does not validate the English representation.
    assert client.get(URL, HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=chinese).status_code == 200
