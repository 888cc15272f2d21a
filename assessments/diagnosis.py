"""The only writer of verdicts: stores an assessment's Diagnosis row.

`store_diagnosis` writes an assessment's verdict at submission; `recompute_diagnoses` is the
explicit, named operation that re-judges every stored verdict when the rules change (a data
migration runs it). Both take a migration's historical `apps` or the live registry, so a
migration and the app judge with the same code (`assessments.verdicts`).
"""

from django.apps import apps as live_apps

from assessments.model_spec import read_model_spec
from assessments.scoring import RULES_VERSION
from assessments.verdicts import diagnose_assessment, previous_official, verdict_payload


def diagnosis_fields(assessment, *, spec=None, apps=live_apps) -> dict:
    """The Diagnosis row's values for the assessment (both languages' payloads)."""
    previous = previous_official(assessment, apps)
    result = diagnose_assessment(assessment, "zh", spec=spec, previous=previous)
    english = diagnose_assessment(assessment, "en", spec=spec, previous=previous)
    return {
        "level": result.level,
        "determined": result.determined,
        "transition": result.transition,
        "inconsistent": result.inconsistent,
        "needs_review": result.needs_review,
        "indicator_level": result.indicator_level,
        "checklist_level": result.checklist_level,
        "skipped": result.skipped,
        "provisional": result.provisional,
        "rules_version": RULES_VERSION,
        "payload": verdict_payload(result),
        "payload_en": verdict_payload(english),
    }


def unsaved_diagnosis(assessment):
    """The Diagnosis row for the assessment's answers, not yet saved (bulk loaders save many)."""
    Diagnosis = live_apps.get_model("assessments", "Diagnosis")
    return Diagnosis(assessment=assessment, **diagnosis_fields(assessment))


def store_diagnosis(assessment):
    """Judge a submitted assessment and store its verdict (one row per assessment)."""
    diagnosis = unsaved_diagnosis(assessment)
    diagnosis.save()
    return diagnosis


def recompute_diagnoses(apps=live_apps) -> int:
    """Re-judge every stored verdict with the current rules, each against its own model
    version, oldest first (a re-assessment's verdict depends on the one before). Answers are
    untouched. Returns the number of verdicts rewritten."""
    Diagnosis = apps.get_model("assessments", "Diagnosis")
    specs: dict = {}
    count = 0
    for diagnosis in Diagnosis.objects.select_related("assessment").order_by(
        "assessment__submitted_at", "assessment__created_at"
    ):
        assessment = diagnosis.assessment
        version_pk = assessment.model_version_id
        if version_pk not in specs:
            specs[version_pk] = read_model_spec(version_pk, apps)
        for name, value in diagnosis_fields(assessment, spec=specs[version_pk], apps=apps).items():
            setattr(diagnosis, name, value)
        diagnosis.save()
        count += 1
    return count
