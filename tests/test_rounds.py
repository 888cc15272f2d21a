"""Several respondents: a round, each respondent's own draft, the combined result, and the single
flow left as it was."""

import pytest

from assessments.models import Assessment, AssessmentKind, AssessmentRound, RoundStatus
from assessments.questionnaire import services as questionnaire_services
from assessments.rounds import services as round_services
from tests.factories import (
    full_answers,
    make_assessment,
    make_colleague,
    make_company,
    make_consultant,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(content):
    owner = make_user()
    company = make_company(owner=owner)
    return {
        "company": company,
        "owner": owner,
        "parts": make_colleague(company),
        "it": make_colleague(company),
        "content": content,
    }


def answer(draft, user, content, **kwargs):
    for step, answers in full_answers(content, **kwargs).items():
        draft = questionnaire_services.save_step(draft, step=step, answers=answers, user=user)
    return questionnaire_services.submit_assessment(draft, user=user)


def test_opening_a_round_gives_each_respondent_their_own_draft(client, team):
    client.force_login(team["owner"])
    company = team["company"]
    data = {
        f"member_{team['owner'].pk}": "on",
        f"title_{team['owner'].pk}": "服务总监",
        f"member_{team['parts'].pk}": "on",
        f"title_{team['parts'].pk}": "备件经理",
    }
    response = client.post(f"/companies/{company.pk}/rounds/new/", data)
    assert response.status_code == 302
    round_ = AssessmentRound.objects.get()
    drafts = {a.respondent: a for a in round_.assessments.all()}
    assert set(drafts) == {team["owner"], team["parts"]}
    assert drafts[team["parts"]].respondent_title == "备件经理"
    assert all(a.kind == AssessmentKind.RESPONSE and a.is_draft for a in drafts.values())

    # The respondents' drafts are not the company's single self-test.
    client.post(f"/companies/{company.pk}/assessments/start/")
    single = company.assessments.get(kind=AssessmentKind.SINGLE)
    assert single.round is None


def test_each_respondent_answers_on_their_own(client, team):
    company = team["company"]
    round_ = round_services.open_round(
        company=company,
        opened_by=team["owner"],
        respondents=[(team["owner"], ""), (team["parts"], "")],
    )
    parts_draft = round_.assessments.get(respondent=team["parts"])
    client.force_login(team["owner"])
    # Another respondent's unsubmitted answers: 404 (not even the manager reads them).
    assert client.get(f"/assessments/{parts_draft.pk}/step/1/").status_code == 404
    client.force_login(team["parts"])
    assert client.get(f"/assessments/{parts_draft.pk}/step/1/").status_code == 200
    page = client.get(f"/companies/{company.pk}/").content.decode()
    assert f"/assessments/{parts_draft.pk}/step/" in page  # "fill in my answers"


def test_closing_combines_the_submitted_answers(client, team):
    company, content = team["company"], team["content"]
    round_ = round_services.open_round(
        company=company,
        opened_by=team["owner"],
        respondents=[(team["owner"], "总监"), (team["parts"], "备件"), (team["it"], "IT")],
    )
    drafts = {a.respondent_id: a for a in round_.assessments.all()}
    common = ["L2.1", "L2.2", "L2.3"]
    answer(
        drafts[team["owner"].pk],
        team["owner"],
        content,
        checklist=common + ["L3.1"],
        indicators={"e_work_order_pct": 90},
        dimensions={"work_orders": 3},
        goals={"pain_point_1": "总监的痛点"},
    )
    answer(
        drafts[team["parts"].pk],
        team["parts"],
        content,
        checklist=common,
        indicators={"e_work_order_pct": 60},
        dimensions={"work_orders": 2},
    )
    answer(
        drafts[team["it"].pk],
        team["it"],
        content,
        checklist=common + ["L3.1", "L3.2"],
        indicators={"e_work_order_pct": 70},
        dimensions={"work_orders": 4},
    )

    client.force_login(team["owner"])
    page = client.get(f"/rounds/{round_.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 / 3" in html  # L3.1 ticked by two of three
    assert "有分歧" in html and "向下取整" in html

    response = client.post(f"/rounds/{round_.pk}/close/")
    combined = Assessment.objects.get(round=round_, kind=AssessmentKind.COMBINED)
    assert response["Location"] == f"/assessments/{combined.pk}/result/"
    assert combined.status == "submitted" and combined.diagnosis.level == 2
    assert set(combined.checklist) == {"L2.1", "L2.2", "L2.3", "L3.1"}
    assert combined.indicators["e_work_order_pct"] == 70
    assert combined.dimensions["work_orders"] == 3
    assert combined.pain_point_1 == "总监的痛点"  # the opener's homework
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    # The combined result is the company's result; the responses are not in its history.
    history = client.get(f"/companies/{company.pk}/").content.decode()
    assert f"/assessments/{combined.pk}/result/" in history
    assert f"/assessments/{drafts[team['it'].pk].pk}/result/" not in history
    assert (
        "多人评估的合并结果" in client.get(f"/assessments/{combined.pk}/result/").content.decode()
    )


def test_a_round_cannot_close_empty_and_is_locked_once_closed(client, team):
    company, content = team["company"], team["content"]
    round_ = round_services.open_round(
        company=company,
        opened_by=team["owner"],
        respondents=[(team["owner"], ""), (team["parts"], "")],
    )
    with pytest.raises(round_services.RoundHasNoAnswers):
        round_services.close_round(round_, user=team["owner"])
    mine = round_.assessments.get(respondent=team["owner"])
    answer(mine, team["owner"], content, checklist=["L1.1", "L1.2", "L1.3"])
    round_services.close_round(round_, user=team["owner"])
    late = round_.assessments.get(respondent=team["parts"])
    with pytest.raises(questionnaire_services.AssessmentLocked):
        questionnaire_services.save_step(
            late, step=1, answers={"checklist": ["L2.1"]}, user=team["parts"]
        )
    client.force_login(team["parts"])
    response = client.get(f"/assessments/{late.pk}/step/1/")
    assert response["Location"] == f"/rounds/{round_.pk}/"
    with pytest.raises(round_services.RoundClosed):
        round_services.close_round(round_, user=team["owner"])


def test_only_one_open_round_and_only_members_respond(team):
    company = team["company"]
    round_services.open_round(
        company=company, opened_by=team["owner"], respondents=[(team["owner"], "")]
    )
    with pytest.raises(round_services.RoundAlreadyOpen):
        round_services.open_round(
            company=company, opened_by=team["owner"], respondents=[(team["parts"], "")]
        )
    other = make_company()
    with pytest.raises(ValueError):
        round_services.open_round(
            company=other,
            opened_by=other.memberships.get().user,
            respondents=[(team["parts"], "")],
        )


def test_a_consultant_reads_the_round_but_cannot_close_it(client, team):
    company, content = team["company"], team["content"]
    round_ = round_services.open_round(
        company=company, opened_by=team["owner"], respondents=[(team["owner"], "")]
    )
    answer(round_.assessments.get(), team["owner"], content, checklist=["L1.1", "L1.2", "L1.3"])
    consultant = make_consultant(clients=[company])
    client.force_login(consultant)
    assert client.get(f"/rounds/{round_.pk}/").status_code == 200
    assert client.post(f"/rounds/{round_.pk}/close/").status_code == 404
    assert client.get(f"/companies/{company.pk}/rounds/new/").status_code == 404


def test_the_single_flow_is_unchanged_by_an_open_round(client, team):
    company, content = team["company"], team["content"]
    round_services.open_round(
        company=company, opened_by=team["owner"], respondents=[(team["owner"], "")]
    )
    single = make_assessment(company, team["owner"], content, checklist=["L2.1", "L2.2", "L2.3"])
    assert single.kind == AssessmentKind.SINGLE and single.round is None
    assert single.diagnosis.level == 2
    again = questionnaire_services.reassess(previous=single, user=team["owner"])
    assert again.kind == AssessmentKind.SINGLE and again.copied_from == single
