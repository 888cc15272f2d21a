"""The roll-up of a group: what its active stores' latest submitted results say together.

Read in a fixed number of queries whatever the number of stores (the stores with their latest
result's id; the verdicts' parts the page needs, read as JSON keys rather than whole payloads;
the planned actions counted by the database; the two campaigns' levels for the change table),
then put together in Python. A store that left is not read at all: the filter on active
memberships is in every query, so it disappears at the next request.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import CharField, Count, F, Q, Window
from django.db.models.functions import Cast, RowNumber
from django.utils.translation import gettext as _

from assessments.models import (
    OFFICIAL_KINDS,
    ActionPlan,
    Assessment,
    AssessmentStatus,
    Campaign,
    CompanyType,
    Diagnosis,
    GroupStore,
    GroupStoreStatus,
    PlanAction,
    StoreGroup,
)
from maturity.models import Initiative
from maturity.selectors import ModelContent, model_content

SORTS = ("name", "region", "type", "level", "-level")
TOP = 10


@dataclass
class StoreRow:
    company_id: str
    name: str
    type: str
    type_label: str
    region: str
    region_position: int
    city: str
    assessment_id: object = None
    level: int | None = None
    submitted_at: datetime | None = None
    dimensions: dict = field(default_factory=dict)
    criteria_met: int = 0
    unmet_next: list = field(default_factory=list)
    cells: list = field(default_factory=list)  # the heat map's row: one value per dimension
    dimension_mean: float = 0.0
    # Highest level first, then criteria met, then the dimensions' mean (law 5's pilot).
    readiness: tuple = (0, 0, 0.0)

    @property
    def has_result(self) -> bool:
        return self.assessment_id is not None


@dataclass
class ChangeRow:
    name: str
    region: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class Pilot:
    region: str
    store: StoreRow
    reason: str


@dataclass
class Wave:
    number: int
    title: str
    description: str
    stores: list


@dataclass
class Rollup:
    group: StoreGroup
    content: ModelContent
    campaigns: list
    campaign: Campaign | None
    dimensions: list
    rows: list
    distribution: dict  # {level number: count}
    no_result: int
    unmet_criteria: list  # [(criterion, count)]
    planned_actions: list  # [(title, count)]
    change_from: Campaign | None
    change_to: Campaign | None
    changes: list
    pilots: list
    waves: list

    @property
    def store_count(self) -> int:
        return len(self.rows)

    @property
    def with_result(self) -> int:
        return self.store_count - self.no_result


def active_memberships(group: StoreGroup):
    return GroupStore.objects.filter(group=group, status=GroupStoreStatus.ACTIVE)


def _as_text(field: str) -> Cast:
    """An id read as text: turning 10,000 ids into UUID objects costs more than the query."""
    return Cast(field, output_field=CharField())


def _dashed(key: str) -> str:
    """A UUID read as text in its usual form (SQLite stores it as 32 hex digits)."""
    if len(key) == 32:
        return f"{key[:8]}-{key[8:12]}-{key[12:16]}-{key[16:20]}-{key[20:]}"
    return key


def latest_verdicts(group: StoreGroup, campaign: Campaign | None = None):
    """The verdict of each active store's latest submitted official assessment (optionally the
    one answering ``campaign``): one query. The latest is picked by a window function over the
    ids only; the verdict's JSON parts are read for the picked rows alone (each key read from
    a stored payload costs a decompression)."""
    verdicts = Diagnosis.objects.filter(
        assessment__company__in=active_memberships(group).values("company_id"),
        assessment__status=AssessmentStatus.SUBMITTED,
        assessment__kind__in=OFFICIAL_KINDS,
    )
    if campaign is not None:
        verdicts = verdicts.filter(assessment__campaign=campaign)
    latest = (
        verdicts.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("assessment__company_id")],
                order_by=[F("assessment__submitted_at").desc(), F("assessment__created_at").desc()],
            )
        )
        .filter(rank=1)
        .values("pk")
    )
    return (
        Diagnosis.objects.filter(pk__in=latest)
        .annotate(
            company_key=_as_text("assessment__company_id"),
            assessment_key=_as_text("assessment_id"),
        )
        .values(
            "company_key",
            "assessment_key",
            "level",
            "assessment__submitted_at",
            "payload__dimension_profile",
            "payload__criteria",
        )
    )


def store_rows(group: StoreGroup, campaign: Campaign | None = None) -> list[StoreRow]:
    """Every active store with its latest submitted result (two queries)."""
    content = model_content()
    next_criteria = {
        level.number: [c.code for c in content.criteria_of_level(level.number + 1)]
        for level in content.levels[:-1]
    }
    type_labels = {value: str(label) for value, label in CompanyType.choices}
    memberships = (
        active_memberships(group)
        .annotate(company_key=_as_text("company_id"))
        .values(
            "company_key",
            "company__name",
            "company__type",
            "region__name",
            "region__position",
            "city",
            "company__city",
        )
    )
    rows = [
        StoreRow(
            company_id=m["company_key"],
            name=m["company__name"],
            type=m["company__type"],
            type_label=type_labels.get(m["company__type"], m["company__type"]),
            region=m["region__name"] or "",
            region_position=m["region__position"] if m["region__position"] is not None else 9999,
            city=m["city"] or m["company__city"] or "",
        )
        for m in memberships
    ]
    by_company = {v["company_key"]: v for v in latest_verdicts(group, campaign)}
    for row in rows:
        verdict = by_company.get(row.company_id)
        if verdict is None:
            continue
        row.assessment_id = _dashed(verdict["assessment_key"])
        row.level = verdict["level"]
        row.submitted_at = verdict["assessment__submitted_at"]
        row.dimensions = verdict["payload__dimension_profile"] or {}
        criteria = verdict["payload__criteria"] or {}
        row.criteria_met = sum(1 for status in criteria.values() if status == "met")
        if row.level is not None:  # the next level's criteria not met yet (or unknown)
            row.unmet_next = [
                code for code in next_criteria.get(row.level, ()) if criteria.get(code) != "met"
            ]
        values = [v for v in row.dimensions.values() if isinstance(v, int | float)]
        row.dimension_mean = round(sum(values) / len(values), 1) if values else 0.0
        row.readiness = (row.level or 0, row.criteria_met, row.dimension_mean)
    return rows


def sort_rows(rows: list[StoreRow], sort: str) -> list[StoreRow]:
    if sort == "region":
        return sorted(rows, key=lambda r: (r.region_position, r.region, r.name))
    if sort == "type":
        return sorted(rows, key=lambda r: (r.type_label, r.name))
    if sort == "level":
        return sorted(rows, key=lambda r: (r.level or 0, r.name))
    if sort == "-level":
        return sorted(rows, key=lambda r: (-(r.level or 0), r.name))
    return sorted(rows, key=lambda r: r.name)


def planned_actions(group: StoreGroup, *, top: int = TOP) -> list:
    """The actions most often planned in the stores' current action plans (each store's latest
    plan: it is kept up to date until the next re-assessment)."""
    latest_plans = list(
        ActionPlan.objects.filter(company__in=active_memberships(group).values("company_id"))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("company_id")], order_by=[F("created_at").desc()]
            )
        )
        .filter(rank=1)
        .values_list("pk", flat=True)
    )
    counts = list(
        PlanAction.objects.filter(plan_id__in=latest_plans)
        .values("initiative_id", "title")
        .annotate(count=Count("id"))
        .order_by("-count", "initiative_id", "title")[:top]
    )
    initiatives = Initiative.objects.in_bulk(
        [c["initiative_id"] for c in counts if c["initiative_id"]]
    )
    result = []
    for entry in counts:
        initiative = initiatives.get(entry["initiative_id"])
        title = initiative.title if initiative is not None else entry["title"]
        result.append((title, entry["count"]))
    return result


def level_changes(group: StoreGroup, before: Campaign, after: Campaign, rows) -> list[ChangeRow]:
    """Each active store's level in campaign ``before`` and in ``after`` (one query)."""
    levels: dict = defaultdict(dict)
    submitted = (
        Assessment.objects.filter(
            campaign__in=[before, after],
            status=AssessmentStatus.SUBMITTED,
            kind__in=OFFICIAL_KINDS,
            company_id__in=active_memberships(group).values("company_id"),
        )
        .order_by("submitted_at")
        .annotate(company_key=_as_text("company_id"), is_after=Q(campaign=after))
        .values_list("company_key", "is_after", "diagnosis__level")
    )
    for company, is_after, level in submitted:  # the latest submission of a campaign wins
        levels[company][bool(is_after)] = level
    return [
        ChangeRow(
            name=row.name,
            region=row.region,
            before=levels[row.company_id].get(False),
            after=levels[row.company_id].get(True),
        )
        for row in rows
        if row.company_id in levels
    ]


def unmet_criteria(rows, content: ModelContent, *, top: int = TOP) -> list:
    """The criteria standing most often between a store and its next level."""
    counts = Counter(code for row in rows for code in row.unmet_next)
    by_code = content.criteria_by_code
    return [(by_code[code], n) for code, n in counts.most_common() if code in by_code][:top]


def pilot_reason(store: StoreRow, content: ModelContent) -> str:
    level_name = content.level(store.level).short_name if store.level else ""
    return _(
        "Level %(level)s(%(level_name)s),满足 %(met)s 项诊断标准,维度平均 %(mean)s 分:"
        "本区域已提交结果的门店中准备度最高。"
    ) % {
        "level": store.level,
        "level_name": level_name,
        "met": store.criteria_met,
        "mean": store.dimension_mean,
    }


def pilots(rows, content: ModelContent) -> list[Pilot]:
    """Law 5: pilot in one store per region — the one with the highest readiness."""
    best: dict = {}
    for row in rows:
        if not row.has_result:
            continue
        key = (row.region_position, row.region)
        if key not in best or row.readiness > best[key].readiness:
            best[key] = row
    return [
        Pilot(region=key[1] or _("未分区域"), store=store, reason=pilot_reason(store, content))
        for key, store in sorted(best.items())
    ]


def waves(rows, pilot_list: list[Pilot]) -> list[Wave]:
    """Law 5's rollout: 1 centre first, then its region and the other regions' pilots, then
    the whole network."""
    if not pilot_list:
        return []
    first = max(pilot_list, key=lambda p: p.store.readiness).store
    pilot_ids = {p.store.company_id for p in pilot_list}
    second = [p.store for p in pilot_list if p.store is not first] + [
        row for row in rows if row.region == first.region and row.company_id not in pilot_ids
    ]
    taken = {first.company_id, *(row.company_id for row in second)}
    third = [row for row in rows if row.company_id not in taken]
    return [
        Wave(
            1,
            _("第一波:1 个服务中心试点"),
            _("选准备度最高的一家先试,3 个月看效果,用数据说话(铁律5:小步快跑,持续迭代)。"),
            [first],
        ),
        Wave(
            2,
            _("第二波:区域推广"),
            _("试点验证成功后,推广到试点所在区域的其他门店,并由其他各区域准备度最高的门店先行。"),
            sorted(second, key=lambda r: (r.region_position, r.name)),
        ),
        Wave(
            3,
            _("第三波:全网推广"),
            _("区域验证后再全网铺开;尚未提交结果的门店先完成自测。"),
            sorted(third, key=lambda r: (r.region_position, r.name)),
        ),
    ]


def pick_campaign(campaigns: list, campaign_id) -> Campaign | None:
    return next((c for c in campaigns if str(c.pk) == str(campaign_id or "")), None)


def build_rollup(
    group: StoreGroup,
    *,
    campaign_id=None,
    change_from_id=None,
    change_to_id=None,
    sort: str = "name",
) -> Rollup:
    content = model_content()
    campaigns = list(Campaign.objects.filter(group=group).order_by("created_at", "name"))
    campaign = pick_campaign(campaigns, campaign_id)
    rows = sort_rows(store_rows(group, campaign), sort if sort in SORTS else "name")
    for row in rows:
        row.cells = [row.dimensions.get(d.code) for d in content.profile_dimensions]
    distribution = {level.number: 0 for level in content.levels}
    for row in rows:
        if row.level is not None:
            distribution[row.level] = distribution.get(row.level, 0) + 1
    change_from = pick_campaign(campaigns, change_from_id)
    change_to = pick_campaign(campaigns, change_to_id)
    if change_from is None and change_to is None and len(campaigns) >= 2:
        change_from, change_to = campaigns[-2], campaigns[-1]
    changes = []
    if change_from is not None and change_to is not None and change_from != change_to:
        changes = level_changes(group, change_from, change_to, rows)
    pilot_list = pilots(rows, content)
    return Rollup(
        group=group,
        content=content,
        campaigns=campaigns,
        campaign=campaign,
        dimensions=content.profile_dimensions,
        rows=rows,
        distribution=distribution,
        no_result=sum(1 for row in rows if not row.has_result),
        unmet_criteria=unmet_criteria(rows, content),
        planned_actions=planned_actions(group),
        change_from=change_from,
        change_to=change_to,
        changes=changes,
        pilots=pilot_list,
        waves=waves(rows, pilot_list),
    )
