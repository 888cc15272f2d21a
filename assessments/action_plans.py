"""Reading the action plan: the library's proposal for one result, the plan's rows, the board
summary of the PDF, the follow-up after a re-assessment and the consultant's overdue actions.

The order of the proposal is `assessments.prioritise.rank` (pure); this module feeds it the
company's gaps and type profile from the initiative library, and words its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.model_spec import model_spec_of
from assessments.models import (
    ActionPlan,
    ActionStatus,
    Assessment,
    AssessmentStatus,
    CompanyType,
    PlanAction,
)
from assessments.prioritise import Candidate, Gaps, Ranked, rank, size_class
from assessments.scoring import CAPABILITY, MET, SYMPTOM, next_level_for
from assessments.verdicts import stored_verdict
from maturity.i18n import pick
from maturity.models import Initiative, InitiativeLibrary

PROPOSED_ACTIONS = 5  # the plan starts with the top 5 proposals
BOARD_ACTIONS = 3
MVP_DAYS = 90  # Iron law 5: 3个月看效果
OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


# ---------------------------------------------------------------------------------------------
# The library and the company's type profile
# ---------------------------------------------------------------------------------------------


def current_library() -> InitiativeLibrary:
    return InitiativeLibrary.objects.current()


# A library version never changes once loaded (a change is a new version): its initiatives are
# read once per process, keyed by the row and its checksum.
_INITIATIVES: dict[tuple, list[Initiative]] = {}


def library_initiatives(library: InitiativeLibrary) -> list[Initiative]:
    key = (library.pk, library.checksum)
    if key not in _INITIATIVES:
        _INITIATIVES[key] = list(library.initiatives.all())
    return _INITIATIVES[key]


@dataclass
class TypeProfile:
    company_type: str
    type_label: str
    ceiling: int
    oem_owned: frozenset
    reasoning: str
    size: str
    size_label: str
    budget_cap_band: str
    budget_cap_label: str
    budget_cap: int | None


def type_profile(company, library: InitiativeLibrary) -> TypeProfile:
    reference = library.reference
    types = reference["company_types"]
    profile = types.get(company.type) or types["other"]
    size = size_class(company.technicians, company.annual_work_orders, reference["size_classes"])
    cap_band = reference["size_budget_caps"][size]
    band = reference["budget_bands"][cap_band]
    return TypeProfile(
        company_type=company.type,
        type_label=str(CompanyType(company.type).label),
        ceiling=profile["ceiling"],
        oem_owned=frozenset(profile["oem_owned"]),
        reasoning=pick(profile["reasoning"]),
        size=size,
        size_label=pick(reference["size_classes"][size]["label"]),
        budget_cap_band=cap_band,
        budget_cap_label=pick(band["label"]),
        budget_cap=band["max_wan"],
    )


def candidates(initiatives, reference) -> list[Candidate]:
    bands = reference["budget_bands"]
    band_rank = {code: index for index, code in enumerate(bands, start=1)}
    efforts = reference["efforts"]
    return [
        Candidate(
            code=i.code,
            position=i.position,
            kind=i.kind,
            budget_band=i.budget_band,
            budget_rank=band_rank[i.budget_band],
            budget_max=bands[i.budget_band]["max_wan"],
            effort_weight=efforts[i.effort]["weight"],
            moves=tuple(i.moves),
            prerequisites=tuple(i.prerequisites),
            types=tuple(i.company_types),
        )
        for i in initiatives
    ]


def owner_label(reference, role: str) -> str:
    return pick(reference["owner_roles"].get(role)) or role


def budget_label(reference, band: str) -> str:
    return pick((reference["budget_bands"].get(band) or {}).get("label"))


def effort_label(reference, effort: str) -> str:
    return pick((reference["efforts"].get(effort) or {}).get("label"))


# ---------------------------------------------------------------------------------------------
# Gaps
# ---------------------------------------------------------------------------------------------


@dataclass
class GapRow:
    code: str
    text: str
    kind: str  # criterion | item | symptom


@dataclass
class PlanGaps:
    gaps: Gaps  # without the OEM's items
    consolidating: bool  # at the type's ceiling: close the current level's gaps first
    rows: list[GapRow]
    oem_dependent: list[GapRow]  # the next level's items the OEM owns: "依赖主机厂"
    achieved: frozenset = frozenset()  # codes in their good state (see prioritise.rank)


def _code_text(content, code: str) -> str:
    item = content.checklist_by_code.get(code)
    if item is not None:
        return item.text
    criterion = content.criteria_by_code.get(code)
    return criterion.text if criterion is not None else code


def plan_gaps(assessment: Assessment, statuses, level: int | None, profile, content) -> PlanGaps:
    model = model_spec_of(assessment.model_version)
    ticked = set(assessment.checklist)
    level = level or 1
    top = model.levels[-1]
    consolidating = level >= min(profile.ceiling, top)
    symptom_criteria = tuple(
        c.code
        for c in model.criteria
        if c.kind == SYMPTOM and c.level <= level and statuses.get(c.code) == MET
    )

    def gaps_toward(base: int) -> Gaps:
        step = next_level_for(model, ticked, statuses, base)
        if step is None:
            return Gaps(target_level=top, symptoms=symptom_criteria)
        return Gaps(
            target_level=step.level,
            unmet_criteria=step.unmet_criteria,
            missing_items=step.missing_checklist,
            symptoms=step.symptoms_to_resolve + symptom_criteria,
        )

    gaps = gaps_toward(level - 1 if consolidating else level).without(profile.oem_owned)
    if consolidating and not gaps.codes and level < top:
        consolidating = False
        gaps = gaps_toward(level).without(profile.oem_owned)
    # The OEM's items of the level above, shown apart (never as gaps).
    above = min(level + 1, top)
    oem = [
        spec.code
        for spec in (*model.checklist, *model.criteria)
        if spec.level == above and spec.kind == CAPABILITY and spec.code in profile.oem_owned
    ]
    achieved = frozenset(
        spec.code for spec in model.checklist if (spec.code in ticked) == (spec.kind == CAPABILITY)
    ) | frozenset(
        spec.code
        for spec in model.criteria
        if statuses.get(spec.code) == (MET if spec.kind == CAPABILITY else "not_met")
    )
    rows = [GapRow(c, _code_text(content, c), "criterion") for c in gaps.unmet_criteria]
    rows += [GapRow(c, _code_text(content, c), "item") for c in gaps.missing_items]
    rows += [GapRow(c, _code_text(content, c), "symptom") for c in gaps.symptoms]
    return PlanGaps(
        gaps=gaps,
        consolidating=consolidating,
        rows=rows,
        oem_dependent=[GapRow(c, _code_text(content, c), "oem") for c in oem],
        achieved=achieved,
    )


# ---------------------------------------------------------------------------------------------
# The proposal
# ---------------------------------------------------------------------------------------------


def list_separator() -> str:
    return _("、")  # between the codes of a list ("I13、I15"; ", " in English)


def reasons_separator() -> str:
    return _(";")  # between the reasons of one action


def reason_text(key: str, params: dict, reference, size_label: str = "") -> str:
    codes = list_separator().join(params.get("codes") or [])
    if key == "moves_target":
        return _("推动 Level %(level)d 的 %(count)d 项差距:%(codes)s") % {
            "level": params["level"],
            "count": params["count"],
            "codes": codes,
        }
    if key == "removes_symptoms":
        return _("消除 %(count)d 项当前症状:%(codes)s") % {"count": params["count"], "codes": codes}
    if key == "after_prerequisites":
        return _("排在先决举措 %(codes)s 之后") % {"codes": codes}
    if key == "law3_after_governance":
        return _("铁律3“数据治理先于数据应用”:排在数据治理举措 %(codes)s 之后") % {"codes": codes}
    if key == "law3_governance_first":
        return _("铁律3“数据治理先于数据应用”:先于看板、自动化和AI")
    if key == "prerequisite_of":
        return _("是 %(codes)s 的先决条件") % {"codes": codes}
    band = budget_label(reference, params.get("band", ""))
    if not size_label and params.get("size") in reference["size_classes"]:
        size_label = pick(reference["size_classes"][params["size"]]["label"])
    if key == "over_budget":
        return _("预算 %(band)s 超出%(size)s企业的常规投入,排在负担得起的举措之后") % {
            "band": band,
            "size": size_label,
        }
    if key == "within_budget":
        return _("预算 %(band)s 在%(size)s企业的常规投入之内") % {"band": band, "size": size_label}
    return key


@dataclass
class ProposedAction:
    initiative: Initiative
    ranked: Ranked
    reasons: list[str]
    owner: str
    budget: str
    effort: str

    @property
    def rank(self) -> int:
        return self.ranked.rank


@dataclass
class Proposal:
    library: InitiativeLibrary
    profile: TypeProfile
    plan_gaps: PlanGaps
    actions: list[ProposedAction]
    target_level: int
    beyond_ceiling: bool = False

    @property
    def top(self) -> list[ProposedAction]:
        return self.actions[:PROPOSED_ACTIONS]


def proposal_for(
    assessment: Assessment, statuses, level: int | None, content, *, done=()
) -> Proposal:
    library = current_library()
    reference = library.reference
    profile = type_profile(assessment.company, library)
    gaps = plan_gaps(assessment, statuses, level, profile, content)
    initiatives = library_initiatives(library)
    by_code = {i.code: i for i in initiatives}
    ranked = rank(
        candidates(initiatives, reference),
        gaps.gaps,
        company_type=profile.company_type,
        budget_cap=profile.budget_cap,
        oem_owned=profile.oem_owned,
        done=done,
        achieved=gaps.achieved,
    )
    actions = [
        ProposedAction(
            initiative=by_code[r.code],
            ranked=r,
            reasons=[reason_text(k, p, reference, profile.size_label) for k, p in r.reasons],
            owner=owner_label(reference, by_code[r.code].owner_role),
            budget=budget_label(reference, by_code[r.code].budget_band),
            effort=effort_label(reference, by_code[r.code].effort),
        )
        for r in ranked
    ]
    return Proposal(
        library=library,
        profile=profile,
        plan_gaps=gaps,
        actions=actions,
        target_level=gaps.gaps.target_level,
        beyond_ceiling=(level or 1) >= profile.ceiling,
    )


def proposal_for_report(report, *, done=()) -> Proposal:
    level = report.level.number if report.level else None
    return proposal_for(
        report.assessment, report.diagnosis.criteria, level, report.content, done=done
    )


# ---------------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------------


def plan_of(assessment: Assessment) -> ActionPlan | None:
    return ActionPlan.objects.filter(assessment=assessment).first()


def latest_plan(company) -> ActionPlan | None:
    return (
        ActionPlan.objects.filter(company=company)
        .select_related("assessment")
        .order_by("-assessment__submitted_at", "-created_at")
        .first()
    )


@dataclass
class ActionRow:
    action: PlanAction
    title: str
    owner: str  # the named owner, else the initiative's role
    role: str
    reasons: list[str]
    what: str = ""
    mvp: str = ""
    kpi: str = ""
    budget: str = ""
    overdue: bool = False


def action_rows(plan: ActionPlan, *, today: date | None = None) -> list[ActionRow]:
    today = today or timezone.localdate()
    reference = plan.library.reference
    rows = []
    for action in plan.actions.select_related("initiative").order_by("position"):
        initiative = action.initiative
        role = owner_label(reference, initiative.owner_role) if initiative else ""
        rows.append(
            ActionRow(
                action=action,
                title=action.display_title,
                owner=action.owner_name or role,
                role=role,
                reasons=[reason_text(k, p, reference, "") for k, p in action.reasons],
                what=initiative.text("what") if initiative else "",
                mvp=initiative.text("mvp") if initiative else "",
                kpi=initiative.text("kpi") if initiative else "",
                budget=budget_label(reference, initiative.budget_band) if initiative else "",
                overdue=is_overdue(action, today),
            )
        )
    return rows


def is_overdue(action: PlanAction, today: date) -> bool:
    return bool(action.due_date and action.due_date < today and action.status in OPEN_STATUSES)


def default_due_date(start: date | None = None) -> date:
    return (start or timezone.localdate()) + timedelta(days=MVP_DAYS)


# ---------------------------------------------------------------------------------------------
# The board summary (first page of the PDF) and the result page's top 3
# ---------------------------------------------------------------------------------------------


@dataclass
class BoardAction:
    code: str
    title: str
    owner: str
    due: str
    status: str


@dataclass
class BoardSummary:
    level: object
    provisional: bool
    confirmed: bool
    gaps: list[GapRow]
    actions: list[BoardAction]
    from_plan: bool
    investment: str
    payback: str
    target_level: int | None
    laws: list = field(default_factory=list)
    oem_dependent: list[GapRow] = field(default_factory=list)
    profile: TypeProfile | None = None

    @property
    def oem_codes(self) -> str:
        return list_separator().join(row.code for row in self.oem_dependent)


def board_summary(report, plan: ActionPlan | None = None) -> BoardSummary:
    proposal = proposal_for_report(report)
    actions = []
    if plan is not None:
        for row in action_rows(plan):
            if row.action.status == ActionStatus.DONE:
                continue
            actions.append(
                BoardAction(
                    code=row.action.initiative.code if row.action.initiative else "",
                    title=row.title,
                    owner=row.owner,
                    due=row.action.due_date.isoformat() if row.action.due_date else "",
                    status=row.action.get_status_display(),
                )
            )
    else:
        due = default_due_date().isoformat()
        for proposed in proposal.actions[:BOARD_ACTIONS]:
            actions.append(
                BoardAction(
                    code=proposed.initiative.code,
                    title=proposed.initiative.title,
                    owner=proposed.owner,
                    due=due,
                    status=_("建议"),
                )
            )
    roadmap = report.roadmap
    return BoardSummary(
        level=report.level,
        provisional=report.provisional,
        confirmed=report.confirmed,
        gaps=proposal.plan_gaps.rows[:3],
        actions=actions[:BOARD_ACTIONS],
        from_plan=plan is not None,
        investment=roadmap.investment if roadmap else "",
        payback=roadmap.payback if roadmap else "",
        target_level=roadmap.next_level.number if roadmap else None,
        laws=[row for row in report.laws if row.applies],
        oem_dependent=proposal.plan_gaps.oem_dependent,
        profile=proposal.profile,
    )


def result_top_actions(report) -> dict:
    """The result page's top 3: the plan's first open actions, or else the proposal's first."""
    plan = plan_of(report.assessment)
    if plan is not None:
        rows = [r for r in action_rows(plan) if r.action.status != ActionStatus.DONE]
        return {"plan": plan, "rows": rows[:BOARD_ACTIONS], "proposed": []}
    proposal = proposal_for_report(report)
    return {"plan": None, "rows": [], "proposed": proposal.actions[:BOARD_ACTIONS]}


def plan_digest(assessment: Assessment) -> str:
    """What the PDF's board summary shows of the plan: changes with any edit."""
    plan = plan_of(assessment)
    if plan is None:
        return ""
    stamps = plan.actions.order_by("position").values_list("pk", "updated_at")
    return f"{plan.pk}:{plan.updated_at}:" + ",".join(f"{pk}@{at}" for pk, at in stamps)


# ---------------------------------------------------------------------------------------------
# Closing the loop
# ---------------------------------------------------------------------------------------------


@dataclass
class CodeMove:
    code: str
    text: str
    before: str
    after: str
    moved: bool


@dataclass
class FollowUpRow:
    action: PlanAction
    title: str
    moves: list[CodeMove]

    @property
    def moved_count(self) -> int:
        return sum(1 for m in self.moves if m.moved)


@dataclass
class PlanFollowUp:
    plan: ActionPlan
    before: Assessment
    after: Assessment
    rows: list[FollowUpRow]


def _state(assessment: Assessment, code: str, statuses) -> str:
    if code.startswith("L"):
        return "ticked" if code in set(assessment.checklist) else "unticked"
    return statuses.get(code, "unknown")


def _moved(code: str, kind: str, before: str, after: str) -> bool:
    if code.startswith("L"):
        good = "ticked" if kind == CAPABILITY else "unticked"
    else:
        good = MET if kind == CAPABILITY else "not_met"
    return before != good and after == good


def state_label(state: str) -> str:
    return {
        "ticked": _("已勾选"),
        "unticked": _("未勾选"),
        "met": _("符合"),
        "not_met": _("不符合"),
        "unknown": _("未知"),
    }.get(state, state)


def plan_follow_up(company, content) -> PlanFollowUp | None:
    """The latest plan made before the company's latest submitted assessment: each action's
    status beside the codes it was meant to move, before (the plan's assessment) and after."""
    latest = (
        Assessment.objects.filter(company=company, status=AssessmentStatus.SUBMITTED)
        .select_related("diagnosis")
        .order_by("-submitted_at")
        .first()
    )
    if latest is None:
        return None
    plan = (
        ActionPlan.objects.filter(company=company, assessment__submitted_at__lt=latest.submitted_at)
        .select_related("assessment__diagnosis")
        .order_by("-assessment__submitted_at")
        .first()
    )
    if plan is None:
        return None
    before = plan.assessment
    model = model_spec_of(latest.model_version)
    kinds = {spec.code: spec.kind for spec in (*model.checklist, *model.criteria)}
    was_met = stored_verdict(before).criteria
    now_met = stored_verdict(latest).criteria
    rows = []
    for action in plan.actions.select_related("initiative").order_by("position"):
        moves = []
        for code in action.moves:
            if code not in kinds:
                continue
            was, now = _state(before, code, was_met), _state(latest, code, now_met)
            moves.append(
                CodeMove(
                    code=code,
                    text=_code_text(content, code),
                    before=state_label(was),
                    after=state_label(now),
                    moved=_moved(code, kinds[code], was, now),
                )
            )
        rows.append(FollowUpRow(action=action, title=action.display_title, moves=moves))
    return PlanFollowUp(plan=plan, before=before, after=latest, rows=rows)


def overdue_actions(companies, *, today: date | None = None):
    """Open actions past their due date in the companies' latest plans, oldest first."""
    today = today or timezone.localdate()
    return list(
        PlanAction.objects.filter(
            plan__company__in=companies,
            due_date__lt=today,
            status__in=OPEN_STATUSES,
        )
        .select_related("plan__company", "initiative")
        .order_by("due_date", "plan__company__name")
    )
