"""The "过渡期" flag says what it means: the level directly below the diagnosed one still shows
3 or more of its symptoms (it read "下一级以下的段位也勾满了3项")."""

import html
import re

import pytest

from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db

# Level 3 capabilities ticked while all three Level 2 symptoms are still ticked (no pair of ticks
# that cannot both be true).
TRANSITION_2_TO_3 = ["L2.1", "L2.2", "L2.3", "L2.4", "L2.5", "L3.2", "L3.3", "L3.5"]


def test_the_transition_flag_names_the_level_below(client, content):
    user = make_user()
    company = make_company(owner=user)
    assessment = make_assessment(company, user, content, checklist=TRANSITION_2_TO_3)
    assert assessment.diagnosis.level == 3
    client.force_login(user)

    page = client.get(f"/assessments/{assessment.pk}/result/").content.decode()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "过渡期" in text
    assert (
        "比诊断段位低一级的 Level 2 仍勾选了3项以上的症状:企业正处在从 Level 2 向 Level 3 "
        "跃迁的过渡期,前一段位的基础仍需巩固。"
    ) in text
    assert "下一级以下" not in text

    page = client.get(
        f"/assessments/{assessment.pk}/result/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert (
        "Level 2, the level directly below the diagnosed one, still has 3 or more of its "
        "symptoms ticked: the company is in transition from Level 2 to Level 3"
    ) in text
