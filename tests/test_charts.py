"""The server-side SVG charts (assessments/reports/charts.py): well-formed, accessible, self-contained
SVG whose geometry matches the data and whose labels never overlap or leave the viewBox."""

import itertools
import math
import re
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.reports import charts

NS = "http://www.w3.org/2000/svg"
SVG = f"{{{NS}}}"
ALLOWED_TAGS = {
    "svg",
    "g",
    "rect",
    "line",
    "polyline",
    "polygon",
    "circle",
    "text",
    "tspan",
    "title",
}

ZH_LEVELS = {1: "L1 纸质化", 2: "L2 信息化", 3: "L3 数据驱动", 4: "L4 智能化", 5: "L5 生态化"}
ZH_DIMENSIONS = [
    "工单管理",
    "客户触达",
    "决策方式",
    "服务模式",
    "技术栈",
    "数据质量",
    "人效水平",
    "客户满意度",
]
EN_DIMENSIONS = [
    "Work orders",
    "Customer outreach",
    "Decision making",
    "Service model",
    "Technology stack",
    "Data quality",
    "Staff productivity",
    "Customer satisfaction",
]
# Worst cases: 8 CJK characters, 22 Latin characters without a space to break at.
LONG_ZH = ["客户服务满意度指数"[:8]] * 8
LONG_EN = ["Customersatisfactions!"] * 8


# --------------------------------------------------------------------------------------------
# Helpers: parsing and estimating where text ends up
# --------------------------------------------------------------------------------------------

FORBIDDEN_IN_SVG = ("http", "url(", "<image", "<script", "<style", "href", "<foreignobject")


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it
    assert root.tag == SVG + "svg"
    return root


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def has_class(element: ET.Element, name: str) -> bool:
    return name in element.get("class", "").split()


def find_all(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    found = root.iter(SVG + tag)
    return [e for e in found if cls is None or has_class(e, cls)]


def text_of(element: ET.Element) -> str:
    spans = element.findall(SVG + "tspan")
    if spans:
        return " ".join(s.text or "" for s in spans)
    return element.text or ""


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    return x, y, w, h


def char_width(char: str) -> float:
    # The brief's estimate: a CJK character is about one font size wide, Latin about 0.6.
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.6


def estimated_width(text: str, size: float) -> float:
    return sum(char_width(c) for c in text) * size


def text_box(element: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a text element, estimated like a typesetter would."""
    size = float(element.get("font-size"))
    anchor = element.get("text-anchor", "start")
    spans = element.findall(SVG + "tspan") or [element]
    boxes = []
    for span in spans:
        x, y = float(span.get("x")), float(span.get("y"))
        width = estimated_width(span.text or "", size)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        boxes.append((left, y - 0.9 * size, left + width, y + 0.25 * size))
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def overlaps(a, b, gap: float = 0.0) -> bool:
    return not (
        a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1]
    )


def inside(box, root: ET.Element) -> bool:
    x, y, w, h = view_box(root)
    return box[0] >= x and box[1] >= y and box[2] <= x + w and box[3] <= y + h


def distance_to_box(px: float, py: float, box) -> float:
    dx = max(box[0] - px, 0, px - box[2])
    dy = max(box[1] - py, 0, py - box[3])
    return math.hypot(dx, dy)


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
NUMERIC_ATTRS = {"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "font-size"}


def assert_sound(svg: str) -> ET.Element:
    """Well-formed, accessible, self-contained SVG 1.1 with finite, rounded coordinates."""
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert local(root[0].tag) == "title" and root[0].text
    assert root.get("font-family").startswith("'Noto Sans CJK SC'")
    without_ns = svg.replace(f'xmlns="{NS}"', "")
    lowered = without_ns.lower()
    for forbidden in FORBIDDEN_IN_SVG:
        assert forbidden not in lowered, forbidden
    for element in root.iter():
        assert local(element.tag) in ALLOWED_TAGS, element.tag
        # own class names only: the pages style .chart, .chart-bar … on the wrapping figure
        assert all(c.startswith("mchart") for c in element.get("class", "").split())
        for name, value in element.attrib.items():
            assert not re.search(r"\b(nan|inf|infinity)\b", value.lower()), (name, value)
            if name in NUMERIC_ATTRS and element is not root:
                number = float(value)
                assert math.isfinite(number)
                assert re.fullmatch(r"-?\d+(\.\d)?", value), (name, value)
        if local(element.tag) in ("polygon", "polyline"):
            for pair in element.get("points").split():
                for value in pair.split(","):
                    assert math.isfinite(float(value))
                    assert re.fullmatch(r"-?\d+(\.\d)?", value), value
        if local(element.tag) == "text":
            assert element.get("font-family", "").startswith("'Noto Sans CJK SC'")
            assert float(element.get("font-size")) >= 9
    return root


# --------------------------------------------------------------------------------------------
# Text fitting
# --------------------------------------------------------------------------------------------


def test_fit_text_breaks_level_labels_at_the_space():
    assert charts.fit_text("Level 1 纸质化", 60, sizes=(12,)) == (12, ["Level 1", "纸质化"])
    assert charts.fit_text("L1 纸质化", 100, sizes=(12,)) == (12, ["L1 纸质化"])
    size, lines = charts.fit_text("Customer satisfaction", 100, sizes=(13, 12))
    assert lines == ["Customer", "satisfaction"]


def test_fit_text_never_exceeds_the_width_and_marks_cuts():
    text = "客户服务满意度综合指数与行业基准对比结果"
    size, lines = charts.fit_text(text, 60, sizes=(12, 10), max_lines=2)
    assert size == 10 and len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(charts.text_width(line, size) <= 60 for line in lines)


def test_fmt_rounds_to_one_decimal():
    assert charts.fmt(12.0) == "12"
    assert charts.fmt(12.04) == "12"
    assert charts.fmt(12.06) == "12.1"
    assert charts.fmt(-0.04) == "0"
    with pytest.raises(ValueError):
        charts.fmt(float("nan"))


# --------------------------------------------------------------------------------------------
# 1. Checklist bar chart
# --------------------------------------------------------------------------------------------


def bar_chart(counts=None, **kwargs):
    kwargs.setdefault("level_labels", ZH_LEVELS)
    kwargs.setdefault("title", "各段位特征勾选数")
    kwargs.setdefault("threshold_label", "3项以上=该段位")
    return charts.checklist_bar_chart(counts or {1: 0, 2: 5, 3: 4, 4: 3, 5: 1}, **kwargs)


def test_bar_chart_is_sound_and_titled():
    root = assert_sound(bar_chart(highlight=4))
    assert root[0].text == "各段位特征勾选数"
    assert view_box(root) == (0, 0, 520, 300)


def test_bar_heights_are_proportional_to_counts():
    counts = {1: 0, 2: 5, 3: 4, 4: 3, 5: 1}
    root = parse(bar_chart(counts))
    bars = find_all(root, "rect", "mchart-bar")
    assert len(bars) == 5
    unit = charts.bar_unit(5)
    for bar, level in zip(bars, range(1, 6), strict=True):
        assert float(bar.get("height")) == pytest.approx(counts[level] * unit, abs=0.06)
        # all bars stand on the same zero line
        assert float(bar.get("y")) + float(bar.get("height")) == pytest.approx(
            charts.BAR_BOTTOM, abs=0.1
        )
    heights = [float(b.get("height")) for b in bars]
    assert heights[1] / heights[4] == pytest.approx(5, rel=0.01)
    # bars are left to right in level order and do not overlap
    xs = [float(b.get("x")) for b in bars]
    assert xs == sorted(xs)
    width = float(bars[0].get("width"))
    assert all(b - a > width for a, b in itertools.pairwise(xs))


def test_bar_colours_highlight_threshold_and_grey():
    counts = {1: 0, 2: 5, 3: 4, 4: 3, 5: 1}
    bars = find_all(parse(bar_chart(counts, highlight=4)), "rect", "mchart-bar")
    fills = [b.get("fill") for b in bars]
    assert fills[3] == charts.LEVEL_COLORS[4]  # the diagnosed level: strong
    assert has_class(bars[3], "mchart-highlight")
    assert fills[1] == charts.tint(charts.LEVEL_COLORS[2], 0.45)  # ≥ threshold: medium
    assert fills[2] == charts.tint(charts.LEVEL_COLORS[3], 0.45)
    assert fills[0] == fills[4] == charts.BAR_GREY  # below the threshold: light grey
    assert len({fills[3], fills[1], fills[0]}) == 3
    # no highlight: nothing strong
    fills = [b.get("fill") for b in find_all(parse(bar_chart(counts)), "rect", "mchart-bar")]
    assert charts.LEVEL_COLORS[4] not in fills


def test_bar_counts_are_printed_above_the_bars():
    counts = {1: 0, 2: 5, 3: 4, 4: 3, 5: 1}
    root = parse(bar_chart(counts, highlight=4))
    texts = find_all(root, "text", "mchart-count")
    assert [t.text for t in texts] == ["0", "5", "4", "3", "1"]
    bars = find_all(root, "rect", "mchart-bar")
    for text, bar in zip(texts, bars, strict=True):
        assert float(text.get("y")) < float(bar.get("y"))


def test_bar_threshold_line_and_label():
    root = parse(bar_chart(threshold=3, max_count=5))
    lines = find_all(root, "line", "mchart-threshold")
    assert len(lines) == 1
    line = lines[0]
    expected_y = charts.BAR_BOTTOM - 3 * charts.bar_unit(5)
    assert float(line.get("y1")) == float(line.get("y2")) == pytest.approx(expected_y, abs=0.06)
    assert line.get("stroke-dasharray")
    labels = find_all(root, "text", "mchart-threshold-label")
    assert [text_of(t) for t in labels] == ["3项以上=该段位"]
    assert inside(text_box(labels[0]), root)


def test_bar_y_axis_has_ticks_and_gridlines():
    root = parse(bar_chart(max_count=5))
    assert [t.text for t in find_all(root, "text", "mchart-tick")] == list("012345")
    assert len(find_all(root, "line", "mchart-grid")) == 5


@pytest.mark.parametrize(
    "labels",
    [
        ZH_LEVELS,
        {1: "Level 1 纸质化", 2: "Level 2 信息化", 3: "Level 3 数据驱动", 4: "Level 4 智能化",
         5: "Level 5 生态化"},
        {1: "Level 1 纸质化/Excel管理", 2: "Level 2 基础信息化", 3: "Level 3 数据驱动",
         4: "Level 4 智能化", 5: "Level 5 生态化"},
        {1: "L1 Paper-based", 2: "L2 Digitised", 3: "L3 Data-driven", 4: "L4 Intelligent",
         5: "L5 Ecosystem"},
        {n: f"L{n} 客户服务数字化管理阶段" for n in range(1, 6)},
    ],
)  # fmt: skip
def test_bar_labels_fit_and_never_overlap(labels):
    root = assert_sound(bar_chart(level_labels=labels, highlight=2))
    texts = find_all(root, "text", "mchart-xlabel")
    assert len(texts) == 5
    boxes = [text_box(t) for t in texts]
    for box in boxes:
        assert inside(box, root)
        assert box[1] > charts.BAR_BOTTOM  # below the zero line
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b, gap=2)
    # all labels share one font size
    assert len({t.get("font-size") for t in texts}) == 1


def test_bar_labels_wrap_to_level_over_name():
    labels = {n: f"Level {n} {name}" for n, name in enumerate(["纸质化", "信息化", "数据驱动",
                                                               "智能化", "生态化"], 1)}  # fmt: skip
    texts = find_all(parse(bar_chart(level_labels=labels)), "text", "mchart-xlabel")
    first = texts[0].findall(SVG + "tspan")
    assert [s.text for s in first] == ["Level 1", "纸质化"]
    assert all(len(t.findall(SVG + "tspan")) == 2 for t in texts)


def test_bar_chart_escapes_labels():
    labels = {**ZH_LEVELS, 1: "<script>alert('x')</script>", 2: 'A & "B"'}
    svg = bar_chart(level_labels=labels, title="<b>T&amp;</b>", threshold_label="≥3 <i>")
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg
    root = assert_sound(svg)
    assert root[0].text == "<b>T&amp;</b>"
    shown = [text_of(t).replace(" ", "") for t in find_all(root, "text", "mchart-xlabel")]
    assert shown[:2] == ["<script>alert('x')</script>", 'A&"B"']


def test_bar_chart_tolerates_missing_and_out_of_range_counts():
    root = assert_sound(charts.checklist_bar_chart({2: 9, 3: -1}, level_labels={}))
    heights = [float(b.get("height")) for b in find_all(root, "rect", "mchart-bar")]
    assert heights == [0, pytest.approx(5 * charts.bar_unit(5), abs=0.06), 0, 0, 0]
    assert [t.text for t in find_all(root, "text", "mchart-xlabel")] == [
        "L1",
        "L2",
        "L3",
        "L4",
        "L5",
    ]


def test_bar_chart_is_deterministic():
    assert bar_chart(highlight=3) == bar_chart(highlight=3)


# --------------------------------------------------------------------------------------------
# 2. Radar chart
# --------------------------------------------------------------------------------------------

L4_PROFILE = [4, 4, 5, None, 4, 4, 3, 4]


def radar(labels=ZH_DIMENSIONS, profile=L4_PROFILE, **kwargs):
    return charts.radar_chart(list(zip(labels, profile, strict=True)), **kwargs)


def test_radar_is_sound_and_titled():
    root = assert_sound(radar(title="维度画像"))
    assert root[0].text == "维度画像"
    # untitled: a readable summary instead
    root = assert_sound(radar())
    assert "工单管理: 4" in root[0].text and "服务模式: ?" in root[0].text


@pytest.mark.parametrize("axes", [3, 4, 5, 6, 7, 8])
def test_radar_has_one_axis_and_label_per_value(axes):
    root = assert_sound(radar(ZH_DIMENSIONS[:axes], [3] * axes))
    assert len(find_all(root, "line", "mchart-axis")) == axes
    labels = find_all(root, "text", "mchart-label")
    assert [text_of(t).replace(" ", "") for t in labels] == ZH_DIMENSIONS[:axes]
    # the rings are regular polygons with one corner per axis
    rings = find_all(root, "polygon", "mchart-ring")
    assert len(rings) == 5
    assert all(len(r.get("points").split()) == axes for r in rings)


def test_radar_point_geometry():
    cx, cy, r = charts.RADAR_CX, charts.RADAR_CY, charts.RADAR_R
    assert charts.radar_point(0, 5, 8) == (cx, cy - r)  # first axis points up
    assert charts.radar_point(2, 5, 8) == (cx + r, cy)  # a quarter turn clockwise
    assert charts.radar_point(4, 5, 8) == (cx, cy + r)
    assert charts.radar_point(3, None, 8) == (cx, cy)  # unknown: the centre
    for axes in range(3, 9):
        for index in range(axes):
            for value in range(1, 6):
                x, y = charts.radar_point(index, value, axes)
                assert math.hypot(x - cx, y - cy) == pytest.approx(r * value / 5, abs=0.15)
                angle = math.degrees(math.atan2(y - cy, x - cx))
                expected = -90 + 360 * index / axes
                assert (angle - expected + 180) % 360 - 180 == pytest.approx(0, abs=0.2)


def test_radar_points_sit_at_their_values():
    root = parse(radar())
    points = [
        c for c in find_all(root, "circle", "mchart-point") if not has_class(c, "mchart-unknown")
    ]
    known = [(i, v) for i, v in enumerate(L4_PROFILE) if v is not None]
    assert len(points) == len(known)
    for circle, (index, value) in zip(points, known, strict=True):
        x, y = charts.radar_point(index, value, 8)
        assert (float(circle.get("cx")), float(circle.get("cy"))) == (x, y)
        assert math.hypot(x - charts.RADAR_CX, y - charts.RADAR_CY) == pytest.approx(
            charts.RADAR_R * value / 5, abs=0.15
        )
    values = [t.text for t in find_all(root, "text", "mchart-value")]
    assert values == [str(v) for _, v in known]
    # the filled area passes through every point, the unknown one at the centre
    area = find_all(root, "polygon", "mchart-area")[0].get("points").split()
    expected = [charts.radar_point(i, v, 8) for i, v in enumerate(L4_PROFILE)]
    assert area == [f"{charts.fmt(x)},{charts.fmt(y)}" for x, y in expected]
    assert float(find_all(root, "polygon", "mchart-area")[0].get("fill-opacity")) < 0.5


def test_radar_marks_unknown_values():
    root = parse(radar(unknown_label="未知", value_label="当前"))
    labels = find_all(root, "text", "mchart-label")
    unknown = [t for t in labels if has_class(t, "mchart-unknown")]
    assert [text_of(t) for t in unknown] == ["服务模式 ?"]
    assert unknown[0].get("fill") == charts.FAINT
    assert all(t.get("fill") == charts.INK for t in labels if t not in unknown)
    # a hollow, dashed marker at the centre
    hollow = [c for c in find_all(root, "circle", "mchart-point") if has_class(c, "mchart-unknown")]
    assert len(hollow) == 1
    assert (float(hollow[0].get("cx")), float(hollow[0].get("cy"))) == (
        charts.RADAR_CX,
        charts.RADAR_CY,
    )
    assert hollow[0].get("fill") == charts.WHITE and hollow[0].get("stroke-dasharray")
    # its spoke and the two outline edges meeting it are dashed, all other edges solid
    axes = find_all(root, "line", "mchart-axis")
    assert [bool(a.get("stroke-dasharray")) for a in axes] == [v is None for v in L4_PROFILE]
    edges = find_all(root, "line", "mchart-edge")
    assert len(edges) == 8
    assert [bool(e.get("stroke-dasharray")) for e in edges] == [
        False, False, True, True, False, False, False, False
    ]  # fmt: skip
    legend = find_all(root, "g", "mchart-legend")[0]
    assert [t.text for t in find_all(legend, "text")] == ["当前", "未知"]


def test_radar_compare_outline_and_legend():
    root = assert_sound(
        radar(compare=[5] * 8, compare_label="Level 5", value_label="当前", unknown_label="未知")
    )
    outline = find_all(root, "polygon", "mchart-compare")
    assert len(outline) == 1 and outline[0].get("stroke-dasharray")
    assert outline[0].get("points").split() == [
        f"{charts.fmt(x)},{charts.fmt(y)}"
        for x, y in (charts.radar_point(i, 5, 8) for i in range(8))
    ]
    legend = find_all(root, "g", "mchart-legend")[0]
    assert [t.text for t in find_all(legend, "text")] == ["当前", "Level 5", "未知"]
    boxes = [text_box(t) for t in find_all(legend, "text")]
    assert all(inside(b, root) for b in boxes)
    label_boxes = [text_box(t) for t in find_all(root, "text", "mchart-label")]
    assert not any(overlaps(a, b) for a in boxes for b in label_boxes)
    with pytest.raises(ValueError):
        radar(compare=[5] * 7)


def test_radar_without_legend_labels_draws_no_legend():
    assert not find_all(parse(radar()), "g", "mchart-legend")


def check_label_layout(labels, profile=None):
    profile = profile or [3] * len(labels)
    root = assert_sound(
        radar(labels, profile, compare=[5] * len(labels), compare_label="Target", value_label="Now")
    )
    texts = find_all(root, "text", "mchart-label")
    assert len(texts) == len(labels)
    boxes = [text_box(t) for t in texts]
    chart_radius = charts.RADAR_R + 10  # the outer ring and a margin
    for text, box in zip(texts, boxes, strict=True):
        assert inside(box, root), (text_of(text), box)
        assert distance_to_box(charts.RADAR_CX, charts.RADAR_CY, box) > chart_radius, text_of(text)
        assert float(text.get("font-size")) >= 10
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not overlaps(a, b, gap=2), (text_of(texts[i]), text_of(texts[j]))
    # the value labels stay clear of the axis labels too
    for value_text in find_all(root, "text", "mchart-value"):
        assert not any(overlaps(text_box(value_text), b) for b in boxes)
    return texts


@pytest.mark.parametrize("axes", [3, 4, 5, 6, 7, 8])
@pytest.mark.parametrize(
    "names",
    [ZH_DIMENSIONS, EN_DIMENSIONS, LONG_ZH, LONG_EN],
    ids=["zh", "en", "zh-long", "en-long"],
)
def test_radar_labels_stay_inside_and_apart(names, axes):
    check_label_layout(names[:axes])


def test_radar_labels_of_the_model_keep_a_readable_size():
    for names in (ZH_DIMENSIONS, EN_DIMENSIONS):
        texts = check_label_layout(names, [5] * 8)
        assert all(float(t.get("font-size")) >= 12 for t in texts)
    # Chinese names fit on one line, the English ones never lose a character
    zh = check_label_layout(ZH_DIMENSIONS)
    assert all(not t.findall(SVG + "tspan") for t in zh)
    en = check_label_layout(EN_DIMENSIONS)
    assert [text_of(t) for t in en] == EN_DIMENSIONS


def test_radar_anchors_labels_by_angle():
    texts = find_all(parse(radar(EN_DIMENSIONS)), "text", "mchart-label")
    anchors = [t.get("text-anchor") for t in texts]
    assert anchors == ["middle", "start", "start", "start", "middle", "end", "end", "end"]


@pytest.mark.parametrize("axes", [0, 1, 2])
def test_degenerate_radar_still_renders_rings_and_axes(axes):
    root = assert_sound(radar(ZH_DIMENSIONS[:axes], [4, None][:axes]))
    rings = find_all(root, "circle", "mchart-ring")
    assert len(rings) == 5
    assert len(find_all(root, "line", "mchart-axis")) == axes
    assert len(find_all(root, "text", "mchart-label")) == axes


def test_radar_with_few_known_values():
    root = assert_sound(radar(ZH_DIMENSIONS[:5], [None, None, 3, None, None]))
    assert len(find_all(root, "text", "mchart-value")) == 1
    assert (
        len([t for t in find_all(root, "text", "mchart-label") if has_class(t, "mchart-unknown")])
        == 4
    )


def test_radar_escapes_labels():
    svg = radar(["<script>x</script>", "a&b", "c"], [1, 2, 3], value_label="<v>")
    assert "<script" not in svg and "<v>" not in svg
    root = assert_sound(svg)
    assert "<script>x</script>" in "".join(
        text_of(t) for t in find_all(root, "text", "mchart-label")
    )


def test_radar_is_deterministic():
    assert radar(compare=[5] * 8) == radar(compare=[5] * 8)


# --------------------------------------------------------------------------------------------
# 3. Level scale
# --------------------------------------------------------------------------------------------

SHORT_NAMES = {1: "纸质化", 2: "信息化", 3: "数据驱动", 4: "智能化", 5: "生态化"}
SHARES = {1: "~35%", 2: "~40%", 3: "~18%", 4: "~6%", 5: "~1%"}


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_level_scale_highlights_the_current_level(level):
    root = assert_sound(charts.level_scale(level, labels=SHORT_NAMES, highlight_share=SHARES))
    steps = find_all(root, "rect", "mchart-step")
    assert len(steps) == 5
    heights = [float(s.get("height")) for s in steps]
    assert heights == sorted(heights) and len(set(heights)) == 5  # a staircase
    current = [s for s in steps if has_class(s, "mchart-highlight")]
    assert current == [steps[level - 1]]
    assert current[0].get("fill") == charts.LEVEL_COLORS[level]
    assert len(find_all(root, "polygon", "mchart-marker")) == 1
    assert [t.text for t in find_all(root, "text", "mchart-step-share")] == list(SHARES.values())
    labels = find_all(root, "text", "mchart-step-label")
    assert [text_of(t) for t in labels] == list(SHORT_NAMES.values())
    assert labels[level - 1].get("font-weight") == "bold"
    boxes = [text_box(t) for t in find_all(root, "text")]
    assert all(inside(b, root) for b in boxes)
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b)


def test_level_scale_without_a_level_highlights_nothing():
    root = assert_sound(charts.level_scale(None, labels=SHORT_NAMES))
    assert not [
        s for s in find_all(root, "rect", "mchart-step") if has_class(s, "mchart-highlight")
    ]
    assert not find_all(root, "polygon", "mchart-marker")
    assert not find_all(root, "text", "mchart-step-share")


def test_level_scale_escapes_and_fits_long_labels():
    labels = {1: "纸质化/Excel管理", 2: "<b>基础信息化</b>", 3: "Data-driven decisions", 4: "智能化",
              5: "生态化"}  # fmt: skip
    svg = charts.level_scale(2, labels=labels, highlight_share={2: "<40%>"})
    assert "<b>" not in svg
    root = assert_sound(svg)
    boxes = [text_box(t) for t in find_all(root, "text")]
    assert all(inside(b, root) for b in boxes)
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

levels = st.sampled_from([1, 2, 3, 4, 5])
maybe_value = st.one_of(st.none(), st.integers(min_value=1, max_value=5))


@settings(max_examples=150, deadline=None)
@given(
    counts=st.dictionaries(levels, st.integers(min_value=0, max_value=5)),
    highlight=st.one_of(st.none(), levels),
    threshold=st.integers(min_value=1, max_value=5),
)
def test_any_bar_chart_is_sound(counts, highlight, threshold):
    svg = charts.checklist_bar_chart(
        counts,
        level_labels=ZH_LEVELS,
        threshold=threshold,
        highlight=highlight,
        title="t",
        threshold_label="3项以上=该段位",
    )
    root = assert_sound(svg)
    bars = find_all(root, "rect", "mchart-bar")
    unit = charts.bar_unit(5)
    for level, bar in zip(range(1, 6), bars, strict=True):
        assert float(bar.get("height")) == pytest.approx(counts.get(level, 0) * unit, abs=0.06)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    axes=st.integers(min_value=0, max_value=8),
    english=st.booleans(),
    with_compare=st.booleans(),
)
def test_any_radar_is_sound(data, axes, english, with_compare):
    names = EN_DIMENSIONS if english else ZH_DIMENSIONS
    values = data.draw(st.lists(maybe_value, min_size=axes, max_size=axes))
    compare = (
        data.draw(st.lists(maybe_value, min_size=axes, max_size=axes)) if with_compare else None
    )
    svg = charts.radar_chart(
        list(zip(names[:axes], values, strict=True)),
        compare=compare,
        compare_label="目标",
        value_label="当前",
        unknown_label="未知",
    )
    root = assert_sound(svg)
    boxes = [text_box(t) for t in find_all(root, "text", "mchart-label")]
    assert all(inside(b, root) for b in boxes)
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b)


# What the chart module must never add; a label that itself spells one ("hTtP") is the user's
# text, escaped, and would trip the check without any fault of the chart.
LABEL_TEXT = st.text(max_size=40).filter(
    lambda text: not any(marker in text.lower() for marker in FORBIDDEN_IN_SVG)
)


@settings(max_examples=100, deadline=None)
@given(labels=st.lists(LABEL_TEXT, min_size=1, max_size=8))
def test_any_label_text_yields_well_formed_svg(labels):
    svg = charts.radar_chart([(label, 3) for label in labels], title="".join(labels))
    root = assert_sound(svg)
    for box in (text_box(t) for t in find_all(root, "text", "mchart-label")):
        assert inside(box, root)
    assert_sound(charts.checklist_bar_chart({}, level_labels=dict(enumerate(labels, 1))))
    assert_sound(charts.level_scale(1, labels=dict(enumerate(labels, 1))))


@settings(max_examples=50, deadline=None)
@given(
    level=st.one_of(st.none(), levels),
    shares=st.dictionaries(levels, st.sampled_from(["~35%", "", "1%"])),
)
def test_any_level_scale_is_sound(level, shares):
    assert_sound(charts.level_scale(level, labels=SHORT_NAMES, highlight_share=shares))
