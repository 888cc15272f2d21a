"""What a round's page shows: who answered, the combined result and where respondents disagree.

Reads only (the round, its responses, the model version); the combining itself is the pure
`assessments.scoring.combine`, the verdict the pure scoring engine.
"""

from dataclasses import dataclass

from assessments.models import AssessmentRound, AssessmentStatus
from assessments.rounds.answers import combine_responses
from assessments.scoring import diagnose
from assessments.scoring.combine import Combined
from assessments.selectors import model_spec, round_combined, round_responses
from assessments.verdicts import scoring_indicators
from maturity.i18n import active_language_code
from maturity.selectors import ModelContent, model_content


@dataclass
class ItemRow:
    item: object  # ChecklistItem
    ticked: int
    respondents: int
    counted: bool

    @property
    def percent(self) -> int:
        return round(100 * self.ticked / self.respondents) if self.respondents else 0

    @property
    def disputed(self) -> bool:
        return 0 < self.ticked < self.respondents


@dataclass
class DimensionRow:
    dimension: object
    minimum: int | None
    maximum: int | None
    value: int | None
    answered: int

    @property
    def disputed(self) -> bool:
        return self.minimum is not None and self.maximum != self.minimum


@dataclass
class MetricRow:
    metric: object
    spread: object  # combine.MetricSpread
    value: str
    low: str
    high: str

    @property
    def disputed(self) -> bool:
        return not self.spread.unanimous


@dataclass
class RoundSummary:
    round: AssessmentRound
    content: ModelContent
    responses: list
    submitted: list
    combined: Combined | None
    diagnosis: object  # scoring.Diagnosis of the combined answers, or None
    result: object  # the stored combined Assessment once the round is closed
    item_rows: list[ItemRow]
    dimension_rows: list[DimensionRow]
    metric_rows: list[MetricRow]

    @property
    def disputed_items(self) -> int:
        return sum(1 for row in self.item_rows if row.disputed)


def round_summary(round_: AssessmentRound) -> RoundSummary:
    from assessments.reports.report import format_metric_value

    content = model_content(round_.model_version)
    responses = round_responses(round_)
    submitted = [a for a in responses if a.status == AssessmentStatus.SUBMITTED]
    combined = combine_responses(round_, submitted) if submitted else None
    diagnosis = None
    item_rows, dimension_rows, metric_rows = [], [], []
    if combined is not None:
        diagnosis = diagnose(
            model_spec(content),
            checklist=combined.checklist,
            indicators=scoring_indicators(combined.indicators),
            dimensions=combined.dimensions,
            language=active_language_code(),
        )
        items = {agreement.code: agreement for agreement in combined.items}
        item_rows = [
            ItemRow(
                item=item,
                ticked=items[item.code].ticked,
                respondents=items[item.code].respondents,
                counted=items[item.code].counted,
            )
            for item in content.checklist
        ]
        spreads = {spread.code: spread for spread in combined.dimension_spreads}
        dimension_rows = [
            DimensionRow(
                dimension=dimension,
                minimum=spreads[dimension.code].minimum,
                maximum=spreads[dimension.code].maximum,
                value=diagnosis.dimension_profile.get(dimension.code),
                answered=spreads[dimension.code].answered,
            )
            for dimension in content.profile_dimensions
            if dimension.code in spreads
        ]
        for spread in combined.metrics:
            metric = content.metrics_by_code[spread.code]
            if spread.boolean:
                low = f"{spread.yes}"
                high = f"{spread.no}"
            else:
                low = format_metric_value(metric, spread.minimum)
                high = format_metric_value(metric, spread.maximum)
            metric_rows.append(
                MetricRow(
                    metric=metric,
                    spread=spread,
                    value=format_metric_value(metric, spread.value),
                    low=low,
                    high=high,
                )
            )
    return RoundSummary(
        round=round_,
        content=content,
        responses=responses,
        submitted=submitted,
        combined=combined,
        diagnosis=diagnosis,
        result=round_combined(round_) if not round_.is_open else None,
        item_rows=item_rows,
        dimension_rows=dimension_rows,
        metric_rows=metric_rows,
    )
