"""The model's data file (maturity/data/model_v1.yaml) against its seed document.

Pure Python (no Django, no database): the YAML is loaded with yaml.safe_load and every Chinese
text that comes from the seed is checked to be a VERBATIM copy of it, and every section to be
complete (no paragraph, bullet or list item left out). Tests that need the seed document skip
themselves when ../shared/seed is not beside this checkout.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "maturity" / "data" / "model_v1.yaml"
SEED_FILE = ROOT.parent / "shared/seed/000_e9faecbfe89754b3.txt"

SEED_MARKER = re.compile(r"^(?:• |\d+\. )")
BLOCK_MARKER = re.compile(r"^(?:- |\d+\. )")

LEVEL_NUMBERS = [1, 2, 3, 4, 5]
CHECKLIST_CODES = [f"L{level}.{item}" for level in LEVEL_NUMBERS for item in range(1, 6)]
CHECKLIST_SYMPTOMS = {"L1.1", "L1.2", "L1.3", "L1.4", "L1.5", "L2.3", "L2.4", "L2.5"}

METRIC_TYPES = {
    "paper_work_order_pct": "percent",
    "customer_data_digital_pct": "percent",
    "has_unified_system": "boolean",
    "tech_standard_op_pct": "percent",
    "core_system_deployed": "boolean",
    "e_work_order_pct": "percent",
    "system_integration_pct": "percent",
    "data_mainly_record_query": "boolean",
    "data_decision_pct": "percent",
    "bi_core_coverage": "boolean",
    "process_automation_pct": "percent",
    "frontline_data_access": "boolean",
    "ai_in_production": "boolean",
    "predictive_maintenance_pct": "percent",
    "remote_ota_fix_pct": "percent",
    "proactive_outreach": "boolean",
    "productivity_multiple": "multiple",
    "platformized": "boolean",
    "api_partner_count": "count",
    "data_service_revenue_pct": "percent",
    "chain_collaboration_pct": "percent",
    "service_to_operations": "boolean",
    "customer_satisfaction_score": "score",
}
METRIC_RANGES = {  # type -> (unit, min, max)
    "percent": ({"zh": "%", "en": "%"}, 0, 100),
    "boolean": ({"zh": "是/否", "en": "yes/no"}, None, None),
    "multiple": ({"zh": "倍", "en": "×"}, 0, None),
    "count": ({"zh": "家", "en": "partners"}, 0, None),
    "score": ({"zh": "分", "en": "points"}, 0, 100),
}

# code -> (level, kind, metric, comparator, threshold)
CRITERIA = {
    "C1.1": (1, "symptom", "paper_work_order_pct", "gt", 60),
    "C1.2": (1, "symptom", "customer_data_digital_pct", "lt", 30),
    "C1.3": (1, "symptom", "has_unified_system", "is", False),
    "C1.4": (1, "symptom", "tech_standard_op_pct", "lt", 20),
    "C2.1": (2, "capability", "core_system_deployed", "is", True),
    "C2.2": (2, "capability", "e_work_order_pct", "gt", 80),
    "C2.3": (2, "symptom", "system_integration_pct", "lt", 30),
    "C2.4": (2, "symptom", "data_mainly_record_query", "is", True),
    "C2.5": (2, "symptom", "data_decision_pct", "lt", 50),
    "C3.1": (3, "capability", "system_integration_pct", "gt", 80),
    "C3.2": (3, "capability", "bi_core_coverage", "is", True),
    "C3.3": (3, "capability", "process_automation_pct", "gt", 60),
    "C3.4": (3, "capability", "data_decision_pct", "gt", 70),
    "C3.5": (3, "capability", "frontline_data_access", "is", True),
    "C4.1": (4, "capability", "ai_in_production", "is", True),
    "C4.2": (4, "capability", "predictive_maintenance_pct", "gt", 40),
    "C4.3": (4, "capability", "remote_ota_fix_pct", "gt", 30),
    "C4.4": (4, "capability", "proactive_outreach", "is", True),
    "C4.5": (4, "capability", "productivity_multiple", "gt", 3),
    "C5.1": (5, "capability", "platformized", "is", True),
    "C5.2": (5, "capability", "api_partner_count", "gt", 50),
    "C5.3": (5, "capability", "data_service_revenue_pct", "gt", 10),
    "C5.4": (5, "capability", "chain_collaboration_pct", "gt", 80),
    "C5.5": (5, "capability", "service_to_operations", "is", True),
}

# code -> (row name in the seed table, kind, metric, bands)
DIMENSIONS = {
    "core_feature": ("核心特征", "reference", None, None),
    "work_orders": ("工单管理", "self_assessed", None, None),
    "customer_reach": ("客户触达", "self_assessed", None, None),
    "decision_making": ("决策方式", "self_assessed", None, None),
    "service_model": ("服务模式", "self_assessed", None, None),
    "tech_stack": ("技术栈", "self_assessed", None, None),
    "data_quality": ("数据质量", "self_assessed", None, None),
    "productivity": ("人效水平", "measured", "productivity_multiple", [1.2, 2, 4, 6]),
    "satisfaction": ("客户满意度", "measured", "customer_satisfaction_score", [70, 75, 85, 90]),
    "investment": ("投资规模", "reference", None, None),
    "payback": ("回报周期", "reference", None, None),
    "china_share": ("中国占比", "reference", None, None),
    "representatives": ("代表企业", "reference", None, None),
}

SHARES = {1: ("~35%", 35), 2: ("~48%", 48), 3: ("~12%", 12), 4: ("~3%", 3), 5: ("<1%", 1)}

# Insight labels composed for the data file (the seed says "他们的理念是").
COMPOSED_LABELS = {"特斯拉的理念"}

TOP_LEVEL_KEYS = {
    "version",
    "source",
    "document",
    "levels",
    "table_title",
    "dimensions",
    "checklist_title",
    "checklist_intro",
    "checklist",
    "metrics",
    "criteria",
    "iron_laws_title",
    "iron_laws_intro",
    "iron_laws",
    "homework_title",
    "homework",
    "glossary_title",
    "glossary",
}


# ---------------------------------------------------------------- helpers
def plain_lines(block: str) -> list[str]:
    """A block text's lines without markup: no blank lines, indentation, "- " or "N. "."""
    return [BLOCK_MARKER.sub("", raw.strip()) for raw in block.splitlines() if raw.strip()]


def normalize_seed_line(raw: str) -> str:
    return SEED_MARKER.sub("", raw.strip())


def fail_with(problems: list[str], what: str) -> None:
    if problems:
        pytest.fail(f"{len(problems)} {what}:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture(scope="module")
def data() -> dict:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def seed_raw_lines() -> list[str]:
    if not SEED_FILE.exists():
        pytest.skip(f"the seed document is not beside this checkout: {SEED_FILE}")
    return SEED_FILE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def seed(seed_raw_lines) -> list[str]:
    """The seed's lines, stripped, without their bullet ("  • ") and number ("  1. ") prefixes."""
    return [normalize_seed_line(raw) for raw in seed_raw_lines]


def find(seed: list[str], text: str, start: int = 0) -> int:
    try:
        return seed.index(text, start)
    except ValueError:
        pytest.fail(f"seed line not found (after line {start + 1}): {text!r}", pytrace=False)


def between(seed: list[str], start: int, end: int) -> list[str]:
    """The non-blank seed lines strictly between two line indexes."""
    return [line for line in seed[start + 1 : end] if line]


def assert_same_lines(found: list[str], expected: list[str], where: str) -> None:
    if found == expected:
        return
    missing = [line for line in expected if line not in found]
    extra = [line for line in found if line not in expected]
    pytest.fail(
        f"{where}: the data does not reproduce the seed section line for line.\n"
        f"missing from the data: {missing}\nnot in the seed section: {extra}\n"
        f"data:     {found}\nexpected: {expected}",
        pytrace=False,
    )


def zh(slot) -> str:
    assert isinstance(slot, dict) and set(slot) == {"zh", "en"}, f"not a {{zh, en}} slot: {slot!r}"
    return slot["zh"]


def seed_texts(data: dict):
    """(where, zh text) of every text slot that must come verbatim from the seed."""
    document = data["document"]
    for key, slot in document.items():
        yield f"document.{key}", slot["zh"]
    for key in (
        "table_title",
        "checklist_title",
        "checklist_intro",
        "iron_laws_title",
        "iron_laws_intro",
        "homework_title",
        "glossary_title",
    ):
        yield key, data[key]["zh"]
    for level in data["levels"]:
        where = f"levels[{level['number']}]"
        for key in ("name", "stage", "short_name", "core_feature", "checklist_heading"):
            yield f"{where}.{key}", level[key]["zh"]
        for index, feature in enumerate(level["typical_features"]):
            yield f"{where}.typical_features[{index}]", feature["zh"]
        case = level["case"]
        yield f"{where}.case.title", case["title"]["zh"]
        yield f"{where}.case.body", case["body"]["zh"]
        for index, figure in enumerate(case["figures"]):
            yield f"{where}.case.figures[{index}]", figure["zh"]
        yield f"{where}.industry_status", level["industry_status"]["zh"]
        insight = level["insight"]
        if insight["label"]["zh"] not in COMPOSED_LABELS:
            yield f"{where}.insight.label", insight["label"]["zh"]
        yield f"{where}.insight.body", insight["body"]["zh"]
        barriers = level["barriers_to_next"]
        if barriers:
            yield f"{where}.barriers_to_next.title", barriers["title"]["zh"]
            yield f"{where}.barriers_to_next.intro", barriers["intro"]["zh"]
            for index, item in enumerate(barriers["items"]):
                yield f"{where}.barriers_to_next.items[{index}]", item["zh"]
    for dimension in data["dimensions"]:
        yield f"dimensions[{dimension['code']}].name", dimension["name"]["zh"]
        for index, cell in enumerate(dimension["cells"]):
            yield f"dimensions[{dimension['code']}].cells[{index}]", cell["zh"]
    for item in data["checklist"]:
        yield f"checklist[{item['code']}]", item["text"]["zh"]
    for criterion in data["criteria"]:
        yield f"criteria[{criterion['code']}]", criterion["text"]["zh"]
    for law in data["iron_laws"]:
        for key in ("title", "lead", "body"):
            yield f"iron_laws[{law['number']}].{key}", law[key]["zh"]
    for homework in data["homework"]:
        for key in ("title", "prompt"):
            yield f"homework[{homework['number']}].{key}", homework[key]["zh"]
    for term in data["glossary"]:
        yield f"glossary[{term['abbr']}].zh", term["zh"]
        yield f"glossary[{term['abbr']}].en", term["en"]
        yield f"glossary[{term['abbr']}].abbr", term["abbr"]
        yield f"glossary[{term['abbr']}].definition", term["definition"]["zh"]


# ---------------------------------------------------------------- structure
def test_data_file_loads_with_the_expected_keys(data):
    assert isinstance(data, dict)
    assert set(data) == TOP_LEVEL_KEYS
    assert data["version"] == "1"
    assert data["source"] == "000_e9faecbfe89754b3.txt"
    assert set(data["document"]) == {
        "title",
        "module",
        "story",
        "core_insight",
        "model_intro",
        "closing_title",
        "closing",
    }


def test_counts(data):
    counts = {
        "levels": 5,
        "checklist": 25,
        "metrics": 23,
        "criteria": 24,
        "dimensions": 13,
        "iron_laws": 5,
        "homework": 3,
        "glossary": 11,
    }
    assert {key: len(data[key]) for key in counts} == counts
    for level in data["levels"]:
        assert len(level["typical_features"]) == 5, level["number"]
        assert level["case"]["figures"], level["number"]
    for dimension in data["dimensions"]:
        assert len(dimension["cells"]) == 5, dimension["code"]
    per_level = [sum(1 for c in data["criteria"] if c["level"] == n) for n in LEVEL_NUMBERS]
    assert per_level == [4, 5, 5, 5, 5]


def test_codes_are_unique_and_in_order(data):
    assert [level["number"] for level in data["levels"]] == LEVEL_NUMBERS
    assert [item["code"] for item in data["checklist"]] == CHECKLIST_CODES
    assert [metric["code"] for metric in data["metrics"]] == list(METRIC_TYPES)
    assert [criterion["code"] for criterion in data["criteria"]] == list(CRITERIA)
    assert [dimension["code"] for dimension in data["dimensions"]] == list(DIMENSIONS)
    assert [law["number"] for law in data["iron_laws"]] == [1, 2, 3, 4, 5]
    assert [homework["number"] for homework in data["homework"]] == [1, 2, 3]
    for key in ("checklist", "metrics", "criteria", "dimensions"):
        codes = [entry["code"] for entry in data[key]]
        assert len(codes) == len(set(codes)), key


def test_checklist_levels_and_kinds(data):
    for item in data["checklist"]:
        assert item["level"] == int(item["code"][1]), item
        expected = "symptom" if item["code"] in CHECKLIST_SYMPTOMS else "capability"
        assert item["kind"] == expected, item


def test_metrics_types_units_and_ranges(data):
    for metric in data["metrics"]:
        kind = METRIC_TYPES[metric["code"]]
        unit, low, high = METRIC_RANGES[kind]
        assert metric["type"] == kind, metric["code"]
        assert metric["unit"] == unit, metric["code"]
        assert (metric["min"], metric["max"]) == (low, high), metric["code"]
        assert zh(metric["name"]).strip(), metric["code"]
        assert zh(metric["help"]).strip(), metric["code"]
        assert metric["name"]["en"].strip() and metric["help"]["en"].strip(), metric["code"]


def test_criteria_mapping(data):
    metric_types = {metric["code"]: metric["type"] for metric in data["metrics"]}
    for criterion in data["criteria"]:
        found = (
            criterion["level"],
            criterion["kind"],
            criterion["metric"],
            criterion["comparator"],
            criterion["threshold"],
        )
        assert found == CRITERIA[criterion["code"]], criterion["code"]
        threshold = criterion["threshold"]
        if criterion["comparator"] == "is":
            assert metric_types[criterion["metric"]] == "boolean", criterion["code"]
            assert isinstance(threshold, bool), criterion["code"]
        else:
            assert metric_types[criterion["metric"]] != "boolean", criterion["code"]
            assert isinstance(threshold, int | float) and not isinstance(threshold, bool)


def test_dimensions_kinds_metrics_and_bands(data):
    for dimension in data["dimensions"]:
        name, kind, metric, bands = DIMENSIONS[dimension["code"]]
        assert zh(dimension["name"]) == name
        assert dimension["kind"] == kind, dimension["code"]
        assert dimension["metric"] == metric, dimension["code"]
        assert dimension["bands"] == bands, dimension["code"]
        if bands:
            assert bands == sorted(bands)


def test_levels_shares_and_barriers(data):
    for level in data["levels"]:
        number = level["number"]
        label, percent = SHARES[number]
        assert level["share"] == {"label": label, "percent": percent}
        barriers = level["barriers_to_next"]
        if number in (2, 3):
            assert set(barriers) == {"title", "intro", "items"}
            assert len(barriers["items"]) == 3
        else:
            assert barriers is None, number


def test_every_text_slot_is_zh_en_with_english_exactly_where_there_is_chinese(data):
    """The English edition fills every slot whose Chinese is not empty (and no other);
    tests/test_english_edition.py checks the English itself."""
    problems = []

    def walk(value, where):
        if isinstance(value, dict):
            if "zh" in value and not where.startswith("glossary["):
                if set(value) != {"zh", "en"}:
                    problems.append(f"{where}: keys {sorted(value)}")
                elif not isinstance(value["zh"], str) or not isinstance(value["en"], str):
                    problems.append(f"{where}: not strings: {value!r}")
                elif bool(value["zh"].strip()) != bool(value["en"].strip()):
                    problems.append(f"{where}: English {value['en']!r} for {value['zh']!r}")
                return
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")

    walk(data, "")
    for term in data["glossary"]:
        assert set(term) == {"zh", "en", "abbr", "definition"}, term
        assert term["en"] and term["abbr"], term
        if zh(term["definition"]) == "" or term["definition"]["en"] == "":
            problems.append(f"glossary[{term['abbr']}].definition: {term['definition']!r}")
    fail_with(problems, "malformed text slots")


def test_only_the_documented_empty_texts(data):
    empty = [where for where, text in seed_texts(data) if text == ""]
    assert empty == ["levels[2].barriers_to_next.intro", "dimensions[tech_stack].cells[0]"]


# ---------------------------------------------------------------- verbatim
def test_every_seed_text_is_verbatim(data, seed):
    seed_text = "\n".join(seed)
    problems = []
    for where, text in seed_texts(data):
        for line in plain_lines(text):
            if line not in seed_text:
                problems.append(f"{where}: {line!r}")
    fail_with(problems, "texts that are not verbatim copies of a seed line")


def test_document_texts(data, seed):
    document = data["document"]
    assert "Day 45 知识点1:" + "售后数字化成熟度模型 | 你的企业在哪个段位?" in seed
    assert zh(document["title"]) in seed
    assert "所属模块:" + zh(document["module"]) in seed
    assert "核心洞察:" + zh(document["core_insight"]) in seed
    assert zh(document["model_intro"]) in seed
    story_start = find(seed, "一个让人心碎的真实故事")
    story_end = find(seed, "核心洞察:" + zh(document["core_insight"]), story_start)
    assert_same_lines(
        plain_lines(zh(document["story"])), between(seed, story_start, story_end), "story"
    )
    closing_start = find(seed, zh(document["closing_title"]))
    closing_end = next(
        index
        for index, line in enumerate(seed)
        if index > closing_start and line.startswith("下一篇")
    )
    assert_same_lines(
        plain_lines(zh(document["closing"])), between(seed, closing_start, closing_end), "closing"
    )
    assert zh(document["closing"]).endswith("这才是数字化转型的正道。")


def level_bounds(seed: list[str], data: dict) -> list[tuple[int, int]]:
    starts = []
    for level in data["levels"]:
        heading = f"Level {level['number']}:{zh(level['name'])}({zh(level['stage'])})"
        starts.append(find(seed, heading))
    starts.append(find(seed, zh(data["table_title"])))
    return list(zip(starts, starts[1:], strict=False))


def test_level_sections_are_complete(data, seed):
    previous = None
    for level, (start, end) in zip(data["levels"], level_bounds(seed, data), strict=True):
        where = f"Level {level['number']}"
        features = find(seed, "典型特征", start)
        case_title = find(seed, zh(level["case"]["title"]), features)
        criteria = find(seed, "段位诊断标准", case_title)
        status = find(seed, "行业现状", criteria)
        assert status < end, where

        assert_same_lines(
            [zh(feature) for feature in level["typical_features"]],
            between(seed, features, case_title),
            f"{where} 典型特征",
        )
        assert_same_lines(
            plain_lines(zh(level["case"]["body"])),
            between(seed, case_title, criteria),
            f"{where} case body",
        )
        assert_same_lines(
            [zh(c["text"]) for c in data["criteria"] if c["level"] == level["number"]],
            between(seed, criteria, status),
            f"{where} 段位诊断标准",
        )

        # 行业现状 .. next level: the status, the inline insight (levels 1-2), and the barriers
        # from the previous level to this one (the seed puts them in this level's section).
        expected = plain_lines(zh(level["industry_status"]))
        insight = level["insight"]
        if level["number"] in (1, 2):
            body = plain_lines(zh(insight["body"]))
            expected += [zh(insight["label"]) + ":" + body[0], *body[1:]]
        barriers = previous["barriers_to_next"] if previous else None
        previous = level
        if barriers:
            expected.append(zh(barriers["title"]))
            if zh(barriers["intro"]):
                expected.append(zh(barriers["intro"]))
            expected += [zh(item) for item in barriers["items"]]
        assert_same_lines(expected, between(seed, status, end), f"{where} 行业现状 and after")


def test_level_insights_and_figures(data, seed):
    problems = []
    for level in data["levels"]:
        where = f"Level {level['number']}"
        body_lines = plain_lines(zh(level["case"]["body"]))
        for figure in level["case"]["figures"]:
            text = zh(figure)
            if not re.search(r"\d", text):
                problems.append(f"{where} figure without a number: {text!r}")
            if not any(text in line for line in body_lines):
                problems.append(f"{where} figure not in the case body: {text!r}")
        if level["number"] >= 3:
            for line in plain_lines(zh(level["insight"]["body"])):
                if not any(line in body_line for body_line in body_lines):
                    problems.append(f"{where} insight not in the case body: {line!r}")
    fail_with(problems, "figure/insight problems")
    insights = {level["number"]: level["insight"] for level in data["levels"]}
    assert [zh(insights[n]["label"]) for n in LEVEL_NUMBERS] == [
        "大家不知道的隐性真相",
        "关键认知差异",
        "访谈金句",
        "特斯拉的理念",
        "李斌的战略思考",
    ]
    assert "他们的理念是:" + zh(insights[4]["body"]) in "\n".join(seed)
    assert zh(insights[4]["body"]) == "最好的售后,就是不需要售后。"
    assert plain_lines(zh(insights[5]["body"])) == [
        "售后不是成本中心,是用户关系中心,是数据资产中心,是生态入口。",
        "这就是生态的力量——从一次性交易到终身价值。",
    ]
    # The seed's "1. 1. 1." is renumbered.
    numbers = re.findall(r"^(\d+)\. ", zh(insights[2]["body"]), flags=re.MULTILINE)
    assert numbers == ["1", "2", "3"]


def test_table_rows_match_the_seed(data, seed):
    start = find(seed, zh(data["table_title"]))
    header = [level for level in data["levels"]]
    expected_header = "维度 " + " ".join(
        f"Level {level['number']} {zh(level['short_name'])}" for level in header
    )
    assert seed[start + 2] == expected_header
    rows = seed[start + 3 : start + 3 + len(data["dimensions"])]
    problems = []
    for dimension, row in zip(data["dimensions"], rows, strict=True):
        cells = [zh(cell) for cell in dimension["cells"]]
        if dimension["code"] == "tech_stack":
            assert cells[0] == "", "the seed's 技术栈 row has no Level 1 value"
            cells = cells[1:]
        line = zh(dimension["name"]) + " " + " ".join(cells)
        if line != row:
            problems.append(f"{dimension['code']}: {line!r} != seed {row!r}")
    fail_with(problems, "table rows that differ from the seed")
    by_code = {dimension["code"]: dimension for dimension in data["dimensions"]}
    for index, level in enumerate(data["levels"]):
        assert zh(level["core_feature"]) == zh(by_code["core_feature"]["cells"][index])
        assert level["share"]["label"] == zh(by_code["china_share"]["cells"][index])


def test_checklist_matches_the_seed(data, seed):
    assert zh(data["checklist_title"]) in seed
    intro = find(seed, zh(data["checklist_intro"]), find(seed, zh(data["checklist_title"])))
    end = find(seed, zh(data["iron_laws_title"]), intro)
    headings = [find(seed, zh(level["checklist_heading"]), intro) for level in data["levels"]]
    for level, start, stop in zip(data["levels"], headings, [*headings[1:], end], strict=True):
        number = level["number"]
        assert zh(level["checklist_heading"]) == f"Level {number} 特征(3个以上=Level {number}):"
        assert_same_lines(
            [zh(item["text"]) for item in data["checklist"] if item["level"] == number],
            between(seed, start, stop),
            f"checklist Level {number}",
        )


def test_iron_laws_match_the_seed(data, seed):
    title = find(seed, zh(data["iron_laws_title"]))
    assert seed[title + 2] == zh(data["iron_laws_intro"])
    heads = [
        find(seed, f"铁律{law['number']}:{zh(law['title'])}", title) for law in data["iron_laws"]
    ]
    stops = [*heads[1:], find(seed, zh(data["document"]["closing_title"]), title)]
    for law, start, stop in zip(data["iron_laws"], heads, stops, strict=True):
        assert_same_lines(
            [zh(law["lead"]), *plain_lines(zh(law["body"]))],
            between(seed, start, stop),
            f"铁律{law['number']}",
        )


def test_homework_and_glossary_match_the_seed(data, seed):
    start = find(seed, zh(data["homework_title"]))
    glossary_title = find(seed, zh(data["glossary_title"]), start)
    assert between(seed, start, glossary_title) == [
        f"{zh(homework['title'])}:{zh(homework['prompt'])}" for homework in data["homework"]
    ]
    assert seed[glossary_title + 2] == "中文 英文 缩写 释义"
    rows = seed[glossary_title + 3 : glossary_title + 3 + len(data["glossary"])]
    assert [
        " ".join([term["zh"], term["en"], term["abbr"], zh(term["definition"])])
        for term in data["glossary"]
    ] == rows
