"""A model version as the scoring engine sees it: plain values read from the database.

`read_model_spec` works with the live models or with a migration's historical `apps`, so the
data migration that recomputes stored verdicts builds the very same spec the app does.
"""

from django.apps import apps as live_apps

from assessments.scoring import (
    ChecklistItemSpec,
    CriterionSpec,
    DimensionSpec,
    MetricSpec,
    ModelSpec,
    verdict_rules_from_data,
)

_CACHE: dict[tuple[int, str], ModelSpec] = {}


def read_model_spec(version_pk: int, apps=live_apps) -> ModelSpec:
    def rows(model_name: str, *fields: str):
        model = apps.get_model("maturity", model_name)
        return model.objects.filter(version_id=version_pk).order_by("position").values(*fields)

    version = apps.get_model("maturity", "ModelVersion").objects.get(pk=version_pk)
    levels = (
        apps.get_model("maturity", "Level")
        .objects.filter(version_id=version_pk)
        .order_by("number")
        .values("number", "name_zh", "name_en")
    )
    return ModelSpec(
        checklist=tuple(
            ChecklistItemSpec(code=row["code"], level=row["level__number"], kind=row["kind"])
            for row in rows("ChecklistItem", "code", "level__number", "kind")
        ),
        criteria=tuple(
            CriterionSpec(
                code=row["code"],
                level=row["level__number"],
                metric=row["metric__code"],
                comparator=row["comparator"],
                threshold=row["threshold"],
                kind=row["kind"],
            )
            for row in rows(
                "Criterion",
                "code",
                "level__number",
                "metric__code",
                "comparator",
                "threshold",
                "kind",
            )
        ),
        metrics=tuple(
            MetricSpec(
                code=row["code"],
                type=row["type"],
                min=row["min_value"],
                max=row["max_value"],
                options=tuple(option["code"] for option in row["options"] or ()),
            )
            for row in rows("Metric", "code", "type", "min_value", "max_value", "options")
        ),
        dimensions=tuple(
            DimensionSpec(
                code=row["code"],
                kind=row["kind"],
                metric=row["metric__code"],
                bands=tuple(row["bands"] or ()),
                comparable_when=(
                    (row["comparable_when"]["metric"], row["comparable_when"]["value"])
                    if row["comparable_when"]
                    else None
                ),
            )
            for row in rows(
                "Dimension", "code", "kind", "metric__code", "bands", "comparable_when"
            ).exclude(kind="reference")
        ),
        level_names={row["number"]: {"zh": row["name_zh"], "en": row["name_en"]} for row in levels},
        rules=verdict_rules_from_data(version.verdict_rules) if version.verdict_rules else None,
    )


def model_spec_of(version) -> ModelSpec:
    """The engine's view of a ModelVersion row (cached per process: versions are immutable)."""
    key = (version.pk, version.checksum)
    spec = _CACHE.get(key)
    if spec is None:
        spec = _CACHE[key] = read_model_spec(version.pk)
    return spec
