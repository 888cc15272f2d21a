"""A law's standing advice shows at the levels the model data names (IronLaw.hint_levels), not
at level numbers written in Python. Versions 1 and 2 got theirs from a migration, the levels the
code applied before: law 1 at Level 1, law 2 at Levels 1-2, law 4 at Levels 2-3."""

import copy

import pytest

from assessments.reports.report import build_report
from maturity.loader import ModelDataError, read_model_file, validate_model_data
from maturity.models import IronLaw
from maturity.selectors import clear_model_cache
from tests.factories import make_assessment, make_company, make_user, ticks_for_level

pytestmark = pytest.mark.django_db

LAW_1 = "当前在 Level 1:正确路径是先把系统用起来(Level 2),不要直接学特斯拉搞AI预测。"
LAW_2 = "还没有写下当前段位的痛点"
LAW_4 = "跃迁到下一段位需要一把手工程和组织重构(见本段位的突破关键)。"


def reasons(assessment) -> dict[int, str]:
    return {row.law.number: " ".join(row.reasons) for row in build_report(assessment).laws}


def test_the_loaded_versions_keep_the_levels_the_code_applied():
    for version in ("1", "2"):
        levels = dict(
            IronLaw.objects.filter(version__version=version).values_list("number", "hint_levels")
        )
        assert levels == {1: [1], 2: [1, 2], 3: [], 4: [2, 3], 5: []}


@pytest.mark.parametrize(
    ("level", "shown", "not_shown"),
    [(1, [LAW_1, LAW_2], [LAW_4]), (2, [LAW_2, LAW_4], [LAW_1]), (3, [LAW_4], [LAW_1, LAW_2])],
)
def test_the_standing_advice_follows_the_level(content, level, shown, not_shown):
    owner = make_user()
    company = make_company(owner=owner, type="dealer_4s")
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(level))
    assert build_report(assessment).level.number == level
    text = " ".join(reasons(assessment).values())
    assert all(hint in text for hint in shown)
    assert not any(hint in text for hint in not_shown)


def test_the_levels_come_from_the_data(content):
    owner = make_user()
    company = make_company(owner=owner, type="dealer_4s")
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(3))
    assert LAW_4 in reasons(assessment)[4]
    IronLaw.objects.filter(version=assessment.model_version, number=4).update(hint_levels=[4])
    clear_model_cache()
    assert LAW_4 not in reasons(assessment)[4]


def test_a_hint_at_a_level_the_model_lacks_is_refused():
    data = copy.deepcopy(read_model_file("model_v2.yaml"))
    data["iron_laws"][3]["hint_levels"] = [2, 9]
    with pytest.raises(ModelDataError, match="iron law 4: hint at unknown level 9"):
        validate_model_data(data)
