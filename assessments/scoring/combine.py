"""Combining several respondents' answers into one set of answers, and where they disagree.

Pure Python on plain values (no ORM, no Django), like `assessments.scoring`: the round's result
is the scoring engine applied to the answers this module combines.

The rules:

* Checklist: an item counts as ticked when a strict majority of the respondents ticked it
  (2 of 3, 3 of 4; 1 of 2 is not a majority).
* Metrics: numbers are the median of the values given ("unknown" and unanswered excluded; with
  an even count the mean of the two middle values). Yes/no metrics take the majority of the
  answers given; a tie is "unknown". A metric nobody could answer is "unknown".
* Self-assessed dimensions: the median rounded down (Iron law 1: never overestimate).

With one respondent the combined answers are that respondent's answers: a single respondent is
a round of one.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments.answers import UNKNOWN
from assessments.scoring.engine import band_level
from assessments.scoring.spec import MEASURED, SELF_ASSESSED, ModelSpec

BOOLEAN = "boolean"

__all__ = [
    "UNKNOWN",
    "Combined",
    "DimensionSpread",
    "ItemAgreement",
    "MetricSpread",
    "Response",
    "combine",
    "majority",
    "median_number",
]


@dataclass(frozen=True)
class Response:
    """One respondent's stored answers (as on an Assessment)."""

    checklist: Sequence[str] = ()
    indicators: Mapping[str, object] = None  # type: ignore[assignment]
    dimensions: Mapping[str, int] = None  # type: ignore[assignment]

    def __post_init__(self):
        if self.indicators is None:
            object.__setattr__(self, "indicators", {})
        if self.dimensions is None:
            object.__setattr__(self, "dimensions", {})


@dataclass(frozen=True)
class ItemAgreement:
    code: str
    level: int
    ticked: int  # respondents who ticked it
    respondents: int

    @property
    def counted(self) -> bool:
        return self.ticked * 2 > self.respondents

    @property
    def ratio(self) -> float:
        return self.ticked / self.respondents if self.respondents else 0.0

    @property
    def unanimous(self) -> bool:
        return self.ticked in (0, self.respondents)


@dataclass(frozen=True)
class MetricSpread:
    code: str
    boolean: bool
    answered: int  # respondents who gave a value (not "unknown")
    respondents: int
    minimum: float | None = None  # numbers
    maximum: float | None = None
    yes: int = 0  # yes/no metrics
    no: int = 0
    value: object = UNKNOWN  # the combined answer

    @property
    def unanimous(self) -> bool:
        if self.answered == 0:
            return True
        if self.boolean:
            return self.yes == 0 or self.no == 0
        return self.minimum == self.maximum


@dataclass(frozen=True)
class DimensionSpread:
    code: str
    kind: str  # self_assessed | measured
    answered: int
    minimum: int | None
    maximum: int | None
    value: int | None  # the combined value (measured: from the combined metric)

    @property
    def spread(self) -> int:
        if self.minimum is None or self.maximum is None:
            return 0
        return self.maximum - self.minimum


@dataclass(frozen=True)
class Combined:
    respondents: int
    checklist: tuple[str, ...]  # spec order
    indicators: dict[str, object]  # every metric: value or "unknown"
    dimensions: dict[str, int]  # self-assessed dimensions someone answered
    items: tuple[ItemAgreement, ...]  # spec order
    metrics: tuple[MetricSpread, ...]  # spec order
    dimension_spreads: tuple[DimensionSpread, ...]  # spec order

    @property
    def disputed_items(self) -> tuple[ItemAgreement, ...]:
        return tuple(item for item in self.items if not item.unanimous)

    @property
    def disputed_metrics(self) -> tuple[MetricSpread, ...]:
        return tuple(metric for metric in self.metrics if not metric.unanimous)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _plain(number: float) -> int | float:
    return int(number) if float(number).is_integer() else float(number)


def median_number(values: Sequence[float]) -> int | float | None:
    """The median of the numbers (mean of the two middle ones for an even count), or None."""
    if not values:
        return None
    return _plain(statistics.median(values))


def majority(values: Sequence[bool]) -> bool | str:
    """True / False when more answers say so, "unknown" on a tie or with no answer."""
    yes = sum(1 for value in values if value is True)
    no = sum(1 for value in values if value is False)
    if yes > no:
        return True
    if no > yes:
        return False
    return UNKNOWN


def combine(spec: ModelSpec, responses: Sequence[Response]) -> Combined:
    """The combined answers of ``responses`` (at least one) against the model ``spec``."""
    if not responses:
        raise ValueError("combining needs at least one response")
    n = len(responses)
    ticked_sets = [set(response.checklist) for response in responses]

    items = tuple(
        ItemAgreement(
            code=item.code,
            level=item.level,
            ticked=sum(1 for ticked in ticked_sets if item.code in ticked),
            respondents=n,
        )
        for item in spec.checklist
    )
    checklist = tuple(item.code for item in items if item.counted)

    indicators: dict[str, object] = {}
    metrics = []
    for metric in spec.metrics:
        given = [response.indicators.get(metric.code) for response in responses]
        if metric.type == BOOLEAN:
            answers = [value for value in given if isinstance(value, bool)]
            value = majority(answers)
            spread = MetricSpread(
                code=metric.code,
                boolean=True,
                answered=len(answers),
                respondents=n,
                yes=sum(1 for a in answers if a),
                no=sum(1 for a in answers if not a),
                value=value,
            )
        else:
            numbers = [value for value in given if _is_number(value)]
            middle = median_number(numbers)
            value = UNKNOWN if middle is None else middle
            spread = MetricSpread(
                code=metric.code,
                boolean=False,
                answered=len(numbers),
                respondents=n,
                minimum=_plain(min(numbers)) if numbers else None,
                maximum=_plain(max(numbers)) if numbers else None,
                value=value,
            )
        indicators[metric.code] = value
        metrics.append(spread)

    dimensions: dict[str, int] = {}
    spreads = []
    for dimension in spec.dimensions:
        if dimension.kind == SELF_ASSESSED:
            values = [
                value
                for value in (response.dimensions.get(dimension.code) for response in responses)
                if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
            ]
            value = math.floor(statistics.median(values)) if values else None
            if value is not None:
                dimensions[dimension.code] = value
        elif dimension.kind == MEASURED and dimension.metric:
            values = [
                band_level(response.indicators[dimension.metric], dimension.bands)
                for response in responses
                if _is_number(response.indicators.get(dimension.metric))
            ]
            combined_metric = indicators.get(dimension.metric)
            value = (
                band_level(combined_metric, dimension.bands)
                if _is_number(combined_metric)
                else None
            )
        else:
            continue
        spreads.append(
            DimensionSpread(
                code=dimension.code,
                kind=dimension.kind,
                answered=len(values),
                minimum=min(values) if values else None,
                maximum=max(values) if values else None,
                value=value,
            )
        )

    return Combined(
        respondents=n,
        checklist=checklist,
        indicators=indicators,
        dimensions=dimensions,
        items=items,
        metrics=tuple(metrics),
        dimension_spreads=tuple(spreads),
    )
