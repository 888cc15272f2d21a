"""Properties of the ROI range: ordered, zero for zero size, monotone in size."""

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.business_case import Size, business_case

levels = st.integers(min_value=1, max_value=4)
amount = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
pct = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def sizes(draw):
    return Size(
        technicians=draw(st.integers(min_value=0, max_value=100_000)),
        work_orders=draw(st.integers(min_value=0, max_value=10_000_000)),
        revenue_wan=draw(st.none() | amount),
        inventory_wan=draw(st.none() | amount),
        gross_margin_pct=draw(st.none() | pct),
        repair_hours=draw(st.none() | st.floats(min_value=0, max_value=240)),
        stockout_pct=draw(st.none() | pct),
        ftfr_pct=draw(st.none() | pct),
        nps=draw(st.none() | st.floats(min_value=-100, max_value=100)),
    )


@settings(max_examples=200, deadline=None)
@given(levels, sizes())
def test_ranges_are_ordered(level, size):
    case = business_case(level, size)
    for figure in case.figures:
        assert 0 <= figure.low <= figure.typical <= figure.high, figure.code
    low, high = case.investment
    assert low >= 0 and (high is None or low <= high)
    if case.payback is not None:
        assert 0 <= case.payback.low <= case.payback.typical
        assert case.payback.high is None or case.payback.typical <= case.payback.high


@settings(max_examples=100, deadline=None)
@given(levels, sizes())
def test_zero_size_gives_zero_effect(level, size):
    zero = Size(
        0,
        0,
        revenue_wan=0,
        inventory_wan=0,
        gross_margin_pct=size.gross_margin_pct,
        repair_hours=size.repair_hours,
        ftfr_pct=size.ftfr_pct,
    )
    case = business_case(level, zero)
    for figure in case.figures:
        if figure.kind != "kpi":  # KPI points (stock-out, NPS) do not scale with size
            assert figure.values == (0, 0, 0), figure.code
    assert case.investment[0] == 0


@settings(max_examples=200, deadline=None)
@given(levels, sizes(), st.floats(min_value=1, max_value=10))
def test_monotone_in_size(level, size, factor):
    bigger = Size(
        technicians=size.technicians * factor,
        work_orders=size.work_orders * factor,
        revenue_wan=None if size.revenue_wan is None else size.revenue_wan * factor,
        inventory_wan=None if size.inventory_wan is None else size.inventory_wan * factor,
        gross_margin_pct=size.gross_margin_pct,
        repair_hours=size.repair_hours,
        stockout_pct=size.stockout_pct,
        ftfr_pct=size.ftfr_pct,
        nps=size.nps,
    )
    small, large = business_case(level, size), business_case(level, bigger)
    for a, b in zip(small.figures, large.figures, strict=True):
        assert a.code == b.code
        for x, y in zip(a.values, b.values, strict=True):
            assert y >= x * (1 - 1e-9), a.code
    assert large.investment[0] >= small.investment[0]
