"""The consultant's clients, as one annotated query (the dashboard and the exports).

Every figure of a row comes from a correlated subquery on the companies the consultant is
granted (the latest submitted result, its level, the previous one's level, the latest signed
review's confirmed level, whether a self-test is in progress), so a page costs the same few
queries with 1 client or 10,000, and filtering, sorting and counting happen in the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    OFFICIAL_KINDS,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    Company,
    ConsultantGrant,
    GrantStatus,
    Review,
    RoundStatus,
)
from maturity.selectors import model_content

PAGE_SIZE = 25


class ClientStatus:
    NONE = "none"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"

    choices = [
        (DRAFT, _("填写中")),
        (SUBMITTED, _("已提交")),
        (REVIEWED, _("已审阅")),
        (NONE, _("未开始")),
    ]
    labels = dict(choices)


SORTS = {
    "name": (F("name").asc(), F("pk").asc()),
    "-name": (F("name").desc(), F("pk").desc()),
    "level": (F("level").asc(nulls_first=True), F("name").asc(), F("pk").asc()),
    "-level": (F("level").desc(nulls_last=True), F("name").asc(), F("pk").asc()),
    "date": (F("latest_at").asc(nulls_first=True), F("name").asc(), F("pk").asc()),
    "-date": (F("latest_at").desc(nulls_last=True), F("name").asc(), F("pk").asc()),
}
DEFAULT_SORT = "name"


def _latest_submitted(company_ref: str = "pk") -> QuerySet:
    # Ordered by the date alone so the (company, status, -submitted_at) index gives the order.
    return Assessment.objects.filter(
        company_id=OuterRef(company_ref),
        status=AssessmentStatus.SUBMITTED,
        kind__in=OFFICIAL_KINDS,
    ).order_by("-submitted_at")


def _latest_signed_review(assessment_ref: str) -> QuerySet:
    return Review.objects.filter(
        assessment_id=OuterRef(assessment_ref), signed_off_at__isnull=False
    ).order_by("-created_at")


def granted_companies(user) -> QuerySet:
    """The companies that currently grant ``user`` access (read on every call: no cache).

    The grant is checked by a correlated EXISTS per company. It sits in an OR with a condition
    that is never true so that PostgreSQL keeps it as a per-row index look-up instead of turning
    it into a semi-join: with the dashboard's filters on subquery annotations the planner
    expects a handful of companies and would then rescan all grants for each of them (a
    filtered page of 10,000 clients went from 20 ms to 300 ms that way).
    """
    grant = ConsultantGrant.objects.filter(
        company_id=OuterRef("pk"), consultant=user, status=GrantStatus.ACTIVE
    )
    return Company.objects.filter(Q(Exists(grant)) | Q(pk__isnull=True))


def with_level(companies: QuerySet) -> QuerySet:
    """latest_id, computed_level, confirmed_level (of the latest signed review of the latest
    result) and level (the confirmed one, else the computed one)."""
    latest = _latest_submitted()
    return (
        companies.annotate(
            latest_id=Subquery(latest.values("pk")[:1]),
            computed_level=Subquery(latest.values("diagnosis__level")[:1]),
        )
        .annotate(
            confirmed_level=Subquery(
                _latest_signed_review("latest_id").values("confirmed_level")[:1]
            )
        )
        .annotate(level=Coalesce(F("confirmed_level"), F("computed_level")))
    )


def with_status(companies: QuerySet) -> QuerySet:
    """``with_level`` plus in_progress (a self-test or an open round's answers in progress) and
    status (ClientStatus)."""
    return (
        with_level(companies)
        .annotate(
            in_progress=Exists(
                Assessment.objects.filter(
                    Q(kind=AssessmentKind.SINGLE)
                    | Q(kind=AssessmentKind.RESPONSE, round__status=RoundStatus.OPEN),
                    company_id=OuterRef("pk"),
                    status=AssessmentStatus.DRAFT,
                )
            ),
        )
        .annotate(
            status=Case(
                When(in_progress=True, then=Value(ClientStatus.DRAFT)),
                When(confirmed_level__isnull=False, then=Value(ClientStatus.REVIEWED)),
                When(latest_id__isnull=False, then=Value(ClientStatus.SUBMITTED)),
                default=Value(ClientStatus.NONE),
                output_field=CharField(),
            ),
        )
    )


def with_everything(companies: QuerySet) -> QuerySet:
    """``with_status`` plus latest_at, previous_level, level_change and needs_review."""
    latest = _latest_submitted()
    return (
        with_status(companies)
        .annotate(
            latest_at=Subquery(latest.values("submitted_at")[:1]),
            previous_level=Subquery(latest.values("diagnosis__level")[1:2]),
            engine_needs_review=Subquery(latest.values("diagnosis__needs_review")[:1]),
        )
        .annotate(
            level_change=F("computed_level") - F("previous_level"),
            needs_review=Case(
                When(engine_needs_review=True, confirmed_level__isnull=True, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
    )


def client_companies(user) -> QuerySet:
    """The consultant's clients, each annotated with every figure of a dashboard row:

    latest_id, latest_at, computed_level, previous_level, level_change, confirmed_level,
    level (confirmed, else computed), in_progress, status (ClientStatus), needs_review.
    """
    return with_everything(granted_companies(user))


@dataclass(frozen=True)
class ClientFilters:
    level: str = ""  # "1".."5" or "none" (no level yet)
    status: str = ""
    type: str = ""
    province: str = ""
    q: str = ""
    sort: str = DEFAULT_SORT


def filter_clients(companies: QuerySet, filters: ClientFilters) -> QuerySet:
    """Filter and order ``companies`` (annotated with at least what the filters need)."""
    if filters.level == "none":
        companies = companies.filter(level__isnull=True)
    elif filters.level:
        companies = companies.filter(level=int(filters.level))
    if filters.status:
        companies = companies.filter(status=filters.status)
    if filters.type:
        companies = companies.filter(type=filters.type)
    if filters.province:
        companies = companies.filter(province=filters.province)
    if filters.q:
        companies = companies.filter(name__icontains=filters.q)
    return companies.order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))


def _lean(user, filters: ClientFilters) -> QuerySet:
    """The filtered, ordered clients with only the annotations the filters and the order need
    (counting and paging 10,000 clients then skips the subqueries nobody looks at)."""
    companies = granted_companies(user)
    if filters.status:
        companies = with_status(companies)
    elif filters.level or filters.sort in ("level", "-level"):
        companies = with_level(companies)
    if filters.sort in ("date", "-date"):
        companies = companies.annotate(
            latest_at=Subquery(_latest_submitted().values("submitted_at")[:1])
        )
    return filter_clients(companies, filters)


def dashboard_clients(user, filters: ClientFilters) -> QuerySet:
    """The filtered, ordered clients with every figure of a row (see `client_companies`)."""
    return filter_clients(client_companies(user), filters)


def dashboard_page(user, filters: ClientFilters, page_number):
    """One page of the dashboard in three queries whatever the number of clients: count and
    page the lean query, then read the full rows of that page's companies only."""
    page = Paginator(_lean(user, filters).only("pk"), PAGE_SIZE).get_page(page_number)
    ids = [company.pk for company in page.object_list]
    rows = {row.pk: row for row in client_companies(user).filter(pk__in=ids)}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


def level_distribution(user, levels: Iterable[int] | None = None) -> dict:
    """{each of `levels` (default: the current model version's): clients at that level
    (confirmed, else computed), None: clients without one}, over all the consultant's clients,
    in one query."""
    if levels is None:
        levels = [level.number for level in model_content().levels]
    totals = {
        row["level"]: row["clients"]
        for row in with_level(granted_companies(user))
        .order_by()
        .values("level")
        .annotate(clients=Count("pk"))
    }
    counts = {n: totals.get(n, 0) for n in levels}
    counts[None] = totals.get(None, 0)
    return counts


def export_assessments(user, filters: ClientFilters) -> QuerySet:
    """Every submitted result of the (filtered) clients, with its confirmed level: one row per
    assessment, ordered by company then date."""
    companies = _lean(user, filters).order_by()
    return (
        Assessment.objects.filter(
            company_id__in=companies.values("pk"),
            status=AssessmentStatus.SUBMITTED,
            kind__in=OFFICIAL_KINDS,
        )
        .select_related("company", "diagnosis", "model_version")
        .annotate(
            confirmed_level=Subquery(_latest_signed_review("pk").values("confirmed_level")[:1])
        )
        .order_by("company__name", "company_id", "submitted_at")
    )
