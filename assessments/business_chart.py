"""The range-bar chart of the business case: one row per figure on a shared axis.

Same rules as assessments.reports.charts (which it builds on): SVG 1.1 shapes and text, presentation
attributes only, every text escaped, deterministic output.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assessments.reports.charts import (
    ACCENT,
    AXIS,
    GRID,
    INK,
    MUTED,
    _el,
    _svg,
    _text,
    fit_texts,
    tint,
)

WIDTH = 640
LEFT = 200  # label column
RIGHT = 600
ROW = 44
TOP = 16
AXIS_SPACE = 28


@dataclass(frozen=True)
class RangeRow:
    label: str
    low: float
    typical: float | None
    high: float | None  # None = open above (drawn to the axis end with an arrow)
    color: str = ACCENT
    value_text: str = ""


def _nice_top(maximum: float) -> float:
    if maximum <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(maximum))
    for step in (1, 2, 2.5, 5, 10):
        if maximum <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _tick(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:g}"


def range_bar_chart(rows: Sequence[RangeRow], *, unit: str, title: str) -> str:
    """Horizontal range bars (low → high) with the typical value marked, on one axis."""
    finite = [v for row in rows for v in (row.low, row.typical, row.high) if v is not None]
    top = _nice_top(max([0.0, *finite]) * 1.05)
    scale = (RIGHT - LEFT) / top
    height = TOP + ROW * max(1, len(rows)) + AXIS_SPACE
    axis_y = TOP + ROW * max(1, len(rows))
    body: list[str] = []
    for i in range(5):
        tick = top * i / 4
        x = LEFT + tick * scale
        body.append(
            _el(
                "line",
                cls="mchart-grid",
                x1=x,
                y1=float(TOP),
                x2=x,
                y2=float(axis_y),
                stroke=GRID,
                stroke_width="1",
            )
        )
        body.append(_text(x, axis_y + 14, [_tick(tick)], size=10, anchor="middle", fill=MUTED))
    body.append(_text(RIGHT, axis_y + 26, [unit], size=10, anchor="end", fill=MUTED))
    body.append(
        _el(
            "line",
            x1=float(LEFT),
            y1=float(axis_y),
            x2=float(RIGHT),
            y2=float(axis_y),
            stroke=AXIS,
            stroke_width="1",
        )
    )
    size, labels = fit_texts(
        [row.label for row in rows], [LEFT - 12] * len(rows), sizes=(12, 11, 10), max_lines=3
    )
    for index, (row, lines) in enumerate(zip(rows, labels, strict=True)):
        y = TOP + ROW * index
        first = y + ROW / 2 - (len(lines) - 1) * size * 0.6 + size * 0.35
        body.append(_text(LEFT - 8, first, lines, size=size, anchor="end", fill=INK))
        x1 = LEFT + max(0.0, row.low) * scale
        x2 = RIGHT if row.high is None else LEFT + max(0.0, row.high) * scale
        bar_y = y + ROW / 2 - 7
        body.append(
            _el(
                "rect",
                cls="mchart-range",
                x=x1,
                y=bar_y,
                width=max(2.0, x2 - x1),
                height=14.0,
                rx="3",
                fill=tint(row.color, 0.55),
                stroke=row.color,
                stroke_width="1",
            )
        )
        if row.typical is not None:
            xt = LEFT + max(0.0, row.typical) * scale
            body.append(
                _el(
                    "line",
                    cls="mchart-typical",
                    x1=xt,
                    y1=bar_y - 3,
                    x2=xt,
                    y2=bar_y + 17,
                    stroke=row.color,
                    stroke_width="3",
                )
            )
        if row.value_text:
            body.append(_text(LEFT + 2, y + ROW - 3, [row.value_text], size=9.5, fill=MUTED))
    return _svg(WIDTH, height, title, body, cls="mchart mchart-range-bars")
