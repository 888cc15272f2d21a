"""The ROI range for the next level (assessments.business_case) against hand-computed cases."""

from pathlib import Path

import pytest
import yaml

from assessments.business_case import (
    INVESTMENT_WAN,
    PAYBACK_MONTHS,
    PRODUCTIVITY,
    SOURCES,
    Size,
    business_case,
    money_en,
    num,
)

SEED = Path("/work/shared/seed/000_e9faecbfe89754b3.txt")
ROOT = Path(__file__).resolve().parent.parent


def values(case, code):
    figure = case.figure(code)
    assert figure is not None, code
    return tuple(round(v, 2) for v in figure.values)


@pytest.mark.skipif(not SEED.exists(), reason="seed document not mounted")
@pytest.mark.parametrize("key", sorted(SOURCES))
def test_every_source_sentence_is_verbatim_in_the_seed(key):
    assert SOURCES[key]["zh"] in SEED.read_text(encoding="utf-8")
    assert SOURCES[key]["en"]


def test_anchors_are_the_model_tables_cells():
    data = yaml.safe_load((ROOT / "maturity/data/model_v2.yaml").read_text(encoding="utf-8"))
    rows = {row["code"]: [cell["zh"] for cell in row["cells"]] for row in data["dimensions"]}
    assert rows["productivity"] == ["基准1倍", "1.2倍", "2倍", "4倍", "6倍"]
    assert [f"{PRODUCTIVITY[n]:g}倍" for n in (2, 3, 4, 5)] == rows["productivity"][1:]
    expected = [
        f"{low:g}-{high:g}万" if high else f"{low:g}万+"
        for low, high in (INVESTMENT_WAN[n] for n in (2, 3, 4, 5))
    ]
    assert expected == rows["investment"][1:]
    assert [f"{a}-{b}个月" for a, b in (PAYBACK_MONTHS[n] for n in (2, 3, 4, 5))] == rows[
        "payback"
    ][1:]


# (level, size) -> {figure code: (low, typical, high)}; computed by hand:
# low = high × 33% (1 − 67%), typical = high × 57% (1 − 43%).
CASES = [
    (
        # County independent shop, Level 1 → 2: gain 1.2 ÷ 1 − 1 = 20%.
        1,
        Size(technicians=12, work_orders=6000),
        {
            "capacity_orders": (396.0, 684.0, 1200.0),  # 6000 × 20%
            "technicians_freed": (0.66, 1.14, 2.0),  # 12 × (1 − 1/1.2)
        },
    ),
    (
        # 4S dealer, Level 2 → 3: gain 2 ÷ 1.2 − 1 = 66.67%.
        2,
        Size(
            technicians=40,
            work_orders=20000,
            revenue_wan=3000,
            inventory_wan=500,
            gross_margin_pct=40,
            repair_hours=3.0,
            stockout_pct=10,
            nps=50,
        ),
        {
            "capacity_orders": (4400.0, 7600.0, 13333.33),
            "technicians_freed": (5.28, 9.12, 16.0),  # 40 × (1 − 1.2/2) = 16
            "revenue_capacity": (660.0, 1140.0, 2000.0),  # 3000 × 2/3
            "contribution": (264.0, 456.0, 800.0),  # 2000 × 40%
            "freed_inventory": (42.78, 73.89, 129.63),  # 500 × (1 − 1/1.35)
            "repair_hours_saved": (8485.71, 14657.14, 25714.29),  # 20000 × 3 × (1 − 2.4/4.2)
            "stockout_points": (2.475, 4.275, 7.5),  # 10 × (1 − 3/12)
            "nps_points": (5.94, 10.26, 18.0),  # 86 − 68
        },
    ),
    (
        # Regional chain, Level 3 → 4: gain 4 ÷ 2 − 1 = 100%; FTFR 84% against Tesla's 94%.
        3,
        Size(technicians=150, work_orders=80000, ftfr_pct=84),
        {
            "capacity_orders": (26400.0, 45600.0, 80000.0),
            "technicians_freed": (24.75, 42.75, 75.0),  # 150 × (1 − 2/4)
            "repeat_visits_avoided": (2640.0, 4560.0, 8000.0),  # 80000 × (94% − 84%)
        },
    ),
]


@pytest.mark.parametrize(("level", "size", "expected"), CASES)
def test_figures_match_the_hand_computed_cases(level, size, expected):
    case = business_case(level, size)
    assert case.target == level + 1
    assert {f.code for f in case.figures} == set(expected)
    for code, triple in expected.items():
        assert values(case, code) == pytest.approx(triple, abs=0.006), code


def test_investment_is_the_next_levels_band_scaled_by_technicians():
    assert business_case(1, Size(12, 6000)).investment == (15.0, 60.0)  # 50-200 × 12/40
    assert business_case(2, Size(40, 20000)).investment == (200.0, 800.0)
    assert business_case(3, Size(150, 80000)).investment == (3000.0, 11250.0)  # 800-3000 × 3.75
    assert business_case(4, Size(40, 1)).investment == (3000.0, None)  # 3000万+ is open


def test_payback_by_hand():
    case = business_case(
        2,
        Size(
            technicians=40,
            work_orders=20000,
            revenue_wan=3000,
            inventory_wan=500,
            gross_margin_pct=40,
        ),
    )
    # shortest: 12 × (200 − 129.63) ÷ 800; typical: 12 × (500 − 73.89) ÷ 456;
    # longest: 12 × (800 − 42.78) ÷ 264.
    assert round(case.payback.low, 2) == 1.06
    assert round(case.payback.typical, 2) == 11.21
    assert round(case.payback.high, 2) == 34.42
    assert case.seed_payback == (12, 18)
    assert case.payback_missing is None


def test_no_payback_without_revenue_and_margin_and_it_says_why():
    for size in (Size(12, 6000), Size(40, 20000, revenue_wan=3000, inventory_wan=500)):
        case = business_case(1 if size.technicians == 12 else 2, size)
        assert case.payback is None
        assert "毛利率" in case.payback_missing["zh"]
        assert "gross margin" in case.payback_missing["en"]


def test_open_band_has_no_longest_payback():
    case = business_case(4, Size(40, 20000, revenue_wan=5000, gross_margin_pct=30))
    assert case.payback.high is None
    assert case.payback.low <= case.payback.typical


def test_no_case_without_a_level_or_at_the_top():
    assert business_case(None, Size(10, 100)) is None
    assert business_case(5, Size(10, 100)) is None


def test_li_auto_figures_only_for_the_step_into_level_3():
    size = Size(40, 20000, inventory_wan=500, repair_hours=3, stockout_pct=10, nps=50, ftfr_pct=80)
    codes = {f.code for f in business_case(1, size).figures}
    assert "freed_inventory" not in codes and "repeat_visits_avoided" not in codes
    codes = {f.code for f in business_case(2, size).figures}
    assert {"freed_inventory", "repair_hours_saved", "stockout_points", "nps_points"} <= codes
    assert "repeat_visits_avoided" not in codes
    assert "repeat_visits_avoided" in {f.code for f in business_case(3, size).figures}


def test_every_figure_has_a_formula_with_the_companys_numbers_and_sources():
    case = business_case(
        2, Size(40, 20000, revenue_wan=3000, inventory_wan=500, gross_margin_pct=40)
    )
    for figure in case.figures:
        assert figure.sources and all(key in SOURCES for key in figure.sources)
        assert "risk" in figure.sources
        assert figure.formula["zh"] and figure.formula["en"]
    assert "20,000" in case.figure("capacity_orders").formula["zh"]
    assert "RMB 30 million" in case.figure("revenue_capacity").formula["en"]
    assert "1 − 1 ÷ 1.35" in case.figure("freed_inventory").formula["zh"]
    assert "÷ 40" in case.investment_formula["zh"]


def test_number_helpers():
    assert num(13333.333) == "13,333.3"
    assert num(2.0) == "2"
    assert num(1200, 0) == "1,200"
    assert money_en(3000) == "RMB 30 million"
    assert money_en(50) == "RMB 500k"
