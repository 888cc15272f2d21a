"""Several respondents' stored answers combined for the pure engine. Reads only.

A round's page and the service that closes a round both call this, so the read path never has
to go through the write layer. (One assessment's answers reach the engine through
`assessments.diagnosis`.)
"""

from assessments.models import AssessmentRound
from assessments.scoring.combine import Combined, Response, combine
from assessments.selectors import model_spec
from maturity.selectors import model_content


def combine_responses(round_: AssessmentRound, responses) -> Combined:
    """The combined answers (`assessments.scoring.combine.Combined`) of submitted responses."""
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
