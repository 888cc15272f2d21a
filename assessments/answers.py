"""Stored answers as the pure engine's input, and its verdict on them. Reads only.

The result page, the PDF report and a round's page read verdicts through here; the services
(which store a verdict when an assessment is submitted or a round closed) call the same
functions, so the read path never has to go through the write layer.
"""

from assessments.combine import Combined, Response, combine
from assessments.models import Assessment, AssessmentRound
from assessments.scoring import diagnose
from assessments.selectors import model_spec
from maturity.selectors import model_content


def scoring_indicators(stored: dict) -> dict:
    """Stored answers keep "unknown" explicitly; the engine treats it like an absent value."""
    return {code: value for code, value in stored.items() if value != "unknown"}


def diagnose_assessment(assessment: Assessment, language: str = "zh"):
    """The scoring engine's verdict on the assessment's answers, against its own model version."""
    content = model_content(assessment.model_version)
    return diagnose(
        model_spec(content),
        checklist=assessment.checklist,
        indicators=scoring_indicators(assessment.indicators),
        dimensions=assessment.dimensions,
        language=language,
    )


def combine_responses(round_: AssessmentRound, responses) -> Combined:
    """The combined answers (`assessments.combine.Combined`) of submitted responses."""
    spec = model_spec(model_content(round_.model_version))
    return combine(
        spec,
        [
            Response(
                checklist=tuple(a.checklist),
                indicators=dict(a.indicators),
                dimensions=dict(a.dimensions),
            )
            for a in responses
        ],
    )
