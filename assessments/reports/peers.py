"""Peer benchmark: where a company's level stands among the other companies in the product.

Each other company counts once, with its latest submitted result (a single self-test or a
round's combined result). Three comparison groups — all companies, the same company type, the
same city tier — each shown as a distribution of levels, and only when the group holds at least
`MIN_GROUP` companies; otherwise the page says the group is too small. Nothing but counts leaves
the database: no name, id or date of another company is ever read.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _

from assessments.models import OFFICIAL_KINDS, Assessment, AssessmentStatus, Diagnosis

MIN_GROUP = 5
LEVELS = (1, 2, 3, 4, 5)


@dataclass
class PeerGroup:
    key: str  # all | type | city_tier
    label: str
    size: int  # companies with a determined level in the group
    counts: dict[int, int]  # level -> companies
    level: int | None  # the company's own level

    @property
    def shown(self) -> bool:
        return self.size >= MIN_GROUP

    def percent(self, level: int) -> int:
        return round(100 * self.counts.get(level, 0) / self.size) if self.size else 0

    @property
    def rows(self) -> list[tuple[int, int, int, bool]]:
        """(level, companies, percent, is the company's level) for levels 1..5."""
        return [(n, self.counts.get(n, 0), self.percent(n), n == self.level) for n in LEVELS]

    @property
    def below(self) -> int:
        return sum(c for n, c in self.counts.items() if self.level and n < self.level)

    @property
    def same(self) -> int:
        return self.counts.get(self.level, 0) if self.level else 0

    @property
    def above(self) -> int:
        return sum(c for n, c in self.counts.items() if self.level and n > self.level)

    @property
    def position(self) -> str:
        if not self.shown or not self.level:
            return ""
        return _("%(below)d%% 的企业段位低于你,%(same)d%% 与你相同,%(above)d%% 高于你。") % {
            "below": round(100 * self.below / self.size),
            "same": round(100 * self.same / self.size),
            "above": round(100 * self.above / self.size),
        }


@dataclass
class PeerBenchmark:
    level: int | None
    groups: list[PeerGroup]
    national: list[tuple[int, str]] = field(default_factory=list)  # (level, share label)
    minimum: int = MIN_GROUP

    @property
    def any_shown(self) -> bool:
        return any(group.shown for group in self.groups)


PEER_CACHE_KEY = "peers:level-distribution:v1"
# Peer groups are statistics over every company: a few minutes' delay is invisible, and it
# keeps the result page from scanning all companies on every view.
PEER_CACHE_SECONDS = 300


def _latest_official():
    return (
        Assessment.objects.filter(
            company_id=OuterRef("assessment__company_id"),
            status=AssessmentStatus.SUBMITTED,
            kind__in=OFFICIAL_KINDS,
        )
        .order_by("-submitted_at")
        .values("pk")[:1]
    )


def level_distribution() -> list[tuple[str, str, int, int]]:
    """(company type, city tier, level, companies) over every company's latest submitted result,
    in one grouped query, cached for PEER_CACHE_SECONDS in the shared cache."""
    rows = cache.get(PEER_CACHE_KEY)
    if rows is None:
        rows = [
            (
                row["assessment__company__type"],
                row["assessment__company__city_tier"],
                row["level"],
                row["n"],
            )
            for row in Diagnosis.objects.filter(
                assessment__status=AssessmentStatus.SUBMITTED,
                assessment__kind__in=OFFICIAL_KINDS,
                level__isnull=False,
                assessment_id=Subquery(_latest_official()),
            )
            .values("assessment__company__type", "assessment__company__city_tier", "level")
            .annotate(n=Count("pk"))
            .order_by()
        ]
        cache.set(PEER_CACHE_KEY, rows, PEER_CACHE_SECONDS)
    return rows


def own_latest_level(company) -> int | None:
    return (
        Diagnosis.objects.filter(
            assessment__company=company,
            assessment__status=AssessmentStatus.SUBMITTED,
            assessment__kind__in=OFFICIAL_KINDS,
        )
        .order_by("-assessment__submitted_at")
        .values_list("level", flat=True)
        .first()
    )


def peer_counts(company, *, exclude_company: bool = True) -> dict[str, dict[int, int]]:
    """{group key: {level: companies}} for the three groups around ``company`` (all, same type,
    same city tier), from the cached distribution, the company itself taken out."""
    counts = {key: dict.fromkeys(LEVELS, 0) for key in ("all", "type", "city_tier")}
    for company_type, tier, level, n in level_distribution():
        counts["all"][level] += n
        if company_type == company.type:
            counts["type"][level] += n
        if tier == company.city_tier:
            counts["city_tier"][level] += n
    own = own_latest_level(company) if exclude_company else None
    if own is not None:
        for key in counts:
            counts[key][own] = max(0, counts[key][own] - 1)
    return counts


def clear_peer_cache() -> None:
    cache.delete(PEER_CACHE_KEY)


def peer_benchmark(assessment, level: int | None, content) -> PeerBenchmark:
    company = assessment.company
    counts = peer_counts(company)
    labels = {
        "all": _("全部企业"),
        "type": _("同类型企业(%(type)s)") % {"type": company.get_type_display()},
        "city_tier": _("同城市级别企业(%(tier)s)") % {"tier": company.get_city_tier_display()},
    }
    groups = [
        PeerGroup(
            key=key,
            label=labels[key],
            size=sum(counts[key].values()),
            counts=counts[key],
            level=level,
        )
        for key in ("all", "type", "city_tier")
    ]
    return PeerBenchmark(
        level=level,
        groups=groups,
        national=[(lvl.number, lvl.share_label) for lvl in content.levels],
    )
