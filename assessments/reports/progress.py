"""A company's progress over time: its submitted results side by side.

`build_progress` reads the company's submitted results (single self-tests and rounds' combined
results) with their diagnoses in one query and their signed reviews in another, and lays out:
the level and the dimension profile of each, the KPI changes between consecutive results, and
the previous result's roadmap set against what has changed since.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessments.answers import UNKNOWN
from assessments.models import OFFICIAL_KINDS, AssessmentStatus, Company
from assessments.reports import charts
from assessments.reports.report import format_metric_value, format_number
from assessments.selectors import latest_signed_reviews
from maturity.models import Comparator, ItemKind, MetricType
from maturity.selectors import ModelContent, model_content


@dataclass
class ProgressPoint:
    assessment: object
    submitted_on: date
    level: int | None
    confirmed_level: int | None
    review: object
    profile: dict  # dimension code -> level
    dimension_values: list = field(default_factory=list)  # in the order of the profile table

    @property
    def label(self) -> str:
        return self.submitted_on.strftime("%Y-%m-%d")


@dataclass
class KpiCell:
    text: str
    change: str = ""  # "+12", "−3", "否→是"
    trend: str = ""  # up | down | changed | ""
    good: bool | None = None  # the change is an improvement (None: no direction)


@dataclass
class KpiRow:
    metric: object
    cells: list[KpiCell]

    @property
    def changed(self) -> bool:
        return any(cell.trend for cell in self.cells)


@dataclass
class FollowUpItem:
    code: str
    text: str
    done: bool
    detail: str = ""


@dataclass
class FollowUp:
    previous: ProgressPoint
    latest: ProgressPoint
    target_level: int
    items: list[FollowUpItem]
    criteria: list[FollowUpItem]

    @property
    def done(self) -> int:
        return sum(1 for row in self.items + self.criteria if row.done)

    @property
    def total(self) -> int:
        return len(self.items) + len(self.criteria)


@dataclass
class Progress:
    company: Company
    points: list[ProgressPoint]
    dimension_rows: list[tuple[object, list]] = field(default_factory=list)
    kpi_rows: list[KpiRow] = field(default_factory=list)
    follow_up: FollowUp | None = None
    chart: str = ""

    @property
    def latest(self) -> ProgressPoint | None:
        return self.points[-1] if self.points else None

    @property
    def first(self) -> ProgressPoint | None:
        return self.points[0] if self.points else None


def metric_direction(content: ModelContent, code: str) -> int:
    """+1 when a higher value is better, -1 when lower is better, 0 when the model does not say
    (read from the diagnostic criteria on the metric: a capability above a threshold, a symptom
    below one, …)."""
    for criterion in content.criteria:
        if criterion.metric_code != code:
            continue
        if criterion.comparator == Comparator.IS:
            up = 1 if criterion.threshold else -1  # for yes/no: +1 means "yes" is better
        else:
            up = 1 if criterion.comparator == Comparator.GREATER else -1
        return up if criterion.kind == ItemKind.CAPABILITY else -up
    return 0


def _kpi_cell(metric, previous, current, direction: int) -> KpiCell:
    cell = KpiCell(text=format_metric_value(metric, current))
    if previous is None or previous == current:
        return cell
    if metric.type == MetricType.BOOLEAN:
        if isinstance(previous, bool) and isinstance(current, bool):
            cell.change = f"{format_metric_value(metric, previous)}→{cell.text}"
            cell.trend = "changed"
            if direction:
                cell.good = current == (direction > 0)
        return cell
    if isinstance(previous, int | float) and isinstance(current, int | float):
        delta = current - previous
        cell.change = ("+" if delta > 0 else "−") + format_number(round(abs(delta), 2))
        cell.trend = "up" if delta > 0 else "down"
        if direction:
            cell.good = (delta > 0) == (direction > 0)
    return cell


def build_progress(company: Company) -> Progress:
    assessments = list(
        company.assessments.filter(status=AssessmentStatus.SUBMITTED, kind__in=OFFICIAL_KINDS)
        .select_related("diagnosis", "model_version")
        .order_by("submitted_at", "created_at")
    )
    reviews = latest_signed_reviews(a.pk for a in assessments) if assessments else {}
    points = [
        ProgressPoint(
            assessment=a,
            submitted_on=timezone.localtime(a.submitted_at).date(),
            level=a.diagnosis.level,
            confirmed_level=reviews[a.pk].confirmed_level if a.pk in reviews else None,
            review=reviews.get(a.pk),
            profile=dict((a.diagnosis.payload or {}).get("dimension_profile") or {}),
        )
        for a in assessments
    ]
    progress = Progress(company=company, points=points)
    if not points:
        return progress
    content = model_content(points[-1].assessment.model_version)

    progress.dimension_rows = [
        (dimension, [point.profile.get(dimension.code) for point in points])
        for dimension in content.profile_dimensions
    ]
    for point in points:
        point.dimension_values = [point.profile.get(d.code) for d in content.profile_dimensions]
    for metric in content.metrics:
        direction = metric_direction(content, metric.code)
        cells, previous = [], None
        for point in points:
            current = point.assessment.indicators.get(metric.code)
            # Compared with the last known value ("不清楚" in between does not hide a change).
            cells.append(_kpi_cell(metric, previous, current, direction))
            if current is not None and current != UNKNOWN:
                previous = current
        progress.kpi_rows.append(KpiRow(metric=metric, cells=cells))

    if len(points) >= 2:
        progress.follow_up = _follow_up(points[-2], points[-1])
    progress.chart = mark_safe(  # noqa: S308 - generated SVG; every label is escaped
        charts.progress_line_chart(
            [point.label for point in points],
            [point.level for point in points],
            positions=[point.submitted_on.toordinal() for point in points],
            dimensions=[(dimension.name, values) for dimension, values in progress.dimension_rows],
            confirmed=[point.confirmed_level for point in points],
            title=_("段位与各维度随时间的变化"),
            level_label=_("诊断段位"),
            confirmed_label=_("顾问确认段位"),
        )
    )
    return progress


def _follow_up(previous: ProgressPoint, latest: ProgressPoint) -> FollowUp | None:
    """The previous result's roadmap (its next level's missing items and unmet criteria), each
    marked done when the latest result has it ticked / met."""
    next_level = (previous.assessment.diagnosis.payload or {}).get("next_level")
    if not next_level:
        return None
    before = model_content(previous.assessment.model_version)
    ticked_now = set(latest.assessment.checklist)
    criteria_now = (latest.assessment.diagnosis.payload or {}).get("criteria") or {}
    items = [
        FollowUpItem(
            code=code,
            text=before.checklist_by_code[code].text,
            done=code in ticked_now,
        )
        for code in next_level.get("missing_checklist", [])
        if code in before.checklist_by_code
    ]
    criteria = []
    for code in next_level.get("unmet_criteria", []):
        criterion = before.criteria_by_code.get(code)
        if criterion is None:
            continue
        metric = before.metrics_by_code[criterion.metric_code]
        was = format_metric_value(metric, previous.assessment.indicators.get(metric.code))
        now = format_metric_value(metric, latest.assessment.indicators.get(metric.code))
        criteria.append(
            FollowUpItem(
                code=code,
                text=criterion.text,
                done=criteria_now.get(code) == "met",
                detail=_("%(was)s → %(now)s") % {"was": was, "now": now},
            )
        )
    return FollowUp(
        previous=previous,
        latest=latest,
        target_level=next_level["level"],
        items=items,
        criteria=criteria,
    )
