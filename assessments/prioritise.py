"""Ranking the initiatives of the library for one company: pure, plain values in and out.

The rule, in order (each ranked item carries the reasons for its place):

1. Applicable: the initiative applies to the company's type and moves at least one of its gaps
   (the gaps never include items that belong to the OEM for this type), or it is an applicable
   prerequisite of one that does (an "enabler"). Initiatives already done are left out and
   count as met prerequisites.
2. Prerequisites first: an initiative never ranks before an applicable prerequisite.
3. Iron law 3, "数据治理先于数据应用": an initiative of kind analysis / automation / ai never
   ranks before any applicable initiative of kind governance.
   An initiative whose main aim (its first code) the company has already reached is left out.
4. Among the initiatives free to go next: those within the budget a company of this size can
   usually spend come first; then the larger impact on the gaps (an unmet capability criterion
   of the target level counts 2, a missing capability item or a symptom 1; a prerequisite or a
   prerequisite inherits the impact of what names it); then the lower cost (budget band
   rank + effort weight); then the library's order.

Reasons are (key, params) pairs; the reads layer (assessments.action_plans) words them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

GOVERNANCE = "governance"
DATA_APPLICATIONS = frozenset({"analysis", "automation", "ai"})
CRITERION_WEIGHT = 2
ITEM_WEIGHT = 1
SYMPTOM_WEIGHT = 1
SIZES = ("small", "medium", "large")


@dataclass(frozen=True)
class Candidate:
    code: str
    position: int
    kind: str
    budget_band: str
    budget_rank: int  # 1 = the smallest band
    budget_max: int  # upper bound, in units of RMB 10,000
    effort_weight: int  # 1 small, 2 medium, 3 large
    moves: tuple[str, ...]
    prerequisites: tuple[str, ...]
    types: tuple[str, ...]

    @property
    def cost(self) -> int:
        return self.budget_rank + self.effort_weight


@dataclass(frozen=True)
class Gaps:
    """What the company has to close: the target level's unmet capability criteria and missing
    capability items, and the symptoms present (ticked items and met symptom criteria)."""

    target_level: int
    unmet_criteria: tuple[str, ...] = ()
    missing_items: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()

    def without(self, codes: Iterable[str]) -> Gaps:
        drop = frozenset(codes)
        return Gaps(
            target_level=self.target_level,
            unmet_criteria=tuple(c for c in self.unmet_criteria if c not in drop),
            missing_items=tuple(c for c in self.missing_items if c not in drop),
            symptoms=tuple(c for c in self.symptoms if c not in drop),
        )

    def weight_of(self, code: str) -> int:
        if code in self.unmet_criteria:
            return CRITERION_WEIGHT
        if code in self.missing_items:
            return ITEM_WEIGHT
        if code in self.symptoms:
            return SYMPTOM_WEIGHT
        return 0

    @property
    def codes(self) -> tuple[str, ...]:
        return self.unmet_criteria + self.missing_items + self.symptoms


@dataclass(frozen=True)
class Ranked:
    code: str
    rank: int
    impact: int  # its own impact on the gaps
    priority: int  # the impact it ranks by (own, or inherited from what waits for it)
    gaps_moved: tuple[str, ...]
    over_budget: bool
    reasons: tuple[tuple[str, dict], ...] = field(default_factory=tuple)


def size_class(
    technicians: int | None, work_orders: int | None, classes: Mapping[str, Mapping]
) -> str:
    """small / medium / large: the smaller of the classes the technicians and the annual work
    orders put the company in (a plan is sized to what the business can carry)."""

    def by(value, key):
        if value is None:
            return None
        for name in SIZES:
            limit = classes[name].get(key)
            if limit is None or value <= limit:
                return name
        return SIZES[-1]

    found = [c for c in (by(technicians, "max_technicians"), by(work_orders, "max_work_orders"))]
    found = [c for c in found if c]
    if not found:
        return "medium"
    return min(found, key=SIZES.index)


def rank(
    candidates: Iterable[Candidate],
    gaps: Gaps,
    *,
    company_type: str,
    budget_cap: int | None,
    oem_owned: Iterable[str] = (),
    done: Iterable[str] = (),
    achieved: Iterable[str] = (),
) -> list[Ranked]:
    """The applicable initiatives in the order of the rule above, each with its reasons.

    `achieved`: codes the company already has (capabilities met or ticked, symptoms absent); an
    initiative whose main code (its first) is achieved is left out like a done one."""
    gaps = gaps.without(oem_owned)
    gap_codes = frozenset(gaps.codes)
    achieved = frozenset(achieved) - gap_codes
    done = frozenset(done)
    by_code = {
        c.code: c
        for c in candidates
        if company_type in c.types
        and c.code not in done
        and not (c.moves and c.moves[0] in achieved)
    }
    impact = {
        code: sum(gaps.weight_of(m) for m in c.moves if m in gap_codes)
        for code, c in by_code.items()
    }

    # 1. Applicable: moves a gap, or is (transitively) a prerequisite of one that does.
    chosen = {code for code, value in impact.items() if value > 0}
    frontier = list(chosen)
    while frontier:
        for pre in by_code[frontier.pop()].prerequisites:
            if pre in by_code and pre not in chosen:
                chosen.add(pre)
                frontier.append(pre)
    governance = {code for code in chosen if by_code[code].kind == GOVERNANCE}
    applications = {code for code in chosen if by_code[code].kind in DATA_APPLICATIONS}

    def waits_for(code: str) -> set[str]:
        needs = {p for p in by_code[code].prerequisites if p in chosen}
        if code in applications:
            needs |= governance
        return needs

    needs = {code: waits_for(code) for code in chosen}
    dependents: dict[str, set[str]] = {code: set() for code in chosen}
    for code, pres in needs.items():
        for pre in pres:
            dependents[pre].add(code)

    # Inherited priority: the largest impact among itself and everything that names it as a
    # prerequisite (Iron law 3 orders governance first but passes no priority on).
    priority: dict[str, int] = {}

    def priority_of(code: str, seen: frozenset = frozenset()) -> int:
        if code in priority:
            return priority[code]
        inherited = [
            priority_of(d, seen | {code})
            for d in dependents[code]
            if d not in seen | {code} and code in by_code[d].prerequisites
        ]
        priority[code] = max([impact[code], *inherited])
        return priority[code]

    for code in chosen:
        priority_of(code)

    def over(code: str) -> bool:
        return budget_cap is not None and by_code[code].budget_max > budget_cap

    explicit = {code: set(by_code[code].prerequisites) for code in chosen}
    placed: list[str] = []
    remaining = set(chosen)
    while remaining:
        ready = [code for code in remaining if needs[code] <= set(placed)]
        if not ready:  # a cycle the loader refuses; place the rest in library order
            ready = sorted(remaining, key=lambda code: by_code[code].position)[:1]
        best = min(
            ready,
            key=lambda code: (
                over(code),
                -priority[code],
                by_code[code].cost,
                by_code[code].position,
            ),
        )
        placed.append(best)
        remaining.discard(best)

    ranked = []
    for index, code in enumerate(placed, start=1):
        candidate = by_code[code]
        moved = tuple(m for m in candidate.moves if m in gap_codes)
        ranked.append(
            Ranked(
                code=code,
                rank=index,
                impact=impact[code],
                priority=priority[code],
                gaps_moved=moved,
                over_budget=over(code),
                reasons=tuple(
                    _reasons(
                        candidate,
                        moved,
                        gaps,
                        needs,
                        dependents,
                        governance,
                        over(code),
                        explicit,
                    )
                ),
            )
        )
    return ranked


def _reasons(candidate, moved, gaps, needs, dependents, governance, over_budget, explicit):
    code = candidate.code
    criteria = [m for m in moved if m in gaps.unmet_criteria]
    items = [m for m in moved if m in gaps.missing_items]
    symptoms = [m for m in moved if m in gaps.symptoms]
    if criteria or items:
        yield (
            "moves_target",
            {"level": gaps.target_level, "codes": criteria + items, "count": len(criteria + items)},
        )
    if symptoms:
        yield ("removes_symptoms", {"codes": symptoms, "count": len(symptoms)})
    prerequisites = sorted(p for p in candidate.prerequisites if p in needs.get(code, ()))
    if prerequisites:
        yield ("after_prerequisites", {"codes": prerequisites})
    if candidate.kind in DATA_APPLICATIONS and governance:
        yield ("law3_after_governance", {"codes": sorted(governance)})
    if code in governance and any(d for d in dependents.get(code, ()) if d not in governance):
        yield ("law3_governance_first", {})
    direct = sorted(d for d in dependents.get(code, ()) if code in explicit.get(d, ()))
    if direct:
        yield ("prerequisite_of", {"codes": direct})
    if over_budget:
        yield ("over_budget", {"band": candidate.budget_band})
    else:
        yield ("within_budget", {"band": candidate.budget_band})
