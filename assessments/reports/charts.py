"""Server-side SVG charts for the result page and the PDF report.

Plain values in, an SVG string out. The same markup is embedded inline in the HTML result page
and in the PDF that WeasyPrint renders, so it keeps to what both understand: SVG 1.1 basic
shapes and text, presentation attributes only (no CSS, no JavaScript, no animation), explicit
font family and sizes, and no external reference of any kind (no links, images or url()).

Every piece of text is escaped, the output is deterministic (same input, same string) and every
coordinate is rounded to one decimal. Class names all start with "mchart" (hooks for tests and
styling) so that the page's own CSS (``.chart``, ``.chart-bar`` …) never reaches inside.

Text cannot be measured here, so its width is estimated: a CJK (wide) character is about one
font size wide, anything else about 0.6 of it. Labels are wrapped onto a second line, then set
smaller, and only as a last resort shortened with "…" so that they always fit the space they are
given.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans', sans-serif"

LEVELS = (1, 2, 3, 4, 5)
LEVEL_COLORS = {1: "#8d6e63", 2: "#1976d2", 3: "#00897b", 4: "#6a1b9a", 5: "#c62828"}
ACCENT = "#1f6feb"
INK = "#1d2733"  # main text
MUTED = "#5f6b7a"  # secondary text
FAINT = "#8a94a0"  # unknown / disabled text
AXIS = "#9aa4af"  # axis lines
GRID = "#e3e7ec"  # gridlines and rings
BAR_GREY = "#d5dae1"  # bars below the threshold
THRESHOLD = "#37474f"  # the dashed threshold line
WHITE = "#ffffff"

CJK_WIDTH = 1.0  # estimated advance of a wide (CJK) character, in font sizes
LATIN_WIDTH = 0.6  # estimated advance of any other character, in font sizes
LINE_HEIGHT = 1.25  # line box height, in font sizes
ASCENT = 0.9  # baseline below the top of a line's text, in font sizes
DESCENT = 0.3  # text extent below the baseline, in font sizes


# --------------------------------------------------------------------------------------------
# Low-level helpers
# --------------------------------------------------------------------------------------------


def fmt(value: float) -> str:
    """A coordinate rounded to one decimal: ``12.0`` → ``"12"``, ``-0.04`` → ``"0"``."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite coordinate: {value!r}")
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    text = f"{rounded:.1f}"
    return text[:-2] if text.endswith(".0") else text


# Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without the characters that would make the SVG ill-formed XML."""
    return _NOT_XML.sub("", text)


def esc(text: str) -> str:
    """``text`` made safe as XML character data or a quoted attribute value."""
    return html.escape(clean(text), quote=True)


def _attrs(attrs: Mapping[str, object]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = "class" if key == "cls" else key.rstrip("_").replace("_", "-")
        text = fmt(value) if isinstance(value, float) else str(value)
        parts.append(f' {name}="{esc(text)}"')
    return "".join(parts)


def _el(tag: str, content: str | None = None, /, **attrs: object) -> str:
    """One element; ``content`` is markup (already escaped), None makes it self-closing."""
    if content is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def _title(text: str) -> str:
    return f"<title>{esc(text)}</title>"


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def _svg(width: float, height: float, title: str, body: Sequence[str], *, cls: str) -> str:
    head = (
        f'<svg xmlns="{SVG_NS}" version="1.1" class="{cls}" role="img" width="100%" '
        f'viewBox="0 0 {fmt(width)} {fmt(height)}" preserveAspectRatio="xMidYMid meet" '
        f'font-family="{esc(FONT_FAMILY)}">'
    )
    # An accessible name is never empty, even for an empty, untitled chart.
    return head + _title(clean(title).strip() or "—") + "".join(body) + "</svg>"


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way towards ``other``, as ``#rrggbb``."""
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def tint(color: str, amount: float) -> str:
    """``color`` lightened towards white by ``amount`` (0 = unchanged, 1 = white)."""
    return mix(color, WHITE, amount)


def level_color(level: int) -> str:
    return LEVEL_COLORS.get(level, ACCENT)


# --------------------------------------------------------------------------------------------
# Text measuring and fitting
# --------------------------------------------------------------------------------------------


def is_wide(char: str) -> bool:
    """Whether a character is set about one font size wide (CJK ideographs, full-width forms).

    East-Asian "ambiguous" characters (…, ·, ×, ①) count as wide too: the CJK font comes first in
    the font stack, so that is how they are likely drawn.
    """
    return unicodedata.east_asian_width(char) in ("W", "F", "A")


def text_width(text: str, font_size: float) -> float:
    """The estimated advance width of ``text`` at ``font_size``."""
    return sum(CJK_WIDTH if is_wide(c) else LATIN_WIDTH for c in text) * font_size


# A line may not start with closing punctuation, nor end with opening punctuation.
_NO_LINE_START = set(")]}〕〉》」』】)],.:;!?、。,.:;!?%%")
_NO_LINE_END = set("([{〔〈《「『【([{")


def _units(text: str) -> list[tuple[str, str]]:
    """``text`` cut at its break opportunities, as (unit, separator-before) pairs.

    Breaks are allowed at spaces (the space disappears at a line break), after a slash or hyphen,
    and before and after every wide character.
    """
    units: list[list[str]] = []  # [text, separator before]
    pending_sep = ""
    current = ""

    def flush() -> None:
        nonlocal current, pending_sep
        if current:
            units.append([current, pending_sep])
            current = ""
            pending_sep = ""

    for char in text:
        if char.isspace():
            flush()
            if units:
                pending_sep = " "
            continue
        if char in _NO_LINE_START and (current or units):
            if current:
                current += char
            else:
                units[-1][0] += pending_sep + char
                pending_sep = ""
            continue
        if current and current[-1] in _NO_LINE_END:
            current += char
            continue
        if is_wide(char):
            flush()
            current = char
            if char not in _NO_LINE_END:
                flush()
            continue
        if current and is_wide(current[-1]):
            flush()
        current += char
        if char in "/-":
            flush()
    flush()
    return [(u, s) for u, s in units]


def _join(units: Sequence[tuple[str, str]]) -> str:
    return "".join((sep if i else "") + unit for i, (unit, sep) in enumerate(units))


def _greedy_units(
    units: Sequence[tuple[str, str]], font_size: float, max_width: float
) -> list[list[tuple[str, str]]]:
    lines: list[list[tuple[str, str]]] = []
    line: list[tuple[str, str]] = []
    for unit in units:
        if not line or text_width(_join([*line, unit]), font_size) <= max_width:
            line.append(unit)
        else:
            lines.append(line)
            line = [unit]
    if line:
        lines.append(line)
    return lines


def _greedy(units: Sequence[tuple[str, str]], font_size: float, max_width: float) -> list[str]:
    return [_join(line) for line in _greedy_units(units, font_size, max_width)]


def _coarsen(units: Sequence[tuple[str, str]], tier: int) -> list[tuple[str, str]]:
    """Keep only the stronger break opportunities.

    Tier 0 breaks at spaces only, tier 1 also after a slash or hyphen, tier 2 anywhere allowed
    (tier 3, inside words too, is ``_characters``).
    """
    merged: list[tuple[str, str]] = []
    for unit, sep in units:
        keep = sep == " " or tier >= 2 or (tier == 1 and merged and merged[-1][0][-1] in "/-")
        if merged and not keep:
            merged[-1] = (merged[-1][0] + sep + unit, merged[-1][1])
        else:
            merged.append((unit, sep))
    return merged


def _characters(text: str) -> list[tuple[str, str]]:
    """Every character its own unit: breaking inside a word, the last resort before cutting."""
    units: list[tuple[str, str]] = []
    sep = ""
    for char in text:
        if char.isspace():
            sep = " " if units else ""
        else:
            units.append((char, sep))
            sep = ""
    return units


def wrap_text(
    text: str, font_size: float, max_width: float, max_lines: int, *, tier: int = 2
) -> list[str] | None:
    """``text`` broken into at most ``max_lines`` balanced lines no wider than ``max_width``.

    Only breaks of ``tier`` or stronger are used (see ``_coarsen``). Returns None when that is
    impossible at this font size.
    """
    text = " ".join(text.split())
    if text_width(text, font_size) <= max_width:
        return [text]
    units = _coarsen(_units(text), tier) if tier < 3 else _characters(text)
    lines = _greedy(units, font_size, max_width)
    if len(lines) > max_lines or any(text_width(x, font_size) > max_width for x in lines):
        return None
    # Balance: find the narrowest width that still needs no more lines than the greedy fill.
    low, high = max(text_width(u, font_size) for u, _ in units), max_width
    best = lines
    for _ in range(14):
        mid = (low + high) / 2
        trial = _greedy(units, font_size, mid)
        if len(trial) <= len(lines) and all(text_width(x, font_size) <= mid for x in trial):
            best, high = trial, mid
        else:
            low = mid
    return best


def _truncate(text: str, font_size: float, max_width: float) -> str:
    if text_width(text, font_size) <= max_width:
        return text
    while text and text_width(text + "…", font_size) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def fit_text(
    text: str,
    max_width: float,
    *,
    sizes: Sequence[float],
    max_lines: int = 2,
    size_first: bool = False,
) -> tuple[float, list[str]]:
    """The largest of ``sizes`` at which ``text`` fits ``max_width`` in ``max_lines`` lines.

    Breaking at spaces is preferred even at a smaller size, then after slashes and hyphens, then
    between CJK characters, then inside words; with ``size_first`` a larger size is preferred to a better
    break. When even the smallest size does not fit, the text is cut with "…" at the smallest
    size.
    """
    text = " ".join(text.split())
    tiers = (0, 1, 2, 3)
    if size_first:
        order = [(tier, size) for size in sizes for tier in tiers]
    else:
        order = [(tier, size) for tier in tiers for size in sizes]
    for tier, size in order:
        lines = wrap_text(text, size, max_width, max_lines, tier=tier)
        if lines is not None:
            return size, lines
    size = sizes[-1]
    lines = _greedy_units(_units(text), size, max_width)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], [u for line in lines[max_lines - 1 :] for u in line]]
    return size, [_truncate(_join(line), size, max_width) for line in lines] or [""]


def fit_texts(
    texts: Sequence[str],
    widths: Sequence[float],
    *,
    sizes: Sequence[float],
    max_lines: int = 2,
    size_first: bool = False,
) -> tuple[float, list[list[str]]]:
    """Like ``fit_text`` for a set of labels that share one font size (the largest that fits all)."""
    if not texts:
        return sizes[0], []
    pairs = list(zip(texts, widths, strict=True))
    size = min(
        fit_text(t, w, sizes=sizes, max_lines=max_lines, size_first=size_first)[0] for t, w in pairs
    )
    return size, [fit_text(t, w, sizes=(size,), max_lines=max_lines)[1] for t, w in pairs]


def _text(
    x: float,
    y: float,
    lines: Sequence[str],
    *,
    size: float,
    anchor: str = "start",
    fill: str = INK,
    weight: str | None = None,
    cls: str | None = None,
) -> str:
    """A text element; ``y`` is the first baseline, further lines go ``LINE_HEIGHT`` below."""
    common = {
        "class": cls,
        "x": float(x),
        "y": float(y),
        "font-family": FONT_FAMILY,
        "font-size": fmt(size),
        "font-weight": weight,
        "fill": fill,
        "text-anchor": anchor,
    }
    if len(lines) <= 1:
        return _el("text", esc(lines[0] if lines else ""), **common)
    spans = "".join(
        _el("tspan", esc(line), x=float(x), y=float(y + i * size * LINE_HEIGHT))
        for i, line in enumerate(lines)
    )
    return _el("text", spans, **common)


def text_block_height(lines: int, font_size: float) -> float:
    """Top of the first line to the bottom of the last, as the layout reserves it."""
    return (ASCENT + DESCENT) * font_size + (lines - 1) * LINE_HEIGHT * font_size


# --------------------------------------------------------------------------------------------
# 1. Checklist bar chart
# --------------------------------------------------------------------------------------------

BAR_W, BAR_H = 520, 300
BAR_LEFT, BAR_RIGHT = 40, 512  # plot area, x
BAR_TOP, BAR_BOTTOM = 46, 226  # plot area, y (BOTTOM is the zero line)
BAR_WIDTH = 50
BAR_LABEL_SIZES = (12, 11, 10)


def bar_unit(max_count: int) -> float:
    """Height of one count in the bar chart."""
    return (BAR_BOTTOM - BAR_TOP) / max(1, max_count)


def _tick_step(maximum: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if maximum / step <= 6:
            return step
    return max(1, math.ceil(maximum / 6))


def bar_fill(level: int, count: int, *, threshold: int, highlight: int | None) -> str:
    """Strong colour for the diagnosed level, a medium one when the threshold is reached."""
    if level == highlight:
        return level_color(level)
    if count >= threshold:
        return tint(level_color(level), 0.45)
    return BAR_GREY


def checklist_bar_chart(
    counts: Mapping[int, int],
    *,
    level_labels: Mapping[int, str],
    threshold: int = 3,
    max_count: int = 5,
    highlight: int | None = None,
    title: str = "",
    threshold_label: str = "",
) -> str:
    """Ticked checklist items per level (1..5) as vertical bars, with the threshold dashed."""
    max_count = max(1, int(max_count))
    unit = bar_unit(max_count)
    slot = (BAR_RIGHT - BAR_LEFT) / len(LEVELS)
    values = {lv: min(max(int(counts.get(lv, 0) or 0), 0), max_count) for lv in LEVELS}
    labels = {lv: str(level_labels.get(lv, f"L{lv}")) for lv in LEVELS}
    body: list[str] = []

    # Gridlines and y-axis ticks.
    step = _tick_step(max_count)
    for tick in range(0, max_count + 1, step):
        y = BAR_BOTTOM - tick * unit
        if tick:
            body.append(
                _el(
                    "line",
                    cls="mchart-grid",
                    x1=float(BAR_LEFT),
                    y1=y,
                    x2=float(BAR_RIGHT),
                    y2=y,
                    stroke=GRID,
                    stroke_width="1",
                )
            )
        body.append(
            _text(
                BAR_LEFT - 8,
                y + 4,
                [str(tick)],
                size=11,
                anchor="end",
                fill=MUTED,
                cls="mchart-tick",
            )
        )

    # Bars; their counts (above) and labels (below) go on top of the threshold line.
    overlay: list[str] = []
    label_width = slot - 8
    label_size, label_lines = fit_texts(
        [labels[lv] for lv in LEVELS],
        [label_width] * len(LEVELS),
        sizes=BAR_LABEL_SIZES,
        max_lines=3,
        size_first=True,
    )
    if any(len(lines) > 1 for lines in label_lines):
        # Once one label wraps, set every "L1 纸质化"-like label as "L1" over "纸质化" too.
        label_lines = [
            lines[0].split(" ", 1) if len(lines) == 1 and " " in lines[0] else lines
            for lines in label_lines
        ]
    for i, level in enumerate(LEVELS):
        count = values[level]
        centre = BAR_LEFT + slot * (i + 0.5)
        height = count * unit
        fill = bar_fill(level, count, threshold=threshold, highlight=highlight)
        strong = level == highlight
        stroke = level_color(level) if count >= threshold and not strong else None
        body.append(
            _el(
                "rect",
                _title(f"{labels[level]}: {count}"),
                cls="mchart-bar" + (" mchart-highlight" if strong else ""),
                x=centre - BAR_WIDTH / 2,
                y=BAR_BOTTOM - height,
                width=float(BAR_WIDTH),
                height=height,
                rx="2",
                fill=fill,
                stroke=stroke,
                stroke_width="1" if stroke else None,
            )
        )
        overlay.append(
            _text(
                centre,
                BAR_BOTTOM - height - 6,
                [str(count)],
                size=14 if strong else 13,
                anchor="middle",
                fill=level_color(level) if strong else INK,
                weight="bold" if strong or count >= threshold else None,
                cls="mchart-count",
            )
        )
        size, lines = label_size, label_lines[i]
        overlay.append(
            _text(
                centre,
                BAR_BOTTOM + 8 + ASCENT * size,
                lines,
                size=size,
                anchor="middle",
                fill=INK if strong else MUTED,
                weight="bold" if strong else None,
                cls="mchart-xlabel",
            )
        )

    # Zero line, then the threshold on top of the bars.
    body.append(
        _el(
            "line",
            cls="mchart-axis",
            x1=float(BAR_LEFT),
            y1=float(BAR_BOTTOM),
            x2=float(BAR_RIGHT),
            y2=float(BAR_BOTTOM),
            stroke=AXIS,
            stroke_width="1",
        )
    )
    if 0 < threshold <= max_count:
        y = BAR_BOTTOM - threshold * unit
        body.append(
            _el(
                "line",
                cls="mchart-threshold",
                x1=float(BAR_LEFT),
                y1=y,
                x2=float(BAR_RIGHT),
                y2=y,
                stroke=THRESHOLD,
                stroke_width="1.5",
                stroke_dasharray="6 4",
            )
        )
        if threshold_label:
            # A legend above the plot: a dashed sample, then the label, right-aligned.
            sample = 26
            size, lines = fit_text(
                threshold_label, BAR_RIGHT - BAR_LEFT - sample - 8, sizes=(12, 11, 10), max_lines=1
            )
            width = text_width(lines[0], size)
            x_text = BAR_RIGHT - width
            y_text = 18.0
            body.append(
                _el(
                    "line",
                    x1=x_text - sample - 6,
                    y1=y_text - 4,
                    x2=x_text - 6,
                    y2=y_text - 4,
                    stroke=THRESHOLD,
                    stroke_width="1.5",
                    stroke_dasharray="6 4",
                )
            )
            body.append(
                _text(
                    x_text, y_text, lines, size=size, fill=THRESHOLD, cls="mchart-threshold-label"
                )
            )

    body.extend(overlay)
    summary = title or ", ".join(f"{labels[lv]}: {values[lv]}" for lv in LEVELS)
    return _svg(BAR_W, BAR_H, summary, body, cls="mchart mchart-checklist")


# --------------------------------------------------------------------------------------------
# 2. Radar chart
# --------------------------------------------------------------------------------------------

RADAR_W, RADAR_H = 560, 440
RADAR_CX, RADAR_CY = 280, 204
RADAR_R = 138  # radius of the outer ring (max_value)
RADAR_LABEL_GAP = 30  # outer ring to the axis label's anchor
RADAR_VALUE_GAP = 12  # data point to its value
RADAR_MARGIN = 8  # labels keep this far from the viewBox edge
RADAR_LEGEND_Y = 426  # legend baseline
RADAR_LABEL_SIZES = (13, 12, 11, 10)
RADAR_MIDDLE_MAX = 240  # widest label straight above or below the chart


def radar_angle(index: int, axes: int) -> float:
    """Angle of axis ``index`` in radians; the first axis points up, then clockwise."""
    return -math.pi / 2 + 2 * math.pi * index / max(1, axes)


def _clamp(value: float | None, max_value: float) -> float | None:
    if value is None:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return min(max(value, 0.0), float(max_value))


def radar_point(
    index: int, value: float | None, axes: int, max_value: float = 5
) -> tuple[float, float]:
    """Where ``value`` on axis ``index`` of ``axes`` is drawn; None (unknown) is the centre."""
    clamped = _clamp(value, max_value)
    radius = 0.0 if clamped is None else RADAR_R * clamped / max(max_value, 1e-9)
    angle = radar_angle(index, axes)
    return (
        round(RADAR_CX + radius * math.cos(angle), 1),
        round(RADAR_CY + radius * math.sin(angle), 1),
    )


def _ring_step(max_value: int) -> int:
    return 1 if max_value <= 10 else math.ceil(max_value / 5)


def radar_label_layout(
    labels: Sequence[str],
) -> list[tuple[float, float, str, float, list[str]]]:
    """(x, first baseline, text-anchor, font size, lines) for every axis label.

    Labels sit outside the outer ring, anchored by their angle: to the right of the chart they
    start at the anchor, to the left they end there, above and below they are centred. They are
    wrapped or set smaller to stay inside the viewBox.
    """
    axes = len(labels)
    reach = RADAR_R + RADAR_LABEL_GAP
    anchors = []
    for i in range(axes):
        angle = radar_angle(i, axes)
        cos, sin = math.cos(angle), math.sin(angle)
        ax, ay = RADAR_CX + reach * cos, RADAR_CY + reach * sin
        if cos > 0.2:
            anchor, room = "start", RADAR_W - RADAR_MARGIN - ax
        elif cos < -0.2:
            anchor, room = "end", ax - RADAR_MARGIN
        else:
            anchor = "middle"
            room = min(2 * min(ax - RADAR_MARGIN, RADAR_W - RADAR_MARGIN - ax), RADAR_MIDDLE_MAX)
        anchors.append((ax, ay, sin, anchor, room))
    size, fitted = fit_texts(
        labels, [room for *_, room in anchors], sizes=RADAR_LABEL_SIZES, max_lines=2
    )
    layout = []
    for (ax, ay, sin, anchor, _), lines in zip(anchors, fitted, strict=True):
        height = text_block_height(len(lines), size)
        # Above the centre the block grows upwards, below it downwards, at the sides it is
        # centred on the anchor; in between it slides smoothly.
        top = ay - height * (1 - sin) / 2
        if anchor != "middle" and abs(sin) < 0.97:
            # Diagonal labels: nudge away from the ring so the corner nearest it stays clear.
            top += 3 * sin
        layout.append((round(ax, 1), round(top + ASCENT * size, 1), anchor, size, lines))
    return layout


def radar_chart(
    values: Sequence[tuple[str, int | None]],
    *,
    max_value: int = 5,
    title: str = "",
    compare: Sequence[int | None] | None = None,
    compare_label: str = "",
    value_label: str = "",
    unknown_label: str = "",
) -> str:
    """A radar (spider) chart of a dimension profile, values 1..``max_value`` or None (unknown).

    Unknown values are plotted at the centre as a hollow dashed circle, the outline runs to them
    dashed, their spoke is dashed and their label is grey with a "?". ``compare`` (for instance
    the next level's profile) is drawn as a dashed outline. The legend lists ``value_label``,
    ``compare_label`` and ``unknown_label`` — whichever are given.
    """
    max_value = max(1, int(max_value))
    labels = [str(label) for label, _ in values]
    data = [_clamp(value, max_value) for _, value in values]
    axes = len(values)
    if compare is not None and len(compare) != axes:
        raise ValueError(f"compare has {len(compare)} values for {axes} axes")
    color = ACCENT
    body: list[str] = []
    cx, cy = float(RADAR_CX), float(RADAR_CY)

    # Rings: polygons for 3+ axes, circles when the chart is degenerate.
    step = _ring_step(max_value)
    ring_values = list(range(step, max_value + 1, step))
    if max_value not in ring_values:
        ring_values.append(max_value)
    for ring in ring_values:
        outer = ring == max_value
        attrs = {
            "cls": "mchart-ring",
            "fill": "#f7f9fb" if outer else "none",
            "stroke": AXIS if outer else GRID,
            "stroke_width": "1",
        }
        if axes >= 3:
            pts = [radar_point(i, ring, axes, max_value) for i in range(axes)]
            body.insert(0 if outer else len(body), _el("polygon", points=_points(pts), **attrs))
        else:
            radius = RADAR_R * ring / max_value
            body.insert(0 if outer else len(body), _el("circle", cx=cx, cy=cy, r=radius, **attrs))

    # Spokes.
    for i in range(axes):
        x, y = radar_point(i, max_value, axes, max_value)
        unknown = data[i] is None
        body.append(
            _el(
                "line",
                cls="mchart-axis" + (" mchart-unknown" if unknown else ""),
                x1=cx,
                y1=cy,
                x2=x,
                y2=y,
                stroke=FAINT if unknown else AXIS,
                stroke_width="1",
                stroke_dasharray="3 3" if unknown else None,
            )
        )

    # Ring labels, on the bisector between the last and the first axis, just inside each ring;
    # one that would come too close to the spokes (and the points on them) is left out.
    half = math.pi / axes if axes >= 2 else math.pi / 4
    bisector = -math.pi / 2 - half
    edge = math.cos(half) if axes >= 3 else 1.0
    crowded = RADAR_R * step / max_value * edge < 16  # label every other ring then
    for ring in ring_values:
        radius = RADAR_R * ring / max_value * edge - 6
        if radius * math.sin(half) < 12 or (crowded and (max_value - ring) % (2 * step)):
            continue
        x = cx + radius * math.cos(bisector)
        y = cy + radius * math.sin(bisector)
        body.append(
            _text(
                x,
                y + 3,
                [str(ring)],
                size=9,
                anchor="middle",
                fill=FAINT,
                cls="mchart-ring-label",
            )
        )

    # The comparison outline.
    if compare is not None:
        cmp = [_clamp(v, max_value) for v in compare]
        pts = [radar_point(i, v, axes, max_value) for i, v in enumerate(cmp)]
        if axes >= 2:
            body.append(
                _el(
                    "polygon" if axes >= 3 else "polyline",
                    cls="mchart-compare",
                    points=_points(pts),
                    fill="none",
                    stroke=MUTED,
                    stroke_width="1.5",
                    stroke_dasharray="5 4",
                )
            )
        for x, y in pts:
            body.append(_el("circle", cx=x, cy=y, r="2.5", fill=MUTED))

    # The profile: a translucent area, then its outline edge by edge (dashed to unknowns).
    pts = [radar_point(i, v, axes, max_value) for i, v in enumerate(data)]
    if axes >= 3:
        body.append(
            _el(
                "polygon",
                cls="mchart-area",
                points=_points(pts),
                fill=color,
                fill_opacity="0.18",
                stroke="none",
            )
        )
    if axes >= 2:
        edges = axes if axes >= 3 else 1
        for i in range(edges):
            j = (i + 1) % axes
            dashed = data[i] is None or data[j] is None
            (x1, y1), (x2, y2) = pts[i], pts[j]
            body.append(
                _el(
                    "line",
                    cls="mchart-edge" + (" mchart-unknown" if dashed else ""),
                    x1=x1,
                    y1=y1,
                    x2=x2,
                    y2=y2,
                    stroke=FAINT if dashed else color,
                    stroke_width="1.5" if dashed else "2.5",
                    stroke_dasharray="4 3" if dashed else None,
                    stroke_linecap="round",
                )
            )

    # Points with their values; unknowns last, as one hollow dashed circle at the centre.
    for i, (label, value) in enumerate(zip(labels, data, strict=True)):
        if value is None:
            continue
        x, y = pts[i]
        body.append(
            _el(
                "circle",
                _title(f"{label}: {fmt(value)}"),
                cls="mchart-point",
                cx=x,
                cy=y,
                r="4.5",
                fill=color,
                stroke=WHITE,
                stroke_width="1.5",
            )
        )
        angle = radar_angle(i, axes)
        reach = RADAR_R * value / max_value + RADAR_VALUE_GAP
        vx = cx + reach * math.cos(angle)
        vy = cy + reach * math.sin(angle) + 4  # centre the digits vertically
        body.append(
            _text(
                vx,
                vy,
                [fmt(value)],
                size=11,
                anchor="middle",
                fill=color,
                weight="bold",
                cls="mchart-value",
            )
        )
    unknowns = [label for label, value in zip(labels, data, strict=True) if value is None]
    if unknowns:
        body.append(
            _el(
                "circle",
                _title(", ".join(f"{label}: ?" for label in unknowns)),
                cls="mchart-point mchart-unknown",
                cx=cx,
                cy=cy,
                r="5",
                fill=WHITE,
                stroke=FAINT,
                stroke_width="1.5",
                stroke_dasharray="2 2",
            )
        )

    # Axis labels.
    shown = [
        label if value is not None else f"{label} ?"
        for label, value in zip(labels, data, strict=True)
    ]
    for (x, y, anchor, size, lines), value in zip(radar_label_layout(shown), data, strict=True):
        unknown = value is None
        body.append(
            _text(
                x,
                y,
                lines,
                size=size,
                anchor=anchor,
                fill=FAINT if unknown else INK,
                cls="mchart-label" + (" mchart-unknown" if unknown else ""),
            )
        )

    # Legend.
    items: list[tuple[str, str]] = []
    if value_label:
        items.append(("value", value_label))
    if compare is not None and compare_label:
        items.append(("compare", compare_label))
    if unknowns and unknown_label:
        items.append(("unknown", unknown_label))
    if items:
        body.append(_radar_legend(items, color))

    if title:
        summary = title
    else:
        summary = ", ".join(
            f"{label}: {'?' if value is None else fmt(value)}"
            for label, value in zip(labels, data, strict=True)
        )
    return _svg(RADAR_W, RADAR_H, summary, body, cls="mchart mchart-radar")


def _radar_legend(items: Sequence[tuple[str, str]], color: str) -> str:
    swatch, gap, spacing = 22.0, 6.0, 22.0
    room = (RADAR_W - 2 * RADAR_MARGIN) / len(items) - swatch - gap - spacing
    fitted = [(kind, fit_text(text, room, sizes=(12, 11, 10), max_lines=1)) for kind, text in items]
    total = sum(swatch + gap + text_width(lines[0], sz) for _, (sz, lines) in fitted)
    total += spacing * (len(fitted) - 1)
    x = (RADAR_W - total) / 2
    y = float(RADAR_LEGEND_Y)
    mid = y - 4
    parts = []
    for kind, (sz, lines) in fitted:
        if kind == "value":
            parts.append(
                _el(
                    "rect",
                    x=x,
                    y=mid - 6,
                    width=swatch,
                    height=12.0,
                    rx="2",
                    fill=color,
                    fill_opacity="0.18",
                    stroke=color,
                    stroke_width="2",
                )
            )
        elif kind == "compare":
            parts.append(
                _el(
                    "line",
                    x1=x,
                    y1=mid,
                    x2=x + swatch,
                    y2=mid,
                    stroke=MUTED,
                    stroke_width="1.5",
                    stroke_dasharray="5 4",
                )
            )
        else:
            parts.append(
                _el(
                    "circle",
                    cx=x + swatch / 2,
                    cy=mid,
                    r="5",
                    fill=WHITE,
                    stroke=FAINT,
                    stroke_width="1.5",
                    stroke_dasharray="2 2",
                )
            )
        x += swatch + gap
        parts.append(_text(x, y, lines, size=sz, fill=MUTED))
        x += text_width(lines[0], sz) + spacing
    return _el("g", "".join(parts), cls="mchart-legend")


# --------------------------------------------------------------------------------------------
# 3. Level scale
# --------------------------------------------------------------------------------------------

SCALE_W = 520
SCALE_LEFT, SCALE_GAP = 8, 6
SCALE_BASE = 78  # bottom of the steps
SCALE_STEP_H0, SCALE_STEP_RISE = 22, 11


def level_scale(
    level: int | None,
    *,
    labels: Mapping[int, str],
    highlight_share: Mapping[int, str] | None = None,
    title: str = "",
) -> str:
    """Levels 1..5 as a rising staircase, the current ``level`` in its colour and marked.

    Steps below the current level are tinted (climbed), the ones above are grey; with no level
    every step is lightly tinted. ``highlight_share`` adds a caption under each level's label.
    """
    step_w = (SCALE_W - 2 * SCALE_LEFT - (len(LEVELS) - 1) * SCALE_GAP) / len(LEVELS)
    names = {lv: str(labels.get(lv, "")) for lv in LEVELS}
    shares = {lv: str((highlight_share or {}).get(lv, "")) for lv in LEVELS}
    name_size, name_lines = fit_texts(
        [names[lv] for lv in LEVELS],
        [step_w + SCALE_GAP - 4] * len(LEVELS),
        sizes=(12, 11, 10),
        max_lines=2,
    )
    fitted = {
        lv: (name_size, lines if names[lv] else [])
        for lv, lines in zip(LEVELS, name_lines, strict=True)
    }
    label_top = SCALE_BASE + 8
    label_h = max(
        (text_block_height(len(lines), sz) for sz, lines in fitted.values() if lines), default=0.0
    )
    share_y = label_top + label_h + 4 + ASCENT * 11
    has_share = any(shares.values())
    height = (share_y + DESCENT * 11 if has_share else label_top + label_h) + 6

    body: list[str] = []
    for i, lv in enumerate(LEVELS):
        x = SCALE_LEFT + i * (step_w + SCALE_GAP)
        step_h = SCALE_STEP_H0 + i * SCALE_STEP_RISE
        top = SCALE_BASE - step_h
        base = level_color(lv)
        current = lv == level
        if current:
            fill, ink = base, WHITE
        elif level is None:
            fill, ink = tint(base, 0.82), base
        elif lv < level:
            fill, ink = tint(base, 0.6), mix(base, INK, 0.3)
        else:
            fill, ink = "#eef1f4", FAINT
        name = names[lv] or f"L{lv}"
        body.append(
            _el(
                "rect",
                _title(f"L{lv} {name}".strip() + (f" {shares[lv]}" if shares[lv] else "")),
                cls="mchart-step" + (" mchart-highlight" if current else ""),
                x=x,
                y=float(top),
                width=step_w,
                height=float(step_h),
                rx="3",
                fill=fill,
            )
        )
        body.append(
            _text(
                x + step_w / 2,
                SCALE_BASE - 7,
                [f"L{lv}"],
                size=12,
                anchor="middle",
                fill=ink,
                weight="bold",
                cls="mchart-step-level",
            )
        )
        if current:
            mx = x + step_w / 2
            body.append(
                _el(
                    "polygon",
                    cls="mchart-marker",
                    points=_points([(mx - 6, top - 11), (mx + 6, top - 11), (mx, top - 3)]),
                    fill=base,
                )
            )
        size, lines = fitted[lv]
        if lines:
            body.append(
                _text(
                    x + step_w / 2,
                    label_top + ASCENT * size,
                    lines,
                    size=size,
                    anchor="middle",
                    fill=base if current else (INK if level is None else MUTED),
                    weight="bold" if current else None,
                    cls="mchart-step-label",
                )
            )
        if shares[lv]:
            sz, share_lines = fit_text(shares[lv], step_w, sizes=(11, 10), max_lines=1)
            body.append(
                _text(
                    x + step_w / 2,
                    share_y,
                    share_lines,
                    size=sz,
                    anchor="middle",
                    fill=base if current else FAINT,
                    weight="bold" if current else None,
                    cls="mchart-step-share",
                )
            )

    if not title:
        if level in LEVELS:
            title = f"L{level} {names[level]}".strip()
        else:
            title = " → ".join(f"L{lv} {names[lv]}".strip() for lv in LEVELS)
    return _svg(SCALE_W, height, title, body, cls="mchart mchart-level-scale")


# --------------------------------------------------------------------------------------------
# 4. Level distribution (the consultant's clients)
# --------------------------------------------------------------------------------------------

DIST_W, DIST_H = 520, 250
DIST_LEFT, DIST_RIGHT = 40, 512
DIST_TOP, DIST_BOTTOM = 28, 190


def level_distribution_chart(
    counts: Mapping[int, int],
    *,
    level_labels: Mapping[int, str],
    none_count: int = 0,
    none_label: str = "",
    title: str = "",
) -> str:
    """How many companies are at each level 1..5 (and, when ``none_label`` is given, how many
    have no level yet), as vertical bars in the levels' colours with the count on top."""
    keys: list[int | None] = list(LEVELS) + ([None] if none_label else [])
    values = {key: max(0, int((counts.get(key, 0) if key else none_count) or 0)) for key in keys}
    labels = {key: str(level_labels.get(key, f"L{key}")) if key else none_label for key in keys}
    total = sum(values.values())
    maximum = max([1, *values.values()])
    step = _tick_step(maximum)
    top_tick = math.ceil(maximum / step) * step
    unit = (DIST_BOTTOM - DIST_TOP) / top_tick
    slot = (DIST_RIGHT - DIST_LEFT) / len(keys)
    bar_w = min(56.0, slot * 0.62)
    body: list[str] = []

    for tick in range(0, top_tick + 1, step):
        y = DIST_BOTTOM - tick * unit
        if tick:
            body.append(
                _el(
                    "line",
                    cls="chart-grid",
                    x1=float(DIST_LEFT),
                    y1=y,
                    x2=float(DIST_RIGHT),
                    y2=y,
                    stroke=GRID,
                    stroke_width="1",
                )
            )
        body.append(_text(DIST_LEFT - 8, y + 4, [str(tick)], size=11, anchor="end", fill=MUTED))

    label_size, label_lines = fit_texts(
        [labels[key] for key in keys],
        [slot - 6] * len(keys),
        sizes=(12, 11, 10),
        max_lines=2,
    )
    for i, key in enumerate(keys):
        count = values[key]
        centre = DIST_LEFT + slot * (i + 0.5)
        height = count * unit
        color = level_color(key) if key else BAR_GREY
        share = f"{round(100 * count / total)}%" if total else "0%"
        body.append(
            _el(
                "rect",
                _title(f"{labels[key]}: {count} ({share})"),
                cls="chart-bar",
                x=centre - bar_w / 2,
                y=DIST_BOTTOM - height,
                width=bar_w,
                height=height,
                rx="2",
                fill=color,
            )
        )
        body.append(
            _text(
                centre,
                DIST_BOTTOM - height - 6,
                [str(count)],
                size=13,
                anchor="middle",
                fill=INK,
                weight="bold",
                cls="chart-count",
            )
        )
        body.append(
            _text(
                centre,
                DIST_BOTTOM + 8 + ASCENT * label_size,
                label_lines[i],
                size=label_size,
                anchor="middle",
                fill=MUTED if key else FAINT,
                cls="chart-xlabel",
            )
        )
        if total:
            y_share = DIST_BOTTOM + 8 + text_block_height(len(label_lines[i]), label_size) + 14
            body.append(_text(centre, y_share, [share], size=10, anchor="middle", fill=FAINT))
    body.append(
        _el(
            "line",
            cls="chart-axis",
            x1=float(DIST_LEFT),
            y1=float(DIST_BOTTOM),
            x2=float(DIST_RIGHT),
            y2=float(DIST_BOTTOM),
            stroke=AXIS,
            stroke_width="1",
        )
    )
    summary = title or ", ".join(f"{labels[key]}: {values[key]}" for key in keys)
    return _svg(DIST_W, DIST_H, summary, body, cls="chart chart-distribution")


# --------------------------------------------------------------------------------------------
# 5. Progress over time (level and dimensions)
# --------------------------------------------------------------------------------------------

PROGRESS_W = 720
PROGRESS_LEFT, PROGRESS_RIGHT = 44, 700
PROGRESS_TOP, PROGRESS_BOTTOM = 28, 268
PROGRESS_MIN_GAP = 56.0  # closest two points may come when placed by date
PROGRESS_PAD = 36  # first / last point to the plot's edge
DIMENSION_COLORS = (
    "#e07b39",
    "#3b8ea5",
    "#8e6bbf",
    "#5a9e4b",
    "#c9a227",
    "#d1495b",
    "#6c757d",
    "#2a9d8f",
)
LEVEL_LINE = "#1d2733"


def progress_y(value: float) -> float:
    """The y of a level 1..5 in the progress chart."""
    return PROGRESS_BOTTOM - (value - 1) / 4 * (PROGRESS_BOTTOM - PROGRESS_TOP)


def progress_x(index: int, count: int) -> float:
    if count <= 1:
        return (PROGRESS_LEFT + PROGRESS_RIGHT) / 2
    span = PROGRESS_RIGHT - PROGRESS_LEFT - 2 * PROGRESS_PAD
    return PROGRESS_LEFT + PROGRESS_PAD + index * span / (count - 1)


def progress_xs(count: int, positions: Sequence[float] | None = None) -> list[float]:
    """x of each point: by ``positions`` (e.g. days) when given and distinct enough, else evenly
    spaced. Points never come closer than PROGRESS_MIN_GAP (later ones are pushed right)."""
    even = [progress_x(i, count) for i in range(count)]
    if not positions or count < 3 or len(positions) != count:
        return even
    low, high = min(positions), max(positions)
    if high <= low:
        return even
    first, span = PROGRESS_LEFT + PROGRESS_PAD, PROGRESS_RIGHT - PROGRESS_LEFT - 2 * PROGRESS_PAD
    xs = [first + (p - low) / (high - low) * span for p in positions]
    for i in range(1, count):
        xs[i] = max(xs[i], xs[i - 1] + PROGRESS_MIN_GAP)
    return xs if xs[-1] <= first + span + 0.01 else even


def _polyline_segments(points: Sequence[tuple[float, float] | None]) -> list[list[tuple]]:
    """Runs of consecutive known points (an unknown value breaks the line)."""
    runs: list[list[tuple]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _series(body: list[str], pts, *, line: dict, draw_point) -> None:
    """One line of a progress chart: polylines through the known points (gaps where a value is
    unknown) and, for each known point, the elements `draw_point(index, point)` returns."""
    for run in _polyline_segments(pts):
        if len(run) > 1:
            body.append(
                _el(
                    "polyline",
                    cls=line["cls"],
                    points=_points(run),
                    fill="none",
                    **{k: v for k, v in line.items() if k != "cls"},
                )
            )
    for i, point in enumerate(pts):
        if point is not None:
            body.extend(draw_point(i, point))


def progress_line_chart(
    labels: Sequence[str],
    levels: Sequence[int | None],
    *,
    dimensions: Sequence[tuple[str, Sequence[int | None]]] = (),
    confirmed: Sequence[int | None] | None = None,
    title: str = "",
    level_label: str = "",
    confirmed_label: str = "",
    positions: Sequence[float] | None = None,
) -> str:
    """Levels over time: one x position per assessment (``labels``, oldest first; placed by
    ``positions`` such as days when given, else evenly), the diagnosed
    level as a thick line with its value on each point, the consultant-confirmed level as
    hollow rings on a dashed line, and each dimension as a thin coloured line (slightly offset
    so equal values stay visible side by side), with a legend underneath."""
    count = len(labels)
    xs = progress_xs(count, positions)
    body: list[str] = []

    # Grid: one line per level.
    for lv in LEVELS:
        y = progress_y(lv)
        body.append(
            _el(
                "line",
                cls="chart-grid",
                x1=float(PROGRESS_LEFT),
                y1=y,
                x2=float(PROGRESS_RIGHT),
                y2=y,
                stroke=GRID,
                stroke_width="1",
            )
        )
        body.append(
            _text(
                PROGRESS_LEFT - 10,
                y + 4,
                [f"L{lv}"],
                size=11,
                anchor="end",
                fill=level_color(lv),
                weight="bold",
                cls="chart-tick",
            )
        )

    # X labels (thinned out when they would collide).
    label_width = max((text_width(str(label), 11) for label in labels), default=0.0)
    last_right = -math.inf
    for i, (x, label) in enumerate(zip(xs, labels, strict=True)):
        # Skip a label that would overlap the previous one (the last one always shows).
        room_for_last = i == count - 1 or x + label_width + 8 <= xs[-1] - label_width / 2
        if x - label_width / 2 < last_right + 8 or not room_for_last:
            continue
        last_right = x + label_width / 2
        body.append(
            _text(
                x,
                PROGRESS_BOTTOM + 20,
                [str(label)],
                size=11,
                anchor="middle",
                fill=MUTED,
                cls="chart-xlabel",
            )
        )

    # Dimension lines.
    legend: list[tuple[str, str, str]] = []  # (kind, colour, label)
    m = len(dimensions)
    for j, (name, values) in enumerate(dimensions):
        color = DIMENSION_COLORS[j % len(DIMENSION_COLORS)]
        offset = (j - (m - 1) / 2) * 2.5
        pts = [
            (xs[i], progress_y(_clamp_level(v)) + offset) if v is not None else None
            for i, v in enumerate(values[:count])
        ]
        _series(
            body,
            pts,
            line={
                "cls": "chart-dimension",
                "stroke": color,
                "stroke_width": "1.5",
                "stroke_opacity": "0.85",
            },
            draw_point=lambda i, point, name=name, values=values, color=color: [
                _el(
                    "circle",
                    _title(f"{name} · {labels[i]}: L{values[i]}"),
                    cls="chart-dimension-point",
                    cx=point[0],
                    cy=point[1],
                    r="2.5",
                    fill=color,
                )
            ],
        )
        legend.append(("dimension", color, str(name)))

    # The consultant-confirmed level.
    if confirmed is not None and any(v is not None for v in confirmed):
        pts = [
            (xs[i], progress_y(_clamp_level(v))) if v is not None else None
            for i, v in enumerate(confirmed[:count])
        ]
        _series(
            body,
            pts,
            line={
                "cls": "chart-confirmed",
                "stroke": MUTED,
                "stroke_width": "1.5",
                "stroke_dasharray": "5 4",
            },
            draw_point=lambda i, point: [
                _el(
                    "circle",
                    _title(f"{confirmed_label} · {labels[i]}: L{confirmed[i]}"),
                    cls="chart-confirmed-point",
                    cx=point[0],
                    cy=point[1],
                    r="9",
                    fill="none",
                    stroke=level_color(_clamp_level(confirmed[i])),
                    stroke_width="2",
                )
            ],
        )
        if confirmed_label:
            legend.insert(0, ("confirmed", MUTED, confirmed_label))

    # The diagnosed level, on top.
    pts = [
        (xs[i], progress_y(_clamp_level(v))) if v is not None else None
        for i, v in enumerate(levels[:count])
    ]
    for run in _polyline_segments(pts):
        if len(run) > 1:
            body.append(
                _el(
                    "polyline",
                    cls="chart-level",
                    points=_points(run),
                    fill="none",
                    stroke=LEVEL_LINE,
                    stroke_width="3",
                    stroke_linejoin="round",
                )
            )
    for i, point in enumerate(pts):
        if point is None:
            continue
        lv = _clamp_level(levels[i])
        body.append(
            _el(
                "circle",
                _title(f"{level_label} · {labels[i]}: L{levels[i]}"),
                cls="chart-level-point",
                cx=point[0],
                cy=point[1],
                r="5.5",
                fill=level_color(lv),
                stroke=WHITE,
                stroke_width="2",
            )
        )
        body.append(
            _el(
                "rect",
                x=point[0] - 11,
                y=point[1] - 26,
                width=22.0,
                height=15.0,
                rx="3",
                fill=WHITE,
                fill_opacity="0.9",
            )
        )
        body.append(
            _text(
                point[0],
                point[1] - 14,
                [f"L{levels[i]}"],
                size=12,
                anchor="middle",
                fill=level_color(lv),
                weight="bold",
                cls="chart-value",
            )
        )
    if level_label:
        legend.insert(0, ("level", LEVEL_LINE, level_label))

    # Legend rows under the plot.
    y = PROGRESS_BOTTOM + 48.0
    x = float(PROGRESS_LEFT)
    swatch, gap, spacing = 22.0, 6.0, 18.0
    for kind, color, text in legend:
        size, lines = fit_text(text, 200, sizes=(12, 11), max_lines=1)
        width = swatch + gap + text_width(lines[0], size)
        if x + width > PROGRESS_RIGHT and x > PROGRESS_LEFT:
            x = float(PROGRESS_LEFT)
            y += 20
        mid = y - 4
        if kind == "level":
            body.append(
                _el("line", x1=x, y1=mid, x2=x + swatch, y2=mid, stroke=color, stroke_width="3")
            )
        elif kind == "confirmed":
            body.append(
                _el(
                    "circle",
                    cx=x + swatch / 2,
                    cy=mid,
                    r="6",
                    fill="none",
                    stroke=color,
                    stroke_width="2",
                )
            )
        else:
            body.append(
                _el("line", x1=x, y1=mid, x2=x + swatch, y2=mid, stroke=color, stroke_width="2")
            )
        body.append(_text(x + swatch + gap, y, lines, size=size, fill=INK, cls="chart-legend"))
        x += width + spacing
    height = y + 12 if legend else PROGRESS_BOTTOM + 30

    summary = title or ", ".join(
        f"{label}: {'?' if lv is None else f'L{lv}'}"
        for label, lv in zip(labels, levels, strict=False)
    )
    return _svg(PROGRESS_W, height, summary, body, cls="chart chart-progress")


def _clamp_level(value: float) -> float:
    return min(max(float(value), 1.0), 5.0)
