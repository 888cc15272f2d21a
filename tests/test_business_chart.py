"""The business case's range-bar chart: well-formed, escaped, deterministic, to scale."""

import xml.etree.ElementTree as ET

from assessments.business_chart import RangeRow, range_bar_chart

NS = {"svg": "http://www.w3.org/2000/svg"}


def test_bars_are_to_scale_and_text_is_escaped():
    svg = range_bar_chart(
        [RangeRow("投入 <script>", 200, 500, 800), RangeRow("毛利 & more", 264, 456, 800)],
        unit="万元",
        title="Level 3 <b>",
    )
    assert svg == range_bar_chart(
        [RangeRow("投入 <script>", 200, 500, 800), RangeRow("毛利 & more", 264, 456, 800)],
        unit="万元",
        title="Level 3 <b>",
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    bars = root.findall(".//svg:rect[@class='mchart-range']", NS)
    assert len(bars) == 2
    # axis 0..1000 over 400 units: 200..800 is x 280..520
    assert (bars[0].get("x"), bars[0].get("width")) == ("280", "240")
    marks = root.findall(".//svg:line[@class='mchart-typical']", NS)
    assert [m.get("x1") for m in marks] == ["400", "382.4"]


def test_an_open_band_runs_to_the_end_of_the_axis():
    svg = range_bar_chart([RangeRow("3000万+", 3000, None, None)], unit="万元", title="t")
    bar = ET.fromstring(svg).find(  # noqa: S314
        ".//svg:rect[@class='mchart-range']", NS
    )
    assert float(bar.get("x")) + float(bar.get("width")) == 600
