"""The ranking rule, table-tested on plain values (assessments.prioritise is pure)."""

import pytest

from assessments.prioritise import Candidate, Gaps, rank, size_class

ALL = ("independent", "dealer_4s", "regional_chain", "oem_direct", "other")


def c(code, moves, *, kind="foundation", pre=(), band=1, cap=5, effort=1, types=ALL, pos=None):
    return Candidate(
        code=code,
        position=pos if pos is not None else int(code[1:]),
        kind=kind,
        budget_band=f"b{band}",
        budget_rank=band,
        budget_max=cap,
        effort_weight=effort,
        moves=tuple(moves),
        prerequisites=tuple(pre),
        types=types,
    )


GAPS = Gaps(
    target_level=3, unmet_criteria=("C3.1", "C3.2"), missing_items=("L3.1",), symptoms=("L2.3",)
)


def order(candidates, gaps=GAPS, **kwargs):
    kwargs = {"company_type": "dealer_4s", "budget_cap": 200, **kwargs}
    return [r.code for r in rank(candidates, gaps, **kwargs)]


CASES = [
    # (why, candidates, expected order, extra arguments)
    (
        "a prerequisite comes first even when its dependent moves more",
        [c("I01", ["C3.1", "C3.2"], pre=["I02"]), c("I02", ["L2.3"])],
        ["I02", "I01"],
        {},
    ),
    (
        "Iron law 3: governance before analysis, whatever the impact",
        [
            c("I01", ["C3.1", "C3.2", "L3.1"], kind="analysis"),
            c("I02", ["L2.3"], kind="governance"),
        ],
        ["I02", "I01"],
        {},
    ),
    (
        "an unmet capability criterion (2) weighs more than a missing item (1)",
        [c("I01", ["L3.1"]), c("I02", ["C3.2"])],
        ["I02", "I01"],
        {},
    ),
    (
        "over the size's budget goes after what the company can afford",
        [c("I01", ["C3.1", "C3.2"], band=5, cap=800), c("I02", ["L2.3"], band=2, cap=20)],
        ["I02", "I01"],
        {},
    ),
    (
        "with no budget cap (an OEM network) impact decides",
        [c("I01", ["C3.1", "C3.2"], band=5, cap=800), c("I02", ["L2.3"], band=2, cap=20)],
        ["I01", "I02"],
        {"budget_cap": None},
    ),
    (
        "at equal impact the cheaper one first (budget rank + effort)",
        [c("I01", ["C3.1"], band=3, cap=50, effort=2), c("I02", ["C3.2"], band=1, effort=1)],
        ["I02", "I01"],
        {},
    ),
    (
        "an initiative for other company types is not proposed",
        [c("I01", ["C3.1"], types=("oem_direct",)), c("I02", ["L2.3"])],
        ["I02"],
        {},
    ),
    (
        "an initiative moving only the OEM's items is not proposed (not a gap)",
        [c("I01", ["C3.1", "L3.1"]), c("I02", ["L2.3"])],
        ["I02"],
        {"oem_owned": ["C3.1", "L3.1"]},
    ),
    (
        "done initiatives drop out and count as met prerequisites",
        [c("I01", ["C3.1"], pre=["I02"]), c("I02", ["L2.3"])],
        ["I01"],
        {"done": ["I02"]},
    ),
    (
        "an initiative whose main aim is already reached is not proposed",
        [c("I01", ["L1.2", "C3.1"]), c("I02", ["L2.3"])],
        ["I02"],
        {"achieved": ["L1.2"]},
    ),
    (
        "a prerequisite that moves no gap is still proposed, before what needs it",
        [c("I01", ["C3.1", "C3.2"], pre=["I03"]), c("I02", ["L2.3"]), c("I03", ["L1.4"])],
        ["I03", "I01", "I02"],
        {},
    ),
    (
        "nothing moves a gap: nothing is proposed",
        [c("I01", ["L4.1"]), c("I02", ["C4.2"])],
        [],
        {},
    ),
]


@pytest.mark.parametrize(
    ("why", "candidates", "expected", "extra"), CASES, ids=[x[0] for x in CASES]
)
def test_ranking_rule(why, candidates, expected, extra):
    assert order(candidates, **extra) == expected, why


def test_every_ranked_item_says_why_it_is_there():
    ranked = rank(
        [
            c("I01", ["C3.1", "C3.2"], kind="analysis", pre=["I02"]),
            c("I02", ["L2.3"], kind="governance"),
            c("I03", ["L3.1"], band=5, cap=800),
        ],
        GAPS,
        company_type="dealer_4s",
        budget_cap=200,
    )
    reasons = {r.code: dict(r.reasons) for r in ranked}
    assert [r.code for r in ranked] == ["I02", "I01", "I03"]
    assert reasons["I02"]["removes_symptoms"] == {"codes": ["L2.3"], "count": 1}
    assert "law3_governance_first" in reasons["I02"]
    assert reasons["I02"]["prerequisite_of"] == {"codes": ["I01"]}
    assert reasons["I01"]["moves_target"] == {"level": 3, "codes": ["C3.1", "C3.2"], "count": 2}
    assert reasons["I01"]["after_prerequisites"] == {"codes": ["I02"]}
    assert reasons["I01"]["law3_after_governance"] == {"codes": ["I02"]}
    assert "over_budget" in reasons["I03"] and ranked[2].over_budget
    assert ranked[0].priority == 4  # inherits I01's impact (2 criteria x 2)


CLASSES = {
    "small": {"max_technicians": 19, "max_work_orders": 7999},
    "medium": {"max_technicians": 59, "max_work_orders": 29999},
    "large": {"max_technicians": None, "max_work_orders": None},
}


@pytest.mark.parametrize(
    ("technicians", "work_orders", "expected"),
    [
        (12, 5200, "small"),  # a county shop
        (30, 12000, "medium"),
        (60, 31000, "large"),  # a regional chain
        (80, 5000, "small"),  # the smaller class counts
        (None, 40000, "large"),
        (None, None, "medium"),
    ],
)
def test_size_class(technicians, work_orders, expected):
    assert size_class(technicians, work_orders, CLASSES) == expected
