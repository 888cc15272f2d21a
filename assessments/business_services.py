"""The one write of the business case: storing an assessment's optional KPIs and size figures."""

from django.db import transaction

from assessments.business_kpis import KPIS_BY_CODE, value_error
from assessments.models import Assessment


@transaction.atomic
def save_business_figures(assessment: Assessment, *, figures: dict, user) -> Assessment:
    """Replace the assessment's business figures ({code: number or "unknown"}). They are not
    part of the verdict, so a submitted assessment takes them too; the verdict is untouched."""
    clean = {
        code: value
        for code, value in figures.items()
        if code in KPIS_BY_CODE and value_error(KPIS_BY_CODE[code], value) is None
    }
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    locked.business = clean
    locked.updated_by = user
    locked.save(update_fields=["business", "updated_by", "updated_at"])
    assessment.business = clean
    return locked
