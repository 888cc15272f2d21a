"""The scoring engine's rules v2 (issue 11), one table row per clause (no database, no Django).

Every expected value below is worked out by hand from the issue's rules, not read off the
engine. Metric names are abbreviated with `kpis(...)` (see tests/scoring_spec.py): P paper
work orders %, E electronic work orders %, CD digital customer data %, HU has a unified system,
SO standard operations %, CS core system deployed, INT integration %, DD data-driven decisions %,
BI, PA, FA (Level 3), AI, PM, OTA, PRO, PROD (Level 4), PLAT, API, REV, CHAIN, S2O (Level 5).
"""

import json
import math
from dataclasses import replace
from typing import NamedTuple

import pytest
import yaml

from assessments.scoring import (
    CriterionSpec,
    Diagnosis,
    Previous,
    band_level,
    diagnose,
    evaluate_criterion,
    level_name,
)
from tests.scoring_spec import MEETS_LEVEL, MODEL_FILE, REAL_MODEL, items, kpis, ticks

CRITERIA = {criterion.code: criterion for criterion in REAL_MODEL.criteria}
PRODUCTIVITY_BANDS = (1.2, 2, 4, 6)
SATISFACTION_BANDS = (70, 75, 85, 90)


def run(checklist=(), indicators=None, dimensions=None, language="zh", previous=None) -> Diagnosis:
    return diagnose(
        REAL_MODEL,
        checklist=checklist,
        indicators=indicators or {},
        dimensions=dimensions or {},
        language=language,
        previous=previous,
    )


def outcome(result: Diagnosis) -> dict:
    """The verdict's outcome fields, as one comparable dict."""
    return {
        "level": result.level,
        "checklist_level": result.checklist_level,
        "determined": result.determined,
        "transition": result.transition,
        "inconsistent": result.inconsistent,
        "skipped": result.skipped,
        "provisional": result.provisional,
        "needs_review": result.needs_review,
        "indicator_level": result.indicator_level,
        "warnings": tuple(warning.code for warning in result.warnings),
        "refuted_levels": tuple(result.refuted_levels),
        "in_place_levels": tuple(result.in_place_levels),
        "next_level": result.next_level.level if result.next_level else None,
        "law_1_reasons": tuple(result.law_1_reasons),
    }


_FOLLOWS_HEADLINE = object()


def expect(
    level,
    checklist_level,
    *,
    transition=False,
    inconsistent=False,
    skipped=False,
    provisional=False,
    indicator_level=None,
    warnings=(),
    refuted=(),
    in_place=(),
    law_1=(),
    next_level=_FOLLOWS_HEADLINE,
) -> dict:
    """The expected outcome; `determined`, `needs_review` and `next_level` follow from rules
    1, 8 and 9 (determined iff a checklist level; needs_review = provisional; next = level + 1)."""
    if next_level is _FOLLOWS_HEADLINE:
        next_level = level + 1 if level is not None and level < 5 else None
    return {
        "level": level,
        "checklist_level": checklist_level,
        "determined": checklist_level is not None,
        "transition": transition,
        "inconsistent": inconsistent,
        "skipped": skipped,
        "provisional": provisional,
        "needs_review": provisional,
        "indicator_level": indicator_level,
        "warnings": tuple(warnings),
        "refuted_levels": tuple(refuted),
        "in_place_levels": tuple(in_place),
        "next_level": next_level,
        "law_1_reasons": tuple(law_1),
    }


class Case(NamedTuple):
    checklist: list
    indicators: dict
    expected: dict
    previous: Previous | None = None


def check(case: Case) -> None:
    result = run(case.checklist, case.indicators, previous=case.previous)
    assert outcome(result) == case.expected


def table(cases: dict) -> list:
    """Rows for parametrize: a `Case`, or `(Case, "why the engine disagrees")` for a row the
    engine gets wrong (kept, as a strict xfail, until the engine is fixed)."""
    rows = []
    for name, case in cases.items():
        if isinstance(case, Case):
            rows.append(pytest.param(case, id=name))
        else:
            case, reason = case
            mark = pytest.mark.xfail(strict=True, reason=f"engine: {reason}")
            rows.append(pytest.param(case, id=name, marks=mark))
    return rows


CORE = items(2, 1, 2)  # L2.1 DMS deployed + L2.2 electronic work orders
L3_TICKS = [*CORE, *items(3, 1, 2, 3, 4, 5)]
L4_TICKS = [*L3_TICKS, *items(4, 1, 2, 3, 4, 5)]
L5_TICKS = [*L4_TICKS, *items(5, 1, 2, 3, 4, 5)]

# A data-driven dealer group: every Level 2 capability and Level 3 criterion met, no symptom.
L3_KPIS = kpis(
    P=5, E=95, CS=True, HU=True, CD=80, SO=50, INT=90, REC=False, DD=80, BI=True, PA=70, FA=True
)
# A genuine Level 4 company: the Level 3 figures plus every Level 4 criterion (C4.5 at >= 4x).
L4_KPIS = {
    **L3_KPIS,
    **kpis(P=2, E=98, CD=95, SO=80, AI=True, PM=50, OTA=40, PRO=True, PROD=4.5),
}
# A genuine Level 5 company.
L5_KPIS = {**L4_KPIS, **kpis(PROD=7, PLAT=True, API=60, REV=15, CHAIN=90, S2O=True)}
COUNTY_SHOP_KPIS = kpis(P=90, CD=10, HU=False, SO=5)  # == MEETS_LEVEL[1]


# --------------------------------------------------------------------------------------------
# Rules 1-9, one row per clause
# --------------------------------------------------------------------------------------------

RULE_CASES = {
    # 1. Match (ticks).
    "R1 a level other than 2 matches with 3 ticks": Case(
        items(3, 1, 2, 3), {}, expect(3, 3, in_place=(2, 3))
    ),
    "R1 a level other than 2 does not match with 2 ticks": Case(
        items(3, 1, 2), {}, expect(1, None, provisional=True)
    ),
    "R1 Level 1: 3 symptom ticks match": Case(items(1, 1, 2, 3), {}, expect(1, 1)),
    "R1 Level 5: 5 ticks match, even with nothing below": Case(
        items(5, 1, 2, 3, 4, 5),
        {},
        expect(
            1,
            5,
            skipped=True,
            provisional=True,
            in_place=(5,),
            law_1=("skipped", "overreach"),
        ),
    ),
    "R1 Level 2: L2.1 and L2.2 match with only 2 ticks": Case(
        CORE, {}, expect(2, 2, in_place=(2,))
    ),
    "R1 Level 2: 3 ticks including L2.1 match": Case(
        items(2, 1, 3, 4), {}, expect(2, 2, in_place=(2,))
    ),
    "R1 Level 2: 3 ticks including L2.2 match": Case(
        items(2, 2, 4, 5), {}, expect(2, 2, in_place=(2,))
    ),
    "R1 Level 2: the three symptoms alone do not match": Case(
        items(2, 3, 4, 5), {}, expect(1, None, provisional=True, warnings=("K7",))
    ),
    "R1 Level 2: L2.1 alone does not match": Case(["L2.1"], {}, expect(1, None, provisional=True)),
    "R1 Level 2: L2.2 and one symptom do not match": Case(
        ["L2.2", "L2.3"], {}, expect(1, None, provisional=True)
    ),
    "R1 checklist_level is the highest matching level": Case(
        [*items(1, 2, 3, 5), *CORE], {}, expect(2, 2, transition=True, in_place=(2,))
    ),
    "R1 nothing ticked: nothing matches, no level": Case([], {}, expect(None, None)),
    # 2. Still present (leftovers).
    "R2 transition: the level directly below still has 3 symptoms": Case(
        [*items(2, 1, 2, 3, 4, 5), *items(3, 2, 3, 5)],
        {},
        expect(3, 3, transition=True, in_place=(2, 3)),
    ),
    "R2 inconsistent: Level 1 still present under Level 3, Level 2 in place -> s + 1": Case(
        [*items(1, 2, 3, 5), *CORE, *items(3, 2, 3, 5)],
        {},
        expect(2, 3, inconsistent=True, provisional=True, in_place=(2, 3)),
    ),
    "R2 transition and inconsistent at once": Case(
        [*items(1, 2, 3, 5), *items(2, 1, 2, 3, 4, 5), *items(3, 2, 3, 5)],
        {},
        expect(2, 3, transition=True, inconsistent=True, provisional=True, in_place=(2, 3)),
    ),
    "R2 inconsistent: Level 2 still present under Level 4, Level 3 in place -> 3": Case(
        [*items(2, 1, 2, 3, 4, 5), *items(3, 2, 3, 5), *items(4, 1, 2, 3)],
        {},
        expect(3, 4, inconsistent=True, provisional=True, in_place=(2, 3, 4)),
    ),
    "R2 inconsistent: Level 2 still present under Level 4, Level 3 not in place -> 2": Case(
        [*items(2, 1, 2, 3, 4, 5), *items(4, 1, 2, 3)],
        {},
        expect(
            2,
            4,
            inconsistent=True,
            skipped=True,
            provisional=True,
            in_place=(2, 4),
            law_1=("skipped", "overreach"),
        ),
    ),
    "R2 inconsistent with s = 1 and Level 2 contradicted by L1.1 -> 1": Case(
        [*items(1, 1, 2, 3), *items(2, 1, 3, 4), *items(3, 2, 3, 5)],
        {},
        expect(1, 3, inconsistent=True, provisional=True, in_place=(2, 3), law_1=("overreach",)),
    ),
    "R2 inconsistent with s = 1 and L1.1 answered away (paper 50%) -> 2": Case(
        [*items(1, 1, 2, 3), *items(2, 1, 3, 4), *items(3, 2, 3, 5)],
        kpis(P=50),
        expect(2, 3, inconsistent=True, provisional=True, in_place=(2, 3)),
    ),
    "R2 inconsistent with s = 1 and Level 2 contradicted by L1.4 -> 1": Case(
        [*items(1, 2, 3, 4), *items(2, 2, 3, 4), *items(3, 2, 3, 5)],
        {},
        expect(1, 3, inconsistent=True, provisional=True, in_place=(2, 3), law_1=("overreach",)),
    ),
    "R2 inconsistent with s = 1 and L1.4 answered away (core system deployed) -> 2": Case(
        [*items(1, 2, 3, 4), *items(2, 2, 3, 4), *items(3, 2, 3, 5)],
        kpis(CS=True),
        expect(2, 3, inconsistent=True, provisional=True, in_place=(2, 3)),
    ),
    "R2 Level 1 still present at checklist Level 1 is neither transition nor inconsistent": Case(
        items(1, 1, 2, 3, 4, 5), {}, expect(1, 1)
    ),
    "R2 lower capabilities are never leftovers (all of L2.1-L2.2, L3, L4, L5 ticked)": Case(
        L5_TICKS, {}, expect(5, 5, in_place=(2, 3, 4, 5))
    ),
    # 3. KPI evidence.
    "R3 Level 1 evidenced by 3 of its 4 criteria": Case(
        [],
        kpis(P=61, CD=29, HU=False),
        expect(1, None, provisional=True, indicator_level=1, refuted=(2,)),
    ),
    "R3 Level 1: 2 met and 2 unanswered is no evidence": Case(
        [], kpis(P=61, CD=29), expect(None, None, refuted=(2,))
    ),
    "R3 Level 2 evidenced by C2.1 and C2.2": Case(
        [], kpis(CS=True, E=81), expect(2, None, provisional=True, indicator_level=2, in_place=(2,))
    ),
    "R3 Level 2: C2.2 at exactly 80 is not met, so no evidence": Case(
        [], kpis(CS=True, E=80), expect(None, None)
    ),
    "R3 Level 2 symptom criteria (C2.3-C2.5 all met) never evidence a level": Case(
        CORE, kpis(INT=10, REC=True, DD=20), expect(2, 2, in_place=(2,))
    ),
    "R3 Level 3 evidenced by 3 of its 5 capability criteria": Case(
        [],
        kpis(INT=81, BI=True, PA=61),
        expect(3, None, provisional=True, indicator_level=3, in_place=(2, 3)),
    ),
    "R3 Level 3: 2 met and one exactly at the threshold is no evidence": Case(
        [], kpis(INT=81, BI=True, PA=60), expect(None, None)
    ),
    "R3 Level 4 evidenced by 3 of 5": Case(
        [],
        kpis(AI=True, PM=41, OTA=31),
        expect(1, None, provisional=True, indicator_level=4, in_place=(4,)),
    ),
    "R3 Level 5 evidenced by 3 of 5 (C5.4 at exactly 80 not met)": Case(
        [],
        kpis(PLAT=True, API=51, REV=11, CHAIN=80),
        expect(1, None, provisional=True, indicator_level=5, in_place=(5,)),
    ),
    "R3 indicator_level is the highest of 2-5 before Level 1": Case(
        [],
        kpis(P=90, CD=10, SO=5, CS=True, E=95),
        expect(2, None, provisional=True, indicator_level=2, warnings=("K1",), in_place=(2,)),
    ),
    "R3 evidenced levels need not be adjacent": Case(
        [],
        {**kpis(CS=True, E=95), **MEETS_LEVEL[5]},
        expect(2, None, provisional=True, indicator_level=5, in_place=(2, 5)),
    ),
    # 4. Warnings on the KPIs.
    "K1 paper + electronic work orders above 110": Case(
        CORE, kpis(P=50, E=61), expect(2, 2, provisional=True, warnings=("K1",), in_place=(2,))
    ),
    "K1 not at exactly 110": Case(CORE, kpis(P=50, E=60), expect(2, 2, in_place=(2,))),
    "K1 not unless both are answered": Case(CORE, kpis(E=95), expect(2, 2, in_place=(2,))),
    "K1 makes the KPIs implausible: C1.1 no longer refutes Level 2": Case(
        CORE, kpis(P=70, E=50), expect(2, 2, provisional=True, warnings=("K1",), in_place=(2,))
    ),
    "K1 absent (sum 110): C1.1 refutes Level 2": Case(
        CORE, kpis(P=70, E=40), expect(1, 2, provisional=True, refuted=(2,), in_place=(2,))
    ),
    "K2 no unified system but integration above 80": Case(
        CORE,
        kpis(HU=False, INT=81),
        expect(2, 2, provisional=True, warnings=("K2",), in_place=(2,)),
    ),
    "K2 not at exactly 80": Case(CORE, kpis(HU=False, INT=80), expect(2, 2, in_place=(2,))),
    "K2 not with a unified system": Case(CORE, kpis(HU=True, INT=90), expect(2, 2, in_place=(2,))),
    "K3 no core system but electronic work orders above 80": Case(
        CORE, kpis(CS=False, E=81), expect(2, 2, provisional=True, warnings=("K3",), in_place=(2,))
    ),
    "K3 not at exactly 80 (and then C2.1 + C2.2 not met refute Level 2)": Case(
        CORE, kpis(CS=False, E=80), expect(1, 2, provisional=True, refuted=(2,), in_place=(2,))
    ),
    "K4 data-service revenue with no platform and 0 API partners": Case(
        CORE,
        kpis(REV=5, PLAT=False, API=0),
        expect(2, 2, provisional=True, warnings=("K4",), in_place=(2,)),
    ),
    "K4 not with one API partner (C5.1-C5.3 not met refute Level 5, above the checklist)": Case(
        CORE, kpis(REV=5, PLAT=False, API=1), expect(2, 2, refuted=(5,), in_place=(2,))
    ),
    "K4 not without revenue (Level 5 refuted instead, above the checklist level)": Case(
        CORE, kpis(REV=0, PLAT=False, API=0), expect(2, 2, refuted=(5,), in_place=(2,))
    ),
    "K5 Level 1 evidenced while Level 3 is": Case(
        [*CORE, *items(3, 2, 3, 5)],
        kpis(P=90, CD=10, SO=5, BI=True, PA=70, DD=80, FA=True),
        expect(3, 3, provisional=True, indicator_level=3, warnings=("K5",), in_place=(2, 3)),
    ),
    "K5 not when Level 3 is not evidenced (then Level 1 evidence refutes Level 2)": Case(
        CORE,
        kpis(P=90, CD=10, SO=5, BI=True, PA=70),
        expect(1, 2, provisional=True, indicator_level=1, refuted=(2,), in_place=(2,)),
    ),
    "K8 no unified system but a core system deployed": Case(
        CORE,
        kpis(HU=False, CS=True),
        expect(2, 2, provisional=True, warnings=("K8",), in_place=(2,)),
    ),
    "K8 not with a unified system": Case(CORE, kpis(HU=True, CS=True), expect(2, 2, in_place=(2,))),
    "K8 not without a core system": Case(
        CORE, kpis(HU=False, CS=False), expect(2, 2, in_place=(2,))
    ),
    # 4. Warnings on the ticks.
    "K6 L1.1 + L2.2": Case(
        ["L1.1", *CORE], {}, expect(2, 2, provisional=True, warnings=("K6",), in_place=(2,))
    ),
    "K6 L1.4 + L2.1": Case(
        ["L1.4", *CORE], {}, expect(2, 2, provisional=True, warnings=("K6",), in_place=(2,))
    ),
    "K6 L2.3 + L3.1": Case(
        [*CORE, "L2.3", *items(3, 1, 2, 3)],
        {},
        expect(3, 3, provisional=True, warnings=("K6",), in_place=(2, 3)),
    ),
    "K6 L2.5 + L3.4": Case(
        [*CORE, "L2.5", *items(3, 2, 3, 4)],
        {},
        expect(3, 3, provisional=True, warnings=("K6",), in_place=(2, 3)),
    ),
    "K6 two pairs give two warnings": Case(
        ["L1.1", "L1.4", *CORE],
        {},
        expect(2, 2, provisional=True, warnings=("K6", "K6"), in_place=(2,)),
    ),
    "K6 not for one item of a pair with another's": Case(
        ["L1.1", "L2.1", "L2.3", "L2.4"], {}, expect(2, 2, in_place=(2,))
    ),
    "K7 L2.3-L2.5 with neither L2.1 nor L2.2 (determined at Level 1)": Case(
        [*items(1, 1, 2, 3), *items(2, 3, 4, 5)],
        {},
        expect(1, 1, provisional=True, warnings=("K7",)),
    ),
    "K7 not with L2.1 ticked": Case(items(2, 1, 3, 4, 5), {}, expect(2, 2, in_place=(2,))),
    "K7 not with only two of the three": Case(
        items(2, 3, 4), {}, expect(1, None, provisional=True)
    ),
    # 5. Refuted.
    "R5 Level 2 refuted: C1.1 met": Case(
        CORE, kpis(P=61), expect(1, 2, provisional=True, refuted=(2,), in_place=(2,))
    ),
    "R5 Level 2 not refuted: paper at exactly 60": Case(
        CORE, kpis(P=60), expect(2, 2, in_place=(2,))
    ),
    "R5 Level 2 refuted: Level 1 evidenced (C1.1 unanswered)": Case(
        CORE,
        kpis(CD=10, HU=False, SO=5),
        expect(1, 2, provisional=True, indicator_level=1, refuted=(2,), in_place=(2,)),
    ),
    "R5 Level 2 refuted: C2.1 and C2.2 both not met": Case(
        CORE, kpis(CS=False, E=50), expect(1, 2, provisional=True, refuted=(2,), in_place=(2,))
    ),
    "R5 Level 2 not refuted: only C2.1 not met, C2.2 unanswered": Case(
        CORE, kpis(CS=False), expect(2, 2, in_place=(2,))
    ),
    "R5 Level 3 refuted: 3 capability criteria not met": Case(
        [*CORE, *items(3, 2, 3, 5)],
        kpis(INT=80, BI=False, PA=60),
        expect(2, 3, provisional=True, refuted=(3,), in_place=(2, 3)),
    ),
    "R5 Level 3 not refuted: 2 not met, 3 unanswered": Case(
        [*CORE, *items(3, 2, 3, 5)], kpis(BI=False, PA=60), expect(3, 3, in_place=(2, 3))
    ),
    "R5 Level 4 refuted": Case(
        L4_TICKS,
        kpis(AI=False, PM=10, OTA=5),
        expect(3, 4, provisional=True, refuted=(4,), in_place=(2, 3, 4)),
    ),
    "R5 Level 5 refuted": Case(
        L5_TICKS,
        kpis(PLAT=False, API=10, CHAIN=20),
        expect(4, 5, provisional=True, refuted=(5,), in_place=(2, 3, 4, 5)),
    ),
    "R5 the lowest refuted level caps (k - 1)": Case(
        L4_TICKS,
        kpis(P=61, AI=False, PM=10, OTA=5),
        expect(
            1,
            4,
            provisional=True,
            refuted=(2, 4),
            in_place=(2, 3, 4),
            law_1=("overreach",),
        ),
    ),
    "R5 a refuted level above the checklist level neither caps nor makes it provisional": Case(
        CORE, kpis(BI=False, PA=10, FA=False), expect(2, 2, refuted=(3,), in_place=(2,))
    ),
    "R5 Level 1 is never refuted": Case(
        items(1, 2, 3, 5), kpis(P=10, CD=90, HU=True, SO=90), expect(1, 1)
    ),
    # 6. In place.
    "R6 Level 2 in place by evidence alone": Case(
        ["L2.1"],
        kpis(CS=True, E=90),
        expect(2, None, provisional=True, indicator_level=2, in_place=(2,)),
    ),
    "R6 Level 2 in place by the bridge: C3.1 met": Case(
        items(3, 2, 3, 5), kpis(INT=81), expect(3, 3, in_place=(2, 3))
    ),
    "R6 no bridge without L3.1 or C3.1 (integration exactly 80)": Case(
        items(3, 2, 3, 5),
        kpis(INT=80),
        expect(1, 3, skipped=True, provisional=True, in_place=(3,), law_1=("skipped", "overreach")),
    ),
    "R6 bridge blocked: Level 1 still present": Case(
        [*items(1, 2, 3, 5), *items(3, 1, 2, 3)],
        {},
        expect(
            1,
            3,
            inconsistent=True,
            skipped=True,
            provisional=True,
            in_place=(3,),
            law_1=("skipped", "overreach"),
        ),
    ),
    "R6 bridge blocked: L1.1 ticked, paper share unanswered": Case(
        ["L1.1", *items(3, 1, 2, 3)],
        {},
        expect(1, 3, skipped=True, provisional=True, in_place=(3,), law_1=("skipped", "overreach")),
    ),
    "R6 L1.1 ticked but paper share answered 60 (<= 60): not contradicted": Case(
        ["L1.1", *items(3, 1, 2, 3)], kpis(P=60), expect(3, 3, in_place=(2, 3))
    ),
    "R6 L1.1 ticked and paper share 61: contradicted (and refuted)": Case(
        ["L1.1", *items(3, 1, 2, 3)],
        kpis(P=61),
        expect(
            1,
            3,
            skipped=True,
            provisional=True,
            refuted=(2,),
            in_place=(3,),
            law_1=("skipped", "overreach"),
        ),
    ),
    "R6 bridge blocked: L1.4 ticked, core system unanswered": Case(
        ["L1.4", *items(3, 1, 2, 3)],
        {},
        expect(1, 3, skipped=True, provisional=True, in_place=(3,), law_1=("skipped", "overreach")),
    ),
    "R6 L1.4 ticked but a core system answered deployed: not contradicted": Case(
        ["L1.4", *items(3, 1, 2, 3)], kpis(CS=True), expect(3, 3, in_place=(2, 3))
    ),
    "R6 L1.4 ticked and no core system: contradicted": Case(
        ["L1.4", *items(3, 1, 2, 3)],
        kpis(CS=False),
        expect(1, 3, skipped=True, provisional=True, in_place=(3,), law_1=("skipped", "overreach")),
    ),
    "R6 bridge blocked: Level 2 refuted": Case(
        items(3, 1, 2, 3),
        kpis(CS=False, E=50),
        expect(
            1,
            3,
            skipped=True,
            provisional=True,
            refuted=(2,),
            in_place=(3,),
            law_1=("skipped", "overreach"),
        ),
    ),
    "R6 foundation stops at the first level not in place": Case(
        [*CORE, *items(4, 1, 2, 3), *items(5, 1, 2, 3)],
        {},
        expect(
            2,
            5,
            skipped=True,
            provisional=True,
            in_place=(2, 4, 5),
            law_1=("skipped", "overreach"),
        ),
    ),
    # 7. No skipping.
    "R7 skipped from Level 3: Level 2 not in place": Case(
        items(3, 2, 3, 4),
        {},
        expect(1, 3, skipped=True, provisional=True, in_place=(3,), law_1=("skipped", "overreach")),
    ),
    "R7 skipped from Level 4: foundation(3) is 2": Case(
        [*CORE, *items(4, 1, 2, 3)],
        {},
        expect(
            2, 4, skipped=True, provisional=True, in_place=(2, 4), law_1=("skipped", "overreach")
        ),
    ),
    "R7 skipped from Level 5: foundation(4) is 3": Case(
        [*CORE, *items(3, 1, 2, 3), *items(5, 1, 2, 3)],
        {},
        expect(
            3,
            5,
            skipped=True,
            provisional=True,
            in_place=(2, 3, 5),
            law_1=("skipped", "overreach"),
        ),
    ),
    "R7 not skipped: the foundations are in place by the indicators alone": Case(
        items(4, 1, 2, 3),
        kpis(CS=True, E=95, INT=90, BI=True, PA=70),
        expect(4, 4, indicator_level=3, in_place=(2, 3, 4)),
    ),
    # 8. The headline.
    "R8 undetermined: the indicator level first": Case(
        items(1, 2, 3),
        MEETS_LEVEL[2],
        expect(2, None, provisional=True, indicator_level=2, in_place=(2,)),
    ),
    "R8 undetermined: most-ticked level, ties to the lower": Case(
        [*items(1, 2, 3), *items(3, 1, 2)], {}, expect(1, None, provisional=True)
    ),
    "R8 undetermined: the most-ticked level is capped at foundation(5)": Case(
        [*items(4, 1, 2), "L2.1"], {}, expect(1, None, provisional=True)
    ),
    "R8 undetermined: the indicator level is capped at foundation(5)": Case(
        items(4, 1, 2),
        {**MEETS_LEVEL[4], **kpis(CS=True, E=95)},
        expect(2, None, provisional=True, indicator_level=4, in_place=(2, 4)),
    ),
    "R8 determined: indicators two or more above make it provisional": Case(
        items(1, 2, 3, 5),
        MEETS_LEVEL[3],
        expect(1, 1, provisional=True, indicator_level=3, in_place=(3,)),
    ),
    "R8 determined: indicators one level above do not": Case(
        CORE, MEETS_LEVEL[3], expect(2, 2, indicator_level=3, in_place=(2, 3))
    ),
    "R8 determined: indicators below do not": Case(
        items(3, 1, 2, 3), kpis(CS=True, E=95), expect(3, 3, indicator_level=2, in_place=(2, 3))
    ),
    "R8 determined: the lowest of several caps (skipped 2 < refuted 3)": Case(
        [*CORE, *items(4, 1, 2, 3)],
        kpis(AI=False, PM=10, OTA=5),
        expect(
            2,
            4,
            skipped=True,
            provisional=True,
            refuted=(4,),
            in_place=(2, 4),
            law_1=("skipped", "overreach"),
        ),
    ),
    # 9. Downstream: Iron law 1 against the headline, and on re-assessment.
    "R9 law 1: checklist two levels above the headline, nothing skipped": Case(
        [*CORE, *items(3, 1, 2, 3)],
        kpis(P=61),
        expect(1, 3, provisional=True, refuted=(2,), in_place=(2, 3), law_1=("overreach",)),
    ),
    "R9 law 1 not raised one level below the checklist": Case(
        [*CORE, *items(3, 2, 3, 5)],
        kpis(INT=50, BI=False, PA=30),
        expect(2, 3, provisional=True, refuted=(3,), in_place=(2, 3)),
    ),
    "R9 re-assessment: up 1 level in 11 months is too fast": Case(
        L3_TICKS,
        L3_KPIS,
        expect(3, 3, indicator_level=3, in_place=(2, 3), law_1=("too_fast",)),
        Previous(level=2, months_ago=11),
    ),
    "R9 re-assessment: up 1 level in 12 months is fine": Case(
        L3_TICKS,
        L3_KPIS,
        expect(3, 3, indicator_level=3, in_place=(2, 3)),
        Previous(level=2, months_ago=12),
    ),
    "R9 re-assessment: up 2 levels in 23 months is too fast and provisional": Case(
        L3_TICKS,
        L3_KPIS,
        expect(3, 3, provisional=True, indicator_level=3, in_place=(2, 3), law_1=("too_fast",)),
        Previous(level=1, months_ago=23),
    ),
    "R9 re-assessment: up 2 levels in 24 months is provisional only": Case(
        L3_TICKS,
        L3_KPIS,
        expect(3, 3, provisional=True, indicator_level=3, in_place=(2, 3)),
        Previous(level=1, months_ago=24),
    ),
    "R9 re-assessment: the same level a month later": Case(
        L3_TICKS,
        L3_KPIS,
        expect(3, 3, indicator_level=3, in_place=(2, 3)),
        Previous(level=3, months_ago=1),
    ),
    "R9 re-assessment: a lower level": Case(
        L3_TICKS,
        L3_KPIS,
        expect(3, 3, indicator_level=3, in_place=(2, 3)),
        Previous(level=5, months_ago=1),
    ),
    "R9 re-assessment: the rise is measured from the headline, not the checklist": Case(
        [*CORE, *items(3, 2, 3, 5)],
        kpis(INT=50, BI=False, PA=30),
        expect(2, 3, provisional=True, refuted=(3,), in_place=(2, 3)),
        Previous(level=2, months_ago=3),
    ),
    "R9 re-assessment of an undetermined estimate": Case(
        ["L2.1"],
        kpis(CS=True, E=90),
        expect(2, None, provisional=True, indicator_level=2, in_place=(2,), law_1=("too_fast",)),
        Previous(level=1, months_ago=6),
    ),
    "R9 re-assessment without a level shown": Case(
        [], {}, expect(None, None), Previous(level=1, months_ago=1)
    ),
}


@pytest.mark.parametrize("case", table(RULE_CASES))
def test_rules_v2(case):
    check(case)


# --------------------------------------------------------------------------------------------
# The issue's examples, verbatim, and realistic company profiles
# --------------------------------------------------------------------------------------------

EXAMPLE_CASES = {
    "county shop: L1.1-L1.4, 90% paper, 10% customer data, no system, 5% standard ops": Case(
        items(1, 1, 2, 3, 4),
        kpis(P=90, CD=10, HU=False, SO=5),
        expect(1, 1, indicator_level=1, refuted=(2,)),
    ),
    "AI items on paper: L1.3, L1.5, L4.1, L4.2, L4.4, 70% paper, 20% data, no systems": Case(
        [*items(1, 3, 5), *items(4, 1, 2, 4)],
        kpis(P=70, CD=20, HU=False, CS=False),
        expect(
            1,
            4,
            skipped=True,
            provisional=True,
            indicator_level=1,
            refuted=(2,),
            in_place=(4,),
            law_1=("skipped", "overreach"),
        ),
    ),
    "L2.1 + L2.2 only with 92% e-work orders": Case(CORE, kpis(E=92), expect(2, 2, in_place=(2,))),
    "paper shop also ticking L2.3-L2.5 (no figures)": Case(
        [*items(1, 1, 2, 3, 4), *items(2, 3, 4, 5)],
        {},
        expect(1, 1, provisional=True, warnings=("K7",)),
    ),
    "paper shop also ticking L2.3-L2.5 (county figures)": Case(
        [*items(1, 1, 2, 3, 4), *items(2, 3, 4, 5)],
        COUNTY_SHOP_KPIS,
        expect(1, 1, provisional=True, indicator_level=1, warnings=("K7",), refuted=(2,)),
    ),
    "dealer: L2.1, L2.2 and four L3 items whose figures miss 3 of the 5 L3 criteria": Case(
        [*CORE, *items(3, 1, 2, 3, 4)],
        kpis(CS=True, E=90, INT=50, BI=False, PA=30, DD=75, FA=True),
        expect(2, 3, provisional=True, indicator_level=2, refuted=(3,), in_place=(2, 3)),
    ),
}

PROFILE_CASES = {
    "clean Level 2 4S dealer: DMS, e-work orders, no symptoms": Case(
        CORE,
        kpis(P=5, E=95, CS=True, HU=True, CD=70, SO=40, INT=40, REC=True, DD=40),
        expect(2, 2, indicator_level=2, in_place=(2,)),
    ),
    "typical 4S dealer: DMS with silos, low usage, data only stored": Case(
        items(2, 1, 2, 3, 4, 5),
        kpis(P=10, E=90, CS=True, HU=True, CD=60, SO=30, INT=20, REC=True, DD=30),
        expect(2, 2, indicator_level=2, in_place=(2,)),
    ),
    "independent repair chain on Excel work orders": Case(
        items(1, 1, 2, 3),
        kpis(P=80, CD=20, HU=True, SO=10),
        expect(1, 1, indicator_level=1, refuted=(2,)),
    ),
    "dealer with an OEM DMS it barely uses: work orders still on paper": Case(
        [*items(1, 1, 2, 3), "L2.1"],
        kpis(CS=True, P=65, E=35),
        expect(1, 1, refuted=(2,)),
    ),
    "dealer group in transition to Level 3": Case(
        [*items(2, 1, 2, 3, 4, 5), *items(3, 2, 3, 5)],
        kpis(CS=True, E=95, P=5, INT=50, BI=True, PA=65, DD=60, FA=True),
        expect(3, 3, transition=True, indicator_level=3, in_place=(2, 3)),
    ),
    "genuine Level 3 dealer group": Case(
        L3_TICKS, L3_KPIS, expect(3, 3, indicator_level=3, in_place=(2, 3))
    ),
    "genuine Level 4 company (L2.1, L2.2, L3.1-L3.5, L4.1-L4.5, matching KPIs)": Case(
        L4_TICKS, L4_KPIS, expect(4, 4, indicator_level=4, in_place=(2, 3, 4))
    ),
    "genuine Level 5 company": Case(
        L5_TICKS, L5_KPIS, expect(5, 5, indicator_level=5, in_place=(2, 3, 4, 5))
    ),
    "Level 4 company that ticked only its Level 3 and 4 capabilities": Case(
        [*items(3, 1, 2, 3, 4, 5), *items(4, 1, 2, 3, 4, 5)],
        L4_KPIS,
        expect(4, 4, indicator_level=4, in_place=(2, 3, 4)),
    ),
    "NEV brand service with OTA, two Level 4 items short of Level 4": Case(
        [*CORE, *items(3, 1, 2, 3), *items(4, 3, 4)],
        kpis(CS=True, E=99, P=0, HU=True, INT=85, BI=True, PA=65, DD=72, FA=True, OTA=45),
        expect(3, 3, indicator_level=3, in_place=(2, 3)),
    ),
    "optimist ticking all 25 items": Case(
        [item.code for item in REAL_MODEL.checklist],
        {},
        expect(
            1,
            5,
            inconsistent=True,
            provisional=True,
            warnings=("K6", "K6", "K6", "K6"),
            in_place=(2, 3, 4, 5),
            law_1=("overreach",),
        ),
    ),
    "Level 1 shop a year ago, now a genuine Level 3 eight months later": Case(
        L3_TICKS,
        L3_KPIS,
        expect(3, 3, provisional=True, indicator_level=3, in_place=(2, 3), law_1=("too_fast",)),
        Previous(level=1, months_ago=8),
    ),
    "dealer whose satisfaction and productivity are all it answered": Case(
        CORE, kpis(SAT=88, BASIS="oem_csi", PROD=1.5), expect(2, 2, in_place=(2,))
    ),
}


@pytest.mark.parametrize("case", table(EXAMPLE_CASES))
def test_issue_examples(case):
    check(case)


@pytest.mark.parametrize("case", table(PROFILE_CASES))
def test_realistic_profiles(case):
    check(case)


def test_the_ai_on_paper_example_has_its_roadmap_to_level_2():
    result = run([*items(1, 3, 5), *items(4, 1, 2, 4)], kpis(P=70, CD=20, HU=False, CS=False))
    assert result.next_level.level == 2
    assert result.next_level.missing_checklist == ("L2.1", "L2.2")
    assert result.next_level.unmet_criteria == ("C2.1", "C2.2")
    assert result.next_level.symptoms_to_resolve == ("L1.3", "L1.5")
    assert result.law_1_raised


def test_still_present_holds_the_levels_with_3_symptoms():
    assert run([*items(1, 1, 2, 3), *items(2, 3, 4, 5)]).still_present == (1, 2)
    assert run(items(1, 1, 2)).still_present == ()
    # Level 2 has only three symptoms; its capabilities never count.
    assert run(items(2, 1, 2, 3, 4)).still_present == ()
    assert run(L5_TICKS).still_present == ()


def test_symptom_criteria_are_counted_but_never_evidence():
    result = run(CORE, kpis(INT=10, REC=True, DD=20))
    assert result.criteria_met_by_level[2] == 3
    assert result.evidenced_levels == ()
    assert result.indicator_level is None


def test_warnings_name_their_items_or_metrics():
    pair = run(["L1.4", *CORE]).warnings
    assert [(w.code, w.items) for w in pair] == [("K6", ("L1.4", "L2.1"))]
    k7 = run(items(2, 3, 4, 5)).warnings
    assert [(w.code, w.items) for w in k7] == [("K7", ("L2.3", "L2.4", "L2.5"))]
    k1 = run(CORE, kpis(P=50, E=61)).warnings
    assert [(w.code, set(w.metrics)) for w in k1] == [
        ("K1", {"paper_work_order_pct", "e_work_order_pct"})
    ]


def test_every_kpi_warning_in_one_answer_sheet():
    result = run(
        CORE,
        kpis(P=60, E=90, HU=False, INT=90, CS=False, REV=5, PLAT=False, API=0),
    )
    assert [w.code for w in result.warnings] == ["K1", "K2", "K3", "K4"]


def test_the_warning_messages_are_in_the_requested_language():
    zh = run(["L1.1", *CORE], language="zh").warnings[0].message
    en = run(["L1.1", *CORE], language="en").warnings[0].message
    assert "同时勾选" in zh
    assert en.startswith("You ticked both")


# --------------------------------------------------------------------------------------------
# Criteria
# --------------------------------------------------------------------------------------------

CRITERION_CASES = {
    "gt: exactly the threshold is not met (80 not > 80)": ("C2.2", 80, "not_met"),
    "gt: just above is met": ("C2.2", 80.0001, "met"),
    "gt: above is met": ("C2.2", 95, "met"),
    "gt: below is not met": ("C2.2", 79, "not_met"),
    "ge (C4.5 only): 3.99 is not met": ("C4.5", 3.99, "not_met"),
    "ge (C4.5 only): exactly 4 is met": ("C4.5", 4, "met"),
    "ge (C4.5 only): 4.5 is met": ("C4.5", 4.5, "met"),
    "gt: a count at 50 is not > 50": ("C5.2", 50, "not_met"),
    "gt: a count at 51 is met": ("C5.2", 51, "met"),
    "lt: exactly the threshold is not met (30 not < 30)": ("C1.2", 30, "not_met"),
    "lt: just below is met": ("C1.2", 29.99, "met"),
    "lt: zero is met": ("C1.2", 0, "met"),
    "lt: above is not met": ("C1.2", 31, "not_met"),
    "is False: false is met": ("C1.3", False, "met"),
    "is False: true is not met": ("C1.3", True, "not_met"),
    "is True: true is met": ("C2.1", True, "met"),
    "is True: false is not met": ("C2.1", False, "not_met"),
    "unknown number": ("C2.2", None, "unknown"),
    "unknown boolean": ("C2.1", None, "unknown"),
}


@pytest.mark.parametrize(
    ("code", "value", "status"), list(CRITERION_CASES.values()), ids=list(CRITERION_CASES)
)
def test_evaluate_criterion(code, value, status):
    assert evaluate_criterion(CRITERIA[code], value) == status


def test_the_comparators_are_strict_except_c45():
    comparators = {code: criterion.comparator for code, criterion in CRITERIA.items()}
    assert comparators.pop("C4.5") == "ge"
    assert set(comparators.values()) == {"gt", "lt", "is"}


@pytest.mark.parametrize(
    ("code", "value"),
    [("C2.1", 1), ("C2.1", "yes"), ("C2.2", True), ("C2.2", "85"), ("C2.2", math.nan)],
    ids=["is with 1", "is with a string", "gt with a bool", "gt with a string", "gt with NaN"],
)
def test_evaluate_criterion_rejects_wrongly_typed_values(code, value):
    with pytest.raises(ValueError, match=code):
        evaluate_criterion(CRITERIA[code], value)


def test_evaluate_criterion_rejects_an_unknown_comparator():
    odd = CriterionSpec(code="CX", level=1, metric="m", comparator="ne", threshold=1, kind="x")
    with pytest.raises(ValueError, match="comparator"):
        evaluate_criterion(odd, 2)


def test_every_criterion_is_reported_in_seed_order():
    result = run(indicators={"e_work_order_pct": 90})
    assert list(result.criteria) == [c.code for c in REAL_MODEL.criteria]
    assert result.criteria["C2.2"] == "met"
    assert {status for code, status in result.criteria.items() if code != "C2.2"} == {"unknown"}


@pytest.mark.parametrize(
    ("indicators", "unknown"),
    [
        ({}, {c.code for c in REAL_MODEL.criteria}),
        (
            {"e_work_order_pct": None, "core_system_deployed": None},
            {c.code for c in REAL_MODEL.criteria},
        ),
        (MEETS_LEVEL[1], {c.code for c in REAL_MODEL.criteria} - {"C1.1", "C1.2", "C1.3", "C1.4"}),
    ],
    ids=["nothing answered", "None is unknown", "level 1 answered"],
)
def test_unknown_metrics_give_unknown_criteria(indicators, unknown):
    result = run(indicators=indicators)
    assert {code for code, status in result.criteria.items() if status == "unknown"} == unknown


def test_an_unanswered_criterion_counts_neither_for_nor_against():
    answered = run(CORE, kpis(CS=True))
    assert (answered.refuted_levels, answered.evidenced_levels) == ((), ())
    nothing = run(CORE)
    assert outcome(answered) == outcome(nothing)


def test_a_shared_metric_feeds_both_criteria():
    low = run(indicators={"system_integration_pct": 10, "data_decision_pct": 60})
    assert (low.criteria["C2.3"], low.criteria["C3.1"]) == ("met", "not_met")
    assert (low.criteria["C2.5"], low.criteria["C3.4"]) == ("not_met", "not_met")
    high = run(indicators={"system_integration_pct": 90, "data_decision_pct": 75})
    assert (high.criteria["C2.3"], high.criteria["C3.1"]) == ("not_met", "met")
    assert (high.criteria["C2.5"], high.criteria["C3.4"]) == ("not_met", "met")


@pytest.mark.parametrize(
    ("indicators", "met_by_level"),
    [
        ({}, {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}),
        (MEETS_LEVEL[1], {1: 4, 2: 0, 3: 0, 4: 0, 5: 0}),
        (MEETS_LEVEL[2], {1: 0, 2: 5, 3: 0, 4: 0, 5: 0}),
        ({**MEETS_LEVEL[4], **MEETS_LEVEL[5]}, {1: 0, 2: 0, 3: 0, 4: 5, 5: 5}),
    ],
    ids=["nothing", "level 1", "level 2 (symptoms included)", "levels 4 and 5"],
)
def test_criteria_met_by_level_counts_every_met_criterion(indicators, met_by_level):
    assert run(indicators=indicators).criteria_met_by_level == met_by_level


@pytest.mark.parametrize(
    ("checklist", "counts"),
    [
        ([], {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}),
        (ticks(l1=2, l3=5), {1: 2, 2: 0, 3: 5, 4: 0, 5: 0}),
        (["L4.2", "L4.2", "L2.5", "L4.2"], {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}),
    ],
    ids=["nothing ticked", "two levels", "duplicates count once"],
)
def test_checklist_counts_cover_every_level(checklist, counts):
    result = run(checklist)
    assert result.checklist_counts == counts
    assert list(result.checklist_counts) == [1, 2, 3, 4, 5]


# --------------------------------------------------------------------------------------------
# Dimensions
# --------------------------------------------------------------------------------------------

BAND_CASES = {
    "productivity 0": (0, PRODUCTIVITY_BANDS, 1),
    "productivity 1.1999": (1.1999, PRODUCTIVITY_BANDS, 1),
    "productivity 1.2 (inclusive)": (1.2, PRODUCTIVITY_BANDS, 2),
    "productivity 1.99": (1.99, PRODUCTIVITY_BANDS, 2),
    "productivity 2": (2, PRODUCTIVITY_BANDS, 3),
    "productivity 3.99": (3.99, PRODUCTIVITY_BANDS, 3),
    "productivity 4": (4, PRODUCTIVITY_BANDS, 4),
    "productivity 5.999": (5.999, PRODUCTIVITY_BANDS, 4),
    "productivity 6": (6, PRODUCTIVITY_BANDS, 5),
    "productivity 40": (40, PRODUCTIVITY_BANDS, 5),
    "satisfaction 0": (0, SATISFACTION_BANDS, 1),
    "satisfaction 69.99": (69.99, SATISFACTION_BANDS, 1),
    "satisfaction 70 (inclusive)": (70, SATISFACTION_BANDS, 2),
    "satisfaction 74.9": (74.9, SATISFACTION_BANDS, 2),
    "satisfaction 75": (75, SATISFACTION_BANDS, 3),
    "satisfaction 84.99": (84.99, SATISFACTION_BANDS, 3),
    "satisfaction 85": (85, SATISFACTION_BANDS, 4),
    "satisfaction 89.99": (89.99, SATISFACTION_BANDS, 4),
    "satisfaction 90": (90, SATISFACTION_BANDS, 5),
    "satisfaction 100": (100, SATISFACTION_BANDS, 5),
}


@pytest.mark.parametrize(
    ("value", "bands", "level"), list(BAND_CASES.values()), ids=list(BAND_CASES)
)
def test_band_level(value, bands, level):
    assert band_level(value, bands) == level


@pytest.mark.parametrize("value", [math.nan, True, "5", None], ids=["NaN", "bool", "str", "None"])
def test_band_level_rejects_non_numbers(value):
    with pytest.raises(ValueError):
        band_level(value, PRODUCTIVITY_BANDS)


def test_c45_agrees_with_the_productivity_band():
    """Model v2: C4.5 is met at >= 4x, exactly where the productivity band reaches Level 4."""
    for value in (3.99, 4, 4.01, 6):
        met = evaluate_criterion(CRITERIA["C4.5"], value) == "met"
        assert met == (band_level(value, PRODUCTIVITY_BANDS) >= 4)


PROFILE_DIMENSION_CASES = {
    "nothing known": ({}, {}, {}, ()),
    "self-assessed in dimension order, not input order": (
        {"data_quality": 4, "work_orders": 2, "tech_stack": 3},
        {},
        {"work_orders": 2, "tech_stack": 3, "data_quality": 4},
        ("work_orders",),
    ),
    "measured from their metrics": (
        {},
        {"productivity_multiple": 1.2, "customer_satisfaction_score": 90},
        {"productivity": 2, "satisfaction": 5},
        ("productivity",),
    ),
    "a measured dim is left out when its metric is unknown": (
        {"work_orders": 3},
        {"productivity_multiple": None, "customer_satisfaction_score": 69.99},
        {"work_orders": 3, "satisfaction": 1},
        ("satisfaction",),
    ),
    "weakest: at most the first two of a tie, in dimension order": (
        {"tech_stack": 2, "work_orders": 3, "customer_reach": 2},
        {"productivity_multiple": 1.9},
        {"work_orders": 3, "customer_reach": 2, "tech_stack": 2, "productivity": 2},
        ("customer_reach", "tech_stack"),
    ),
    "all equal: none is the weakest": (
        {code: 3 for code in ("work_orders", "customer_reach", "decision_making")},
        {"customer_satisfaction_score": 80},
        {"work_orders": 3, "customer_reach": 3, "decision_making": 3, "satisfaction": 3},
        (),
    ),
    "a single dimension is not the weakest": ({"service_model": 5}, {}, {"service_model": 5}, ()),
    "a None self-assessment is unanswered": (
        {"work_orders": None, "service_model": 5, "tech_stack": 2},
        {},
        {"service_model": 5, "tech_stack": 2},
        ("tech_stack",),
    ),
    "satisfaction on an own 100-point survey is placed on the bands": (
        {"work_orders": 3},
        {"customer_satisfaction_score": 72, "customer_satisfaction_basis": "own_survey"},
        {"work_orders": 3, "satisfaction": 2},
        ("satisfaction",),
    ),
    "satisfaction on the OEM's CSI is not comparable and not the weakest": (
        {"work_orders": 3, "tech_stack": 4},
        {"customer_satisfaction_score": 60, "customer_satisfaction_basis": "oem_csi"},
        {"work_orders": 3, "tech_stack": 4},
        ("work_orders",),
    ),
}


@pytest.mark.parametrize(
    ("dimensions", "indicators", "profile", "weakest"),
    list(PROFILE_DIMENSION_CASES.values()),
    ids=list(PROFILE_DIMENSION_CASES),
)
def test_dimension_profile_and_weakest(dimensions, indicators, profile, weakest):
    result = run(indicators=indicators, dimensions=dimensions)
    assert list(result.dimension_profile.items()) == list(profile.items())
    assert result.weakest_dimensions == weakest


@pytest.mark.parametrize("basis", ["oem_csi", "nps"])
def test_satisfaction_on_another_basis_is_not_comparable(basis):
    result = run(
        indicators={"customer_satisfaction_score": 95, "customer_satisfaction_basis": basis}
    )
    assert result.not_comparable == ("satisfaction",)
    assert "satisfaction" not in result.dimension_profile


# --------------------------------------------------------------------------------------------
# Next level (rule 9: it follows the headline)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("checklist", "indicators"),
    [(L5_TICKS, L5_KPIS), ([*L4_TICKS, *items(5, 1, 2, 3)], {}), ([], {}), ([], kpis(P=61))],
    ids=["genuine 5", "5 with two L5 items short", "nothing", "no level shown"],
)
def test_no_next_level_at_5_or_without_a_level(checklist, indicators):
    assert run(checklist, indicators).next_level is None


NEXT_LEVEL_CASES = {
    "level 2 to 3: untouched capabilities and criteria": (
        [*ticks(l2=3), "L3.4", "L3.2"],
        {"system_integration_pct": 90, "bi_core_coverage": False},
        3,
        ("L3.1", "L3.3", "L3.5"),
        ("C3.2", "C3.3", "C3.4", "C3.5"),
        ("L2.3",),
    ),
    "level 1 to 2: only capability items and criteria": (
        ticks(l1=3),
        {"system_integration_pct": 90, "data_decision_pct": 90},
        2,
        ("L2.1", "L2.2"),
        ("C2.1", "C2.2"),
        ("L1.1", "L1.2", "L1.3"),
    ),
    "met criteria drop out, unknown stay": (
        ticks(l1=3),
        {"core_system_deployed": True, "e_work_order_pct": 80},
        2,
        ("L2.1", "L2.2"),
        ("C2.2",),
        ("L1.1", "L1.2", "L1.3"),
    ),
    "from the headline, not the checklist: symptoms of any level, in seed order": (
        ["L2.4", "L1.3", "L3.1", "L2.3", "L1.1", "L3.2", "L3.3"],
        {},
        2,
        ("L2.1", "L2.2"),
        ("C2.1", "C2.2"),
        ("L1.1", "L1.3", "L2.3", "L2.4"),
    ),
    "level 4 to 5 with some done": (
        [*CORE, *items(3, 1, 2, 3), *items(4, 1, 2, 3), "L5.5", "L5.2"],
        {"platformized": True, "api_partner_count": 50, "service_to_operations": True},
        5,
        ("L5.1", "L5.3", "L5.4"),
        ("C5.2", "C5.3", "C5.4"),
        (),
    ),
    "from an undetermined estimate on the indicators": (
        ["L2.1", "L2.4"],
        MEETS_LEVEL[3],
        4,
        ("L4.1", "L4.2", "L4.3", "L4.4", "L4.5"),
        ("C4.1", "C4.2", "C4.3", "C4.4", "C4.5"),
        ("L2.4",),
    ),
}


@pytest.mark.parametrize(
    ("checklist", "indicators", "level", "missing", "unmet", "symptoms"),
    list(NEXT_LEVEL_CASES.values()),
    ids=list(NEXT_LEVEL_CASES),
)
def test_next_level(checklist, indicators, level, missing, unmet, symptoms):
    nxt = run(checklist, indicators).next_level
    assert nxt is not None
    assert nxt.level == level
    assert nxt.missing_checklist == missing
    assert nxt.unmet_criteria == unmet
    assert nxt.symptoms_to_resolve == symptoms


# --------------------------------------------------------------------------------------------
# The API dict
# --------------------------------------------------------------------------------------------

API_KEYS = [
    "level",
    "determined",
    "transition",
    "inconsistent",
    "needs_review",
    "checklist_counts",
    "indicator_level",
    "criteria",
    "dimension_profile",
    "weakest_dimensions",
    "next_level",
    "explanation",
    "checklist_level",
    "skipped",
    "provisional",
    "warnings",
]


def test_as_api_dict_exact_shape():
    result = run(
        [*ticks(l2=3, l3=1), "L1.2"],
        {
            "e_work_order_pct": 90,
            "core_system_deployed": True,
            "has_unified_system": True,
            "productivity_multiple": 2.5,
        },
        {"tech_stack": 2, "work_orders": 4},
    )
    data = result.as_api_dict()
    assert list(data) == API_KEYS
    assert data["checklist_counts"] == {"1": 1, "2": 3, "3": 1, "4": 0, "5": 0}
    assert data["level"] == 2
    assert data["checklist_level"] == 2
    assert (data["determined"], data["transition"], data["inconsistent"]) == (True, False, False)
    assert data["skipped"] is False
    # L2.3 (silos) and L3.1 (a data platform) cannot both be true: K6, so provisional.
    assert data["provisional"] is True
    assert data["needs_review"] is True
    assert [w["code"] for w in data["warnings"]] == ["K6"]
    assert all(list(w) == ["code", "message"] for w in data["warnings"])
    assert "数据中台" in data["warnings"][0]["message"]
    assert data["indicator_level"] == 2
    assert list(data["criteria"]) == [c.code for c in REAL_MODEL.criteria]
    assert data["criteria"]["C2.2"] == "met" and data["criteria"]["C1.3"] == "not_met"
    assert data["dimension_profile"] == {"work_orders": 4, "tech_stack": 2, "productivity": 3}
    assert data["weakest_dimensions"] == ["tech_stack"]
    assert data["next_level"] == {
        "level": 3,
        "missing_checklist": ["L3.2", "L3.3", "L3.4", "L3.5"],
        "unmet_criteria": ["C3.1", "C3.2", "C3.3", "C3.4", "C3.5"],
        "symptoms_to_resolve": ["L1.2", "L2.3"],
    }
    assert data["explanation"] == list(result.explanation)
    assert all(isinstance(sentence, str) and sentence for sentence in data["explanation"])
    # Plain JSON: survives a round trip unchanged.
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_as_api_dict_without_a_level():
    data = run().as_api_dict()
    assert list(data) == API_KEYS
    assert data["level"] is None
    assert data["checklist_level"] is None
    assert data["next_level"] is None
    assert data["checklist_counts"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
    assert data["dimension_profile"] == {}
    assert data["weakest_dimensions"] == []
    assert data["warnings"] == []
    # Rule 8: undetermined, provisional = a level is shown; none is.
    assert (data["provisional"], data["needs_review"], data["skipped"]) == (False, False, False)


def test_as_api_dict_of_a_skipped_verdict():
    data = run([*items(1, 3, 5), *items(4, 1, 2, 4)], kpis(P=70, CD=20, HU=False, CS=False))
    data = data.as_api_dict()
    assert (data["level"], data["checklist_level"], data["skipped"]) == (1, 4, True)
    assert (data["provisional"], data["needs_review"]) == (True, True)
    assert data["next_level"]["level"] == 2


def test_the_rules_version_is_2():
    assert run().rules_version == 2


# --------------------------------------------------------------------------------------------
# Input checks and languages
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"checklist": ["L6.1"]}, "L6.1"),
        ({"checklist": "L2.1"}, "single string"),
        ({"indicators": {"nonsense_pct": 5}}, "nonsense_pct"),
        ({"indicators": {"core_system_deployed": "yes"}}, "C2.1"),
        ({"indicators": {"core_system_deployed": 1}}, "C2.1"),
        ({"indicators": {"e_work_order_pct": True}}, "C2.2"),
        ({"dimensions": {"productivity": 3}}, "productivity"),
        ({"dimensions": {"vibes": 3}}, "vibes"),
        ({"dimensions": {"work_orders": 6}}, "work_orders"),
        ({"dimensions": {"work_orders": True}}, "work_orders"),
        ({"language": "fr"}, "fr"),
    ],
    ids=[
        "unknown checklist code",
        "checklist as a string",
        "unknown metric",
        "ill-typed indicator",
        "a boolean given as 1",
        "a percent given as a bool",
        "measured dimension given as self-assessed",
        "unknown dimension",
        "dimension out of range",
        "dimension as a bool",
        "unsupported language",
    ],
)
def test_invalid_input_raises_value_error(kwargs, message):
    arguments = {"checklist": [], "indicators": {}, "dimensions": {}, **kwargs}
    with pytest.raises(ValueError, match=message):
        diagnose(REAL_MODEL, **arguments)


def test_a_model_without_verdict_rules_is_refused():
    with pytest.raises(ValueError, match="verdict rules"):
        diagnose(replace(REAL_MODEL, rules=None), [], {}, {})


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh", "zh"), ("zh-hans", "zh"), ("en", "en"), ("en-us", "en"), ("EN", "en")],
)
def test_language_codes(language, expected):
    explanation = run(ticks(l2=3), language=language).explanation
    assert explanation == run(ticks(l2=3), language=expected).explanation


def test_language_defaults_to_chinese():
    default = diagnose(REAL_MODEL, ticks(l2=3), {}, {})
    assert default.explanation == run(ticks(l2=3), language="zh").explanation


def test_language_changes_only_the_texts():
    answers = (ticks(l2=3, l3=3), MEETS_LEVEL[3], {"work_orders": 2})
    zh = run(*answers, language="zh")
    en = run(*answers, language="en")
    assert zh.explanation != en.explanation
    assert [w.code for w in zh.warnings] == [w.code for w in en.warnings] == ["K6"]
    assert zh.warnings[0].message != en.warnings[0].message
    assert replace(zh, explanation=(), warnings=()) == replace(en, explanation=(), warnings=())


@pytest.mark.parametrize(
    ("names", "language", "expected"),
    [
        ({"zh": "数据驱动", "en": "Data-driven"}, "en", "Data-driven"),
        ({"zh": "数据驱动", "en": "Data-driven"}, "zh", "数据驱动"),
        ({"zh": "数据驱动", "en": ""}, "en", "数据驱动"),
        ({"zh": "数据驱动"}, "en", "数据驱动"),
    ],
    ids=["en", "zh", "empty en falls back", "missing en falls back"],
)
def test_level_name(names, language, expected):
    model = replace(REAL_MODEL, level_names={3: names})
    assert level_name(model, 3, language) == expected


def test_the_real_model_spec_matches_the_source_counts():
    assert len(REAL_MODEL.checklist) == 25
    assert len(REAL_MODEL.criteria) == 24
    assert len(REAL_MODEL.metrics) == 24  # model v2 adds the satisfaction basis
    assert [d.code for d in REAL_MODEL.dimensions][-2:] == ["productivity", "satisfaction"]
    assert [i.code for i in REAL_MODEL.checklist if i.kind == "symptom"] == [
        *items(1, 1, 2, 3, 4, 5),
        *items(2, 3, 4, 5),
    ]
    assert [c.code for c in REAL_MODEL.criteria if c.kind == "symptom"] == [
        "C1.1",
        "C1.2",
        "C1.3",
        "C1.4",
        "C2.3",
        "C2.4",
        "C2.5",
    ]


def test_the_verdict_rules_name_the_issues_codes():
    rules = REAL_MODEL.rules
    assert (rules.match_threshold, rules.evidence_threshold, rules.core_level) == (3, 3, 2)
    assert (rules.core_items, rules.core_criteria) == (("L2.1", "L2.2"), ("C2.1", "C2.2"))
    assert rules.core_refuted_by == ("C1.1",)
    assert (rules.bridge_items, rules.bridge_criteria) == (("L3.1",), ("C3.1",))
    assert [c.item for c in rules.core_contradictions] == ["L1.1", "L1.4"]
    assert [w.code for w in rules.kpi_warnings] == ["K1", "K2", "K3", "K4", "K8"]
    assert (rules.evidence_conflict_code, rules.evidence_conflict_from) == ("K5", 3)
    assert rules.tick_pairs_code == "K6"
    assert [p.items for p in rules.tick_pairs] == [
        ("L1.1", "L2.2"),
        ("L1.4", "L2.1"),
        ("L2.3", "L3.1"),
        ("L2.5", "L3.4"),
    ]
    assert (rules.core_symptoms_code, rules.core_symptoms) == ("K7", ("L2.3", "L2.4", "L2.5"))
    assert rules.months_per_level == 12


def test_the_hand_built_spec_is_the_data_file():
    """tests/scoring_spec.py spells model v2 out by hand; it must say what the data file says."""
    data = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    assert [(i["code"], i["level"], i["kind"]) for i in data["checklist"]] == [
        (i.code, i.level, i.kind) for i in REAL_MODEL.checklist
    ]
    assert [
        (c["code"], c["level"], c["kind"], c["metric"], c["comparator"], c["threshold"])
        for c in data["criteria"]
    ] == [
        (c.code, c.level, c.kind, c.metric, c.comparator, c.threshold) for c in REAL_MODEL.criteria
    ]
    assert {m["code"]: m["type"] for m in data["metrics"]} == {
        m.code: m.type for m in REAL_MODEL.metrics
    }
