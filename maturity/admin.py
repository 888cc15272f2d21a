"""Admin screens for the maturity model: browse and search every row of every version.

Read-only on purpose: a loaded version is the record of what assessments were answered
against. The model changes by a new data file (maturity/data/model_vN.yaml) and a new version.
"""

from django.contrib import admin

from maturity.models import (
    ChecklistItem,
    Criterion,
    Dimension,
    GlossaryTerm,
    Homework,
    IronLaw,
    Level,
    Metric,
    ModelVersion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModelVersion)
class ModelVersionAdmin(ReadOnlyAdmin):
    list_display = ["version", "is_current", "source", "loaded_at", "checksum"]


@admin.register(Level)
class LevelAdmin(ReadOnlyAdmin):
    list_display = ["number", "name_zh", "stage_zh", "short_name_zh", "share_label", "version"]
    list_filter = ["version"]
    search_fields = ["name_zh", "name_en", "case_body_zh", "industry_status_zh"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "text_zh", "kind", "level", "version"]
    list_filter = ["version", "kind", "level__number"]
    search_fields = ["code", "text_zh", "text_en"]


@admin.register(Metric)
class MetricAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_zh", "type", "unit_zh", "min_value", "max_value", "version"]
    list_filter = ["version", "type"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["code", "text_zh", "metric", "comparator", "threshold", "kind", "version"]
    list_filter = ["version", "kind", "level__number"]
    search_fields = ["code", "text_zh", "text_en"]


@admin.register(Dimension)
class DimensionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_zh", "kind", "metric", "version"]
    list_filter = ["version", "kind"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(IronLaw)
class IronLawAdmin(ReadOnlyAdmin):
    list_display = ["number", "title_zh", "lead_zh", "version"]
    list_filter = ["version"]


@admin.register(Homework)
class HomeworkAdmin(ReadOnlyAdmin):
    list_display = ["number", "title_zh", "prompt_zh", "version"]
    list_filter = ["version"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ReadOnlyAdmin):
    list_display = ["abbreviation", "term_zh", "term_en", "definition_zh", "version"]
    list_filter = ["version"]
    search_fields = ["abbreviation", "term_zh", "term_en"]
