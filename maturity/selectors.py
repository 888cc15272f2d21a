"""Reading the maturity model.

A model version never changes once loaded (see maturity.loader), so its full content is read
once per process and kept: pages and the scoring API then cost no queries for reference data.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from maturity.i18n import pick
from maturity.models import (
    ChecklistItem,
    Criterion,
    Dimension,
    DimensionKind,
    GlossaryTerm,
    Homework,
    IronLaw,
    Level,
    Metric,
    ModelVersion,
)


@dataclass(frozen=True)
class ModelContent:
    version: ModelVersion
    levels: tuple[Level, ...]
    checklist: tuple[ChecklistItem, ...]
    metrics: tuple[Metric, ...]
    criteria: tuple[Criterion, ...]
    dimensions: tuple[Dimension, ...]
    iron_laws: tuple[IronLaw, ...]
    homework: tuple[Homework, ...]
    glossary: tuple[GlossaryTerm, ...]

    def level(self, number: int) -> Level:
        return self.levels[number - 1]

    @cached_property
    def checklist_by_code(self) -> dict[str, ChecklistItem]:
        return {item.code: item for item in self.checklist}

    @cached_property
    def metrics_by_code(self) -> dict[str, Metric]:
        return {metric.code: metric for metric in self.metrics}

    @cached_property
    def criteria_by_code(self) -> dict[str, Criterion]:
        return {criterion.code: criterion for criterion in self.criteria}

    @cached_property
    def dimensions_by_code(self) -> dict[str, Dimension]:
        return {dimension.code: dimension for dimension in self.dimensions}

    def checklist_of_level(self, number: int) -> list[ChecklistItem]:
        return [item for item in self.checklist if item.level_number == number]

    def criteria_of_level(self, number: int) -> list[Criterion]:
        return [criterion for criterion in self.criteria if criterion.level_number == number]

    @property
    def profile_dimensions(self) -> list[Dimension]:
        """The dimensions a company gets a level on: self-assessed, then measured."""
        return [d for d in self.dimensions if d.kind != DimensionKind.REFERENCE]

    @property
    def self_assessed_dimensions(self) -> list[Dimension]:
        return [d for d in self.dimensions if d.kind == DimensionKind.SELF_ASSESSED]

    def text(self, key: str) -> str:
        return self.version.text(key)

    @cached_property
    def translation_digest(self) -> str:
        """A short hash of the version's English texts. They can be filled in without a new
        version (the checksum covers the Chinese source), so anything cached by checksum in
        English (ETags, rendered reports) must be keyed by this too."""
        english = [{key: texts.get("en") for key, texts in sorted(self.version.texts.items())}]
        rows = (
            self.levels
            + self.checklist
            + self.metrics
            + self.criteria
            + self.dimensions
            + self.iron_laws
            + self.homework
            + self.glossary
        )
        for row in rows:
            for field in row._meta.fields:
                value = getattr(row, field.name)
                if field.name.endswith("_en"):
                    english.append(value)
                elif field.name.endswith("_texts"):
                    english.append([item.get("en") for item in value])
        canonical = json.dumps(english, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


_CONTENT_CACHE: dict[tuple[int, str], ModelContent] = {}


def current_version() -> ModelVersion:
    return ModelVersion.objects.current()


def model_content(version: ModelVersion | None = None) -> ModelContent:
    """Everything in one model version, read with one query per table, cached per process."""
    if version is None:
        version = current_version()
    key = (version.pk, version.checksum)
    content = _CONTENT_CACHE.get(key)
    if content is None:
        content = _read_content(version)
        _CONTENT_CACHE[key] = content
    return content


def _read_content(version: ModelVersion) -> ModelContent:
    levels = tuple(Level.objects.filter(version=version).order_by("number"))
    level_numbers = {level.pk: level.number for level in levels}
    metrics = tuple(Metric.objects.filter(version=version).order_by("position"))
    metric_codes = {metric.pk: metric.code for metric in metrics}
    checklist = tuple(ChecklistItem.objects.filter(version=version).order_by("position"))
    criteria = tuple(Criterion.objects.filter(version=version).order_by("position"))
    dimensions = tuple(Dimension.objects.filter(version=version).order_by("position"))
    # Plain attributes instead of FK look-ups, so templates never trigger a query per row.
    for row in checklist + criteria:
        row.level_number = level_numbers[row.level_id]
    for row in criteria + dimensions:
        row.metric_code = metric_codes.get(row.metric_id)
    return ModelContent(
        version=version,
        levels=levels,
        checklist=checklist,
        metrics=metrics,
        criteria=criteria,
        dimensions=dimensions,
        iron_laws=tuple(IronLaw.objects.filter(version=version).order_by("number")),
        homework=tuple(Homework.objects.filter(version=version).order_by("number")),
        glossary=tuple(GlossaryTerm.objects.filter(version=version).order_by("position")),
    )


def clear_model_cache() -> None:
    _CONTENT_CACHE.clear()


def level_header(level: Level) -> str:
    """The comparison table's column header, e.g. "Level 1 纸质化"."""
    return f"Level {level.number} {level.short_name}"


def model_document(content: ModelContent) -> dict:
    """The whole model version as JSON-ready data, texts in the active language."""
    version = content.version
    return {
        "version": version.version,
        "source": version.source,
        "checksum": version.checksum,
        "document": {key: pick(value) for key, value in version.texts.items()},
        "levels": [_level_document(level) for level in content.levels],
        "checklist": [
            {
                "code": item.code,
                "level": item.level_number,
                "position": item.position,
                "text": item.text,
                "kind": item.kind,
            }
            for item in content.checklist
        ],
        "metrics": [
            {
                "code": metric.code,
                "name": metric.name,
                "help": metric.help,
                "type": metric.type,
                "unit": metric.unit,
                "range": {"min": metric.min_value, "max": metric.max_value},
                **(
                    {
                        "options": [
                            {"code": option["code"], "label": pick(option["label"])}
                            for option in metric.options
                        ]
                    }
                    if metric.options
                    else {}
                ),
            }
            for metric in content.metrics
        ],
        "criteria": [
            {
                "code": criterion.code,
                "level": criterion.level_number,
                "text": criterion.text,
                "metric": criterion.metric_code,
                "comparator": criterion.comparator,
                "threshold": criterion.threshold,
                "kind": criterion.kind,
            }
            for criterion in content.criteria
        ],
        "dimensions": [
            {
                "code": dimension.code,
                "name": dimension.name,
                "kind": dimension.kind,
                "assessment": {
                    DimensionKind.SELF_ASSESSED: "self_assessed",
                    DimensionKind.MEASURED: "measured",
                }.get(dimension.kind, "reference"),
                "metric": dimension.metric_code,
                "bands": dimension.bands or None,
                "cells": dimension.cells,
            }
            for dimension in content.dimensions
        ],
        "comparison_table": {
            "title": content.text("table_title"),
            "columns": [level_header(level) for level in content.levels],
            "rows": [
                {"code": dimension.code, "dimension": dimension.name, "cells": dimension.cells}
                for dimension in content.dimensions
            ],
        },
        "iron_laws": [
            {"number": law.number, "title": law.title, "lead": law.lead, "body": law.body}
            for law in content.iron_laws
        ],
        "homework": [
            {"number": task.number, "title": task.title, "prompt": task.prompt}
            for task in content.homework
        ],
        "glossary": [
            {
                "zh": term.term_zh,
                "en": term.term_en,
                "abbreviation": term.abbreviation,
                "definition": term.definition,
            }
            for term in content.glossary
        ],
    }


def _level_document(level: Level) -> dict:
    return {
        "number": level.number,
        "name": level.name,
        "stage": level.stage,
        "short_name": level.short_name,
        "core_feature": level.core_feature,
        "typical_features": level.typical_features,
        "checklist_heading": level.checklist_heading,
        "case": {
            "title": level.case_title,
            "body": level.case_body,
            "figures": level.case_figures,
        },
        "industry_status": level.industry_status,
        "share": {"label": level.share_label, "percent": level.share_percent},
        "insight": {"label": level.insight_label, "body": level.insight_body},
        "barriers_to_next": (
            {"title": level.barriers_title, "intro": level.barriers_intro, "items": level.barriers}
            if level.barriers_title
            else None
        ),
    }
