"""The level selects offer the levels of the model version, not "Level 1-5" written in Python:
the goals step and a review offer the assessment's version's levels, the dashboard's filter and
its distribution the current version's."""

import pytest
from django.apps import apps as django_apps

from assessments.consultants.dashboard import level_distribution
from assessments.consultants.forms import DashboardFilterForm, ReviewForm
from assessments.questionnaire.forms import GoalsForm
from assessments.review_rules import review_errors
from maturity.loader import load_model_data
from maturity.selectors import clear_model_cache, model_content
from tests.factories import make_consultant
from tests.test_other_model_version import four_level_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_levels(content):
    version = load_model_data(django_apps, four_level_model())  # becomes the current version
    clear_model_cache()
    yield model_content(version)
    clear_model_cache()


def numbers(choices) -> list:
    return [value for value, _label in choices if value != ""]


def test_the_five_level_version_offers_five(content):
    assert numbers(GoalsForm(content=content).fields["target_level"].choices) == [1, 2, 3, 4, 5]
    assert numbers(ReviewForm(computed_level=2).fields["confirmed_level"].choices) == [
        1,
        2,
        3,
        4,
        5,
    ]


def test_a_four_level_version_offers_four_everywhere(four_levels):
    goals = GoalsForm(content=four_levels)
    assert numbers(goals.fields["target_level"].choices) == [1, 2, 3, 4]
    assert numbers(goals.fields["benchmark_level"].choices) == [1, 2, 3, 4]
    assert not GoalsForm({"target_level": "5"}, content=four_levels).is_valid()
    review = ReviewForm(computed_level=2, content=four_levels)
    assert numbers(review.fields["confirmed_level"].choices) == [1, 2, 3, 4]
    level_filter = DashboardFilterForm().fields["level"].choices
    assert [value for value, _label in level_filter] == ["", "1", "2", "3", "4", "none"]
    consultant = make_consultant()
    assert set(level_distribution(consultant)) == {1, 2, 3, 4, None}


def test_the_review_rule_names_the_version_s_levels():
    errors = review_errors(
        computed_level=2,
        levels=[1, 2, 3, 4],
        confirmed_level=5,
        justification="j",
        sign=False,
        signer_name="",
    )
    assert errors == {"confirmed_level": "确认段位须为 Level 1-4。"}
